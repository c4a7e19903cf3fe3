// The order objects are finished in: what an object refers to gets its key before the object
// is rewritten with it, leaf first.

/** A stylesheet that reaches itself through its references: no order can name them all. */
export class ReferenceCycleError extends Error {
  constructor(readonly chain: string[]) {
    super(`reference cycle: ${chain.join(' → ')}; with FINGERPRINT each file's name depends on what it refers to, so files cannot refer to each other in a loop`);
    this.name = 'ReferenceCycleError';
  }
}

/**
 * Every node after the nodes it depends on (dependencies that are not nodes are already
 * settled). Deterministic: nodes and dependencies are visited in sorted order.
 */
export function leafFirst(dependencies: ReadonlyMap<string, readonly string[]>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, path: string[]) => {
    const seen = state.get(node);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new ReferenceCycleError([...path.slice(path.indexOf(node)), node]);
    state.set(node, 'visiting');
    for (const next of [...(dependencies.get(node) ?? [])].sort()) if (dependencies.has(next)) visit(next, [...path, node]);
    state.set(node, 'done');
    order.push(node);
  };
  for (const node of [...dependencies.keys()].sort()) visit(node, []);
  return order;
}
