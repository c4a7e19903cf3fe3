// User code that never finishes: a backend method or a settings module whose promise never
// settles. Every call into a user's backend is bounded (AWS_TIMEOUT × AWS_MAX_ATTEMPTS, 1 s
// here), a cancel ends the process even while a call hangs (a second signal exits at once), and a
// run left with nothing to wait on names what it waited for. The CLI and the action entry are
// built from src and run as child processes; the backend is the README's directory backend with
// a lock (putIfAbsent) and one chosen call that never settles.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from './helpers/fixtures.js';
import { sourceCliForFile } from './helpers/source-cli.js';

const HANGING_BACKEND = `
import { existsSync } from 'node:fs';
import { Client as Directory } from ${JSON.stringify(path.join(REPO_ROOT, 'examples/backends/directory-backend.mjs'))};
const hang = process.env.HANG ?? '';
const never = (call) => { console.log('backend: ' + call + ' hangs'); return new Promise(() => {}); };
if (hang === 'import') await never('import');
class Client extends Directory {
  async open() { return hang === 'open' ? never('open') : super.open(); }
  async list() { return hang === 'list' ? never('list') : super.list(); }
  async get(relPath) { return hang === 'get' ? never('get') : super.get(relPath); }
  async close() { return hang === 'close' ? never('close') : super.close(); }
  async put(object) { return hang === 'put ' + object.path ? never('put ' + object.path) : super.put(object); }
  async putIfAbsent(object) {
    if (existsSync(this.fileFor('files', object.path))) return false;
    await super.put(object);
    return true;
  }
}
export function createClient(settings, context) {
  return hang === 'create' ? never('create') : new Client(settings, context);
}
`;

const NEW_FILES = 20;
const runSource = sourceCliForFile().run;
let scratch: ReturnType<typeof tempDir>;
let backend: string;
beforeEach(() => {
  scratch = tempDir();
  backend = path.join(scratch.dir, 'hanging-backend.mjs');
  writeFileSync(backend, HANGING_BACKEND);
  mkdirSync(path.join(scratch.dir, 'media'));
  for (let index = 0; index < NEW_FILES; index++) writeFileSync(path.join(scratch.dir, 'media', `f${String(index).padStart(2, '0')}.txt`), `file ${index}\n`);
  writeSettings(1);
});
afterEach(() => scratch.remove());

/** The source-built CLI (or action), killed after 20 s should it hang: a hung child would outlive the test. */
const runCli: typeof runSource = (args, options) =>
  runSource(args, {
    ...options,
    onSpawn: (child) => {
      setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
      options.onSpawn?.(child);
    }
  });

function writeSettings(timeout: number): void {
  writeFileSync(
    path.join(scratch.dir, 'mediasync.json'),
    JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: './hanging-backend.mjs', REMOTE_MEDIA_URL: 'https://cdn.test', MINIFY: false, AWS_TIMEOUT: timeout, AWS_MAX_ATTEMPTS: 1, CONCURRENCY: 2 })
  );
}

const env = (hang: string) => ({ HANG: hang, DIRECTORY_BACKEND_ROOT: path.join(scratch.dir, 'store') });
/** Every key in the directory store (its files/ folder), mediasync's records included. */
function storeKeys(): string[] {
  const files = path.join(scratch.dir, 'store', 'files');
  if (!existsSync(files)) return [];
  return readdirSync(files, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(files, path.join(entry.parentPath, entry.name)))
    .sort();
}
const late = (call: string, limit = 1) =>
  `backend module ${backend} (BACKEND): ${call} did not settle within ${limit} s (AWS_TIMEOUT × AWS_MAX_ATTEMPTS, the most one store request may take); the run stopped waiting for it: make it settle, or raise AWS_TIMEOUT for a slower store`;

/** Kill the child with `signals`, one at a time, once stdout shows `pattern`; the first at once, each next 500 ms later. */
function signalWhen(pattern: RegExp, signals: NodeJS.Signals[], sent: { at?: number }): (child: ChildProcess) => void {
  return (child) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (sent.at !== undefined || !pattern.test(seen)) return;
      sent.at = Date.now();
      signals.forEach((signal, index) => setTimeout(() => child.kill(signal), index * 500));
    });
  };
}

