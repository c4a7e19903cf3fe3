import CleanCSS from 'clean-css';
import type { BundleKind } from './join.js';
/** `module`: the reference stage found the JS file parses only as an ES module (`.mjs` always is one). */
export declare function minifySource(kind: BundleKind, source: Buffer, file: string, module?: boolean): Promise<Buffer>;
/** clean-css's output for `text`, or a MinifyError for what it would drop (minify-map.ts uses it too). */
export declare function checkedCss<T extends CleanCSS.Output>(text: string, file: string, minify: () => T): T;
