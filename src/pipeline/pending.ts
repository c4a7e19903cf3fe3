import { createHash } from 'node:crypto';
import type { BackendClient, RemoteObject } from '../backends/contract.js';
import type { SyncManifest } from './sync-manifest.js';

/**
 * Paths a run may add to the store, recorded before it puts them, so that a run killed before
 * it writes the sync manifest leaves nothing unaccounted for: the next run sees them here and
 * PRUNE deletes those that are no longer media. Only paths; no ETag, so nothing here is ever
 * trusted as already stored.
 */
export const PENDING_PATH = '.mediasync/pending.json';

interface PendingRecord {
  version: 1;
  paths: string[];
}

/** The recorded paths, or none when there is no record, the backend cannot read, or it is unreadable. */
export async function readPending(client: BackendClient): Promise<string[]> {
  const bytes = await client.get?.(PENDING_PATH);
  if (!bytes) return [];
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as PendingRecord;
    return parsed.version === 1 && Array.isArray(parsed.paths) ? parsed.paths.filter((path) => typeof path === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Record `paths` (the record is deleted when there are none) unless `current`, what the store
 * holds, says the same; returns what is recorded now.
 */
export async function writePending(client: BackendClient, paths: readonly string[], current: readonly string[]): Promise<string[]> {
  // A record the backend cannot read back would help no one.
  if (!client.get) return [];
  const next = [...new Set(paths)].sort();
  if (next.length === current.length && next.every((path, index) => path === current[index])) return next;
  if (next.length === 0 && client.delete) {
    await client.delete([PENDING_PATH]);
    return next;
  }
  const body = Buffer.from(JSON.stringify({ version: 1, paths: next } satisfies PendingRecord));
  await client.put({
    path: PENDING_PATH,
    body,
    contentType: 'application/json',
    cacheControl: 'no-cache, no-store',
    expires: new Date(),
    md5: createHash('md5').update(body).digest('hex')
  });
  return next;
}

/**
 * Objects an earlier run put and never recorded in a sync manifest (it failed or was killed)
 * that are still stored and are not media any more: PRUNE deletes them with the stale ones.
 */
export function orphanPaths(
  pending: readonly string[],
  stored: SyncManifest | undefined,
  remote: ReadonlyMap<string, RemoteObject> | undefined,
  local: ReadonlySet<string>
): string[] {
  return pending.filter((path) => !local.has(path) && !stored?.entries[path] && (remote === undefined || remote.has(path))).sort();
}

/** Of the paths to build, those the store may not hold yet and no sync manifest records: what this run may add. */
export function newPaths(
  paths: readonly string[],
  stored: SyncManifest | undefined,
  remote: ReadonlyMap<string, RemoteObject> | undefined
): string[] {
  return paths.filter((path) => !stored?.entries[path] && !remote?.has(path));
}
