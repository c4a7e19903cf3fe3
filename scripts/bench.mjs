// `npm run bench`: builds a realistic corpus from node_modules, starts s3rver behind a
// loopback proxy that counts requests, and times the built CLI (dist/cli/index.js) in every
// scenario the performance targets name, beside the floors it is judged against: a raw PUT
// loop, the minify work run in one thread, and a raw listing of the store. Writes the table to
// bench/results/latest.md.
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3_CREDENTIALS, startS3Server } from './s3-server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');
const CONCURRENCY = 16;
const MB = 1024 * 1024;
const CORPUS_FILES = 3100;
/** Not JavaScript a site would ship: caches, the compiler's own libraries, tests, and JSX sources. */
const EXCLUDED_JS = ['/.cache/', '/typescript/lib/', '/test/', '/tests/', '/fixtures/', '/html-spa/src/'];
// Peak RSS and CPU time (user + system, all threads) of a child, written when it exits.
const USAGE_HOOK = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => { if (process.env.BENCH_USAGE_FILE) { const u = process.resourceUsage(); writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ maxRSS: u.maxRSS, cpuMicros: u.userCPUTime + u.systemCPUTime })); } });"
)}`;

/** @typedef {{ relPath: string, absPath: string, kind: string, size: number }} CorpusFile */
/** @typedef {{ files: CorpusFile[], bytes: number, joined: Record<string, string[]> }} Corpus */
/** @typedef {{ wallMs: number, cpuMs: number, rssMB: number, stdout: string }} Run */
/** @typedef {Run & { name: string, requests: number, lockRequests: number, methods: string }} Measured */
/** @typedef {Measured & { files: number, ratio: number, note: string }} Row */
/** @typedef {{ name: string, value: number, limit: number, pass: boolean }} Check */
/** @typedef {Awaited<ReturnType<typeof startCountingProxy>>} CountingProxy */

if (process.argv[2] === 'raw-put') {
  await rawPut(process.argv[3], process.argv[4], process.argv[5]);
} else if (process.argv[2] === 'raw-list') {
  await rawList(process.argv[3], process.argv[4]);
} else if (process.argv[2] === 'serial-work') {
  await serialWork(process.argv[3]);
} else {
  await main();
}

async function main() {
  if (!existsSync(path.join(ROOT, 'dist', 'worker', 'index.js'))) {
    console.log('dist/worker is missing: running npm run bundle first');
    execFileSync('npm', ['run', 'bundle'], { cwd: ROOT, stdio: 'inherit' });
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'mediasync-bench-'));
  const site = path.join(work, 'site');
  // A project folder has node_modules, where mediasync keeps its source-hash cache.
  mkdirSync(path.join(site, 'node_modules'), { recursive: true });
  const s3 = await startS3Server({ buckets: ['raw', 'plain', 'full', 'maps', 'dry', 'fingerprint', 'big', 'many'] });
  const proxy = await startCountingProxy(s3.endpoint);
  /** @type {Row[]} */
  const rows = [];
  /** @type {Check[]} */
  const checks = [];
  try {
    console.log('building the corpus…');
    const corpus = buildCorpus(path.join(site, 'media'));
    console.log(`corpus: ${corpus.files.length} files, ${(corpus.bytes / MB).toFixed(1)} MB (${describeKinds(corpus)})`);
    /** @type {(name: string, settings: Record<string, unknown>) => string} */
    const config = (name, settings) => writeConfig(site, name, { MEDIA_ROOT: 'media', ...settings }, proxy.endpoint);

    const raw = await measure('raw limit: PutObject loop', proxy, () =>
      runNode([fileURLToPath(import.meta.url), 'raw-put', path.join(site, 'media'), proxy.endpoint, 'raw'], site)
    );
    rows.push(row(raw, corpus.files.length, raw, 'every file PUT as-is, same concurrency'));

    const plain = await measure('cold sync, processing off', proxy, () =>
      runCli(config('plain', { AWS_BUCKET: 'plain', MINIFY: false, AWS_GZIP: false }), site)
    );
    rows.push(row(plain, corpus.files.length, raw, 'MINIFY and AWS_GZIP off'));
    checks.push(check('cold sync with processing off ≤ 1.15× raw', plain.wallMs / raw.wallMs, 1.15));

    const serial = await measure('minify+gzip work, one thread', proxy, () => runNode([fileURLToPath(import.meta.url), 'serial-work', writeJobs(work, site, corpus)], site));
    rows.push(row(serial, corpus.files.length + 2, raw, 'every object built in turn by the worker code, no store: the summed CPU time of the work'));

    const dryRun = await measure('cold full sync, dry run', proxy, () => runCli(config('dry', { AWS_BUCKET: 'dry', JOINED: corpus.joined }), site, ['--dry-run']));
    rows.push(row(dryRun, corpus.files.length + 2, raw, 'all the work into an empty bucket, nothing stored: the parallelism without the store'));

    const fullConfig = config('full', { AWS_BUCKET: 'full', JOINED: corpus.joined });
    const cold = await measure('cold full sync', proxy, () => runCli(fullConfig, site));
    rows.push(row(cold, corpus.files.length + 2, raw, `wall ${(cold.wallMs / serial.cpuMs).toFixed(2)}× the work's CPU time; the store's own CPU shares the same cores`));
    checks.push(check('cold full sync wall ≤ 0.65× summed minify+gzip CPU time', cold.wallMs / serial.cpuMs, 0.65));

    const maps = await measure('cold full sync, SOURCE_MAPS on', proxy, () => runCli(config('maps', { AWS_BUCKET: 'maps', JOINED: corpus.joined, SOURCE_MAPS: true }), site));
    rows.push(row(maps, corpus.files.length + 2, raw, `every minified object and bundle with its map beside it: ${relative(maps.wallMs, cold.wallMs)} wall time than without`));

    const listFloor = await measure('store floor: list every key', proxy, () => runNode([fileURLToPath(import.meta.url), 'raw-list', proxy.endpoint, 'full'], site));
    rows.push(row(listFloor, corpus.files.length + 3, raw, `ListObjectsV2 pages in order by a minimal client: what any run that checks the store pays (${listingTime(listFloor)} of it listing)`));

    rmSync(path.join(site, 'node_modules', '.cache'), { recursive: true, force: true });
    const noCacheRun = await measure('no-change sync, no hash cache', proxy, () => runCli(fullConfig, site));
    rows.push(row(noCacheRun, corpus.files.length + 2, raw, 'every source read and hashed (as on a fresh CI checkout)'));
    const noChange = await measure('no-change sync', proxy, () => runCli(fullConfig, site));
    rows.push(row(noChange, corpus.files.length + 2, raw, `hash cache warm (a local project); ${beside(noChange, listFloor)}`));
    checks.push(check('no-change sync of the corpus < 0.4 s', noChange.wallMs / 1000, 0.4));
    checks.push(check(`no-change requests ≤ 2 + ceil(N/1000), the lock's apart`, noChange.requests - noChange.lockRequests, 2 + Math.ceil((corpus.files.length + 2) / 1000)));

    const changed = changeOnePercent(corpus.files);
    const onePercent = await measure('1% of files changed', proxy, () => runCli(fullConfig, site));
    const built = Number(/(\d+) to build/.exec(onePercent.stdout)?.[1]);
    const uploaded = Number(/uploaded: (\d+)/.exec(onePercent.stdout)?.[1]);
    const changedPaths = new Set(changed.map((file) => file.relPath));
    const expected = changed.length + Object.values(corpus.joined).filter((parts) => parts.some((part) => changedPaths.has(part))).length;
    rows.push(row(onePercent, corpus.files.length + 2, raw, `${changed.length} changed: ${built} built, ${uploaded} uploaded (bundles holding a changed part count too)`));
    checks.push(check('1% changed: objects built or uploaded beyond the changed ones', Math.max(built, uploaded) - expected, 0));

    // FINGERPRINT: stylesheets that name photos, some through an @import, so a change travels up.
    const styled = writeReferencingStylesheets(path.join(site, 'media'));
    const fingerprintConfig = config('fingerprint', { AWS_BUCKET: 'fingerprint', JOINED: corpus.joined, FINGERPRINT: true });
    const fingerprintCold = await measure('cold full sync, FINGERPRINT on', proxy, () => runCli(fingerprintConfig, site));
    rows.push(row(fingerprintCold, corpus.files.length + styled.count + 2, raw, `every object at a hashed key, references rewritten leaf first: ${relative(fingerprintCold.wallMs, cold.wallMs)} wall time than without`));
    const fingerprintNoChange = await measure('no-change sync, FINGERPRINT on', proxy, () => runCli(fingerprintConfig, site));
    rows.push(row(fingerprintNoChange, corpus.files.length + styled.count + 2, raw, 'hash cache warm; release log read too'));
    appendFileSync(styled.image, Buffer.from([0]));
    const oneImage = await measure('one image changed, FINGERPRINT on', proxy, () => runCli(fingerprintConfig, site));
    const imageUploads = Number(/uploaded: (\d+)/.exec(oneImage.stdout)?.[1]);
    rows.push(row(oneImage, corpus.files.length + styled.count + 2, raw, `${imageUploads} objects uploaded: the image and the stylesheets that name it (${styled.naming.join(', ')})`));
    checks.push(check('one image changed with FINGERPRINT: uploads beyond the image and the stylesheets naming it', imageUploads - 1 - styled.naming.length, 0));

    const bigMedia = path.join(work, 'big', 'media');
    const bigFile = writeBigFile(bigMedia, 1024 * MB);
    const big = await measure('tree with one 1 GB file', proxy, () =>
      runCli(writeConfig(path.join(work, 'big'), 'big', { MEDIA_ROOT: 'media', AWS_BUCKET: 'big' }, proxy.endpoint), path.join(work, 'big'))
    );
    rows.push(row(big, 3, raw, 'multipart upload streamed from disk'));
    checks.push(check('peak RSS with the 1 GB file < 250 MB', big.rssMB, 250));
    rmSync(bigFile);
    rmSync(path.join(s3.directory, 'big'), { recursive: true, force: true });

    const manyRoot = path.join(work, 'many');
    mkdirSync(path.join(manyRoot, 'node_modules'), { recursive: true });
    console.log('building the 100,000-file corpus and seeding the store…');
    const manyCount = seedManyFiles(path.join(manyRoot, 'media'), path.join(s3.directory, 'many'), 100, 1000);
    const manyConfig = writeConfig(manyRoot, 'many', { MEDIA_ROOT: 'media', AWS_BUCKET: 'many' }, proxy.endpoint);
    const adopt = await measure('100,000 files, first sync, bytes already stored', proxy, () => runCli(manyConfig, manyRoot));
    rows.push(row(adopt, manyCount, raw, 'no manifest yet: the listing shows bytes, not headers, so every object is sent again with its headers'));
    const manyFloor = await measure('100,000 files, store floor: list every key', proxy, () => runNode([fileURLToPath(import.meta.url), 'raw-list', proxy.endpoint, 'many'], manyRoot));
    rows.push(row(manyFloor, manyCount + 1, raw, `ListObjectsV2 pages in order by a minimal client (${listingTime(manyFloor)} of it listing)`));
    const manyNoChange = await measure('100,000 files, no-change sync', proxy, () => runCli(manyConfig, manyRoot));
    rows.push(row(manyNoChange, manyCount, raw, `hash cache warm; ${beside(manyNoChange, manyFloor)}`));
    checks.push(check('no-change sync of 100,000 files < 3 s', manyNoChange.wallMs / 1000, 3));
    checks.push(check("100,000-file no-change requests ≤ 2 + ceil(N/1000), the lock's apart", manyNoChange.requests - manyNoChange.lockRequests, 2 + Math.ceil(manyCount / 1000)));

    const report = renderReport(corpus, rows, checks);
    console.log(`\n${report}`);
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'bench', 'results', 'latest.md'), report);
    console.log('written to bench/results/latest.md');
  } finally {
    await proxy.close();
    await s3.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

// ---- corpus -------------------------------------------------------------------------------

/**
 * Real, unminified JS and CSS from node_modules, images and fonts, and two JOINED bundles.
 * @param {string} media
 * @returns {Corpus}
 */
function buildCorpus(media) {
  /** @type {CorpusFile[]} */
  const files = [];
  /** @type {(relPath: string, bytes: Buffer, kind: string) => void} */
  const add = (relPath, bytes, kind) => {
    const target = path.join(media, relPath);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    files.push({ relPath, absPath: target, kind, size: bytes.length });
  };
  const modules = path.join(ROOT, 'node_modules');
  // JS: every plain .js of 1–300 KB (whole packages' sources, as a site ships them unminified).
  let jsBytes = 0;
  for (const file of walkFiles(modules)) {
    if (!file.endsWith('.js') || file.endsWith('.min.js') || EXCLUDED_JS.some((part) => file.includes(part))) continue;
    const size = statSync(file).size;
    if (size < 1024 || size > 300 * 1024) continue;
    add(`js/${path.relative(modules, file)}`, readFileSync(file), 'js');
    jsBytes += size;
    if (jsBytes > 14 * MB) break;
  }
  // CSS: the stylesheets packages ship, in several site sections as real sites copy vendor CSS.
  const css = [...walkFiles(modules)].filter((file) => file.endsWith('.css'));
  for (let copy = 0; copy < 12; copy++) {
    for (const file of css) add(`css/section${copy}/${path.relative(modules, file).replace(/\//g, '-')}`, readFileSync(file), 'css');
  }
  // Images and fonts: the ones packages ship, plus generated incompressible files of typical sizes.
  for (const file of walkFiles(modules)) {
    const ext = path.extname(file);
    if (['.png', '.svg', '.gif', '.jpg'].includes(ext)) add(`img/vendor/${path.relative(modules, file).replace(/\//g, '-')}`, readFileSync(file), 'image');
    if (['.ttf', '.woff', '.woff2'].includes(ext)) add(`fonts/vendor/${path.relative(modules, file).replace(/\//g, '-')}`, readFileSync(file), 'font');
  }
  const seed = createHash('sha256').update('mediasync-bench');
  /** @type {(size: number, n: number) => Buffer} */
  const pseudoRandom = (size, n) => {
    const block = createHash('sha256').update(seed.copy().digest()).update(String(n)).digest();
    const out = Buffer.alloc(size);
    for (let offset = 0; offset < size; offset += block.length) {
      block.copy(out, offset);
      block.writeUInt32LE((block.readUInt32LE(0) * 2654435761 + offset) >>> 0, 0);
    }
    return out;
  };
  for (let n = 0; n < 40; n++) add(`fonts/face-${n}.${n % 2 ? 'woff2' : 'woff'}`, pseudoRandom(40 * 1024 + n * 1024, 10_000 + n), 'font');
  // Enough images, 2–41 KB like icons and thumbnails, to bring the corpus past 3,000 files.
  const images = Math.max(300, CORPUS_FILES - files.length);
  for (let n = 0; n < images; n++) add(`img/photos/photo-${n}.${n % 3 === 0 ? 'jpg' : 'png'}`, pseudoRandom(2 * 1024 + ((n * 7919) % 40) * 1024, n), 'image');

  // A JOINED bundle takes classic scripts only (mediasync refuses ES module parts).
  const jsFiles = files.filter((file) => file.kind === 'js' && !/^\s*(import|export)\b/m.test(readFileSync(file.absPath, 'utf8'))).slice(0, 20);
  const cssFiles = files.filter((file) => file.kind === 'css').slice(0, 5);
  const joined = { 'bundle/app.js': jsFiles.map((file) => file.relPath), 'bundle/site.css': cssFiles.map((file) => file.relPath) };
  return { files, bytes: files.reduce((sum, file) => sum + file.size, 0), joined };
}

/**
 * @param {string} dir
 * @returns {Generator<string>}
 */
function* walkFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    // mediasync never syncs hidden or underscore names, so the corpus holds none.
    if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walkFiles(full);
    else if (entry.isFile()) yield full;
  }
}

