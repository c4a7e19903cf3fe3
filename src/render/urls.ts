import { callRemoteMediaUrl } from '../settings/produced-values.js';
import type { Settings } from '../settings/schema.js';

/** Swap the scheme when USE_SSL forces one; leave it when unset. */
export function withScheme(url: string, useSsl: boolean | undefined): string {
  if (useSsl === undefined) return url;
  return url.replace(/^https?:/, useSsl ? 'https:' : 'http:');
}

export function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The remote base URL: REMOTE_MEDIA_URL when set (whatever the backend), else the backend's, checked (BACKEND names it). */
export function remoteMediaUrl(
  settings: Pick<Settings, 'REMOTE_MEDIA_URL' | 'USE_SSL'> & Partial<Pick<Settings, 'BACKEND'>>,
  backendUrl: (withSsl: boolean) => unknown,
  pageIsSecure = true
): string {
  const withSsl = settings.USE_SSL ?? pageIsSecure;
  const base = settings.REMOTE_MEDIA_URL
    ? withScheme(settings.REMOTE_MEDIA_URL, settings.USE_SSL)
    : callRemoteMediaUrl(backendUrl, withSsl, settings.BACKEND ?? 'client');
  return trimSlashes(base);
}

/**
 * `images/a b#1.png` → `images/a%20b%231.png`: each segment encoded, slashes kept. The one encoder
 * of object names in URLs (tags, import maps, rewritten references, map comments); `'` too, since
 * a quote in a sourceMappingURL comment's URL voids the comment (ECMA-426).
 */
export function encodePath(relPath: string): string {
  return relPath
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/'/g, '%27'))
    .join('/');
}

/** The path of a base URL, without trailing slashes (`https://cdn.example.com/s/` → `/s`); a bare `/path` as it is; `` for anything else. */
export function urlPath(url: string): string {
  return trimSlashes(URL.canParse(url) ? new URL(url).pathname : url.startsWith('/') ? url : '');
}

export function mediaFileUrl(baseUrl: string, relPath: string, cacheBuster?: string): string {
  const url = `${trimSlashes(baseUrl)}/${encodePath(relPath.replace(/^\/+/, ''))}`;
  return cacheBuster ? `${url}?${encodeURIComponent(cacheBuster)}` : url;
}
