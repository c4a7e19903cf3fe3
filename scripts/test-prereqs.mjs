// Run before the tests: installs what they need from outside npm (Debian's chromium for the
// browser tests, python3-django for the Django example) so that `npm test` works on a fresh machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
/** Debian's Python, which python3-django installs into (a python3 earlier on PATH may be another). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** @param {string} command @param {string[]} args */
function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

/** Debian packages the tests need, each with how to tell it is there. */
const NEEDED = [
  { name: 'chromium', why: 'the browser tests', present: () => existsSync(CHROMIUM) },
  { name: 'python3-django', why: 'the Django example tests', present: () => spawnSync(DEBIAN_PYTHON, ['-c', 'import django'], { stdio: 'ignore' }).status === 0 }
];

const missing = NEEDED.filter((pkg) => !pkg.present());
if (missing.length > 0) {
  const names = missing.map((pkg) => pkg.name);
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`The tests need Debian's ${missing.map((pkg) => `${pkg.name} (${pkg.why})`).join(' and ')}: run "sudo apt-get install -y ${names.join(' ')}" first.`);
    process.exit(1);
  }
  console.log(`Installing ${names.join(', ')} for ${missing.map((pkg) => pkg.why).join(' and ')} (apt-get)…`);
  run('apt-get', ['update', '-q']);
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...names]);
  if (names.includes('chromium')) console.log(execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim());
}
