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
    open?(run?: {
        force: boolean;
    }): Promise<void>;
    /** Called once after the last; called even when the sync failed. */
    close?(): Promise<void>;
    /**
     * Everything stored below the media URL, hidden paths included. Objects whose size and etag
     * (the MD5 of the bytes, hex) match are not sent again; without `list` everything is sent.
     * `splitAfter` (sorted paths, from the last sync) lets a backend list the ranges between them
     * in parallel; a backend may ignore it.
     */
    list?(options?: {
        splitAfter?: readonly string[];
    }): Promise<RemoteObject[]>;
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
export declare const REQUIRED_METHODS: readonly ["remoteMediaUrl", "put"];
export declare const OPTIONAL_METHODS: readonly ["putFile", "supportsGzip", "open", "close", "list", "get", "delete", "putIfAbsent"];
/**
 * A backend that extends this gets the seed's defaults: gzip served as-is, nothing to open or
 * close. Subclasses implement `remoteMediaUrl` and `put`, and may add `list`, `get`, `delete`.
 */
export declare abstract class BaseClient implements BackendClient {
    abstract remoteMediaUrl(withSsl: boolean): string;
    abstract put(object: MediaObject): Promise<void>;
    supportsGzip(): boolean;
    open(): Promise<void>;
    close(): Promise<void>;
}
/**
 * Check at run time that a client loaded from `source` keeps the contract: the required methods
 * exist and every optional one present is a function. Throws naming the source, the method and
 * what is expected.
 */
export declare function assertBackendClient(client: unknown, source: string): asserts client is BackendClient;
