export interface CssPart {
    /** The part's text, ready to minify and join. */
    body: string;
    /** Its @import rules, rebased, in order. */
    imports: string[];
    charset?: string;
    /** The sourceMappingURL comments taken out. */
    mapComments: {
        url: string;
        start: number;
        end: number;
    }[];
}
export declare function cssPart(text: string, part: string, bundle: string): CssPart;
/** What goes before the joined parts: the first part's @charset, then every @import once, in order of appearance. */
export declare function cssBundleHead(parts: readonly CssPart[]): string;
