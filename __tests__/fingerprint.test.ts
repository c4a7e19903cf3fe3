// Issue 13: FINGERPRINT stores every object at a content-hashed key, rewrites the references
// between them leaf first, and records each sync as a release that retention then honours.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { runJob } from '../src/job.js';
import { ReferenceCycleError } from '../src/pipeline/fingerprint/graph.js';
import { RELEASES_PATH, type ReleaseLog } from '../src/pipeline/releases.js';
import { cssReferences } from '../src/pipeline/references/css.js';
import { resolveUrl } from '../src/pipeline/references/urls.js';
import { copyExampleMedia, exampleS3Settings, tempDir } from './helpers/fixtures.js';
import { runActionAsync } from './helpers/run.js';
import { getObject, listKeys, S3_CREDENTIALS, startTestS3, type StoredObject, type TestS3 } from './helpers/s3.js';

const BUCKET = 'fingerprint';
let s3: TestS3;
let scratch: ReturnType<typeof tempDir>;
let media: string;
let prefix: string;
let runs = 0;
beforeAll(async () => {
  s3 = await startTestS3([BUCKET]);
});
afterAll(() => s3.stop());
beforeEach(() => {
  scratch = tempDir();
  media = copyExampleMedia(scratch.dir);
  prefix = `run-${++runs}`;
});
afterEach(() => scratch.remove());

const settings = (overrides: Record<string, unknown> = {}) =>
  exampleS3Settings({ dir: scratch.dir, media, endpoint: s3.endpoint }, { AWS_BUCKET: BUCKET, AWS_PREFIX: prefix, FINGERPRINT: true, ...overrides });

const sha = (algorithm: string, bytes: Buffer, encoding: 'hex' | 'base64' = 'hex') => createHash(algorithm).update(bytes).digest(encoding);
const FINGERPRINTED = /^(.*)\.([0-9a-f]{12})(\.[^./]+)?$/;

/** Every stored key under this test's prefix, without the prefix, mediasync's own records apart. */
async function storedKeys(): Promise<string[]> {
  return (await listKeys(s3.client, BUCKET)).filter((key) => key.startsWith(`${prefix}/`)).map((key) => key.slice(prefix.length + 1));
}

async function stored(key: string): Promise<StoredObject> {
  return getObject(s3.client, BUCKET, `${prefix}/${key}`);
}

/** The bytes a browser gets: the stored body with Content-Encoding undone. */
function received(object: StoredObject): Buffer {
  return object.contentEncoding === 'gzip' ? gunzipSync(object.body) : object.body;
}

async function releaseLog(): Promise<ReleaseLog> {
  return JSON.parse((await stored(RELEASES_PATH)).body.toString('utf8'));
}

function write(relPath: string, text: string): void {
  mkdirSync(path.dirname(path.join(media, relPath)), { recursive: true });
  writeFileSync(path.join(media, relPath), text);
}

