import { promisify } from 'node:util';
import { constants, gzip, gzipSync } from 'node:zlib';
import compressible from 'compressible';
import type { ZlibGate } from './worker-stop.js';

export interface Encoded {
  body: Buffer;
  contentEncoding?: 'gzip';
}

/**
 * An .svgz holding gzip data is stored as it is, declared Content-Encoding: gzip (browsers show
 * it only then), whatever AWS_GZIP says, and never gzipped a second time.
 */
export function alreadyGzipped(relPath: string, body: Buffer): Encoded | undefined {
  return isGzippedSvg(relPath, body) ? { body, contentEncoding: 'gzip' } : undefined;
}

/** Bytes to read from the start of a file for isGzippedSvg: gzip's magic number and method. */
export const GZIP_HEAD_BYTES = 3;

/** An .svgz whose bytes (or their first GZIP_HEAD_BYTES) are gzip data. */
export function isGzippedSvg(relPath: string, head: Buffer): boolean {
  return /\.svgz$/i.test(relPath) && head.length >= GZIP_HEAD_BYTES && head[0] === 0x1f && head[1] === 0x8b && head[2] === 0x08;
}

/** Gzip in place: only compressible types, and only when the result is smaller. zlib is entered through `gate`, a worker's or noGate. */
export function gzipIfSmaller(body: Buffer, contentType: string, gate: ZlibGate): Encoded {
  return worthGzip(body, contentType) ? smaller(body, gate(() => gzipSync(body, GZIP_OPTIONS))) : { body };
}

const GZIP_OPTIONS = { level: constants.Z_BEST_COMPRESSION };

function worthGzip(body: Buffer, contentType: string): boolean {
  return body.length > 0 && compressible(contentType.split(';')[0]) === true;
}

function smaller(body: Buffer, gzipped: Buffer): Encoded {
  return gzipped.length < body.length ? { body: gzipped, contentEncoding: 'gzip' } : { body };
}

const gzipAsync = promisify(gzip);

/** gzipIfSmaller on the thread pool, for work done on the main thread. */
export async function gzipIfSmallerAsync(body: Buffer, contentType: string): Promise<Encoded> {
  return worthGzip(body, contentType) ? smaller(body, await gzipAsync(body, GZIP_OPTIONS)) : { body };
}
