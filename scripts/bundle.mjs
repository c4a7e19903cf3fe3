// Builds the committed bundles with @vercel/ncc: dist/index.js (the action),
// dist/cli/index.js (the CLI), dist/lib/index.js (the library, `import … from 'mediasync-s3'`,
// with its types in dist/lib/types from tsconfig.lib.json) and dist/worker/index.js (the minify
// worker thread they start). `node scripts/bundle.mjs OUT` builds into OUT instead, which is
// how the tests check that the committed dist/ matches the source.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

const BUNDLES = [
  { entry: 'src/index.ts', dir: '.', license: true },
  { entry: 'src/cli.ts', dir: 'cli', license: false },
  { entry: 'src/lib.ts', dir: 'lib', license: false },
  { entry: 'src/pipeline/worker.ts', dir: 'worker', license: false }
];

for (const bundle of BUNDLES) {
  const args = [ncc, 'build', bundle.entry, '-o', path.join(out, bundle.dir), '-q'];
  if (bundle.license) args.push('--license', 'licenses.txt');
  execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
}
execFileSync(
  process.execPath,
  [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.lib.json', '--outDir', path.join(out, 'lib', 'types')],
  { cwd: root, stdio: 'inherit' }
);