/** @param {Corpus} corpus */
function describeKinds(corpus) {
  /** @type {Record<string, { count: number, bytes: number }>} */
  const kinds = {};
  for (const file of corpus.files) {
    kinds[file.kind] ??= { count: 0, bytes: 0 };
    kinds[file.kind].count++;
    kinds[file.kind].bytes += file.size;
  }
  return Object.entries(kinds)
    .map(([kind, { count, bytes }]) => `${count} ${kind} ${(bytes / MB).toFixed(1)} MB`)
    .join(', ');
}

/**
 * `a` against `b` in words: "21% more" or "12% less".
 * @param {number} a
 * @param {number} b
 */
function relative(a, b) {
  const percent = Math.round((a / b - 1) * 100);
  return `${Math.abs(percent)}% ${percent >= 0 ? 'more' : 'less'}`;
}

/**
 * Ten page stylesheets naming five photos each, all importing a common one that names photo-1,
 * for FINGERPRINT. Returns the photo to change (named by page-3 only) and which stylesheets name it.
 * @param {string} media
 */
function writeReferencingStylesheets(media) {
  const folder = path.join(media, 'css', 'pages');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'common.css'), '.hero { background: url(../../img/photos/photo-1.png) no-repeat; }\n');
  for (let page = 0; page < 10; page++) {
    const rules = [0, 1, 2, 3, 4].map((n) => `.tile-${n} { background-image: url("../../img/photos/photo-${10 + page * 5 + n}.${(10 + page * 5 + n) % 3 === 0 ? 'jpg' : 'png'}"); }`);
    writeFileSync(path.join(folder, `page-${page}.css`), `@import "common.css";\n${rules.join('\n')}\n`);
  }
  return { count: 11, image: path.join(media, 'img', 'photos', 'photo-26.png'), naming: ['css/pages/page-3.css'] };
}

