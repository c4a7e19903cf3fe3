// The two CSS minifiers (minify.ts, and minify-map.ts for SOURCE_MAPS) against stylesheets in
// nested folders: the same CSS from both, every reference left as written, and the map right.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { createBackend } from '../src/backends/index.js';
import { minifySource } from '../src/pipeline/minify.js';
import { minifyWithMap } from '../src/pipeline/minify-map.js';
import { cssReferences } from '../src/pipeline/references/css.js';
import { resolveUrl } from '../src/pipeline/references/urls.js';
import { syncMedia } from '../src/pipeline/sync.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';

const FOLDERS = ['', 'css/', 'css/deep/x/'];

const STYLESHEETS = [
  '@import "a.css"; @import url(deep/b.css) print; @import url("../x.css"); .s{color:red}',
  '@import "./a.css";\n@import \'a.css?v=1/../x\' screen and (min-width: 10px);\n@import url(../../../../../../../../../../x.css);\n.s { color: red }\n',
  '@charset "UTF-8";\n@import url(\'q.css\') layer(base) supports(display: grid);\n.a { background: url(img/a.png) }\n.t { background: url("../y.png") }\n',
  '/*! licence */\n@import url(//cdn.test/f.css);\n@import "/abs.css";\n@import "%2e%2e/enc.css";\n@font-face { font-family: f; src: url(../fonts/f.woff2) format("woff2") }\n.i { background: image-set("a.png" 1x, url(b@2x.png) 2x) }\n',
  '.only { background: url(./img/../img/a.png) }\n',
  "@import 'x\\'y.css' print;\n@import url(a\\ b.css);\n@import url(  \"c d.css\"  )\n  screen   and\n (min-width: 10px);\n.q { color: red }\n",
  '@import "first.css";\n\n/* between */\n@import\n  url(  "second.css"  )\n  print;\n.after { color: blue }\n'
];

/** Every URL a stylesheet refers to, imports first, as written. */
function urlsOf(css: string): string[] {
  const found = cssReferences(css);
  return [...found.imports.map((rule) => `@import ${rule.url} ${rule.conditions.replace(/\s+/g, ' ')}`), ...found.urls.map((url) => url.url)];
}

describe('the CSS minifiers', () => {
  test.each(STYLESHEETS.flatMap((css) => FOLDERS.map((folder) => [`${folder}s.css`, css])))('%s: both give the same CSS, every @import and url() as written (%#)', async (file, css) => {
    const plain = (await minifySource('css', Buffer.from(css), file)).toString('utf8');
    const mapped = await minifyWithMap('css', css, file, false);
    expect(mapped.code).toBe(plain);
    expect(urlsOf(plain)).toEqual(urlsOf(css));
  });

  test.each([
    ['a{color:red', 'css/s.css:1:1: cannot minify: Unclosed block'],
    ['a{b:c}\n@media print{a{b:d}', 'css/s.css:2:1: cannot minify: Unclosed block'],
    ['a{b:c}/* x', 'css/s.css:1:7: cannot minify: Unclosed comment'],
    ['a{color:red}}', 'css/s.css:1:13: cannot minify: Unexpected }']
  ])('%j: both refuse what clean-css would drop, with the same message', async (css, message) => {
    await expect(minifySource('css', Buffer.from(css), 'css/s.css')).rejects.toThrow(message);
    await expect(minifyWithMap('css', css, 'css/s.css', false)).rejects.toThrow(message);
  });

  test('a stylesheet in a sub-folder keeps its @imports relative to itself', async () => {
    const css = '@import "a.css"; @import url(deep/b.css) print; @import url("../x.css"); .s{color:red}';
    const expected = '@import url(a.css);@import url(deep/b.css) print;@import url(../x.css);.s{color:red}';
    expect((await minifySource('css', Buffer.from(css), 'css/s.css')).toString('utf8')).toBe(expected);
    expect((await minifyWithMap('css', css, 'css/s.css', false)).code).toBe(expected);
  });

  test('the map of a stylesheet with @imports set aside leads each rule back to its line and column, with the source as written', async () => {
    const css = '@charset "UTF-8";\n@import "a.css"; .zero { color: red }\n@import url(deep/b.css)\n  print;\n.first { color: red }\n\n  .second { color: blue }\n';
    const { code, map } = await minifyWithMap('css', css, 'css/s.css', false);
    const traced = new TraceMap(map as never);
    const at = (needle: string) => {
      const before = code.slice(0, code.indexOf(needle)).split('\n');
      return originalPositionFor(traced, { line: before.length, column: before[before.length - 1].length });
    };
    expect(code).toBe('@charset "UTF-8";@import url(a.css);.zero{color:red}.first{color:red}.second{color:#00f}');
    expect(at('.zero')).toMatchObject({ source: 'css/s.css', line: 2, column: 17 });
    expect(at('.first')).toMatchObject({ source: 'css/s.css', line: 5, column: 0 });
    expect(at('.second')).toMatchObject({ source: 'css/s.css', line: 7, column: 2 });
    expect(map.sourcesContent).toEqual([css]);
  });
});

