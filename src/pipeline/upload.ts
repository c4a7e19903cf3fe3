import { readFile } from 'node:fs/promises';
import type { BackendClient, MediaObject } from '../backends/contract.js';
import type { BuiltObject } from './process.js';

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

/**
 * Store one built object and return the ETag the store reports (the MD5 when it reports none)
 * and whether the backend skipped it.
 * A large file goes through the backend's streaming `putFile` when it has one.
 */
export async function storeObject(client: BackendClient, built: BuiltObject): Promise<{ etag: string; skipped: boolean }> {
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
  if ('file' in built) {
    result = client.putFile
      ? await client.putFile({ ...headers, file: built.file, size: object.storedSize })
      : await client.put({ ...headers, body: await readFile(built.file) });
  } else {
    result = await client.put({ ...headers, body: built.body });
  }
  return { etag: result?.etag ?? object.md5, skipped: result?.skipped === true };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
