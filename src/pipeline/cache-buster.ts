import { createHash } from 'node:crypto';

/** A literal CACHE_BUSTER wins; otherwise a short hash of every synced path and its bytes. */
export function cacheBusterFor(literal: string | undefined, objects: readonly { path: string; md5: string }[]): string {
  if (literal !== undefined) return literal;
  const hash = createHash('sha256');
  for (const object of [...objects].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(`${object.path}\0${object.md5}\n`);
  return hash.digest('hex').slice(0, 10);
}
