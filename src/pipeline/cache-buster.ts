import { createHash } from 'node:crypto';
import { mediaFileUrl } from '../render/urls.js';
import type { Settings } from '../settings/schema.js';

/**
 * The run's cache-buster: a literal CACHE_BUSTER, a function's value for the media URL itself,
 * or a short hash of every synced path and its bytes. A function also gives each file its own
 * value, called with that file's URL (https, no query), once per sync.
 */
export function cacheBustersFor(
  setting: Settings['CACHE_BUSTER'],
  mediaUrl: string,
  objects: readonly { path: string; md5: string }[]
): { cacheBuster: string; cacheBusters?: Record<string, string> } {
  if (typeof setting === 'function') {
    const cacheBusters: Record<string, string> = {};
    for (const object of objects) cacheBusters[object.path] = callCacheBuster(setting, mediaFileUrl(mediaUrl, object.path));
    return { cacheBuster: callCacheBuster(setting, mediaUrl), cacheBusters };
  }
  if (setting !== undefined) return { cacheBuster: setting };
  const hash = createHash('sha256');
  for (const object of [...objects].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(`${object.path}\0${object.md5}\n`);
  return { cacheBuster: hash.digest('hex').slice(0, 10) };
}

/** A CACHE_BUSTER function's value for one URL, which must be a non-empty string or a number. */
export function callCacheBuster(bust: (url: string) => unknown, url: string): string {
  const value = bust(url);
  if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value))) return String(value);
  const got = typeof value === 'string' ? 'an empty string' : value === null ? 'null' : typeof value;
  throw new Error(`CACHE_BUSTER (a function) returned ${got} for ${url}; allowed: a non-empty string or a number`);
}
