import type { MediaObject } from './contract.js';
export declare const SIDECAR_NAME = ".mediasync-headers.json";
/** The headers S3 would send with an object, by HTTP header name. */
export interface StoredHeaders {
    'Content-Type': string;
    'Content-Encoding'?: 'gzip';
    'Cache-Control': string;
    /** An HTTP date, as S3 sends it. */
    Expires: string;
}
export interface HeadersSidecar {
    version: 1;
    /** Path from the root of the tree (AWS_PREFIX included), forward slashes, no leading slash. */
    objects: Record<string, StoredHeaders>;
}
export declare function emptySidecar(): HeadersSidecar;
export declare function headersOf(object: MediaObject): StoredHeaders;
/** Parse a sidecar's text; throws naming the file when it is not one. */
export declare function parseSidecar(text: string, source?: string): HeadersSidecar;
export declare function serializeSidecar(sidecar: HeadersSidecar): string;
/** The headers for a request path such as `/site/media/styles/a.css`, or undefined when none were stored. */
export declare function headersFor(sidecar: HeadersSidecar, requestPath: string): StoredHeaders | undefined;
