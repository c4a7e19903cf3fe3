import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import * as jsonc from 'jsonc-parser';
import { typoDistance } from '../did-you-mean.js';
import { bundleKind, withShortcut } from '../pipeline/join.js';
import { publishedTest } from '../pipeline/published.js';
import { SettingsError, type SettingsProblem } from './errors.js';
import { jsonSyntaxProblem } from './json-syntax.js';
import { SETTINGS, SETTING_KEYS, configFileSchema, inputName, type SettingKey, type Settings } from './schema.js';

export interface ConfigFile {
  /** The path as the user named it, used in messages and to resolve relative paths. */
  path: string;
  text: string;
}

/** A mediasync.config.mjs (or .js): its default export, run rather than parsed. */
export interface ModuleConfigFile {
  path: string;
  values: unknown;
  /** Absolute paths of the files the module imported as it loaded (helpers, secrets): never synced, as it is not. */
  imports?: readonly string[];
}

export interface SettingsSources {
  file?: ConfigFile | ModuleConfigFile;
  /** Raw action inputs by setting key; empty strings count as unset. */
  inputs?: Partial<Record<SettingKey, string>>;
  /** Folder that relative paths given as inputs are resolved against. */
  cwd: string;
}

type Values = Partial<Record<SettingKey, unknown>>;

const validate = new Ajv({ allErrors: true, strict: false }).compile(configFileSchema());

/**
 * Settings from defaults, then the config file, then inputs (input > file > default), validated.
 * Throws a SettingsError listing every problem in every source.
 */
export function resolveSettings(sources: SettingsSources): Settings {
  const problems: SettingsProblem[] = [];
  const fromFile = sources.file ? ('values' in sources.file ? readModuleValues(sources.file, problems) : readFileValues(sources.file, problems)) : {};
  // A file that could not be read says nothing about which keys it sets: checks across keys would only add noise.
  const fileUnreadable = fromFile === undefined;
  const fromInputs = readInputValues(sources.inputs ?? {}, problems);

  const fileDir = sources.file ? path.dirname(path.resolve(sources.cwd, sources.file.path)) : sources.cwd;
  const merged: Values = {};
  for (const key of SETTING_KEYS) {
    const fromInput = fromInputs[key];
    const value = fromInput !== undefined ? fromInput : fromFile?.[key] !== undefined ? fromFile[key] : SETTINGS[key].default;
    if (value === undefined) continue;
    merged[key] =
      typeof value === 'string' && isPathValue(key, value)
        ? path.resolve(fromInput !== undefined ? sources.cwd : fileDir, value)
        : value;
  }
  if (typeof merged.CACHE_BUSTER === 'number') merged.CACHE_BUSTER = String(merged.CACHE_BUSTER);
  if (!fileUnreadable) problems.push(...crossChecks(merged, new Set(problems.map((problem) => problem.key))));
  if (problems.length > 0) throw new SettingsError(problems);
  // A function CACHE_BUSTER (from a settings module) is kept as it is; the rest is copied.
  const { CACHE_BUSTER, ...plain } = merged;
  return { ...structuredClone(plain), ...(CACHE_BUSTER === undefined ? {} : { CACHE_BUSTER }) } as unknown as Settings;
}

function isPathValue(key: SettingKey, value: string): boolean {
  const { isPath } = SETTINGS[key];
  return typeof isPath === 'function' ? isPath(value) : isPath === true;
}

/** The file's settings, or undefined when it is not a JSON object. */
function readFileValues(file: ConfigFile, problems: SettingsProblem[]): Values | undefined {
  // Editors on Windows save UTF-8 with a byte order mark; it is not part of the JSON.
  const text = file.text.replace(/^\uFEFF/, '');
  const tree = parseJson(text, file.path, problems);
  if (!tree) return undefined;
  if (tree.type !== 'object') {
    problems.push({ source: file.path, message: 'must hold a JSON object of settings, such as {"MEDIA_ROOT": "media"}' });
    return undefined;
  }
  const at = (offset: number) => `${file.path}:${lineColumn(text, offset)}`;
  problems.push(...duplicateKeys(tree, at));
  // getNodeValue builds prototype-less objects: a "__proto__" key is just an unknown key.
  const values = jsonc.getNodeValue(tree) as Values;
  const where = (key?: string): string => at((key === undefined ? tree : jsonc.findNodeAtLocation(tree, [key])?.parent)?.offset ?? 0);
  problems.push(...valueProblems(values, where));
  const { $schema: _schema, ...settings } = values as Values & { $schema?: unknown };
  return settings;
}

