import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBackend } from '../src/backends/index.js';
import { loadBackendModule } from '../src/backends/load-module.js';
import { runJob } from '../src/job.js';
import { silentReporter, type Reporter } from '../src/reporter.js';
import { resolveSettings } from '../src/settings/load.js';
import type { Settings } from '../src/settings/schema.js';
import { EXAMPLE_SITE, REPO_ROOT, copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runAction, runCli } from './helpers/run.js';

const EXAMPLE_BACKEND = path.join(REPO_ROOT, 'examples', 'backends', 'directory-backend.mjs');
const context = { reporter: silentReporter };

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
});
afterEach(() => scratch.remove());

function settingsFor(backend: string, extra: Record<string, unknown> = {}): Settings {
  const file = path.join(scratch.dir, 'mediasync.json');
  writeFileSync(file, JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: backend, ...extra }));
  copyExampleMedia(scratch.dir);
  return resolveSettings({ file: { path: file, text: readFileSync(file, 'utf8') }, cwd: REPO_ROOT });
}

function writeModule(name: string, source: string): string {
  const file = path.join(scratch.dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, source);
  return file;
}

const MINIMAL = `remoteMediaUrl(withSsl) { return (withSsl ? 'https' : 'http') + '://cdn.test/' + this.tag; }
  async put(object) { globalThis.__stored ??= []; globalThis.__stored.push(object.path); }`;

describe('loading a backend module by path', () => {
  test('a named Client class gets the settings and the context', async () => {
    const file = writeModule('named.mjs', `export class Client { constructor(settings, context) { this.tag = settings.AWS_PREFIX + ':' + typeof context.reporter.info; } ${MINIMAL} }`);
    const client = await loadBackendModule(file, { AWS_PREFIX: 'p' } as Settings, context);
    expect(client.remoteMediaUrl(true)).toBe('https://cdn.test/p:function');
    expect(client.remoteMediaUrl(false)).toBe('http://cdn.test/p:function');
  });

  test('a default-exported class', async () => {
    const file = writeModule('default.mjs', `export default class { constructor() { this.tag = 'default'; } ${MINIMAL} }`);
    expect((await loadBackendModule(file, {} as Settings, context)).remoteMediaUrl(true)).toBe('https://cdn.test/default');
  });

  test('an async createClient factory wins over a Client class', async () => {
    const file = writeModule(
      'factory.mjs',
      `export class Client { ${MINIMAL} }
       export async function createClient(settings) { const c = new Client(); c.tag = 'factory-' + settings.BACKEND.endsWith('factory.mjs'); return c; }`
    );
    const settings = settingsFor('./factory.mjs');
    expect(settings.BACKEND).toBe(file);
    expect((await createBackend(settings)).remoteMediaUrl(false)).toBe('http://cdn.test/factory-true');
  });

  test('a CommonJS module with module.exports = { Client }', async () => {
    const file = writeModule('common.cjs', `class Client { constructor() { this.tag = 'cjs'; } ${MINIMAL} }\nmodule.exports = { Client };`);
    expect((await loadBackendModule(file, {} as Settings, context)).remoteMediaUrl(true)).toBe('https://cdn.test/cjs');
  });

  test.each([
    ['missing.mjs', null, /module .*missing\.mjs \(BACKEND\) does not exist; expected a path to a \.js, \.mjs or \.cjs file/],
    ['empty.mjs', 'export const name = 1;', /module .*empty\.mjs \(BACKEND\) exports none of the forms allowed; expected a Client class/],
    ['noput.mjs', 'export class Client { remoteMediaUrl() { return "x"; } }', /module .*noput\.mjs \(BACKEND\) has no method put; expected async put\(object\)/],
    [
      'badlist.mjs',
      `export class Client { ${MINIMAL} } Client.prototype.list = 'everything';`,
      /module .*badlist\.mjs \(BACKEND\) has a string for list; expected async list\(\) returning \[\{ path, size, etag \}\], or no list at all/
    ],
    [
      'throws.mjs',
      `export class Client { constructor() { throw new Error('DIRECTORY_BACKEND_ROOT is unset'); } ${MINIMAL} }`,
      /module .*throws\.mjs \(BACKEND\) failed to create its client: DIRECTORY_BACKEND_ROOT is unset/
    ],
    ['nothing.mjs', 'export function createClient() { return null; }', /module .*nothing\.mjs \(BACKEND\) did not give a client object \(got null\)/]
  ])('%s fails saying which module and why', async (name, source, message) => {
    const file = source === null ? path.join(scratch.dir, name) : writeModule(name, source);
    await expect(loadBackendModule(file, {} as Settings, context)).rejects.toThrow(message);
  });
});