test.each([
  ['open', 'open()'],
  ['list', 'list()'],
  ['get', 'get()'],
  ['create', 'creating the client'],
  ['import', 'loading the module']
])('a backend whose %s never settles fails the run in bounded time, naming the module and the call', async (hang, call) => {
  const started = Date.now();
  const run = await runCli(['sync'], { cwd: scratch.dir, env: env(hang) });
  expect(Date.now() - started).toBeLessThan(15_000);
  expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({ status: 1, signal: null, stderr: `mediasync: ${late(call)}\n` });
  // Nothing was put, and a lock taken (before list and get) was released.
  expect(storeKeys()).toEqual([]);
}, 30_000);

test('a put that never settles fails the run naming the file and the call; the new objects are taken back and the lock released', async () => {
  const run = await runCli(['sync'], { cwd: scratch.dir, env: env('put f05.txt') });
  expect({ status: run.status, signal: run.signal }).toEqual({ status: 1, signal: null });
  expect(run.stderr).toBe(`mediasync: 1 of the files could not be uploaded:\n  - f05.txt: ${late('put()')}\n`);
  expect(storeKeys()).toEqual([]);
  expect(existsSync(path.join(scratch.dir, 'mediasync-manifest.json'))).toBe(false);
}, 30_000);

test('a close that never settles fails the run naming it, after the objects were stored', async () => {
  const run = await runCli(['sync'], { cwd: scratch.dir, env: env('close') });
  expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({ status: 1, signal: null, stderr: `mediasync: ${late('close()')}\n` });
  expect(storeKeys().filter((key) => !key.startsWith('.'))).toEqual(readdirSync(path.join(scratch.dir, 'media')).sort());
  expect(existsSync(path.join(scratch.dir, 'mediasync-manifest.json'))).toBe(false);
}, 30_000);

test.each([
  ['SIGTERM', 143],
  ['SIGINT', 130]
] as const)('%s while a put hangs: the run waits at most the call limit, takes back what it put, releases the lock and exits', async (signal, code) => {
  writeSettings(3);
  const sent: { at?: number } = {};
  const run = await runCli(['sync', '--verbose'], { cwd: scratch.dir, env: env('put f10.txt'), onSpawn: signalWhen(/^backend: put f10\.txt hangs$/m, [signal], sent) });
  expect(Date.now() - sent.at!).toBeLessThan(8_000);
  expect({ status: run.status, signal: run.signal }).toEqual({ status: code, signal: null });
  expect(run.stderr).toBe(
    `mediasync: ${signal} received: cancelling, taking back what this run put\n` +
      `mediasync: cancelled by ${signal}: the run stopped starting uploads, deleted the new objects it had put and wrote no outputs, manifest or sync manifest\n`
  );
  expect(storeKeys()).toEqual([]);
}, 30_000);

test.each([
  [['SIGINT', 'SIGINT'], 130],
  [['SIGINT', 'SIGTERM'], 143]
] as const)('%j while a put hangs for long: the second signal exits at once, naming what the store may keep', async (signals, code) => {
  writeSettings(600);
  const sent: { at?: number } = {};
  const run = await runCli(['sync', '--verbose'], { cwd: scratch.dir, env: env('put f10.txt'), onSpawn: signalWhen(/^backend: put f10\.txt hangs$/m, [...signals], sent) });
  expect(Date.now() - sent.at!).toBeLessThan(5_000);
  expect({ status: run.status, signal: run.signal }).toEqual({ status: code, signal: null });
  expect(run.stderr).toBe(
    `mediasync: ${signals[0]} received: cancelling, taking back what this run put\n` +
      `mediasync: ${signals[1]} received again: exiting before the clean-up after the cancel finished. The store may keep objects this run put ` +
      '(listed in .mediasync/pending.json, which the next sync reads: PRUNE deletes them) and the lock .mediasync/lock.json, ' +
      'which holds the prefix until it expires 3 minutes after it was last renewed\n'
  );
  // What it says is so: the lock is held, and every new path is recorded as pending.
  const keys = storeKeys();
  expect(keys).toContain('.mediasync/lock.json');
  const pending = JSON.parse(readFileSync(path.join(scratch.dir, 'store', 'files', '.mediasync', 'pending.json'), 'utf8')) as { paths: string[] };
  expect(pending.paths).toEqual(readdirSync(path.join(scratch.dir, 'media')).sort());
  for (const key of keys.filter((key) => !key.startsWith('.'))) expect(pending.paths).toContain(key);
}, 30_000);

