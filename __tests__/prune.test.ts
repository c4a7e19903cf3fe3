import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { runJob } from '../src/job.js';
import { PruneError } from '../src/pipeline/prune.js';
import { UploadError } from '../src/pipeline/upload.js';
import { resolveSettings } from '../src/settings/load.js';
import type { Settings } from '../src/settings/schema.js';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runActionAsync } from './helpers/run.js';
import { listKeys, S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

const BUCKET = 'prune-media';
let s3: TestS3;
let scratch: ReturnType<typeof tempDir>;
let media: string;

beforeAll(async () => {
  s3 = await startTestS3([BUCKET]);
});
afterAll(() => s3.stop());
beforeEach(() => {
  scratch = tempDir();
  media = copyExampleMedia(scratch.dir);
});
afterEach(() => scratch.remove());

function settingsFor(prefix: string, overrides: Record<string, unknown> = {}, endpoint = s3.endpoint): Settings {
  return resolveSettings({
    file: {
      path: 'mediasync.json',
      text: JSON.stringify({
        MEDIA_ROOT: media,
        AWS_BUCKET: BUCKET,
        AWS_PREFIX: prefix,
        AWS_ENDPOINT: endpoint,
        AWS_KEY: S3_CREDENTIALS.accessKeyId,
        AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
        ...overrides
      })
    },
    cwd: scratch.dir
  });
}

const putForeign = (key: string) => s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'not ours' }));
const keysUnder = async (prefix: string) => (await listKeys(s3.client, BUCKET)).filter((key) => key.startsWith(`${prefix}/`));

test('PRUNE deletes only what an earlier sync stored and no longer exists locally, after the uploads; a dry run lists it', async () => {
  await runJob(settingsFor('p1'));
  await putForeign('p1/foreign.txt');
  await putForeign('elsewhere/styles/print.css');
  rmSync(path.join(media, 'styles/print.css'));
  rmSync(path.join(media, 'images/arrow.svg'));
  writeFileSync(path.join(media, 'styles/new.css'), '.new { color: blue }\n');

  const kept = await runJob(settingsFor('p1'));
  expect(kept.pruned).toEqual([]);
  expect(await keysUnder('p1')).toContain('p1/styles/print.css');

  const dry = await runJob(settingsFor('p1', { PRUNE: true }), { dryRun: true });
  expect(dry.pruned).toEqual(['images/arrow.svg', 'styles/print.css']);
  expect(await keysUnder('p1')).toContain('p1/styles/print.css');

  const pruned = await runJob(settingsFor('p1', { PRUNE: true }));
  expect(pruned.pruned).toEqual(['images/arrow.svg', 'styles/print.css']);
  const left = await keysUnder('p1');
  expect(left).not.toContain('p1/styles/print.css');
  expect(left).not.toContain('p1/images/arrow.svg');
  expect(left).toContain('p1/foreign.txt');
  expect(left).toContain('p1/styles/new.css');
  expect(await listKeys(s3.client, BUCKET)).toContain('elsewhere/styles/print.css');

  const again = await runJob(settingsFor('p1', { PRUNE: true }));
  expect(again.pruned).toEqual([]);
  expect(again.uploaded).toEqual([]);
});

test('more deletions than MAX_DELETE fail the run before anything is uploaded or deleted', async () => {
  await runJob(settingsFor('p2'));
  const before = await keysUnder('p2');
  for (const file of ['styles/print.css', 'styles/reset.css', 'images/logo.png']) rmSync(path.join(media, file));
  writeFileSync(path.join(media, 'styles/text.css'), 'body { color: green }\n');
  await expect(runJob(settingsFor('p2', { PRUNE: true, MAX_DELETE: 2 }))).rejects.toThrow(
    new PruneError(
      'PRUNE would delete 3 objects, more than MAX_DELETE (2); nothing was changed. Check MEDIA_ROOT and AWS_PREFIX, or raise MAX_DELETE if that many really went away'
    )
  );
  expect(await keysUnder('p2')).toEqual(before);
});

test('a failed upload means nothing is pruned; the rerun prunes', async () => {
  await runJob(settingsFor('p3'));
  rmSync(path.join(media, 'styles/print.css'));
  writeFileSync(path.join(media, 'images/new.txt'), 'new file\n');
  const proxy = await startFaultProxy({ target: s3.endpoint, rate: 0, faults: [], alwaysFail: /new\.txt$/ });
  try {
    await expect(runJob(settingsFor('p3', { PRUNE: true }, proxy.endpoint))).rejects.toBeInstanceOf(UploadError);
    expect(await keysUnder('p3')).toContain('p3/styles/print.css');
  } finally {
    await proxy.stop();
  }
  const rerun = await runJob(settingsFor('p3', { PRUNE: true }));
  expect(rerun.pruned).toEqual(['styles/print.css']);
  expect(rerun.uploaded).toEqual(['images/new.txt']);
  expect(await keysUnder('p3')).not.toContain('p3/styles/print.css');
}, 60_000);

test('through the action: the pruned output and the summary', async () => {
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: BUCKET, AWS_PREFIX: 'p4' }));
  const inputs = { 'aws-endpoint': s3.endpoint, 'aws-key': S3_CREDENTIALS.accessKeyId, 'aws-secret': S3_CREDENTIALS.secretAccessKey };
  expect((await runActionAsync(inputs, { cwd: scratch.dir })).status).toBe(0);
  rmSync(path.join(media, 'images/logo.png'));
  const run = await runActionAsync({ ...inputs, prune: 'true' }, { cwd: scratch.dir });
  expect(run.status).toBe(0);
  expect(run.outputs.pruned).toBe('1');
  // A CDN may still serve the pruned object: it is among the keys to invalidate.
  expect(JSON.parse(run.outputs['changed-keys'])).toEqual(['/prune-media/p4/images/logo.png']);
  expect(run.summary).toContain('Pruned');
  expect(run.summary).toContain('images/logo.png');
  expect(await keysUnder('p4')).not.toContain('p4/images/logo.png');
}, 60_000);
