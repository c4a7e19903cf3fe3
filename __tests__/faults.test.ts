import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { runJob } from '../src/job.js';
import { UploadError } from '../src/pipeline/upload.js';
import { resolveSettings } from '../src/settings/load.js';
import type { Settings } from '../src/settings/schema.js';
import { startFaultProxy, type FaultProxy } from './helpers/fault-proxy.js';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runActionAsync } from './helpers/run.js';
import { getObject, listKeys, listMediaKeys, S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

let s3: TestS3;
let proxy: FaultProxy;
let scratch: ReturnType<typeof tempDir>;
let media: string;

beforeAll(async () => {
  s3 = await startTestS3(['flaky', 'broken', 'mixed']);
});
afterAll(() => s3.stop());
beforeEach(() => {
  scratch = tempDir();
  media = copyExampleMedia(scratch.dir);
  // Enough objects that a 20% fault rate hits many requests.
  mkdirSync(path.join(media, 'generated'));
  for (let index = 0; index < 40; index++) {
    writeFileSync(path.join(media, 'generated', `part-${index}.js`), `window.part${index} = function () {\n  return ${index} * 2;\n};\n`.repeat(20));
  }
});
afterEach(async () => {
  await proxy?.stop();
  scratch.remove();
});

function settingsVia(endpoint: string, bucket: string): Settings {
  return resolveSettings({
    file: {
      path: 'mediasync.json',
      text: JSON.stringify({
        MEDIA_ROOT: media,
        AWS_BUCKET: bucket,
        AWS_ENDPOINT: endpoint,
        AWS_KEY: S3_CREDENTIALS.accessKeyId,
        AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
        JOINED: { 'scripts/joined.js': ['scripts/lib.js', 'scripts/app.js'] },
        CONCURRENCY: 8
      })
    },
    cwd: scratch.dir
  });
}

test('with 20% of requests failing (503 SlowDown, 500, 502, dropped mid-body, slow), the sync completes and every object is right', async () => {
  proxy = await startFaultProxy({ target: s3.endpoint, rate: 0.2, faults: ['slowdown', 'internal', 'bad-gateway', 'drop', 'slow'], seed: 7 });
  const result = await runJob(settingsVia(proxy.endpoint, 'flaky'));
  const injected = Object.values(proxy.injected).reduce((sum, count) => sum + count, 0);
  expect(injected).toBeGreaterThanOrEqual(8);
  expect(proxy.injected.drop).toBeGreaterThan(0);
  expect(proxy.injected.slowdown).toBeGreaterThan(0);

  expect(result.uploaded).toHaveLength(result.objects.length);
  expect(await listMediaKeys(s3.client, 'flaky')).toEqual(result.objects.map((object) => object.path).sort());
  // Read back directly from the store, not through the proxy: every byte and header as processed.
  for (const object of result.objects) {
    const stored = await getObject(s3.client, 'flaky', object.path);
    expect({ path: object.path, md5: createHash('md5').update(stored.body).digest('hex'), encoding: stored.contentEncoding }).toEqual({
      path: object.path,
      md5: object.md5,
      encoding: object.contentEncoding
    });
    expect(stored.body.length).toBe(object.storedSize);
  }
}, 120_000);

test('a key that always fails: the run fails naming it, writes no manifest, and a rerun without the fault completes', async () => {
  proxy = await startFaultProxy({ target: s3.endpoint, rate: 0, faults: [], alwaysFail: /\/broken\/generated\/part-1[23]\.js$/ });
  const settings = settingsVia(proxy.endpoint, 'broken');
  const failure = await runJob(settings).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(UploadError);
  expect((failure as UploadError).message).toBe(
    [
      '2 of the files could not be uploaded:',
      '  - 2 files: InternalError: We encountered an internal error. Please try again. (generated/part-12.js, generated/part-13.js)'
    ].join('\n')
  );
  expect(proxy.injected.always).toBe(2 * 8);
  expect(existsSync(settings.MANIFEST_PATH)).toBe(false);
  // Everything was new to the bucket, so the failed run took all of it back: nothing to mix.
  expect(await listKeys(s3.client, 'broken')).toEqual([]);

  proxy.setAlwaysFail(undefined);
  const rerun = await runJob(settings);
  expect(rerun.uploaded).toHaveLength(rerun.objects.length);
  expect(JSON.parse(readFileSync(settings.MANIFEST_PATH, 'utf8')).files['generated/part-12.js']).toBeDefined();
}, 120_000);

test('a changed key that always fails: new objects are taken back, the error says which objects were replaced, and a rerun sends only what is left', async () => {
  proxy = await startFaultProxy({ target: s3.endpoint, rate: 0, faults: [] });
  const settings = settingsVia(proxy.endpoint, 'mixed');
  await runJob(settings);
  const before = await storedBytes('mixed');
  for (const index of [1, 2, 3, 4, 5]) writeFileSync(path.join(media, 'generated', `part-${index}.js`), `window.changed${index} = ${index};\n`);
  for (const index of [1, 2, 3]) writeFileSync(path.join(media, 'generated', `new-${index}.txt`), `new ${index}\n`);
  proxy.setAlwaysFail(/\/mixed\/generated\/part-3\.js$/);

  const failure = await runJob(settings).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(UploadError);
  expect((failure as Error).message).toBe(
    [
      '1 of the files could not be uploaded:',
      '  - generated/part-3.js: InternalError: We encountered an internal error. Please try again.',
      'The live prefix now holds a mix: 4 objects were replaced in place by this run (generated/part-1.js, generated/part-2.js, generated/part-4.js, generated/part-5.js), ' +
        'the others are from the previous sync, and no outputs or manifest were written. Run the sync again to complete it (the replaced objects are sent once more, since no sync manifest records their headers).'
    ].join('\n')
  );
  const after = await storedBytes('mixed');
  // The same keys as before (the new files were deleted again, the lock released), the replaced ones with new bytes.
  expect([...after.keys()]).toEqual([...before.keys()]);
  const changed = [...after.keys()].filter((key) => !after.get(key)!.equals(before.get(key)!));
  expect(changed).toEqual(['generated/part-1.js', 'generated/part-2.js', 'generated/part-4.js', 'generated/part-5.js']);

  proxy.setAlwaysFail(undefined);
  const rerun = await runJob(settings);
  // The replaced objects go again too: without a sync-manifest entry their headers are not known.
  expect(rerun.uploaded.sort()).toEqual(['generated/new-1.txt', 'generated/new-2.txt', 'generated/new-3.txt', ...[1, 2, 3, 4, 5].map((index) => `generated/part-${index}.js`)]);
}, 120_000);

/** Every stored key with its bytes, read directly from the store. */
async function storedBytes(bucket: string): Promise<Map<string, Buffer>> {
  const stored = new Map<string, Buffer>();
  for (const key of await listKeys(s3.client, bucket)) stored.set(key, (await getObject(s3.client, bucket, key)).body);
  return stored;
}

test('through the action: a failed upload exits 1, names the file and writes no outputs', async () => {
  proxy = await startFaultProxy({ target: s3.endpoint, rate: 0, faults: [], alwaysFail: /\/broken\/images\/logo\.png$/ });
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: 'broken', AWS_PREFIX: 'action' }));
  const inputs = { 'aws-endpoint': proxy.endpoint, 'aws-key': S3_CREDENTIALS.accessKeyId, 'aws-secret': S3_CREDENTIALS.secretAccessKey };
  proxy.setAlwaysFail(/\/broken\/action\/images\/logo\.png$/);
  const run = await runActionAsync(inputs, { cwd: scratch.dir });
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('::error::1 of the files could not be uploaded:%0A  - images/logo.png: InternalError:');
  expect(run.outputs).toEqual({});
  expect(existsSync(path.join(scratch.dir, 'mediasync-manifest.json'))).toBe(false);
}, 120_000);
