import type { RemoteObject } from '../backends/contract.js';
import { storedKey, type ProcessedObject, type SyncTarget } from './process.js';
import { sameInputMaps } from './input-maps.js';
import type { SyncEntry, SyncManifest } from './sync-manifest.js';

export interface SyncPlan {
  /** Unchanged since the manifest was written and still stored as it says: no work at all. */
  reuse: { target: SyncTarget; entry: SyncEntry }[];
  /** To build; each is then uploaded unless alreadyStored says the store holds it as built. */
  build: { target: SyncTarget; entry?: SyncEntry }[];
}

/** Whether the listing shows an object of this size and entity tag at the path. */
export function isStored(remote: ReadonlyMap<string, RemoteObject> | undefined, path: string, size: number, etag: string): boolean {
  const there = remote?.get(path);
  return there !== undefined && there.size === size && there.etag === etag;
}

/**
 * A target is reused only when the manifest records the same source hash and settings hash
 * (for a map, the same input maps too: `inputMaps`, as currentInputMaps reads them now) AND the
 * listing still shows the object with the recorded size and ETag, so an object deleted or
 * overwritten behind our back is rebuilt. Without a listing nothing can be verified, and
 * `force` trusts nothing. A map recorded without its input maps (by an older version) is rebuilt once.
 */
export function planSync(
  targets: readonly SyncTarget[],
  manifest: SyncManifest | undefined,
  remote: ReadonlyMap<string, RemoteObject> | undefined,
  force: boolean,
  inputMaps: ReadonlyMap<string, string | null>
): SyncPlan {
  const plan: SyncPlan = { reuse: [], build: [] };
  for (const target of targets) {
    const entry = force || !remote ? undefined : manifest?.entries[target.path];
    const unchanged =
      entry !== undefined &&
      entry.source === target.sourceHash &&
      entry.settings === target.settingsHash &&
      (target.mapOf === undefined || (entry.inputMaps !== undefined && sameInputMaps(entry.inputMaps, inputMaps))) &&
      isStored(remote, entry.key ?? target.path, entry.size, entry.etag);
    if (unchanged) plan.reuse.push({ target, entry });
    else plan.build.push({ target, entry });
  }
  return plan;
}

/**
 * After a build: whether the store already holds these bytes (listing size and ETag = MD5)
 * with these headers. A listing shows bytes, never headers: they are known only from a manifest
 * entry that still describes the stored object. Without one (the first sync onto objects
 * already there, or a run that crashed after replacing the object), the object is sent again
 * rather than assumed to carry the right headers. Expires is not compared: it moves with every
 * run, and the entry keeps the stored one.
 */
export function alreadyStored(remote: ReadonlyMap<string, RemoteObject> | undefined, object: ProcessedObject, entry: SyncEntry | undefined): boolean {
  const key = storedKey(object);
  if (!entry || (entry.key ?? object.path) !== key) return false;
  if (!isStored(remote, key, object.storedSize, object.md5) || !isStored(remote, key, entry.size, entry.etag)) return false;
  return sameHeaders(entry, object);
}

/** Whether a manifest entry recorded the headers an object is built with. */
export function sameHeaders(entry: SyncEntry, object: ProcessedObject): boolean {
  return entry.contentEncoding === object.contentEncoding && entry.cacheControl === object.cacheControl;
}
