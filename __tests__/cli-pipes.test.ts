// The CLI piped into a reader that stops reading (`mediasync sync | head -1`): its stdout closes
// and writes fail with EPIPE. The run must go on to the end it would have had, with no stack
// trace, and leave the store as a finished run does: every object stored, lock and pending
// record gone. The CLI is built from src and run as a child process.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { tempDir } from './helpers/fixtures.js';
import { sourceCliForFile } from './helpers/source-cli.js';

const FILES = 300;
const runCli = sourceCliForFile().run;
let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
  mkdirSync(path.join(scratch.dir, 'media'));
  for (let index = 0; index < FILES; index++) writeFileSync(path.join(scratch.dir, 'media', `f${index}.txt`), `file ${index}\n`);
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', MINIFY: false }));
});
afterEach(() => scratch.remove());

/** Close the child's stdout (and stderr, with `both`) once stdout has shown `pattern`, as `head` or `grep -m1` would. */
function closeWhen(pattern: RegExp, both = false): (child: ChildProcess) => void {
  return (child) => {
    let seen = '';
    const close = () => {
      child.stdout!.destroy();
      if (both) child.stderr!.destroy();
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) close();
    });
  };
}

/** The objects in the filesystem store, without mediasync's own records. */
const stored = () => readdirSync(path.join(scratch.dir, 'out')).filter((name) => !name.startsWith('.')).sort();
const ownRecords = () => readdirSync(path.join(scratch.dir, 'out', '.mediasync')).sort();
const everyFile = Array.from({ length: FILES }, (_, index) => `f${index}.txt`).sort();

test.each([
  ['stdout', false],
  ['stdout and stderr', true]
])('sync --verbose | grep -m1 (%s closed): the sync finishes, exits 0, stores everything and releases the lock', async (_, both) => {
  const run = await runCli(['sync', '--verbose'], { cwd: scratch.dir, onSpawn: closeWhen(/^uploaded f/m, both) });
  expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
  expect(stored()).toEqual(everyFile);
  expect(readFileSync(path.join(scratch.dir, 'out', 'f7.txt'), 'utf8')).toBe('file 7\n');
  // The lock and the pending record are gone; the sync manifest records the run.
  expect(ownRecords()).toEqual(['sync-manifest.json.gz']);
  expect(existsSync(path.join(scratch.dir, 'mediasync-manifest.json'))).toBe(true);
  // The next run finds nothing to do and no lock in its way.
  const again = await runCli(['sync'], { cwd: scratch.dir });
  expect(again.status).toBe(0);
  expect(again.stdout).toMatch(/^uploaded: 0$/m);
}, 60_000);

test('sync --dry-run | head -1: exits 0 with no stack trace and stores nothing', async () => {
  const run = await runCli(['sync', '--dry-run'], { cwd: scratch.dir, onSpawn: closeWhen(/\n/) });
  expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
  expect(existsSync(path.join(scratch.dir, 'out'))).toBe(false);
}, 60_000);

test('a failing sync piped into head -1 still exits 1 with its message on stderr, not a stack trace', async () => {
  writeFileSync(path.join(scratch.dir, 'media', 'broken.js'), 'function (\n');
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out' }));
  const run = await runCli(['sync', '--verbose'], { cwd: scratch.dir, onSpawn: closeWhen(/\n/) });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^mediasync: [^\n]*broken\.js[^\n]*\n$/);
  expect(existsSync(path.join(scratch.dir, 'out', '.mediasync', 'lock.json'))).toBe(false);
}, 60_000);
