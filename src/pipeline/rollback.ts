import type { BackendClient } from '../backends/contract.js';
import type { Reporter } from '../reporter.js';
import { PENDING_PATH } from './pending.js';
import { RELEASES_PATH } from './releases.js';
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
  error.message +=
    `\nThe live prefix now holds a mix: ${replaced.length} ${replaced.length === 1 ? 'object was' : 'objects were'} replaced in place by this run (${nameSome(replaced)}), the others are from the previous sync, ` +
    'and no outputs or manifest were written. Run the sync again to complete it (the replaced objects are sent once more, since no sync manifest records their headers).';
  return error;
}

/** What a FINGERPRINT run does once its release's objects and sync manifest are stored. */
export type PublishedStep = { step: 'release-log' } | { step: 'prune'; deleting: number };

/**
 * An error met after the release was stored, with what the store holds and what is left to do:
 * nothing is taken back then (the sync manifest names the new objects), and a rerun finishes it.
 */
export function afterPublishing(error: unknown, done: PublishedStep, release: string, replaced: readonly string[]): Error {
  const inPlace = replaced.length === 0 ? '' : `, ${replaced.length} replaced in place (${nameSome(replaced)})`;
  const message =
    done.step === 'release-log'
      ? `writing the release log ${RELEASES_PATH} failed: ${describeError(error)}\n` +
        `Release ${release} is stored (its objects${inPlace}, and the sync manifest) but not recorded, nothing was pruned, and no outputs or manifest were written. ` +
        'Run the sync again: it uploads nothing and records the release.'
      : `deleting the ${done.deleting} objects PRUNE retired failed: ${describeError(error)}\n` +
        `Release ${release} is stored and recorded${inPlace}, and no outputs or manifest were written. ` +
        `The objects to delete stay listed in ${PENDING_PATH}: run the sync again and PRUNE deletes them.`;
  return new Error(message, { cause: error });
}

/** A few paths, sorted (uploads finish in any order, and the same failure should read the same every time), the rest counted. */
function nameSome(paths: readonly string[]): string {
  return [...paths].sort().slice(0, NAMED).join(', ') + (paths.length > NAMED ? ` and ${paths.length - NAMED} more` : '');
}