/** Every 100th file gets a real change: code for JS and CSS, a byte for binaries. */
/** @param {CorpusFile[]} files */
function changeOnePercent(files) {
  const changed = files.filter((_, index) => index % 100 === 50);
  for (const [n, file] of changed.entries()) {
    const addition = file.kind === 'js' ? `\nvar benchChange${n} = ${n};\n` : file.kind === 'css' ? `\n.bench-change-${n}{color:red}\n` : String.fromCharCode(n);
    appendFileSync(file.absPath, addition);
  }
  return changed;
}

/**
 * @param {string} media
 * @param {number} size
 */
function writeBigFile(media, size) {
  mkdirSync(path.join(media, 'video'), { recursive: true });
  writeFileSync(path.join(media, 'index.css'), 'body { margin: 0; }\n');
  writeFileSync(path.join(media, 'app.js'), 'console.log("hello");\n');
  const file = path.join(media, 'video', 'big.mp4');
  const block = randomBytes(16 * MB);
  const fd = openSync(file, 'w');
  for (let written = 0; written < size; written += block.length) {
    block.writeUInt32LE(written / block.length, 0);
    writeSync(fd, block);
  }
  closeSync(fd);
  return file;
}

/**
 * 100,000 small incompressible files, and the same bytes already in s3rver's bucket folder,
 * written in s3rver's own on-disk layout (the object, its MD5 and metadata), because
 * 100,000 PUTs to s3rver would take minutes and measure s3rver, not mediasync.
 */
