// The filesystem backend killed (SIGKILL) at every filesystem step of a real CLI run: at no
// moment does `serve --synced` (or headersFor) send a body with headers that are not its own,
// and a rerun leaves the tree a clean run leaves, file by file, byte by byte, header by header.
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { SIDECAR_NAME, headersFor, parseSidecar, type HeadersSidecar, type StoredHeaders } from '../src/backends/headers-sidecar.js';
import { syncedTreeSource } from '../src/serve/media-source.js';
import { startDevServer, type DevServer } from '../src/serve/server.js';
import { REPO_ROOT, tempDir } from './helpers/fixtures.js';
import { fetchRaw } from './helpers/http.js';
import { buildSourceCli, type SignalledRun } from './helpers/source-cli.js';

/** Kill at every Nth step only (1: every step), for a quicker local run; the named steps are always killed at. */
const STRIDE = Number(process.env.MEDIASYNC_CRASH_STRIDE ?? 1);
const PRELOAD = pathToFileURL(path.join(REPO_ROOT, '__tests__', 'helpers', 'kill-at-fs-step.mjs')).href;
const PREFIX = 'static';
const TEMP_SUFFIX = '.mediasync-tmp';

type Tree = Record<string, Buffer | string>;

// Few files, so that killing at every step of every run stays affordable; each stands for a case.
const noise = randomBytes(600);
const css = (color: string) => Array.from({ length: 40 }, (_, i) => `.c${i} { color: ${color}; margin: ${i}px }`).join('\n');
const V1: Tree = {
  // Compressible, then incompressible: gzip on, then off.
  'notes.txt': 'a note '.repeat(100),
  // The other way round.
  'data.json': noise.subarray(0, 300),
  // The same bytes in both: only its headers change.
  'images/dot.png': noise.subarray(300),
  // Pruned by the update.
  'styles/gone.css': css('blue')
};
const V2: Tree = {
  'notes.txt': noise.subarray(100, 400),
  'data.json': JSON.stringify(Array.from({ length: 60 }, () => ({ k: 'value' }))),
  'images/dot.png': V1['images/dot.png'],
  // A path new to the store.
  'new.css': css('black')
};

function settingsFile(expirationDays: number): string {
  return JSON.stringify({
    MEDIA_ROOT: 'media',
    BACKEND: 'filesystem',
    FILESYSTEM_ROOT: 'out',
    AWS_PREFIX: PREFIX,
    REMOTE_MEDIA_URL: 'https://media.example.test/static',
    PRUNE: true,
    // Gzip is what matters here; minifying would only make every run slower.
    MINIFY: false,
    // Changed by the update too, so unchanged bodies get new headers.
    EXPIRATION_DAYS: expirationDays
  });
}

function writeSite(dir: string, media: Tree, expirationDays: number): void {
  rmSync(path.join(dir, 'media'), { recursive: true, force: true });
  for (const [relPath, body] of Object.entries(media)) {
    mkdirSync(path.dirname(path.join(dir, 'media', relPath)), { recursive: true });
    writeFileSync(path.join(dir, 'media', relPath), body);
  }
  writeFileSync(path.join(dir, 'mediasync.json'), settingsFile(expirationDays));
}

/** Every file under a folder, by path relative to it with forward slashes. */
function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file).split(path.sep).join('/'), readFileSync(file));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

interface Store {
  files: Map<string, Buffer>;
  sidecar: HeadersSidecar;
}

function readStore(site: string): Store {
  const files = filesUnder(path.join(site, 'out'));
  const sidecarText = files.get(SIDECAR_KEY);
  return { files, sidecar: sidecarText ? parseSidecar(sidecarText.toString('utf8')) : { version: 2, objects: {} } };
}

/** The sidecar sits in the prefix's folder. */
const SIDECAR_KEY = `${PREFIX}/${SIDECAR_NAME}`;

/** mediasync's own records: the sync manifest, the pending record, the lock. */
const isSyncManifest = (key: string) => key.startsWith(`${PREFIX}/.mediasync/`);

/** Headers equal but for Expires, which is the run's time plus EXPIRATION_DAYS: within the hour (the update moves it by months). */
function sameHeaders(actual: StoredHeaders | Record<string, unknown>, expected: StoredHeaders): boolean {
  const { Expires: actualExpires, ...actualRest } = actual as StoredHeaders;
  const { Expires: expectedExpires, ...expectedRest } = expected;
  const drift = Math.abs(Date.parse(actualExpires) - Date.parse(expectedExpires));
  return JSON.stringify(actualRest) === JSON.stringify(expectedRest) && drift < 60 * 60_000;
}

