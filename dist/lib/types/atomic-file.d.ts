/**
 * Write a file so that a reader only ever sees the old bytes or the new ones: a temporary file
 * beside it, flushed to disk, then renamed over it. On failure (a full disk, say) the old file
 * is left as it was and the temporary file is removed.
 */
export declare function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void>;
/**
 * Check, before anything is changed, that `file` can later be written by writeFileAtomically:
 * not a folder, not below a file, in a folder that takes a new file. Throws the errno error.
 */
export declare function checkWritable(file: string): Promise<void>;
/** Plain words for the errno codes a file write meets. */
export declare function describeFileError(error: unknown): string;
