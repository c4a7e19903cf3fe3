import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadBackendModule } from '../src/backends/load-module.js';
import { declaredParameters, isPositionalPut } from '../src/backends/positional.js';
import { runJob } from '../src/job.js';
import { silentReporter } from '../src/reporter.js';
import { resolveSettings } from '../src/settings/load.js';
import type { Settings } from '../src/settings/schema.js';
import { EXAMPLE_MEDIA, REPO_ROOT, copyExampleMedia, tempDir } from './helpers/fixtures.js';

const SEED_BACKEND = path.join(REPO_ROOT, 'examples', 'backends', 'seed-style-backend.mjs');

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
});
afterEach(() => scratch.remove());

function settingsFor(backend: string, extra: Record<string, unknown> = {}): Settings {
  const file = path.join(scratch.dir, 'mediasync.json');
  const text = JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: backend, MANIFEST_PATH: 'manifest.json', ...extra });
  copyExampleMedia(scratch.dir);
  return resolveSettings({ file: { path: file, text }, cwd: REPO_ROOT });
}

function writeModule(name: string, source: string): string {
  const file = path.join(scratch.dir, name);
  writeFileSync(file, source);
  return file;
}

interface Call {
  filedata: Buffer;
  contentType: string;
  remotePath: string;
  force: unknown;
  args: number;
}

// The seed's test_sync: a Client whose put records every call it gets.
const RECORDING = `export class Client {
  remoteMediaUrl(withSsl) { return (withSsl ? 'https' : 'http') + '://seed.test/media'; }
  put(filedata, contentType, remotePath, force = false) {
    globalThis.__seedCalls.push({ filedata, contentType, remotePath, force, args: arguments.length });
    return !remotePath.startsWith('images/');
  }
}`;

const media = (relPath: string) => readFileSync(path.join(EXAMPLE_MEDIA, relPath));

describe("the seed's positional put(filedata, contentType, remotePath, force)", () => {
  const calls = (): Call[] => (globalThis as unknown as { __seedCalls: Call[] }).__seedCalls;
  beforeEach(() => ((globalThis as unknown as { __seedCalls: Call[] }).__seedCalls = []));

  test('gets each file exactly, the seed content types and the JOINED aliases; force false, then true under force', async () => {
    const settings = settingsFor(writeModule('recording.mjs', RECORDING), {
      MINIFY: false,
      CSS_PATH: 'styles',
      JS_PATH: 'scripts',
      JOINED: { 'joined.css': ['reset.css', 'text.css'], 'joined.js': ['lib.js', 'app.js'] }
    });
    const first = await runJob(settings);
    const byPath = new Map(calls().map((call) => [call.remotePath, call]));
    const expected: Record<string, [string, Buffer]> = {
      'images/arrow.svg': ['image/svg+xml', media('images/arrow.svg')],
      'images/logo.png': ['image/png', media('images/logo.png')],
      'scripts/app.js': ['application/javascript', media('scripts/app.js')],
      'scripts/lib.js': ['application/javascript', media('scripts/lib.js')],
      'scripts/joined.js': ['application/javascript', Buffer.concat([media('scripts/lib.js'), Buffer.from(';\n'), media('scripts/app.js')])],
      'styles/print.css': ['text/css', media('styles/print.css')],
      'styles/reset.css': ['text/css', media('styles/reset.css')],
      'styles/text.css': ['text/css', media('styles/text.css')],
      'styles/joined.css': ['text/css', Buffer.concat([media('styles/reset.css'), Buffer.from('\n'), media('styles/text.css')])]
    };
    expect([...byPath.keys()].sort()).toEqual(Object.keys(expected).sort());
    expect(calls()).toHaveLength(Object.keys(expected).length);
    for (const [remotePath, [contentType, bytes]] of Object.entries(expected)) {
      const call = byPath.get(remotePath)!;
      expect({ remotePath, contentType: call.contentType, force: call.force, args: call.args }).toEqual({ remotePath, contentType, force: false, args: 4 });
      expect(Buffer.isBuffer(call.filedata)).toBe(true);
      expect(call.filedata.equals(bytes)).toBe(true);
    }
    // A falsy return is a skip, a truthy one an upload.
    expect(first.skipped).toEqual(['images/arrow.svg', 'images/logo.png']);
    expect(first.uploaded).toHaveLength(7);
    expect(first.mediaUrl).toBe('https://seed.test/media');

    calls().length = 0;
    await runJob(settings, { force: true });
    expect(calls().map((call) => call.force)).toEqual(Array(9).fill(true));
  });

  test('with MINIFY on, gets minified bytes, still never gzipped', async () => {
    const settings = settingsFor(writeModule('recording.mjs', RECORDING), { AWS_GZIP: true });
    await runJob(settings);
    const app = calls().find((call) => call.remotePath === 'scripts/app.js')!;
    expect(app.filedata.length).toBeLessThan(media('scripts/app.js').length);
    expect(app.filedata.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))).toBe(false);
    expect(app.filedata.toString()).not.toContain('\n\n');
  });

  test('the README example stores files, skips them unforced, and rewrites them under force', async () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf("#### The seed's positional contract"));
    expect(/```js\n([\s\S]*?)```/.exec(section)![1]).toBe(readFileSync(SEED_BACKEND, 'utf8'));

    const settings = settingsFor(SEED_BACKEND);
    process.env.SEED_BACKEND_ROOT = path.join(scratch.dir, 'store');
    try {
      const first = await runJob(settings);
      expect(first.uploaded).toHaveLength(7);
      expect(readFileSync(path.join(scratch.dir, 'store', 'images', 'logo.png')).equals(media('images/logo.png'))).toBe(true);
      const second = await runJob(settings);
      expect({ uploaded: second.uploaded, skipped: second.skipped.length }).toEqual({ uploaded: [], skipped: 7 });
      expect((await runJob(settings, { force: true })).uploaded).toHaveLength(7);
    } finally {
      delete process.env.SEED_BACKEND_ROOT;
    }
  });
});

