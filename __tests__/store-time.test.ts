import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { S3Backend } from '../src/backends/s3.js';
import { runJob } from '../src/job.js';
import { UploadError } from '../src/pipeline/upload.js';
import { resolveSettings } from '../src/settings/load.js';
import type { Settings } from '../src/settings/schema.js';
import { startFaultProxy, type FaultProxy } from './helpers/fault-proxy.js';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runActionAsync, runCliAsync } from './helpers/run.js';
import { getObject, listMediaKeys, S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';
import { startHungServer, startSlowProxy, startStallingBodyServer, type StalledStore } from './helpers/stalled-store.js';

// Small AWS_TIMEOUT and AWS_MAX_ATTEMPTS keep the wall time of these tests to seconds. Between
// two attempts the backend waits at most 100 ms, then 200 ms, … (500 ms, 1 s, … when throttled).
const TIMEOUT_S = 1;
const ATTEMPTS = 3;
/** The most a request to a store that never answers may take: every attempt's deadline, the waits between them, and slack for a loaded machine. */
const BOUND_MS = ATTEMPTS * TIMEOUT_S * 1000 + 300 + 2000;

let scratch: ReturnType<typeof tempDir>;
let media: string;
let stalled: StalledStore | undefined;

beforeEach(() => {
  scratch = tempDir();
  media = copyExampleMedia(scratch.dir);
});
afterEach(async () => {
  await stalled?.stop();
  stalled = undefined;
  scratch.remove();
});

function settingsFor(endpoint: string, extra: Record<string, unknown> = {}): Settings {
  return resolveSettings({
    file: {
      path: 'mediasync.json',
      text: JSON.stringify({
        MEDIA_ROOT: media,
        AWS_BUCKET: 'media',
        AWS_ENDPOINT: endpoint,
        AWS_KEY: S3_CREDENTIALS.accessKeyId,
        AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
        AWS_TIMEOUT: TIMEOUT_S,
        AWS_MAX_ATTEMPTS: ATTEMPTS,
        ...extra
      })
    },
    cwd: scratch.dir
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ outcome: T | Error; ms: number }> {
  const started = performance.now();
  const outcome = await work().catch((error: unknown) => error as Error);
  return { outcome, ms: performance.now() - started };
}

const noAnswer = (endpoint: string, request: string) =>
  `AWS_ENDPOINT ${endpoint} did not answer ${request} within AWS_TIMEOUT (${TIMEOUT_S} s), ${ATTEMPTS} attempts made (AWS_MAX_ATTEMPTS); ` +
  'check that the store is up and reachable at AWS_ENDPOINT, or raise AWS_TIMEOUT for a slow link';

/** The request's path and query, without the SDK's `x-id` marker. */
function requestTarget(url: string): string {
  const parsed = new URL(url, 'http://store');
  parsed.searchParams.delete('x-id');
  return `${parsed.pathname}${parsed.search}`;
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

/** Lets the sockets the client closed reach the server. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('a store that never answers', () => {
  test('accepting connections and never answering: the sync fails after AWS_MAX_ATTEMPTS attempts of AWS_TIMEOUT, naming AWS_ENDPOINT and the request', async () => {
    stalled = await startHungServer();
    const { outcome, ms } = await timed(() => runJob(settingsFor(stalled!.endpoint)));
    expect((outcome as Error).message).toBe(noAnswer(stalled.endpoint, 'GET .mediasync/lock.json'));
    expect(stalled.connections).toBe(ATTEMPTS);
    expect(ms).toBeGreaterThanOrEqual(ATTEMPTS * TIMEOUT_S * 1000 - 50);
    expect(ms).toBeLessThan(BOUND_MS);
    await settle();
    expect(stalled.open).toBe(0);
  });

  test('sending the headers of a GET and stalling the body: the body counts within the attempt, which fails and is tried again', async () => {
    stalled = await startStallingBodyServer();
    const backend = new S3Backend(settingsFor(stalled.endpoint, { AWS_PREFIX: 'site' }));
    const { outcome, ms } = await timed(() => backend.get('styles/app.css'));
    await backend.close();
    expect((outcome as Error).message).toBe(noAnswer(stalled.endpoint, 'GET site/styles/app.css'));
    expect(stalled.connections).toBe(ATTEMPTS);
    expect(ms).toBeGreaterThanOrEqual(ATTEMPTS * TIMEOUT_S * 1000 - 50);
    expect(ms).toBeLessThan(BOUND_MS);
    await settle();
    expect(stalled.open).toBe(0);
  });

  test('the same through a whole sync: it fails within the bound', async () => {
    stalled = await startStallingBodyServer();
    const { outcome, ms } = await timed(() => runJob(settingsFor(stalled!.endpoint)));
    expect((outcome as Error).message).toBe(noAnswer(stalled.endpoint, 'GET .mediasync/lock.json'));
    expect(ms).toBeLessThan(BOUND_MS);
  });

  test('with --force and many uploads: the first request without an answer (the lock read) ends the run in one bound, not one per upload', async () => {
    mkdirSync(path.join(media, 'many'));
    for (let index = 0; index < 40; index++) writeFileSync(path.join(media, 'many', `f${index}.txt`), `file ${index}\n`);
    stalled = await startHungServer();
    const settings = settingsFor(stalled.endpoint, { CONCURRENCY: 4, MINIFY: false });
    // The same run without the store: the local work (walk, hash, build) the bound comes on top of.
    const local = await timed(() => runJob(settings, { force: true, dryRun: true }));
    expect(stalled.connections).toBe(0);
    const { outcome, ms } = await timed(() => runJob(settings, { force: true }));
    expect((outcome as Error).message).toBe(noAnswer(stalled.endpoint, 'GET .mediasync/lock.json'));
    // Nothing was uploaded: the lock comes first, and no request was sent beyond its attempts.
    expect(stalled.connections).toBeLessThanOrEqual(ATTEMPTS);
    expect(ms).toBeLessThan(local.ms + BOUND_MS);
  });
});

describe('against the S3 server', () => {
  let s3: TestS3;
  let proxy: FaultProxy | undefined;
  beforeAll(async () => {
    s3 = await startTestS3(['slow', 'faulty']);
  });
  afterAll(() => s3.stop());
  afterEach(async () => {
    await proxy?.stop();
    proxy = undefined;
  });

  test('a store that answers slowly but within AWS_TIMEOUT: the sync succeeds with one attempt per request', async () => {
    const slow = await startSlowProxy(s3.endpoint, 300);
    try {
      const { outcome, ms } = await timed(() => runJob(settingsFor(slow.endpoint, { AWS_BUCKET: 'slow', AWS_TIMEOUT: 3 })));
      if (outcome instanceof Error) throw outcome;
      expect(outcome.uploaded).toHaveLength(outcome.objects.length);
      expect(await listMediaKeys(s3.client, 'slow')).toEqual(outcome.objects.map((object) => object.path).sort());
      // No request was sent twice: none timed out. Left out: mediasync's own records (the lock, the
      // pending record), requested at one URL several times in a run by design, and DeleteObjects,
      // whose URL is the same for every batch of keys.
      const media = slow.requests.filter((request) => !request.includes('/.mediasync/') && !request.includes('?delete'));
      expect(new Set(media).size).toBe(media.length);
      // The GET, the listing and the final PUT follow one another, each at least 600 ms.
      expect(ms).toBeGreaterThanOrEqual(3 * 600);
    } finally {
      await slow.stop();
    }
  });

  test('with half of all requests failing, every request gets its AWS_MAX_ATTEMPTS attempts: none gives up early for want of a shared retry quota', async () => {
    mkdirSync(path.join(media, 'generated'));
    for (let index = 0; index < 120; index++) writeFileSync(path.join(media, 'generated', `part-${index}.txt`), `part ${index}\n`.repeat(50));
    proxy = await startFaultProxy({
      target: s3.endpoint,
      rate: 0.5,
      faults: ['slowdown', 'internal', 'bad-gateway', 'drop'],
      seed: 11,
      alwaysFail: /\/faulty\/generated\/part-7\.txt$/
    });
    const settings = settingsFor(proxy.endpoint, { AWS_BUCKET: 'faulty', AWS_TIMEOUT: 60, AWS_MAX_ATTEMPTS: 8, CONCURRENCY: 16, AWS_GZIP: false });
    const outcome = await runJob(settings).catch((error: unknown) => error);

    // Per request (method and URL), what the proxy did with each attempt, in order.
    const attempts = new Map<string, (string | undefined)[]>();
    // Left out: mediasync's own records (the lock, the pending record), requested at one URL several
    // times in a run by design, and DeleteObjects, whose URL is the same for every batch of keys.
    const log = proxy.log.filter((entry) => !entry.url.includes('/.mediasync/') && !entry.url.includes('?delete'));
    for (const { method, url, fault } of log) {
      const request = `${method} ${requestTarget(url)}`;
      attempts.set(request, [...(attempts.get(request) ?? []), fault]);
    }
    const exhausted: string[] = [];
    for (const [request, faults] of attempts) {
      const succeeded = faults.at(-1) === undefined;
      // Tried again after every fault, until it succeeded or had all 8 attempts.
      expect({ request, faults: faults.slice(0, -1).every((fault) => fault !== undefined), tries: succeeded || faults.length === 8 }).toEqual({ request, faults: true, tries: true });
      if (!succeeded) exhausted.push(request);
    }
    expect(attempts.get('PUT /faulty/generated/part-7.txt')).toEqual(Array(8).fill('always'));
    // Far more retries than the SDK's shared quota (500 tokens, 5 to 14 a retry) ever allowed a client.
    const retries = log.length - attempts.size;
    expect(retries).toBeGreaterThan(100);

    // The run fails naming exactly the requests that used up their attempts; the rest are stored byte for byte.
    expect(outcome).toBeInstanceOf(UploadError);
    const failed = (outcome as UploadError).failures.map((failure) => `PUT /faulty/${failure.path}`);
    expect(failed.sort()).toEqual(exhausted.sort());
    const stored = await listMediaKeys(s3.client, 'faulty');
    expect(stored).not.toContain('generated/part-7.txt');
    for (const key of stored.filter((key) => key.endsWith('.txt'))) {
      const body = (await getObject(s3.client, 'faulty', key)).body;
      expect({ key, md5: md5(body) }).toEqual({ key, md5: md5(readFileSync(path.join(media, key))) });
    }
  }, 120_000);
});

// These run the bundle: build it first with `npm run bundle`. They run it without blocking this
// process, so the store sees when the first request came: the bound is counted from there, since
// how long node takes to start and load the bundle depends on how busy the machine is.
describe('the CLI and the action exit as soon as they have reported', () => {
  function writeConfig(settings: Record<string, unknown>): void {
    writeFileSync(
      path.join(scratch.dir, 'mediasync.json'),
      JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: 'media', AWS_KEY: S3_CREDENTIALS.accessKeyId, AWS_SECRET: S3_CREDENTIALS.secretAccessKey, ...settings })
    );
  }
  /** From the store's first request to the process's exit. */
  const sinceFirstRequest = () => performance.now() - stalled!.firstConnectionAt!;

  test('CLI: a store that never answers fails the run within the bound, naming AWS_ENDPOINT and the request', async () => {
    stalled = await startHungServer();
    writeConfig({ AWS_ENDPOINT: stalled.endpoint, AWS_TIMEOUT: TIMEOUT_S, AWS_MAX_ATTEMPTS: ATTEMPTS });
    const run = await runCliAsync(['sync'], { cwd: scratch.dir });
    const ms = sinceFirstRequest();
    expect(run.stderr).toContain(`mediasync: ${noAnswer(stalled.endpoint, 'GET .mediasync/lock.json')}\n`);
    expect(run.status).toBe(1);
    expect(ms).toBeLessThan(BOUND_MS);
  }, 70_000);

  test('CLI: a settings error found while a store request hangs ends the process at once, not after AWS_TIMEOUT', async () => {
    stalled = await startHungServer();
    // AWS_TIMEOUT is the default (60 s): only an exit that does not wait for the pending GET is quick.
    writeConfig({ AWS_ENDPOINT: stalled.endpoint, JOINED: { 'all.js': ['scripts/app.js', 'scripts/missing.js'] } });
    const started = performance.now();
    const run = await runCliAsync(['sync'], { cwd: scratch.dir });
    const ms = performance.now() - started;
    expect(run.stderr).toContain('mediasync: JOINED all.js: part scripts/missing.js is not a file in MEDIA_ROOT');
    expect(run.status).toBe(1);
    // The request may not have reached the store yet, so this counts from the start: well under
    // the 60 s a wait for the pending GET would take, however slowly node starts on a busy machine.
    expect(ms).toBeLessThan(30_000);
  }, 70_000);

  test('action: a store that never answers fails the step within the bound, naming AWS_ENDPOINT, with no outputs', async () => {
    stalled = await startHungServer();
    writeConfig({});
    const inputs = { 'aws-endpoint': stalled.endpoint, 'aws-timeout': String(TIMEOUT_S), 'aws-max-attempts': String(ATTEMPTS) };
    const run = await runActionAsync(inputs, { cwd: scratch.dir });
    const ms = sinceFirstRequest();
    expect(run.stdout).toContain(`::error::${noAnswer(stalled.endpoint, 'GET .mediasync/lock.json')}\n`);
    expect(run.status).toBe(1);
    expect(run.outputs).toEqual({});
    expect(ms).toBeLessThan(BOUND_MS);
  }, 70_000);
});
