import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadTagSource } from '../src/local-media.js';
import type { Manifest, ManifestFile } from '../src/render/manifest.js';
import { renderPage } from '../src/render/page.js';
import { settingsTagSource } from '../src/render/tag-source.js';
import { css, cssPrint, importMap, js, mediaTags, mediaUrl, type TagOptions } from '../src/render/tags.js';
import { devMounts } from '../src/serve/dev-media.js';
import { resolveSettings } from '../src/settings/load.js';
import { REPO_ROOT, tempDir } from './helpers/fixtures.js';
import { buildSourceCli } from './helpers/source-cli.js';

// MDN's example digest: base64 with "+", "/" and "=", which attributes and JSON keep as they are.
const SRI = 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC';
const SRI_UTIL = 'sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO';

const file = (fields: Partial<ManifestFile>): ManifestFile => ({
  url: '(unused by the tags)',
  contentType: 'application/octet-stream',
  contentEncoding: null,
  sourceSize: 1,
  minifiedSize: 1,
  storedSize: 1,
  md5: '0'.repeat(32),
  ...fields
});

/** A FINGERPRINT + SRI manifest as the sync writes it, by hand: a bundle, its parts, modules and files FINGERPRINT_EXCLUDE kept at their names. */
const manifest: Manifest = {
  version: 1,
  mediaUrl: 'https://cdn.example.com/site/media',
  insecureMediaUrl: 'http://cdn.example.com/site/media',
  localMediaUrl: '/devmedia/',
  serveRemote: false,
  emulateCombo: false,
  cacheBuster: 'b1',
  doctype: 'xhtml',
  cssPath: 'styles',
  jsPath: 'scripts',
  release: 'r-2024-05-01',
  joined: {
    'styles/joined.css': ['styles/reset.css', 'styles/text.css'],
    'scripts/joined.js': ['scripts/lib.js', 'scripts/app.js']
  },
  files: {
    'styles/joined.css': file({ key: 'styles/joined.3f9a2c1b7d0e.css', integrity: SRI }),
    'styles/reset.css': file({ key: 'styles/reset.0a0a0a0a0a0a.css', integrity: SRI }),
    'styles/text.css': file({ key: 'styles/text.1b1b1b1b1b1b.css', integrity: SRI }),
    'styles/print.css': file({ key: 'styles/print.2c2c2c2c2c2c.css' }),
    'scripts/joined.js': file({ key: 'scripts/joined.4d4d4d4d4d4d.js', integrity: SRI }),
    'scripts/lib.js': file({ key: 'scripts/lib.5e5e5e5e5e5e.js', integrity: SRI }),
    'scripts/app.js': file({ key: 'scripts/app.6f6f6f6f6f6f.js', integrity: SRI }),
    // Listed before main.mjs: the import map is sorted, not in manifest order.
    'scripts/util.js': file({ key: 'scripts/util.7a7a7a7a7a7a.js', integrity: SRI_UTIL, module: true }),
    'scripts/main.mjs': file({ key: 'scripts/main.8b8b8b8b8b8b.mjs', integrity: SRI, module: true }),
    // Imported by a module without being one (a plain script, JSON): in the import map too; one without an integrity.
    'scripts/side.js': file({ key: 'scripts/side.0d0d0d0d0d0d.js', integrity: SRI_UTIL, imported: true }),
    'data/n.json': file({ key: 'data/n.1e1e1e1e1e1e.json', imported: true }),
    // FINGERPRINT_EXCLUDE: at their own names, with the cache-buster; a module or imported file there stays out of the import map.
    'scripts/vendor.js': file({ integrity: SRI }),
    'scripts/widget.mjs': file({ module: true }),
    'scripts/kept.js': file({ imported: true, integrity: SRI }),
    'images/a b#1.png': file({ key: 'images/a b#1.9c9c9c9c9c9c.png' }),
    'favicon.ico': file({})
  }
};

const REMOTE = { remote: true };
const INSECURE = { remote: true, secure: false };
const LOCAL = { remote: false };

