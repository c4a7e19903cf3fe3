export declare const TEMP_SUFFIX = ".mediasync-tmp";
/** A hidden temporary name beside `file` (so the walk never syncs it and a rename is atomic) that names its writer (host and process), so another run can tell a live write from a killed one. */
export declare function tempNameFor(file: string): string;
/**
 * Whether a temporary file was left by a writer that is gone, so removing it breaks no write:
 * one of this host whose process no longer runs, or one that does not name its writer (an
 * older version's). Another host's is kept: its process cannot be checked from here.
 */
export declare function isAbandonedTemp(name: string): boolean;
