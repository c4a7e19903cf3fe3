import type { BundleKind } from './join.js';
/** `module`: the reference stage found the JS file parses only as an ES module (`.mjs` always is one). */
export declare function minifySource(kind: BundleKind, source: Buffer, file: string, module?: boolean): Promise<Buffer>;
