import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createS3Client, S3Backend } from '../src/backends/s3.js';
import { MinifyError } from '../src/pipeline/minifiable.js';
import { MINIFIER_VERSIONS } from '../src/pipeline/output-settings.js';
import { LOCK_PATH } from '../src/pipeline/lock.js';
import { SYNC_MANIFEST_PATH } from '../src/pipeline/sync-manifest.js';
import { syncMedia, type SyncResult } from '../src/pipeline/sync.js';
import type { Settings } from '../src/settings/schema.js';
import { copyExampleMedia, exampleS3Settings, REPO_ROOT, tempDir } from './helpers/fixtures.js';
import { getObject, listKeys, startTestS3, type TestS3 } from './helpers/s3.js';

const PREFIX = 'site/media';
const ALL_PATHS = [
  'images/arrow.svg',
  'images/logo.png',
  'scripts/app.js',
  'scripts/joined.js',
  'scripts/lib.js',
  'styles/joined.css',
  'styles/print.css',
  'styles/reset.css',
  'styles/text.css'
];
const TEXT_PATHS = ALL_PATHS.filter((p) => !p.endsWith('.png'));
const MINIFIABLE_PATHS = ALL_PATHS.filter((p) => /\.(js|css)$/.test(p));

let s3: TestS3;
let scratch: ReturnType<typeof tempDir>;
let media: string;
let bucketNumber = 0;
let bucket: string;
const BUCKETS = Array.from({ length: 13 }, (_, i) => `incremental-${i}`);

beforeAll(async () => {
  s3 = await startTestS3(BUCKETS);
});
afterAll(() => s3.stop());
beforeEach(() => {
  scratch = tempDir();
  media = copyExampleMedia(scratch.dir);
  bucket = BUCKETS[bucketNumber++];
});
afterEach(() => scratch.remove());

function settingsFor(overrides: Record<string, unknown> = {}): Settings {
  return exampleS3Settings({ dir: scratch.dir, media, endpoint: s3.endpoint }, { AWS_BUCKET: bucket, ...overrides });
}

/** An S3 client that counts every request it sends, by command; those for the prefix's lock apart. */
function countingClient(settings: Settings): { client: S3Client; requests: string[]; lockRequests: string[] } {
  const client = createS3Client(settings);
  const requests: string[] = [];
  const lockRequests: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Key?: string; Delete?: { Objects?: { Key?: string }[] } };
      const forLock = (input.Key ?? input.Delete?.Objects?.[0]?.Key)?.endsWith(LOCK_PATH);
      (forLock ? lockRequests : requests).push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'finalizeRequest', name: 'countRequests' }
  );
  return { client, requests, lockRequests };
}

async function sync(overrides: Record<string, unknown> = {}, options: { force?: boolean; dryRun?: boolean } = {}) {
  const settings = settingsFor(overrides);
  const { client, requests, lockRequests } = countingClient(settings);
  const result: SyncResult = await syncMedia(settings, { client: new S3Backend(settings, client), hashCacheFile: false, ...options });
  return { result, requests, lockRequests };
}

const key = (relPath: string) => `${PREFIX}/${relPath}`;

