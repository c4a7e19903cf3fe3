import type { RemoteObject } from '../backends/contract.js';

export interface Plan<T> {
  upload: T[];
  skip: T[];
}

/**
 * What must be sent: everything when forced or when the backend cannot list; otherwise only
 * objects whose bytes differ from what is stored.
 */
export function planUploads<T extends { path: string; md5: string; body: Buffer }>(
  objects: readonly T[],
  remote: readonly RemoteObject[] | undefined,
  force: boolean
): Plan<T> {
  if (force || !remote) return { upload: [...objects], skip: [] };
  const stored = new Map(remote.map((object) => [object.path, object]));
  const plan: Plan<T> = { upload: [], skip: [] };
  for (const object of objects) {
    const there = stored.get(object.path);
    const same = there !== undefined && there.size === object.body.length && there.etag === object.md5;
    (same ? plan.skip : plan.upload).push(object);
  }
  return plan;
}
