// A stylesheet's leading @charset, @layer statements and @import rules, set aside from what
// clean-css sees. clean-css rewrites every @import URL whatever its options: relative to the
// working folder, or to the file's folder when given a file name, and path-normalized either way
// (`a.css?v=1/../x` becomes `x`), so a stylesheet's imports would point elsewhere once synced. It
// also cannot parse an `@layer a, b;` statement.
import { cssReferences, importRule } from './css.js';

export interface CssPrelude {
  /** The rules set aside, as written, in order; empty when there is nothing to set aside. */
  head: string;
  /** The text with those rules blanked out, every line and column where it was, for a source map. */
  rest: string;
}

export function cssPrelude(text: string): CssPrelude {
  const found = cssReferences(text);
  const imports = found.imports.filter((rule) => rule.ruleStart < found.preludeEnd);
  if (imports.length === 0 && found.layerStatements.length === 0) return { head: '', rest: text };
  const rules = [
    ...(found.charset ? [{ start: found.charset.start, end: found.charset.end, text: found.charset.text }] : []),
    ...found.layerStatements.map((rule) => ({ ...rule, text: rule.text.endsWith(';') ? rule.text : `${rule.text};` })),
    ...imports.map((rule) => ({ start: rule.ruleStart, end: rule.ruleEnd, text: importRule(text.slice(rule.expressionStart, rule.expressionEnd), rule.conditions) }))
  ].sort((a, b) => a.start - b.start);
  let rest = text;
  for (const rule of rules) rest = rest.slice(0, rule.start) + blank(text.slice(rule.start, rule.end)) + rest.slice(rule.end);
  return { head: rules.map((rule) => rule.text).join(''), rest };
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/** The minified rest with the head put back in front of it, the head on lines of its own. */
export function withPrelude(head: string, styles: string): string {
  return head ? `${head}\n${styles}` : styles;
}

/** Mappings of the minified rest moved down past the head's lines (which map to nothing). */
export function mappingsAfterPrelude(head: string, mappings: string): string {
  return head ? ';'.repeat(head.split('\n').length) + mappings : mappings;
}
