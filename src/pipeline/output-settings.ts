import { createHash } from 'node:crypto';
import compressible from 'compressible';
import { contentTypeFor } from './headers.js';
import { minifiableKind } from './minifiable.js';

/**
 * Bump when mediasync changes how it builds stored bytes or headers (minifier options, gzip
 * level, separators, MIME rules), so every store re-uploads once with the new output.
 */
export const OUTPUT_FORMAT_VERSION = 3;

/** The minifiers that shape JS and CSS output; a test keeps these in step with package.json. */
export const MINIFIER_VERSIONS = { terser: '5.51.2', 'clean-css': '5.3.3' } as const;

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
export function outputSettingsHash(relPath: string, settings: OutputSettings): string {
  // What shapes an object depends only on its extension: hash once per extension and settings.
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  const fingerprinted = settings.fingerprints?.(relPath) === true;
  const memoKey = `${name.includes('.') ? name.slice(name.lastIndexOf('.')).toLowerCase() : name}\0${settings.minify}\0${settings.gzip}\0${settings.expirationDays}\0${settings.sourceMaps === true}\0${settings.sri === true}\0${fingerprinted}\0${settings.fingerprints !== undefined}\0${settings.mediaPath}`;
  let hash = memo.get(memoKey);
  if (hash === undefined) {
    hash = computeSettingsHash(relPath, settings, fingerprinted);
    memo.set(memoKey, hash);
  }
  return hash;
}

const memo = new Map<string, string>();

function computeSettingsHash(relPath: string, settings: OutputSettings, fingerprinted: boolean): string {
  const kind = minifiableKind(relPath);
  const shaping = {
    format: OUTPUT_FORMAT_VERSION,
    expirationDays: settings.expirationDays,
    minify: kind ? { on: settings.minify, versions: settings.minify ? MINIFIER_VERSIONS : undefined } : undefined,
    gzip: compressible(contentTypeFor(relPath).split(';')[0]) ? settings.gzip : undefined,
    sourceMaps: kind && settings.sourceMaps ? true : undefined,
    sri: settings.sri ? true : undefined,
    // A fingerprinted object's headers do not depend on EXPIRATION_DAYS, but its bytes depend on its references' keys.
    fingerprint: fingerprinted ? true : undefined,
    // With FINGERPRINT what a script imports is recorded for the import map (root-relative imports
    // resolved under the media URL's path): older entries, or another path, are rebuilt once to record it.
    imports: settings.fingerprints && kind === 'js' ? { mediaPath: settings.mediaPath ?? '' } : undefined,
    // A gzipped .svgz is declared gzip at any size (a large one was not): stores holding one
    // without the header rebuild it, and alreadyStored sends it again; other objects stay put.
    svgz: /\.svgz$/i.test(relPath) ? 2 : undefined
  };
  return createHash('sha256').update(JSON.stringify(shaping)).digest('hex').slice(0, 16);
}

/** A bundle's source hash: its kind and its parts' hashes in order. */
export function bundleSourceHash(kind: string, partHashes: readonly string[]): string {
  return createHash('sha256').update(`${kind}\n${partHashes.join('\n')}`).digest('hex');
}
