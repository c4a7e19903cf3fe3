// The tests' S3 server answers as S3 does when a key is read while it is replaced: a whole
// version, old or new, with its own ETag, never an empty or half-written body.
import { createHash } from 'node:crypto';
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { getObject, startTestS3, type TestS3 } from './helpers/s3.js';

const BUCKET = 'atomic';
let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3([BUCKET]);
});
afterAll(() => s3.stop());

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

test('reads during PUTs of the same key see whole versions, each with its own ETag', async () => {
  // Two versions of different lengths, large enough that a write takes several chunks.
  const versions = [Buffer.alloc(3 * 1024 * 1024, 'a'), Buffer.alloc(2 * 1024 * 1024 + 7, 'b')];
  const etags = new Set(versions.map(md5));
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: versions[0] }));
  let writing = true;
  const writes = (async () => {
    for (let round = 1; round <= 20; round++) await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: versions[round % 2] }));
    writing = false;
  })();
  const seen: string[] = [];
  while (writing) {
    const [object, head, listing] = await Promise.all([
      getObject(s3.client, BUCKET, 'k'),
      s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'k' })),
      s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET }))
    ]);
    seen.push(md5(object.body));
    expect(etags.has(md5(object.body))).toBe(true);
    expect(object.etag).toBe(md5(object.body));
    expect(etags.has(head.ETag!.replace(/"/g, ''))).toBe(true);
    expect(versions.map((version) => version.length)).toContain(head.ContentLength);
    const listed = listing.Contents!.find((entry) => entry.Key === 'k')!;
    expect(versions.find((version) => md5(version) === listed.ETag!.replace(/"/g, ''))?.length).toBe(listed.Size);
  }
  await writes;
  expect(seen.length).toBeGreaterThan(0);
}, 120_000);
