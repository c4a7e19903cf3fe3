export interface CssPart {
    /** The part's text, ready to minify and join. */
    body: string;
    /** Its @import rules, rebased, in order. */
    imports: string[];
    /** The @layer statements it starts with, before any @import, in order. */
    layers: string[];
    charset?: string;
    /** The sourceMappingURL comments taken out. */
    mapComments: {
        url: string;
        start: number;
        end: number;
    }[];
}
export declare function cssPart(text: string, part: string, bundle: string): CssPart;
/**
 * What goes before the joined parts: the first part's @charset, every part's leading @layer
 * statements, then every @import once, in order of appearance. An @import may follow only
 * @charset and @layer statements, and one after an @layer statement that follows an @import is
 * ignored: the statements all go first.
 */
export declare function cssBundleHead(parts: readonly CssPart[]): string;