/**
 * @param {string} media
 * @param {string} bucketDir
 * @param {number} folders
 * @param {number} perFolder
 */
function seedManyFiles(media, bucketDir, folders, perFolder) {
  let count = 0;
  for (let folder = 0; folder < folders; folder++) {
    const relDir = `f${String(folder).padStart(3, '0')}`;
    mkdirSync(path.join(media, relDir), { recursive: true });
    mkdirSync(path.join(bucketDir, relDir), { recursive: true });
    for (let n = 0; n < perFolder; n++) {
      const name = `${String(n).padStart(4, '0')}.bin`;
      const bytes = randomBytes(256);
      writeFileSync(path.join(media, relDir, name), bytes);
      const object = path.join(bucketDir, relDir, `${name}._S3rver_object`);
      writeFileSync(object, bytes);
      writeFileSync(`${object}.md5`, createHash('md5').update(bytes).digest('hex'));
      writeFileSync(path.join(bucketDir, relDir, `${name}._S3rver_metadata.json`), '{"content-type":"application/octet-stream"}');
      count++;
    }
  }
  return count;
}

// ---- running and counting -----------------------------------------------------------------

/**
 * @param {string} dir
 * @param {string} name
 * @param {Record<string, unknown>} settings
 * @param {string} endpoint
 */
