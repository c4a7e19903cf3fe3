// The reference stage: what each CSS and JS file refers to, resolved to paths in MEDIA_ROOT, and
// the parts of a JOINED bundle made fit to be served from the bundle's folder.
import { joinParts, type BundleKind } from '../join.js';
import { jsPartMustClose, MinifyError, minifiableKind } from '../minifiable.js';
import { sourceText } from '../source-text.js';
import { cssBundleHead, cssPart } from './bundle-css.js';
import { cssReferences } from './css.js';
import { JsSyntaxError, jsReferences, scanScript } from './js.js';
import { applyEdits, type Edit } from './position.js';
import { isRelativeUrl, resolveUrl } from './urls.js';

/** One edge of the graph: `file` refers, at line:column, to `url`, which names `target` in MEDIA_ROOT (undefined: it leaves MEDIA_ROOT). */
export interface Reference {
  file: string;
  line: number;
  column: number;
  url: string;
  target: string | undefined;
}

/** A sourceMappingURL comment: its URL and the range of the whole comment. */
export interface MapComment {
  url: string;
  start: number;
  end: number;
}

export interface FileReferences {
  references: Reference[];
  mapComments: MapComment[];
  /** For JS: whether the file is an ES module; undefined when it parses as neither kind. */
  module?: boolean;
  /** For JS: the MEDIA_ROOT paths its import specifiers name, in order, once each (for the import map). */
  imports?: string[];
}

function byPosition(a: Reference, b: Reference): number {
  return a.line - b.line || a.column - b.column;
}

/**
 * Whether a module specifier names a file of MEDIA_ROOT, and which (undefined: one outside it): a
 * relative one resolved from `file`, a root-relative one under the media URL's path (`mediaPath`).
 * Bare names (`three`) are for an import map to resolve; other root-relative paths are the site's.
 */
function importTarget(specifier: string, file: string, mediaPath: string | undefined): { target: string | undefined } | undefined {
  if (specifier.startsWith('./') || specifier.startsWith('../')) return { target: resolveUrl(specifier, file) };
  if (mediaPath === undefined || specifier.startsWith('//') || !specifier.startsWith(`${mediaPath}/`)) return undefined;
  return { target: resolveUrl(specifier.slice(mediaPath.length + 1), '') };
}

export function fileReferences(kind: BundleKind, text: string, file: string, mediaPath?: string): FileReferences {
  const edge = ({ url, line, column }: { url: string; line: number; column: number }): Reference => ({ file, line, column, url, target: resolveUrl(url, file) });
  if (kind === 'css') {
    const found = cssReferences(text);
    return { references: [...found.imports, ...found.urls, ...found.sourceMaps].filter((ref) => isRelativeUrl(ref.url)).map(edge).sort(byPosition), mapComments: found.sourceMaps };
  }
  try {
    const found = jsReferences(text, file);
    const imports = found.imports.flatMap((ref) => {
      const named = importTarget(ref.url, file, mediaPath);
      return named === undefined ? [] : [{ ...edge(ref), ...named }];
    });
    const targets = [...new Set(imports.flatMap((ref) => (ref.target === undefined ? [] : [ref.target])))];
    return { references: [...imports, ...found.sourceMaps.filter((ref) => isRelativeUrl(ref.url)).map(edge)].sort(byPosition), mapComments: found.sourceMaps, module: found.module, imports: targets };
  } catch (error) {
    if (error instanceof JsSyntaxError) return { references: [], mapComments: [], imports: [] };
    throw error;
  }
}

/** A JOINED JS bundle refuses ES modules: concatenated, their imports and exports break. */
export class ModuleBundleError extends Error {
  constructor(bundle: string, part: string) {
    super(`JOINED ${bundle}: part ${part} is an ES module (import/export or top-level await); modules cannot be joined, load it with <script type="module"> instead`);
    this.name = 'ModuleBundleError';
  }
}

