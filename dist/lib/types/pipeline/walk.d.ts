export interface SourceFile {
    /** Path below MEDIA_ROOT with forward slashes: the key the file is synced to. */
    relPath: string;
    absPath: string;
    size: number;
    mtimeMs: number;
}
export declare class MediaRootError extends Error {
    constructor(message: string);
}
/** Hidden (`.x`) and underscore (`_x`) files and folders are never synced, at any depth. */
export declare function isIgnoredName(name: string): boolean;
/**
 * Every file under MEDIA_ROOT that is synced, sorted by path. Symlinks are followed when they
 * resolve inside MEDIA_ROOT and refused otherwise.
 */
export declare function walkMediaRoot(root: string): Promise<SourceFile[]>;
