/** Whether a URL is relative to the file that holds it (not data:, a scheme, /path, //host or #fragment). */
export declare function isRelativeUrl(url: string): boolean;
/** The MEDIA_ROOT-relative file a relative URL in `fromFile` names (query and hash dropped, %-escapes decoded); undefined when it leaves MEDIA_ROOT. */
export declare function resolveUrl(url: string, fromFile: string): string | undefined;
/** A relative URL of `fromFile` rewritten to resolve from `toFile`'s folder to the same place, ?query and #hash kept. */
export declare function rebaseUrl(url: string, fromFile: string, toFile: string): string;
