import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { gunzipSync } from 'node:zlib';
import { runJob } from '../src/job.js';
import { SYNC_MANIFEST_PATH, type SyncManifest } from '../src/pipeline/sync-manifest.js';
import { resolveSettings } from '../src/settings/load.js';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

// Two deploys racing on the same prefix: every object stays whole (one run's bytes or the
// other's), and the next sync, trusting no manifest claim the listing does not confirm, leaves
// the store and the sync manifest exactly in step with the tree it syncs.
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

test('two runs racing on one prefix leave whole objects, and the next run leaves store and manifest consistent', async () => {
  mkdirSync(path.join(scratch.dir, 'one'));
  const one = copyExampleMedia(path.join(scratch.dir, 'one'));
  mkdirSync(path.join(scratch.dir, 'two'));
  const two = copyExampleMedia(path.join(scratch.dir, 'two'));
  appendFileSync(path.join(two, 'styles/text.css'), '\n.two { color: #222 }\n');
  appendFileSync(path.join(two, 'scripts/app.js'), '\nwindow.two = true;\n');

  const [first, second] = await Promise.all([runJob(settingsFor(one, 'one')), runJob(settingsFor(two, 'two'))]);
  const versions = new Map<string, Set<string>>();
  for (const object of [...first.objects, ...second.objects]) versions.set(object.path, (versions.get(object.path) ?? new Set()).add(object.md5));
  const afterRace = await storedEtags();
  for (const [key, candidates] of versions) expect({ key, whole: candidates.has(afterRace.get(key)!) }).toEqual({ key, whole: true });

  const settled = await runJob(settingsFor(two, 'two'));
  const stored = await storedEtags();
  for (const object of settled.objects) expect({ key: object.path, etag: stored.get(object.path) }).toEqual({ key: object.path, etag: object.md5 });
  const manifest = await syncManifest();
  for (const [key, entry] of Object.entries(manifest.entries)) expect({ key, etag: entry.etag }).toEqual({ key, etag: stored.get(key) });
  expect(Object.keys(manifest.entries).sort()).toEqual(settled.objects.map((object) => object.path).sort());

  const quiet = await runJob(settingsFor(two, 'two'));
  expect(quiet.uploaded).toEqual([]);
}, 60_000);
