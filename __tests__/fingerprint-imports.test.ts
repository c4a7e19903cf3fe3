// With FINGERPRINT, what a script imports is requested at its logical URL, which is not stored:
// the import map must list every file a script imports (static import, export-from, import() of
// a constant string), whatever its type, not only the files that parse only as modules.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBackend } from '../src/backends/index.js';
import { outputSettingsHash } from '../src/pipeline/output-settings.js';
import { fileReferences } from '../src/pipeline/references/index.js';
import { jsReferences } from '../src/pipeline/references/js.js';
import { syncMedia, type SyncResult } from '../src/pipeline/sync.js';
import { importMap } from '../src/render/tags.js';
import { silentReporter, type FilePosition } from '../src/reporter.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';

describe('what a script imports', () => {
  test('static imports, export-from and import() of a constant string, in modules and classic scripts, in source order', () => {
    const module = jsReferences(
      "import './side.js';\nexport * from '../lib/x.js';\nconst f = () => import('./lazy.js');\nif (f) { import(`./tpl.js`).then(() => import('./deep/' + name)); }\nimport data from './data.json' with { type: 'json' };",
      'js/m.js'
    );
    expect(module.module).toBe(true);
    expect(module.imports.map(({ url, line, column }) => [url, line, column])).toEqual([
      ['./side.js', 1, 8],
      ['../lib/x.js', 2, 15],
      ['./lazy.js', 3, 24],
      ['./tpl.js', 4, 17],
      ['./data.json', 5, 18]
    ]);
    const script = jsReferences("var a = 1;\nwindow.load = function () { return import('./chunk.js'); };\nvar s = \"import('./not.js')\";", 'js/s.js');
    expect(script.module).toBe(false);
    expect(script.imports.map(({ url }) => url)).toEqual(['./chunk.js']);
  });

  test('fileReferences gives the MEDIA_ROOT paths a script imports, once each; bare names, URLs and paths leaving MEDIA_ROOT are not among them', () => {
    const text = "import './a.js';\nimport 'three';\nimport 'https://x.test/y.js';\nimport '../../out.js';\nimport('./a.js');\nimport('./b%20c.json?v=1');";
    expect(fileReferences('js', text, 'js/m.js').imports).toEqual(['js/a.js', 'js/b c.json']);
    expect(fileReferences('js', 'this is not javascript(', 'js/bad.js').imports).toEqual([]);
    expect(fileReferences('css', '@import "a.css";', 'c.css').imports).toBeUndefined();
  });

  test('a root-relative specifier names a file of MEDIA_ROOT under the media URL\'s path only; others are the site\'s', () => {
    const text = "import '/s/js/a.js';\nimport '/s/x/../b%20c.js';\nimport '/api/d.js';\nimport '//cdn.test/s/e.js';\nimport '/s';\nimport('/s/../f.js');";
    expect(fileReferences('js', text, 'lib/m.js', '/s').references.map(({ url, target }) => [url, target])).toEqual([
      ['/s/js/a.js', 'js/a.js'],
      ['/s/x/../b%20c.js', 'b c.js'],
      ['/s/../f.js', undefined]
    ]);
    expect(fileReferences('js', text, 'lib/m.js', '/s').imports).toEqual(['js/a.js', 'b c.js']);
    // Media at the host's root: every root-relative path is in MEDIA_ROOT; unknown (serving pages locally): none is.
    expect(fileReferences('js', "import '/api/d.js';", 'm.js', '').imports).toEqual(['api/d.js']);
    expect(fileReferences('js', "import '/api/d.js';", 'm.js').imports).toEqual([]);
  });

  test('with FINGERPRINT the settings hash of every script changes once (imports are recorded from now on), of other files not', () => {
    const base = { minify: true, gzip: true, expirationDays: 365 };
    expect(outputSettingsHash('a.js', { ...base, fingerprints: () => false })).not.toBe(outputSettingsHash('a.js', base));
    expect(outputSettingsHash('a.png', { ...base, fingerprints: () => false })).toBe(outputSettingsHash('a.png', base));
    expect(outputSettingsHash('a.css', { ...base, fingerprints: () => false })).toBe(outputSettingsHash('a.css', base));
    // Root-relative imports are resolved under the media URL's path: another path records them again.
    expect(outputSettingsHash('a.js', { ...base, fingerprints: () => true, mediaPath: '/s' })).not.toBe(outputSettingsHash('a.js', { ...base, fingerprints: () => true, mediaPath: '/t' }));
    expect(outputSettingsHash('a.js', { ...base, mediaPath: '/s' })).toBe(outputSettingsHash('a.js', { ...base, mediaPath: '/t' }));
  });
});

