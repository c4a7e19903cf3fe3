import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

export const TEMP_SUFFIX = '.mediasync-tmp';

/** Which host wrote a temporary file: a short hash, since a host name may hold dots. */
const HOST_TAG = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);
const OWNER = /\.([0-9a-f]{8})-(\d+)\.mediasync-tmp$/;

/** A hidden temporary name beside `file` (so the walk never syncs it and a rename is atomic) that names its writer (host and process), so another run can tell a live write from a killed one. */
export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.${HOST_TAG}-${process.pid}${TEMP_SUFFIX}`);
}

/**
 * Whether a temporary file was left by a writer that is gone, so removing it breaks no write:
 * one of this host whose process no longer runs, or one that does not name its writer (an
 * older version's). Another host's is kept: its process cannot be checked from here.
 */
export function isAbandonedTemp(name: string): boolean {
  const owner = OWNER.exec(name);
  if (!owner) return true;
  if (owner[1] !== HOST_TAG) return false;
  try {
    process.kill(Number(owner[2]), 0);
    return false;
  } catch (error) {
    // EPERM: the process runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