describe('media_url', () => {
  test('remote: a fingerprinted file is at its key, encoded, with no cache-buster; http pages get the insecure base', () => {
    expect(mediaUrl(manifest, 'images/a b#1.png', REMOTE)).toBe('https://cdn.example.com/site/media/images/a%20b%231.9c9c9c9c9c9c.png');
    expect(mediaUrl(manifest, '/images/a b#1.png', INSECURE)).toBe('http://cdn.example.com/site/media/images/a%20b%231.9c9c9c9c9c9c.png');
    expect(mediaUrl({ ...manifest, serveRemote: true }, 'styles/print.css')).toBe('https://cdn.example.com/site/media/styles/print.2c2c2c2c2c2c.css');
  });

  test('remote: an excluded file (no key) and a path the manifest lacks keep their name and the cache-buster', () => {
    expect(mediaUrl(manifest, 'favicon.ico', REMOTE)).toBe('https://cdn.example.com/site/media/favicon.ico?b1');
    expect(mediaUrl(manifest, 'images/missing.png', INSECURE)).toBe('http://cdn.example.com/site/media/images/missing.png?b1');
    // Not an own entry of files: no key from the prototype.
    expect(mediaUrl(manifest, 'constructor', REMOTE)).toBe('https://cdn.example.com/site/media/constructor?b1');
  });

  test('local: the logical path with the cache-buster, as without FINGERPRINT', () => {
    expect(mediaUrl(manifest, 'images/a b#1.png', LOCAL)).toBe('/devmedia/images/a%20b%231.png?b1');
    expect(mediaUrl(manifest, 'images/a b#1.png')).toBe('/devmedia/images/a%20b%231.png?b1');
    expect(mediaUrl(manifest, undefined, REMOTE)).toBe('https://cdn.example.com/site/media');
  });

  test('USE_SSL (the sync then writes the forced scheme as both bases): an http page gets the https key URL too', () => {
    const forcedSsl = { ...manifest, insecureMediaUrl: manifest.mediaUrl };
    expect(mediaUrl(forcedSsl, 'images/a b#1.png', INSECURE)).toBe('https://cdn.example.com/site/media/images/a%20b%231.9c9c9c9c9c9c.png');
    const forcedHttp = { ...manifest, mediaUrl: 'http://cdn.example.com/site/media' };
    expect(js(forcedHttp, 'main.mjs', REMOTE)).toBe(`<script type="module" src="http://cdn.example.com/site/media/scripts/main.8b8b8b8b8b8b.mjs" integrity="${SRI}" crossorigin="anonymous"></script>`);
  });
});