describe('a settings module whose top-level await never settles', () => {
  const module = 'export default { MEDIA_ROOT: "media", BACKEND: "filesystem" };\nawait new Promise(() => {});\n';
  const stalled = (name: string) =>
    `stopped waiting for the settings module ${name} to finish loading: it can never finish, as nothing is left that could settle it (a promise that is never resolved, or a top-level await on one)`;
  const place = (name: string) => {
    rmSync(path.join(scratch.dir, 'mediasync.json'));
    mkdirSync(path.dirname(path.join(scratch.dir, name)), { recursive: true });
    writeFileSync(path.join(scratch.dir, name), module);
  };

  test.each([
    [[], 'mediasync.config.mjs'],
    [['--config', 'conf/site.mjs'], 'conf/site.mjs']
  ])('the CLI %j names it and exits 1', async (args, name) => {
    place(name);
    const run = await runCli(['sync', ...args], { cwd: scratch.dir });
    expect({ status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 1, signal: null, stdout: '', stderr: `mediasync: ${stalled(name)}\n` });
  }, 30_000);

  test('the action names it in an error annotation and the job summary, and fails the step', async () => {
    place('conf/site.mjs');
    const summary = path.join(scratch.dir, 'summary.md');
    writeFileSync(summary, '');
    const run = await runCli([], { cwd: scratch.dir, entry: 'action', env: { INPUT_CONFIG: 'conf/site.mjs', GITHUB_STEP_SUMMARY: summary } });
    expect({ status: run.status, signal: run.signal }).toEqual({ status: 1, signal: null });
    expect(run.stdout).toContain(`::error::${stalled('conf/site.mjs')}\n`);
    expect(readFileSync(summary, 'utf8')).toContain(stalled('conf/site.mjs'));
  }, 30_000);
});

test('the action: a put that never settles fails the step naming the backend and the call, with a failure summary', async () => {
  const summary = path.join(scratch.dir, 'summary.md');
  writeFileSync(summary, '');
  const run = await runCli([], { cwd: scratch.dir, entry: 'action', env: { ...env('put f05.txt'), INPUT_CONFIG: 'mediasync.json', GITHUB_STEP_SUMMARY: summary } });
  expect({ status: run.status, signal: run.signal }).toEqual({ status: 1, signal: null });
  expect(run.stdout).toContain(`f05.txt: ${late('put()')}`);
  expect(readFileSync(summary, 'utf8')).toContain(late('put()'));
  expect(storeKeys()).toEqual([]);
}, 30_000);

test('with no call hanging, the CLI and the action run to the end as before', async () => {
  const cli = await runCli(['sync'], { cwd: scratch.dir, env: env('') });
  expect({ status: cli.status, stderr: cli.stderr }).toEqual({ status: 0, stderr: '' });
  expect(cli.stdout).toMatch(/^uploaded: 20$/m);
  writeFileSync(path.join(scratch.dir, 'media', 'f99.txt'), 'one more\n');
  const output = path.join(scratch.dir, 'output.txt');
  writeFileSync(output, '');
  const action = await runCli([], { cwd: scratch.dir, entry: 'action', env: { ...env(''), INPUT_CONFIG: 'mediasync.json', GITHUB_OUTPUT: output } });
  expect(action.status).toBe(0);
  expect(readFileSync(output, 'utf8')).toMatch(/^uploaded<<(.+)\n1\n\1$/m);
  expect(storeKeys().filter((key) => !key.startsWith('.'))).toEqual([...readdirSync(path.join(scratch.dir, 'media'))].sort());
}, 30_000);

test('the action, cancelled as the runner does it (SIGINT, then SIGTERM) while a put hangs: the SIGTERM fails the step at once, naming what the store may keep', async () => {
  writeSettings(600);
  const summary = path.join(scratch.dir, 'summary.md');
  const output = path.join(scratch.dir, 'output.txt');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const sent: { at?: number } = {};
  const run = await runCli([], {
    cwd: scratch.dir,
    entry: 'action',
    env: { ...env('put f10.txt'), INPUT_CONFIG: 'mediasync.json', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output },
    onSpawn: signalWhen(/^backend: put f10\.txt hangs$/m, ['SIGINT', 'SIGTERM'], sent)
  });
  expect(Date.now() - sent.at!).toBeLessThan(5_000);
  expect({ status: run.status, signal: run.signal }).toEqual({ status: 1, signal: null });
  const abandoned = 'SIGTERM received again: exiting before the clean-up after the cancel finished. The store may keep objects this run put';
  expect(run.stdout).toContain('::warning::SIGINT received: cancelling, taking back what this run put\n');
  expect(run.stdout).toContain(`::error::${abandoned}`);
  expect(readFileSync(summary, 'utf8')).toContain(abandoned);
  expect(readFileSync(output, 'utf8')).toBe('');
}, 30_000);
