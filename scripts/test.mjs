// `npm test`: installs what the tests need from outside npm, checks the types, then runs the whole suite on the
// Node that runs npm and again on Node 24, the action's runtime (the `node` dev dependency).
// Run as `"$npm_node_execpath" scripts/test.mjs`: inside npm scripts a plain `node` is that
// dev dependency's Node 24, so the first run would not be on the user's own Node. Arguments
// go to jest.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import './test-prereqs.mjs';

const require = createRequire(import.meta.url);
const node24 = path.join(path.dirname(require.resolve('node/package.json')), 'bin', 'node');
const jest = path.join(path.dirname(require.resolve('jest/package.json')), 'bin', 'jest.js');
const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

if (!existsSync(node24)) {
  console.error(`No Node 24 binary at ${node24}: the node package's install script must run (package.json allowScripts approves it).`);
  process.exit(1);
}

// ts-jest compiles each file on its own without checking types: the whole project is checked once here.
console.log('Checking types (tsc -p .)');
const typecheck = spawnSync(process.execPath, [tsc, '-p', '.'], { stdio: 'inherit' });
if (typecheck.status !== 0) process.exit(typecheck.status ?? 1);

const runtimes = [process.execPath];
if (process.versions.node.split('.')[0] !== '24') runtimes.push(node24);

for (const runtime of runtimes) {
  const version = spawnSync(runtime, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`\nRunning the tests on Node ${version} (${runtime})`);
  const run = spawnSync(runtime, [jest, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules', NODE_NO_WARNINGS: '1' }
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
