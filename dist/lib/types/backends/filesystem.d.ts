import type { Settings } from '../settings/schema.js';
import { BaseClient, type MediaObject, type RemoteObject } from './contract.js';
type FilesystemSettings = Pick<Settings, 'FILESYSTEM_ROOT' | 'AWS_PREFIX' | 'MEDIA_ROOT'>;
/**
 * Writes the synced tree into FILESYSTEM_ROOT as S3 would hold it: the same keys (under
 * AWS_PREFIX), the same bytes, and the headers in a sidecar in the prefix's folder. Each file
 * is written to a hidden temporary name and renamed, so a reader never sees half a file.
 * Everything a run touches is under its prefix, as its lock is: syncs under other prefixes of
 * the same FILESYSTEM_ROOT may run at once.
 *
 * A body and the sidecar are replaced by two renames, so a kill can fall between them. Each
 * sidecar entry names its body by MD5, and a put records the new version beside the one it
 * replaces before the new body is renamed into place: at every moment the sidecar holds the
 * headers of whatever body is on disk, and readers pick them by MD5 (headersFor). A delete
 * removes the body before its entry. The first use of the tree finishes what a killed run
 * left: its temporary files go, in-flight entries settle on the body that is there. A temporary
 * file names the process that writes it, so a run never removes one a live run is still writing
 * (the other run taking the lock at the same moment, or a dry run's listing beside a sync).
 */
export declare class FilesystemBackend extends BaseClient {
    private readonly root;
    private readonly prefix;
    /** The folder that stands for the media URL: root, or root/prefix. */
    private readonly base;
    private readonly sidecarFile;
    private sidecar?;
    private writing;
    private queued?;
    constructor(settings: FilesystemSettings);
    /**
     * A file: URL of the tree; set REMOTE_MEDIA_URL to the URL the tree is served from. USE_SSL does
     * not apply. Characters a shell reads (`( ) ' $ &` in the folder's path) are percent-encoded
     * too, so the URL keeps to what media-url may hold and still names the same folder.
     */
    remoteMediaUrl(): string;
    put(object: MediaObject): Promise<void>;
    /**
     * Exclusive: the temporary file is hard-linked to the path, which fails when the path exists.
     * A path already there is refused before anything is written (the lock's probe meets one).
     */
    putIfAbsent(object: MediaObject): Promise<boolean>;
    /**
     * The body to a temporary file; the sidecar with the new version beside the previous one; then
     * `place` moves the body in. At every moment the sidecar vouches for whichever body is on disk.
     */
    private store;
    /** A body that no sidecar entry vouches for is listed without an etag, so the core stores it again with its headers. */
    list(): Promise<RemoteObject[]>;
    get(relPath: string): Promise<Buffer | undefined>;
    /** Each body goes before its entry: a kill in between leaves an entry without a body, which no reader serves. */
    delete(paths: string[]): Promise<void>;
    close(): Promise<void>;
    private fileFor;
    private keyFor;
    private loadSidecar;
    /**
     * Read the sidecar and finish what a killed run left: remove its temporary files (only those
     * of a writer that is gone), settle each in-flight entry on the body that is there, and drop
     * entries whose body is gone. The result is saved with this run's first change, never by a
     * mere read: a dry run's listing beside a sync must not write back what it read before that
     * sync's last save (a sidecar read from the root of a tree synced before sidecars moved under
     * their prefix is saved under the prefix then too). Only the prefix's folder is scanned: other
     * prefixes' runs and other files of FILESYSTEM_ROOT are never touched.
     */
    private recover;
    /**
     * Write the sidecar after every change, coalesced: one write runs at a time and at most one
     * waits, taking in every change made before it starts. A put resolves once its entry is on disk.
     */
    private saveSidecar;
    private removeEmptyFolders;
}
export {};
