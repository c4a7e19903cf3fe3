// The filesystem backend keeps each object's HTTP headers in one hidden JSON file at the root of
// the tree, so a server of that tree (the dev server, a preview) can send what S3 would.
import type { MediaObject } from './contract.js';

export const SIDECAR_NAME = '.mediasync-headers.json';

/** The headers S3 would send with an object, by HTTP header name. */
export interface StoredHeaders {
  'Content-Type': string;
  'Content-Encoding'?: 'gzip';
  'Cache-Control': string;
  /** An HTTP date, as S3 sends it. */
  Expires: string;
}

export interface HeadersSidecar {
  version: 1;
  /** Path from the root of the tree (AWS_PREFIX included), forward slashes, no leading slash. */
  objects: Record<string, StoredHeaders>;
}

export function emptySidecar(): HeadersSidecar {
  return { version: 1, objects: {} };
}

export function headersOf(object: MediaObject): StoredHeaders {
  return {
    'Content-Type': object.contentType,
    ...(object.contentEncoding ? { 'Content-Encoding': object.contentEncoding } : {}),
    'Cache-Control': object.cacheControl,
    Expires: object.expires.toUTCString()
  };
}

/** Parse a sidecar's text; throws naming the file when it is not one. */
export function parseSidecar(text: string, source = SIDECAR_NAME): HeadersSidecar {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON (${(error as Error).message}); delete it and sync again with --force`);
  }
  const sidecar = value as Partial<HeadersSidecar>;
  if (sidecar?.version !== 1 || typeof sidecar.objects !== 'object' || sidecar.objects === null) {
    throw new Error(`${source} is not a mediasync headers file (expected {"version": 1, "objects": {...}}); delete it and sync again with --force`);
  }
  return sidecar as HeadersSidecar;
}

export function serializeSidecar(sidecar: HeadersSidecar): string {
  const objects = Object.fromEntries(Object.entries(sidecar.objects).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ version: 1, objects }, null, 2)}\n`;
}

/** The headers for a request path such as `/site/media/styles/a.css`, or undefined when none were stored. */
export function headersFor(sidecar: HeadersSidecar, requestPath: string): StoredHeaders | undefined {
  let key: string;
  try {
    key = decodeURIComponent(requestPath.split(/[?#]/)[0]!).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
  return Object.hasOwn(sidecar.objects, key) ? sidecar.objects[key] : undefined;
}