describe('telling the two contracts apart', () => {
  test.each([
    ['put(object) {}', ['object'], false],
    ['async put(object) {}', ['object'], false],
    ['put({ body, path }) {}', ['{ body, path }'], false],
    ['put(filedata, contentType, remotePath, force = false) {}', ['filedata', 'contentType', 'remotePath', 'force'], true],
    ['async put(filedata, contentType /* the mime type, (a, b) */, remotePath, force = { a: [1, 2] }) {}', ['filedata', 'contentType', 'remotePath', 'force'], true],
    ['put(filedata, content_type = "a,b)", ) {}', ['filedata', 'content_type'], true]
  ])('%s', (method, names, positional) => {
    const put = new Function(`return ({ ${method} }).put;`)() as () => unknown;
    expect(declaredParameters(put)).toEqual(names);
    expect(isPositionalPut(put)).toBe(positional);
  });

  test('arrow functions and bound functions', () => {
    expect(declaredParameters(new Function('return (filedata) => 1')())).toEqual(['filedata']);
    expect(declaredParameters(new Function('return async data => 1')())).toEqual(['data']);
    const bound = function (this: unknown, a: unknown, b: unknown, c: unknown) { return [this, a, b, c]; }.bind(null);
    expect(declaredParameters(bound)).toEqual([]);
    expect(isPositionalPut(bound)).toBe(true);
  });
});

describe('Python names', () => {
  test.each([
    ['remote_media_url', 'export class Client { remote_media_url(with_ssl) { return "x"; } put(a, b, c, d) {} }', 'has remote_media_url but no remoteMediaUrl; JavaScript backends use the JavaScript name: remoteMediaUrl(withSsl) returning the base URL of the stored media'],
    ['Put', 'export class Client { remoteMediaUrl() { return "x"; } Put(a, b, c, d) {} }', "has Put but no put; JavaScript backends use the JavaScript name: async put(object) storing object.body at object.path with its headers, or the seed's put(filedata, contentType, remotePath, force)"],
    ['supports_gzip', 'export class Client { remoteMediaUrl() { return "x"; } put(a, b, c, d) {} supports_gzip() { return false; } }', 'has supports_gzip but no supportsGzip; JavaScript backends use the JavaScript name: supportsGzip() returning true or false']
  ])('%s is named with the JavaScript name', async (_name, source, message) => {
    const file = writeModule('python.mjs', source);
    await expect(loadBackendModule(file, {} as Settings, { reporter: silentReporter })).rejects.toThrow(`backend module ${file} (BACKEND) ${message}`);
  });
});
