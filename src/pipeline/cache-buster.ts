import { createHash } from 'node:crypto';
import { mediaFileUrl } from '../render/urls.js';
import { callCacheBuster } from '../settings/produced-values.js';

export interface CacheBusters {
  cacheBuster: string;
  /** A function's value for each path. */
  cacheBusters?: Record<string, string>;
}

/**
 * A CACHE_BUSTER function's values: one for the media URL itself (the run's cache-buster) and
 * one for each path, called with that file's URL (https, no query), once per sync. Called
 * before anything is stored, so a value refused fails the run with the store untouched.
 */
export function functionCacheBusters(bust: (url: string) => unknown, mediaUrl: string, paths: readonly string[]): CacheBusters {
  const cacheBusters: Record<string, string> = {};
  for (const path of paths) cacheBusters[path] = callCacheBuster(bust, mediaFileUrl(mediaUrl, path));
  return { cacheBuster: callCacheBuster(bust, mediaUrl), cacheBusters };
}

/** A literal CACHE_BUSTER, else a short hash of every synced path and its bytes. */
export function cacheBusterFor(literal: string | undefined, objects: readonly { path: string; md5: string }[]): string {
  if (literal !== undefined) return literal;
  const hash = createHash('sha256');
  for (const object of [...objects].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(`${object.path}\0${object.md5}\n`);
  return hash.digest('hex').slice(0, 10);
}
