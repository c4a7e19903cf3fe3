import { awaitedNow } from './awaited.js';
import { closeOpenPools } from './pipeline/worker-pool.js';

/**
 * Once stdout and stderr have taken everything written, exit with process.exitCode: nothing still
 * pending (a store request, a socket, a timer) may keep a finished run alive. Worker threads
 * still running (a second Ctrl-C cuts a cancel short) are stopped first, outside zlib, or Node
 * could abort the process on its way out.
 */
export async function exitWhenFlushed(): Promise<never> {
  await Promise.all([closeOpenPools(), ...[process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve())))]);
  process.exit();
}

/**
 * An entry point: run `main` to its exit code and exit once the output is flushed. Should
 * nothing be left to run while `main` still waits (a promise of user code that can never settle,
 * such as a top-level await in a settings module), `stalled` gets a message naming what it waited
 * for and gives the exit code, instead of Node leaving with code 13 and a line of the bundle.
 */
export function runToExit(main: () => Promise<number | void>, stalled: (message: string) => Promise<number> | number): void {
  let finished = false;
  process.once('beforeExit', async () => {
    if (finished) return;
    process.exitCode = await stalled(`stopped waiting for ${awaitedNow() ?? 'the run to finish'}: it can never finish, as nothing is left that could settle it (a promise that is never resolved, or a top-level await on one)`);
    await exitWhenFlushed();
  });
  void main().then(async (code) => {
    finished = true;
    if (code !== undefined) process.exitCode = code;
    await exitWhenFlushed();
  });
}