function writeConfig(dir, name, settings, endpoint) {
  const file = path.join(dir, `${name}.json`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({
      BACKEND: 's3',
      AWS_ENDPOINT: endpoint,
      AWS_KEY: S3_CREDENTIALS.accessKeyId,
      AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
      MANIFEST_PATH: `${name}-manifest.json`,
      CONCURRENCY,
      ...settings
    })
  );
  return file;
}

/**
 * @param {string} configFile
 * @param {string} cwd
 * @param {string[]} [extra]
 */
function runCli(configFile, cwd, extra = []) {
  return runNode([CLI, 'sync', '--config', configFile, ...extra], cwd);
}

/**
 * Run node with the RSS hook; resolve with wall time, peak RSS and output, or reject with the output on failure.
 * @param {string[]} args
 * @param {string} cwd
 * @returns {Promise<Run>}
 */
function runNode(args, cwd) {
  const usageFile = path.join(os.tmpdir(), `mediasync-bench-usage-${process.pid}-${Date.now()}`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--no-warnings', '--import', USAGE_HOOK, ...args], {
    cwd,
    env: { ...process.env, BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      const usage = existsSync(usageFile) ? JSON.parse(readFileSync(usageFile, 'utf8')) : { maxRSS: NaN, cpuMicros: NaN };
      rmSync(usageFile, { force: true });
      if (code === 0) resolve({ wallMs, cpuMs: usage.cpuMicros / 1000, rssMB: usage.maxRSS / 1024, stdout });
      else reject(new Error(`${args.join(' ')} exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
}

/**
 * @param {string} name
 * @param {CountingProxy} proxy
 * @param {() => Promise<Run>} run
 * @returns {Promise<Measured>}
 */
async function measure(name, proxy, run) {
  proxy.reset();
  console.log(`running: ${name}`);
  const result = await run();
  const measured = { name, ...result, requests: proxy.count(), lockRequests: proxy.lockCount(), methods: proxy.methods() };
  console.log(`  ${(measured.wallMs / 1000).toFixed(2)} s wall, ${(measured.cpuMs / 1000).toFixed(2)} s CPU, ${measured.requests} requests (${measured.methods}), ${measured.rssMB.toFixed(0)} MB peak RSS`);
  return measured;
}

/**
 * A loopback proxy in front of s3rver that counts every request it forwards.
 * @param {string} target
 */
async function startCountingProxy(target) {
  const upstream = new URL(target);
  /** @type {Record<string, number>} */
  let byMethod = {};
  let forLock = 0;
  const server = http.createServer((request, response) => {
    const method = request.method ?? 'GET';
    byMethod[method] = (byMethod[method] ?? 0) + 1;
    // The prefix lock's own requests (read, write, read back, check, delete), counted apart from the sync's budget.
    if (decodeURIComponent(request.url ?? '').includes('.mediasync/lock.json')) forLock++;
    // A fresh upstream connection per request: a reused one that s3rver closed while idle would fail and be retried, adding requests.
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method, path: request.url, headers: request.headers, agent: false },
      (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(response);
      }
    );
    forward.on('error', () => response.destroy());
    if (method !== 'POST') return void request.pipe(forward);
    // A multi-object delete names its keys in the body.
    /** @type {Buffer[]} */
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (body.includes('.mediasync/lock.json')) forLock++;
      forward.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    endpoint: `http://127.0.0.1:${port}`,
    reset: () => {
      byMethod = {};
      forLock = 0;
    },
    count: () => Object.values(byMethod).reduce((sum, n) => sum + n, 0),
    lockCount: () => forLock,
    methods: () => `${Object.entries(byMethod).map(([method, n]) => `${n} ${method}`).join(', ')}${forLock ? `; ${forLock} of them the lock's` : ''}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }
  };
}

/**
 * The raw limit: every file read and PUT as-is, CONCURRENCY at a time, nothing else.
 * @param {string} media
 * @param {string} endpoint
 * @param {string} bucket
 */
async function rawPut(media, endpoint, bucket) {
  const { PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  const { default: pLimit } = await import('p-limit');
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  });
  const limit = pLimit(CONCURRENCY);
  await Promise.all(
    [...walkFiles(media)].map((file) =>
      limit(async () => {
        const body = await readFile(file);
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: path.relative(media, file).split(path.sep).join('/'), Body: body, ContentLength: body.length }));
      })
    )
  );
  client.destroy();
}

