// Content-hashed keys: `styles/site.css` stored as `styles/site.3f9a2c1b7d0e.css`, a name that
// only ever holds these bytes, so it can be cached for good.
import { createHash } from 'node:crypto';
import picomatch from 'picomatch';

/** Hex characters of the sha256 of the stored bytes in a fingerprinted name. */
export const FINGERPRINT_CHARS = 12;
/** What fingerprinting adds to a key's length: the dot and the hash. */
export const FINGERPRINT_SUFFIX_LENGTH = FINGERPRINT_CHARS + 1;

/** One year, the most HTTP caches honour; `immutable` spares revalidation on reload. */
export const IMMUTABLE_SECONDS = 31_536_000;
export const IMMUTABLE_CACHE_CONTROL = `public, max-age=${IMMUTABLE_SECONDS}, immutable`;

/** The fingerprint of stored bytes (after gzip, so a key never holds two encodings of one content; an .svgz is the exception, stored as it is and declared gzip or not by its bytes). */
export function contentFingerprint(stored: Buffer): string {
  return createHash('sha256').update(stored).digest('hex').slice(0, FINGERPRINT_CHARS);
}

/** `a/b.min.js` + hash → `a/b.min.<hash>.js`; a name without an extension gets the hash at its end. */
export function fingerprintedKey(path: string, fingerprint: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? `${path.slice(0, dot)}.${fingerprint}${path.slice(dot)}` : `${path}.${fingerprint}`;
}

/** Whether a path is stored under a fingerprinted key: every path but those FINGERPRINT_EXCLUDE names. */
export function fingerprintsPath(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => true;
  const excluded = picomatch([...globs], { dot: true });
  return (path) => !excluded(path);
}
