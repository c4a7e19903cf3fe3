import type { ZlibGate } from './worker-stop.js';
export interface Encoded {
    body: Buffer;
    contentEncoding?: 'gzip';
}
/**
 * An .svgz holding gzip data is stored as it is, declared Content-Encoding: gzip (browsers show
 * it only then), whatever AWS_GZIP says, and never gzipped a second time.
 */
export declare function alreadyGzipped(relPath: string, body: Buffer): Encoded | undefined;
/** Bytes to read from the start of a file for isGzippedSvg: gzip's magic number and method. */
export declare const GZIP_HEAD_BYTES = 3;
/** An .svgz whose bytes (or their first GZIP_HEAD_BYTES) are gzip data. */
export declare function isGzippedSvg(relPath: string, head: Buffer): boolean;
/** Gzip in place: only compressible types, and only when the result is smaller. zlib is entered through `gate`, a worker's or noGate. */
export declare function gzipIfSmaller(body: Buffer, contentType: string, gate: ZlibGate): Encoded;
/** gzipIfSmaller on the thread pool, for work done on the main thread. */
export declare function gzipIfSmallerAsync(body: Buffer, contentType: string): Promise<Encoded>;
