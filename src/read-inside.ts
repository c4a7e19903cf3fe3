import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PublishedTest } from './pipeline/published.js';
import { isInside } from './real-path.js';

/**
 * The bytes of the file at `relPath` (`/`-separated) below `root`, read only when its real path,
 * every symlink followed, stays below root's real path: the walk refuses media that leave
 * MEDIA_ROOT, and this keeps every other read (an input map, a file the dev server answers
 * with) to the same rule. With `published`, the real path must also pass it, as the walk
 * requires of a symlink's target. Undefined when there is no such file or it is outside.
 */
export async function readFileInside(root: string, relPath: string, published?: PublishedTest): Promise<Buffer | undefined> {
  const top = await realpath(root).catch(() => undefined);
  const real = await realpath(path.join(root, ...relPath.split('/'))).catch(() => undefined);
  if (!top || !real || !isInside(real, top)) return undefined;
  if (published?.(path.relative(top, real).split(path.sep).join('/'))) return undefined;
  if (!(await stat(real)).isFile()) return undefined;
  return readFile(real);
}