/**
 * The floor of any run that checks the store: every key listed, page after page, by a minimal client.
 * @param {string} endpoint
 * @param {string} bucket
 */
async function rawList(endpoint, bucket) {
  const { ListObjectsV2Command, S3Client } = await import('@aws-sdk/client-s3');
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: S3_CREDENTIALS });
  /** @type {string | undefined} */
  let token;
  let keys = 0;
  const started = performance.now();
  do {
    /** @type {import('@aws-sdk/client-s3').ListObjectsV2CommandOutput} */
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    token = page.NextContinuationToken;
    keys += page.KeyCount ?? 0;
  } while (token);
  console.log(`listed ${keys} keys in ${Math.round(performance.now() - started)} ms`);
  client.destroy();
}

/**
 * The time a raw-list run spent in its listing loop, as it reported it.
 * @param {Run} run
 */
function listingTime(run) {
  const ms = Number(/listed \d+ keys in (\d+) ms/.exec(run.stdout)?.[1]);
  return `${(ms / 1000).toFixed(2)} s`;
}

/**
 * What the cold full sync builds, as jobs for the minify worker.
 * @param {string} work
 * @param {string} site
 * @param {Corpus} corpus
 */
function writeJobs(work, site, corpus) {
  const media = path.join(site, 'media');
  /** @type {(relPath: string) => { relPath: string, absPath: string }} */
  const source = (relPath) => ({ relPath, absPath: path.join(media, relPath) });
  const jobs = [
    ...corpus.files.map((file) => ({ path: file.relPath, sources: [source(file.relPath)], minify: true, gzip: true })),
    ...Object.entries(corpus.joined).map(([alias, parts]) => ({ path: alias, sources: parts.map(source), joinKind: alias.endsWith('.css') ? 'css' : 'js', minify: true, gzip: true }))
  ];
  const file = path.join(work, 'jobs.json');
  writeFileSync(file, JSON.stringify(jobs));
  return file;
}

