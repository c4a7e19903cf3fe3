import type { Root } from 'postcss';
export interface Unsupported {
    what: string;
    line?: number;
    column?: number;
}
/** The first construct in `root` that clean-css does not support, if any. */
export declare function unsupportedByCleanCss(root: Root): Unsupported | undefined;
