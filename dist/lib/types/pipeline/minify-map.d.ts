import type { BundleKind } from './join.js';
import type { RawMap } from './references/sourcemap.js';
export declare function minifyWithMap(kind: BundleKind, text: string, file: string, module: boolean): Promise<{
    code: string;
    map: RawMap;
}>;
