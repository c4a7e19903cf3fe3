/** How a URL is written, which decides how a rewritten one is written back. */
export type UrlForm = 'url-token' | 'string';
export interface CssUrl {
    /** The URL, unescaped and unquoted. */
    url: string;
    line: number;
    column: number;
    /** The source range that writes the URL: a whole `url(...)` token, or a quoted string. */
    start: number;
    end: number;
    form: UrlForm;
}
export interface CssImport extends CssUrl {
    /** The whole rule, from `@import` to its `;`. */
    ruleStart: number;
    ruleEnd: number;
    /** The URL as written in the rule, `url(...)` included. */
    expressionStart: number;
    expressionEnd: number;
    /** Media, supports() and layer conditions as written after the URL. */
    conditions: string;
}
export interface CssReferences {
    /** url() and image-set() strings outside @import rules. */
    urls: CssUrl[];
    /** Top-level @import rules. */
    imports: CssImport[];
    /** `/*# sourceMappingURL=... *\/` comments; the range is the whole comment. */
    sourceMaps: CssUrl[];
    /** A top-level `@charset` rule's range and text. */
    charset?: {
        start: number;
        end: number;
        text: string;
    };
    /** `@layer a, b;` statements in the prelude: they order the layers that the imports after them name. */
    layerStatements: {
        start: number;
        end: number;
        text: string;
    }[];
    /** Where the prelude ends: the offset of the first token that is not @charset, @import, an @layer statement, a comment or whitespace. */
    preludeEnd: number;
}
export declare function cssReferences(text: string): CssReferences;
/** An @import rule written back from its URL expression (as written, or rewritten) and its conditions. */
export declare function importRule(expression: string, conditions: string): string;
/** A URL written back in the form it had: `url(...)` unquoted when it can be, else quoted; strings keep their quote. */
export declare function writeUrl(value: string, form: UrlForm, original: string): string;