function keyOf(keys: readonly string[], logical: string): string {
  const dot = logical.lastIndexOf('.');
  const pattern = new RegExp(`^${escape(logical.slice(0, dot))}\\.[0-9a-f]{12}${escape(logical.slice(dot))}$`);
  const found = keys.filter((key) => pattern.test(key));
  expect(found).toHaveLength(1);
  return found[0];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('every object is stored at a hash of its stored bytes, immutable; an excluded file keeps its name and headers; every url() of every stored stylesheet resolves to a stored object', async () => {
  write('robots.txt', 'User-agent: *\n');
  const config = settings({ FINGERPRINT_EXCLUDE: ['robots.txt'], SRI: true });
  const result = await runJob(config);
  const keys = await storedKeys();
  const media = keys.filter((key) => !key.startsWith('.mediasync/'));
  expect(keys.filter((key) => key.startsWith('.mediasync/'))).toEqual(['.mediasync/releases.json', '.mediasync/sync-manifest.json.gz']);
  const logical = [
    'images/arrow.svg',
    'images/logo.png',
    'robots.txt',
    'scripts/app.js',
    'scripts/joined.js',
    'scripts/lib.js',
    'styles/joined.css',
    'styles/print.css',
    'styles/reset.css',
    'styles/text.css'
  ];
  expect(media).toEqual(logical.map((name) => (name === 'robots.txt' ? name : keyOf(media, name))).sort());

  const manifest = JSON.parse(readFileSync(config.MANIFEST_PATH, 'utf8'));
  expect(Object.keys(manifest.files).sort()).toEqual(logical);
  expect(manifest.release).toBe(result.release!.id);
  for (const name of logical) {
    const file = manifest.files[name];
    const key = file.key ?? name;
    const object = await stored(key);
    expect({ name, md5: sha('md5', object.body), encoding: object.contentEncoding ?? null, integrity: `sha384-${sha('sha384', received(object), 'base64')}` }).toEqual({
      name,
      md5: file.md5,
      encoding: file.contentEncoding,
      integrity: file.integrity
    });
    if (name === 'robots.txt') {
      expect(file.key).toBeUndefined();
      expect(file.url).toBe(`${result.mediaUrl}/robots.txt?${result.cacheBuster}`);
      expect(object.cacheControl).toBe('max-age=31536000, public');
      continue;
    }
    // The name carries the first 12 hex digits of the sha256 of exactly the stored bytes.
    expect(FINGERPRINTED.exec(key)![2]).toBe(sha('sha256', object.body).slice(0, 12));
    expect(file.url).toBe(`${result.mediaUrl}/${key}`);
    expect(object.cacheControl).toBe('public, max-age=31536000, immutable');
  }

  const arrow = keyOf(media, 'images/arrow.svg');
  expect(received(await stored(keyOf(media, 'styles/text.css'))).toString()).toContain(`url(../images/${path.basename(arrow)})`);
  expect(received(await stored(keyOf(media, 'styles/joined.css'))).toString()).toContain(`url(../images/${path.basename(arrow)})`);
  for (const key of media.filter((name) => name.endsWith('.css'))) {
    const { urls, imports } = cssReferences(received(await stored(key)).toString());
    const targets = [...urls, ...imports].map((reference) => resolveUrl(reference.url, key)!);
    expect(targets.filter((target) => !media.includes(target))).toEqual([]);
  }
  expect((await releaseLog()).releases.map((release) => release.keys)).toEqual([media]);
}, 60_000);

test('two then four releases: exactly the objects whose bytes or references changed get new keys, and PRUNE keeps what the last KEEP_RELEASES releases use', async () => {
  const config = settings({ PRUNE: true, KEEP_RELEASES: 2, PRUNE_GRACE_HOURS: 0 });
  const keysOf = (result: Awaited<ReturnType<typeof runJob>>) => result.objects.map((object) => object.key!).sort();
  const first = await runJob(config);
  const release1 = keysOf(first);
  expect(first.uploaded).toEqual(release1);
  expect(await storedKeys()).toEqual(['.mediasync/releases.json', '.mediasync/sync-manifest.json.gz', ...release1]);

  // An image referenced by text.css, and so by the joined.css bundle of which text.css is a part.
  write('images/arrow.svg', readFileSync(path.join(media, 'images/arrow.svg'), 'utf8').replace('</svg>', '<!-- v2 --></svg>'));
  const second = await runJob(config);
  const release2 = keysOf(second);
  const newIn2 = release2.filter((key) => !release1.includes(key));
  expect(newIn2.map((key) => key.replace(/\.[0-9a-f]{12}\./, '.*.'))).toEqual(['images/arrow.*.svg', 'styles/joined.*.css', 'styles/text.*.css']);
  expect(second.uploaded).toEqual(newIn2);
  expect(second.release!.added).toEqual(newIn2);
  expect(second.pruned).toEqual([]);

  write('scripts/app.js', `${readFileSync(path.join(media, 'scripts/app.js'), 'utf8')}\nwindow.appVersion = 3;\n`);
  const third = await runJob(config);
  const release3 = keysOf(third);
  expect(third.uploaded.map((key) => key.replace(/\.[0-9a-f]{12}\./, '.*.'))).toEqual(['scripts/app.*.js', 'scripts/joined.*.js']);
  // Release 1 is now the third newest: what only it used goes.
  const onlyIn1 = release1.filter((key) => !release2.includes(key));
  expect(third.pruned).toEqual(onlyIn1);
  expect(onlyIn1.map((key) => key.replace(/\.[0-9a-f]{12}\./, '.*.'))).toEqual(['images/arrow.*.svg', 'styles/joined.*.css', 'styles/text.*.css']);
  expect(third.release!.prunedReleases).toEqual([first.release!.id]);
  const kept = ['.mediasync/releases.json', '.mediasync/sync-manifest.json.gz', ...new Set([...release2, ...release3])].sort();
  expect(await storedKeys()).toEqual(kept);

  const fourth = await runJob(config);
  expect(fourth.uploaded).toEqual([]);
  expect(fourth.pruned).toEqual([]);
  expect(fourth.release!.id).toBe(third.release!.id);
  expect(keysOf(fourth)).toEqual(release3);
  expect(await storedKeys()).toEqual(kept);
  expect((await releaseLog()).releases.map((release) => release.id)).toEqual([second.release!.id, third.release!.id]);
}, 120_000);

test('with a grace period, what no kept release uses waits instead of going', async () => {
  const config = settings({ PRUNE: true, KEEP_RELEASES: 1, PRUNE_GRACE_HOURS: 24 });
  await runJob(config);
  const before = await storedKeys();
  write('images/arrow.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const next = await runJob(config);
  expect(next.pruned).toEqual([]);
  expect(next.release!.waiting.map((key) => key.replace(/\.[0-9a-f]{12}\./, '.*.'))).toEqual(['images/arrow.*.svg', 'styles/joined.*.css', 'styles/text.*.css']);
  expect((await storedKeys()).filter((key) => before.includes(key))).toEqual(before);
}, 60_000);

test('stylesheets that import each other in a loop fail naming the chain, and nothing is stored', async () => {
  write('styles/a.css', '@import "b.css";\nbody { color: red; }\n');
  write('styles/b.css', '@import url(./c.css);\nh1 { color: blue; }\n');
  write('styles/c.css', '@import "a.css";\np { color: green; }\n');
  const failure = await runJob(settings()).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ReferenceCycleError);
  expect((failure as Error).message).toBe(
    'reference cycle: styles/a.css → styles/b.css → styles/c.css → styles/a.css; with FINGERPRINT each file\'s name depends on what it refers to, so files cannot refer to each other in a loop'
  );
  expect(await storedKeys()).toEqual([]);
}, 60_000);

test('a stylesheet that imports itself is a cycle too', async () => {
  write('styles/self.css', '@import "self.css";\nbody { color: red; }\n');
  await expect(runJob(settings())).rejects.toThrow('reference cycle: styles/self.css → styles/self.css;');
  expect(await storedKeys()).toEqual([]);
}, 60_000);

test('with SOURCE_MAPS the map is fingerprinted too, the stylesheet names its key, and the map still points at the right source lines after the URLs grew', async () => {
  const config = settings({ SOURCE_MAPS: true });
  await runJob(config);
  const keys = await storedKeys();
  const css = keyOf(keys, 'styles/text.css');
  const mapKey = keyOf(keys, 'styles/text.css.map');
  const text = received(await stored(css)).toString();
  expect(text.endsWith(`/*# sourceMappingURL=${path.basename(mapKey)} */\n`)).toBe(true);
  const map = new TraceMap(received(await stored(mapKey)).toString());
  // `.banner` comes after h1's background url(), which grew by the fingerprint.
  const lines = text.split('\n');
  const line = lines.findIndex((candidate) => candidate.includes('.banner'));
  const column = lines[line].indexOf('.banner');
  expect(lines[line].indexOf('arrow.')).toBeLessThan(column);
  expect(originalPositionFor(map, { line: line + 1, column })).toMatchObject({ source: 'text.css', line: 14 });
}, 60_000);

test('the filesystem backend stores the same hashed names', async () => {
  const root = path.join(scratch.dir, 'public');
  const result = await runJob(settings({ BACKEND: 'filesystem', FILESYSTEM_ROOT: root }));
  const files = readdirSync(path.join(root, prefix), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => path.relative(path.join(root, prefix), path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !file.startsWith('.mediasync/'))
    .sort();
  expect(files).toEqual(result.objects.map((object) => object.key!).sort());
  const text = readFileSync(path.join(root, prefix, result.objects.find((object) => object.path === 'styles/text.css')!.key!));
  const arrow = result.objects.find((object) => object.path === 'images/arrow.svg')!.key!;
  expect(gunzipSync(text).toString()).toContain(`url(../images/${path.basename(arrow)})`);
}, 60_000);

test('a dry run builds and names every key but stores nothing', async () => {
  const result = await runJob(settings(), { dryRun: true });
  expect(result.uploaded.filter((key) => !FINGERPRINTED.test(key))).toEqual([]);
  expect(result.uploaded).toHaveLength(9);
  expect(await storedKeys()).toEqual([]);
}, 60_000);

test('through the action: the release-id output names the release recorded in the store, and the manifest gives the hashed URLs', async () => {
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: BUCKET, AWS_PREFIX: prefix }));
  const inputs = { 'aws-endpoint': s3.endpoint, 'aws-key': S3_CREDENTIALS.accessKeyId, 'aws-secret': S3_CREDENTIALS.secretAccessKey, fingerprint: 'true', sri: 'true' };
  const run = await runActionAsync(inputs, { cwd: scratch.dir, env: { GITHUB_SHA: 'abc123' } });
  expect(run.status).toBe(0);
  const log = await releaseLog();
  expect(log.releases).toHaveLength(1);
  expect(log.releases[0].sha).toBe('abc123');
  expect(run.outputs['release-id']).toBe(log.releases[0].id);
  expect(run.stdout.trimEnd().split('\n').slice(-1)).toEqual([`release-id: ${log.releases[0].id}`]);
  const manifest = JSON.parse(readFileSync(path.join(scratch.dir, 'mediasync-manifest.json'), 'utf8'));
  expect(Object.values(manifest.files).every((file) => FINGERPRINTED.test((file as { key: string }).key))).toBe(true);
  const keys = Object.values(manifest.files).map((file) => (file as { key: string }).key);
  expect(JSON.parse(run.outputs['changed-keys'])).toEqual(keys.sort().map((key) => `/${BUCKET}/${prefix}/${key}`));
  expect(existsSync(path.join(scratch.dir, 'media', '.mediasync'))).toBe(false);
}, 60_000);

