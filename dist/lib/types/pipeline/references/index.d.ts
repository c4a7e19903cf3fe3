import { type BundleKind } from '../join.js';
/** One edge of the graph: `file` refers, at line:column, to `url`, which names `target` in MEDIA_ROOT (undefined: it leaves MEDIA_ROOT). */
export interface Reference {
    file: string;
    line: number;
    column: number;
    url: string;
    target: string | undefined;
}
/** A sourceMappingURL comment: its URL and the range of the whole comment. */
export interface MapComment {
    url: string;
    start: number;
    end: number;
}
export interface FileReferences {
    references: Reference[];
    mapComments: MapComment[];
    /** For JS: whether the file is an ES module; undefined when it parses as neither kind. */
    module?: boolean;
    /** For JS: the MEDIA_ROOT paths its import specifiers name, in order, once each (for the import map). */
    imports?: string[];
}
export declare function fileReferences(kind: BundleKind, text: string, file: string, mediaPath?: string): FileReferences;
/** A JOINED JS bundle refuses ES modules: concatenated, their imports and exports break. */
export declare class ModuleBundleError extends Error {
    constructor(bundle: string, part: string);
}
/**
 * A JS part of a JOINED bundle without its sourceMappingURL comments (they would claim the whole
 * bundle), which are returned. A hashbang is valid only at the very start of a script: it becomes
 * a line comment of the same length, so the part's lines and columns stay where they were. A part
 * left inside a comment, string, template or regular expression fails, minified or not, whatever
 * else is wrong in it: it would take in the next part. Other parts that do not parse (an intro and
 * an outro that wrap the parts between them in a function, code only a browser accepts) are
 * joined as they are, less their sourceMappingURL comments.
 */
export declare function jsPart(text: string, part: string, bundle: string): {
    body: string;
    mapComments: MapComment[];
};
/** What the reference stage hands the minifiers for one object. */
export interface PreparedSources {
    /** The sources to minify and join, in order. */
    inputs: Buffer[];
    /** Bytes that go before the joined parts (a CSS bundle's @charset and @import rules). */
    head?: Buffer;
    /** For a single JS or CSS file: what it refers to. Parts of a bundle are synced, and checked, as files of their own. */
    references: Reference[];
    /** For a single JS file: whether it is an ES module. */
    module?: boolean;
    /** For a single JS file: the MEDIA_ROOT paths it imports. */
    imports?: string[];
    /** Each source's sourceMappingURL comments (still in a single file's input; taken out of a bundle's parts). */
    mapComments: MapComment[][];
}
/** Run the reference stage on the sources of one object: a file, or a JOINED bundle's parts. */
export declare function prepareSources(path: string, joinKind: BundleKind | undefined, sources: readonly {
    relPath: string;
}[], bodies: readonly Buffer[], mediaPath?: string): PreparedSources;
/** A JOINED bundle's bytes: the head the reference stage made, then the (minified) parts joined. */
export declare function joinBundle(kind: BundleKind, prepared: PreparedSources, outputs: readonly Buffer[]): Buffer;
