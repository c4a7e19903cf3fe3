// Settings files people write: mediasync.json with comments and trailing commas (as tsconfig.json),
// and mediasync.config.mjs / .js exporting the settings, where CACHE_BUSTER may be a function.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runJob } from '../src/job.js';
import { loadTagSource } from '../src/local-media.js';
import { parseManifest } from '../src/render/read-manifest.js';
import { css, js, mediaUrl } from '../src/render/tags.js';
import { readConfigFile } from '../src/settings/config-file.js';
import { resolveSettings } from '../src/settings/load.js';
import { REPO_ROOT, copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runCli } from './helpers/run.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
  copyExampleMedia(scratch.dir);
});
afterEach(() => scratch.remove());

const write = (name: string, text: string) => writeFileSync(path.join(scratch.dir, name), text);
const load = async (named?: string) => resolveSettings({ file: await readConfigFile(named, scratch.dir), cwd: scratch.dir });

describe('mediasync.json with comments and trailing commas', () => {
  test('is read, comments and all', async () => {
    write(
      'mediasync.json',
      `// converted from settings.py
{
  "MEDIA_ROOT": "media", /* was os.path.join(BASE_DIR, 'media') */
  "BACKEND": "dummy",
  "JOINED": {
    "styles/joined.css": ["styles/reset.css", "styles/text.css",],
  },
}
`
    );
    const settings = await load();
    expect(settings.MEDIA_ROOT).toBe(path.join(scratch.dir, 'media'));
    expect(settings.JOINED).toEqual({ 'styles/joined.css': ['styles/reset.css', 'styles/text.css'] });
  });

  test('a bad value after comments is still placed by line and column', async () => {
    write('mediasync.json', '{\n  // the bucket\n  "MEDIA_ROOT": "media",\n  "EXPIRATION_DAYS": "ten",\n}\n');
    await expect(load()).rejects.toThrow('  - mediasync.json:4:3: EXPIRATION_DAYS is "ten"; allowed:');
  });
});

describe('mediasync.config.mjs', () => {
  test('is found by default and may read the environment', async () => {
    write('mediasync.config.mjs', `export default { MEDIA_ROOT: 'media', BACKEND: 'dummy', AWS_PREFIX: process.env.MEDIA_VERSION_FOR_TEST ?? 'unset' };\n`);
    process.env.MEDIA_VERSION_FOR_TEST = 'site/v20001201';
    try {
      const settings = await load();
      expect({ root: settings.MEDIA_ROOT, prefix: settings.AWS_PREFIX }).toEqual({ root: path.join(scratch.dir, 'media'), prefix: 'site/v20001201' });
    } finally {
      delete process.env.MEDIA_VERSION_FOR_TEST;
    }
  });

  test('a CommonJS mediasync.config.js is read as well', async () => {
    write('mediasync.config.js', `module.exports = { MEDIA_ROOT: 'media', BACKEND: 'dummy', CACHE_BUSTER: 7 };\n`);
    expect((await load()).CACHE_BUSTER).toBe('7');
  });

  test.each([
    ['export const MEDIA_ROOT = "media";', 'config mediasync.config.mjs has no default export; expected export default { MEDIA_ROOT: \'media\', ... }'],
    ['export default ["media"];', "  - mediasync.config.mjs: exports an array by default; expected an object of settings, such as export default { MEDIA_ROOT: 'media' }"],
    ['export default { MEDIA_ROT: "media" };', '  - mediasync.config.mjs: MEDIA_ROT is not a mediasync setting; did you mean MEDIA_ROOT?'],
    ['export default { MEDIA_ROOT: "media", CACHE_BUSTER: [1] };', '  - mediasync.config.mjs: CACHE_BUSTER is [1]; allowed: 1 to 64 ASCII letters, digits and . _ -, starting with a letter or digit, or a whole number from 0']
  ])('a wrong module is named: %s', async (source, message) => {
    write('mediasync.config.mjs', source);
    await expect(load()).rejects.toThrow(message);
  });

  test('beside a mediasync.json, neither is guessed', async () => {
    write('mediasync.json', '{"MEDIA_ROOT": "media"}');
    write('mediasync.config.mjs', 'export default { MEDIA_ROOT: "media", BACKEND: "dummy" };');
    await expect(load()).rejects.toThrow(`mediasync.json and mediasync.config.mjs are both in ${scratch.dir}; keep one, or name the one to use with config`);
    expect((await load('mediasync.config.mjs')).MEDIA_ROOT).toBe(path.join(scratch.dir, 'media'));
  });
});

