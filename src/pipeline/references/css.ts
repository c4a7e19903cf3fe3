// The references of a stylesheet, found with a CSS tokenizer (quoted URLs with parentheses,
// escapes and comments are the tokenizer's business, not a regular expression's).
import { tokenize, type CSSToken } from '@csstools/css-tokenizer';
import { positionLookup } from './position.js';

/** How a URL is written, which decides how a rewritten one is written back. */
export type UrlForm = 'url-token' | 'string';

export interface CssUrl {
  /** The URL, unescaped and unquoted. */
  url: string;
  line: number;
  column: number;
  /** The source range that writes the URL: a whole `url(...)` token, or a quoted string. */
  start: number;
  end: number;
  form: UrlForm;
}

export interface CssImport extends CssUrl {
  /** The whole rule, from `@import` to its `;`. */
  ruleStart: number;
  ruleEnd: number;
  /** The URL as written in the rule, `url(...)` included. */
  expressionStart: number;
  expressionEnd: number;
  /** Media, supports() and layer conditions as written after the URL. */
  conditions: string;
}

export interface CssReferences {
  /** url() and image-set() strings outside @import rules. */
  urls: CssUrl[];
  /** Top-level @import rules. */
  imports: CssImport[];
  /** `/*# sourceMappingURL=... *\/` comments; the range is the whole comment. */
  sourceMaps: CssUrl[];
  /** A top-level `@charset` rule's range and text. */
  charset?: { start: number; end: number; text: string };
  /** `@layer a, b;` statements in the prelude: they order the layers that the imports after them name. */
  layerStatements: { start: number; end: number; text: string }[];
  /** Where the prelude ends: the offset of the first token that is not @charset, @import, an @layer statement, a comment or whitespace. */
  preludeEnd: number;
}

/** The at-rules a stylesheet may start with, before any other rule (an @layer statement is told apart by having no block). */
const PRELUDE_RULES = new Set(['charset', 'import']);
const IMAGE_SET = new Set(['image-set', '-webkit-image-set']);
const SOURCE_MAP_COMMENT = /^\/\*\s*[#@]\s*sourceMappingURL=(\S+)\s*\*\/$/;

function lower(token: CSSToken): string {
  return String((token[4] as { value?: unknown } | undefined)?.value ?? '').toLowerCase();
}

function isBlank(token: CSSToken | undefined): boolean {
  return token !== undefined && (token[0] === 'whitespace-token' || token[0] === 'comment');
}

export function cssReferences(text: string): CssReferences {
  const tokens = tokenize({ css: text });
  const at = positionLookup(text);
  const result: CssReferences = { urls: [], imports: [], sourceMaps: [], layerStatements: [], preludeEnd: text.length };
  let inPrelude = true;
  const url = (value: string, token: CSSToken, form: UrlForm): CssUrl => ({ url: value, ...at(token[2]), start: token[2], end: token[3] + 1, form });
  /** Names of the open functions and parentheses, innermost last. */
  const functions: string[] = [];
  let curly = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    const layerStatement = curly === 0 && token[0] === 'at-keyword-token' && lower(token) === 'layer' ? statementEnd(tokens, index) : undefined;
    if (inPrelude && !isBlank(token) && !layerStatement && !(token[0] === 'at-keyword-token' && PRELUDE_RULES.has(lower(token)))) {
      inPrelude = false;
      result.preludeEnd = token[0] === 'EOF-token' ? text.length : token[2];
    }
    if (layerStatement) {
      if (inPrelude) result.layerStatements.push({ start: token[2], end: layerStatement.end, text: text.slice(token[2], layerStatement.end) });
      index = layerStatement.last;
      continue;
    }
    switch (token[0]) {
      case 'comment': {
        const match = SOURCE_MAP_COMMENT.exec(token[1]);
        if (match) result.sourceMaps.push(url(match[1], token, 'string'));
        break;
      }
      case 'url-token':
        result.urls.push(url(String((token[4] as { value: string }).value), token, 'url-token'));
        break;
      case 'function-token':
        functions.push(lower(token));
        break;
      case '(-token':
        functions.push('');
        break;
      case ')-token':
        functions.pop();
        break;
      case '{-token':
        curly++;
        break;
      case '}-token':
        curly = Math.max(0, curly - 1);
        break;
      case 'string-token': {
        const inside = functions[functions.length - 1];
        if (inside === 'url' || inside === 'src' || (inside !== undefined && IMAGE_SET.has(inside))) result.urls.push(url(String((token[4] as { value: string }).value), token, 'string'));
        break;
      }
      case 'at-keyword-token':
        if (curly > 0) break;
        if (lower(token) === 'import') index = readImport(tokens, index, text, at, result);
        else if (lower(token) === 'charset') {
          const { last, end } = ruleEnd(tokens, index);
          result.charset = { start: token[2], end, text: text.slice(token[2], end) };
          index = last;
        }
        break;
    }
  }
  return result;
}

