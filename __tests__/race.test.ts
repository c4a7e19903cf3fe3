import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { gunzipSync } from 'node:zlib';
import { runJob } from '../src/job.js';
import { LockError } from '../src/pipeline/lock.js';
import { SYNC_MANIFEST_PATH, type SyncManifest } from '../src/pipeline/sync-manifest.js';
import { resolveSettings } from '../src/settings/load.js';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

// Two deploys racing on the same prefix: the prefix's lock lets exactly one of them through (s3rver
// ignores If-None-Match, so this is the lock's read-back at work); the store then holds the
// winner's tree alone, and the sync manifest agrees with it.
const BUCKET = 'race-media';
let s3: TestS3;
let scratch: ReturnType<typeof tempDir>;
beforeAll(async () => {
  s3 = await startTestS3([BUCKET]);
  scratch = tempDir();
});
afterAll(async () => {
  scratch.remove();
  await s3.stop();
});

const settingsFor = (media: string, name: string) =>
  resolveSettings({
    file: {
      path: `${name}.json`,
      text: JSON.stringify({
        MEDIA_ROOT: media,
        AWS_BUCKET: BUCKET,
        AWS_PREFIX: 'race',
        AWS_ENDPOINT: s3.endpoint,
        AWS_KEY: S3_CREDENTIALS.accessKeyId,
        AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
        MANIFEST_PATH: `${name}-manifest.json`,
        CSS_PATH: 'styles',
        JOINED: { 'joined.css': ['reset.css', 'text.css'] }
      })
    },
    cwd: scratch.dir
  });

async function storedEtags(): Promise<Map<string, string>> {
  const page = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'race/' }));
  return new Map((page.Contents ?? []).map((item) => [item.Key!.slice('race/'.length), item.ETag!.replace(/"/g, '')]));
}

async function syncManifest(): Promise<SyncManifest> {
  const response = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `race/${SYNC_MANIFEST_PATH}` }));
  return JSON.parse(gunzipSync(Buffer.from(await response.Body!.transformToByteArray())).toString());
}

test('two runs racing on one prefix: exactly one succeeds, the other fails naming the lock, and the store is the winner\'s', async () => {
  mkdirSync(path.join(scratch.dir, 'one'));
  const one = copyExampleMedia(path.join(scratch.dir, 'one'));
  mkdirSync(path.join(scratch.dir, 'two'));
  const two = copyExampleMedia(path.join(scratch.dir, 'two'));
  appendFileSync(path.join(two, 'styles/text.css'), '\n.two { color: #222 }\n');
  appendFileSync(path.join(two, 'scripts/app.js'), '\nwindow.two = true;\n');

  const outcomes = await Promise.allSettled([runJob(settingsFor(one, 'one')), runJob(settingsFor(two, 'two'))]);
  const won = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  expect(lost[0]).toBeInstanceOf(LockError);
  expect(lost[0].message).toMatch(/^another mediasync run holds the lock \.mediasync\/lock\.json on this prefix: run [0-9a-f-]{36} on .+ \(pid \d+\), started .+, lock expires .+concurrency:/);

  const stored = await storedEtags();
  const winner = won[0];
  expect([...stored.keys()].sort()).toEqual([...winner.objects.map((object) => object.path), SYNC_MANIFEST_PATH].sort());
  for (const object of winner.objects) expect({ key: object.path, etag: stored.get(object.path) }).toEqual({ key: object.path, etag: object.md5 });
  const manifest = await syncManifest();
  for (const [key, entry] of Object.entries(manifest.entries)) expect({ key, etag: entry.etag }).toEqual({ key, etag: stored.get(key) });

  const quiet = await runJob(settingsFor(outcomes[0].status === 'fulfilled' ? one : two, 'again'));
  expect(quiet.uploaded).toEqual([]);
}, 60_000);
