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
}
export declare function cssReferences(text: string): CssReferences;
/** A URL written back in the form it had: `url(...)` unquoted when it can be, else quoted; strings keep their quote. */
export declare function writeUrl(value: string, form: UrlForm, original: string): string;
