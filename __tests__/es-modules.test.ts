import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'acorn';
import { chromium, type Browser } from 'playwright-core';
import { createBackend } from '../src/backends/index.js';
import { jsReferences } from '../src/pipeline/references/js.js';
import { syncMedia } from '../src/pipeline/sync.js';
import { transform } from '../src/pipeline/transform.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';

const JSM = path.join(process.cwd(), 'node_modules/three/examples/jsm');

function jsFiles(root: string, under = ''): string[] {
  return readdirSync(path.join(root, under)).flatMap((name) => {
    const rel = under ? `${under}/${name}` : name;
    if (name.startsWith('.') || name.startsWith('_')) return [];
    if (statSync(path.join(root, rel)).isDirectory()) return jsFiles(root, rel);
    return name.endsWith('.js') ? [rel] : [];
  });
}

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
});
afterEach(() => scratch.remove());

function filesystemSettings(mediaRoot: string, overrides: Record<string, unknown> = {}) {
  return resolveSettings({
    file: { path: path.join(scratch.dir, 'mediasync.json'), text: JSON.stringify({ BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', MEDIA_ROOT: mediaRoot, AWS_BUCKET: 'bucket-x', ...overrides }) },
    cwd: scratch.dir
  });
}

const stored = (rel: string) => {
  const bytes = readFileSync(path.join(scratch.dir, 'out', rel));
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
};

test(
  "every .js of three.js's examples/jsm syncs minified, each module still a module that parses",
  async () => {
    const files = jsFiles(JSM);
    expect(files.length).toBeGreaterThan(400);
    expect(files).toContain('capabilities/WebGPU.js');
    const settings = filesystemSettings(JSM);
    const result = await syncMedia(settings, { client: await createBackend(settings), hashCacheFile: false });
    expect(result.stats.minified).toBeGreaterThanOrEqual(files.length);
    let modules = 0;
    for (const file of files) {
      const source = readFileSync(path.join(JSM, file), 'utf8');
      const output = stored(file);
      expect(output).not.toBe(source);
      const isModule = jsReferences(source, file).module;
      if (isModule) modules++;
      expect(() => parse(output, { ecmaVersion: 'latest', sourceType: isModule ? 'module' : 'script' })).not.toThrow();
    }
    expect(modules).toBeGreaterThan(400);
    // Its relative imports are references: recorded, and resolved in MEDIA_ROOT.
    expect(stored('capabilities/WebGPU.js')).not.toMatch(/^\s*\/\/# sourceMappingURL/m);
  },
  // Minifying 8 MB of modules on a shared machine: minutes, not seconds.
  Number(process.env.MEDIASYNC_SLOW_TEST_MS ?? 600_000)
);

test('a module part in a JOINED JS bundle is refused naming the bundle and the part', async () => {
  const media = path.join(scratch.dir, 'media');
  mkdirSync(media);
  writeFileSync(path.join(media, 'a.js'), 'var a = 1;');
  writeFileSync(path.join(media, 'm.js'), "export const m = 1;");
  for (const MINIFY of [false, true]) {
    const settings = filesystemSettings('media', { JOINED: { 'all.js': ['a.js', 'm.js'] }, MINIFY });
    await expect(syncMedia(settings, { client: await createBackend(settings), hashCacheFile: false })).rejects.toThrow(
      'JOINED all.js: part m.js is an ES module (import/export or top-level await); modules cannot be joined'
    );
  }
});

describe('classic scripts keep their globals in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('jQuery, lodash and a script whose top-level function another script calls, minified', async () => {
    const media = path.join(scratch.dir, 'media');
    mkdirSync(media);
    const sources = {
      'jquery.js': readFileSync(path.join(process.cwd(), 'node_modules/jquery/dist/jquery.js')),
      'lodash.js': readFileSync(path.join(process.cwd(), 'node_modules/lodash/lodash.js')),
      'helpers.js': Buffer.from('function shout(text) { var loud = text.toUpperCase(); return loud + "!"; }\nvar unusedSetting = { level: 3 };\n'),
      'page.js': Buffer.from('window.shouted = shout("hi") + unusedSetting.level;\n')
    };
    const scripts: string[] = [];
    for (const [name, body] of Object.entries(sources)) {
      writeFileSync(path.join(media, name), body);
      const result = await transform({ path: name, sources: [{ relPath: name, absPath: path.join(media, name) }], minify: true, gzip: false });
      expect(result.minified).toBe(1);
      expect(result.body.length).toBeLessThan(body.length);
      scripts.push(result.body.toString('utf8'));
    }
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto('about:blank');
      for (const content of scripts) await page.addScriptTag({ content });
      const seen = await page.evaluate(`({
        jquery: typeof window.jQuery === 'function' && window.$ === window.jQuery && jQuery('<p><b>x</b></p>').find('b').text(),
        lodash: typeof window._ === 'function' && JSON.stringify(_.chunk([1, 2, 3], 2)),
        shout: typeof window.shout,
        unusedSetting: typeof window.unusedSetting,
        shouted: window.shouted
      })`);
      expect(errors).toEqual([]);
      expect(seen).toEqual({ jquery: 'x', lodash: '[[1,2],[3]]', shout: 'function', unusedSetting: 'object', shouted: 'HI!3' });
    } finally {
      await page.close();
    }
  }, 60_000);
});
