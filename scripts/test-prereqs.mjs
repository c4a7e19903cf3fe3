// Run before the tests: installs what they need from outside npm (Debian's chromium for the
// browser tests) so that `npm test` works on a fresh machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/** @param {string} command @param {string[]} args */
function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

if (!existsSync(CHROMIUM)) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`The browser tests need Debian's chromium at ${CHROMIUM}: run "sudo apt-get install -y chromium" first.`);
    process.exit(1);
  }
  console.log('Installing chromium for the browser tests (apt-get)…');
  run('apt-get', ['update', '-q']);
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium']);
  console.log(execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim());
}