/** The JSON tree of `text`, or undefined after reporting why there is none. */
function parseJson(text: string, source: string, problems: SettingsProblem[], key?: SettingKey): jsonc.Node | undefined {
  const parseErrors: jsonc.ParseError[] = [];
  // JSON with comments and trailing commas, as tsconfig.json takes.
  const tree = jsonc.parseTree(text, parseErrors, { disallowComments: false, allowTrailingComma: true });
  if (jsonc.stripComments(text).trim() === '') {
    problems.push({ source, key, message: 'is empty; expected a JSON object of settings, such as {"MEDIA_ROOT": "media"}' });
    return undefined;
  }
  // Only the first: the ones after it are mostly the parser losing its place.
  const [error] = parseErrors;
  if (error) {
    const python = pythonConstructs(text);
    problems.push(
      python.length > 0
        ? { source: `${source}:${python[0].at}`, key, message: `is a Python dict, not JSON (${python.map((found) => `${found.what} at ${found.at}`).join(', ')}): see README 'From a Django MEDIASYNC dict'` }
        : { source: `${source}:${lineColumn(text, error.offset)}`, key, message: `is not valid JSON: ${jsonSyntaxProblem(text, error)}` }
    );
    return undefined;
  }
  return tree;
}

/** What gives away a pasted settings.py block, by the Python syntax JSON does not have. */
const PYTHON: [what: string, pattern: RegExp][] = [
  ['an assignment (MEDIASYNC = {)', /^[ \t]*[A-Za-z_]\w*[ \t]*=[ \t]*\{/m],
  ["'single quotes'", /'[^'\n]*'/],
  ['True', /\bTrue\b/],
  ['False', /\bFalse\b/],
  ['None', /\bNone\b/],
  ['lambda', /\blambda\b/],
  ['a # comment', /(?<=^|[ \t,{[])#/m],
  ['os.environ or os.path', /\bos\.(environ|path)\b/]
];

/** The first place of each Python construct in text that did not parse as JSON, in the order they appear; never inside a "string". */
function pythonConstructs(text: string): { what: string; at: string; offset: number }[] {
  // Blanked to the same length, so offsets still point into the text.
  const outsideStrings = text.replace(/"(?:[^"\\\n]|\\.)*"/g, (string) => ' '.repeat(string.length));
  return PYTHON.flatMap(([what, pattern]) => {
    const match = pattern.exec(outsideStrings);
    if (!match) return [];
    const offset = match.index + match[0].length - match[0].trimStart().length;
    return [{ what, at: lineColumn(text, offset), offset }];
  }).sort((a, b) => a.offset - b.offset);
}

/**
 * Every key given twice in one object, at any depth: JSON parsers keep the last silently, so a
 * setting pasted twice would quietly lose its first value. Names the key and both positions.
 */
function duplicateKeys(tree: jsonc.Node, at: (offset: number) => string, setting?: string): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const visit = (node: jsonc.Node, top: string | undefined): void => {
    if (node.type === 'array') for (const child of node.children ?? []) visit(child, top);
    if (node.type !== 'object') return;
    const first = new Map<string, jsonc.Node>();
    for (const property of node.children ?? []) {
      const [nameNode, valueNode] = property.children ?? [];
      const name = String(nameNode?.value);
      const earlier = first.get(name);
      const owner = top ?? name;
      if (earlier) {
        const both = `at ${at(earlier.offset)} and at ${at(property.offset)}`;
        problems.push({
          source: at(property.offset),
          key: displayKey(owner),
          message: top === undefined ? `is set twice, ${both}; allowed: each setting once` : `has ${shown(name)} twice, ${both}; allowed: each key once`
        });
      } else first.set(name, property);
      if (valueNode) visit(valueNode, owner);
    }
  };
  visit(tree, setting);
  return problems;
}

/**
 * A settings module's values, checked as a file's are (the same checks and messages); CACHE_BUSTER
 * may be a function of the URL, as in the seed. Anything JSON could not hold is refused first.
 */
function readModuleValues(file: ModuleConfigFile, problems: SettingsProblem[]): Values | undefined {
  const { values } = file;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    problems.push({ source: file.path, message: `exports ${values === null ? 'null' : Array.isArray(values) ? 'an array' : typeof values} by default; expected an object of settings, such as export default { MEDIA_ROOT: 'media' }` });
    return undefined;
  }
  // A key set to undefined (an unset environment variable) is left unset.
  const defined = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Values & { $schema?: unknown };
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(defined)) {
    if (key === 'CACHE_BUSTER' && typeof value === 'function') continue;
    const reason = Object.hasOwn(SETTINGS, key) ? notPlainData(value) : undefined;
    if (reason) problems.push({ source: file.path, key, message: `${reason}; allowed: ${SETTINGS[key as SettingKey].allowed}` });
    else data[key] = value;
  }
  problems.push(...valueProblems(data, () => file.path));
  const { $schema: _schema, ...settings } = defined;
  return settings;
}

