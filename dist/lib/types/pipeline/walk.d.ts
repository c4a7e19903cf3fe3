import { type BigIntStats } from 'node:fs';
export interface SourceFile {
    /** Path below MEDIA_ROOT with forward slashes: the key the file is synced to. */
    relPath: string;
    absPath: string;
    size: number;
    /**
     * The file's identity and state as git's index keeps it (device, inode, size, mtime and ctime
     * in nanoseconds): any write changes ctime, even one that restores size and mtime.
     */
    stamp: string;
    /** The later of mtime and ctime, ms: a hash cached within a timestamp tick of it is not trusted. */
    changedMs: number;
}
/** What the walk never syncs, whatever the paths: mediasync's own files and the user's EXCLUDE. */
export interface WalkExclusions {
    /** Files and folders (absolute) that are never synced: matched by path and by device + inode, so a symlink or hard link to them is caught too. */
    paths?: readonly string[];
    /** EXCLUDE globs, relative to MEDIA_ROOT; a folder that matches is skipped whole. */
    globs?: readonly string[];
}
export declare class MediaRootError extends Error {
    constructor(message: string);
}
/** Deeper than any real media tree; S3's 1,024-byte keys allow no more than 512 levels anyway. */
export declare const MAX_DEPTH = 64;
/** Files and folders one walk visits at most, so a symlink maze cannot exhaust memory. */
export declare const MAX_ENTRIES = 1000000;
/**
 * Every file under MEDIA_ROOT that is synced, sorted by path. Symlinks are followed when they
 * resolve inside MEDIA_ROOT and refused otherwise; a symlink back to a folder being walked (a
 * cycle, however many links form it), a tree deeper than MAX_DEPTH or larger than MAX_ENTRIES is refused.
 */
export declare function walkMediaRoot(root: string, exclusions?: WalkExclusions): Promise<SourceFile[]>;
/** SourceFile.stamp of a file's stats. */
export declare function stampOf(stats: BigIntStats): string;
