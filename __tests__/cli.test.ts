import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runCli } from './helpers/run.js';
import { listKeys, S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

let s3: TestS3;
let scratch: ReturnType<typeof tempDir>;

beforeAll(async () => {
  s3 = await startTestS3(['cli-media']);
});
afterAll(() => s3.stop());
beforeEach(() => {
  scratch = tempDir();
  copyExampleMedia(scratch.dir);
  writeFileSync(
    path.join(scratch.dir, 'deploy.json'),
    JSON.stringify({
      MEDIA_ROOT: 'media',
      AWS_BUCKET: 'cli-media',
      AWS_PREFIX: `run-${path.basename(scratch.dir)}`,
      AWS_ENDPOINT: s3.endpoint,
      AWS_KEY: S3_CREDENTIALS.accessKeyId,
      AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
      JOINED: { 'styles/all.css': ['styles/reset.css', 'styles/text.css'] }
    })
  );
});
afterEach(() => scratch.remove());

const prefix = () => `run-${path.basename(scratch.dir)}`;

test('sync --dry-run lists what would go and stores nothing; sync stores it; a rerun skips it; --force sends it again', async () => {
  const dry = runCli(['sync', '--config', 'deploy.json', '--dry-run'], { cwd: scratch.dir });
  expect(dry.stderr).toBe('');
  expect(dry.status).toBe(0);
  expect(dry.stdout).toContain('would upload styles/all.css\n');
  expect(dry.stdout).toContain('would upload: 8\n');
  expect(await listKeys(s3.client, 'cli-media')).toEqual([]);

  const cold = runCli(['sync', '--config', 'deploy.json'], { cwd: scratch.dir });
  expect(cold.status).toBe(0);
  expect(cold.stdout).toContain(`media-url: ${s3.endpoint}/cli-media/${prefix()}\n`);
  expect(cold.stdout).toMatch(/\ncache-buster: [0-9a-f]{10}\nuploaded: 8\nskipped: 0\nmanifest: .*mediasync-manifest\.json\n$/);
  expect((await listKeys(s3.client, 'cli-media')).filter((key) => key.endsWith('all.css'))).toEqual([`${prefix()}/styles/all.css`]);

  const warm = runCli(['sync', '--config', 'deploy.json', '--verbose'], { cwd: scratch.dir });
  expect(warm.stdout).toContain('uploaded: 0\nskipped: 8\n');
  const forced = runCli(['sync', '--config', 'deploy.json', '--force', '--verbose'], { cwd: scratch.dir });
  expect(forced.stdout).toContain('uploaded styles/all.css\n');
  expect(forced.stdout).toContain('uploaded: 8\nskipped: 0\n');
});

test('a config file that does not exist is named, with exit code 1', () => {
  const run = runCli(['sync', '--config', 'nope.json'], { cwd: scratch.dir });
  expect(run.status).toBe(1);
  expect(run.stderr).toBe('mediasync: config nope.json does not exist; allowed: a path to a mediasync.json file (JSON with comments) or a mediasync.config.mjs / .js module\n');
});

test('without --config and without mediasync.json, sync names the folder it searched', () => {
  const run = runCli(['sync'], { cwd: scratch.dir });
  expect(run.status).toBe(1);
  expect(run.stderr).toBe(`mediasync: no mediasync.json, mediasync.config.mjs or mediasync.config.js in ${scratch.dir}; create one there, or name a settings file with --config FILE\n`);
});

test('with a settings file that lacks them, the missing settings are named', () => {
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), '{}');
  const run = runCli(['sync'], { cwd: scratch.dir });
  expect(run.status).toBe(1);
  expect(run.stderr).toBe(
    [
      'mediasync: Invalid settings (2 problems):',
      '  - settings: MEDIA_ROOT is required; allowed: a path to an existing folder',
      '  - settings: AWS_BUCKET is required by the s3 backend; allowed: a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
      ''
    ].join('\n')
  );
});

test.each([
  [['deploy'], 'mediasync: unknown command deploy; allowed: sync, tag, url, serve'],
  [[], 'mediasync: no command given; allowed: sync, tag, url, serve'],
  [['sync', '--fast'], 'mediasync: unknown option --fast']
])('usage errors exit 2 in two lines: %j', (args, message) => {
  const run = runCli(args, { cwd: scratch.dir });
  expect(run.status).toBe(2);
  expect(run.stderr).toBe(`${message}\nRun "mediasync --help" for the commands and options.\n`);
});

test('--help prints the usage and exits 0', () => {
  const run = runCli(['--help'], { cwd: scratch.dir });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/^Usage: mediasync sync \[--config FILE\] \[--force\] \[--dry-run\] \[--verbose\]\n/);
});
