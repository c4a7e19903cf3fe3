import type { BundleKind } from './join.js';
/** A source file the minifier (or, for a JOINED part, the join) cannot parse, with its position. */
export declare class MinifyError extends Error {
    readonly file: string;
    readonly line: number | undefined;
    readonly column: number | undefined;
    readonly reason: string;
    readonly action: 'minify' | 'join';
    constructor(file: string, line: number | undefined, column: number | undefined, reason: string, action?: 'minify' | 'join');
}
export declare function minifiableKind(relPath: string): BundleKind | undefined;
