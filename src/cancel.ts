import { exitWhenFlushed } from './exit.js';
import { DEFAULT_LOCK_TIMINGS, LOCK_PATH } from './pipeline/lock.js';
import { PENDING_PATH } from './pipeline/pending.js';

/** A run stopped by a signal (the runner cancels a job with SIGINT, then SIGTERM, then SIGKILL). */
export class CancelledError extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`cancelled by ${signal}: the run stopped starting uploads, deleted the new objects it had put and wrote no outputs, manifest or sync manifest`);
    this.name = 'CancelledError';
  }
}

/** `work`, or the signal's reason as soon as it aborts; `work` itself is not stopped. */
export function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** How a shell reports a cancel: notes as it goes, and the last word when a further signal cuts the clean-up short. */
export interface CancelReport {
  say: (line: string) => void;
  /** Reports `message` as the run's failure and gives the exit code to leave with. */
  abandon: (message: string, signal: NodeJS.Signals) => Promise<number> | number;
}

/**
 * While `work` runs, SIGINT and SIGTERM abort its signal with a CancelledError instead of
 * killing the process, so the run can take back what it put. A further signal exits at once
 * (once any worker has finished the gzip it is in, at most about a second), naming what may be left: the clean-up waits for calls under way, and a person pressing Ctrl-C
 * again, or the runner's SIGTERM 7.5 s after its SIGINT, means it has waited long enough.
 */
export async function cancellable<T>(work: (signal: AbortSignal) => Promise<T>, report: CancelReport): Promise<T> {
  const controller = new AbortController();
  const onSignal = async (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      report.say(`${signal} received: cancelling, taking back what this run put`);
      controller.abort(new CancelledError(signal));
      return;
    }
    process.exitCode = await report.abandon(abandonedMessage(signal), signal);
    await exitWhenFlushed();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function abandonedMessage(signal: NodeJS.Signals): string {
  return (
    `${signal} received again: exiting before the clean-up after the cancel finished. The store may keep objects this run put ` +
    `(listed in ${PENDING_PATH}, which the next sync reads: PRUNE deletes them) and the lock ${LOCK_PATH}, ` +
    `which holds the prefix until it expires ${DEFAULT_LOCK_TIMINGS.ttlMs / 60_000} minutes after it was last renewed`
  );
}
