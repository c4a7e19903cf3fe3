export interface CssPrelude {
    /** The rules set aside, in order, on one line; empty when there is nothing to set aside. */
    head: string;
    /** The text with those rules blanked out, every line and column where it was, for a source map. */
    rest: string;
}
export declare function cssPrelude(text: string): CssPrelude;
