/**
 * A CSS or JS source decoded for processing: UTF-8 without a leading byte order mark. Once
 * minified or joined, a BOM is no longer at the start of a file: it becomes part of a selector or
 * a statement (and clean-css cannot parse it). Files stored as they are keep theirs.
 */
export declare function sourceText(bytes: Buffer): string;
