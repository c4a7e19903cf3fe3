/**
 * Let the run go on when its reader goes away: `mediasync sync | head -1` closes stdout, and a
 * write then fails with EPIPE, which unhandled killed the process mid-sync with a stack trace,
 * the lock held and part of the tree stored. The run carries on with nothing more shown rather
 * than cancel: the command asked for a sync and `| head` only chose how much of it to watch; a
 * cancel would store nothing while the pipeline, whose status is head's, still passed. The exit
 * code still tells how the run went. Nothing can be shown of a failed write of the output
 * itself, so every such error is dropped, whatever its code.
 */
export function outliveClosedOutput(streams: NodeJS.WritableStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) stream.on('error', () => {});
}