describe('tags in each doctype', () => {
  const cases = [
    {
      doctype: 'html4',
      remote: {
        css: `<link rel="stylesheet" href="https://cdn.example.com/site/media/styles/joined.3f9a2c1b7d0e.css" type="text/css" media="screen, projection" integrity="${SRI}" crossorigin="anonymous">`,
        print: '<link rel="stylesheet" href="https://cdn.example.com/site/media/styles/print.2c2c2c2c2c2c.css" type="text/css" media="print">',
        js: `<script type="text/javascript" charset="utf-8" src="https://cdn.example.com/site/media/scripts/joined.4d4d4d4d4d4d.js" integrity="${SRI}" crossorigin="anonymous"></script>`,
        vendor: `<script type="text/javascript" charset="utf-8" src="https://cdn.example.com/site/media/scripts/vendor.js?b1" integrity="${SRI}" crossorigin="anonymous"></script>`
      },
      local: {
        css:
          '<link rel="stylesheet" href="/devmedia/styles/reset.css?b1" type="text/css" media="screen, projection">\n' +
          '<link rel="stylesheet" href="/devmedia/styles/text.css?b1" type="text/css" media="screen, projection">',
        js: '<script type="text/javascript" charset="utf-8" src="/devmedia/scripts/lib.js?b1"></script>\n<script type="text/javascript" charset="utf-8" src="/devmedia/scripts/app.js?b1"></script>'
      }
    },
    {
      doctype: 'html5',
      remote: {
        css: `<link rel="stylesheet" href="https://cdn.example.com/site/media/styles/joined.3f9a2c1b7d0e.css" type="text/css" media="screen, projection" integrity="${SRI}" crossorigin="anonymous">`,
        print: '<link rel="stylesheet" href="https://cdn.example.com/site/media/styles/print.2c2c2c2c2c2c.css" type="text/css" media="print">',
        js: `<script src="https://cdn.example.com/site/media/scripts/joined.4d4d4d4d4d4d.js" integrity="${SRI}" crossorigin="anonymous"></script>`,
        vendor: `<script src="https://cdn.example.com/site/media/scripts/vendor.js?b1" integrity="${SRI}" crossorigin="anonymous"></script>`
      },
      local: {
        css:
          '<link rel="stylesheet" href="/devmedia/styles/reset.css?b1" type="text/css" media="screen, projection">\n' +
          '<link rel="stylesheet" href="/devmedia/styles/text.css?b1" type="text/css" media="screen, projection">',
        js: '<script src="/devmedia/scripts/lib.js?b1"></script>\n<script src="/devmedia/scripts/app.js?b1"></script>'
      }
    },
    {
      doctype: 'xhtml',
      remote: {
        css: `<link rel="stylesheet" href="https://cdn.example.com/site/media/styles/joined.3f9a2c1b7d0e.css" type="text/css" media="screen, projection" integrity="${SRI}" crossorigin="anonymous" />`,
        print: '<link rel="stylesheet" href="https://cdn.example.com/site/media/styles/print.2c2c2c2c2c2c.css" type="text/css" media="print" />',
        js: `<script type="text/javascript" charset="utf-8" src="https://cdn.example.com/site/media/scripts/joined.4d4d4d4d4d4d.js" integrity="${SRI}" crossorigin="anonymous"></script>`,
        vendor: `<script type="text/javascript" charset="utf-8" src="https://cdn.example.com/site/media/scripts/vendor.js?b1" integrity="${SRI}" crossorigin="anonymous"></script>`
      },
      local: {
        css:
          '<link rel="stylesheet" href="/devmedia/styles/reset.css?b1" type="text/css" media="screen, projection" />\n' +
          '<link rel="stylesheet" href="/devmedia/styles/text.css?b1" type="text/css" media="screen, projection" />',
        js: '<script type="text/javascript" charset="utf-8" src="/devmedia/scripts/lib.js?b1"></script>\n<script type="text/javascript" charset="utf-8" src="/devmedia/scripts/app.js?b1"></script>'
      }
    }
  ] as const;

  test.each(cases)('$doctype remote: one tag per bundle at its key, SRI attributes after the seed\'s own', ({ doctype, remote }) => {
    const typed = { ...manifest, doctype };
    expect(css(typed, 'joined.css', undefined, REMOTE)).toBe(remote.css);
    // No integrity recorded for print.css: no SRI attributes.
    expect(cssPrint(typed, 'print.css', REMOTE)).toBe(remote.print);
    expect(js(typed, 'joined.js', REMOTE)).toBe(remote.js);
    // Excluded from FINGERPRINT: its name and cache-buster, still with its integrity.
    expect(js(typed, 'vendor.js', REMOTE)).toBe(remote.vendor);
  });

  test.each(cases)('$doctype local: the parts at their logical paths with the cache-buster, no SRI', ({ doctype, local }) => {
    const typed = { ...manifest, doctype };
    expect(css(typed, 'joined.css', undefined, LOCAL)).toBe(local.css);
    expect(js(typed, 'joined.js', LOCAL)).toBe(local.js);
  });

  test.each(cases)('$doctype: an ES module is <script type="module"> whatever the doctype', ({ doctype }) => {
    const typed = { ...manifest, doctype };
    expect(js(typed, 'main.mjs', REMOTE)).toBe(`<script type="module" src="https://cdn.example.com/site/media/scripts/main.8b8b8b8b8b8b.mjs" integrity="${SRI}" crossorigin="anonymous"></script>`);
    expect(js(typed, 'main.mjs', INSECURE)).toBe(`<script type="module" src="http://cdn.example.com/site/media/scripts/main.8b8b8b8b8b8b.mjs" integrity="${SRI}" crossorigin="anonymous"></script>`);
    expect(js(typed, 'main.mjs', LOCAL)).toBe('<script type="module" src="/devmedia/scripts/main.mjs?b1"></script>');
    expect(js(typed, 'widget.mjs', REMOTE)).toBe('<script type="module" src="https://cdn.example.com/site/media/scripts/widget.mjs?b1"></script>');
  });

  test('EMULATE_COMBO: local pages get the bundle at its logical path, without SRI', () => {
    expect(css({ ...manifest, emulateCombo: true }, 'joined.css', 'all', LOCAL)).toBe('<link rel="stylesheet" href="/devmedia/styles/joined.css?b1" type="text/css" media="all" />');
  });

  test('the integrity value is escaped as an attribute', () => {
    const odd = { ...manifest, files: { 'styles/x.css': file({ key: 'styles/x.1.css', integrity: 'sha384-a"><b' }) } };
    expect(css(odd, 'x.css', 'print', REMOTE)).toBe(
      '<link rel="stylesheet" href="https://cdn.example.com/site/media/styles/x.1.css" type="text/css" media="print" integrity="sha384-a&quot;&gt;&lt;b" crossorigin="anonymous" />'
    );
  });
});

