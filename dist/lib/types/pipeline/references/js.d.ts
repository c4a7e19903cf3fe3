export interface JsReference {
    url: string;
    line: number;
    column: number;
    /** The source range: the whole comment for a sourceMappingURL, the quoted specifier for an import. */
    start: number;
    end: number;
}
export interface JsReferences {
    module: boolean;
    imports: JsReference[];
    /** The sourceMappingURL comments after the last code, in order: a browser uses the last. */
    sourceMaps: JsReference[];
}
/** A file that parses as neither a script nor a module, with acorn's position. */
export declare class JsSyntaxError extends Error {
    readonly line: number | undefined;
    readonly column: number | undefined;
    readonly reason: string;
    constructor(line: number | undefined, column: number | undefined, reason: string);
}
/**
 * Parse as a classic script, and only if that fails as a module (`.mjs` always as a module): a
 * script's top-level names are globals other scripts use, so a file is a module only when it must be.
 */
export declare function jsReferences(text: string, file: string): JsReferences;
