import type { SyncTarget } from './process.js';
import type { SyncManifest } from './sync-manifest.js';
/**
 * Each input map a build read, by its path in MEDIA_ROOT: the sha256 of its bytes, null when it
 * was not there, or UNREADABLE when reading it failed (never equal to a hash: a change either way rebuilds).
 */
export type InputMaps = Record<string, string | null>;
/** The reader a build chains input maps with (below `root` only), noting in `recorded` what each read gave. */
export declare function recordingReader(root: string, recorded: InputMaps): (relPath: string) => Promise<Buffer | undefined>;
/**
 * Now, the input maps the plan compares: those recorded for a map that could be reused (not with
 * `force`, nor without a listing). `known` holds the source hashes of the walked files, which
 * most input maps are; the rest are read as a build reads them.
 */
export declare function currentInputMaps(targets: readonly SyncTarget[], stored: SyncManifest | undefined, reusable: boolean, mediaRoot: string, known: ReadonlyMap<string, string>): Promise<Map<string, string | null>>;
/** Whether every input map recorded is as it was. */
export declare function sameInputMaps(recorded: InputMaps, current: ReadonlyMap<string, string | null>): boolean;
