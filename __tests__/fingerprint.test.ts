// Issue 13: FINGERPRINT stores every object at a content-hashed key, rewrites the references
// between them leaf first, and records each sync as a release.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runJob } from '../src/job.js';
import { RELEASES_PATH } from '../src/pipeline/releases.js';
import { cssReferences } from '../src/pipeline/references/css.js';
import { resolveUrl } from '../src/pipeline/references/urls.js';
import { copyExampleMedia, exampleS3Settings, tempDir } from './helpers/fixtures.js';
import { getObject, listKeys, startTestS3, type TestS3 } from './helpers/s3.js';

let s3: TestS3;
let scratch: ReturnType<typeof tempDir>;
let media: string;
beforeAll(async () => {
  s3 = await startTestS3(['fingerprint']);
});
afterAll(() => s3.stop());
beforeEach(() => {
  scratch = tempDir();
  media = copyExampleMedia(scratch.dir);
});
afterEach(() => scratch.remove());

const settings = (overrides: Record<string, unknown> = {}) =>
  exampleS3Settings({ dir: scratch.dir, media, endpoint: s3.endpoint }, { AWS_BUCKET: 'fingerprint', AWS_PREFIX: `run-${path.basename(scratch.dir)}`, FINGERPRINT: true, ...overrides });

test('smoke', async () => {
  const s = settings({ SRI: true });
  const result = await runJob(s);
  const keys = await listKeys(s3.client, 'fingerprint');
  console.log(keys.join('\n'));
  console.log(readFileSync(s.MANIFEST_PATH, 'utf8'));
  console.log(result.release);
}, 60_000);