describe('importMap', () => {
  test('remote: each fingerprinted module\'s and imported file\'s logical URL to its key URL, and their integrity, sorted', () => {
    const expected =
      '<script type="importmap">{"imports":{' +
      '"https://cdn.example.com/site/media/data/n.json":"https://cdn.example.com/site/media/data/n.1e1e1e1e1e1e.json",' +
      '"https://cdn.example.com/site/media/scripts/main.mjs":"https://cdn.example.com/site/media/scripts/main.8b8b8b8b8b8b.mjs",' +
      '"https://cdn.example.com/site/media/scripts/side.js":"https://cdn.example.com/site/media/scripts/side.0d0d0d0d0d0d.js",' +
      '"https://cdn.example.com/site/media/scripts/util.js":"https://cdn.example.com/site/media/scripts/util.7a7a7a7a7a7a.js"' +
      '},"integrity":{' +
      `"https://cdn.example.com/site/media/scripts/main.8b8b8b8b8b8b.mjs":"${SRI}",` +
      `"https://cdn.example.com/site/media/scripts/side.0d0d0d0d0d0d.js":"${SRI_UTIL}",` +
      `"https://cdn.example.com/site/media/scripts/util.7a7a7a7a7a7a.js":"${SRI_UTIL}"` +
      '}}</script>';
    for (const doctype of ['html4', 'html5', 'xhtml'] as const) expect(importMap({ ...manifest, doctype }, REMOTE)).toBe(expected);
    expect(importMap({ ...manifest, serveRemote: true }, { secure: false })).toBe(expected.replace(/https:/g, 'http:'));
    // Imported by a module, yet a classic script where a page tags it.
    expect(js(manifest, 'side.js', REMOTE)).toBe(`<script type="text/javascript" charset="utf-8" src="https://cdn.example.com/site/media/scripts/side.0d0d0d0d0d0d.js" integrity="${SRI_UTIL}" crossorigin="anonymous"></script>`);
  });

  test('without integrity on the modules, no integrity member', () => {
    const files = { 'app/m.js': file({ key: 'app/m.1.js', module: true }) };
    expect(importMap({ ...manifest, files }, REMOTE)).toBe(
      '<script type="importmap">{"imports":{"https://cdn.example.com/site/media/app/m.js":"https://cdn.example.com/site/media/app/m.1.js"}}</script>'
    );
  });

  test('an empty map locally, with no fingerprinted module, and from the settings alone', () => {
    const empty = '<script type="importmap">{"imports":{}}</script>';
    expect(importMap(manifest, LOCAL)).toBe(empty);
    expect(importMap(manifest)).toBe(empty);
    expect(importMap({ ...manifest, files: { 'scripts/widget.mjs': file({ module: true }), 'scripts/lib.js': file({ key: 'scripts/lib.1.js' }) } }, REMOTE)).toBe(empty);
    const { files: _none, ...withoutFiles } = manifest;
    expect(importMap(withoutFiles, REMOTE)).toBe(empty);
  });

  test('no "<" reaches the script body: hostile paths are encoded, a hostile base URL or integrity is escaped', () => {
    const hostile = {
      ...manifest,
      mediaUrl: 'https://cdn.example.com/</script><script>alert(1)</script>',
      files: { 'x/</script><!--.js': file({ key: 'x/</script>.1.js', module: true, integrity: 'sha384-</script>' }) }
    };
    const tag = importMap(hostile, REMOTE);
    const base = 'https://cdn.example.com/\\u003c/script>\\u003cscript>alert(1)\\u003c/script>';
    expect(tag).toBe(
      '<script type="importmap">{"imports":{' +
        `"${base}/x/%3C/script%3E%3C!--.js":"${base}/x/%3C/script%3E.1.js"` +
        `},"integrity":{"${base}/x/%3C/script%3E.1.js":"sha384-\\u003c/script>"}}</script>`
    );
    const body = tag.slice('<script type="importmap">'.length, -'</script>'.length);
    expect(body).not.toContain('<');
    expect(JSON.parse(body).integrity).toEqual({ 'https://cdn.example.com/</script><script>alert(1)</script>/x/%3C/script%3E.1.js': 'sha384-</script>' });
  });

  test('mediaTags and renderPage give it too', () => {
    expect(mediaTags(manifest, REMOTE).importMap()).toBe(importMap(manifest, REMOTE));
    expect(mediaTags(manifest, REMOTE).mediaUrl('styles/print.css')).toBe('https://cdn.example.com/site/media/styles/print.2c2c2c2c2c2c.css');
    expect(renderPage('<head>{% importmap %}\n{% js "main.mjs" %}</head>', manifest, INSECURE)).toBe(`<head>${importMap(manifest, INSECURE)}\n${js(manifest, 'main.mjs', INSECURE)}</head>`);
    expect(() => renderPage('{% importmap "x" %}', manifest)).toThrow('page:1: {% importmap "x" %} takes 0 quoted arguments');
  });
});

