// The CLI as a person meets it: --version, a mistyped option or command, no settings file, and a
// progress bar on a terminal. Messages are asserted whole.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { progressBar } from '../src/reporter.js';
import { REPO_ROOT, copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { DIST, runCli } from './helpers/run.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
});
afterEach(() => scratch.remove());

const HELP = 'Run "mediasync --help" for the commands and options.\n';

test('--version prints the package version and nothing else', () => {
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-v']) {
    expect(runCli([flag], { cwd: scratch.dir })).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  }
});

test.each([
  [['sync', '--dryrun'], `mediasync: unknown option --dryrun; did you mean --dry-run?\n${HELP}`],
  [['sync', '--verbos'], `mediasync: unknown option --verbos; did you mean --verbose?\n${HELP}`],
  [['sync', '--zzzzzzzz'], `mediasync: unknown option --zzzzzzzz\n${HELP}`],
  [['synk'], `mediasync: unknown command synk (did you mean sync?); allowed: sync, tag, url, serve\n${HELP}`],
  [['deploy'], `mediasync: unknown command deploy; allowed: sync, tag, url, serve\n${HELP}`],
  [[], `mediasync: no command given; allowed: sync, tag, url, serve\n${HELP}`]
])('a usage error is two lines and exits 2: %j', (args, stderr) => {
  expect(runCli(args, { cwd: scratch.dir })).toEqual({ status: 2, stdout: '', stderr });
});

test('sync with no settings file says so and names the folder searched', () => {
  expect(runCli(['sync'], { cwd: scratch.dir })).toEqual({
    status: 1,
    stdout: '',
    stderr: `mediasync: no mediasync.json, mediasync.config.mjs or mediasync.config.js in ${scratch.dir}; create one there, or name a settings file with --config FILE\n`
  });
});

test('on a terminal, sync draws progress bars in place; piped, it prints none for a short run', () => {
  copyExampleMedia(scratch.dir);
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', MINIFY: false }));
  // util-linux `script` runs the CLI on a pseudo-terminal, as a person's shell does.
  const tty = spawnSync('script', ['-qec', `stty cols 80; "${process.execPath}" "${path.join(DIST, 'cli/index.js')}" sync`, '/dev/null'], {
    cwd: scratch.dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' }
  });
  expect(tty.status).toBe(0);
  const screen = tty.stdout.replace(/\r\n/g, '\n');
  for (const stage of ['hash', 'build', 'upload']) {
    expect(screen).toContain(`\r\x1b[2K${stage} [${'█'.repeat(30)}] 7/7 100%\n`);
  }
  const piped = runCli(['sync'], { cwd: scratch.dir });
  expect(piped.status).toBe(0);
  expect(piped.stdout).not.toMatch(/\x1b|█|hash: /);
});

describe('progressBar', () => {
  const draw = (columns = 60) => {
    const written: string[] = [];
    let clock = 0;
    const bar = progressBar({ write: (text: string) => written.push(text), columns }, () => clock);
    return { bar, written, tick: (ms: number) => (clock += ms) };
  };

  test('draws in place, at most every 100 ms, and leaves the finished bar as a line', () => {
    const { bar, written, tick } = draw();
    bar.progress('hash', 1, 4);
    bar.progress('hash', 2, 4);
    tick(100);
    bar.progress('hash', 3, 4);
    bar.progress('hash', 4, 4);
    expect(written).toEqual([
      `\r\x1b[2Khash [${'█'.repeat(7)}${'░'.repeat(23)}] 1/4 25%`,
      `\r\x1b[2Khash [${'█'.repeat(22)}${'░'.repeat(8)}] 3/4 75%`,
      `\r\x1b[2Khash [${'█'.repeat(30)}] 4/4 100%\n`
    ]);
  });

  test('two running stages share the line; a line printed meanwhile clears it first', () => {
    const { bar, written, tick } = draw(60);
    bar.progress('build', 1, 2);
    tick(100);
    bar.progress('upload', 0, 2);
    bar.interrupt();
    bar.interrupt();
    bar.progress('upload', 1, 2);
    expect(written).toEqual([
      `\r\x1b[2Kbuild [${'█'.repeat(15)}${'░'.repeat(15)}] 1/2 50%`,
      // Each gets half the 60 columns: bars as wide as the counts leave room for.
      `\r\x1b[2Kbuild [${'█'.repeat(6)}${'░'.repeat(7)}] 1/2 50%  upload [${'░'.repeat(13)}] 0/2 0%`,
      '\r\x1b[2K',
      `\r\x1b[2Kbuild [${'█'.repeat(6)}${'░'.repeat(7)}] 1/2 50%  upload [${'█'.repeat(6)}${'░'.repeat(6)}] 1/2 50%`
    ]);
  });
});
