import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { BackendClient } from '../src/backends/contract.js';
import { FilesystemBackend } from '../src/backends/filesystem.js';
import { S3Backend } from '../src/backends/s3.js';
import { runJob } from '../src/job.js';
import { acquireLock, LOCK_PATH, LockError, type LockRecord, type LockTimings } from '../src/pipeline/lock.js';
import { silentReporter, type Reporter } from '../src/reporter.js';
import { copyExampleMedia, exampleS3Settings, tempDir } from './helpers/fixtures.js';
import { getObject, listKeys, S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

const BUCKET = 'lock-media';
const FAST: LockTimings = { ttlMs: 60_000, refreshMs: 60_000, settleMs: 50 };
let s3: TestS3;
/** A store from before S3's conditional writes: it stores a PUT with If-None-Match: * anyway. */
let s3Unconditional: TestS3;
let scratch: ReturnType<typeof tempDir>;

beforeAll(async () => {
  [s3, s3Unconditional] = await Promise.all([startTestS3([BUCKET]), startTestS3([BUCKET], { ignoreConditions: true })]);
});
afterAll(() => Promise.all([s3.stop(), s3Unconditional.stop()]));
beforeEach(() => {
  scratch = tempDir();
});
afterEach(() => scratch.remove());

const s3Backend = (prefix: string, server = s3) =>
  new S3Backend({
    AWS_BUCKET: BUCKET,
    AWS_PREFIX: prefix,
    AWS_ENDPOINT: server.endpoint,
    AWS_KEY: S3_CREDENTIALS.accessKeyId,
    AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_ACL: 'private',
    AWS_BUCKET_CNAME: false,
    USE_SSL: false
  } as never);
const fsBackend = () => new FilesystemBackend({ FILESYSTEM_ROOT: path.join(scratch.dir, 'store'), AWS_PREFIX: 'site', MEDIA_ROOT: path.join(scratch.dir, 'media') });

function recordingReporter(): Reporter & { lines: string[] } {
  const lines: string[] = [];
  return { ...silentReporter, lines, info: (line) => lines.push(line) };
}

async function storedLock(client: BackendClient): Promise<LockRecord | undefined> {
  const bytes = await client.get!(LOCK_PATH);
  return bytes && (JSON.parse(bytes.toString()) as LockRecord);
}

const otherRun = (expires: Date): LockRecord => ({
  runId: 'other-run',
  host: 'runner-7',
  pid: 4242,
  githubRun: '123456 (attempt 2)',
  started: '2026-01-02T03:04:05.000Z',
  expires: expires.toISOString()
});

describe.each([
  ['s3 (honours If-None-Match)', () => s3Backend(`p-${path.basename(scratch.dir)}`)],
  ['s3 (ignores If-None-Match)', () => s3Backend(`p-${path.basename(scratch.dir)}`, s3Unconditional)],
  ['filesystem (exclusive create)', fsBackend]
])('%s', (_name, makeClient) => {
  test('a held lock stops a second run, naming the holder, its start, its expiry and the concurrency group; release frees it', async () => {
    const client = makeClient();
    const first = await acquireLock(client, silentReporter, FAST);
    const held = (await storedLock(client))!;
    expect(held.pid).toBe(process.pid);
    expect(new Date(held.expires).getTime() - new Date(held.started).getTime()).toBe(FAST.ttlMs);

    const second = await acquireLock(makeClient(), silentReporter, FAST).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(LockError);
    expect((second as Error).message).toBe(
      `another mediasync run holds the lock .mediasync/lock.json on this prefix: run ${held.runId} on ${held.host} (pid ${process.pid}), ` +
        `started ${held.started}, lock expires ${held.expires} unless that run refreshes it. Nothing was changed. Run again when it is done; ` +
        'to queue deploys instead, give the workflow job a `concurrency:` group (see README, Reliability). A lock left by a killed run expires by itself'
    );
    // The loser changed nothing: the lock is still the first run's.
    expect((await storedLock(client))?.runId).toBe(held.runId);
    await first.verify();

    await first.release();
    expect(await client.get!(LOCK_PATH)).toBeUndefined();
    const third = await acquireLock(makeClient(), silentReporter, FAST);
    await third.release();
  });

  test('an expired lock (its holder was killed) is taken over, and the old holder then finds it lost', async () => {
    const client = makeClient();
    const stale = await acquireLock(client, silentReporter, FAST);
    const staleId = (await storedLock(client))!.runId;
    const expired = new Date(Date.now() - 1000);
    await client.put(lockBody(otherRun(expired)));
    const reporter = recordingReporter();
    const fresh = await acquireLock(makeClient(), reporter, FAST);
    expect(reporter.lines).toEqual([`taking over the lock of run other-run on runner-7 (pid 4242, GitHub run 123456 (attempt 2)), which expired at ${expired.toISOString()}`]);
    const mine = (await storedLock(client))!;
    expect(mine.runId).not.toBe('other-run');
    expect(mine.runId).not.toBe(staleId);

    // The run whose lock was taken over must not commit, nor delete the new holder's lock.
    await expect(stale.verify()).rejects.toThrow(`this run lost the lock .mediasync/lock.json to run ${mine.runId} on ${mine.host}`);
    await stale.release();
    expect((await storedLock(client))?.runId).toBe(mine.runId);
    await fresh.release();
  });

  test('a damaged lock object counts as expired and is taken over', async () => {
    const client = makeClient();
    await client.put(lockBody('{"runId": 7'));
    const reporter = recordingReporter();
    const lock = await acquireLock(client, reporter, FAST);
    expect(reporter.lines).toEqual(['taking over the lock of run unreadable on unknown (pid 0), which expired at 1970-01-01T00:00:00.000Z']);
    await lock.verify();
    await lock.release();
  });

  test('two runs taking the lock at the same moment: exactly one gets it', async () => {
    const outcomes = await Promise.allSettled([acquireLock(makeClient(), silentReporter, FAST), acquireLock(makeClient(), silentReporter, FAST)]);
    const held = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(held).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: expect.any(LockError) });
    await held[0].verify();
    await held[0].release();
  });

  test('the holder refreshes the expiry while it runs', async () => {
    const client = makeClient();
    const lock = await acquireLock(client, silentReporter, { ttlMs: 60_000, refreshMs: 100, settleMs: 10 });
    const first = (await storedLock(client))!.expires;
    // Every 100 ms; a loaded machine may take a while to get there, so wait for it up to 10 s.
    const deadline = Date.now() + 10_000;
    while ((await storedLock(client))!.expires === first && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await lock.verify();
    expect(new Date((await storedLock(client))!.expires).getTime()).toBeGreaterThan(new Date(first).getTime());
    await lock.release();
    expect(await client.get!(LOCK_PATH)).toBeUndefined();
  });
});

