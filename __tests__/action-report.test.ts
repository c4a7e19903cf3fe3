// The action reports on failure too: a job summary that says what failed and why. On success the
// log ends with the media URL and the cache-buster. Runs `node dist/index.js` as the runner does.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runAction } from './helpers/run.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
  copyExampleMedia(scratch.dir);
});
afterEach(() => scratch.remove());

const REFUSING = `export class Client {
  remoteMediaUrl() { return 'https://cdn.test/m'; }
  async put(object) {
    if (object.path === 'styles/print.css') throw new Error('SlowDown: Please reduce your request rate.');
    throw new Error('AccessDenied: Access Denied');
  }
}`;

test('failed uploads: the summary names each reason with its count, and every file', () => {
  writeFileSync(path.join(scratch.dir, 'refusing.mjs'), REFUSING);
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: './refusing.mjs', MINIFY: false }));
  const run = runAction({}, { cwd: scratch.dir });
  expect(run.status).toBe(1);
  expect(run.outputs).toEqual({});
  expect(run.summary).toBe(
    [
      '## mediasync failed',
      '',
      'Nothing was recorded: no outputs and no manifest were written.',
      '',
      '```',
      '7 of the files could not be uploaded:',
      '  - 6 files: AccessDenied: Access Denied (images/arrow.svg, images/logo.png, scripts/app.js and 3 more)',
      '  - styles/print.css: SlowDown: Please reduce your request rate.',
      '```',
      '',
      '### Uploads that failed',
      '',
      '| Reason | Files |',
      '| --- | --- |',
      '| AccessDenied: Access Denied | 6 |',
      '| SlowDown: Please reduce your request rate. | 1 |',
      '',
      '<details><summary>Every file that failed (7)</summary>',
      '',
      '- `images/arrow.svg: AccessDenied: Access Denied`',
      '- `images/logo.png: AccessDenied: Access Denied`',
      '- `scripts/app.js: AccessDenied: Access Denied`',
      '- `scripts/lib.js: AccessDenied: Access Denied`',
      '- `styles/print.css: SlowDown: Please reduce your request rate.`',
      '- `styles/reset.css: AccessDenied: Access Denied`',
      '- `styles/text.css: AccessDenied: Access Denied`',
      '',
      '</details>',
      ''
    ].join('\n')
  );
});

test('invalid settings: the summary gives the message, secrets hidden', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYleaktest42';
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'nowhere', AWS_BUCKET: 'Bad_Bucket' }));
  const run = runAction({ 'aws-key': 'AKIAMEDIASYNCLEAKTEST', 'aws-secret': secret }, { cwd: scratch.dir });
  expect(run.status).toBe(1);
  expect(run.summary).toMatch(/^## mediasync failed\n\nNothing was recorded: no outputs and no manifest were written\.\n\n```\nInvalid settings \(\d problems?\):\n {2}- mediasync\.json:1:\d+: /);
  expect(run.summary).toContain('AWS_BUCKET is "Bad_Bucket"; allowed:');
  expect(run.summary).not.toContain(secret);
});

test('success: the log ends with the media URL and the cache-buster', () => {
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', REMOTE_MEDIA_URL: 'https://cdn.test/m', CACHE_BUSTER: 'v7' }));
  const run = runAction({}, { cwd: scratch.dir });
  expect(run.status).toBe(0);
  expect(run.stdout.trimEnd().split('\n').slice(-2)).toEqual(['media-url: https://cdn.test/m', 'cache-buster: v7']);
  expect(run.summary).toContain('- Media URL: `https://cdn.test/m`');
});
