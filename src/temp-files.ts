import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEMP_SUFFIX = '.mediasync-tmp';

/**
 * A temporary file is written and renamed within moments, and its mtime moves with every write:
 * one untouched this long belongs to no live write, whoever made it.
 */
export const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/**
 * Where a pid means one process: the host, its boot and its pid namespace (containers that share
 * a host name and a folder each have their own), hashed short.
 */
const PID_SPACE = createHash('sha256')
  .update([os.hostname(), readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')), readOr(() => readlinkSync('/proc/self/ns/pid'))].join('\n'))
  .digest('hex')
  .slice(0, 8);
const OWNER = /\.([0-9a-f]{8})-(\d+)\.mediasync-tmp$/;

/**
 * A hidden temporary name beside `file` (so the walk never syncs it and a rename is atomic) that
 * names its writer, so another run can tell a live write from a killed one. Short, so a name
 * near the file system's 255-byte limit still has room for it.
 */
export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.${PID_SPACE}-${process.pid}${TEMP_SUFFIX}`);
}

/**
 * Whether a temporary file was left by a writer that is gone, so removing it breaks no write:
 * one untouched for ABANDONED_AFTER_MS, one of this pid space whose process no longer runs, or
 * one that does not name its writer (an older version's). Another pid space's process cannot be
 * checked from here: its file waits for the age limit.
 */
export function isAbandonedTemp(name: string, mtimeMs: number, now = Date.now()): boolean {
  const owner = OWNER.exec(name);
  if (!owner || now - mtimeMs > ABANDONED_AFTER_MS) return true;
  if (owner[1] !== PID_SPACE) return false;
  try {
    process.kill(Number(owner[2]), 0);
    return false;
  } catch (error) {
    // EPERM: the process runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function readOr(read: () => string): string {
  try {
    return read();
  } catch {
    return '';
  }
}
