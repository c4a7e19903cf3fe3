/** Content-Type from the MIME database, with `charset=utf-8` on text types. */
export declare function contentTypeFor(relPath: string): string;
export interface CacheHeaders {
    cacheControl: string;
    expires: Date;
}
export declare function cacheHeaders(expirationDays: number, now: Date): CacheHeaders;
