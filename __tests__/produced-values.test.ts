// Values that code produces (a CACHE_BUSTER function's, a backend's remoteMediaUrl) are checked as
// settings are, and before anything is stored: nothing unchecked reaches an output, the log, the
// job summary or the manifest, and a run that cannot finish leaves the store as it was.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FilesystemBackend } from '../src/backends/filesystem.js';
import { runJob } from '../src/job.js';
import { remoteMediaUrl } from '../src/render/urls.js';
import { readConfigFile } from '../src/settings/config-file.js';
import { resolveSettings } from '../src/settings/load.js';
import { callCacheBuster } from '../src/settings/produced-values.js';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runAction } from './helpers/run.js';
import { sourceAction, sourceCliForFile } from './helpers/source-cli.js';

const BUSTER_ALLOWED = '1 to 64 ASCII letters, digits and . _ -, starting with a letter or digit, or a whole number from 0';
const URL_ALLOWED =
  'an absolute http://, https:// or file:/// URL of ASCII letters, digits and - . _ ~ : / % + (no whitespace, control characters, user:pass@, query or fragment)';

describe('a CACHE_BUSTER function', () => {
  const url = 'https://cdn.test/m/a.css';
  test.each<[string, (url: string) => unknown, string]>([
    ['a newline and a workflow command', () => '$(id)\n::notice::from-cache-buster', 'returned "$(id)\\n::notice::from-cache-buster"'],
    ['shell syntax', () => '`id`', 'returned "`id`"'],
    ['a space', () => 'v 1', 'returned "v 1"'],
    ['an empty string', () => '', 'returned ""'],
    ['65 characters', () => 'a'.repeat(65), `returned "${'a'.repeat(65)}"`],
    ['a leading dash', () => '-v1', 'returned "-v1"'],
    ['a negative number', () => -1, 'returned -1'],
    ['NaN', () => NaN, 'returned NaN'],
    ['Infinity', () => Infinity, 'returned Infinity'],
    ['a number written with +', () => 1e21, 'returned 1e+21'],
    ['undefined', () => undefined, 'returned undefined'],
    ['null', () => null, 'returned null'],
    ['a boolean', () => true, 'returned true'],
    ['a BigInt', () => 10n, 'returned 10n'],
    ['an object', () => ({ v: 1 }), 'returned a value of type object'],
    ['an array', () => ['v1'], 'returned a value of type array']
  ])('returning %s fails naming CACHE_BUSTER, the value and the URL', (_, bust, got) => {
    expect(() => callCacheBuster(bust, url)).toThrow(new Error(`CACHE_BUSTER (a function) ${got} for ${url}; allowed: ${BUSTER_ALLOWED}`));
  });

  test('that is async is refused, its promise left without an unhandled rejection', () => {
    expect(() => callCacheBuster(async () => 'v1', url)).toThrow(
      new Error(`CACHE_BUSTER (a function) returned a Promise for ${url}; allowed: a synchronous function returning ${BUSTER_ALLOWED}`)
    );
    expect(() => callCacheBuster(() => Promise.reject(new Error('later')), url)).toThrow('returned a Promise');
  });

  test('that throws fails naming CACHE_BUSTER, the URL and its message', () => {
    expect(() =>
      callCacheBuster(() => {
        throw new TypeError('url.foo is not a function');
      }, url)
    ).toThrow(new Error(`CACHE_BUSTER (a function) threw for ${url}: url.foo is not a function`));
  });

  test.each<[unknown, string]>([
    ['v1', 'v1'],
    ['a'.repeat(64), 'a'.repeat(64)],
    ['1.2_beta-3', '1.2_beta-3'],
    [0, '0'],
    [5, '5'],
    [1.5, '1.5']
  ])('returning %p gives %p', (value, expected) => {
    expect(callCacheBuster(() => value, url)).toBe(expected);
  });
});

