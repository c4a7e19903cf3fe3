import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = process.cwd();
export const EXAMPLE_SITE = path.join(REPO_ROOT, 'examples', 'site');
export const EXAMPLE_MEDIA = path.join(EXAMPLE_SITE, 'media');

/** A scratch folder removed by the returned function. */
export function tempDir(prefix = 'mediasync-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the example media that a test may change. */
export function copyExampleMedia(into: string): string {
  const media = path.join(into, 'media');
  cpSync(EXAMPLE_MEDIA, media, { recursive: true });
  return media;
}
