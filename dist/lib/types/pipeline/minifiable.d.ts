import type { BundleKind } from './join.js';
/** A source file the minifier cannot parse, with its position. */
export declare class MinifyError extends Error {
    readonly file: string;
    readonly line: number | undefined;
    readonly column: number | undefined;
    readonly reason: string;
    constructor(file: string, line: number | undefined, column: number | undefined, reason: string);
}
export declare function minifiableKind(relPath: string): BundleKind | undefined;
