import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AnyMap, originalPositionFor, sourceContentFor, TraceMap } from '@jridgewell/trace-mapping';
import { chromium } from 'playwright-core';
import { minify as terser } from 'terser';
import { createBackend } from '../src/backends/index.js';
import { syncMedia } from '../src/pipeline/sync.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
});
afterEach(() => scratch.remove());

const write = (rel: string, text: string) => {
  const file = path.join(scratch.dir, 'media', rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

const stored = (rel: string) => {
  const bytes = readFileSync(path.join(scratch.dir, 'out', rel));
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
};

async function sync(overrides: Record<string, unknown>) {
  const settings = resolveSettings({
    file: {
      path: path.join(scratch.dir, 'mediasync.json'),
      text: JSON.stringify({ BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', MEDIA_ROOT: 'media', AWS_BUCKET: 'bucket-maps', ...overrides })
    },
    cwd: scratch.dir
  });
  return syncMedia(settings, { client: await createBackend(settings), hashCacheFile: false });
}

/** Line (1-based) and column (0-based) of the first `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`${needle} not in output`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length };
}

/** Three JS parts in three folders; the third is itself built from src/original.js, with its map beside it. */
async function writeJsParts(): Promise<void> {
  write('a/a.js', '// part a\nfunction partA() {\n  return "TOKEN_A" + 1;\n}\n//# sourceMappingURL=a.js.map\n');
  write('b/deep/b.js', 'var b = 2;\n\n\nwindow.partB = function () {\n  throw new Error("TOKEN_B");\n};\n');
  const original = 'export {};\n\n\n\n\nwindow.partC = function partC(x) { return "TOKEN_C" + x; };\n';
  write('src/original.js', original);
  const built = await terser({ 'src/original.js': original }, { sourceMap: { asObject: true, includeSources: true, url: 'c.js.map' }, compress: false, mangle: false, module: true });
  const map = built.map as unknown as { sources: string[] };
  map.sources = ['../src/original.js'];
  write('c/c.js', built.code!.replace('export{};', ''));
  write('c/c.js.map', JSON.stringify(map));
}

describe('SOURCE_MAPS', () => {
  test('a JOINED JS bundle of three minified parts: one comment, an index map leading each part back to its file and line, chained through a part\'s own map', async () => {
    await writeJsParts();
    const result = await sync({ SOURCE_MAPS: true, JOINED: { 'bundles/all.js': ['a/a.js', 'b/deep/b.js', 'c/c.js'] } });
    const bundle = stored('bundles/all.js');
    expect(bundle.match(/sourceMappingURL/g)).toHaveLength(1);
    expect(bundle.trimEnd().endsWith('//# sourceMappingURL=all.js.map')).toBe(true);
    const raw = JSON.parse(stored('bundles/all.js.map'));
    expect(raw.sections).toHaveLength(3);
    const map = new AnyMap(raw);
    const back = (needle: string) => originalPositionFor(map, positionOf(bundle, needle));
    expect(back('TOKEN_A')).toMatchObject({ source: '../a/a.js', line: 3 });
    expect(back('TOKEN_B')).toMatchObject({ source: '../b/deep/b.js', line: 5 });
    expect(back('TOKEN_C')).toMatchObject({ source: '../src/original.js', line: 6 });
    expect(sourceContentFor(map, '../b/deep/b.js')).toContain('throw new Error("TOKEN_B")');
    expect(sourceContentFor(map, '../src/original.js')).toContain('window.partC');

    // Stored as JSON beside the bundle, gzipped like the rest, and listed in the manifest.
    const objects = new Map(result.objects.map((object) => [object.path, object]));
    expect(objects.get('bundles/all.js.map')).toMatchObject({ contentType: 'application/json; charset=utf-8', contentEncoding: 'gzip' });
    expect(result.manifest.files['bundles/all.js'].map).toBe('bundles/all.js.map');
    expect(result.manifest.files['bundles/all.js.map'].contentType).toBe('application/json; charset=utf-8');
    // Every minified file has its own map; the part's own map file is replaced by the chained one.
    expect(result.manifest.files['a/a.js'].map).toBe('a/a.js.map');
    const own = new TraceMap(JSON.parse(stored('c/c.js.map')));
    expect(originalPositionFor(own, positionOf(stored('c/c.js'), 'TOKEN_C'))).toMatchObject({ source: '../src/original.js', line: 6 });
    expect(stored('a/a.js').match(/sourceMappingURL=a\.js\.map/g)).toHaveLength(1);
  }, 60_000);

  test('a JOINED CSS bundle of three minified parts: each rule leads back to its part and line', async () => {
    write('one/a.css', '.first {\n  color: red;\n}\n\n.token-a {\n  background: url(img/a.png);\n}\n');
    write('two/b.css', '\n\n.token-b { color: blue }\n');
    write('three/x/c.css', '@import url(https://fonts.test/f.css);\n.c {}\n\n.token-c { color: green }\n/*# sourceMappingURL=missing.css.map */\n');
    await sync({ SOURCE_MAPS: true, JOINED: { 'all.css': ['one/a.css', 'two/b.css', 'three/x/c.css'] } });
    const bundle = stored('all.css');
    expect(bundle.match(/sourceMappingURL/g)).toHaveLength(1);
    expect(bundle.trimEnd().endsWith('/*# sourceMappingURL=all.css.map */')).toBe(true);
    const map = new AnyMap(JSON.parse(stored('all.css.map')));
    expect(originalPositionFor(map, positionOf(bundle, '.token-a'))).toMatchObject({ source: 'one/a.css', line: 5 });
    expect(originalPositionFor(map, positionOf(bundle, '.token-b'))).toMatchObject({ source: 'two/b.css', line: 3 });
    expect(originalPositionFor(map, positionOf(bundle, '.token-c'))).toMatchObject({ source: 'three/x/c.css', line: 4 });
  }, 60_000);

  test('without SOURCE_MAPS no part\'s sourceMappingURL survives into a bundle, and no map is stored', async () => {
    await writeJsParts();
    const result = await sync({ MINIFY: false, JOINED: { 'all.js': ['a/a.js', 'c/c.js'] } });
    expect(stored('all.js')).not.toContain('sourceMappingURL');
    expect(result.manifest.files['all.js'].map).toBeUndefined();
    expect(result.manifest.files['all.js.map']).toBeUndefined();
    expect(stored('c/c.js.map')).toContain('original.js');
  }, 60_000);

  test.each([false, true])('a map is rebuilt when only an input map it chains changed or went away, and only then (FINGERPRINT %s)', async (fingerprint) => {
    const input = (version: string) => JSON.stringify({ version: 3, sources: ['../src/c.ts'], sourcesContent: [`export const c = "${version}";`], names: [], mappings: 'AAAA' });
    write('c/c.js', 'window.c = "TOKEN_C";\n//# sourceMappingURL=c.js.map\n');
    write('c/c.js.map', input('VERSION_1'));
    write('d.js', 'window.d = 1;\n');
    const settings = { SOURCE_MAPS: true, FINGERPRINT: fingerprint, JOINED: { 'all.js': ['c/c.js', 'd.js'] } };
    const mapOf = (result: Awaited<ReturnType<typeof sync>>, logical: string) => stored(result.objects.find((object) => object.path === logical)!.key ?? logical);
    const first = await sync(settings);
    expect(mapOf(first, 'c/c.js.map')).toContain('VERSION_1');
    expect(mapOf(first, 'all.js.map')).toContain('VERSION_1');

    // Nothing changed: nothing is built again.
    const again = await sync(settings);
    expect({ uploaded: again.uploaded, built: again.stats.built }).toEqual({ uploaded: [], built: 0 });

    // Only the input map changed (a comment in the .ts source): both maps chaining it are rebuilt,
    // the scripts are not (with FINGERPRINT they name the maps' new keys, so they are stored anew).
    write('c/c.js.map', input('VERSION_2'));
    const changed = await sync(settings);
    const logical = (result: Awaited<ReturnType<typeof sync>>) => result.objects.filter((object) => result.uploaded.includes(object.key ?? object.path)).map((object) => object.path).sort();
    const rebuilt = fingerprint ? ['all.js', 'all.js.map', 'c/c.js', 'c/c.js.map'] : ['all.js.map', 'c/c.js.map'];
    expect(logical(changed)).toEqual(rebuilt);
    expect(mapOf(changed, 'c/c.js.map')).toContain('VERSION_2');
    expect(mapOf(changed, 'all.js.map')).toContain('VERSION_2');

    // The input map went away: the chain stops at the script itself.
    rmSync(path.join(scratch.dir, 'media', 'c', 'c.js.map'));
    const gone = await sync(settings);
    expect(logical(gone)).toEqual(rebuilt);
    expect(mapOf(gone, 'c/c.js.map')).not.toContain('VERSION_2');
    expect(JSON.parse(mapOf(gone, 'c/c.js.map')).sources).toEqual(['c.js']);
  }, 60_000);

  test('a map recorded by an older version, without its input maps, is built once more and stored only if it differs', async () => {
    write('c/c.js', 'window.c = "TOKEN_C";\n');
    await sync({ SOURCE_MAPS: true });
    const manifestFile = path.join(scratch.dir, 'out', '.mediasync', 'sync-manifest.json.gz');
    const manifest = JSON.parse(gunzipSync(readFileSync(manifestFile)).toString('utf8'));
    expect(manifest.entries['c/c.js.map'].inputMaps).toEqual({});
    delete manifest.entries['c/c.js.map'].inputMaps;
    writeFileSync(manifestFile, gzipSync(JSON.stringify(manifest)));
    // Rebuilt (a reused entry would be kept as it was, without the field), and the same bytes are not sent again.
    const upgraded = await sync({ SOURCE_MAPS: true });
    // The map's build minified its script again, and says so.
    expect({ uploaded: upgraded.uploaded, built: upgraded.stats.built, minified: upgraded.stats.minified }).toEqual({ uploaded: [], built: 1, minified: 1 });
    expect(JSON.parse(gunzipSync(readFileSync(manifestFile)).toString('utf8')).entries['c/c.js.map'].inputMaps).toEqual({});
    expect((await sync({ SOURCE_MAPS: true })).stats.built).toBe(0);
  }, 60_000);

  test("a part's map outside MEDIA_ROOT is never read; an inline data: map is chained", async () => {
    writeFileSync(path.join(scratch.dir, 'secret.map'), JSON.stringify({ version: 3, sources: ['LEAK.js'], names: [], mappings: 'AAAA' }));
    write('x/outside.js', 'var outside = "TOKEN_O";\n//# sourceMappingURL=../../secret.map\n');
    const inline = Buffer.from(JSON.stringify({ version: 3, sources: ['../src/inline.ts'], sourcesContent: ['const inline = "TOKEN_I";'], names: [], mappings: 'AAAA' })).toString('base64');
    write('x/inline.js', `var inline = "TOKEN_I";\n//# sourceMappingURL=data:application/json;base64,${inline}\n`);
    const result = await sync({ SOURCE_MAPS: true, JOINED: { 'all.js': ['x/outside.js', 'x/inline.js'] } });
    const raw = stored('all.js.map');
    expect(raw).not.toContain('LEAK');
    const map = new AnyMap(JSON.parse(raw));
    expect(originalPositionFor(map, positionOf(stored('all.js'), 'TOKEN_O'))).toMatchObject({ source: 'x/outside.js', line: 1 });
    expect(originalPositionFor(map, positionOf(stored('all.js'), 'TOKEN_I'))).toMatchObject({ source: 'src/inline.ts', line: 1 });
    expect(result.objects.map((object) => object.path)).not.toContain('secret.map');
  }, 60_000);

  test("an input map reached through a symlink that leaves MEDIA_ROOT is never read, in a hidden, underscore or EXCLUDEd path; one that stays inside is chained", async () => {
    const outside = path.join(scratch.dir, 'outside');
    mkdirSync(outside);
    const leak = (name: string) => JSON.stringify({ version: 3, sources: [`${name}.ts`], sourcesContent: [`LEAK_${name}`], names: [], mappings: 'AAAA' });
    writeFileSync(path.join(outside, 'file.map'), leak('FILE'));
    writeFileSync(path.join(outside, 'folder.map'), leak('FOLDER'));
    writeFileSync(path.join(outside, 'excluded.map'), leak('EXCLUDED'));
    write('css/a.css', '.a{color:red}\n/*# sourceMappingURL=_private/a.css.map */\n');
    mkdirSync(path.join(scratch.dir, 'media', 'css', '_private'));
    symlinkSync(path.join(outside, 'file.map'), path.join(scratch.dir, 'media', 'css', '_private', 'a.css.map'));
    write('js/b.js', 'var b = "TOKEN_B";\n//# sourceMappingURL=.maps/folder.map\n');
    symlinkSync(outside, path.join(scratch.dir, 'media', 'js', '.maps'));
    write('js/c.js', 'var c = "TOKEN_C";\n//# sourceMappingURL=vendor/excluded.map\n');
    mkdirSync(path.join(scratch.dir, 'media', 'js', 'vendor'));
    symlinkSync(path.join(outside, 'excluded.map'), path.join(scratch.dir, 'media', 'js', 'vendor', 'excluded.map'));
    write('_real/inside.map', JSON.stringify({ version: 3, sources: ['../src/inside.ts'], sourcesContent: ['INSIDE'], names: [], mappings: 'AAAA' }));
    write('js/d.js', 'var d = "TOKEN_D";\n//# sourceMappingURL=_link.map\n');
    symlinkSync(path.join('..', '_real', 'inside.map'), path.join(scratch.dir, 'media', 'js', '_link.map'));
    await sync({ SOURCE_MAPS: true, EXCLUDE: ['js/vendor/**'] });
    for (const map of ['css/a.css.map', 'js/b.js.map', 'js/c.js.map']) expect(stored(map)).not.toMatch(/LEAK|FILE|FOLDER|EXCLUDED/);
    expect(JSON.parse(stored('css/a.css.map')).sources).toEqual(['a.css']);
    expect(JSON.parse(stored('js/b.js.map')).sources).toEqual(['b.js']);
    expect(JSON.parse(stored('js/c.js.map')).sources).toEqual(['c.js']);
    expect(JSON.parse(stored('js/d.js.map'))).toMatchObject({ sources: ['../src/inside.ts'], sourcesContent: ['INSIDE'] });
  }, 60_000);

  test('an error thrown in the minified bundle in Chromium maps back to the original file', async () => {
    await writeJsParts();
    await sync({ SOURCE_MAPS: true, JOINED: { 'all.js': ['a/a.js', 'b/deep/b.js', 'c/c.js'] } });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage();
      await page.goto('about:blank');
      await page.addScriptTag({ content: stored('all.js') });
      const stack = await page.evaluate<string>('(() => { try { window.partB(); } catch (error) { return error.stack; } })()');
      const frame = /:(\d+):(\d+)\)?\s*$/m.exec(stack.split('\n')[1]);
      expect(frame).not.toBeNull();
      const map = new AnyMap(JSON.parse(stored('all.js.map')));
      expect(originalPositionFor(map, { line: Number(frame![1]), column: Number(frame![2]) - 1 })).toMatchObject({ source: 'b/deep/b.js', line: 5 });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
