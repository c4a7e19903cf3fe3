// The action runs on Node 24 (action.yml `using: node24`): run the test suite again on the
// Node 24 binary installed from npm (the `node` dev dependency), so child processes such as
// `node dist/index.js` and s3rver run on it too. Arguments are passed on to jest.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const node24 = path.join(path.dirname(require.resolve('node/package.json')), 'bin', 'node');
const jest = path.join(path.dirname(require.resolve('jest/package.json')), 'bin', 'jest.js');

if (process.versions.node.split('.')[0] === '24') {
  console.log('Already running on Node 24: no second run needed.');
  process.exit(0);
}
if (!existsSync(node24)) {
  console.error(`No Node 24 binary at ${node24}: the node package's install script must run (package.json allowScripts approves it).`);
  process.exit(1);
}

const version = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.log(`\nRunning the tests again on Node ${version} (${path.relative(process.cwd(), node24)})`);
const run = spawnSync(node24, [jest, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules', NODE_NO_WARNINGS: '1' }
});
process.exit(run.status ?? 1);