function lockBody(record: LockRecord | string) {
  const body = Buffer.from(typeof record === 'string' ? record : JSON.stringify(record));
  return { path: LOCK_PATH, body, contentType: 'application/json', cacheControl: 'no-cache', expires: new Date(), md5: createHash('md5').update(body).digest('hex') };
}

/** An S3 backend that records each request's method and If-None-Match header as it leaves. */
function recordingS3Backend(prefix: string, server: TestS3) {
  const seen: string[] = [];
  const client = s3Backend(prefix, server);
  // The SDK's middleware stack shows the header as it leaves.
  (client as unknown as { client: { middlewareStack: { add: Function } } }).client.middlewareStack.add(
    (next: (args: { request: { method: string; headers: Record<string, string> } }) => unknown) => async (args: { request: { method: string; headers: Record<string, string> } }) => {
      seen.push(`${args.request.method} ${args.request.headers['if-none-match'] ?? '-'}`);
      return next(args);
    },
    { step: 'finalizeRequest' }
  );
  return { client, seen };
}

/** Settling would take ten minutes: a lock taken without it is taken within the test's 20 s. */
const SLOW_SETTLE: LockTimings = { ttlMs: 60_000, refreshMs: 60_000, settleMs: 600_000 };

test('on a store that honours If-None-Match the lock is taken without the settle: the second conditional PUT is refused (412), which proves the first was exclusive', async () => {
  const { client, seen } = recordingS3Backend('conditional', s3);
  const lock = await acquireLock(client, silentReporter, SLOW_SETTLE);
  // Read first (a store that ignores the condition would overwrite a held lock), the conditional put, then the probe.
  expect(seen).toEqual(['GET -', 'PUT *', 'PUT *']);
  expect((await storedLock(client))?.pid).toBe(process.pid);
  await lock.release();

  const fsLock = await acquireLock(fsBackend(), silentReporter, SLOW_SETTLE);
  expect((await storedLock(fsBackend()))?.pid).toBe(process.pid);
  await fsLock.release();
}, 20_000);

