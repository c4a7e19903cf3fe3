import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { BackendClient, MediaObject } from '../backends/contract.js';
import type { BuiltObject } from './process.js';
import { stampOf } from './walk.js';

export interface UploadFailure {
  path: string;
  reason: string;
}

export class UploadError extends Error {
  constructor(readonly failures: UploadFailure[]) {
    super(`${failures.length} of the files could not be uploaded:\n${failures.map((f) => `  - ${f.path}: ${f.reason}`).join('\n')}`);
    this.name = 'UploadError';
  }
}

/** A large file changed between the read that hashed it and the read that uploaded it. */
export class SourceChangedError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed while mediasync uploaded it, so what was stored is not what was hashed; nothing is recorded for it: sync again once it no longer changes`);
    this.name = 'SourceChangedError';
  }
}

/**
 * Store one built object and return the ETag the store reports (the MD5 when it reports none).
 * A large file goes through the backend's streaming `putFile` when it has one; it is read again
 * to upload, so it must be the file that was hashed: the same bytes when read whole, the same
 * stamp (any write changes ctime) after streaming.
 */
export async function storeObject(client: BackendClient, built: BuiltObject): Promise<string> {
  const { object } = built;
  const headers: Omit<MediaObject, 'body'> = {
    path: object.path,
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
  return result?.etag ?? object.md5;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
