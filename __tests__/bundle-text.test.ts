// What a JOINED bundle or a minified file is made of, byte for byte: byte order marks, the
// statements a stylesheet must start with, hashbangs, and parts that would swallow the next one.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Script } from 'node:vm';
import { AnyMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { createBackend } from '../src/backends/index.js';
import { syncMedia } from '../src/pipeline/sync.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
});
afterEach(() => scratch.remove());

const BOM = '\uFEFF';

const write = (rel: string, text: string) => {
  const file = path.join(scratch.dir, 'media', rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};
const stored = (rel: string) => readFileSync(path.join(scratch.dir, 'out', rel), 'utf8');
/** The stored text without the map comment SOURCE_MAPS adds. */
const storedCode = (rel: string) => stored(rel).replace(/\n(\/\*# sourceMappingURL=\S+ \*\/|\/\/# sourceMappingURL=\S+)\n$/, '');

async function sync(overrides: Record<string, unknown>) {
  const settings = resolveSettings({
    file: { path: path.join(scratch.dir, 'mediasync.json'), text: JSON.stringify({ BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', MEDIA_ROOT: 'media', AWS_GZIP: false, ...overrides }) },
    cwd: scratch.dir
  });
  return syncMedia(settings, { client: await createBackend(settings), hashCacheFile: false });
}

const MODES = [
  { MINIFY: false, SOURCE_MAPS: false },
  { MINIFY: false, SOURCE_MAPS: true },
  { MINIFY: true, SOURCE_MAPS: false },
  { MINIFY: true, SOURCE_MAPS: true }
];

describe('byte order marks', () => {
  test.each(MODES)('JOINED CSS and JS parts lose theirs (%o)', async (mode) => {
    write('css/a.css', `${BOM}@charset "UTF-8";\n.a{color:red}`);
    write('css/b.css', `${BOM}.b{color:blue}`);
    write('js/a.js', `${BOM}var a = 1`);
    write('js/b.js', `${BOM}var b = 2;\n`);
    await sync({ ...mode, JOINED: { 'css/all.css': ['css/a.css', 'css/b.css'], 'js/all.js': ['js/a.js', 'js/b.js'] } });
    const css = storedCode('css/all.css');
    const js = storedCode('js/all.js');
    expect(css).not.toContain(BOM);
    expect(js).not.toContain(BOM);
    if (mode.MINIFY) {
      expect(css).toBe('@charset "UTF-8";\n.a{color:red}\n.b{color:#00f}');
      expect(js).toBe('var a=1;;\nvar b=2;');
    } else {
      expect(css).toBe('@charset "UTF-8";\n\n.a{color:red}\n.b{color:blue}');
      expect(js).toBe('var a = 1;\nvar b = 2;\n');
    }
  }, 60_000);

  test.each([false, true])('a minified stylesheet or script starting with one is minified, without it (SOURCE_MAPS %s)', async (sourceMaps) => {
    write('a.css', `${BOM}@charset "UTF-8";\n.a { color: red }\n`);
    write('b.css', `${BOM}.b { color: blue }\n`);
    write('c.js', `${BOM}var c = 1;\n`);
    await sync({ SOURCE_MAPS: sourceMaps });
    expect(storedCode('a.css')).toBe('@charset "UTF-8";.a{color:red}');
    expect(storedCode('b.css')).toBe('.b{color:#00f}');
    expect(storedCode('c.js')).toBe('var c=1;');
  }, 60_000);

  test('a file stored as it is keeps its bytes, BOM and all', async () => {
    write('a.css', `${BOM}.a { color: red }\n`);
    write('c.js', `${BOM}var c = 1;\n`);
    await sync({ MINIFY: false });
    expect(stored('a.css')).toBe(`${BOM}.a { color: red }\n`);
    expect(stored('c.js')).toBe(`${BOM}var c = 1;\n`);
  }, 60_000);
});

describe('@layer statements before the @imports', () => {
  const writeLayered = () => {
    write('css/a.css', '@layer base, theme;\n@import url("theme.css") layer(theme);\n@import "base.css" layer(base) supports(display: grid);\n.a { color: red }\n');
    write('css/p2.css', '/* extra */\n@layer extra;\n.p2 { color: red }\n@layer late;\n');
    write('css/p3.css', '@import "late.css" layer(late);\n@layer after;\n.p3 { color: red }\n');
    write('css/late.css', '.l { color: red }\n');
    write('css/theme.css', '.t { color: red }\n');
    write('css/base.css', '.b { color: red }\n');
  };

  test.each([false, true])('go to the head of a JOINED bundle ahead of every @import, in order (MINIFY %s)', async (minify) => {
    writeLayered();
    await sync({ MINIFY: minify, JOINED: { 'bundles/all.css': ['css/a.css', 'css/p2.css', 'css/p3.css'] } });
    const head = '@layer base, theme;\n@layer extra;\n@import "../css/theme.css" layer(theme);\n@import "../css/base.css" layer(base) supports(display: grid);\n@import "../css/late.css" layer(late);\n';
    expect(stored('bundles/all.css')).toBe(
      minify
        ? `${head}.a{color:red}\n.p2{color:red}@layer late;\n@layer after;.p3{color:red}`
        : `${head}\n\n\n.a { color: red }\n\n/* extra */\n\n.p2 { color: red }\n@layer late;\n\n\n@layer after;\n.p3 { color: red }\n`
    );
  }, 60_000);

  test('stay ahead of the @imports of a minified stylesheet', async () => {
    writeLayered();
    await sync({ EXCLUDE: ['css/p2.css', 'css/p3.css'] });
    expect(stored('css/a.css')).toBe('@layer base, theme;@import url(theme.css) layer(theme);@import url(base.css) layer(base) supports(display: grid);.a{color:red}');
  }, 60_000);
});

describe('hashbangs', () => {
  test.each(MODES)('in JOINED JS parts become comments: the bundle runs, and its map still leads back (%o)', async (mode) => {
    write('a.js', '#!/usr/bin/env node\nvar a = 1\n');
    write('b.js', '#!/usr/bin/env node\nwindow.b = a + 1;\n');
    write('c.js', `${BOM}#!/usr/bin/env node\n\nwindow.c = function () { return "TOKEN_C"; }\n`);
    await sync({ ...mode, JOINED: { 'all.js': ['a.js', 'b.js', 'c.js'] } });
    const bundle = stored('all.js');
    const context = { window: {} as Record<string, unknown> };
    new Script(bundle).runInNewContext(context);
    expect(context.window.b).toBe(2);
    if (!mode.MINIFY) expect(storedCode('all.js')).toBe('///usr/bin/env node\nvar a = 1\n;\n///usr/bin/env node\nwindow.b = a + 1;\n;\n///usr/bin/env node\n\nwindow.c = function () { return "TOKEN_C"; }\n');
    if (mode.SOURCE_MAPS) {
      const map = new AnyMap(JSON.parse(stored('all.js.map')));
      const before = bundle.slice(0, bundle.indexOf('"TOKEN_C"')).split('\n');
      expect(originalPositionFor(map, { line: before.length, column: before[before.length - 1].length })).toMatchObject({ source: 'c.js', line: 3 });
    }
  }, 60_000);
});

describe('a JOINED part that would take in the parts after it', () => {
  // Each next part has a comment of its own that closes what an unclosed one leaves open.
  const NEXT = { js: 'window.next = 1;\n/** doc */\nwindow.after = 2;\n', css: '.next { color: green }\n/* doc */\n' };
  const BROKEN: ['js' | 'css', string, string, string][] = [
    // A JS part left inside a comment, string, template or regular expression.
    ['js', 'an unclosed comment', 'var a = 1;\n/* note\n', '2:1: cannot join: Unterminated comment'],
    ['js', 'an unclosed string', 'var a = "x;\n', '1:9: cannot join: Unterminated string constant'],
    ['js', 'an unclosed template', 'var a = `x;\n', '1:10: cannot join: Unterminated template'],
    ['js', 'an unclosed regular expression', 'var a = 1;\nvar r = /x\n', '2:10: cannot join: Unterminated regular expression'],
    ['js', 'an unclosed comment after a grammar error', 'if (!window.jQuery) return;\n/* legacy block\n', '2:1: cannot join: Unterminated comment'],
    // A CSS part that does not parse on its own.
    ['css', 'an unclosed comment', '.a { color: red }\n/* note', '2:1: cannot join: Unclosed comment'],
    ['css', 'an unclosed block', '.a { color: red }\n@media print {\n  .p { color: blue }\n', '2:1: cannot join: Unclosed block'],
    ['css', 'an unclosed rule', '.a { color: red', '1:1: cannot join: Unclosed block'],
    ['css', 'a stray brace', '.a { color: red }\n}\n', '2:1: cannot join: Unexpected }'],
    ['css', 'an unclosed string', '.a { content: "x }\n', '1:15: cannot join: Unclosed string']
  ];

  test.each(BROKEN.flatMap(([kind, what, text, where]) => [false, true].map((sourceMaps) => [kind, what, sourceMaps, text, where] as const)))(
    '%s: %s fails the run unminified (SOURCE_MAPS %s), naming the file, line and what is wrong',
    async (kind, _what, sourceMaps, text, where) => {
      write(`${kind}/broken.${kind}`, text);
      write(`${kind}/next.${kind}`, NEXT[kind]);
      const rule = kind === 'css' ? 'must parse on its own, or it breaks the parts after it' : 'must close its comments, strings, templates and regular expressions, or it takes in the parts after it';
      await expect(sync({ MINIFY: false, SOURCE_MAPS: sourceMaps, JOINED: { [`all.${kind}`]: [`${kind}/broken.${kind}`, `${kind}/next.${kind}`] } })).rejects.toThrow(
        `${kind}/broken.${kind}:${where} (a part of JOINED all.${kind} ${rule})`
      );
    },
    60_000
  );

  test('js: an intro and an outro that wrap the parts between them in a function join as before, unminified, less their map comments', async () => {
    write('js/intro.js', '(function (window) {\n');
    write('js/app.js', 'window.app = 1;\n');
    write('js/outro.js', '})(window);\n//# sourceMappingURL=outro.js.map\n');
    await sync({ MINIFY: false, JOINED: { 'all.js': ['js/intro.js', 'js/app.js', 'js/outro.js'] } });
    const context = { window: {} as Record<string, unknown> };
    new Script(stored('all.js')).runInNewContext(context);
    expect(context.window.app).toBe(1);
    expect(stored('all.js')).toBe('(function (window) {\n;\nwindow.app = 1;\n;\n})(window);\n\n');
  }, 60_000);

  test('css: a whole part joins as before', async () => {
    write('css/ok.css', '.a { color: red }\n/* closed */');
    write('css/next.css', '.next { color: green }\n');
    await sync({ MINIFY: false, JOINED: { 'all.css': ['css/ok.css', 'css/next.css'] } });
    expect(stored('all.css')).toBe('.a { color: red }\n/* closed */\n.next { color: green }\n');
  }, 60_000);
});
