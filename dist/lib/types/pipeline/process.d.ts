import type { MediaObject } from '../backends/contract.js';
import { type Bundle } from './join.js';
export interface ProcessOptions {
    minify: boolean;
    gzip: boolean;
    expirationDays: number;
    now: Date;
}
/** A stored object with the sizes it went through, for the manifest and the summary. */
export interface ProcessedObject extends MediaObject {
    sourceSize: number;
    minifiedSize: number;
    /** For a JOINED alias: the parts it was built from. */
    parts?: string[];
}
export interface SourceBytes {
    relPath: string;
    body: Buffer;
}
/**
 * Minify every JS and CSS file, build each bundle from its minified parts, then set headers
 * and gzip. Parts are minified once and reused by every bundle that names them.
 */
export declare function processMedia(sources: readonly SourceBytes[], bundles: readonly Bundle[], options: ProcessOptions): Promise<ProcessedObject[]>;
