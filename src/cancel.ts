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

/**
 * While `work` runs, SIGINT and SIGTERM abort its signal with a CancelledError instead of
 * killing the process, so the run can take back what it put; a second signal only says so.
 */
export async function cancellable<T>(work: (signal: AbortSignal) => Promise<T>, say: (line: string) => void): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) say(`${signal} received: still cleaning up after the cancel`);
    else {
      say(`${signal} received: cancelling, taking back what this run put`);
      controller.abort(new CancelledError(signal));
    }
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
