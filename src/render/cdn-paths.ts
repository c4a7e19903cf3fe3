import { encodePath, urlPath } from './urls.js';

/**
 * The paths a CDN in front of the media URL sees for these keys: the media URL's own path plus
 * each key, URL-encoded, starting with `/` — the form CloudFront and other CDNs take in an
 * invalidation. A media URL that is itself a path (`/static`) is used as it is.
 */
export function cdnPaths(mediaUrl: string, keys: readonly string[]): string[] {
  const base = urlPath(mediaUrl);
  return keys.map((key) => `${base}/${encodePath(key.replace(/^\/+/, ''))}`);
}
