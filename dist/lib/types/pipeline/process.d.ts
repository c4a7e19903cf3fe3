import type { SyncEntry } from './sync-manifest.js';
import type { Bundle, BundleKind } from './join.js';
import type { InputMaps } from './input-maps.js';
import { type OutputSettings } from './output-settings.js';
import type { Reference } from './references/index.js';
import { type SourceFile } from './walk.js';
import type { WorkerPool } from './worker-pool.js';
/**
 * Files above this size are streamed to the store as they are (no minify, no gzip): processing
 * them would mean holding them whole in memory.
 */
export declare const STREAM_THRESHOLD_BYTES: number;
/** A stored object's headers and sizes, for the manifest and the summary; its bytes are not kept. */
export interface ProcessedObject {
    path: string;
    contentType: string;
    contentEncoding?: 'gzip';
    cacheControl: string;
    expires: Date;
    /** MD5 of the stored bytes, hex. */
    md5: string;
    sourceSize: number;
    minifiedSize: number;
    /** Bytes stored, after gzip. */
    storedSize: number;
    /** For a JOINED alias: the parts it was built from. */
    parts?: string[];
    /** SOURCE_MAPS: the path of its map (an object of its own, which FINGERPRINT stores at a key of its own). */
    map?: string;
    /** FINGERPRINT: the content-hashed key it is stored at (otherwise its path). */
    key?: string;
    /** SRI: `sha384-…` of the bytes a browser receives. */
    integrity?: string;
    /** An ES module. */
    module?: true;
    /** A single JS file: the MEDIA_ROOT paths it imports (statically, or by import() of a string), which the import map must list. */
    imports?: string[];
}
/** Where an object is stored: its content-hashed key with FINGERPRINT, else its path. */
export declare function storedKey(object: Pick<ProcessedObject, 'path' | 'key'>): string;
/** One object to sync, a file or a JOINED bundle, with what decides whether it changed. */
export interface SyncTarget {
    path: string;
    sources: {
        relPath: string;
        absPath: string;
    }[];
    joinKind?: BundleKind;
    /** Bytes of all sources. */
    size: number;
    sourceHash: string;
    settingsHash: string;
    parts?: string[];
    /** SOURCE_MAPS: the key of this object's map. */
    mapPath?: string;
    /** For a map: the object it maps, built together with it. */
    mapOf?: string;
}
export interface BuildOptions extends OutputSettings {
    now: Date;
    pool: WorkerPool;
    /** The synced files, which references are checked against. */
    files?: ReadonlySet<string>;
}
/**
 * A built object: its bytes in memory, or for a large file, the file to stream with its stamp
 * when hashed (the upload checks it again). `sourceHash` is of the bytes this build read, so
 * what the sync manifest records is what was stored even when a file changes mid-run.
 * `missing` lists its references to files that are not synced.
 */
export type BuiltObject = {
    object: ProcessedObject;
    sourceHash: string;
    body: Buffer;
    minified: number;
    workMs: number;
    missing: Reference[];
    inputMaps?: InputMaps;
} | {
    object: ProcessedObject;
    sourceHash: string;
    file: string;
    stamp: string;
    minified: 0;
    workMs: 0;
    missing: [];
};
/** Every file, then every bundle, with source hashes from `hashes` and the settings hash for its path. */
export declare function syncTargets(files: readonly SourceFile[], bundles: readonly Bundle[], hashes: ReadonlyMap<string, string>, settings: OutputSettings): SyncTarget[];
/**
 * Build one target's stored object: minify, join and gzip in a worker when there is CPU work,
 * inline when there is none, and for a large file only a streamed MD5 pass.
 */
export declare function buildObject(target: SyncTarget, options: BuildOptions): Promise<BuiltObject>;
/** Whether a target is a large file sent as it is: never read whole, so never minified or gzipped. A bundle is always built. */
export declare function isStreamed(target: SyncTarget): boolean;
/** The object a manifest entry says is stored, for a target that did not change. */
export declare function objectFromEntry(target: SyncTarget, entry: SyncEntry): ProcessedObject;
/** The manifest entry for an object just stored (or found already stored) with this ETag; `refs`: the keys its references were rewritten to. */
export declare function entryFor(target: SyncTarget, built: Pick<BuiltObject, 'object' | 'sourceHash'> & {
    inputMaps?: InputMaps;
}, etag: string, refs?: Record<string, string>): SyncEntry;
