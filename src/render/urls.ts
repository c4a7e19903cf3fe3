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

/** `images/a b#1.png` → `images/a%20b%231.png`: each segment encoded, slashes kept. */
export function encodePath(relPath: string): string {
  return relPath.split('/').map(encodeURIComponent).join('/');
}

export function mediaFileUrl(baseUrl: string, relPath: string, cacheBuster?: string): string {
  const url = `${trimSlashes(baseUrl)}/${encodePath(relPath.replace(/^\/+/, ''))}`;
  return cacheBuster ? `${url}?${encodeURIComponent(cacheBuster)}` : url;
}
