// A stored map chains the input maps its sources name (a Sass or TypeScript map): which ones,
// and the bytes they had, are recorded with it, so a map is rebuilt when only its input map
// changed, and never when nothing did.
import { createHash } from 'node:crypto';
import { readFileInside } from '../read-inside.js';
import type { SyncManifest } from './sync-manifest.js';

/** Each input map a build read, by its path in MEDIA_ROOT: the sha256 of its bytes, or null when it was not there. */
export type InputMaps = Record<string, string | null>;

/** The reader a build chains input maps with (below `root` only), noting in `recorded` what it read. */
export function recordingReader(root: string, recorded: InputMaps): (relPath: string) => Promise<Buffer | undefined> {
  return async (relPath) => {
    const bytes = await readFileInside(root, relPath);
    recorded[relPath] = bytes ? sha256(bytes) : null;
    return bytes;
  };
}

/** The current state of every input map the manifest's entries recorded, read as a build reads them. */
export async function currentInputMaps(stored: SyncManifest | undefined, mediaRoot: string): Promise<Map<string, string | null>> {
  const paths = new Set(Object.values(stored?.entries ?? {}).flatMap((entry) => Object.keys(entry.inputMaps ?? {})));
  const current = new Map<string, string | null>();
  await Promise.all(
    [...paths].map(async (relPath) => {
      const bytes = await readFileInside(mediaRoot, relPath);
      current.set(relPath, bytes ? sha256(bytes) : null);
    })
  );
  return current;
}

/** Whether every input map recorded is as it was. */
export function sameInputMaps(recorded: InputMaps, current: ReadonlyMap<string, string | null>): boolean {
  return Object.entries(recorded).every(([relPath, hash]) => current.get(relPath) === hash);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
