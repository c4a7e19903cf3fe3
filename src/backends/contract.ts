/**
 * The backend contract, after the seed's BaseClient: `remoteMediaUrl(withSsl)` and `put(...)`
 * are required; the rest are optional capabilities the core uses when a backend offers them.
 *
 * Paths whose first segment starts with `.` are never synced from MEDIA_ROOT, so the core keeps
 * its own records there (the sync manifest is read with `get` and written with `put` at such a
 * path). A backend stores them like any other object.
 */

/** One object ready to store: processed bytes and the headers they are served with. */
export interface MediaObject {
  /** Path relative to the remote media URL, with forward slashes (the seed's remote_path). */
  path: string;
  body: Buffer;
  contentType: string;
  contentEncoding?: 'gzip';
  cacheControl: string;
  expires: Date;
  /** MD5 of body, hex. */
  md5: string;
}

/**
 * A large object sent from disk without holding it in memory: the headers of a MediaObject,
 * the file and its size instead of `body`. `md5` is still the MD5 of the whole file.
 */
export interface MediaFile extends Omit<MediaObject, 'body'> {
  file: string;
  size: number;
}

/** What a backend may report after a put: the stored object's entity tag, without quotes. */
export interface PutResult {
  etag?: string;
  /** The backend chose not to store the object (a positional client's falsy return): reported as skipped. */
  skipped?: boolean;
}

/** What a backend reports of an object already stored. */
export interface RemoteObject {
  path: string;
  size: number;
  /** The store's entity tag without quotes; for a single-part S3 upload, the MD5 of the bytes. */
  etag?: string;
}

export interface BackendClient {
  /** Full base URL of the remote media, without a trailing slash. */
  remoteMediaUrl(withSsl: boolean): string;
  /** Store one object; the core decides what needs storing (the seed's `force` is the core's). */
  put(object: MediaObject): Promise<PutResult | void>;
  /**
   * Store a large file streamed from disk (S3: a multipart upload whose parts are Buffers, so
   * each is retried). Without it, the core reads the file into memory and calls `put`.
   */
  putFile?(object: MediaFile): Promise<PutResult | void>;
  /** Whether gzip-encoded bodies can be served with Content-Encoding (default true). */
  supportsGzip?(): boolean;
  /** Called once before the first call that touches the store; `force` is whether the run is forced. */
  open?(run?: { force: boolean }): Promise<void>;
  /** Called once after the last; called even when the sync failed. */
  close?(): Promise<void>;
  /**
   * Everything stored below the media URL, hidden paths included. Objects whose size and etag
   * (the MD5 of the bytes, hex) match are not sent again; without `list` everything is sent.
   * `splitAfter` (sorted paths, from the last sync) lets a backend list the ranges between them
   * in parallel; a backend may ignore it.
   */
  list?(options?: { splitAfter?: readonly string[] }): Promise<RemoteObject[]>;
  /** The bytes stored at a path, or undefined when there is none (used for the sync manifest). */
  get?(path: string): Promise<Buffer | undefined>;
  /** Remove stored objects; a path that is not there is not an error (used by prune). */
  delete?(paths: string[]): Promise<void>;
  /**
   * Store the object only if nothing is at its path: true when stored, false when something was
   * there (S3: PutObject with If-None-Match `*`, 412 when taken). With `get` and `delete`, it
   * lets a run hold the prefix's lock; a store that ignores the condition may store anyway and
   * return true, and the core reads the lock back to tell.
   */
  putIfAbsent?(object: MediaObject): Promise<boolean>;
}

export const REQUIRED_METHODS = ['remoteMediaUrl', 'put'] as const;
export const OPTIONAL_METHODS = ['putFile', 'supportsGzip', 'open', 'close', 'list', 'get', 'delete', 'putIfAbsent'] as const;

const EXPECTED: Record<(typeof REQUIRED_METHODS)[number] | (typeof OPTIONAL_METHODS)[number], string> = {
  remoteMediaUrl: 'remoteMediaUrl(withSsl) returning the base URL of the stored media',
  put: 'async put(object) storing object.body at object.path with its headers, or the seed\'s put(filedata, contentType, remotePath, force)',
  putFile: 'async putFile(object) storing the file object.file at object.path with its headers',
  supportsGzip: 'supportsGzip() returning true or false',
  open: 'async open()',
  close: 'async close()',
  list: 'async list() returning [{ path, size, etag }]',
  get: 'async get(path) returning a Buffer or undefined',
  delete: 'async delete(paths)',
  putIfAbsent: 'async putIfAbsent(object) returning true when stored, false when the path was taken'
};

/**
 * A backend that extends this gets the seed's defaults: gzip served as-is, nothing to open or
 * close. Subclasses implement `remoteMediaUrl` and `put`, and may add `list`, `get`, `delete`.
 */
export abstract class BaseClient implements BackendClient {
  abstract remoteMediaUrl(withSsl: boolean): string;
  abstract put(object: MediaObject): Promise<void>;

  supportsGzip(): boolean {
    return true;
  }

  async open(): Promise<void> {}

  async close(): Promise<void> {}
}

/**
 * Check at run time that a client loaded from `source` keeps the contract: the required methods
 * exist and every optional one present is a function. Throws naming the source, the method and
 * what is expected.
 */
export function assertBackendClient(client: unknown, source: string): asserts client is BackendClient {
  if (typeof client !== 'object' || client === null) {
    throw new Error(`backend ${source} did not give a client object (got ${client === null ? 'null' : typeof client}); expected an object with ${EXPECTED.remoteMediaUrl} and ${EXPECTED.put}`);
  }
  const methods = client as Record<string, unknown>;
  for (const name of [...REQUIRED_METHODS, ...OPTIONAL_METHODS]) {
    const lookalike = methods[name] === undefined ? lookalikeOf(client, name) : undefined;
    if (lookalike) throw new Error(`backend ${source} has ${lookalike} but no ${name}; JavaScript backends use the JavaScript name: ${EXPECTED[name]}`);
  }
  for (const name of REQUIRED_METHODS) {
    if (typeof methods[name] !== 'function') {
      const state = methods[name] === undefined ? `has no method ${name}` : `has a ${typeof methods[name]} for ${name}`;
      throw new Error(`backend ${source} ${state}; expected ${EXPECTED[name]}`);
    }
  }
  for (const name of OPTIONAL_METHODS) {
    if (methods[name] !== undefined && typeof methods[name] !== 'function') {
      throw new Error(`backend ${source} has a ${typeof methods[name]} for ${name}; expected ${EXPECTED[name]}, or no ${name} at all`);
    }
  }
}

/** A method the client has under another spelling of `name` (`remote_media_url`, `Put`), as ported from Python. */
function lookalikeOf(client: object, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (let layer: object | null = client; layer && layer !== Object.prototype; layer = Object.getPrototypeOf(layer)) {
    const found = Object.getOwnPropertyNames(layer).find((key) => key !== name && key.replaceAll('_', '').toLowerCase() === wanted);
    if (found) return found;
  }
  return undefined;
}