describe("a backend's remoteMediaUrl", () => {
  const from = (value: unknown) => () => remoteMediaUrl({ BACKEND: 'mine.mjs' }, () => value);
  test.each<[string, unknown, string]>([
    ['a newline and a workflow command', 'https://x/a\n::warning::pwn', '"https://x/a\\n::warning::pwn"'],
    ['a javascript: URL', 'javascript:alert(1)//', '"javascript:alert(1)//"'],
    ['another scheme', 'ftp://x/m', '"ftp://x/m"'],
    ['a protocol-relative URL', '//evil.example/m', '"//evil.example/m"'],
    ['a relative path', 'media', '"media"'],
    ['a leading space', ' https://x/m', '" https://x/m"'],
    ['a space', 'https://x/a b', '"https://x/a b"'],
    ['a line separator', 'https://x/a\u2028b', '"https://x/a\u2028b"'],
    ['shell syntax', 'https://x/$(id)', '"https://x/$(id)"'],
    ['a query, not shown (signed URLs carry their signature there)', 'https://x/m?X-Amz-Signature=f00d', '"https://x/m?…"'],
    ['a fragment, not shown', 'https://x/m#token=f00d', '"https://x/m#…"'],
    ['a port out of range', 'https://x:99999/m', '"https://x:99999/m"'],
    ['credentials', 'https://user:pw@x/m', 'a value holding a URL with user:pass@ (not shown)'],
    ['an empty string', '', '""'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['an object', new URL('https://x/m'), 'a value of type object']
  ])('returning %s fails naming the backend and the method', (_, value, got) => {
    expect(from(value)).toThrow(new Error(`backend mine.mjs: remoteMediaUrl(true) returned ${got}; allowed: ${URL_ALLOWED}`));
  });

  test('that throws fails naming the backend and the method', () => {
    const throwing = () =>
      remoteMediaUrl({ BACKEND: 'mine.mjs' }, () => {
        throw new TypeError("Cannot read properties of undefined (reading 'replace')");
      });
    expect(throwing).toThrow(new Error("backend mine.mjs: remoteMediaUrl(true) threw: Cannot read properties of undefined (reading 'replace')"));
  });

  test('that is async is refused', () => {
    expect(from(Promise.resolve('https://x/m'))).toThrow(
      new Error(`backend mine.mjs: remoteMediaUrl(true) returned a Promise; allowed: a synchronous method returning ${URL_ALLOWED}`)
    );
  });

  test.each([
    ['https://cdn.test/m/', 'https://cdn.test/m'],
    ['http://127.0.0.1:9000/bucket/site/media%20v1', 'http://127.0.0.1:9000/bucket/site/media%20v1'],
    ['file:///srv/media-out/v1+2', 'file:///srv/media-out/v1+2']
  ])('returning %p gives %p', (value, expected) => {
    expect(from(value)()).toBe(expected);
  });

  test('is not called when REMOTE_MEDIA_URL gives the URL', () => {
    expect(remoteMediaUrl({ REMOTE_MEDIA_URL: 'https://cdn.test/m' }, () => 'javascript:alert(1)')).toBe('https://cdn.test/m');
  });
});

describe('a run whose values are refused stores nothing', () => {
  let scratch: ReturnType<typeof tempDir>;
  beforeEach(() => {
    scratch = tempDir();
    copyExampleMedia(scratch.dir);
  });
  afterEach(() => scratch.remove());

  const load = async (extra: string) => {
    writeFileSync(
      path.join(scratch.dir, 'mediasync.config.mjs'),
      `export default { MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', ${extra} };\n`
    );
    return resolveSettings({ file: await readConfigFile(undefined, scratch.dir), cwd: scratch.dir });
  };
  /** Every file under `dir`, relative to it (none when it does not exist). */
  const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name) : []);
  const expectUntouched = () => {
    expect(filesIn(path.join(scratch.dir, 'out'))).toEqual([]);
    expect(existsSync(path.join(scratch.dir, 'mediasync-manifest.json'))).toBe(false);
  };

  test.each([
    ['the seed', ''],
    ['FINGERPRINT', 'FINGERPRINT: true,'],
    ['FINGERPRINT and PRUNE', 'FINGERPRINT: true, PRUNE: true,']
  ])("with %s, a CACHE_BUSTER function's value for one file fails the run before any upload", async (_, extra) => {
    const settings = await load(`${extra} REMOTE_MEDIA_URL: 'https://cdn.test/m', CACHE_BUSTER: (url) => (url.endsWith('.css') ? 'v1' : undefined)`);
    await expect(runJob(settings)).rejects.toThrow(
      new Error(`CACHE_BUSTER (a function) returned undefined for https://cdn.test/m/images/arrow.svg; allowed: ${BUSTER_ALLOWED}`)
    );
    expectUntouched();
  });

  test("a CACHE_BUSTER function's value for the media URL itself fails the run before any upload", async () => {
    const settings = await load(`REMOTE_MEDIA_URL: 'https://cdn.test/m', CACHE_BUSTER: (url) => (url.endsWith('/m') ? 'v 1' : 'v1')`);
    await expect(runJob(settings)).rejects.toThrow(new Error(`CACHE_BUSTER (a function) returned "v 1" for https://cdn.test/m; allowed: ${BUSTER_ALLOWED}`));
    expectUntouched();
  });

  test.each<[string, (withSsl: boolean) => unknown, string]>([
    ['undefined', () => undefined, 'remoteMediaUrl(true) returned undefined'],
    ['a Promise', async () => 'https://cdn.test/m', 'remoteMediaUrl(true) returned a Promise'],
    ['a bad URL for http pages only', (withSsl) => (withSsl ? 'https://cdn.test/m' : 'http://cdn.test/m\n::warning::pwn'), 'remoteMediaUrl(false) returned "http://cdn.test/m\\n::warning::pwn"']
  ])('a backend whose remoteMediaUrl returns %s fails the run before any upload', async (_, url, message) => {
    const settings = await load('');
    const client = new FilesystemBackend(settings);
    client.remoteMediaUrl = url as () => string;
    await expect(runJob(settings, { client })).rejects.toThrow(`backend filesystem: ${message}; allowed: `);
    expectUntouched();
  });
});

