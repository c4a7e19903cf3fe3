import type { MediaObject } from './contract.js';
export declare const SIDECAR_NAME = ".mediasync-headers.json";
/**
 * The sidecar of one AWS_PREFIX: in the prefix's own folder, so syncs under other prefixes of the
 * same FILESYSTEM_ROOT never load or rewrite it. With no prefix, at the root of the tree.
 */
export declare function sidecarFileOf(root: string, prefix: string): string;
/**
 * One prefix's sidecar and the file it was read from; undefined when there is none. A tree last
 * synced before sidecars moved under their prefix has its entries in the root's sidecar: those
 * under the prefix are read from there (`legacy`) until the prefix has its own, so an upgrade
 * neither stores everything again nor serves anything without its headers.
 */
export declare function readTreeSidecar(root: string, prefix: string): Promise<{
    sidecar: HeadersSidecar;
    file: string;
    legacy: boolean;
} | undefined>;
/** The headers S3 would send with an object, by HTTP header name. */
export interface StoredHeaders {
    'Content-Type': string;
    'Content-Encoding'?: 'gzip';
    'Cache-Control': string;
    /** An HTTP date, as S3 sends it. */
    Expires: string;
}
/** One body the path may hold, and the headers it is served with. */
export interface StoredVersion {
    /** MD5 of the body, hex. */
    md5: string;
    size: number;
    headers: StoredHeaders;
}
export interface SidecarEntry extends StoredVersion {
    /**
     * Present only while a put of the path is in flight (or was when a run was killed): the
     * version it replaces, null when there was none. The file on disk is either that one or this.
     */
    previous?: StoredVersion | null;
}
export interface HeadersSidecar {
    version: 2;
    /** Path from the root of the tree (AWS_PREFIX included), forward slashes, no leading slash. */
    objects: Record<string, SidecarEntry>;
}
export declare function emptySidecar(): HeadersSidecar;
export declare function md5Of(body: Buffer): string;
export declare function versionOf(object: MediaObject): StoredVersion;
/** The entry without its in-flight part. */
export declare function settled({ md5, size, headers }: StoredVersion): StoredVersion;
/**
 * Parse a sidecar's text; throws naming the file when it is not one. A version 1 file, written
 * before entries named their body, vouches for no body: it reads as empty, and the next sync
 * stores every object again.
 */
export declare function parseSidecar(text: string, source?: string): HeadersSidecar;
export declare function serializeSidecar(sidecar: HeadersSidecar): string;
/**
 * The headers to send `body` with, for a request path such as `/site/media/styles/a.css`: those
 * of the stored version whose MD5 matches the body, the newest first. Undefined when none does
 * (a sync is replacing the file, or none stored it): then send nothing rather than guess.
 */
export declare function headersFor(sidecar: HeadersSidecar, requestPath: string, body: Buffer): StoredHeaders | undefined;
