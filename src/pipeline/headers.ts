import { contentType } from 'mime-types';

const DAY_SECONDS = 86_400;

/** Content-Type from the MIME database, with `charset=utf-8` on text types. */
export function contentTypeFor(relPath: string): string {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  // mime-types reads a bare `js` as an extension; a name without one has no known type.
  return (name.lastIndexOf('.') > 0 && contentType(name)) || 'application/octet-stream';
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
