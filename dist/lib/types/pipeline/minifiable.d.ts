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
/** Why a part of a JOINED bundle is refused, for the end of its MinifyError: a stylesheet that does not parse, a script left open. */
export declare const cssPartMustParse: (bundle: string) => string;
export declare const jsPartMustClose: (bundle: string) => string;
export declare function minifiableKind(relPath: string): BundleKind | undefined;