test('SRI without FINGERPRINT: every object of the manifest carries the sha384 of the bytes a browser receives, also when reused from the last sync', async () => {
  const config = settings({ FINGERPRINT: false, SRI: true, SOURCE_MAPS: true });
  await runJob(config);
  const check = async () => {
    const manifest = JSON.parse(readFileSync(config.MANIFEST_PATH, 'utf8'));
    const names = Object.keys(manifest.files);
    expect(names).toHaveLength(16);
    for (const name of names) {
      expect({ name, integrity: `sha384-${sha('sha384', received(await stored(name)), 'base64')}` }).toEqual({ name, integrity: manifest.files[name].integrity });
    }
  };
  await check();
  const again = await runJob(config);
  expect(again.uploaded).toEqual([]);
  await check();
}, 60_000);

test('--force sends every hashed object again', async () => {
  await runJob(settings());
  const forced = await runJob(settings(), { force: true });
  expect(forced.uploaded).toHaveLength(9);
}, 60_000);

test('a stylesheet naming a file that is not synced is not rebuilt on every run, and is once the file appears', async () => {
  write('styles/missing.css', '.x { background: url(../images/later.png); }\n');
  await runJob(settings());
  const again = await runJob(settings());
  expect({ built: again.stats.built, uploaded: again.uploaded }).toEqual({ built: 0, uploaded: [] });
  writeFileSync(path.join(media, 'images/later.png'), readFileSync(path.join(media, 'images/logo.png')));
  const appeared = await runJob(settings());
  const later = appeared.objects.find((object) => object.path === 'images/later.png')!.key!;
  expect(appeared.uploaded.map((key) => key.replace(/\.[0-9a-f]{12}\./, '.*.'))).toEqual(['images/later.*.png', 'styles/missing.*.css']);
  const css = appeared.objects.find((object) => object.path === 'styles/missing.css')!.key!;
  expect(received(await stored(css)).toString()).toBe(`.x{background:url(${path.basename(later).replace(/^/, '../images/')})}`);
}, 90_000);
