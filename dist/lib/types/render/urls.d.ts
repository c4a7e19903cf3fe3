import type { Settings } from '../settings/schema.js';
/** Swap the scheme when USE_SSL forces one; leave it when unset. */
export declare function withScheme(url: string, useSsl: boolean | undefined): string;
export declare function trimSlashes(url: string): string;
/** The remote base URL: REMOTE_MEDIA_URL when set (whatever the backend), else the backend's. */
export declare function remoteMediaUrl(settings: Pick<Settings, 'REMOTE_MEDIA_URL' | 'USE_SSL'>, backendUrl: (withSsl: boolean) => string, pageIsSecure?: boolean): string;
/** `images/a b#1.png` → `images/a%20b%231.png`: each segment encoded, slashes kept. */
export declare function encodePath(relPath: string): string;
export declare function mediaFileUrl(baseUrl: string, relPath: string, cacheBuster?: string): string;
