// The headers a browser needs, on the objects as stored (filesystem backend, headers sidecar): a
// gzipped .svgz is stored as it is with Content-Encoding: gzip (never gzipped twice), and a .cjs
// file is JavaScript, not application/node; and mediasync serve answers with the same headers.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { SIDECAR_NAME, parseSidecar } from '../src/backends/headers-sidecar.js';
import { runJob } from '../src/job.js';
import { contentTypeFor } from '../src/pipeline/headers.js';
import { STREAM_THRESHOLD_BYTES } from '../src/pipeline/process.js';
import { readConfigFile } from '../src/settings/config-file.js';
import { resolveSettings } from '../src/settings/load.js';
import { settingsTagSource } from '../src/render/tag-source.js';
import { devMounts } from '../src/serve/dev-media.js';
import { startDevServer } from '../src/serve/server.js';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${'<rect width="1" height="1"/>'.repeat(50)}</svg>\n`;
const SVGZ = gzipSync(Buffer.from(SVG));

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
  const media = copyExampleMedia(scratch.dir);
  writeFileSync(path.join(media, 'images', 'logo.svgz'), SVGZ);
  // Named .svgz but plain SVG text: an ordinary SVG, gzipped in place or not as AWS_GZIP says.
  writeFileSync(path.join(media, 'images', 'plain.svgz'), SVG);
  writeFileSync(path.join(media, 'scripts', 'legacy.cjs'), 'module.exports = function legacy() { return 1; };\n');
});
afterEach(() => scratch.remove());

async function sync(settings: Record<string, unknown>) {
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', ...settings }));
  const result = await runJob(resolveSettings({ file: await readConfigFile(undefined, scratch.dir), cwd: scratch.dir }));
  const sidecar = parseSidecar(readFileSync(path.join(scratch.dir, 'out', SIDECAR_NAME), 'utf8'));
  /** The logical path's stored key, bytes and headers; `result` is the sync's. */
  return Object.assign(
    (logical: string) => {
      const key = result.objects.find((object) => object.path === logical)!.key ?? logical;
      return { bytes: readFileSync(path.join(scratch.dir, 'out', key)), headers: sidecar.objects[key].headers };
    },
    { result, objects: result.objects }
  );
}

test.each([
  ['AWS_GZIP on', {}],
  ['AWS_GZIP off', { AWS_GZIP: false }],
  ['FINGERPRINT', { FINGERPRINT: true }],
  ['FINGERPRINT, AWS_GZIP off', { FINGERPRINT: true, AWS_GZIP: false }]
])('with %s: .svgz and .cjs are stored with the headers a browser needs', async (_, settings) => {
  const stored = await sync(settings);
  // A gzipped .svgz is stored byte for byte, declared gzip.
  const logo = stored('images/logo.svgz');
  expect(logo.bytes.equals(SVGZ)).toBe(true);
  expect(logo.headers).toMatchObject({ 'Content-Type': 'image/svg+xml', 'Content-Encoding': 'gzip' });
  // A .svgz that is plain SVG is declared gzip only when it was gzipped here.
  const plain = stored('images/plain.svgz');
  expect(plain.headers['Content-Type']).toBe('image/svg+xml');
  expect(plain.headers['Content-Encoding']).toBe('AWS_GZIP' in settings ? undefined : 'gzip');
  expect((plain.headers['Content-Encoding'] === 'gzip' ? gunzipSync(plain.bytes) : plain.bytes).toString()).toBe(SVG);
  expect(stored('scripts/legacy.cjs').headers['Content-Type']).toBe('text/javascript; charset=utf-8');
});

test.each([
  ['AWS_GZIP on', {}],
  ['FINGERPRINT', { FINGERPRINT: true }]
])('with %s: a gzipped .svgz over the 16 MB sent as a stream is declared gzip too; a large plain one is not', async (_, settings) => {
  // Random bytes stored without compression: gzip data that stays over the threshold.
  const big = gzipSync(randomBytes(STREAM_THRESHOLD_BYTES + 1024), { level: 0 });
  writeFileSync(path.join(scratch.dir, 'media', 'images', 'big.svgz'), big);
  writeFileSync(path.join(scratch.dir, 'media', 'images', 'big-plain.svgz'), Buffer.alloc(STREAM_THRESHOLD_BYTES + 1024, 'x'));
  const stored = await sync(settings);
  const logo = stored('images/big.svgz');
  expect(logo.bytes.equals(big)).toBe(true);
  expect(logo.headers).toMatchObject({ 'Content-Type': 'image/svg+xml', 'Content-Encoding': 'gzip' });
  const plain = stored('images/big-plain.svgz');
  expect(plain.headers['Content-Type']).toBe('image/svg+xml');
  expect(plain.headers['Content-Encoding']).toBeUndefined();
}, 60_000);

test.each([
  ['a large .svgz', 'big', {}],
  ['FINGERPRINT, a small .svgz', 'small', { FINGERPRINT: true }],
  ['FINGERPRINT, a large .svgz', 'big', { FINGERPRINT: true }]
])('%s stored without Content-Encoding by an earlier version is sent again with it, and nothing else is', async (_, size, settings) => {
  const bytes = size === 'big' ? gzipSync(randomBytes(STREAM_THRESHOLD_BYTES + 1024), { level: 0 }) : SVGZ;
  writeFileSync(path.join(scratch.dir, 'media', 'images', 'old.svgz'), bytes);
  // An .svg is shaped by the same settings as an .svgz was before .svgz got its own mark.
  writeFileSync(path.join(scratch.dir, 'media', 'images', 'same-shape.svg'), SVG);
  const first = await sync(settings);
  const key = first.objects.find((object) => object.path === 'images/old.svgz')!.key ?? 'images/old.svgz';
  // What an earlier version left: the object stored without the header, its entry saying so, under the settings of then.
  const sidecarFile = path.join(scratch.dir, 'out', SIDECAR_NAME);
  const sidecar = parseSidecar(readFileSync(sidecarFile, 'utf8'));
  delete sidecar.objects[key].headers['Content-Encoding'];
  writeFileSync(sidecarFile, JSON.stringify(sidecar));
  const manifestFile = path.join(scratch.dir, 'out', '.mediasync', 'sync-manifest.json.gz');
  const manifest = JSON.parse(gunzipSync(readFileSync(manifestFile)).toString('utf8'));
  delete manifest.entries['images/old.svgz'].contentEncoding;
  expect(manifest.entries['images/old.svgz'].settings).not.toBe(manifest.entries['images/same-shape.svg'].settings);
  manifest.entries['images/old.svgz'].settings = manifest.entries['images/same-shape.svg'].settings;
  writeFileSync(manifestFile, gzipSync(JSON.stringify(manifest)));

  const upgraded = await sync(settings);
  expect(upgraded.result.uploaded).toEqual([key]);
  expect(upgraded('images/old.svgz').headers['Content-Encoding']).toBe('gzip');
  expect(upgraded('images/old.svgz').bytes.equals(bytes)).toBe(true);
  expect((await sync(settings)).result.uploaded).toEqual([]);
}, 60_000);

test('mediasync serve answers them with the same headers: a gzipped .svgz declared gzip, a plain one not', async () => {
  const text = JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out' });
  const settings = resolveSettings({ file: { path: 'mediasync.json', text }, cwd: scratch.dir });
  const tags = settingsTagSource(settings, { mediaUrl: 'https://cdn.example.com/m', insecureMediaUrl: 'http://cdn.example.com/m', cacheBuster: 'cb1' });
  const server = await startDevServer(devMounts(settings, tags), { host: '127.0.0.1', port: 0 });
  try {
    const logo = await fetch(`${server.url}/devmedia/images/logo.svgz`, { headers: { 'Accept-Encoding': 'identity' } });
    expect([logo.status, logo.headers.get('content-type'), logo.headers.get('content-encoding')]).toEqual([200, 'image/svg+xml', 'gzip']);
    const plain = await fetch(`${server.url}/devmedia/images/plain.svgz`);
    expect([plain.status, plain.headers.get('content-type'), plain.headers.get('content-encoding')]).toEqual([200, 'image/svg+xml', null]);
    expect(await plain.text()).toBe(SVG);
    const legacy = await fetch(`${server.url}/devmedia/scripts/legacy.cjs`);
    expect(legacy.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  } finally {
    await server.close();
  }
});

test.each([
  ['a.cjs', 'text/javascript; charset=utf-8'],
  ['A.CJS', 'text/javascript; charset=utf-8'],
  ['a.mjs', 'text/javascript; charset=utf-8'],
  ['a.js', 'text/javascript; charset=utf-8'],
  ['a.svgz', 'image/svg+xml'],
  ['cjs', 'application/octet-stream'],
  ['.cjs', 'application/octet-stream']
])('contentTypeFor(%j) is %j', (name, type) => {
  expect(contentTypeFor(name)).toBe(type);
});
