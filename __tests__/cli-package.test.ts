// What `npx mediasync` needs: the package's bin entry, shipped, runnable, and failures named as file:line:col.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_SITE, REPO_ROOT, tempDir } from './helpers/fixtures.js';
import { runCli } from './helpers/run.js';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
const bin = path.join(REPO_ROOT, pkg.bin.mediasync);

test('the mediasync bin is an executable script with a node shebang', () => {
  expect(pkg.bin.mediasync).toBe('dist/cli/index.js');
  expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
});

test('mediasync --help prints the usage and exits 0', () => {
  const run = runCli(['--help'], { cwd: REPO_ROOT });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^Usage: mediasync sync \[--config FILE\]/);
});

test('the published package holds the CLI, the action and the schema', () => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as [
    { files: { path: string }[] }
  ];
  const files = packed.files.map((file) => file.path);
  expect(files).toEqual(expect.arrayContaining(['package.json', pkg.bin.mediasync, 'dist/index.js', 'action.yml', 'mediasync.schema.json', 'README.md']));
  expect(files.filter((file) => file.startsWith('src/') || file.startsWith('__tests__/'))).toEqual([]);
});

test('a file that fails to minify is printed as file:line:col relative to the terminal folder', () => {
  const site = tempDir();
  try {
    cpSync(EXAMPLE_SITE, site.dir, { recursive: true });
    writeFileSync(path.join(site.dir, 'media', 'styles', 'broken.js'), 'let a = ;\n');
    // No store to reach: the store is read while the sources are hashed, so an s3 backend without credentials would fail first.
    const config = JSON.parse(readFileSync(path.join(site.dir, 'mediasync.json'), 'utf8'));
    writeFileSync(path.join(site.dir, 'mediasync.json'), JSON.stringify({ ...config, BACKEND: 'dummy' }));
    const run = runCli(['sync', '--dry-run'], { cwd: site.dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^mediasync: media\/styles\/broken\.js:1:9: cannot minify: Unexpected token/m);
  } finally {
    site.remove();
  }
});
