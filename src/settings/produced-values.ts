// Values that code rather than a settings file produces (a CACHE_BUSTER function's, a backend's
// remoteMediaUrl) reach the outputs, the log, the job summary and the manifest as settings do.
// Each is checked here, against what the same value must be as a setting, before it is used.
import { shown } from './load.js';
import { SETTINGS } from './schema.js';

const CACHE_BUSTER = new RegExp(SETTINGS.CACHE_BUSTER.pattern!);

/** What an output's URL may hold: an absolute URL of characters that mean nothing to a shell (a percent-encoded path included). */
const MEDIA_URL = /^(https?:\/\/[A-Za-z0-9]|file:\/\/\/)[A-Za-z0-9._~:/%+-]*$/;
const MEDIA_URL_ALLOWED = 'an absolute http://, https:// or file:/// URL of ASCII letters, digits and - . _ ~ : / % + (no whitespace, control characters, user:pass@, query or fragment)';

/** A CACHE_BUSTER function's value for `url`, checked as a literal CACHE_BUSTER is: the string that becomes the query. */
export function callCacheBuster(bust: (url: string) => unknown, url: string): string {
  let value: unknown;
  try {
    value = bust(url);
  } catch (error) {
    throw new Error(`CACHE_BUSTER (a function) threw for ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value instanceof Promise) {
    // Refused unawaited: its rejection must not surface later as an unhandled one.
    value.catch(() => {});
    throw new Error(`CACHE_BUSTER (a function) returned a Promise for ${url}; allowed: a synchronous function returning ${SETTINGS.CACHE_BUSTER.allowed}`);
  }
  // NaN and Infinity would pass the pattern as words.
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text === 'string' && CACHE_BUSTER.test(text)) return text;
  throw new Error(`CACHE_BUSTER (a function) returned ${described(value)} for ${url}; allowed: ${SETTINGS.CACHE_BUSTER.allowed}`);
}

/** A backend's remoteMediaUrl(withSsl), checked: `backend` names it (BACKEND) in the error. */
export function callRemoteMediaUrl(backendUrl: (withSsl: boolean) => unknown, withSsl: boolean, backend: string): string {
  const method = `backend ${backend}: remoteMediaUrl(${withSsl})`;
  let value: unknown;
  try {
    value = backendUrl(withSsl);
  } catch (error) {
    throw new Error(`${method} threw: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value instanceof Promise) {
    value.catch(() => {});
    throw new Error(`${method} returned a Promise; allowed: a synchronous method returning ${MEDIA_URL_ALLOWED}`);
  }
  if (typeof value === 'string' && MEDIA_URL.test(value) && URL.canParse(value)) return value;
  throw new Error(`${method} returned ${described(value)}; allowed: ${MEDIA_URL_ALLOWED}`);
}

function described(value: unknown): string {
  if (typeof value === 'string') return shown(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return String(value);
  return `a value of type ${Array.isArray(value) ? 'array' : typeof value}`;
}