describe('the example directory backend (README: Write your own backend)', () => {
  test('is the module shown in the README, in full', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Write your own backend'));
    const block = /```js\n([\s\S]*?)```/.exec(section)![1];
    expect(block).toBe(readFileSync(EXAMPLE_BACKEND, 'utf8'));
  });

  const store = () => path.join(scratch.dir, 'store');
  const withRoot = async <T>(work: () => Promise<T>): Promise<T> => {
    process.env.DIRECTORY_BACKEND_ROOT = store();
    try {
      return await work();
    } finally {
      delete process.env.DIRECTORY_BACKEND_ROOT;
    }
  };

  test('syncs the example site in-process, then skips everything unchanged', async () => {
    const settings = settingsFor(EXAMPLE_BACKEND, { JOINED: { 'joined.css': ['styles/reset.css', 'styles/text.css'] } });
    const lines: string[] = [];
    const reporter: Reporter = { ...silentReporter, info: (line) => lines.push(line) };
    const first = await withRoot(() => runJob(settings, { reporter }));
    expect(first.mediaUrl).toBe('https://media.example.test');
    expect(first.uploaded).toContain('joined.css');
    for (const object of first.objects) {
      expect(createHash('md5').update(readFileSync(path.join(store(), 'files', object.path))).digest('hex')).toBe(object.md5);
      const headers = JSON.parse(readFileSync(path.join(store(), 'headers', `${object.path}.json`), 'utf8'));
      expect(headers).toEqual({
        'Content-Type': object.contentType,
        ...(object.contentEncoding ? { 'Content-Encoding': 'gzip' } : {}),
        'Cache-Control': object.cacheControl,
        Expires: object.expires.toUTCString()
      });
    }
    // The media, the sync manifest, and the pending record written before the first upload.
    expect(lines).toContain(`directory backend: stored ${first.objects.length + 2} objects in ${store()}`);

    const second = await withRoot(() => runJob(settings, { reporter }));
    expect(second.uploaded).toEqual([]);
    expect(second.skipped).toHaveLength(first.objects.length);
  });
});

// These run the bundles: build them first with `npm run bundle`.
describe('a backend module through the bundles', () => {
  beforeEach(() => {
    writeFileSync(
      path.join(scratch.dir, 'mediasync.json'),
      JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: './backends/directory-backend.mjs', REMOTE_MEDIA_URL: 'https://cdn.example.test/media' })
    );
    copyExampleMedia(scratch.dir);
    writeModule('backends/directory-backend.mjs', readFileSync(EXAMPLE_BACKEND, 'utf8'));
  });

  test('node dist/cli/index.js sync loads it relative to the config file', async () => {
    const result = runCli(['sync'], { cwd: scratch.dir, env: { DIRECTORY_BACKEND_ROOT: 'store' } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('media-url: https://cdn.example.test/media');
    expect(result.stdout).toContain(`directory backend: stored 9 objects in ${path.join(scratch.dir, 'store')}`);
    expect(result.stdout).toContain('uploaded: 7');
    expect(readFileSync(path.join(scratch.dir, 'store', 'files', 'images', 'logo.png'))).toEqual(
      readFileSync(path.join(EXAMPLE_SITE, 'media', 'images', 'logo.png'))
    );
  });

  test('node dist/index.js (the action) loads it from the backend input', async () => {
    const result = runAction({ backend: 'backends/directory-backend.mjs' }, { cwd: scratch.dir, env: { DIRECTORY_BACKEND_ROOT: 'store' } });
    expect(result.stdout).not.toContain('::error');
    expect(result.status).toBe(0);
    const { outputs } = result;
    expect(outputs['media-url']).toBe('https://cdn.example.test/media');
    expect(outputs.uploaded).toBe('7');
    expect(existsSync(path.join(scratch.dir, 'store', 'files', 'styles', 'reset.css'))).toBe(true);
  });

  test('a module that lacks put fails the CLI with the module path and the method', async () => {
    writeModule('backends/directory-backend.mjs', 'export class Client { remoteMediaUrl() { return "x"; } }');
    const result = runCli(['sync'], { cwd: scratch.dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `mediasync: backend module ${path.join(scratch.dir, 'backends', 'directory-backend.mjs')} (BACKEND) has no method put; expected async put(object)`
    );
  });

  // Through the CLI: jest 29's ESM loader lets a module that fails to parse crash the test process itself.
  test('a module with a syntax error fails the CLI with the module path and the parse error', async () => {
    writeModule('backends/directory-backend.mjs', 'export class Client {');
    const result = runCli(['sync'], { cwd: scratch.dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^mediasync: backend module .*directory-backend\.mjs \(BACKEND\) could not be loaded: .*Unexpected end of input/);
  });
});
