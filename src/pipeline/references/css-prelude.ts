// A stylesheet's leading @charset, @layer statements and @import rules, set aside from what
// clean-css sees and written back the way it writes them. clean-css rewrites every @import URL
// whatever its options: relative to the working folder, or to the file's folder when given a file
// name, and path-normalized either way (`a.css?v=1/../x` becomes `x`), so a stylesheet's imports
// would point elsewhere once synced. It also cannot parse an `@layer a, b;` statement.
import { cssReferences, importRule, writeUrl } from './css.js';

export interface CssPrelude {
  /** The rules set aside, in order, on one line; empty when there is nothing to set aside. */
  head: string;
  /** The text with those rules blanked out, every line and column where it was, for a source map. */
  rest: string;
}

export function cssPrelude(text: string): CssPrelude {
  const found = cssReferences(text);
  const imports = found.imports.filter((rule) => rule.ruleStart < found.preludeEnd);
  if (imports.length === 0 && found.layerStatements.length === 0) return { head: '', rest: text };
  const rules = [
    ...(found.charset && found.charset.start < found.preludeEnd ? [found.charset] : []),
    ...found.layerStatements,
    ...imports.map((rule) => ({ start: rule.ruleStart, end: rule.ruleEnd, text: importRule(writeUrl(rule.url, 'url-token', text.slice(rule.start, rule.end)), rule.conditions) }))
  ].sort((a, b) => a.start - b.start);
  let rest = text;
  for (const rule of rules) rest = rest.slice(0, rule.start) + blank(text.slice(rule.start, rule.end)) + rest.slice(rule.end);
  return { head: rules.map((rule) => oneLine(rule.text)).join(''), rest };
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/** A rule as clean-css writes one: whitespace runs made one space, and a final `;`. */
function oneLine(rule: string): string {
  return `${rule.replace(/\s+/g, ' ').trim().replace(/\s*;$/, '')};`;
}