test('on a store that ignores If-None-Match the probe is stored too, so the lock is read back after the settle', async () => {
  const { client, seen } = recordingS3Backend('unconditional', s3Unconditional);
  const started = Date.now();
  const lock = await acquireLock(client, silentReporter, { ...FAST, settleMs: 1_000 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  expect(seen).toEqual(['GET -', 'PUT *', 'PUT *', 'GET -']);
  await lock.release();
});

test('the test store answers a conditional PUT of an existing key with 412, as S3 does, and stores nothing', async () => {
  const key = 'conditional/exists.txt';
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'first' }));
  const refused = await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'second', IfNoneMatch: '*' })).catch((error: unknown) => error);
  expect(refused).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
  expect((await getObject(s3.client, BUCKET, key)).body.toString()).toBe('first');
});

test('a sync holds the lock while it runs and leaves no lock or pending record behind; a dry run takes none', async () => {
  const media = copyExampleMedia(scratch.dir);
  const settings = exampleS3Settings({ dir: scratch.dir, media, endpoint: s3.endpoint }, { AWS_BUCKET: BUCKET, AWS_PREFIX: 'whole' });
  // Someone else holds the prefix: a dry run still plans, a real run refuses before changing anything.
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `whole/${LOCK_PATH}`, Body: JSON.stringify(otherRun(new Date(Date.now() + 60_000))) }));
  await expect(runJob(settings)).rejects.toThrow('another mediasync run holds the lock .mediasync/lock.json on this prefix: run other-run on runner-7 (pid 4242, GitHub run 123456 (attempt 2))');
  expect(existsSync(settings.MANIFEST_PATH)).toBe(false);
  const dry = await runJob(settings, { dryRun: true });
  expect(dry.uploaded.length).toBeGreaterThan(0);
  expect((await listKeys(s3.client, BUCKET)).filter((key) => key.startsWith('whole/'))).toEqual([`whole/${LOCK_PATH}`]);

  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `whole/${LOCK_PATH}`, Body: JSON.stringify(otherRun(new Date(Date.now() - 1))) }));
  const result = await runJob(settings);
  const keys = (await listKeys(s3.client, BUCKET)).filter((key) => key.startsWith('whole/'));
  expect(keys).toEqual([...result.objects.map((object) => `whole/${object.path}`), 'whole/.mediasync/sync-manifest.json.gz'].sort());
  expect(JSON.parse(readFileSync(settings.MANIFEST_PATH, 'utf8')).cacheBuster).toBe(result.cacheBuster);
  expect((await getObject(s3.client, BUCKET, keys[0])).body.length).toBeGreaterThan(0);
});

test('a filesystem sync with a held lock changes nothing in FILESYSTEM_ROOT', async () => {
  const media = copyExampleMedia(scratch.dir);
  const store = path.join(scratch.dir, 'store');
  mkdirSync(path.join(store, '.mediasync'), { recursive: true });
  const held = JSON.stringify(otherRun(new Date(Date.now() + 60_000)));
  writeFileSync(path.join(store, LOCK_PATH), held);
  const settings = exampleS3Settings({ dir: scratch.dir, media, endpoint: s3.endpoint }, { BACKEND: 'filesystem', FILESYSTEM_ROOT: store, AWS_PREFIX: '' });
  await expect(runJob(settings)).rejects.toBeInstanceOf(LockError);
  expect(readFileSync(path.join(store, LOCK_PATH), 'utf8')).toBe(held);
  expect(readdirSync(store, { recursive: true }).sort()).toEqual(['.mediasync', '.mediasync/lock.json']);
});

test('filesystem: a failed run deletes the new files it wrote and leaves no lock or pending record', async () => {
  const media = copyExampleMedia(scratch.dir);
  const store = path.join(scratch.dir, 'store');
  const settings = exampleS3Settings({ dir: scratch.dir, media, endpoint: s3.endpoint }, { BACKEND: 'filesystem', FILESYSTEM_ROOT: store, AWS_PREFIX: 'site' });
  await runJob(settings);
  const tree = () => new Map(readdirSync(store, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => [path.join(entry.parentPath, entry.name), readFileSync(path.join(entry.parentPath, entry.name))]));
  const before = tree();
  for (let index = 0; index < 5; index++) writeFileSync(path.join(media, 'images', `new-${index}.txt`), `new ${index}\n`);
  writeFileSync(path.join(media, 'scripts', 'app.js'), 'var broken = ;\n');

  await expect(runJob(settings)).rejects.toThrow(/scripts\/app\.js/);
  expect(tree()).toEqual(before);
});