describe('incremental sync against a real S3 server', () => {
  test('a no-change run makes one manifest GET and one listing page, builds and minifies nothing', async () => {
    const cold = await sync();
    expect(cold.result.uploaded).toEqual(ALL_PATHS);
    // Every object, the sync manifest, and the pending record written before the first upload (deleted at the end).
    expect(cold.requests.filter((r) => r === 'PutObjectCommand')).toHaveLength(ALL_PATHS.length + 2);
    expect(await listKeys(s3.client, bucket)).toEqual([key(SYNC_MANIFEST_PATH), ...ALL_PATHS.map(key)].sort());

    const again = await sync();
    expect(again.requests.sort()).toEqual(['GetObjectCommand', 'ListObjectsV2Command']);
    // The lock: read, conditional put, the conditional put again (refused: the store honours the
    // condition, so no settle and read-back); checked before the commit; read and deleted at the end.
    expect(again.lockRequests).toEqual(['GetObjectCommand', 'PutObjectCommand', 'PutObjectCommand', 'GetObjectCommand', 'GetObjectCommand', 'DeleteObjectsCommand']);
    expect(again.result.uploaded).toEqual([]);
    expect(again.result.skipped).toEqual(ALL_PATHS);
    expect(again.result.stats).toEqual({ built: 0, minified: 0, workMs: 0 });
    // The outputs are the same as the cold run's, filled from the manifest.
    expect(again.result.cacheBuster).toBe(cold.result.cacheBuster);
    expect(again.result.manifest.files).toEqual(cold.result.manifest.files);
  });

  test('the sync manifest records, per path, the source hash, the stored ETag and the sizes', async () => {
    await sync();
    const stored = JSON.parse(gunzipSync((await getObject(s3.client, bucket, key(SYNC_MANIFEST_PATH))).body).toString('utf8'));
    const appJs = stored.entries['scripts/app.js'];
    expect(appJs.source).toBe(createHash('sha256').update(readFileSync(path.join(media, 'scripts/app.js'))).digest('hex'));
    const object = await getObject(s3.client, bucket, key('scripts/app.js'));
    expect(appJs.etag).toBe(object.etag);
    expect(appJs.size).toBe(object.body.length);
    expect(appJs.contentEncoding).toBe('gzip');
    expect(appJs.sourceSize).toBe(readFileSync(path.join(media, 'scripts/app.js')).length);
    expect(Object.keys(stored.entries).sort()).toEqual(ALL_PATHS);
  });

  test('an object deleted or overwritten out of band is repaired, and nothing else is sent', async () => {
    await sync();
    const original = await getObject(s3.client, bucket, key('styles/print.css'));
    await s3.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key('images/logo.png') }));
    await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key('styles/print.css'), Body: 'body{color:red}' }));

    const repair = await sync();
    expect(repair.result.uploaded).toEqual(['images/logo.png', 'styles/print.css']);
    expect(repair.result.stats.built).toBe(2);
    expect((await getObject(s3.client, bucket, key('images/logo.png'))).body).toEqual(readFileSync(path.join(media, 'images/logo.png')));
    const print = await getObject(s3.client, bucket, key('styles/print.css'));
    expect(print.body).toEqual(original.body);
    expect(print.contentType).toBe('text/css; charset=utf-8');
  });

  test('a changed source rebuilds only itself and the bundles that contain it, minifying only those sources', async () => {
    await sync();
    appendFileSync(path.join(media, 'scripts/lib.js'), '\nfunction added(first, second) { return first + second; }\n');
    const changed = await sync();
    expect(changed.result.uploaded).toEqual(['scripts/joined.js', 'scripts/lib.js']);
    // lib.js on its own, and lib.js + app.js inside joined.js.
    expect(changed.result.stats.minified).toBe(3);
    const stored = await getObject(s3.client, bucket, key('scripts/lib.js'));
    expect(gunzipSync(stored.body).toString('utf8')).toContain('function added(');
  });

  test('the first sync into a bucket that already holds the same bytes, without a manifest, sends them again: a listing shows bytes, not headers', async () => {
    await sync();
    await s3.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(SYNC_MANIFEST_PATH) }));
    const first = await sync();
    expect(first.result.uploaded).toEqual(ALL_PATHS);
    expect(first.requests.filter((r) => r === 'PutObjectCommand')).toHaveLength(ALL_PATHS.length + 1);
    const after = await sync();
    expect(after.requests.sort()).toEqual(['GetObjectCommand', 'ListObjectsV2Command']);
  });

  test('force uploads everything again and reads nothing first but the pending record', async () => {
    await sync();
    const forced = await sync({}, { force: true });
    expect(forced.result.uploaded).toEqual(ALL_PATHS);
    // Without a listing every path may be new: recorded as pending first, cleared at the end.
    expect(forced.requests.filter((r) => r !== 'PutObjectCommand')).toEqual(['GetObjectCommand', 'DeleteObjectsCommand']);
  });

  test('changing EXPIRATION_DAYS re-uploads everything with the new headers', async () => {
    await sync();
    const changed = await sync({ EXPIRATION_DAYS: 30 });
    expect(changed.result.uploaded).toEqual(ALL_PATHS);
    expect((await getObject(s3.client, bucket, key('images/logo.png'))).cacheControl).toBe(`max-age=${30 * 86400}, public`);
  });

  test('turning AWS_GZIP off re-uploads the files that were gzipped, and leaves the rest alone', async () => {
    await sync();
    const changed = await sync({ AWS_GZIP: false });
    // print.css and reset.css were too small to gain from gzip: their stored objects stay as they are.
    expect(changed.result.uploaded).toEqual(TEXT_PATHS.filter((p) => p !== 'styles/print.css' && p !== 'styles/reset.css'));
    expect(changed.result.stats.built).toBe(TEXT_PATHS.length);
    expect((await getObject(s3.client, bucket, key('styles/text.css'))).contentEncoding).toBeUndefined();
  });

  test('turning MINIFY off re-uploads the JS and CSS only, unminified', async () => {
    await sync();
    const changed = await sync({ MINIFY: false });
    expect(changed.result.uploaded).toEqual(MINIFIABLE_PATHS);
    expect(changed.result.stats.minified).toBe(0);
    const app = await getObject(s3.client, bucket, key('scripts/app.js'));
    expect(gunzipSync(app.body)).toEqual(readFileSync(path.join(media, 'scripts/app.js')));
  });

  test('a minify error in a worker surfaces as MinifyError with file, line and column; the new objects uploaded meanwhile are deleted again', async () => {
    writeFileSync(path.join(media, 'scripts/app.js'), 'var ok = 1;\nvar broken = ;\nvar after = 2;\n');
    // A large valid script keeps a worker busy, so the images go up before the run gives up.
    writeFileSync(path.join(media, 'scripts/large.js'), Array.from({ length: 20_000 }, (_, n) => `function f${n}(a) { return a + ${n}; }`).join('\n'));
    const settings = settingsFor();
    const { client, requests } = countingClient(settings);
    const error = await syncMedia(settings, { client: new S3Backend(settings, client), hashCacheFile: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MinifyError);
    expect(error).toMatchObject({ file: 'scripts/app.js', line: 2 });
    expect((error as MinifyError).column).toBeGreaterThan(0);
    expect(requests.filter((r) => r === 'PutObjectCommand').length).toBeGreaterThan(0);
    expect(requests).toContain('DeleteObjectsCommand');
    expect(await listKeys(s3.client, bucket)).toEqual([]);
  });

  test('a minify error leaves every stored object as it was and deletes the new ones it uploaded', async () => {
    await sync();
    const before = await listKeys(s3.client, bucket);
    const logo = await getObject(s3.client, bucket, key('images/logo.png'));
    const manifest = await getObject(s3.client, bucket, key(SYNC_MANIFEST_PATH));
    appendFileSync(path.join(media, 'images/logo.png'), 'changed');
    writeFileSync(path.join(media, 'images/new.png'), 'a new image');
    writeFileSync(path.join(media, 'scripts/app.js'), 'var broken = ;\n');

    const attempt = await sync().then(
      () => undefined,
      (caught: unknown) => caught
    );
    expect(attempt).toBeInstanceOf(MinifyError);
    expect(await listKeys(s3.client, bucket)).toEqual(before);
    expect((await getObject(s3.client, bucket, key('images/logo.png'))).body).toEqual(logo.body);
    expect((await getObject(s3.client, bucket, key(SYNC_MANIFEST_PATH))).body).toEqual(manifest.body);
  });

  test('a 64 MB file goes up as a multipart upload, round-trips byte for byte, and is then skipped', async () => {
    const big = Buffer.alloc(64 * 1024 * 1024);
    for (let offset = 0; offset < big.length; offset += 4096) big.writeUInt32LE((offset * 2654435761) >>> 0, offset);
    writeFileSync(path.join(media, 'images/huge.bin'), big);
    const cold = await sync();
    expect(cold.result.uploaded).toContain('images/huge.bin');
    expect(cold.requests).toContain('CreateMultipartUploadCommand');
    const stored = await getObject(s3.client, bucket, key('images/huge.bin'));
    expect(createHash('sha256').update(stored.body).digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));
    const again = await sync();
    expect(again.requests.sort()).toEqual(['GetObjectCommand', 'ListObjectsV2Command']);
  });

  test('the recorded minifier versions are the ones package.json pins', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(MINIFIER_VERSIONS).toEqual({ terser: pkg.devDependencies.terser, 'clean-css': pkg.devDependencies['clean-css'] });
  });
});
