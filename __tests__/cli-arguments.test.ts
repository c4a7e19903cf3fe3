// Words the CLI would otherwise drop: a leftover positional or a -v beside a command must stop
// the run with a usage error, never run something else (a real deploy for `sync dry-run`) or
// nothing at all (`sync -v` printing the version) with exit 0. The CLI is built from src.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { sourceCliForFile } from './helpers/source-cli.js';

const HELP = 'Run "mediasync --help" for the commands and options.\n';
const runCli = sourceCliForFile().run;
let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
  copyExampleMedia(scratch.dir);
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', MINIFY: false }));
});
afterEach(() => scratch.remove());

test.each([
  [['sync', 'dry-run'], 'sync takes no arguments, got dry-run; did you mean --dry-run?'],
  [['sync', '--verbose', 'force'], 'sync takes no arguments, got force; did you mean --force?'],
  [['sync', 'dryrun'], 'sync takes no arguments, got dryrun; did you mean --dry-run?'],
  [['sync', 'media', 'now'], 'sync takes no arguments, got media now'],
  [['serve', 'synced'], 'serve takes no arguments, got synced; did you mean --synced?'],
  [['serve', '8080'], 'serve takes no arguments, got 8080'],
  [['sync', '-v'], '-v and --version print the version and take no command; for every file as it is handled, use --verbose'],
  [['sync', '--version', '--dry-run'], '-v and --version print the version and take no command; for every file as it is handled, use --verbose'],
  [['-v', 'sync'], '-v and --version print the version and take no command; for every file as it is handled, use --verbose'],
  [['serve', '-v'], '-v and --version print the version and take no command'],
  [['url', '--version'], '-v and --version print the version and take no command'],
  [['snyc'], 'unknown command snyc (did you mean sync?); allowed: sync, tag, url, serve'],
  [['tga', 'js', 'a.js'], 'unknown command tga (did you mean tag?); allowed: sync, tag, url, serve'],
  [['sevre'], 'unknown command sevre (did you mean serve?); allowed: sync, tag, url, serve'],
  [['sync', '--verobse'], 'unknown option --verobse; did you mean --verbose?'],
  [['sync', 'dyr-run'], 'sync takes no arguments, got dyr-run; did you mean --dry-run?']
])('%j is a usage error that stores nothing', async (args, problem) => {
  // A serve that ran anyway would never end by itself.
  const onSpawn = (child: ChildProcess) => setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  expect(await runCli(args, { cwd: scratch.dir, onSpawn })).toEqual({ status: 2, signal: null, stdout: '', stderr: `mediasync: ${problem}\n${HELP}` });
  expect(existsSync(path.join(scratch.dir, 'out'))).toBe(false);
  expect(existsSync(path.join(scratch.dir, 'mediasync-manifest.json'))).toBe(false);
}, 30_000);

test('--version and -v alone still print the version; the flags the words were mistaken for still work', async () => {
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-v']) expect(await runCli([flag], { cwd: scratch.dir })).toEqual({ status: 0, signal: null, stdout: `${version}\n`, stderr: '' });
  const dry = await runCli(['sync', '--dry-run'], { cwd: scratch.dir });
  expect(dry.status).toBe(0);
  expect(dry.stdout).toMatch(/^would upload: [1-9]\d*$/m);
  expect(existsSync(path.join(scratch.dir, 'out'))).toBe(false);
}, 30_000);
