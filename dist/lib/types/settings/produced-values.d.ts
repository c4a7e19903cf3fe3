/** A CACHE_BUSTER function's value for `url`, checked as a literal CACHE_BUSTER is: the string that becomes the query. */
export declare function callCacheBuster(bust: (url: string) => unknown, url: string): string;
/** A backend's remoteMediaUrl(withSsl), checked: `backend` names it (BACKEND) in the error. */
export declare function callRemoteMediaUrl(backendUrl: (withSsl: boolean) => unknown, withSsl: boolean, backend: string): string;
