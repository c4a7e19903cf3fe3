/**
 * Bump when mediasync changes how it builds stored bytes or headers (minifier options, gzip
 * level, separators, MIME rules), so every store re-uploads once with the new output.
 */
export declare const OUTPUT_FORMAT_VERSION = 3;
/** The minifiers that shape JS and CSS output; a test keeps these in step with package.json. */
export declare const MINIFIER_VERSIONS: {
    readonly terser: "5.51.2";
    readonly 'clean-css': "5.3.3";
};
export interface OutputSettings {
    minify: boolean;
    gzip: boolean;
    expirationDays: number;
    /** SOURCE_MAPS: minified files and bundles get a map and a comment pointing at it. */
    sourceMaps?: boolean;
    /** SRI: each object's integrity is computed and recorded. */
    sri?: boolean;
    /** FINGERPRINT: whether a path is stored under a content-hashed key (FINGERPRINT_EXCLUDE says which are not). */
    fingerprints?: (path: string) => boolean;
    /** The remote media URL's path (`/s`, or `` at the host's root): a root-relative import under it names a file of MEDIA_ROOT. */
    mediaPath?: string;
}
/**
 * A hash of exactly the settings that shape one path's stored object: expiry for every file,
 * MINIFY and the minifier versions only for JS and CSS, gzip only for compressible types. So
 * turning AWS_GZIP off re-uploads the text files and leaves the images alone.
 */
export declare function outputSettingsHash(relPath: string, settings: OutputSettings): string;
/** A bundle's source hash: its kind and its parts' hashes in order. */
export declare function bundleSourceHash(kind: string, partHashes: readonly string[]): string;