/** Why a module's value is not data a JSON file could hold (a BigInt, a cycle, a URL or boxed Number object), or undefined. */
function notPlainData(value: unknown, within: readonly object[] = []): string | undefined {
  const is = within.length === 0 ? 'is' : 'holds';
  if (typeof value === 'bigint') return `${is} a BigInt (${value}n)`;
  if (typeof value === 'function' || typeof value === 'symbol') return `${is} a ${typeof value}`;
  if (typeof value !== 'object' || value === null) return undefined;
  if (within.includes(value)) return 'holds a circular reference';
  const prototype: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
    return `${is} a ${(value.constructor as { name?: string } | undefined)?.name || 'class instance'} object, not plain data`;
  }
  for (const child of Object.values(value)) {
    const reason = notPlainData(child, [...within, value]);
    if (reason) return reason;
  }
  return undefined;
}

function readInputValues(inputs: Partial<Record<SettingKey, string>>, problems: SettingsProblem[]): Values {
  const found: SettingsProblem[] = [];
  const values = parseInputs(inputs, found);
  // Inputs have no positions: report them in the order the settings are documented.
  const order = (problem: SettingsProblem) => SETTING_KEYS.indexOf(problem.key as SettingKey);
  problems.push(...found.sort((a, b) => order(a) - order(b)));
  return values;
}

function parseInputs(inputs: Partial<Record<SettingKey, string>>, problems: SettingsProblem[]): Values {
  const values: Values = {};
  for (const key of SETTING_KEYS) {
    const raw = inputs[key];
    if (raw === undefined || raw.trim() === '') continue;
    const source = `input ${inputName(key)}`;
    const parsed = parseInput(key, raw.trim(), source, problems);
    if (parsed.ok) values[key] = parsed.value;
    else if (parsed.reason) problems.push({ source, key, message: `${parsed.reason}; allowed: ${SETTINGS[key].allowed}` });
  }
  problems.push(...valueProblems(values, (key) => `input ${inputName(key as SettingKey)}`));
  return values;
}

/**
 * Inputs are strings; turn each into the type its setting holds. A JSON input reports its own
 * problems (with positions) and gives no reason.
 */