/** An at-rule without a block (`@layer a, b;`): its last token and end, as ruleEnd gives them; undefined when a `{` comes first. */
function statementEnd(tokens: CSSToken[], index: number): { last: number; end: number } | undefined {
  for (let next = index + 1; tokens[next][0] !== 'EOF-token'; next++) {
    if (tokens[next][0] === '{-token') return undefined;
    if (tokens[next][0] === 'semicolon-token') break;
  }
  return ruleEnd(tokens, index);
}

/** The `;` that ends the rule starting at `index`: its token index and the offset just past it (or the end of the text). */
function ruleEnd(tokens: CSSToken[], index: number): { last: number; end: number } {
  let depth = 0;
  let next = index + 1;
  for (; tokens[next][0] !== 'EOF-token'; next++) {
    const type = tokens[next][0];
    if (type === '(-token' || type === 'function-token' || type === '[-token' || type === '{-token') depth++;
    else if (type === ')-token' || type === ']-token' || type === '}-token') depth--;
    else if (type === 'semicolon-token' && depth <= 0) return { last: next, end: tokens[next][3] + 1 };
  }
  return { last: next - 1, end: tokens[next - 1][3] + 1 };
}

/** Record the @import at `index`; returns the index of its last token so the walk goes on after it. */
function readImport(tokens: CSSToken[], index: number, text: string, at: ReturnType<typeof positionLookup>, result: CssReferences): number {
  let next = index + 1;
  while (isBlank(tokens[next])) next++;
  const first = tokens[next];
  let found: { value: string; token: CSSToken; form: UrlForm; last: number } | undefined;
  if (first?.[0] === 'string-token') found = { value: String((first[4] as { value: string }).value), token: first, form: 'string', last: next };
  else if (first?.[0] === 'url-token') found = { value: String((first[4] as { value: string }).value), token: first, form: 'url-token', last: next };
  else if (first?.[0] === 'function-token' && lower(first) === 'url') {
    let inner = next + 1;
    while (isBlank(tokens[inner])) inner++;
    let close = inner + 1;
    while (isBlank(tokens[close])) close++;
    if (tokens[inner]?.[0] === 'string-token' && tokens[close]?.[0] === ')-token') {
      found = { value: String((tokens[inner][4] as { value: string }).value), token: tokens[inner], form: 'string', last: close };
    }
  }
  const { last, end } = ruleEnd(tokens, index);
  if (!found) return index;
  const afterUrl = tokens[found.last][3] + 1;
  const conditionsEnd = text[end - 1] === ';' ? end - 1 : end;
  result.imports.push({
    url: found.value,
    ...at(found.token[2]),
    start: found.token[2],
    end: found.token[3] + 1,
    form: found.form,
    ruleStart: tokens[index][2],
    ruleEnd: end,
    expressionStart: first[2],
    expressionEnd: afterUrl,
    conditions: text.slice(afterUrl, conditionsEnd).trim()
  });
  return last;
}

/** An @import rule written back from its URL expression (as written, or rewritten) and its conditions. */
export function importRule(expression: string, conditions: string): string {
  return `@import ${expression}${conditions ? ` ${conditions}` : ''};`;
}

const UNQUOTED_UNSAFE = /[\s"'()\\\x00-\x1f\x7f]/;

/** A URL written back in the form it had: `url(...)` unquoted when it can be, else quoted; strings keep their quote. */
export function writeUrl(value: string, form: UrlForm, original: string): string {
  if (form === 'url-token' && !UNQUOTED_UNSAFE.test(value)) return `url(${value})`;
  const quote = form === 'string' && original.startsWith("'") ? "'" : '"';
  const body = value.replace(/[\\\n\r\f]|["']/g, (char) => (char === quote || char === '\\' ? `\\${char}` : char === "'" || char === '"' ? char : `\\${char.charCodeAt(0).toString(16)} `));
  return form === 'url-token' ? `url(${quote}${body}${quote})` : `${quote}${body}${quote}`;
}