describe('tag source for the CLI and the dev server', () => {
  const settingsFor = (dir: string, values: Record<string, unknown> = {}) =>
    resolveSettings({
      file: { path: 'mediasync.json', text: JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'dummy', CSS_PATH: 'styles', JS_PATH: 'scripts', JOINED: { 'joined.css': ['reset.css', 'text.css'] }, ...values }) },
      cwd: dir
    });

  test("the manifest at MANIFEST_PATH gives the files' keys", async () => {
    const scratch = tempDir();
    try {
      writeFileSync(path.join(scratch.dir, 'mediasync-manifest.json'), JSON.stringify(manifest));
      const tags = await loadTagSource(settingsFor(scratch.dir, { DOCTYPE: 'html5' }));
      expect(css(tags, 'joined.css', undefined, INSECURE)).toBe(
        `<link rel="stylesheet" href="http://cdn.example.com/site/media/styles/joined.3f9a2c1b7d0e.css" type="text/css" media="screen, projection" integrity="${SRI}" crossorigin="anonymous">`
      );
      expect(importMap(tags, REMOTE)).toBe(importMap(manifest, REMOTE));
      // mediasync serve --remote redirects to the stored object: the logical key is not stored.
      const [media] = devMounts(settingsFor(scratch.dir), tags, { remote: true });
      expect(media.redirect!('styles/print.css')).toBe('http://cdn.example.com/site/media/styles/print.2c2c2c2c2c2c.css');
      expect(media.redirect!('favicon.ico')).toBe('http://cdn.example.com/site/media/favicon.ico?b1');
    } finally {
      scratch.remove();
    }
  });

  test('without a manifest there are no files: the seed rendering, an empty import map', async () => {
    const scratch = tempDir();
    try {
      const settings = settingsFor(scratch.dir, { REMOTE_MEDIA_URL: 'https://cdn.example.com/m', CACHE_BUSTER: 'v3' });
      const tags = settingsTagSource(settings, { mediaUrl: 'https://cdn.example.com/m', insecureMediaUrl: 'http://cdn.example.com/m', cacheBuster: 'v3' });
      expect(tags.files).toBeUndefined();
      expect(css(tags, 'joined.css', 'print', REMOTE)).toBe('<link rel="stylesheet" href="https://cdn.example.com/m/styles/joined.css?v3" type="text/css" media="print" />');
      expect(importMap(tags, REMOTE)).toBe('<script type="importmap">{"imports":{}}</script>');
    } finally {
      scratch.remove();
    }
  });

  test('mediasync tag importmap, tag js and url from the source CLI', async () => {
    const scratch = tempDir();
    try {
      const config = path.join(scratch.dir, 'mediasync.json');
      writeFileSync(config, JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'dummy', CSS_PATH: 'styles', JS_PATH: 'scripts', DOCTYPE: 'html5' }));
      writeFileSync(path.join(scratch.dir, 'mediasync-manifest.json'), JSON.stringify(manifest));
      const cli = buildSourceCli(path.join(scratch.dir, 'cli'));
      const run = (...args: string[]) => cli([...args, '--config', config], { cwd: scratch.dir });
      expect(await run('tag', 'importmap', '--remote')).toMatchObject({ status: 0, stdout: `${importMap(manifest, REMOTE)}\n`, stderr: '' });
      expect(await run('tag', 'importmap')).toMatchObject({ status: 0, stdout: '<script type="importmap">{"imports":{}}</script>\n' });
      expect((await run('tag', 'js', 'main.mjs', '--remote', '--insecure')).stdout).toBe(
        `<script type="module" src="http://cdn.example.com/site/media/scripts/main.8b8b8b8b8b8b.mjs" integrity="${SRI}" crossorigin="anonymous"></script>\n`
      );
      expect((await run('url', 'images/a b#1.png', '--remote')).stdout).toBe('https://cdn.example.com/site/media/images/a%20b%231.9c9c9c9c9c9c.png\n');
      expect(await run('tag', 'importmap', 'main.mjs')).toMatchObject({
        status: 2,
        stderr: 'mediasync: tag takes js PATH, css PATH [MEDIA], css_print PATH or importmap\nRun "mediasync --help" for the commands and options.\n'
      });
      expect((await run('tag', 'png', 'x.png')).stderr).toContain('mediasync: unknown tag png; allowed: js, css, css_print, importmap\n');
    } finally {
      scratch.remove();
    }
  });
});

