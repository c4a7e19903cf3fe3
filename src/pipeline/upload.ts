import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { BackendClient, MediaObject } from '../backends/contract.js';
import { storedKey, type BuiltObject } from './process.js';
import { stampOf } from './walk.js';

export interface UploadFailure {
  path: string;
  reason: string;
}

/** How many paths a grouped failure line names before "and N more". */
const PATHS_SHOWN = 3;

/**
 * Failed uploads, grouped by reason: a store that refuses every file for the same reason gives
 * one line with the reason, the count and a few paths, not a line per file. `details` has
 * every path, for --verbose and the job summary.
 */
export class UploadError extends Error {
  readonly groups: { reason: string; paths: string[] }[];

  constructor(readonly failures: UploadFailure[]) {
    const byReason = new Map<string, string[]>();
    for (const { path, reason } of failures) byReason.set(reason, [...(byReason.get(reason) ?? []), path]);
    const groups = [...byReason].map(([reason, paths]) => ({ reason, paths })).sort((a, b) => b.paths.length - a.paths.length || (a.reason < b.reason ? -1 : 1));
    super(`${failures.length} of the files could not be uploaded:\n${groups.map(groupLine).join('\n')}`);
    this.name = 'UploadError';
    this.groups = groups;
  }

  /** Every failed path with its reason, one a line. */
  get details(): string {
    return this.failures.map((f) => `  - ${f.path}: ${f.reason}`).join('\n');
  }
}

function groupLine({ reason, paths }: { reason: string; paths: string[] }): string {
  if (paths.length === 1) return `  - ${paths[0]}: ${reason}`;
  const more = paths.length - PATHS_SHOWN;
  return `  - ${paths.length} files: ${reason} (${paths.slice(0, PATHS_SHOWN).join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
}

/** A large file changed between the read that hashed it and the read that uploaded it. */
export class SourceChangedError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed while mediasync uploaded it, so what was stored is not what was hashed; nothing is recorded for it: sync again once it no longer changes`);
    this.name = 'SourceChangedError';
  }
}

/**
 * Store one built object and return the ETag the store reports (the MD5 when it reports none)
 * and whether the backend skipped it.
 * A large file goes through the backend's streaming `putFile` when it has one; it is read again
 * to upload, so it must be the file that was hashed: the same bytes when read whole, the same
 * stamp (any write changes ctime) after streaming.
 */
export async function storeObject(client: BackendClient, built: BuiltObject): Promise<{ etag: string; skipped: boolean }> {
  const { object } = built;
  const headers: Omit<MediaObject, 'body'> = {
    path: storedKey(object),
    contentType: object.contentType,
    contentEncoding: object.contentEncoding,
    cacheControl: object.cacheControl,
    expires: object.expires,
    md5: object.md5
  };
  let result;
  if ('file' in built && client.putFile) {
    result = await client.putFile({ ...headers, file: built.file, size: object.storedSize });
    if (stampOf(statSync(built.file, { bigint: true })) !== built.stamp) throw new SourceChangedError(object.path);
  } else if ('file' in built) {
    const body = await readFile(built.file);
    if (createHash('md5').update(body).digest('hex') !== object.md5) throw new SourceChangedError(object.path);
    result = await client.put({ ...headers, body });
  } else {
    result = await client.put({ ...headers, body: built.body });
  }
  return { etag: result?.etag ?? object.md5, skipped: result?.skipped === true };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
