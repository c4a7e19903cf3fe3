import type { Settings } from '../settings/schema.js';
import { BaseClient, type MediaObject, type RemoteObject } from './contract.js';
type FilesystemSettings = Pick<Settings, 'FILESYSTEM_ROOT' | 'AWS_PREFIX' | 'MEDIA_ROOT'>;
/**
 * Writes the synced tree into FILESYSTEM_ROOT as S3 would hold it: the same keys (under
 * AWS_PREFIX), the same bytes, and the headers in a sidecar at the root of the tree. Each file
 * is written to a hidden temporary name and renamed, so a reader never sees half a file.
 */
export declare class FilesystemBackend extends BaseClient {
    private readonly root;
    private readonly prefix;
    /** The folder that stands for the media URL: root, or root/prefix. */
    private readonly base;
    private sidecar?;
    private writing;
    private queued?;
    constructor(settings: FilesystemSettings);
    /** A file: URL of the tree; set REMOTE_MEDIA_URL to the URL the tree is served from. USE_SSL does not apply. */
    remoteMediaUrl(): string;
    put(object: MediaObject): Promise<void>;
    list(): Promise<RemoteObject[]>;
    get(relPath: string): Promise<Buffer | undefined>;
    delete(paths: string[]): Promise<void>;
    close(): Promise<void>;
    private fileFor;
    private keyFor;
    private loadSidecar;
    /**
     * Write the sidecar after every change, coalesced: one write runs at a time and at most one
     * waits, taking in every change made before it starts. A put resolves once its entry is on disk.
     */
    private saveSidecar;
    private removeEmptyFolders;
}
export {};