test("the filesystem backend's URL of a folder whose path holds shell syntax is percent-encoded, not refused", async () => {
  const scratch = tempDir();
  try {
    const site = path.join(scratch.dir, "site (copy) it's $x&y;z=1@q,r!*");
    mkdirSync(site);
    copyExampleMedia(site);
    writeFileSync(path.join(site, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out' }));
    const result = await runJob(resolveSettings({ file: await readConfigFile(undefined, site), cwd: site }));
    expect(result.mediaUrl).toBe(`${pathToFileURL(scratch.dir).href}/site%20%28copy%29%20it%27s%20%24x%26y%3Bz%3D1%40q%2Cr%21%2A/out`);
    expect(fileURLToPath(result.mediaUrl)).toBe(path.join(site, 'out'));
    expect(result.manifest.files['styles/text.css'].url).toMatch(/^file:\/\/\/[A-Za-z0-9._~:/%+-]+\?[0-9a-f]{10}$/);
  } finally {
    scratch.remove();
  }
});

describe('the action', () => {
  let scratch: ReturnType<typeof tempDir>;
  const sourceCli = sourceCliForFile();
  beforeEach(() => {
    scratch = tempDir();
    copyExampleMedia(scratch.dir);
  });
  afterEach(() => scratch.remove());

  const run = (config: string) => {
    writeFileSync(path.join(scratch.dir, 'mediasync.config.mjs'), config);
    return runAction({}, { cwd: scratch.dir, entry: sourceAction(sourceCli.dir()) });
  };
  /** The runner reads a workflow command at the start of any line of the log. */
  const commands = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::') && !/^::(add-mask|group|endgroup|debug)::/.test(line));

  test('a cache-buster holding a workflow command fails the step with no command, no output and nothing stored', () => {
    const result = run(`export default { MEDIA_ROOT: 'media', BACKEND: 'dummy', CACHE_BUSTER: (u) => "$(id)\\n::notice::from-cache-buster" };\n`);
    const message = `CACHE_BUSTER (a function) returned "$(id)\\n::notice::from-cache-buster" for https://localhost/images/arrow.svg; allowed: ${BUSTER_ALLOWED}`;
    expect(commands(result.stdout)).toEqual([`::error::${message.replace(/%/g, "%25")}`]);
    expect(result.stdout).not.toContain('dummy: would put');
    expect(result.status).toBe(1);
    expect(result.outputs).toEqual({});
    expect(result.summary).toContain(message);
    expect(existsSync(path.join(scratch.dir, 'mediasync-manifest.json'))).toBe(false);
  });

  test("a backend's media URL holding a workflow command fails the step with no command and no output", () => {
    writeFileSync(path.join(scratch.dir, 'hostile.mjs'), `export class Client { remoteMediaUrl() { return 'https://x/a\\n::warning::pwn'; } async put() {} }\n`);
    const result = run(`export default { MEDIA_ROOT: 'media', BACKEND: './hostile.mjs' };\n`);
    const message = `backend ${path.join(scratch.dir, 'hostile.mjs')}: remoteMediaUrl(true) returned "https://x/a\\n::warning::pwn"; allowed: ${URL_ALLOWED}`;
    expect(commands(result.stdout)).toEqual([`::error::${message.replace(/%/g, "%25")}`]);
    expect(result.status).toBe(1);
    expect(result.outputs).toEqual({});
    expect(result.summary).not.toMatch(/^::warning::pwn/m);
  });

  test("a function CACHE_BUSTER's checked value is the output and the log's last line", () => {
    const result = run(`export default { MEDIA_ROOT: 'media', BACKEND: 'dummy', CACHE_BUSTER: (u) => u.length };\n`);
    expect(result.status).toBe(0);
    expect(result.outputs['cache-buster']).toBe(String('https://localhost'.length));
    expect(result.outputs['media-url']).toBe('https://localhost');
    expect(result.stdout.trimEnd().split('\n').slice(-2)).toEqual(['media-url: https://localhost', `cache-buster: ${'https://localhost'.length}`]);
  });
});
