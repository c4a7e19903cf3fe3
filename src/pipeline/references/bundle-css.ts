// A stylesheet made a part of a JOINED CSS bundle served from another folder: its relative URLs
// rebased to the bundle's folder, its @import rules lifted out (an @import after the first rule is
// ignored by browsers, so the bundle states them all at its top) with the @layer statements before
// them (which order the layers the imports name), its @charset and source-map comments taken out.
import postcss, { CssSyntaxError } from 'postcss';
import { cssPartMustParse, MinifyError } from '../minifiable.js';
import { cssReferences, importRule, writeUrl } from './css.js';
import { applyEdits, type Edit } from './position.js';
import { isRelativeUrl, rebaseUrl } from './urls.js';

export interface CssPart {
  /** The part's text, ready to minify and join. */
  body: string;
  /** Its @import rules, rebased, in order. */
  imports: string[];
  /** The @layer statements it starts with, before any @import, in order. */
  layers: string[];
  charset?: string;
  /** The sourceMappingURL comments taken out. */
  mapComments: { url: string; start: number; end: number }[];
}

export function cssPart(text: string, part: string, bundle: string): CssPart {
  checkWhole(text, part, bundle);
  const references = cssReferences(text);
  const edits: Edit[] = [];
  for (const reference of references.urls) {
    if (!isRelativeUrl(reference.url)) continue;
    const rebased = rebaseUrl(reference.url, part, bundle);
    if (rebased !== reference.url) edits.push({ start: reference.start, end: reference.end, text: writeUrl(rebased, reference.form, text.slice(reference.start, reference.end)) });
  }
  const imports = references.imports.map((rule) => {
    edits.push({ start: rule.ruleStart, end: rule.ruleEnd, text: '' });
    const url = isRelativeUrl(rule.url) ? rebaseUrl(rule.url, part, bundle) : rule.url;
    const written = url === rule.url ? text.slice(rule.expressionStart, rule.expressionEnd) : writeUrl(url, rule.form, text.slice(rule.start, rule.end));
    return importRule(written, rule.conditions);
  });
  for (const comment of references.sourceMaps) edits.push({ start: comment.start, end: comment.end, text: '' });
  if (references.charset) edits.push({ start: references.charset.start, end: references.charset.end, text: '' });
  // Only the statements before the part's first @import: one after it orders its layers after
  // the ones that @import names, and stays after it in the part's body.
  const firstImport = references.imports[0]?.ruleStart ?? text.length;
  const layers = references.layerStatements.filter((rule) => rule.start < firstImport).map((rule) => {
    edits.push({ start: rule.start, end: rule.end, text: '' });
    return rule.text.endsWith(';') ? rule.text : `${rule.text};`;
  });
  return { body: applyEdits(text, edits), imports, layers, charset: references.charset?.text, mapComments: references.sourceMaps };
}

/**
 * A part is parsed strictly, as minify.ts parses a file, minified or not: what it leaves open (a
 * comment, a block, a string) would take in the next part, and a stray `}` the next rule.
 */
function checkWhole(text: string, part: string, bundle: string): void {
  try {
    postcss.parse(text, { from: part });
  } catch (error) {
    if (!(error instanceof CssSyntaxError)) throw error;
    throw new MinifyError(part, error.line, error.column, `${error.reason} (${cssPartMustParse(bundle)})`, 'join');
  }
}

/**
 * What goes before the joined parts: the first part's @charset, every part's leading @layer
 * statements, then every @import once, in order of appearance. An @import may follow only
 * @charset and @layer statements, and one after an @layer statement that follows an @import is
 * ignored: the statements all go first.
 */
export function cssBundleHead(parts: readonly CssPart[]): string {
  const charset = parts[0]?.charset;
  const imports = [...new Set(parts.flatMap((part) => part.imports))];
  const lines = [...(charset ? [charset] : []), ...parts.flatMap((part) => part.layers), ...imports];
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
