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
/**
 * A script that does not parse, read token by token to its end whatever its grammar errors:
 * the comment, string, template or regular expression it leaves open (which would take in what
 * follows it), else its sourceMappingURL comments after the last token. Other token errors say nothing.
 */
export declare function scanScript(text: string): {
    unterminated?: JsSyntaxError;
    sourceMaps: JsReference[];
};
