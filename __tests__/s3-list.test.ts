import { PutObjectCommand } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { createS3Client, S3Backend } from '../src/backends/s3.js';
import { resolveSettings } from '../src/settings/load.js';
import { S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

const BUCKET = 'listing';
const KEYS = Array.from({ length: 2500 }, (_, i) => `media/k${String(i).padStart(4, '0')}`);
let s3: TestS3;

beforeAll(async () => {
  s3 = await startTestS3([BUCKET]);
  const limit = pLimit(16);
  await Promise.all(KEYS.map((key) => limit(() => s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key })))));
});
afterAll(() => s3.stop());

function countingBackend(): { backend: S3Backend; pages: () => number } {
  const settings = resolveSettings({
    inputs: { MEDIA_ROOT: '.', AWS_BUCKET: BUCKET, AWS_PREFIX: 'media', AWS_ENDPOINT: s3.endpoint, AWS_KEY: S3_CREDENTIALS.accessKeyId, AWS_SECRET: S3_CREDENTIALS.secretAccessKey },
    cwd: process.cwd()
  });
  const client = createS3Client(settings);
  let pages = 0;
  client.middlewareStack.add((next) => async (args) => (pages++, next(args)), { step: 'build', name: 'countPages' });
  return { backend: new S3Backend(settings, client), pages: () => pages };
}

const paths = KEYS.map((key) => key.slice('media/'.length));

test('a listing split at every 1,000th path returns every object once, in order, one page per range', async () => {
  const { backend, pages } = countingBackend();
  const listed = await backend.list({ splitAfter: [paths[999], paths[1999]] });
  expect(listed.map((object) => object.path)).toEqual(paths);
  expect(listed[0]).toMatchObject({ size: KEYS[0].length });
  expect(pages()).toBe(3);
});

test('split points that are no longer stored, or no split at all, list the same objects', async () => {
  const { backend } = countingBackend();
  expect((await backend.list({ splitAfter: ['k0500x', 'k2400x', 'zzz'] })).map((object) => object.path)).toEqual(paths);
  expect((await backend.list()).map((object) => object.path)).toEqual(paths);
});