let scratch: ReturnType<typeof tempDir>;
let runCli: ReturnType<typeof buildSourceCli>;
let server: DevServer;
/** The site a killed run works on; the dev server serves its tree as `serve --synced` does. */
let work: string;

beforeAll(async () => {
  scratch = tempDir();
  runCli = buildSourceCli(path.join(scratch.dir, 'cli'));
  work = path.join(scratch.dir, 'work');
  server = await startDevServer([{ path: '/m/', source: syncedTreeSource(path.join(work, 'out'), PREFIX) }], { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server?.close();
  scratch?.remove();
});

async function sync(site: string, env: Record<string, string> = {}): Promise<SignalledRun> {
  return runCli(['sync'], { cwd: site, env, preload: PRELOAD });
}

async function cleanSync(site: string): Promise<void> {
  const run = await sync(site);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}

/**
 * What a reader sees in the killed run's tree: every media file is served (200, never 503) as
 * one of the two clean stores holds it, bytes and headers together; gzip is declared exactly
 * when the bytes are gzip; temporary files are not served; nothing in both stores is missing.
 */
async function checkReader(before: Store, after: Store, where: string): Promise<void> {
  const tree = readStore(work);
  for (const [key, body] of tree.files) {
    if (key === SIDECAR_KEY) continue;
    const relPath = key.slice(PREFIX.length + 1);
    if (key.endsWith(TEMP_SUFFIX)) {
      expect({ where, key, status: (await fetchRaw(`${server.url}/m/${relPath}`)).status }).toEqual({ where, key, status: 404 });
      continue;
    }
    if (isSyncManifest(key)) {
      // Hidden, so not served by serve --synced; a reader of the library gets its own headers.
      const headers = headersFor(tree.sidecar, key, body);
      // The sync manifest is gzipped JSON; the pending record and the lock are plain JSON.
      const contentType = key.endsWith('.gz') ? 'application/gzip' : 'application/json';
      expect({ where, key, headers }).toEqual({ where, key, headers: expect.objectContaining({ 'Content-Type': contentType }) });
      expect(headers!['Content-Encoding']).toBeUndefined();
      continue;
    }
    const reply = await fetchRaw(`${server.url}/m/${relPath.split('/').map(encodeURIComponent).join('/')}`);
    expect({ where, key, status: reply.status, text: reply.status === 200 ? '' : reply.body.toString() }).toEqual({ where, key, status: 200, text: '' });
    expect(reply.body).toEqual(body);
    const served = {
      'Content-Type': reply.headers['content-type'],
      ...(reply.headers['content-encoding'] ? { 'Content-Encoding': reply.headers['content-encoding'] } : {}),
      'Cache-Control': reply.headers['cache-control'],
      Expires: reply.headers.expires
    };
    const matches = [before, after].filter((store) => store.files.get(key)?.equals(body) && sameHeaders(served, store.sidecar.objects[key]!.headers));
    expect({ where, key, served, matches: matches.length > 0 }).toEqual({ where, key, served, matches: true });
    if (served['Content-Encoding'] === 'gzip') expect(() => gunzipSync(body)).not.toThrow();
  }
  for (const key of before.files.keys()) {
    if (after.files.has(key)) expect({ where, key, present: tree.files.has(key) }).toEqual({ where, key, present: true });
  }
}

/** The rerun's tree against the clean run's: the same files, bytes and headers, and no put left in flight. */
function checkSameStore(actual: Store, expected: Store, where: string): void {
  expect({ where, files: [...actual.files.keys()] }).toEqual({ where, files: [...expected.files.keys()] });
  expect(Object.keys(actual.sidecar.objects)).toEqual(Object.keys(expected.sidecar.objects));
  for (const [key, entry] of Object.entries(actual.sidecar.objects)) {
    const want = expected.sidecar.objects[key]!;
    expect({ where, key, previous: 'previous' in entry, headers: sameHeaders(entry.headers, want.headers) }).toEqual({ where, key, previous: false, headers: true });
    // The sync manifest records times, so its bytes differ from run to run; it must still be the body its entry names.
    const body = actual.files.get(key)!;
    expect(entry.md5).toBe(createHash('md5').update(body).digest('hex'));
    if (!isSyncManifest(key)) expect({ where, key, same: body.equals(expected.files.get(key)!) }).toEqual({ where, key, same: true });
  }
}

/**
 * Run the sync from `start` once to count its steps, then once killed just before each step,
 * and once before the first step matching each of `named`, unless a run of that sweep already
 * died just before it (steps shift a little between runs), each time checking the reader and
 * then that a rerun converges. Returns where each run was killed.
 */
async function killAtEveryStep(start: string, before: Store, named: RegExp[]): Promise<string[]> {
  const reference = path.join(scratch.dir, 'reference');
  rmSync(reference, { recursive: true, force: true });
  cpSync(start, reference, { recursive: true });
  await cleanSync(reference);
  const after = readStore(reference);

  const log = path.join(scratch.dir, 'steps.log');
  const stepsLogged = () => readFileSync(log, 'utf8').trim().split('\n');
  const fresh = () => {
    rmSync(work, { recursive: true, force: true });
    cpSync(start, work, { recursive: true });
    rmSync(log, { force: true });
  };
  fresh();
  const counted = await sync(work, { MEDIASYNC_TEST_STEP_LOG: log });
  expect(counted.status).toBe(0);
  const total = stepsLogged().length;

  const killed: string[] = [];
  /** The steps each killed run of the sweep logged, the last being the one it died before. */
  const sweptLogs: string[][] = [];
  const check = async (where: string) => {
    killed.push(where);
    await checkReader(before, after, where);
    // A killed run cannot release its prefix lock; it would expire by itself (see the S3 crash
    // test for the refusal meanwhile): removed here as an operator would.
    rmSync(path.join(work, 'out', PREFIX, '.mediasync', 'lock.json'), { force: true });
    await cleanSync(work);
    checkSameStore(readStore(work), after, where);
  };
  for (let step = 1; step <= total; step += STRIDE) {
    fresh();
    const run = await sync(work, { MEDIASYNC_TEST_KILL_AT: String(step), MEDIASYNC_TEST_STEP_LOG: log });
    const steps = stepsLogged();
    // Concurrent uploads share sidecar writes as they happen to overlap, so a run may take a
    // step or two fewer than the counted one and end before its kill point.
    if (run.signal !== 'SIGKILL') {
      expect({ step, status: run.status, stepsTaken: steps.length < step }).toEqual({ step, status: 0, stepsTaken: true });
      continue;
    }
    sweptLogs.push(steps);
    await check(`killed before step ${steps.at(-1)!.split(work).join('<site>')}`);
  }
  for (const pattern of named) {
    // Already done when a run of the sweep died before the first step it matches.
    if (sweptLogs.some((steps) => steps.findIndex((step) => pattern.test(step)) === steps.length - 1)) continue;
    fresh();
    const run = await sync(work, { MEDIASYNC_TEST_KILL_BEFORE: pattern.source, MEDIASYNC_TEST_STEP_LOG: log });
    const last = stepsLogged().at(-1)!;
    expect({ pattern: pattern.source, signal: run.signal, last: pattern.test(last) }).toEqual({ pattern: pattern.source, signal: 'SIGKILL', last: true });
    await check(`killed before step ${last.split(work).join('<site>')}`);
  }
  return killed;
}

const TIMEOUT = Number(process.env.MEDIASYNC_CRASH_TIMEOUT_MS ?? 1_200_000);

test('a cold run killed at every filesystem step: readers see only right headers, and a rerun equals a clean run', async () => {
  const start = path.join(scratch.dir, 'cold');
  writeSite(start, V1, 365);
  const killed = await killAtEveryStep(start, readStore(start), [
    // The first sidecar write (its entry new, nothing before), a body's rename into place, the
    // manifest the app reads (written to a temporary file, then renamed into place).
    /rename \S+ \S+\/out\/static\/\.mediasync-headers\.json$/,
    /rename \S+ \S+\/out\/static\/notes\.txt$/,
    /rename \S+ \S+\/mediasync-manifest\.json$/
  ]);
  expect(killed.length).toBeGreaterThan(20 / STRIDE);
}, TIMEOUT);

test('an update run (gzip flips both ways, new headers on unchanged bodies, a prune) killed at every step: the same', async () => {
  const start = path.join(scratch.dir, 'update');
  writeSite(start, V1, 365);
  await cleanSync(start);
  const before = readStore(start);
  writeSite(start, V2, 30);
  const killed = await killAtEveryStep(start, before, [
    /rename \S+ \S+\/out\/static\/notes\.txt$/,
    /rename \S+ \S+\/out\/static\/data\.json$/,
    /rename \S+ \S+\/out\/static\/images\/dot\.png$/,
    /rename \S+ \S+\/out\/static\/new\.css$/,
    /rm \S+\/out\/static\/styles\/gone\.css$/,
    /rmdir \S+\/out\/static\/styles$/,
    /rename \S+ \S+\/out\/static\/\.mediasync\/sync-manifest\.json\.gz$/
  ]);
  expect(killed.length).toBeGreaterThan(20 / STRIDE);
}, TIMEOUT);
