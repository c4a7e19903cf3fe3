// Preloaded (`node --import`) into a CLI child by crash tests only: counts the process's
// filesystem changes made through node:fs/promises (mkdir aside: a kill before it leaves what a
// kill after the step before leaves) and, when MEDIASYNC_TEST_KILL_AT is N,
// SIGKILLs the process just before the Nth one starts. Every change is first logged, one line
// each, to MEDIASYNC_TEST_STEP_LOG, so a test knows how many steps a run takes and where it died.
import { appendFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const killAt = Number(process.env.MEDIASYNC_TEST_KILL_AT ?? 0);
const log = process.env.MEDIASYNC_TEST_STEP_LOG;
let step = 0;

const CHANGES = ['writeFile', 'appendFile', 'rename', 'rm', 'rmdir', 'unlink', 'copyFile'];
const promises = /** @type {Record<string, (...args: unknown[]) => Promise<unknown>>} */ (/** @type {unknown} */ (fsp));
for (const name of CHANGES) {
  const original = promises[name];
  promises[name] = (...args) => {
    step++;
    if (log) appendFileSync(log, `${step} ${name} ${String(args[0])}${name === 'rename' ? ` ${String(args[1])}` : ''}\n`);
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
    return original(...args);
  };
}
// ES modules that import these by name see the wrapped functions too.
syncBuiltinESMExports();
