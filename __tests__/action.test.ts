import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyExampleMedia, EXAMPLE_SITE, tempDir } from './helpers/fixtures.js';
import { runAction } from './helpers/run.js';
import { listKeys, S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

let s3: TestS3;
let scratch: ReturnType<typeof tempDir>;

beforeAll(async () => {
  s3 = await startTestS3(['action-media', 'untouched']);
});
afterAll(() => s3.stop());
beforeEach(() => {
  scratch = tempDir();
  copyExampleMedia(scratch.dir);
  // The example's mediasync.json, beside the media as in a user's repository.
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), readFileSync(path.join(EXAMPLE_SITE, 'mediasync.json')));
});
afterEach(() => scratch.remove());

const s3Inputs = () => ({
  'aws-endpoint': s3.endpoint,
  'aws-key': S3_CREDENTIALS.accessKeyId,
  'aws-secret': S3_CREDENTIALS.secretAccessKey
});

test('the action syncs with mediasync.json plus inputs and writes every output', () => {
  const run = runAction({ ...s3Inputs(), 'aws-bucket': 'action-media', 'aws-prefix': 'v1' }, { cwd: scratch.dir });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.outputs).toEqual({
    'media-url': `${s3.endpoint}/action-media/v1`,
    'cache-buster': expect.stringMatching(/^[0-9a-f]{10}$/),
    uploaded: '9',
    skipped: '0',
    pruned: '0',
    manifest: path.join(scratch.dir, 'mediasync-manifest.json'),
    'changed-keys': expect.stringMatching(/^\["\/action-media\/v1\/images\/arrow\.svg",/),
    // Only FINGERPRINT records releases.
    'release-id': ''
  });
  const manifest = JSON.parse(readFileSync(run.outputs.manifest, 'utf8'));
  expect(manifest.cacheBuster).toBe(run.outputs['cache-buster']);
  expect(manifest.files['scripts/joined.js'].url).toBe(`${s3.endpoint}/action-media/v1/scripts/joined.js?${run.outputs['cache-buster']}`);
  // Secrets are masked before anything else is logged.
  expect(run.stdout.indexOf('::add-mask::S3RVER')).toBeGreaterThanOrEqual(0);
  expect(run.stdout.indexOf('::add-mask::S3RVER')).toBeLessThan(run.stdout.indexOf('::group::'));
  expect(run.stdout).toContain('::group::Upload');
  expect(run.summary).toContain(`${s3.endpoint}/action-media/v1`);

  const again = runAction({ ...s3Inputs(), 'aws-bucket': 'action-media', 'aws-prefix': 'v1' }, { cwd: scratch.dir });
  expect(again.status).toBe(0);
  expect(again.outputs).toMatchObject({ uploaded: '0', skipped: '9', 'cache-buster': run.outputs['cache-buster'] });
});

test('the config input names another file, and a dry run stores nothing', async () => {
  writeFileSync(path.join(scratch.dir, 'other.json'), JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: 'untouched', EXPIRATION_DAYS: 3 }));
  const run = runAction({ ...s3Inputs(), config: 'other.json', 'dry-run': 'true' }, { cwd: scratch.dir });
  expect(run.status).toBe(0);
  expect(run.outputs.uploaded).toBe('7');
  expect(run.stdout).toContain('would upload styles/text.css');
  expect(await listKeys(s3.client, 'untouched')).toEqual([]);
});

test('invalid settings fail the step with every problem named and no outputs', () => {
  const run = runAction(
    { ...s3Inputs(), 'aws-bucket': 'action-media', 'expiration-days': 'forever', doctype: 'html6', 'aws-gzip': 'sometimes' },
    { cwd: scratch.dir }
  );
  expect(run.status).toBe(1);
  expect(run.stdout).toContain(
    [
      '::error::Invalid settings (3 problems):%0A',
      '  - input expiration-days: EXPIRATION_DAYS got "forever"; allowed: a whole number of days from 0 to 36500%0A',
      '  - input doctype: DOCTYPE is "html6"; allowed: html4, html5, xhtml%0A',
      '  - input aws-gzip: AWS_GZIP got "sometimes"; allowed: true or false'
    ].join('')
  );
  expect(run.outputs).toEqual({});
});

test('a missing JOINED part fails the step before anything is stored', async () => {
  writeFileSync(
    path.join(scratch.dir, 'mediasync.json'),
    JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: 'untouched', JOINED: { 'all.js': ['scripts/lib.js', 'scripts/missing.js'] } })
  );
  const run = runAction(s3Inputs(), { cwd: scratch.dir });
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('::error::JOINED all.js: part scripts/missing.js is not a file in MEDIA_ROOT');
  expect(run.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain('S3RVER');
  expect(await listKeys(s3.client, 'untouched')).toEqual([]);
  expect(run.outputs).toEqual({});
});