describe('CACHE_BUSTER as a function of the URL, as in the seed', () => {
  const CONFIG = `export default {
  MEDIA_ROOT: 'media',
  BACKEND: 'filesystem',
  REMOTE_MEDIA_URL: 'https://cdn.test/m',
  JOINED: { 'styles/joined.css': ['styles/reset.css', 'styles/text.css'] },
  CACHE_BUSTER: (url) => (url.endsWith('.css') ? 'css-' : 'v-') + url.length,
};
`;
  const bust = (url: string) => `${url.endsWith('.css') ? 'css-' : 'v-'}${url.length}`;

  test('the manifest records each file\'s value and every rendered URL carries it', async () => {
    write('mediasync.config.mjs', CONFIG);
    const settings = await load();
    const result = await runJob(settings);
    const manifest = parseManifest(readFileSync(result.manifestPath, 'utf8'));
    expect(result.cacheBuster).toBe(bust('https://cdn.test/m'));
    expect(manifest.cacheBuster).toBe('v-18');
    const at = (relPath: string) => bust(`https://cdn.test/m/${relPath}`);
    for (const object of result.objects) {
      const url = `https://cdn.test/m/${object.path}`;
      expect([object.path, manifest.cacheBusters?.[object.path], manifest.files[object.path].url]).toEqual([object.path, bust(url), `${url}?${bust(url)}`]);
    }
    const remote = { remote: true };
    expect(css(manifest, 'styles/joined.css', undefined, remote)).toBe(
      `<link rel="stylesheet" href="https://cdn.test/m/styles/joined.css?${at('styles/joined.css')}" type="text/css" media="screen, projection" />`
    );
    expect(js(manifest, 'scripts/app.js', remote)).toBe(`<script type="text/javascript" charset="utf-8" src="https://cdn.test/m/scripts/app.js?${at('scripts/app.js')}"></script>`);
    expect(mediaUrl(manifest, '/images/logo.png', remote)).toBe(`https://cdn.test/m/images/logo.png?${at('images/logo.png')}`);
    // Served locally, the parts carry their own values too, as the seed's tags did.
    expect(css(manifest, 'styles/joined.css')).toBe(
      [
        `<link rel="stylesheet" href="/devmedia/styles/reset.css?${at('styles/reset.css')}" type="text/css" media="screen, projection" />`,
        `<link rel="stylesheet" href="/devmedia/styles/text.css?${at('styles/text.css')}" type="text/css" media="screen, projection" />`
      ].join('\n')
    );
    // tag and url read the same values back from MANIFEST_PATH.
    expect(mediaUrl(await loadTagSource(settings), 'scripts/app.js', remote)).toBe(`https://cdn.test/m/scripts/app.js?${at('scripts/app.js')}`);
  });

  test('without a manifest, tag and url call the function themselves', async () => {
    write('mediasync.config.mjs', CONFIG);
    const source = await loadTagSource(await load());
    expect(mediaUrl(source, 'never/synced.css', { remote: true })).toBe(`https://cdn.test/m/never/synced.css?${bust('https://cdn.test/m/never/synced.css')}`);
  });

  test('a function that returns nothing fails the sync naming the URL', async () => {
    write('mediasync.config.mjs', CONFIG.replace("(url.endsWith('.css') ? 'css-' : 'v-') + url.length", "url.endsWith('logo.png') ? undefined : 'x'"));
    await expect(runJob(await load())).rejects.toThrow('CACHE_BUSTER (a function) returned undefined for https://cdn.test/m/images/logo.png; allowed: 1 to 64 ASCII letters, digits and . _ -, starting with a letter or digit, or a whole number from 0');
  });
});

