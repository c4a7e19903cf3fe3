// Every line the action and the CLI log stays one line, whatever a value in it holds: here a lock
// record read back from the store, whose expiry carries a newline and a workflow command. The
// runner reads commands at the start of any line of a step's output, the CLI's in a run step too.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { oneLine } from '../src/one-line.js';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runAction } from './helpers/run.js';
import { sourceAction, sourceCliForFile } from './helpers/source-cli.js';

const sourceCli = sourceCliForFile();
const runCli = sourceCli.run;
let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
  copyExampleMedia(scratch.dir);
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out' }));
  // A lock left in the store, expired (its expiry does not parse), holding a command after a newline.
  mkdirSync(path.join(scratch.dir, 'out', '.mediasync'), { recursive: true });
  writeFileSync(
    path.join(scratch.dir, 'out', '.mediasync', 'lock.json'),
    JSON.stringify({ runId: 'old\r\n::error::from-run-id', host: 'h', pid: 1, started: '', expires: '1970-01-01T00:00:00Z\n::warning::pwn' })
  );
});
afterEach(() => scratch.remove());

const TAKEOVER = 'taking over the lock of run old\\r\\n::error::from-run-id on h (pid 1), which expired at 1970-01-01T00:00:00Z\\n::warning::pwn';
/** Lines the runner would act on, other than masks and groups. */
const commands = (output: string) => output.split(/\r?\n|\r/).filter((line) => /^::(?!add-mask|group|endgroup|debug)/.test(line));

test('the action logs a value read from the store on one line, and acts on no command in it', () => {
  const result = runAction({}, { cwd: scratch.dir, entry: sourceAction(sourceCli.dir()) });
  expect(result.status).toBe(0);
  expect(commands(result.stdout)).toEqual([]);
  expect(result.stdout.split('\n')).toContain(TAKEOVER);
});

test('the CLI does the same', async () => {
  const result = await runCli(['sync'], { cwd: scratch.dir });
  expect(result.status).toBe(0);
  expect(commands(result.stdout + result.stderr)).toEqual([]);
  expect(result.stdout.split('\n')).toContain(TAKEOVER);
});

test.each([
  ['a\nb', 'a\\nb'],
  ['a\r\nb', 'a\\r\\nb'],
  ['tab\there', 'tab\\there'],
  ['sep\u2028para\u2029', 'sep\\u2028para\\u2029'],
  ['nul\u0000del\u007fnel\u0085esc\u001b', 'nul\\u0000del\\u007fnel\\u0085esc\\u001b'],
  ['plain ::notice:: text', 'plain ::notice:: text']
])('oneLine(%j) is %j', (input, expected) => {
  expect(oneLine(input)).toBe(expected);
});
