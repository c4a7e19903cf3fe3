// Preloaded (`node --import`) into a CLI child by crash tests only: counts the process's
// filesystem changes made through node:fs/promises (mkdir aside: a kill before it leaves what a
// kill after the step before leaves) and SIGKILLs the process just before the Nth one starts
// (MEDIASYNC_TEST_KILL_AT=N), or before the first whose line matches a regular expression
// (MEDIASYNC_TEST_KILL_BEFORE): concurrent uploads order steps a little differently from run to
// run, so a step that must be covered is named. Every change is first logged, one line each
// (`N name path [to]`), to MEDIASYNC_TEST_STEP_LOG, so a test knows how many steps a run takes
// and where it died.
import { appendFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const killAt = Number(process.env.MEDIASYNC_TEST_KILL_AT ?? 0);
const killBefore = process.env.MEDIASYNC_TEST_KILL_BEFORE ? new RegExp(process.env.MEDIASYNC_TEST_KILL_BEFORE) : undefined;
const log = process.env.MEDIASYNC_TEST_STEP_LOG;
let step = 0;

const CHANGES = ['writeFile', 'appendFile', 'rename', 'link', 'rm', 'rmdir', 'unlink', 'copyFile'];
const promises = /** @type {Record<string, (...args: unknown[]) => Promise<unknown>>} */ (/** @type {unknown} */ (fsp));
for (const name of CHANGES) {
  const original = promises[name];
  promises[name] = (...args) => {
    step++;
    const line = `${step} ${name} ${String(args[0])}${name === 'rename' ? ` ${String(args[1])}` : ''}`;
    if (log) appendFileSync(log, `${line}\n`);
    if (step === killAt || killBefore?.test(line)) process.kill(process.pid, 'SIGKILL');
    return original(...args);
  };
}
// ES modules that import these by name see the wrapped functions too.
syncBuiltinESMExports();