// The Django example renders the same cases from the same manifest exactly as the library does.
type Case = { tag: 'media_url' | 'js' | 'css' | 'css_print' | 'importmap'; path?: string; media?: string; doctype: Manifest['doctype']; options: TagOptions; variant?: 'combo' | 'hostile' };
const cases: Case[] = [];
for (const doctype of ['html4', 'html5', 'xhtml'] as const) {
  for (const options of [LOCAL, REMOTE, INSECURE]) {
    cases.push({ tag: 'js', path: 'joined.js', doctype, options });
    cases.push({ tag: 'js', path: 'main.mjs', doctype, options });
    cases.push({ tag: 'js', path: 'vendor.js', doctype, options });
    cases.push({ tag: 'js', path: 'widget.mjs', doctype, options });
    cases.push({ tag: 'js', path: 'side.js', doctype, options });
    cases.push({ tag: 'css', path: 'joined.css', doctype, options });
    cases.push({ tag: 'css', path: 'text.css', media: 'screen & "print"', doctype, options });
    cases.push({ tag: 'css_print', path: '/print.css', doctype, options });
    cases.push({ tag: 'media_url', path: 'images/a b#1.png', doctype, options });
    cases.push({ tag: 'media_url', path: 'favicon.ico', doctype, options });
    cases.push({ tag: 'media_url', doctype, options });
    cases.push({ tag: 'importmap', doctype, options });
  }
}
cases.push({ tag: 'css', path: 'joined.css', doctype: 'html5', options: LOCAL, variant: 'combo' });
cases.push({ tag: 'importmap', doctype: 'html5', options: REMOTE, variant: 'hostile' });

