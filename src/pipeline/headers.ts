import { contentType } from 'mime-types';

const DAY_SECONDS = 86_400;

/** Where the MIME database's type is not what a browser needs: a CommonJS file is JavaScript, not application/node. */
const BROWSER_TYPES: Record<string, string> = { cjs: 'text/javascript' };

/** Content-Type from the MIME database, with `charset=utf-8` on text types. */
export function contentTypeFor(relPath: string): string {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  // mime-types reads a bare `js` as an extension; a name without one has no known type.
  if (name.lastIndexOf('.') <= 0) return 'application/octet-stream';
  return contentType(Object.hasOwn(BROWSER_TYPES, extension) ? BROWSER_TYPES[extension] : name) || 'application/octet-stream';
}

export interface CacheHeaders {
  cacheControl: string;
  expires: Date;
}

export function cacheHeaders(expirationDays: number, now: Date): CacheHeaders {
  const seconds = expirationDays * DAY_SECONDS;
  return {
    cacheControl: `max-age=${seconds}, public`,
    expires: new Date(now.getTime() + seconds * 1000)
  };
}
