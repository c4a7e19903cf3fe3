export interface Encoded {
    body: Buffer;
    contentEncoding?: 'gzip';
}
/**
 * An .svgz holding gzip data is stored as it is, declared Content-Encoding: gzip (browsers show
 * it only then), whatever AWS_GZIP says, and never gzipped a second time.
 */
export declare function alreadyGzipped(relPath: string, body: Buffer): Encoded | undefined;
/** Gzip in place: only compressible types, and only when the result is smaller. */
export declare function gzipIfSmaller(body: Buffer, contentType: string): Encoded;
/** gzipIfSmaller on the thread pool, for work done on the main thread. */
export declare function gzipIfSmallerAsync(body: Buffer, contentType: string): Promise<Encoded>;