const HOSTILE_FILES = { 'x/</script><!--.js': file({ key: 'x/</script>.1.js', module: true, integrity: 'sha384-</script>' }) };
const caseManifest = ({ doctype, variant }: Case): Manifest => ({
  ...manifest,
  doctype,
  ...(variant === 'combo' ? { emulateCombo: true } : {}),
  ...(variant === 'hostile' ? { mediaUrl: 'https://cdn.example.com/</script>', files: HOSTILE_FILES } : {})
});

const fromLibrary = () =>
  cases.map((testCase) => {
    const { tag, path: relPath, media, options } = testCase;
    const source = caseManifest(testCase);
    if (tag === 'media_url') return mediaUrl(source, relPath, options);
    if (tag === 'importmap') return importMap(source, options);
    if (tag === 'js') return js(source, relPath!, options);
    if (tag === 'css_print') return cssPrint(source, relPath!, options);
    return css(source, relPath!, media, options);
  });

describe('examples/django with FINGERPRINT and SRI', () => {
  const django = path.join(REPO_ROOT, 'examples', 'django');
  const PYTHON_ENV = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  const scratch = tempDir();
  afterAll(() => scratch.remove());
  // One manifest file per case, as MEDIASYNC_MANIFEST names a file.
  const withFiles = () =>
    cases.map((testCase, index) => {
      const manifestPath = path.join(scratch.dir, `manifest-${index}.json`);
      writeFileSync(manifestPath, JSON.stringify(caseManifest(testCase)));
      return { ...testCase, manifest: manifestPath };
    });

  test('mediasync_manifest.py (plain python3) renders every case as the library does', () => {
    const script = `
import json, sys
sys.path.insert(0, ${JSON.stringify(django)})
from mediasync_example.mediasync_manifest import MediaTags, load_manifest
out = []
for case in json.load(sys.stdin):
    tags = MediaTags(load_manifest(case["manifest"]), remote=case["options"]["remote"], secure=case["options"].get("secure", True))
    if case["tag"] == "media_url": out.append(tags.media_url(case.get("path")))
    elif case["tag"] == "importmap": out.append(tags.importmap())
    elif case["tag"] == "js": out.append(tags.js(case["path"]))
    elif case["tag"] == "css_print": out.append(tags.css_print(case["path"]))
    else: out.append(tags.css(case["path"], case["media"]) if "media" in case else tags.css(case["path"]))
print(json.dumps(out))
`;
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(withFiles()), encoding: 'utf8', env: PYTHON_ENV });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(fromLibrary());
  });

  test('the template tags inside Django (Debian python3-django) render every case as the library does', () => {
    const script = `
import json, sys
sys.path.insert(0, ${JSON.stringify(django)})
import django
from django.conf import settings
settings.configure(INSTALLED_APPS=["mediasync_example"], ALLOWED_HOSTS=["*"],
                   TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                               "OPTIONS": {"context_processors": ["django.template.context_processors.request"]}}])
django.setup()
from django.template import engines
from django.test import RequestFactory
from mediasync_example.templatetags import media
engine = engines["django"]
TAGS = {"media_url": "{% media_url path %}", "js": "{% js path %}", "css": "{% css path %}", "css_print": "{% css_print path %}", "importmap": "{% importmap %}"}
out = []
for case in json.load(sys.stdin):
    settings.MEDIASYNC_MANIFEST = case["manifest"]
    settings.MEDIASYNC_SERVE_REMOTE = case["options"]["remote"]
    media._manifest.cache_clear()
    request = RequestFactory().get("/", secure=case["options"].get("secure", True))
    source = "{% css path media %}" if "media" in case else TAGS[case["tag"]]
    template = engine.from_string("{% load media %}{% autoescape off %}" + source + "{% endautoescape %}")
    out.append(template.render({"path": case.get("path"), "media": case.get("media")}, request))
print(json.dumps(out))
`;
    const run = spawnSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(withFiles()), encoding: 'utf8', env: PYTHON_ENV });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(fromLibrary());
  });
});
