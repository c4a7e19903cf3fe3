import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createBackend } from '../src/backends/index.js';
import { cssBundleHead, cssPart } from '../src/pipeline/references/bundle-css.js';
import { cssReferences } from '../src/pipeline/references/css.js';
import { fileReferences, jsPart, ModuleBundleError } from '../src/pipeline/references/index.js';
import { jsReferences } from '../src/pipeline/references/js.js';
import { isRelativeUrl, rebaseUrl, resolveUrl } from '../src/pipeline/references/urls.js';
import { syncMedia } from '../src/pipeline/sync.js';
import { transform } from '../src/pipeline/transform.js';
import type { FilePosition } from '../src/reporter.js';
import { silentReporter } from '../src/reporter.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';

const LEAFLET_CSS = path.join(process.cwd(), 'node_modules/leaflet/dist/leaflet.css');

describe('CSS references', () => {
  test("leaflet's stylesheet: its three images, and the #fragment behaviour URL, at their lines", () => {
    const found = cssReferences(readFileSync(LEAFLET_CSS, 'utf8'));
    expect(found.urls.map(({ url, line }) => [url, line])).toEqual([
      ['#default#VML', 124],
      ['images/layers.png', 359],
      ['images/layers-2x.png', 364],
      ['images/marker-icon.png', 407]
    ]);
    expect(found.imports).toEqual([]);
  });

  test('quoted URLs with parentheses and spaces, escapes, uppercase URL(, comments holding url(, image-set and @font-face src', () => {
    const css = [
      '/* url(commented.png) and @import "no.css"; */',
      'a { background: URL( "a (1) b.png" ) }',
      "b { background: url('c\\'d.png') url(e\\ f.png) url(  g.png  ) }",
      'c { background-image: image-set("h.png" 1x, url(i.png) 2x), -webkit-image-set(\'j.png\' 1x) }',
      '@font-face { font-family: X; src: url(k.woff2?v=1#iefix) format("woff2"), local("Not A Url") }',
      'd { content: "url(l.png)"; cursor: url(m.cur), auto }'
    ].join('\n');
    const found = cssReferences(css);
    expect(found.urls.map(({ url, line, column }) => `${line}:${column} ${url}`)).toEqual([
      '2:22 a (1) b.png',
      "3:21 c'd.png",
      '3:33 e f.png',
      '3:47 g.png',
      '4:33 h.png',
      '4:45 i.png',
      '4:79 j.png',
      '5:35 k.woff2?v=1#iefix',
      '6:36 m.cur'
    ]);
    expect(found.imports).toEqual([]);
  });

  test('@import in its three forms with conditions; @charset; a sourceMappingURL comment', () => {
    const css = '@charset "UTF-8";\n@import "a.css";\n@import url(b.css) screen and (min-width: 10px);\n@import url("https://x.test/c.css") layer(base) supports(display: grid) print;\n/*# sourceMappingURL=s.css.map */';
    const found = cssReferences(css);
    expect(found.charset?.text).toBe('@charset "UTF-8";');
    expect(found.imports.map(({ url, conditions, line }) => [url, conditions, line])).toEqual([
      ['a.css', '', 2],
      ['b.css', 'screen and (min-width: 10px)', 3],
      ['https://x.test/c.css', 'layer(base) supports(display: grid) print', 4]
    ]);
    expect(found.sourceMaps.map(({ url, line }) => [url, line])).toEqual([['s.css.map', 5]]);
    expect(found.urls).toEqual([]);
  });
});

describe('URL arithmetic', () => {
  test('which URLs are relative', () => {
    for (const url of ['a.png', './a.png', '../a.png', 'a b.png', 'a.png?x#y']) expect(isRelativeUrl(url)).toBe(true);
    for (const url of ['', '#x', '/a.png', '//host/a.png', 'http://x/a', 'https://x/a', 'data:image/png;base64,AA', 'DATA:x', 'blob:x']) expect(isRelativeUrl(url)).toBe(false);
  });

  test('rebasing resolves from the new folder to the same file, query and hash kept', () => {
    expect(rebaseUrl('../../img/a.png', 'styles/vendor/x.css', 'styles/joined.css')).toBe('../img/a.png');
    expect(rebaseUrl('img/a.png?v=2#top', 'styles/vendor/x.css', 'joined.css')).toBe('styles/vendor/img/a.png?v=2#top');
    expect(rebaseUrl('a.png', 'x/a.css', 'y/z/b.css')).toBe('../../x/a.png');
    expect(rebaseUrl('./a.png', 'x/a.css', 'x/b.css')).toBe('./a.png');
    expect(rebaseUrl('../../up.png', 'a.css', 'b/c.css')).toBe('../../../up.png');
    expect(resolveUrl('../img/a%20b.png?x', 'styles/a.css')).toBe('img/a b.png');
    expect(resolveUrl('../../a.png', 'styles/a.css')).toBeUndefined();
  });
});

