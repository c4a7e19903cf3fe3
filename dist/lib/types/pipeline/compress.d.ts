export interface Encoded {
    body: Buffer;
    contentEncoding?: 'gzip';
}
/** Gzip in place: only compressible types, and only when the result is smaller. */
export declare function gzipIfSmaller(body: Buffer, contentType: string): Encoded;
/** gzipIfSmaller on the thread pool, for work done on the main thread. */
export declare function gzipIfSmallerAsync(body: Buffer, contentType: string): Promise<Encoded>;
