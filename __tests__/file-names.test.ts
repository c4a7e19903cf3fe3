import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runJob } from '../src/job.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';
import { listMediaKeys, S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

// Names with spaces, unicode, `#`, `?`, `+` and `%` sync to the same keys, and the manifest's
// URLs fetch exactly those objects.
const NAMES = ['a b.txt', 'ünïcødé/日本.txt', 'x#y.svg', 'what?.txt', 'c++.txt', '100%.txt', 'plus+space .txt'];

let s3: TestS3;
let scratch: ReturnType<typeof tempDir>;
beforeAll(async () => {
  s3 = await startTestS3(['names']);
  scratch = tempDir();
});
afterAll(async () => {
  scratch.remove();
  await s3.stop();
});

test('odd file names sync to correct keys and URLs', async () => {
  const media = path.join(scratch.dir, 'media');
  for (const name of NAMES) {
    mkdirSync(path.dirname(path.join(media, name)), { recursive: true });
    writeFileSync(path.join(media, name), `content of ${name}\n`);
  }
  const settings = resolveSettings({
    file: {
      path: 'mediasync.json',
      text: JSON.stringify({
        MEDIA_ROOT: media,
        AWS_BUCKET: 'names',
        AWS_PREFIX: 'odd #1/v 2',
        AWS_ENDPOINT: s3.endpoint,
        AWS_KEY: S3_CREDENTIALS.accessKeyId,
        AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
        AWS_GZIP: false
      })
    },
    cwd: scratch.dir
  });
  const result = await runJob(settings);
  expect(await listMediaKeys(s3.client, 'names')).toEqual(NAMES.map((name) => `odd #1/v 2/${name}`).sort());

  const manifest = JSON.parse(readFileSync(result.manifestPath, 'utf8'));
  expect(result.mediaUrl).toBe(`${s3.endpoint}/names/odd%20%231/v%202`);
  for (const name of NAMES) {
    const { url } = manifest.files[name];
    expect(url.startsWith(`${result.mediaUrl}/`)).toBe(true);
    const response = await fetch(url);
    expect({ name, status: response.status, body: await response.text() }).toEqual({ name, status: 200, body: `content of ${name}\n` });
  }
  expect(manifest.files['c++.txt'].url).toBe(`${result.mediaUrl}/c%2B%2B.txt?${result.cacheBuster}`);
  expect(manifest.files['what?.txt'].url).toBe(`${result.mediaUrl}/what%3F.txt?${result.cacheBuster}`);

  const again = await runJob(settings);
  expect(again.uploaded).toEqual([]);
});
