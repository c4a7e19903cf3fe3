// Valid CSS that clean-css 5.3 (the newest) cannot parse. Its warnings then describe the damage
// (`Invalid character(s) 'color:red' at 2:3. Ignoring.`), not the cause: a run that fails on one
// names the construct instead, and the way around it.
import type { AtRule, Root, Rule } from 'postcss';

export interface Unsupported {
  what: string;
  line?: number;
  column?: number;
}

const AT_RULES = new Set(['scope', 'starting-style']);

/** The first construct in `root` that clean-css does not support, if any. */
export function unsupportedByCleanCss(root: Root): Unsupported | undefined {
  let found: Unsupported | undefined;
  const at = (node: Rule | AtRule, what: string): false => {
    found = { what, line: node.source?.start?.line, column: node.source?.start?.column };
    return false;
  };
  root.walk((node) => {
    if (node.type !== 'rule' && node.type !== 'atrule') return undefined;
    if (node.parent?.type === 'rule') return at(node, 'CSS nesting (a rule inside a rule)');
    if (node.type !== 'atrule') return undefined;
    const name = node.name.toLowerCase();
    if (AT_RULES.has(name)) return at(node, `@${name}`);
    if (name === 'layer' && !node.nodes && node.params.includes(',')) return at(node, 'an @layer statement naming several layers after the first rule');
    return undefined;
  });
  return found;
}
