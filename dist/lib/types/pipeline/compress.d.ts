export interface Encoded {
    body: Buffer;
    contentEncoding?: 'gzip';
}
/** Gzip in place: only compressible types, and only when the result is smaller. */
export declare function gzipIfSmaller(body: Buffer, contentType: string): Encoded;
