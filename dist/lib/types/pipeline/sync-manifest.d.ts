import type { BackendClient, MediaObject } from '../backends/contract.js';
import type { InputMaps } from './input-maps.js';
/**
 * Where the sync manifest lives in the store: a hidden path, which the walk never syncs, so it
 * cannot collide with media.
 */
export declare const SYNC_MANIFEST_PATH = ".mediasync/sync-manifest.json.gz";
/** What mediasync last stored at one path, and what it was built from. */
export interface SyncEntry {
    /** sha256 of the source bytes (for a bundle, of its parts' hashes). */
    source: string;
    /** outputSettingsHash of the settings that shaped the stored object. */
    settings: string;
    /** The ETag the store returned: the MD5 for a single PUT, `…-N` for a multipart upload. */
    etag: string;
    size: number;
    md5: string;
    contentEncoding?: 'gzip';
    cacheControl: string;
    sourceSize: number;
    minifiedSize: number;
    /** The Expires sent with the object, in ms since the epoch. */
    expires: number;
    /** FINGERPRINT: the content-hashed key the object is stored at (otherwise the entry's path). */
    key?: string;
    /** FINGERPRINT: the key each path it refers to had when its references were rewritten. */
    refs?: Record<string, string>;
    /** SRI: `sha384-…` of the bytes a browser receives. */
    integrity?: string;
    module?: true;
    /** A single JS file: the MEDIA_ROOT paths it imports (the manifest marks them `imported`). */
    imports?: string[];
    /** A map (SOURCE_MAPS): the input maps it chains, as they were read; rebuilt when one changes. */
    inputMaps?: InputMaps;
}
export interface SyncManifest {
    version: 1;
    entries: Record<string, SyncEntry>;
}
/** The stored sync manifest, or undefined when there is none, the backend cannot read, or it is unreadable. */
export declare function readSyncManifest(client: BackendClient): Promise<SyncManifest | undefined>;
export declare function serializeSyncManifest(manifest: SyncManifest): Buffer;
/** The manifest as an object to put: gzipped JSON that no cache keeps. */
export declare function syncManifestObject(json: Buffer, now: Date): MediaObject;
/** Put the sync manifest, only when it says something new: a no-change run makes no write. */
export declare function writeSyncManifest(client: BackendClient, previous: SyncManifest | undefined, next: SyncManifest, now: Date): Promise<void>;
