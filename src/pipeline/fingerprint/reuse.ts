import type { SyncPlan } from '../plan.js';
import type { SyncTarget } from '../process.js';
import type { SyncEntry } from '../sync-manifest.js';

/**
 * With FINGERPRINT an object's bytes hold the keys of what it refers to, so an unchanged source
 * is reused only while every key its entry recorded is still the key of a reused target;
 * otherwise it is built again (and, if its bytes come out the same, found already stored). An
 * object and its map come from one build: both are reused or neither is. Repeated until nothing
 * moves, so a change travels up every chain of references.
 */
export function settleReuse(plan: SyncPlan): SyncPlan {
  const reused = new Map(plan.reuse.map((item) => [item.target.path, item]));
  const build = [...plan.build];
  const synced = new Set([...plan.reuse, ...plan.build].map((item) => item.target.path));
  /** The key a reference to `path` gets now: a reused target's, none yet for one being built, and a path nothing syncs stays as written. */
  const keyOf = (path: string) => {
    const item = reused.get(path);
    if (item) return item.entry.key ?? path;
    return synced.has(path) ? undefined : path;
  };
  const stale = ({ target, entry }: { target: SyncTarget; entry: SyncEntry }) =>
    Object.entries(entry.refs ?? {}).some(([path, key]) => keyOf(path) !== key) ||
    [target.mapPath, target.mapOf].some((partner) => partner !== undefined && !reused.has(partner));
  for (let moved = true; moved; ) {
    moved = false;
    for (const item of [...reused.values()]) {
      if (!stale(item)) continue;
      reused.delete(item.target.path);
      build.push(item);
      moved = true;
    }
  }
  return { reuse: plan.reuse.filter((item) => reused.has(item.target.path)), build };
}