describe('a synced stylesheet in a sub-folder, with SOURCE_MAPS', () => {
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
  const stored = (key: string) => readFileSync(path.join(scratch.dir, 'out', key), 'utf8');

  async function sync(overrides: Record<string, unknown>) {
    const settings = resolveSettings({
      file: { path: path.join(scratch.dir, 'mediasync.json'), text: JSON.stringify({ BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', MEDIA_ROOT: 'media', AWS_GZIP: false, ...overrides }) },
      cwd: scratch.dir
    });
    return syncMedia(settings, { client: await createBackend(settings), hashCacheFile: false });
  }

  function writeSite(): void {
    write('css/s.css', '@import "a.css";\n@import url(deep/b.css) print;\n@import url("../x.css");\n.s { color: red; background: url(img/i.png) }\n');
    write('css/a.css', '.a { background: url(../top.png) }\n');
    write('css/deep/b.css', '.b { background: url(../img/i.png) }\n');
    write('x.css', '.x { color: green }\n');
    write('top.png', 'png');
    write('css/img/i.png', 'png');
  }

  test.each([false, true])('FINGERPRINT %s: every @import and url() of a file and of a JOINED bundle names a stored object', async (fingerprint) => {
    writeSite();
    const result = await sync({ SOURCE_MAPS: true, FINGERPRINT: fingerprint, JOINED: { 'bundles/all.css': ['css/s.css', 'css/deep/b.css'] } });
    for (const name of ['css/s.css', 'css/a.css', 'css/deep/b.css', 'bundles/all.css']) {
      const key = result.manifest.files[name].key ?? name;
      const text = stored(key);
      const urls = urlsOf(text).map((url) => url.replace(/^@import (\S+) .*$/, '$1'));
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect({ key, url, exists: existsSync(path.join(scratch.dir, 'out', resolveUrl(url, key)!)) }).toEqual({ key, url, exists: true });
    }
  }, 60_000);

  test('the stored CSS is the same with and without SOURCE_MAPS, but for the map comment', async () => {
    writeSite();
    const joined = { 'bundles/all.css': ['css/s.css', 'css/deep/b.css'] };
    await sync({ SOURCE_MAPS: false, JOINED: joined });
    const without = ['css/s.css', 'css/deep/b.css', 'bundles/all.css'].map(stored);
    await sync({ SOURCE_MAPS: true, JOINED: joined });
    const withMaps = ['css/s.css', 'css/deep/b.css', 'bundles/all.css'].map((key) => stored(key).replace(/\n\/\*# sourceMappingURL=\S+ \*\/\n$/, ''));
    expect(withMaps).toEqual(without);
  }, 60_000);
});

describe('valid CSS that clean-css cannot minify', () => {
  const CASES = [
    ['nesting with &', '.a { color: red }\n.b {\n  color: red;\n  &:hover { color: blue }\n}\n', '4:3', 'CSS nesting (a rule inside a rule)'],
    ['nesting without &', '.b {\n  .c { color: blue }\n}\n', '2:3', 'CSS nesting (a rule inside a rule)'],
    ['an @media block inside a rule', '.b { @media print { color: red } }\n', '1:6', 'CSS nesting (a rule inside a rule)'],
    ['@scope', '.a { color: red }\n@scope (.card) { img { border: 0 } }\n', '2:1', '@scope'],
    ['@starting-style', '@starting-style { .a { opacity: 0 } }\n', '1:1', '@starting-style'],
    ['an @layer statement after a rule', '.x { color: blue }\n@layer base, theme;\n.a { color: red }\n', '2:1', 'an @layer statement naming several layers after the first rule']
  ];

  test.each(CASES)('%s fails naming the construct and the way around it, with or without a map', async (_what, css, where, construct) => {
    const message = `css/a.css:${where}: cannot minify: clean-css, the CSS minifier, does not support ${construct}; set MINIFY false to store stylesheets as written`;
    await expect(minifySource('css', Buffer.from(css), 'css/a.css')).rejects.toThrow(message);
    await expect(minifyWithMap('css', css, 'css/a.css', false)).rejects.toThrow(message);
  });

  test('what clean-css does support passes, and invalid CSS keeps clean-css\'s own message', async () => {
    const css = '@layer base, theme;\n@layer base { .a { color: red } }\n@container (min-width: 10px) { .b { color: red } }\n@layer late;\n';
    expect((await minifySource('css', Buffer.from(css), 'a.css')).toString('utf8')).toBe('@layer base, theme;@layer base{.a{color:red}}@container (min-width:10px){.b{color:red}}@layer late;');
    await expect(minifySource('css', Buffer.from('p{}\na{color:}'), 'a.css')).rejects.toThrow("a.css:2:3: cannot minify: Empty property 'color' at 2:2. Ignoring.");
  });
});
