import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { runJob } from '../src/job.js';
import { minifySource } from '../src/pipeline/minify.js';
import { SYNC_MANIFEST_PATH } from '../src/pipeline/sync-manifest.js';
import type { Settings } from '../src/settings/schema.js';
import { copyExampleMedia, exampleS3Settings, tempDir } from './helpers/fixtures.js';
import { getObject, listKeys, startTestS3, type TestS3 } from './helpers/s3.js';

const BUCKET = 'example-media';
const PREFIX = 'site/media';
let s3: TestS3;
let scratch: ReturnType<typeof tempDir>;
let media: string;

beforeAll(async () => {
  s3 = await startTestS3([BUCKET, 'empty-bucket', 'dry-bucket']);
});
afterAll(() => s3.stop());
beforeEach(() => {
  scratch = tempDir();
  media = copyExampleMedia(scratch.dir);
});
afterEach(() => scratch.remove());

function exampleSettings(overrides: Record<string, unknown> = {}): Settings {
  return exampleS3Settings({ dir: scratch.dir, media, endpoint: s3.endpoint }, { MANIFEST_PATH: 'out/manifest.json', ...overrides });
}

const source = (relPath: string) => readFileSync(path.join(media, relPath));
const minified = async (relPath: string) => minifySource(relPath.endsWith('.js') ? 'js' : 'css', source(relPath), relPath);
const EXPECTED_KEYS = [
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

test('a cold sync stores every file minified, gzipped in place, with its headers; nothing hidden or underscored', async () => {
  const before = Date.now();
  const result = await runJob(exampleSettings({ AWS_PREFIX: 'cold/media' }));
  // Beside the media, under a hidden key that is never synced: the sync manifest.
  expect(await listKeys(s3.client, BUCKET)).toEqual([SYNC_MANIFEST_PATH, ...EXPECTED_KEYS].map((key) => `cold/media/${key}`));
  expect(result.uploaded.sort()).toEqual(EXPECTED_KEYS);
  expect(result.skipped).toEqual([]);
  expect(result.mediaUrl).toBe(`${s3.endpoint}/${BUCKET}/cold/media`);

  for (const relPath of ['scripts/app.js', 'scripts/lib.js', 'styles/reset.css', 'styles/text.css', 'styles/print.css']) {
    const stored = await getObject(s3.client, BUCKET, `cold/media/${relPath}`);
    // reset.css and print.css minify to so few bytes that gzip would make them larger: stored plain.
    const gzipped = !['styles/print.css', 'styles/reset.css'].includes(relPath);
    expect(stored.contentEncoding).toBe(gzipped ? 'gzip' : undefined);
    expect(gzipped ? gunzipSync(stored.body) : stored.body).toEqual(await minified(relPath));
    expect(stored.contentType).toBe(relPath.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8');
    expect(stored.cacheControl).toBe('max-age=31536000, public');
    const expiresIn = stored.expires!.getTime() - before;
    expect(expiresIn).toBeGreaterThan(365 * 86_400_000 - 60_000);
    expect(expiresIn).toBeLessThan(365 * 86_400_000 + 60_000);
    expect(stored.etag).toBe(createHash('md5').update(stored.body).digest('hex'));
  }

  const js = await getObject(s3.client, BUCKET, 'cold/media/scripts/joined.js');
  expect(gunzipSync(js.body).toString()).toBe(`${await minified('scripts/lib.js')};\n${await minified('scripts/app.js')}`);
  const css = await getObject(s3.client, BUCKET, 'cold/media/styles/joined.css');
  expect(gunzipSync(css.body).toString()).toBe(`${await minified('styles/reset.css')}\n${await minified('styles/text.css')}`);

  const png = await getObject(s3.client, BUCKET, 'cold/media/images/logo.png');
  expect(png).toMatchObject({ contentType: 'image/png', contentEncoding: undefined });
  expect(png.body).toEqual(source('images/logo.png'));
  const svg = await getObject(s3.client, BUCKET, 'cold/media/images/arrow.svg');
  expect(svg.contentType).toBe('image/svg+xml');
  expect(gunzipSync(svg.body)).toEqual(source('images/arrow.svg'));
});

test('a second sync with nothing changed uploads nothing and keeps the cache-buster; a change uploads only what it touches', async () => {
  const first = await runJob(exampleSettings());
  expect(first.uploaded).toHaveLength(EXPECTED_KEYS.length);
  const second = await runJob(exampleSettings());
  expect(second.uploaded).toEqual([]);
  expect(second.skipped.sort()).toEqual(EXPECTED_KEYS);
  expect(second.cacheBuster).toBe(first.cacheBuster);
  expect(second.cacheBuster).toMatch(/^[0-9a-f]{10}$/);

  writeFileSync(path.join(media, 'scripts/app.js'), `${source('scripts/app.js')}\nwindow.changed = true;\n`);
  const third = await runJob(exampleSettings());
  expect(third.uploaded.sort()).toEqual(['scripts/app.js', 'scripts/joined.js']);
  expect(third.cacheBuster).not.toBe(first.cacheBuster);
  expect(gunzipSync((await getObject(s3.client, BUCKET, `${PREFIX}/scripts/app.js`)).body).toString()).toContain('window.changed=!0');

  const forced = await runJob(exampleSettings(), { force: true });
  expect(forced.uploaded).toHaveLength(EXPECTED_KEYS.length);
  expect(forced.cacheBuster).toBe(third.cacheBuster);
});

test('AWS_GZIP false stores plain bytes; a literal CACHE_BUSTER is used as it is', async () => {
  const result = await runJob(exampleSettings({ AWS_BUCKET: 'empty-bucket', AWS_GZIP: false, CACHE_BUSTER: 1234567890, EXPIRATION_DAYS: 10 }));
  expect(result.cacheBuster).toBe('1234567890');
  const stored = await getObject(s3.client, 'empty-bucket', `${PREFIX}/styles/text.css`);
  expect(stored.contentEncoding).toBeUndefined();
  expect(stored.body).toEqual(await minified('styles/text.css'));
  expect(stored.cacheControl).toBe('max-age=864000, public');
});

test('a dry run stores nothing but reports what it would upload', async () => {
  const result = await runJob(exampleSettings({ AWS_BUCKET: 'dry-bucket' }), { dryRun: true });
  expect(result.uploaded.sort()).toEqual(EXPECTED_KEYS);
  expect(await listKeys(s3.client, 'dry-bucket')).toEqual([]);
});

test('the manifest lists every key with URL, type, encoding and sizes, and the bundles with their parts', async () => {
  const result = await runJob(exampleSettings({ AWS_PREFIX: 'manifest/media' }));
  const manifest = JSON.parse(readFileSync(path.join(scratch.dir, 'out/manifest.json'), 'utf8'));
  expect(result.manifestPath).toBe(path.join(scratch.dir, 'out/manifest.json'));
  expect(Object.keys(manifest.files).sort()).toEqual(EXPECTED_KEYS);
  expect(manifest).toMatchObject({
    version: 1,
    mediaUrl: `${s3.endpoint}/${BUCKET}/manifest/media`,
    localMediaUrl: '/devmedia/',
    cacheBuster: result.cacheBuster,
    doctype: 'xhtml',
    cssPath: 'styles',
    jsPath: 'scripts',
    joined: { 'styles/joined.css': ['styles/reset.css', 'styles/text.css'], 'scripts/joined.js': ['scripts/lib.js', 'scripts/app.js'] }
  });
  const stored = await getObject(s3.client, BUCKET, 'manifest/media/styles/text.css');
  expect(manifest.files['styles/text.css']).toEqual({
    url: `${s3.endpoint}/${BUCKET}/manifest/media/styles/text.css?${result.cacheBuster}`,
    contentType: 'text/css; charset=utf-8',
    contentEncoding: 'gzip',
    sourceSize: source('styles/text.css').length,
    minifiedSize: (await minified('styles/text.css')).length,
    storedSize: stored.body.length,
    md5: stored.etag
  });
  expect(manifest.files['images/logo.png']).toMatchObject({ contentEncoding: null, storedSize: source('images/logo.png').length });
});