function parseInput(key: SettingKey, raw: string, source: string, problems: SettingsProblem[]): { ok: true; value: unknown } | { ok: false; reason?: string } {
  const type = SETTINGS[key].type;
  if (type === 'boolean') {
    if (/^true$/i.test(raw)) return { ok: true, value: true };
    if (/^false$/i.test(raw)) return { ok: true, value: false };
    return { ok: false, reason: `got ${shown(raw)}` };
  }
  if (type === 'integer') {
    return /^-?\d+$/.test(raw) ? { ok: true, value: Number(raw) } : { ok: false, reason: `got ${shown(raw)}` };
  }
  if (type === 'number') {
    return /^-?\d+(\.\d+)?$/.test(raw) ? { ok: true, value: Number(raw) } : { ok: false, reason: `got ${shown(raw)}` };
  }
  if (type === 'array' && !raw.startsWith('[')) return { ok: true, value: raw.split('\n').map((line) => line.trim()).filter(Boolean) };
  if (type === 'object' || type === 'array') {
    const unparsed: SettingsProblem[] = [];
    const tree = parseJson(raw, source, unparsed, key);
    for (const problem of unparsed) problems.push({ ...problem, message: `${problem.message}; allowed: ${SETTINGS[key].allowed}` });
    const duplicates = tree ? duplicateKeys(tree, (offset) => `${source}:${lineColumn(raw, offset)}`, key) : [];
    problems.push(...duplicates);
    return tree && duplicates.length === 0 ? { ok: true, value: jsonc.getNodeValue(tree) } : { ok: false };
  }
  return { ok: true, value: raw };
}

/** What the schema refuses, then what each setting's own check refuses among the values it let through. */
function valueProblems(values: Values, where: (key?: string) => string): SettingsProblem[] {
  const problems = validate(values) ? [] : schemaProblems(validate.errors ?? [], values, where);
  for (const key of SETTING_KEYS) {
    const reason = values[key] === undefined || problems.some((problem) => problem.key === key) ? undefined : SETTINGS[key].check?.(values[key]);
    if (reason) problems.push({ source: where(key), key, message: `${reason}; allowed: ${SETTINGS[key].allowed}` });
  }
  return problems;
}

function schemaProblems(errors: ErrorObject[], values: Values, where: (key?: string) => string): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'additionalProperties' && error.instancePath === '') {
      const key = String(error.params.additionalProperty);
      const suggestion = closestKey(key);
      problems.push({
        source: where(key),
        key: displayKey(key),
        message: `is not a mediasync setting${suggestion ? `; did you mean ${suggestion}?` : ''}`
      });
      continue;
    }
    // A JSON Pointer segment: ~1 and ~0 stand for / and ~.
    const key = error.instancePath.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!key || seen.has(key) || !Object.hasOwn(SETTINGS, key)) continue;
    seen.add(key);
    problems.push({ source: where(key), key, message: `${describe(key as SettingKey, values[key as SettingKey])}; allowed: ${SETTINGS[key as SettingKey].allowed}` });
  }
  return problems;
}

/** How a refused value is shown: never a credential or a URL's user:pass@, query or fragment, never a page of text. */
function describe(key: SettingKey, value: unknown): string {
  if (SETTINGS[key].secret) return 'is not valid (value hidden)';
  if (key === 'AWS_ENDPOINT' || key === 'REMOTE_MEDIA_URL' || key === 'MEDIA_URL') {
    if (JSON.stringify(value)?.includes('@')) return 'holds an @, as in user:pass@ (value not shown)';
  }
  return `is ${shown(value)}`;
}

const SHOWN_LENGTH = 80;

