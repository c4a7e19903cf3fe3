/** Hidden (`.x`) and underscore (`_x`) files and folders are never synced, at any depth. */
export declare function isIgnoredName(name: string): boolean;
/**
 * Why a file or folder of this name is never published, at any depth, whatever EXCLUDE says:
 * hidden, underscore, or a default settings file name (another environment's settings, with
 * its keys, sit beside the one read when MEDIA_ROOT is the project folder).
 */
export declare function unpublishedName(name: string): string | undefined;
/** Why a path below MEDIA_ROOT is never published (`.env is hidden`), or undefined when it may be. */
export type PublishedTest = (relPath: string) => string | undefined;
/**
 * The one rule for what may be published, for a whole `/`-separated path below MEDIA_ROOT: no
 * segment of an unpublished name, and neither the path nor a folder above it matched by EXCLUDE
 * (a folder that matches is skipped whole). The walk applies it as it descends and to every
 * path a symlink reaches; the dev server to every path it answers and the file it reads.
 */
export declare function publishedTest(globs?: readonly string[]): PublishedTest;
/** Whether EXCLUDE matches the path itself (the walk, which never enters a matched folder, needs no more). */
export declare function excludeMatcher(globs?: readonly string[]): (relPath: string) => boolean;
