import type { Settings } from '../settings/schema.js';
/** Swap the scheme when USE_SSL forces one; leave it when unset. */
export declare function withScheme(url: string, useSsl: boolean | undefined): string;
export declare function trimSlashes(url: string): string;
/** The remote base URL: REMOTE_MEDIA_URL when set (whatever the backend), else the backend's, checked (BACKEND names it). */
export declare function remoteMediaUrl(settings: Pick<Settings, 'REMOTE_MEDIA_URL' | 'USE_SSL'> & Partial<Pick<Settings, 'BACKEND'>>, backendUrl: (withSsl: boolean) => unknown, pageIsSecure?: boolean): string;
/**
 * `images/a b#1.png` → `images/a%20b%231.png`: each segment encoded, slashes kept. The one encoder
 * of object names in URLs (tags, import maps, rewritten references, map comments); `'` too, since
 * a quote in a sourceMappingURL comment's URL voids the comment (ECMA-426).
 */
export declare function encodePath(relPath: string): string;
/** The path of a base URL, without trailing slashes (`https://cdn.example.com/s/` → `/s`); a bare `/path` as it is; `` for anything else. */
export declare function urlPath(url: string): string;
export declare function mediaFileUrl(baseUrl: string, relPath: string, cacheBuster?: string): string;
