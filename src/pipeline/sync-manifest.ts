import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { BackendClient, MediaObject } from '../backends/contract.js';
import type { InputMaps } from './input-maps.js';

/**
 * Where the sync manifest lives in the store: a hidden path, which the walk never syncs, so it
 * cannot collide with media.
 */
export const SYNC_MANIFEST_PATH = '.mediasync/sync-manifest.json.gz';

/** What mediasync last stored at one path, and what it was built from. */
export interface SyncEntry {
  /** sha256 of the source bytes (for a bundle, of its parts' hashes). */
  source: string;
  /** outputSettingsHash of the settings that shaped the stored object. */
  settings: string;
  /** The ETag the store returned: the MD5 for a single PUT, `…-N` for a multipart upload. */
  etag: string;
  size: number;
  md5: string;
  contentEncoding?: 'gzip';
  cacheControl: string;
  sourceSize: number;
  minifiedSize: number;
  /** The Expires sent with the object, in ms since the epoch. */
  expires: number;
  /** FINGERPRINT: the content-hashed key the object is stored at (otherwise the entry's path). */
  key?: string;
  /** FINGERPRINT: the key each path it refers to had when its references were rewritten. */
  refs?: Record<string, string>;
  /** SRI: `sha384-…` of the bytes a browser receives. */
  integrity?: string;
  module?: true;
  /** A single JS file: the MEDIA_ROOT paths it imports (the manifest marks them `imported`). */
  imports?: string[];
  /** A map (SOURCE_MAPS): the input maps it chains, as they were read; rebuilt when one changes. */
  inputMaps?: InputMaps;
}

export interface SyncManifest {
  version: 1;
  entries: Record<string, SyncEntry>;
}

/** The stored sync manifest, or undefined when there is none, the backend cannot read, or it is unreadable. */
export async function readSyncManifest(client: BackendClient): Promise<SyncManifest | undefined> {
  const bytes = await client.get?.(SYNC_MANIFEST_PATH);
  if (!bytes) return undefined;
  try {
    const parsed = JSON.parse(gunzipSync(bytes).toString('utf8')) as SyncManifest;
    return parsed.version === 1 && typeof parsed.entries === 'object' ? parsed : undefined;
  } catch {
    // A damaged manifest only costs a full comparison against the listing.
    return undefined;
  }
}

export function serializeSyncManifest(manifest: SyncManifest): Buffer {
  const sorted: SyncManifest = { version: 1, entries: {} };
  for (const key of Object.keys(manifest.entries).sort()) sorted.entries[key] = manifest.entries[key];
  return Buffer.from(JSON.stringify(sorted));
}

/** The manifest as an object to put: gzipped JSON that no cache keeps. */
export function syncManifestObject(json: Buffer, now: Date): MediaObject {
  const body = gzipSync(json);
  return {
    path: SYNC_MANIFEST_PATH,
    body,
    contentType: 'application/gzip',
    cacheControl: 'no-cache, no-store',
    expires: now,
    md5: createHash('md5').update(body).digest('hex')
  };
}

/** Put the sync manifest, only when it says something new: a no-change run makes no write. */
export async function writeSyncManifest(client: BackendClient, previous: SyncManifest | undefined, next: SyncManifest, now: Date): Promise<void> {
  if (previous && sameEntries(previous, next)) return;
  const json = serializeSyncManifest(next);
  if (previous && serializeSyncManifest(previous).equals(json)) return;
  await client.put(syncManifestObject(json, now));
}

/** The quick check first: a no-change run carries every entry over as it was read. */
function sameEntries(previous: SyncManifest, next: SyncManifest): boolean {
  const paths = Object.keys(next.entries);
  return previous.version === next.version && paths.length === Object.keys(previous.entries).length && paths.every((path) => previous.entries[path] === next.entries[path]);
}
