export declare const TEMP_SUFFIX = ".mediasync-tmp";
/**
 * A temporary file is written and renamed within moments, and its mtime moves with every write:
 * one untouched this long belongs to no live write, whoever made it.
 */
export declare const ABANDONED_AFTER_MS: number;
/**
 * A hidden temporary name beside `file` (so the walk never syncs it and a rename is atomic) that
 * names its writer, so another run can tell a live write from a killed one. Short, so a name
 * near the file system's 255-byte limit still has room for it.
 */
export declare function tempNameFor(file: string): string;
/**
 * Whether a temporary file was left by a writer that is gone, so removing it breaks no write:
 * one untouched for ABANDONED_AFTER_MS, one of this pid space whose process no longer runs, or
 * one that does not name its writer (an older version's). Another pid space's process cannot be
 * checked from here: its file waits for the age limit.
 */
export declare function isAbandonedTemp(name: string, mtimeMs: number, now?: number): boolean;