/**
 * A JS part of a JOINED bundle without its sourceMappingURL comments (they would claim the whole
 * bundle), which are returned. A hashbang is valid only at the very start of a script: it becomes
 * a line comment of the same length, so the part's lines and columns stay where they were. A part
 * left inside a comment, string, template or regular expression fails, minified or not, whatever
 * else is wrong in it: it would take in the next part. Other parts that do not parse (an intro and
 * an outro that wrap the parts between them in a function, code only a browser accepts) are
 * joined as they are, less their sourceMappingURL comments.
 */
export function jsPart(text: string, part: string, bundle: string): { body: string; mapComments: MapComment[] } {
  const hashbang: Edit[] = text.startsWith('#!') ? [{ start: 0, end: 2, text: '//' }] : [];
  let found;
  try {
    found = jsReferences(text, part);
  } catch (error) {
    if (!(error instanceof JsSyntaxError)) throw error;
    const { unterminated, sourceMaps } = scanScript(text);
    if (unterminated) throw new MinifyError(part, unterminated.line, unterminated.column, `${unterminated.reason} (${jsPartMustClose(bundle)})`, 'join');
    return { body: applyEdits(text, [...hashbang, ...sourceMaps.map(({ start, end }) => ({ start, end, text: '' }))]), mapComments: sourceMaps };
  }
  if (found.module) throw new ModuleBundleError(bundle, part);
  return { body: applyEdits(text, [...hashbang, ...found.sourceMaps.map(({ start, end }) => ({ start, end, text: '' }))]), mapComments: found.sourceMaps };
}

/** What the reference stage hands the minifiers for one object. */
export interface PreparedSources {
  /** The sources to minify and join, in order. */
  inputs: Buffer[];
  /** Bytes that go before the joined parts (a CSS bundle's @charset and @import rules). */
  head?: Buffer;
  /** For a single JS or CSS file: what it refers to. Parts of a bundle are synced, and checked, as files of their own. */
  references: Reference[];
  /** For a single JS file: whether it is an ES module. */
  module?: boolean;
  /** For a single JS file: the MEDIA_ROOT paths it imports. */
  imports?: string[];
  /** Each source's sourceMappingURL comments (still in a single file's input; taken out of a bundle's parts). */
  mapComments: MapComment[][];
}

/** Run the reference stage on the sources of one object: a file, or a JOINED bundle's parts. */
export function prepareSources(path: string, joinKind: BundleKind | undefined, sources: readonly { relPath: string }[], bodies: readonly Buffer[], mediaPath?: string): PreparedSources {
  if (joinKind === 'css') {
    const parts = sources.map((source, index) => cssPart(sourceText(bodies[index]), source.relPath, path));
    return { inputs: parts.map((part) => Buffer.from(part.body, 'utf8')), head: Buffer.from(cssBundleHead(parts), 'utf8'), references: [], mapComments: parts.map((part) => part.mapComments) };
  }
  if (joinKind === 'js') {
    const parts = sources.map((source, index) => jsPart(sourceText(bodies[index]), source.relPath, path));
    return { inputs: parts.map((part) => Buffer.from(part.body, 'utf8')), references: [], mapComments: parts.map((part) => part.mapComments) };
  }
  const kind = minifiableKind(sources[0].relPath);
  if (!kind) return { inputs: [...bodies], references: [], mapComments: [[]] };
  const { mapComments, ...found } = fileReferences(kind, sourceText(bodies[0]), sources[0].relPath, mediaPath);
  return { inputs: [...bodies], ...found, mapComments: [mapComments] };
}

/** A JOINED bundle's bytes: the head the reference stage made, then the (minified) parts joined. */
export function joinBundle(kind: BundleKind, prepared: PreparedSources, outputs: readonly Buffer[]): Buffer {
  const joined = joinParts(kind, outputs);
  return prepared.head?.length ? Buffer.concat([prepared.head, joined]) : joined;
}
