import { gzipSync, constants } from 'node:zlib';
import compressible from 'compressible';

export interface Encoded {
  body: Buffer;
  contentEncoding?: 'gzip';
}

/** Gzip in place: only compressible types, and only when the result is smaller. */
export function gzipIfSmaller(body: Buffer, contentType: string): Encoded {
  if (body.length === 0 || !compressible(contentType.split(';')[0])) return { body };
  const gzipped = gzipSync(body, { level: constants.Z_BEST_COMPRESSION });
  return gzipped.length < body.length ? { body: gzipped, contentEncoding: 'gzip' } : { body };
}