describe('README: From a Django MEDIASYNC dict', () => {
  const section = () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    return readme.slice(readme.indexOf('### From a Django MEDIASYNC dict'));
  };

  test('the converted module keeps every key of the Python block and loads with the values it shows', async () => {
    const python = /```python\n([\s\S]*?)```/.exec(section())![1];
    const module = /```js\n([\s\S]*?)```/.exec(section())![1];
    const topKeys = (text: string, quote: string) => [...text.matchAll(new RegExp(`^ {2,4}${quote}?([A-Z_]+)${quote}?:`, 'gm'))].map((match) => match[1]);
    expect(topKeys(module, '')).toEqual(topKeys(python, "'"));
    write('mediasync.config.mjs', module);
    process.env.AWS_KEY = 'AKIAEXAMPLE';
    process.env.AWS_SECRET = 'secret-from-env';
    let settings;
    try {
      settings = await load();
    } finally {
      delete process.env.AWS_KEY;
      delete process.env.AWS_SECRET;
    }
    const { CACHE_BUSTER, ...rest } = settings;
    expect(rest).toMatchObject({
      BACKEND: 'mediasync.backends.s3',
      AWS_KEY: 'AKIAEXAMPLE',
      AWS_SECRET: 'secret-from-env',
      AWS_BUCKET: 'my-site-media',
      AWS_PREFIX: 'site/media',
      AWS_BUCKET_CNAME: true,
      MEDIA_ROOT: path.join(scratch.dir, 'media'),
      EXPIRATION_DAYS: 3650,
      JOINED: { 'styles/joined.css': ['styles/reset.css', 'styles/text.css'], 'scripts/joined.js': ['scripts/lib.js', 'scripts/app.js'] },
      DOCTYPE: 'html5'
    });
    const url = 'https://my-site-media/site/media/styles/joined.css';
    expect((CACHE_BUSTER as (url: string) => string)(url)).toBe(createHash('md5').update(url).digest('hex').slice(0, 8));
  });

  test('with the environment unset, the credentials are left to the SDK chain', async () => {
    write('mediasync.config.mjs', /```js\n([\s\S]*?)```/.exec(section())![1]);
    const settings = await load();
    expect([settings.AWS_KEY, settings.AWS_SECRET]).toEqual([undefined, undefined]);
  });
});

// Through the CLI: jest 29's ESM loader lets a module that fails to parse crash the test process itself.
describe('through the CLI', () => {
  test('a settings module with a syntax error is named with the parse error', () => {
    write('mediasync.config.mjs', 'export default {');
    const run = runCli(['sync'], { cwd: scratch.dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^mediasync: config mediasync\.config\.mjs could not be loaded: .*Unexpected end of input\n$/);
  });

  test('sync with a function CACHE_BUSTER, then url and tag give each file its value', () => {
    write(
      'mediasync.config.mjs',
      `export default { MEDIA_ROOT: 'media', BACKEND: 'filesystem', REMOTE_MEDIA_URL: 'https://cdn.test/m', CACHE_BUSTER: (url) => 'len' + url.length };\n`
    );
    const sync = runCli(['sync'], { cwd: scratch.dir });
    expect(sync.stderr).toBe('');
    expect(sync.stdout).toContain('media-url: https://cdn.test/m\ncache-buster: len18\n');
    expect(runCli(['url', 'scripts/app.js', '--remote'], { cwd: scratch.dir }).stdout).toBe(`https://cdn.test/m/scripts/app.js?len${'https://cdn.test/m/scripts/app.js'.length}\n`);
    expect(runCli(['tag', 'css', 'styles/text.css', '--remote'], { cwd: scratch.dir }).stdout).toBe(
      `<link rel="stylesheet" href="https://cdn.test/m/styles/text.css?len${'https://cdn.test/m/styles/text.css'.length}" type="text/css" media="screen, projection" />\n`
    );
  });
});