describe('a FINGERPRINT sync lists every imported file in the import map', () => {
  let scratch: ReturnType<typeof tempDir>;
  let media: string;
  beforeEach(() => {
    scratch = tempDir();
    media = path.join(scratch.dir, 'media');
  });
  afterEach(() => scratch.remove());

  const write = (relPath: string, text: string) => {
    mkdirSync(path.dirname(path.join(media, relPath)), { recursive: true });
    writeFileSync(path.join(media, relPath), text);
  };

  async function sync(overrides: Record<string, unknown> = {}): Promise<{ result: SyncResult; warnings: [string, FilePosition | undefined][] }> {
    const settings = resolveSettings({
      file: {
        path: path.join(scratch.dir, 'mediasync.json'),
        text: JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', FINGERPRINT: true, AWS_GZIP: false, SRI: true, REMOTE_MEDIA_URL: 'https://m.example.com/s', ...overrides })
      },
      cwd: scratch.dir
    });
    const warnings: [string, FilePosition | undefined][] = [];
    const cwd = process.cwd();
    process.chdir(scratch.dir);
    try {
      const result = await syncMedia(settings, { client: await createBackend(settings), hashCacheFile: false, reporter: { ...silentReporter, warning: (line, position) => warnings.push([line, position]) } });
      return { result, warnings };
    } finally {
      process.chdir(cwd);
    }
  }

  /** The import map the sync's manifest renders, remote, parsed. */
  const mapOf = (result: SyncResult) => JSON.parse(importMap(result.manifest, { remote: true }).slice('<script type="importmap">'.length, -'</script>'.length)) as { imports: Record<string, string>; integrity?: Record<string, string> };
  const url = (relPath: string) => `https://m.example.com/s/${relPath}`;

  test("a module's plain script, JSON, CSS and lazily loaded script; a classic script's import(); an excluded module's import; each with its integrity, the same when reused", async () => {
    write('js/main.js', "import './side.js';\nimport { u } from './util.js';\nimport data from './data.json' with { type: 'json' };\nimport sheet from '../css/m.css' with { type: 'css' };\nconst lazy = () => import('./lazy.js');\nexport const x = u + data.n;\n");
    write('js/side.js', 'window.side = 1;\n');
    write('js/util.js', 'export const u = 1;\n');
    write('js/data.json', '{"n": 2}\n');
    write('js/lazy.js', 'window.lazy = 1;\n');
    write('css/m.css', 'p { color: red }\n');
    write('css/page.css', 'h1 { color: blue }\n');
    write('classic/boot.js', "var booted = true;\nimport(`../lib/chunk.js`);\nimport('/s/lib/rooted.js');\nimport('/api/site.js');\n");
    write('lib/rooted.js', 'window.rooted = 1;\n');
    write('lib/chunk.js', 'window.chunk = 1;\n');
    write('plain/own.js', "export * from '../lib/re.js';\n");
    write('lib/re.js', 'window.re = 1;\n');
    write('img/a.png', 'png');

    const first = await sync({ FINGERPRINT_EXCLUDE: ['plain/**'] });
    expect(first.warnings).toEqual([]);
    const { files } = first.result.manifest;
    const imported = Object.keys(files).filter((relPath) => files[relPath].imported).sort();
    expect(imported).toEqual(['css/m.css', 'js/data.json', 'js/lazy.js', 'js/side.js', 'js/util.js', 'lib/chunk.js', 'lib/re.js', 'lib/rooted.js']);
    expect(Object.keys(files).filter((relPath) => files[relPath].module).sort()).toEqual(['js/main.js', 'js/util.js', 'plain/own.js']);
    // Every file in the map is stored at the key it maps to, with the integrity of its stored bytes.
    const listed = ['css/m.css', 'js/data.json', 'js/lazy.js', 'js/main.js', 'js/side.js', 'js/util.js', 'lib/chunk.js', 'lib/re.js', 'lib/rooted.js'];
    const map = mapOf(first.result);
    expect(map.imports).toEqual(Object.fromEntries(listed.map((relPath) => [url(relPath), url(files[relPath].key!)])));
    expect(map.integrity).toEqual(Object.fromEntries(listed.map((relPath) => [url(files[relPath].key!), files[relPath].integrity])));
    const out = path.join(scratch.dir, 'out');
    for (const relPath of listed) expect(readdirSync(path.join(out, path.dirname(relPath)))).toContain(path.basename(files[relPath].key!));
    // The module's bytes still name the logical paths: the map is what makes them load.
    expect(readFileSync(path.join(out, files['js/main.js'].key!), 'utf8')).toContain('"./side.js"');

    // Nothing changed: every object reused from the sync manifest, and the same map.
    const second = await sync({ FINGERPRINT_EXCLUDE: ['plain/**'] });
    expect(second.result.stats.built).toBe(0);
    expect(importMap(second.result.manifest, { remote: true })).toBe(importMap(first.result.manifest, { remote: true }));

    // The import goes: the file leaves the map at the next sync.
    write('js/main.js', "import { u } from './util.js';\nexport const x = u;\n");
    const third = await sync({ FINGERPRINT_EXCLUDE: ['plain/**'] });
    expect(Object.keys(mapOf(third.result).imports)).toEqual(['js/main.js', 'js/util.js', 'lib/chunk.js', 'lib/re.js', 'lib/rooted.js'].map(url));
  });

  test('an import naming no synced file warns with the script, line, column and specifier', async () => {
    write('js/main.js', "import { u } from './util.js';\nimport './gone.js';\nexport const later = () => import('../data/none.json');\nimport '../../out.js';\n");
    write('js/util.js', 'export const u = 1;\n');
    write('js/boot.js', "var x = 1;\n  import('./missing.js');\nimport('/s/js/rooted-gone.js');\n");
    const { result, warnings } = await sync();
    expect(warnings.sort((a, b) => a[1]!.file.localeCompare(b[1]!.file) || a[1]!.line! - b[1]!.line!)).toEqual([
      ['./missing.js names js/missing.js, which is not a synced file in MEDIA_ROOT', { file: 'media/js/boot.js', line: 2, column: 10 }],
      ['/s/js/rooted-gone.js names js/rooted-gone.js, which is not a synced file in MEDIA_ROOT', { file: 'media/js/boot.js', line: 3, column: 8 }],
      ['./gone.js names js/gone.js, which is not a synced file in MEDIA_ROOT', { file: 'media/js/main.js', line: 2, column: 8 }],
      ['../data/none.json names data/none.json, which is not a synced file in MEDIA_ROOT', { file: 'media/js/main.js', line: 3, column: 35 }],
      ['../../out.js points outside MEDIA_ROOT, so it is not synced', { file: 'media/js/main.js', line: 4, column: 8 }]
    ]);
    expect(Object.keys(mapOf(result).imports)).toEqual([url('js/main.js'), url('js/util.js')]);
  });
});
