// The job summary is a report on the run, not part of it: when GITHUB_STEP_SUMMARY cannot be
// written, a sync that succeeded still succeeds (its outputs set, a warning in the log), and a
// sync that failed still fails with its own error.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runAction } from './helpers/run.js';
import { sourceAction, sourceCliForFile } from './helpers/source-cli.js';

const sourceCli = sourceCliForFile();
let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
  copyExampleMedia(scratch.dir);
  mkdirSync(path.join(scratch.dir, 'summary-folder'));
});
afterEach(() => scratch.remove());

const run = (settings: Record<string, unknown>) => {
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', ...settings }));
  return runAction({}, { cwd: scratch.dir, entry: sourceAction(sourceCli.dir()), env: { GITHUB_STEP_SUMMARY: path.join(scratch.dir, 'summary-folder') } });
};
const summaryWarning = (folder: string) =>
  `::warning::the job summary could not be written: EISDIR: illegal operation on a directory, open '${folder}'`;
/** The workflow commands the runner acts on, other than masks and groups. */
const commands = (stdout: string) => stdout.split('\n').filter((line) => /^::(error|warning|notice)/.test(line));

test('a sync that succeeded succeeds with every output and a warning when the summary cannot be written', () => {
  const result = run({});
  const folder = path.join(scratch.dir, 'summary-folder');
  expect(commands(result.stdout)).toEqual([summaryWarning(folder)]);
  expect(result.status).toBe(0);
  expect(result.outputs).toEqual({
    'media-url': expect.stringMatching(/^file:\/\/\/.*\/out$/),
    'cache-buster': expect.stringMatching(/^[0-9a-f]{10}$/),
    uploaded: '7',
    skipped: '0',
    pruned: '0',
    manifest: path.join(scratch.dir, 'mediasync-manifest.json'),
    'release-id': '',
    'changed-keys': expect.stringMatching(/^\[/)
  });
  // The log still ends with what a later step needs.
  expect(result.stdout.trimEnd().split('\n').slice(-2)).toEqual([`media-url: ${result.outputs['media-url']}`, `cache-buster: ${result.outputs['cache-buster']}`]);
});

test('a FINGERPRINT run and a PRUNE run succeed the same way', () => {
  for (const settings of [{ FINGERPRINT: true }, { PRUNE: true }]) {
    const result = run(settings);
    expect([result.status, commands(result.stdout)]).toEqual([0, [summaryWarning(path.join(scratch.dir, 'summary-folder'))]]);
    expect(result.outputs.manifest).toBe(path.join(scratch.dir, 'mediasync-manifest.json'));
  }
});

test('a sync that failed fails with its own error, the summary only warned about', () => {
  const result = run({ EXPIRATION_DAYS: -1 });
  expect(commands(result.stdout)).toEqual([
    '::error::Invalid settings (1 problem):%0A  - mediasync.json:1:70: EXPIRATION_DAYS is -1; allowed: a whole number of days from 0 to 36500',
    summaryWarning(path.join(scratch.dir, 'summary-folder'))
  ]);
  expect(result.status).toBe(1);
  expect(result.outputs).toEqual({});
});
