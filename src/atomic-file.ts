import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { tempNameFor } from './temp-files.js';

/**
 * Write a file so that a reader only ever sees the old bytes or the new ones: a temporary file
 * beside it, flushed to disk, then renamed over it. On failure (a full disk, say) the old file
 * is left as it was and the temporary file is removed.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = tempNameFor(file);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Check, before anything is changed, that `file` can later be written by writeFileAtomically:
 * not a folder, not below a file, in a folder that takes a new file. Throws the errno error.
 */
export async function checkWritable(file: string): Promise<void> {
  if ((await stat(file).catch(() => undefined))?.isDirectory()) {
    throw Object.assign(new Error(`EISDIR: is a folder`), { code: 'EISDIR' });
  }
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = tempNameFor(file);
  await (await open(temporary, 'wx')).close();
  await rm(temporary, { force: true });
}

/** Plain words for the errno codes a file write meets. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    EISDIR: 'is a folder',
    ENOTDIR: 'is below a file, not a folder',
    // What mkdir says when a folder on the way is a file.
    EEXIST: 'is below a file, not a folder',
    EACCES: 'cannot be written: permission denied',
    EPERM: 'cannot be written: operation not permitted',
    EROFS: 'is on a read-only file system',
    ENOSPC: 'cannot be written: no space left on the device',
    EDQUOT: 'cannot be written: disk quota exceeded',
    ENAMETOOLONG: 'has a name that is too long'
  };
  return (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
}