describe('a JOINED CSS bundle', () => {
  const bundle = 'styles/joined.css';

  test('relative URLs rebased; data:, absolute and fragment URLs exactly as they were; quoting kept safe', () => {
    const css = [
      'a { background: url(../../img/a.png) }',
      'b { background: url("../fonts/f (1).woff?#iefix") }',
      'c { background: url(data:image/png;base64,iVBO) url(/abs.png) url(https://cdn.test/x.png) url(//cdn.test/y.png) url(#svg) }',
      "d { background: image-set('i.png' 1x) }",
      '/* url(../../not-me.png) */'
    ].join('\n');
    const part = cssPart(css, 'styles/vendor/x.css', bundle);
    expect(part.body).toBe(
      [
        'a { background: url(../img/a.png) }',
        'b { background: url("vendor/../fonts/f (1).woff?#iefix") }'.replace('vendor/../', ''),
        'c { background: url(data:image/png;base64,iVBO) url(/abs.png) url(https://cdn.test/x.png) url(//cdn.test/y.png) url(#svg) }',
        "d { background: image-set('vendor/i.png' 1x) }",
        '/* url(../../not-me.png) */'
      ].join('\n')
    );
    expect(cssPart(css, 'styles/x.css', bundle).body).toBe(css);
  });

  test('an unquoted URL that needs quoting after rebasing gets quoted', () => {
    expect(cssPart('a{background:url(a\\ b.png)}', 'x/a.css', 'y.css').body).toBe('a{background:url("x/a b.png")}');
  });

  test('@import rules lifted to the head after the first @charset, in order, once, conditions kept; sourceMappingURL comments dropped', () => {
    const one = cssPart('@charset "UTF-8";\n@import url(https://fonts.test/a.css) screen;\n@import "local.css" layer(base);\na{}\n/*# sourceMappingURL=one.css.map */', 'styles/one/one.css', bundle);
    const two = cssPart('@charset "UTF-8";\n@import url(https://fonts.test/a.css) screen;\n@import url("https://fonts.test/b.css") supports(display: grid);\nb{}', 'styles/two.css', bundle);
    expect(cssBundleHead([one, two])).toBe(
      '@charset "UTF-8";\n@import url(https://fonts.test/a.css) screen;\n@import "one/local.css" layer(base);\n@import url("https://fonts.test/b.css") supports(display: grid);\n'
    );
    expect(one.body).toBe('\n\n\na{}\n');
    expect(two.body).toBe('\n\n\nb{}');
  });

  for (const minify of [false, true]) {
    test(`through the transform with MINIFY ${minify ? 'on' : 'off'}: the stored bundle resolves every part's images from its own folder`, async () => {
      const scratch = tempDir();
      try {
        const write = (rel: string, text: string) => {
          mkdirSync(path.dirname(path.join(scratch.dir, rel)), { recursive: true });
          writeFileSync(path.join(scratch.dir, rel), text);
          return { relPath: rel, absPath: path.join(scratch.dir, rel) };
        };
        const sources = [
          write('styles/vendor/x.css', '.x { background: url(../../img/a.png) }'),
          write('styles/site.css', '@import url(https://fonts.test/f.css);\n.s { background: url("bg.png") }'),
          write('lib/leaflet.css', readFileSync(LEAFLET_CSS, 'utf8'))
        ];
        const result = await transform({ path: bundle, sources, joinKind: 'css', minify, gzip: false });
        const text = result.body.toString('utf8');
        expect(text.startsWith('@import url(https://fonts.test/f.css);\n')).toBe(true);
        expect(text.match(/@import/g)).toHaveLength(1);
        const urls = cssReferences(text).urls.map(({ url }) => url);
        expect(urls).toEqual(['../img/a.png', 'bg.png', '#default#VML', '../lib/images/layers.png', '../lib/images/layers-2x.png', '../lib/images/marker-icon.png']);
        // Each part alone keeps its own references.
        const alone = await transform({ path: 'styles/vendor/x.css', sources: [sources[0]], minify, gzip: false });
        expect(cssReferences(alone.body.toString('utf8')).urls.map(({ url }) => url)).toEqual(['../../img/a.png']);
        expect(alone.references.map(({ target, line }) => [target, line])).toEqual([['img/a.png', 1]]);
      } finally {
        scratch.remove();
      }
    });
  }
});

