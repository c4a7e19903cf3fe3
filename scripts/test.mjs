// `npm test`: installs what the tests need from outside npm, checks the types, then runs the whole suite on
// each supported Node: 22 (the `node22` dev dependency, npm:node@22) and 24 (the `node` dev dependency,
// the action's runtime). Both come from the registry with `npm ci`, so a machine with another Node
// (or an older one) still tests on the two that package.json's engines promise. Arguments go to jest.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import './test-prereqs.mjs';
import { TRANSPILE_CACHE } from './ts-worker-hooks.mjs';

const require = createRequire(import.meta.url);
/** @param {string} pkg */
const nodeBinary = (pkg) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'bin', 'node');
const runtimes = [nodeBinary('node22'), nodeBinary('node')];
const jest = path.join(path.dirname(require.resolve('jest/package.json')), 'bin', 'jest.js');
const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
// The suite starts node hundreds of times on the same bundles and packages: V8's compiled code is
// kept on disk between them (Node keys it by version, so the two runtimes do not mix). Node also
// keys it by absolute path, and the tests build into fresh temporary folders; the transpiled
// sources of ts-worker-hooks.mjs pile up with every edit. Both are emptied first, so they hold
// one run's entries, not every run's.
const compileCache = fileURLToPath(new URL('../node_modules/.cache/node-compile-cache', import.meta.url));
for (const cache of [compileCache, TRANSPILE_CACHE]) rmSync(cache, { recursive: true, force: true });

for (const runtime of runtimes) {
  if (!existsSync(runtime)) {
    console.error(`No Node binary at ${runtime}: run npm ci (package.json allowScripts approves the node packages' install scripts).`);
    process.exit(1);
  }
}

// ts-jest compiles each file on its own without checking types: the whole project is checked once here.
console.log('Checking types (tsc -p .)');
const typecheck = spawnSync(process.execPath, [tsc, '-p', '.'], { stdio: 'inherit' });
if (typecheck.status !== 0) process.exit(typecheck.status ?? 1);

for (const runtime of runtimes) {
  const version = spawnSync(runtime, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`\nRunning the tests on Node ${version} (${runtime})`);
  const run = spawnSync(runtime, [jest, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules', NODE_NO_WARNINGS: '1', NODE_COMPILE_CACHE: compileCache }
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
