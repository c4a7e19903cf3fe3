// The action contract for the summary, logs, changed-keys and annotations: `node dist/index.js`
// against a real s3rver, reading GITHUB_OUTPUT and GITHUB_STEP_SUMMARY back.
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAction, type ActionRun } from './helpers/run.js';
import { EXAMPLE_SITE, tempDir } from './helpers/fixtures.js';
import { S3_CREDENTIALS, listMediaKeys, startTestS3, type TestS3 } from './helpers/s3.js';

const BUCKET = 'example-media';
let s3: TestS3;
let site: { dir: string; remove: () => void };

beforeAll(async () => {
  s3 = await startTestS3([BUCKET]);
  site = tempDir();
  cpSync(EXAMPLE_SITE, site.dir, { recursive: true });
});

afterAll(async () => {
  site.remove();
  await s3.stop();
});

const inputs = (): Record<string, string> => ({
  config: 'mediasync.json',
  'aws-endpoint': s3.endpoint,
  'aws-region': 'us-east-1',
  'aws-key': S3_CREDENTIALS.accessKeyId,
  'aws-secret': S3_CREDENTIALS.secretAccessKey
});

describe('a first sync and a second one with nothing changed', () => {
  let first: ActionRun;
  let second: ActionRun;

  beforeAll(() => {
    first = runAction(inputs(), { cwd: site.dir, env: { GITHUB_WORKSPACE: site.dir } });
    second = runAction(inputs(), { cwd: site.dir, env: { GITHUB_WORKSPACE: site.dir } });
  });

  test('both succeed', () => {
    expect([first.status, second.status]).toEqual([0, 0]);
  });

  test('changed-keys lists every uploaded object as a CDN path, then nothing', async () => {
    const stored = await listMediaKeys(s3.client, BUCKET);
    const changed = JSON.parse(first.outputs['changed-keys']) as string[];
    expect(changed).toEqual(stored.map((key) => `/${BUCKET}/${key}`));
    expect(changed).toContain('/example-media/site/media/styles/joined.css');
    expect(JSON.parse(second.outputs['changed-keys'])).toEqual([]);
    expect(second.outputs.uploaded).toBe('0');
  });

  test('the job summary shows the URL, cache-buster, counts, bytes, bundles and largest files', () => {
    const { summary } = first;
    expect(summary).toContain(`- Media URL: \`${first.outputs['media-url']}\``);
    expect(summary).toContain(`- Cache-buster: \`${first.outputs['cache-buster']}\``);
    expect(summary).toContain(`| ${first.outputs.uploaded} | ${first.outputs.uploaded} | 0 |`);
    expect(summary).toMatch(/### Bytes\n\n\| Source \| Minified \| Stored \(after gzip\) \| Saved \|\n\| --- \| --- \| --- \| --- \|\n\| [\d.]+ (B|KiB) \| [\d.]+ (B|KiB) \(-\d+%\) \|/);
    expect(summary).toContain('| `styles/joined.css` | `styles/reset.css`, `styles/text.css` |');
    expect(summary).toContain('| `scripts/joined.js` | `scripts/lib.js`, `scripts/app.js` |');
    expect(summary).toMatch(/### Largest files\n\n\| File \| Type \|/);
    expect(summary).toContain('<details><summary>Uploaded (');
  });

  test('the second summary says everything was already stored', () => {
    expect(second.summary).toContain(`| ${first.outputs.uploaded} | 0 | ${first.outputs.uploaded} |`);
    expect(second.summary).toContain(`<details><summary>Already stored (${first.outputs.uploaded})</summary>`);
  });

  test('the log groups each stage and carries debug lines for each upload', () => {
    // Building and uploading are one bounded pipeline, so they share the Upload group.
    for (const stage of ['Read media', 'Upload']) expect(first.stdout).toContain(`::group::${stage}`);
    expect(first.stdout).toContain('::endgroup::');
    expect(first.stdout).toContain('::debug::uploaded styles/joined.css');
  });
});

test('a file that fails to minify is annotated with its path from the workspace, line and column', () => {
  writeFileSync(path.join(site.dir, 'media', 'scripts', 'broken.js'), 'const ok = 1;\nfunction (\n');
  const run = runAction(inputs(), { cwd: site.dir, env: { GITHUB_WORKSPACE: site.dir } });
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(/^::error title=Cannot minify,file=media\/scripts\/broken\.js,line=2,col=\d+::media\/scripts\/broken\.js:2:\d+: cannot minify: /m);
  expect(run.outputs).toEqual({});
});
