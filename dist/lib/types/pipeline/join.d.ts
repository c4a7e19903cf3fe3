import type { Settings } from '../settings/schema.js';
export type BundleKind = 'css' | 'js';
/** A JOINED entry with the CSS_PATH / JS_PATH shortcut applied to its alias and parts. */
export interface Bundle {
    alias: string;
    kind: BundleKind;
    parts: string[];
}
export declare function bundleKind(alias: string): BundleKind | undefined;
/** `joined.css` with CSS_PATH `styles` → `styles/joined.css`; no shortcut leaves the path as it is. */
export declare function withShortcut(relPath: string, kind: BundleKind | undefined, settings: Pick<Settings, 'CSS_PATH' | 'JS_PATH'>): string;
export declare class BundleError extends Error {
    constructor(message: string);
}
/**
 * The JOINED bundles with their shortcuts applied, checked against the files that exist:
 * every part must be a synced file, and no alias may also be a file.
 */
export declare function resolveBundles(settings: Pick<Settings, 'JOINED' | 'CSS_PATH' | 'JS_PATH' | 'EXCLUDE' | 'MEDIA_ROOT'>, files: ReadonlySet<string>): Bundle[];
/** CSS parts are joined with `\n`, JS parts with `;\n` so that a part without a final semicolon stays valid. */
export declare function joinParts(kind: BundleKind, parts: readonly Buffer[]): Buffer;
