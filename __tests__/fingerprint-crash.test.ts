// Issue 13, kill and fault test of FINGERPRINT releases: a release-2 run killed (SIGKILL before
// or after its k-th change to the store, or cancelled by SIGTERM) or failing on one key leaves
// release 1 complete and servable, never stores a stylesheet before what it names, records no
// release it did not finish, and a rerun ends exactly as a clean run of release 2 does.
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CopyObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { cssReferences } from '../src/pipeline/references/css.js';
import { isRelativeUrl, resolveUrl } from '../src/pipeline/references/urls.js';
import type { Manifest } from '../src/render/manifest.js';
import { startFaultProxy, type FaultProxy } from './helpers/fault-proxy.js';
import { copyExampleMedia, EXAMPLE_SITE, tempDir } from './helpers/fixtures.js';
import { fetchRaw } from './helpers/http.js';
import { startKillProxy, type KillPoint, type ProxiedChange } from './helpers/kill-proxy.js';
import { getObject, listKeys, S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';
import { buildSourceCli } from './helpers/source-cli.js';

const BUCKET = 'fpcrash';
let s3: TestS3;
let scratch: ReturnType<typeof tempDir>;
let cli: ReturnType<typeof buildSourceCli>;

/** The example site's settings with immutable releases: one release kept, no grace, robots.txt at its own name. */
function siteSettings(prefix: string, endpoint: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { $schema: _schema, ...example } = JSON.parse(readFileSync(path.join(EXAMPLE_SITE, 'mediasync.json'), 'utf8')) as Record<string, unknown>;
  return {
    ...example,
    MEDIA_ROOT: 'media',
    AWS_BUCKET: BUCKET,
    AWS_PREFIX: prefix,
    AWS_ENDPOINT: endpoint,
    AWS_KEY: S3_CREDENTIALS.accessKeyId,
    AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
    FINGERPRINT: true,
    FINGERPRINT_EXCLUDE: ['robots.txt'],
    SRI: true,
    PRUNE: true,
    KEEP_RELEASES: 1,
    PRUNE_GRACE_HOURS: 0,
    CONCURRENCY: 2,
    ...extra
  };
}

/** Release 1: the example media and a robots.txt; release 2 changes an image styles/text.css names (so joined.css too), a script (so joined.js too) and robots.txt. */
function tree(dir: string, release: 1 | 2): void {
  rmSync(path.join(dir, 'media'), { recursive: true, force: true });
  const media = copyExampleMedia(dir);
  writeFileSync(path.join(media, 'robots.txt'), 'User-agent: *\nDisallow:\n');
  if (release === 2) {
    writeFileSync(path.join(media, 'images/arrow.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><path d="M0 4h8" stroke="red"/></svg>\n');
    writeFileSync(path.join(media, 'scripts/app.js'), 'window.release = function () {\n  return 2;\n};\n');
    writeFileSync(path.join(media, 'robots.txt'), 'User-agent: *\nDisallow: /private/\n');
  }
}

interface CliRun {
  status: number | null;
  signal: string | null;
  output: string;
  /** The changes the run made, as the kill proxy saw them. */
  log: ProxiedChange[];
  endpoint: string;
}

/** `mediasync sync` in `dir` through a kill proxy; returns once the store has answered every request passed on. */
async function sync(dir: string, prefix: string, point?: KillPoint): Promise<CliRun> {
  let child: ChildProcess | undefined;
  const proxy = await startKillProxy(s3.endpoint, point, () => child);
  const run = await syncVia(dir, prefix, proxy.endpoint, (spawned) => (child = spawned));
  await proxy.drained();
  await proxy.stop();
  return { ...run, log: proxy.log };
}

/** `mediasync sync` in `dir` against the store at `endpoint`. */
async function syncVia(dir: string, prefix: string, endpoint: string, onSpawn?: (child: ChildProcess) => void, extra?: Record<string, unknown>): Promise<Omit<CliRun, 'log'>> {
  writeFileSync(path.join(dir, 'mediasync.json'), JSON.stringify(siteSettings(prefix, endpoint, extra)));
  const run = await cli(['sync'], { cwd: dir, onSpawn });
  return { status: run.status, signal: run.signal, output: run.stdout + run.stderr, endpoint };
}

interface Stored {
  md5: string;
  contentType?: string;
  contentEncoding?: string;
  cacheControl?: string;
}

/** Every media object under a prefix (mediasync's own records left out), read directly from the store. */
async function snapshot(prefix: string): Promise<Record<string, Stored>> {
  const objects: Record<string, Stored> = {};
  for (const key of await mediaKeys(prefix)) {
    const object = await getObject(s3.client, BUCKET, `${prefix}/${key}`);
    objects[key] = { md5: md5(object.body), contentType: object.contentType, contentEncoding: object.contentEncoding, cacheControl: object.cacheControl };
  }
  return objects;
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

/** The keys under a prefix, relative to it, sorted. */
async function keysUnder(prefix: string): Promise<string[]> {
  return (await listKeys(s3.client, BUCKET)).filter((key) => key.startsWith(`${prefix}/`)).map((key) => key.slice(prefix.length + 1));
}

async function mediaKeys(prefix: string): Promise<string[]> {
  return (await keysUnder(prefix)).filter((key) => !key.startsWith('.mediasync/'));
}

/** The record's bytes, or undefined when it is not stored. */
async function record(prefix: string, name: string): Promise<Buffer | undefined> {
  if (!(await keysUnder(prefix)).includes(`.mediasync/${name}`)) return undefined;
  return (await getObject(s3.client, BUCKET, `${prefix}/.mediasync/${name}`)).body;
}

/** The unzipped text of a stored object. */
async function storedText(prefix: string, key: string): Promise<string> {
  const object = await getObject(s3.client, BUCKET, `${prefix}/${key}`);
  return (object.contentEncoding === 'gzip' ? gunzipSync(object.body) : object.body).toString('utf8');
}

/** The keys a stylesheet stored at `key` names (url(), @import, sourceMappingURL), resolved from its own folder. */
function cssTargets(text: string, key: string): string[] {
  const found = cssReferences(text);
  return [...found.urls, ...found.imports, ...found.sourceMaps]
    .filter((reference) => isRelativeUrl(reference.url))
    .map((reference) => resolveUrl(reference.url, key)!);
}

const FINGERPRINTED_CSS = /\.[0-9a-f]{12}\.css$/;

/** Every fingerprinted stylesheet stored under the prefix, with the keys it names that are not stored. */
async function danglingCss(prefix: string): Promise<Record<string, string[]>> {
  const keys = await mediaKeys(prefix);
  const stored = new Set(keys);
  const dangling: Record<string, string[]> = {};
  for (const key of keys.filter((key) => FINGERPRINTED_CSS.test(key))) {
    dangling[key] = cssTargets(await storedText(prefix, key), key).filter((target) => !stored.has(target));
  }
  return dangling;
}

/**
 * Every file of a manifest fetched from the store by its URL (the proxy's origin swapped for the
 * store's): its status, the MD5 of the bytes and the Content-Encoding, as the manifest says.
 */
async function served(manifest: Manifest, proxyEndpoint: string, only: (path: string) => boolean = () => true) {
  const replies: Record<string, { status: number; md5: string; contentEncoding: string | null }> = {};
  for (const [file, entry] of Object.entries(manifest.files).filter(([file]) => only(file))) {
    expect(entry.url.startsWith(`${proxyEndpoint}/`)).toBe(true);
    const reply = await fetchRaw(s3.endpoint + entry.url.slice(proxyEndpoint.length));
    replies[file] = { status: reply.status, md5: md5(reply.body), contentEncoding: (reply.headers['content-encoding'] as string | undefined) ?? null };
  }
  return replies;
}

function asServed(manifest: Manifest, only: (path: string) => boolean = () => true) {
  return Object.fromEntries(
    Object.entries(manifest.files)
      .filter(([file]) => only(file))
      .map(([file, entry]) => [file, { status: 200, md5: entry.md5, contentEncoding: entry.contentEncoding }])
  );
}

/** Where release 1 is kept as synced, to be copied. */
const RELEASE_1 = 'release-1';

/** A stored object copied with its headers (S3 keeps them: MetadataDirective COPY). */
async function copyObject(from: string, to: string): Promise<void> {
  await s3.client.send(new CopyObjectCommand({ Bucket: BUCKET, CopySource: `${BUCKET}/${from.split('/').map(encodeURIComponent).join('/')}`, Key: to }));
}

interface Reference {
  /** Release 1's store, and its local manifest with `${BUCKET}/${RELEASE_1}` for the media URL. */
  v1: Record<string, Stored>;
  manifest1: string;
  /** What a clean release-2 run after release 1 stores, and the changes it makes. */
  v2: Record<string, Stored>;
  run2: CliRun;
  /** What release 2 synced cold to a fresh prefix stores. */
  cold: Record<string, Stored>;
}
let reference: Reference;

beforeAll(async () => {
  s3 = await startTestS3([BUCKET]);
  scratch = tempDir();
  cli = buildSourceCli(path.join(scratch.dir, 'cli'));
  const dir = path.join(scratch.dir, 'reference');
  tree(dir, 1);
  const run1 = await sync(dir, 'reference');
  expect(run1.status).toBe(0);
  const v1 = await snapshot('reference');
  // Release 1 as synced, store and local manifest, copied for each killed run to start from.
  for (const key of await keysUnder('reference')) await copyObject(`reference/${key}`, `${RELEASE_1}/${key}`);
  const manifest1 = readFileSync(path.join(dir, 'mediasync-manifest.json'), 'utf8').replaceAll(`${run1.endpoint}/${BUCKET}/reference`, `${s3.endpoint}/${BUCKET}/${RELEASE_1}`);
  tree(dir, 2);
  const run2 = await sync(dir, 'reference');
  expect(run2.status).toBe(0);
  const v2 = await snapshot('reference');
  const coldDir = path.join(scratch.dir, 'cold');
  tree(coldDir, 2);
  expect((await sync(coldDir, 'cold')).status).toBe(0);
  reference = { v1, manifest1, v2, run2, cold: await snapshot('cold') };
}, 120_000);
afterAll(async () => {
  await s3?.stop();
  scratch?.remove();
});


const sorted = (keys: Iterable<string>) => [...keys].sort();
/** Keys of release 1 that release 2 no longer uses: what PRUNE deletes (KEEP_RELEASES 1, no grace). */
const retired = () => sorted(Object.keys(reference.v1).filter((key) => !(key in reference.v2)));
/** Fingerprinted keys release 2 adds. */
const added = () => sorted(Object.keys(reference.v2).filter((key) => !(key in reference.v1)));

/** What a run's logged changes did to the media keys under `prefix`, in order. */
function mediaChanges(log: readonly ProxiedChange[], prefix: string) {
  const base = `/${BUCKET}/${prefix}/`;
  const put = (change: ProxiedChange) => (change.method === 'PUT' ? change.url.slice(base.length).replace(/\?.*$/, '') : undefined);
  return log.map((change) => ({
    change,
    put: put(change),
    deleted: (change.deleteKeys ?? []).map((key) => key.slice(prefix.length + 1))
  }));
}
const isMedia = (key: string) => !key.startsWith('.mediasync/');

test('a clean release-2 run makes 14 changes: lock, its probe (refused), pending record, the 5 new fingerprinted objects (the image before the stylesheets naming it), robots.txt, sync manifest, release log, prune, pending record and lock removed', () => {
  const { run2, v1, v2, cold } = reference;
  expect(cold).toEqual(v2);
  expect(retired()).toEqual(['images/arrow.c9984543ade5.svg', 'scripts/app.191c9df2ca0e.js', 'scripts/joined.a218bf091677.js', 'styles/joined.ee06780bd749.css', 'styles/text.295faf252cb3.css']);
  expect(added()).toEqual(['images/arrow.d1bd94356b4a.svg', 'scripts/app.cbe037a4a967.js', 'scripts/joined.59109459cde4.js', 'styles/joined.7ded4447a30d.css', 'styles/text.515eccea35bd.css']);
  expect(v1['robots.txt'].md5).not.toBe(v2['robots.txt'].md5);
  const steps = mediaChanges(run2.log, 'reference').map(({ change, put, deleted }) => (put ? `PUT ${put}` : `${change.method} ${deleted.join(' ')}`));
  expect(steps).toHaveLength(14);
  // The lock's second conditional PUT is refused (412): the store honours the condition, so the lock is held.
  expect(steps.slice(0, 3)).toEqual(['PUT .mediasync/lock.json', 'PUT .mediasync/lock.json', 'PUT .mediasync/pending.json']);
  expect(sorted(steps.slice(3, 8))).toEqual(added().map((key) => `PUT ${key}`));
  const at = (key: string) => steps.indexOf(`PUT ${key}`);
  expect(at('images/arrow.d1bd94356b4a.svg')).toBeLessThan(at('styles/text.515eccea35bd.css'));
  expect(at('images/arrow.d1bd94356b4a.svg')).toBeLessThan(at('styles/joined.7ded4447a30d.css'));
  expect(steps.slice(8)).toEqual([
    'PUT robots.txt',
    'PUT .mediasync/sync-manifest.json.gz',
    'PUT .mediasync/releases.json',
    `POST ${retired().join(' ')}`,
    'POST .mediasync/pending.json',
    'POST .mediasync/lock.json'
  ]);
});

/** Change numbers of a clean release-2 run (see the test above). */
const CHANGES = { pendingPut: 3, robots: 9, releaseLog: 11, prune: 12, last: 14 };
const KILL_POINTS: KillPoint[] = [
  ...Array.from({ length: CHANGES.last }, (_, index) => ({ change: index + 1, when: 'after' as const, signal: 'SIGKILL' as const })),
  ...[CHANGES.pendingPut + 1, CHANGES.robots, CHANGES.releaseLog, CHANGES.prune].map((change) => ({ change, when: 'before' as const, signal: 'SIGKILL' as const })),
  { change: CHANGES.pendingPut + 3, when: 'after', signal: 'SIGTERM' }
];

let prefixNumber = 0;

describe('release 2 killed', () => {
  test.each(KILL_POINTS)('at change $change ($when, $signal): the live release stays whole, no stylesheet names a missing key, no release is recorded early, and a rerun ends as a clean run', async (point) => {
    const prefix = `killed-${prefixNumber++}`;
    const dir = path.join(scratch.dir, prefix);
    const manifestFile = path.join(dir, 'mediasync-manifest.json');
    // Release 1, as a clean run synced it.
    for (const key of await keysUnder(RELEASE_1)) await copyObject(`${RELEASE_1}/${key}`, `${prefix}/${key}`);
    expect(await snapshot(prefix)).toEqual(reference.v1);
    const log1 = (await record(prefix, 'releases.json'))!;
    tree(dir, 2);
    writeFileSync(manifestFile, reference.manifest1.replaceAll(`/${BUCKET}/${RELEASE_1}`, `/${BUCKET}/${prefix}`));
    const manifest1Bytes = readFileSync(manifestFile);
    const manifest1 = JSON.parse(manifest1Bytes.toString('utf8')) as Manifest;

    const killed = await sync(dir, prefix, point);
    expect(killed.status).not.toBe(0);
    expect(killed.log.length).toBeGreaterThanOrEqual(point.change);
    const made = mediaChanges(killed.log.filter((change) => change.forwarded), prefix);
    const putKeys = made.flatMap(({ put }) => (put && isMedia(put) ? [put] : []));
    const deletedKeys = made.flatMap(({ deleted }) => deleted.filter(isMedia));
    const recorded = made.some(({ put }) => put === '.mediasync/releases.json');
    const pruned = retired().every((key) => deletedKeys.includes(key));

    // The store holds exactly what the changes that reached it say: release 1, what was put, less what was deleted.
    const expectedKeys = sorted(new Set([...Object.keys(reference.v1), ...putKeys].filter((key) => !deletedKeys.includes(key))));
    expect(await mediaKeys(prefix)).toEqual(expectedKeys);
    // Every stored object is release 1's or release 2's, bytes and headers.
    const now = await snapshot(prefix);
    for (const [key, object] of Object.entries(now)) {
      expect([reference.v1[key], reference.v2[key]]).toContainEqual(object);
    }
    // robots.txt, kept at its name, is replaced in place only by its own PUT, after every new fingerprinted object.
    expect(now['robots.txt']).toEqual(putKeys.includes('robots.txt') ? reference.v2['robots.txt'] : reference.v1['robots.txt']);
    if (putKeys.includes('robots.txt')) expect(added().every((key) => putKeys.indexOf(key) < putKeys.indexOf('robots.txt'))).toBe(true);

    // 2. Publish order: no stored fingerprinted stylesheet names a key that is not stored.
    const dangling = await danglingCss(prefix);
    expect(Object.values(dangling).flat()).toEqual([]);

    // 3. No release record for release 2 unless the kill came after its release log PUT (after the sync manifest and every object).
    const reached = (change: number) => (point.when === 'after' ? point.change >= change : point.change > change);
    expect(recorded).toBe(reached(CHANGES.releaseLog));
    if (recorded) {
      const log = JSON.parse((await record(prefix, 'releases.json'))!.toString('utf8'));
      expect(log.releases).toHaveLength(1);
      expect(log.releases[0].keys).toEqual(sorted(Object.keys(reference.v2)));
      expect(added().every((key) => putKeys.includes(key))).toBe(true);
    } else {
      expect(await record(prefix, 'releases.json')).toEqual(log1);
    }
    // PRUNE deletes only once the release log names release 2, and then exactly what release 1 alone used.
    expect(sorted(deletedKeys.filter((key) => key in reference.v1))).toEqual(pruned ? retired() : []);
    expect(pruned).toBe(reached(CHANGES.prune));
    // The pending record, put before any object, names every key the run may add and every key
    // PRUNE is to delete (which the release log no longer names once it is put) until the run ends.
    const pending = await record(prefix, 'pending.json');
    if (reached(CHANGES.pendingPut) && !made.some(({ deleted }) => deleted.includes('.mediasync/pending.json'))) {
      expect(JSON.parse(pending!.toString('utf8'))).toEqual({ version: 1, paths: sorted([...added(), ...retired()]) });
    } else {
      expect(pending).toBeUndefined();
    }
    // A killed run writes no local manifest.
    expect(readFileSync(manifestFile)).toEqual(manifest1Bytes);

    // 1. The release pages are rendered from is complete and servable: release 1 until PRUNE ran
    // (KEEP_RELEASES 1 and no grace let it go once release 2 is recorded), release 2 from then on.
    if (!pruned) {
      const fingerprinted = (file: string) => file !== 'robots.txt';
      expect(await served(manifest1, s3.endpoint, fingerprinted)).toEqual(asServed(manifest1, fingerprinted));
      const css = Object.values(manifest1.files).filter((file) => file.key?.endsWith('.css'));
      expect(css).toHaveLength(4);
      const stored = new Set(await mediaKeys(prefix));
      for (const file of css) expect(cssTargets(await storedText(prefix, file.key!), file.key!).filter((target) => !stored.has(target))).toEqual([]);
    } else {
      for (const key of Object.keys(reference.v2)) expect(now[key]).toEqual(reference.v2[key]);
    }

    if (point.signal === 'SIGTERM') {
      // A cancelled run takes back every new object it put; what it replaced in place stays.
      expect(killed.output).toContain('SIGTERM received: cancelling, taking back what this run put');
      expect(sorted(deletedKeys)).toEqual(sorted(putKeys.filter((key) => key !== 'robots.txt')));
      expect(await keysUnder(prefix)).toEqual([...Object.keys(reference.v1).filter((key) => !putKeys.includes(key) || key === 'robots.txt'), '.mediasync/releases.json', '.mediasync/sync-manifest.json.gz'].sort());
    }

    // A killed run cannot release its lock; it is removed as an operator would once the next run names it.
    if ((await keysUnder(prefix)).includes('.mediasync/lock.json')) {
      expect(point.signal).toBe('SIGKILL');
      await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${prefix}/.mediasync/lock.json` }));
    }
    const stillStored = new Set(await mediaKeys(prefix));
    const rerun = await sync(dir, prefix);
    expect(rerun.output).not.toMatch(/error|warning/i);
    expect(rerun.status).toBe(0);
    expect(await snapshot(prefix)).toEqual(reference.v2);
    expect(await keysUnder(prefix)).toEqual([...Object.keys(reference.v2), '.mediasync/releases.json', '.mediasync/sync-manifest.json.gz'].sort());
    const log = JSON.parse((await record(prefix, 'releases.json'))!.toString('utf8'));
    expect(log.releases.map((release: { keys: string[] }) => release.keys)).toEqual([sorted(Object.keys(reference.v2))]);
    expect(Object.values(await danglingCss(prefix)).flat()).toEqual([]);
    // The rerun puts only the fingerprinted objects that are missing, and robots.txt unless the sync
    // manifest recorded its new bytes (without that record its headers are not known, so it goes
    // again); it prunes what the killed run did not.
    const redone = mediaChanges(rerun.log, prefix);
    const rerunPuts = redone.flatMap(({ put }) => (put && isMedia(put) ? [put] : []));
    const missing = added().filter((key) => !stillStored.has(key));
    const syncManifestWritten = made.some(({ put }) => put === '.mediasync/sync-manifest.json.gz');
    expect(sorted(rerunPuts)).toEqual(sorted([...missing, ...(syncManifestWritten ? [] : ['robots.txt'])]));
    expect(redone.flatMap(({ deleted }) => deleted.filter(isMedia))).toEqual(pruned ? [] : retired());
    // The new manifest's URLs all serve what it says.
    const manifest2 = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    expect(sorted(Object.values(manifest2.files).map((file) => file.key ?? 'robots.txt'))).toEqual(sorted(Object.keys(reference.v2)));
    expect(await served(manifest2, rerun.endpoint)).toEqual(asServed(manifest2));
  }, 120_000);
});

describe('release 2 with a key that always fails', () => {
  let proxy: FaultProxy;
  afterEach(() => proxy?.stop());

  const FAILS = {
    'the new image a stylesheet names': { key: 'images/arrow\\.[0-9a-f]{12}\\.svg$', file: 'images/arrow.svg' },
    'robots.txt, kept at its own name': { key: 'robots\\.txt$', file: 'robots.txt' }
  };
  test.each(Object.keys(FAILS) as (keyof typeof FAILS)[])('%s: the run fails naming it, takes back every new object, records no release, and a rerun completes', async (which) => {
    const fail = FAILS[which];
    const prefix = `fault-${prefixNumber++}`;
    const dir = path.join(scratch.dir, prefix);
    const manifestFile = path.join(dir, 'mediasync-manifest.json');
    proxy = await startFaultProxy({ target: s3.endpoint, rate: 0, faults: [] });
    tree(dir, 1);
    expect((await syncVia(dir, prefix, proxy.endpoint)).status).toBe(0);
    expect(await snapshot(prefix)).toEqual(reference.v1);
    const before = { manifest: readFileSync(manifestFile), log: await record(prefix, 'releases.json'), syncManifest: await record(prefix, 'sync-manifest.json.gz') };
    const manifest1 = JSON.parse(before.manifest.toString('utf8')) as Manifest;

    tree(dir, 2);
    const logged = proxy.log.length;
    proxy.setAlwaysFail(new RegExp(`^/${BUCKET}/${prefix}/${fail.key}`));
    const failed = await syncVia(dir, prefix, proxy.endpoint, undefined, { AWS_MAX_ATTEMPTS: 2 });
    expect(failed.status).toBe(1);
    expect(failed.output).toContain(`1 of the files could not be uploaded:\n  - ${fail.file}: InternalError: We encountered an internal error. Please try again.\n`);
    // Nothing was replaced in place: robots.txt goes only after every fingerprinted object is stored.
    expect(failed.output).not.toContain('The live prefix now holds a mix');

    // Release 1 whole, byte for byte and header for header; no release-2 object left; nothing recorded.
    expect(await snapshot(prefix)).toEqual(reference.v1);
    expect(await keysUnder(prefix)).toEqual([...Object.keys(reference.v1), '.mediasync/releases.json', '.mediasync/sync-manifest.json.gz'].sort());
    expect(await record(prefix, 'releases.json')).toEqual(before.log);
    expect(await record(prefix, 'sync-manifest.json.gz')).toEqual(before.syncManifest);
    expect(readFileSync(manifestFile)).toEqual(before.manifest);
    expect(await served(manifest1, failed.endpoint)).toEqual(asServed(manifest1));

    // What the run tried, in order: a stylesheet only after the image it names was stored, robots.txt only after all of them.
    const base = `/${BUCKET}/${prefix}/`;
    const tried = proxy.log.slice(logged).filter((request) => request.method === 'PUT' && request.url.startsWith(base));
    const puts = tried.map((request) => decodeURIComponent(request.url.slice(base.length).replace(/\?.*$/, ''))).filter(isMedia);
    if (fail.file === 'images/arrow.svg') {
      expect(puts).toContain('images/arrow.d1bd94356b4a.svg');
      expect(puts).not.toContain('styles/text.515eccea35bd.css');
      expect(puts).not.toContain('styles/joined.7ded4447a30d.css');
      expect(puts).not.toContain('robots.txt');
      // Tried AWS_MAX_ATTEMPTS times.
      expect(puts.filter((key) => key === 'images/arrow.d1bd94356b4a.svg')).toHaveLength(2);
      expect(proxy.injected.always).toBe(2);
    } else {
      // Every new fingerprinted object was stored (and then taken back) before robots.txt was tried.
      expect(puts.slice(0, 5).sort()).toEqual(added());
      expect(puts.slice(5)).toEqual(['robots.txt', 'robots.txt']);
      expect(proxy.injected.always).toBe(2);
    }

    proxy.setAlwaysFail(undefined);
    const rerun = await syncVia(dir, prefix, proxy.endpoint);
    expect(rerun.output).not.toMatch(/error|warning/i);
    expect(rerun.status).toBe(0);
    expect(await snapshot(prefix)).toEqual(reference.v2);
    expect(await keysUnder(prefix)).toEqual([...Object.keys(reference.v2), '.mediasync/releases.json', '.mediasync/sync-manifest.json.gz'].sort());
    const manifest2 = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    expect(await served(manifest2, rerun.endpoint)).toEqual(asServed(manifest2));
  }, 120_000);
});

describe('leftovers of a killed run', () => {
  let proxy: FaultProxy | undefined;
  afterEach(() => proxy?.stop());

  test.each(['killed right after its pending record', 'failing on robots.txt'] as const)(
    'stay recorded through a second release-2 run %s, so a run back to release 1 deletes them',
    async (second) => {
      const prefix = `leftovers-${prefixNumber++}`;
      const dir = path.join(scratch.dir, prefix);
      for (const key of await keysUnder(RELEASE_1)) await copyObject(`${RELEASE_1}/${key}`, `${prefix}/${key}`);
      tree(dir, 2);
      // Killed once some new objects are stored: they are leftovers, named by the pending record.
      const first = await sync(dir, prefix, { change: CHANGES.pendingPut + 2, when: 'after', signal: 'SIGKILL' });
      expect(first.status).not.toBe(0);
      await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${prefix}/.mediasync/lock.json` }));
      const leftovers = (await mediaKeys(prefix)).filter((key) => !(key in reference.v1));
      expect(leftovers.length).toBeGreaterThanOrEqual(1);
      expect(leftovers.every((key) => added().includes(key))).toBe(true);

      if (second === 'failing on robots.txt') {
        proxy = await startFaultProxy({ target: s3.endpoint, rate: 0, faults: [], alwaysFail: new RegExp(`^/${BUCKET}/${prefix}/robots\\.txt$`) });
        const failed = await syncVia(dir, prefix, proxy.endpoint, undefined, { AWS_MAX_ATTEMPTS: 1 });
        expect(failed.status).toBe(1);
        expect(failed.output).toContain('1 of the files could not be uploaded:\n  - robots.txt: InternalError');
      } else {
        const killed = await sync(dir, prefix, { change: CHANGES.pendingPut, when: 'after', signal: 'SIGKILL' });
        expect(killed.status).not.toBe(0);
        await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${prefix}/.mediasync/lock.json` }));
      }
      // The record still names every leftover the store holds.
      const pending = JSON.parse((await record(prefix, 'pending.json'))!.toString('utf8')) as { paths: string[] };
      const stored = (await mediaKeys(prefix)).filter((key) => !(key in reference.v1));
      expect(stored.filter((key) => !pending.paths.includes(key))).toEqual([]);

      // Back to release 1: what release 2's runs left is deleted, and the store is release 1's exactly.
      tree(dir, 1);
      const back = await sync(dir, prefix);
      expect(back.output).not.toMatch(/error|warning/i);
      expect(back.status).toBe(0);
      expect(await snapshot(prefix)).toEqual(reference.v1);
      expect(await keysUnder(prefix)).toEqual([...Object.keys(reference.v1), '.mediasync/releases.json', '.mediasync/sync-manifest.json.gz'].sort());
    },
    120_000
  );
});