/** A URL's user:pass@ (or token@) anywhere in a value: a credential pasted into any setting. */
const URL_CREDENTIALS = /\/\/[^/@\s"]*@/;

/**
 * In JSON text, where signed URLs and tokens travel: a URL's query or fragment (after `//`, up to
 * the string's end), and a `?` or `#` with an `=` after it in the same string (a URL without a
 * scheme). Each is shown as `?…` or `#…`.
 */
const URL_QUERY = /(\/\/(?:[^"\\?#]|\\.)*)([?#])(?:[^"\\]|\\.)*/g;
const QUERY_LIKE = /([?#])(?=(?:[^"\\=]|\\.)*=)(?:[^"\\]|\\.)*/g;

/** The value as JSON (control characters escaped), cut to a readable length; never a URL's credentials, query or fragment. */
export function shown(value: unknown): string {
  // JSON has no Infinity (a 1e400 in the file): JSON.stringify would say null.
  const json = typeof value === 'number' && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? String(value));
  return safeJson(json, 'a value', (cut) => `${cut}… (${json.length} characters of JSON)`);
}

/** In text cut short: a `?` or `#` in the string the cut left open, whose `=` may lie past the cut. */
const OPEN_QUERY = /([?#])(?:[^"\\]|\\.)*$/;

/**
 * JSON text as it may be printed: none at all when it holds a URL's user:pass@, else cut to
 * SHOWN_LENGTH (marked by `cutShort`) and then any query hidden, so the patterns run on a bounded text.
 */
function safeJson(json: string, what: string, cutShort: (cut: string) => string): string {
  if (URL_CREDENTIALS.test(json)) return `${what} holding a URL with user:pass@ (not shown)`;
  const hide = (text: string) => text.replace(URL_QUERY, '$1$2…').replace(QUERY_LIKE, '$1…');
  return json.length <= SHOWN_LENGTH ? hide(json) : cutShort(hide(json.slice(0, SHOWN_LENGTH)).replace(OPEN_QUERY, '$1…'));
}

/** A key as it may be printed: plain when it looks like a setting name, else quoted JSON, cut short, as careful with URLs as `shown`. */
function displayKey(key: string): string {
  if (/^[A-Za-z0-9_$.-]{1,64}$/.test(key)) return key;
  return safeJson(JSON.stringify(key), 'a name', (cut) => `${cut}…"`);
}

function closestKey(key: string): string | undefined {
  if (key.length > 64) return undefined;
  const upper = key.toUpperCase().replace(/-/g, '_');
  let best: { key: string; distance: number } | undefined;
  for (const candidate of SETTING_KEYS) {
    const distance = typoDistance(upper, candidate);
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.key.length / 3)) ? best.key : undefined;
}

/** Checks that involve more than one key or the merged result. */
function crossChecks(values: Values, refused: ReadonlySet<string | undefined>): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (values.MEDIA_ROOT === undefined) {
    problems.push({ source: 'settings', key: 'MEDIA_ROOT', message: `is required; allowed: ${SETTINGS.MEDIA_ROOT.allowed}` });
  }
  if (values.BACKEND === 's3' || values.BACKEND === 'mediasync.backends.s3') {
    if (values.AWS_BUCKET === undefined) {
      problems.push({ source: 'settings', key: 'AWS_BUCKET', message: `is required by the s3 backend; allowed: ${SETTINGS.AWS_BUCKET.allowed}` });
    }
  }
  problems.push(...unpublishedAliases(values, refused));
  if ((values.AWS_KEY === undefined) !== (values.AWS_SECRET === undefined)) {
    problems.push({
      source: 'settings',
      key: values.AWS_KEY === undefined ? 'AWS_KEY' : 'AWS_SECRET',
      message: 'is missing: AWS_KEY and AWS_SECRET go together (leave both unset to use the default credential chain)'
    });
  }
  return problems;
}

/**
 * A JOINED alias is stored at its own path: one the sync would never publish (hidden, underscore
 * or EXCLUDEd, after CSS_PATH / JS_PATH) is refused, for the sync, the tags and the dev server alike.
 */
function unpublishedAliases(values: Values, refused: ReadonlySet<string | undefined>): SettingsProblem[] {
  // A value refused already (of the wrong type, a glob too long to match) says nothing more.
  if ((['JOINED', 'EXCLUDE', 'CSS_PATH', 'JS_PATH'] as const).some((key) => refused.has(key))) return [];
  const { JOINED, EXCLUDE, CSS_PATH, JS_PATH } = values as Pick<Settings, 'JOINED' | 'EXCLUDE' | 'CSS_PATH' | 'JS_PATH'>;
  const whyUnpublished = publishedTest(EXCLUDE);
  return Object.keys(JOINED).flatMap((raw) => {
    const kind = bundleKind(raw);
    // An alias of no kind is refused by the schema already.
    const alias = kind && withShortcut(raw, kind, { CSS_PATH, JS_PATH });
    const why = alias && whyUnpublished(alias);
    return why
      ? [{ source: 'settings', key: 'JOINED', message: `alias ${raw}${alias === raw ? '' : ` (${alias})`} names a path that is never published (${why}); allowed: an alias with no hidden, underscore or settings-file-named folder or name, not EXCLUDEd` }]
      : [];
  });
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${line}:${column}`;
}
