// A stored map chains the input maps its sources name (a Sass or TypeScript map): which ones,
// and the bytes they had, are recorded with it, so a map is rebuilt when only its input map
// changed (and once for a map recorded before this was).
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { readFileInside } from '../read-inside.js';
import type { SyncTarget } from './process.js';
import type { SyncManifest } from './sync-manifest.js';

/**
 * Each input map a build read, by its path in MEDIA_ROOT: the sha256 of its bytes, null when it
 * was not there, or UNREADABLE when reading it failed (never equal to a hash: a change either way rebuilds).
 */
export type InputMaps = Record<string, string | null>;

const UNREADABLE = 'unreadable';

/** Reads in flight at once, as for the source hashes. */
const READ_CONCURRENCY = 32;

/** The reader a build chains input maps with (below `root` only), noting in `recorded` what each read gave. */
export function recordingReader(root: string, recorded: InputMaps): (relPath: string) => Promise<Buffer | undefined> {
  return async (relPath) => {
    const read = await readState(root, relPath);
    recorded[relPath] = read.state;
    if (read.error) throw read.error;
    return read.bytes;
  };
}

/** An input map's bytes and the state recorded for them; a failed read is UNREADABLE, with its error. */
async function readState(root: string, relPath: string): Promise<{ bytes?: Buffer; state: string | null; error?: unknown }> {
  try {
    const bytes = await readFileInside(root, relPath);
    return { bytes, state: bytes ? sha256(bytes) : null };
  } catch (error) {
    return { state: UNREADABLE, error };
  }
}

/**
 * Now, the input maps the plan compares: those recorded for a map that could be reused (not with
 * `force`, nor without a listing). `known` holds the source hashes of the walked files, which
 * most input maps are; the rest are read as a build reads them.
 */
export async function currentInputMaps(
  targets: readonly SyncTarget[],
  stored: SyncManifest | undefined,
  reusable: boolean,
  mediaRoot: string,
  known: ReadonlyMap<string, string>
): Promise<Map<string, string | null>> {
  const watched = new Set(reusable ? targets.flatMap((target) => (target.mapOf ? Object.keys(stored?.entries[target.path]?.inputMaps ?? {}) : [])) : []);
  const current = new Map<string, string | null>();
  const limit = pLimit(READ_CONCURRENCY);
  await Promise.all([...watched].map((relPath) => limit(async () => current.set(relPath, known.get(relPath) ?? (await readState(mediaRoot, relPath)).state))));
  return current;
}

/** Whether every input map recorded is as it was. */
export function sameInputMaps(recorded: InputMaps, current: ReadonlyMap<string, string | null>): boolean {
  return Object.entries(recorded).every(([relPath, hash]) => current.get(relPath) === hash);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