describe('JS references', () => {
  test('a classic script: sourceMappingURL found, not a module', () => {
    const found = jsReferences('var a = 1;\n//# sourceMappingURL=a.js.map\n', 'a.js');
    expect(found).toMatchObject({ module: false, imports: [], sourceMaps: [{ url: 'a.js.map', line: 2, column: 1 }] });
  });

  test('an ES module: import and export specifiers with positions; top-level await makes one too', () => {
    const found = jsReferences("import { a } from './a.js';\nexport * from '../b.js';\nexport { c } from 'three';\nconst d = 1;\nexport default d;", 'm.js');
    expect(found.module).toBe(true);
    expect(found.imports.map(({ url, line, column }) => [url, line, column])).toEqual([
      ['./a.js', 1, 19],
      ['../b.js', 2, 15],
      ['three', 3, 19]
    ]);
    expect(jsReferences('await fetch("x");', 'x.js').module).toBe(true);
    expect(jsReferences('var await = 1;', 'x.js').module).toBe(false);
    expect(() => jsReferences('var await = 1;', 'x.mjs')).toThrow();
  });

  test('fileReferences resolves path specifiers and skips bare ones', () => {
    expect(fileReferences('js', "import './x.js';\nimport 'three';\n//# sourceMappingURL=m.js.map", 'lib/m.js').references.map(({ target }) => target)).toEqual(['lib/x.js', 'lib/m.js.map']);
  });

  test('a JS part loses its sourceMappingURL comments; a module part is refused by name', () => {
    expect(jsPart('var a;\n//# sourceMappingURL=a.js.map\n', 'a.js', 'all.js').body).toBe('var a;\n\n');
    expect(() => jsPart("export const a = 1;", 'lib/m.js', 'all.js')).toThrow(ModuleBundleError);
    expect(() => jsPart("export const a = 1;", 'lib/m.js', 'all.js')).toThrow('JOINED all.js: part lib/m.js is an ES module');
  });
});

describe('references to files that are not synced', () => {
  test('warn with the file, line, column and missing path, and the sync still succeeds', async () => {
    const scratch = tempDir();
    try {
      const media = path.join(scratch.dir, 'media');
      mkdirSync(path.join(media, 'styles'), { recursive: true });
      mkdirSync(path.join(media, 'img'), { recursive: true });
      writeFileSync(path.join(media, 'img/here.png'), 'png');
      writeFileSync(path.join(media, 'styles/a.css'), 'a { background: url(../img/here.png) }\nb { background: url("../img/gone.png?v=1") }\n@font-face { src: url(../../outside.woff) }');
      // Only a comment after all code is a map comment (ECMA-426): the first one here is not.
      writeFileSync(path.join(media, 'app.js'), "//# sourceMappingURL=early.js.map\nvar x = 1;\n//# sourceMappingURL=app.js.map");
      const settings = resolveSettings({
        file: { path: path.join(scratch.dir, 'mediasync.json'), text: JSON.stringify({ BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', MEDIA_ROOT: 'media', AWS_BUCKET: 'bucket-b' }) },
        cwd: scratch.dir
      });
      const warnings: [string, FilePosition | undefined][] = [];
      const cwd = process.cwd();
      process.chdir(scratch.dir);
      try {
        await syncMedia(settings, { client: await createBackend(settings), reporter: { ...silentReporter, warning: (line, position) => warnings.push([line, position]) } });
      } finally {
        process.chdir(cwd);
      }
      // Built in parallel, so warned in any order.
      expect(warnings.sort((a, b) => a[1]!.file.localeCompare(b[1]!.file) || a[1]!.line! - b[1]!.line!)).toEqual([
        ['app.js.map names app.js.map, which is not a synced file in MEDIA_ROOT', { file: 'media/app.js', line: 3, column: 1 }],
        ['../img/gone.png?v=1 names img/gone.png, which is not a synced file in MEDIA_ROOT', { file: 'media/styles/a.css', line: 2, column: 21 }],
        ['../../outside.woff points outside MEDIA_ROOT, so it is not synced', { file: 'media/styles/a.css', line: 3, column: 19 }]
      ]);
      expect(gunzipSync(readFileSync(path.join(scratch.dir, 'out/styles/a.css'))).toString('utf8')).toContain('gone.png');
    } finally {
      scratch.remove();
    }
  });
});