/**
 * The summed CPU time of the minify and gzip work: every job run in turn by one worker thread
 * (the code the sync's workers run), so nothing else competes for the cores. The process's
 * CPU time counts V8's own helper threads (garbage collection, compilation), part of the work.
 * @param {string} jobsFile
 */
async function serialWork(jobsFile) {
  const { Worker } = await import('node:worker_threads');
  // The worker calls zlib through a gate whose shared flags it takes from workerData (see
  // src/pipeline/worker-stop.ts); this worker is terminated only after its last reply, so the
  // gate is never shut.
  const gate = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const worker = new Worker(path.join(ROOT, 'dist', 'worker', 'index.js'), { workerData: { gate } });
  const jobs = JSON.parse(readFileSync(jobsFile, 'utf8'));
  for (const [id, job] of jobs.entries()) {
    /** @type {{ error?: { message: string } }} */
    const reply = await new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage({ id, job });
    });
    if (reply.error) throw new Error(`${job.path}: ${reply.error.message}`);
  }
  await worker.terminate();
}

// ---- report -------------------------------------------------------------------------------

/**
 * How a run's wall time stands to the store floor's. A run as fast as the listing alone can come
 * out below it, since the two are timed apart on a noisy machine.
 * @param {Measured} measured
 * @param {Measured} floor
 */
function beside(measured, floor) {
  const seconds = (measured.wallMs - floor.wallMs) / 1000;
  return `${Math.abs(seconds).toFixed(2)} s ${seconds < 0 ? 'below' : 'above'} the store floor`;
}

/**
 * @param {Measured} measured
 * @param {number} files
 * @param {Measured} raw
 * @param {string} note
 * @returns {Row}
 */
function row(measured, files, raw, note) {
  return { ...measured, files, ratio: measured.wallMs / raw.wallMs, note };
}

/**
 * @param {string} name
 * @param {number} value
 * @param {number} limit
 * @returns {Check}
 */
function check(name, value, limit) {
  return { name, value, limit, pass: value <= limit };
}

/**
 * @param {Corpus} corpus
 * @param {Row[]} rows
 * @param {Check[]} checks
 */
function renderReport(corpus, rows, checks) {
  const lines = [
    `# mediasync benchmark`,
    '',
    `${new Date().toISOString()} · node ${process.version} · ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}) · CONCURRENCY ${CONCURRENCY} · s3rver on loopback`,
    '',
    `Corpus: ${corpus.files.length} files, ${(corpus.bytes / MB).toFixed(1)} MB: ${describeKinds(corpus)}; JOINED bundles of 20 JS and 5 CSS files.`,
    '',
    '| Scenario | Objects | Wall (s) | × raw | CPU (s) | Requests | Peak RSS (MB) | Notes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) => `| ${r.name} | ${r.files} | ${(r.wallMs / 1000).toFixed(2)} | ${r.ratio.toFixed(2)} | ${(r.cpuMs / 1000).toFixed(2)} | ${r.requests} (${r.methods}) | ${r.rssMB.toFixed(0)} | ${r.note} |`
    ),
    '',
    '| Target | Measured | Limit | |',
    '| --- | ---: | ---: | --- |',
    ...checks.map((c) => `| ${c.name} | ${c.value.toFixed(2)} | ${c.limit} | ${c.pass ? 'met' : 'MISSED'} |`),
    '',
    'Wall times include starting node and the CLI. CPU is the measured process\'s user and system time, all its threads; s3rver runs on the same cores and its CPU is not counted. Timings on a shared machine are noisy; request counts are exact.',
    ''
  ];
  return lines.join('\n');
}
