import type { BundleKind } from './join.js';
export declare function minifySource(kind: BundleKind, source: Buffer, file: string): Promise<Buffer>;
