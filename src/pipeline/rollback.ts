import type { BackendClient } from '../backends/contract.js';
import type { Reporter } from '../reporter.js';
import { describeError } from './upload.js';

/** What a run changed in the store so far, as its uploads succeed. */
export interface RunChanges {
  /** Objects new to the store: deleted again should the run not finish. */
  added: string[];
  /** Objects replaced in place: the live prefix serves them at once. */
  replaced: string[];
}

/** Objects named in a message before the rest are only counted. */
const NAMED = 10;

/** Delete the new objects a failed run stored, so the store is left as it was; whether it worked. */
export async function takeBack(client: BackendClient, added: readonly string[], reporter: Reporter): Promise<boolean> {
  if (added.length === 0) return true;
  // Sorted for the messages: uploads finish in any order.
  const paths = [...added].sort();
  if (!client.delete) {
    reporter.warning(`${paths.length} new objects uploaded before the run stopped stay: this BACKEND cannot delete (${paths.join(', ')})`);
    return false;
  }
  try {
    await client.delete(paths);
    reporter.info(`${paths.length} new objects uploaded before the run stopped were deleted again`);
    return true;
  } catch (error) {
    reporter.warning(
      `${paths.length} new objects uploaded before the run stopped could not be deleted again (${describeError(error)}); ` +
        `the next run with PRUNE true deletes them: ${paths.join(', ')}`
    );
    return false;
  }
}

/**
 * Adds to a failed run's error that the objects it replaced are live next to the older rest,
 * and what to do: a rerun uploads only what is still different.
 */
export function withMixNote(error: unknown, replaced: readonly string[]): unknown {
  if (replaced.length === 0 || !(error instanceof Error)) return error;
  // Sorted: uploads finish in any order, and the same failure should read the same every time.
  const named = [...replaced].sort().slice(0, NAMED).join(', ') + (replaced.length > NAMED ? ` and ${replaced.length - NAMED} more` : '');
  error.message +=
    `\nThe live prefix now holds a mix: ${replaced.length} ${replaced.length === 1 ? 'object was' : 'objects were'} replaced in place by this run (${named}), the others are from the previous sync, ` +
    'and no outputs or manifest were written. Run the sync again to complete it (the replaced objects are sent once more, since no sync manifest records their headers).';
  return error;
}
