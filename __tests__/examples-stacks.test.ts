import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BackendClient } from '../src/backends/contract.js';
import { runJob } from '../src/job.js';
import type { Manifest } from '../src/render/manifest.js';
import { css, cssPrint, js, mediaUrl, type TagOptions } from '../src/render/tags.js';
import { resolveSettings } from '../src/settings/load.js';
import { EXAMPLE_MEDIA, EXAMPLE_SITE, REPO_ROOT, tempDir } from './helpers/fixtures.js';

const scratch = tempDir();
// No __pycache__ left in examples/.
const PYTHON_ENV = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
let manifest: Manifest;
const manifestPath = path.join(scratch.dir, 'mediasync-manifest.json');

/** A store that keeps nothing: the sync still runs every stage and writes the real manifest. */
const discardingStore: BackendClient = {
  remoteMediaUrl: (withSsl) => `${withSsl ? 'https' : 'http'}://media.example.com/site/media`,
  put: async () => {}
};

beforeAll(async () => {
  const example = JSON.parse(readFileSync(path.join(EXAMPLE_SITE, 'mediasync.json'), 'utf8'));
  const text = JSON.stringify({ ...example, $schema: undefined, MEDIA_ROOT: EXAMPLE_MEDIA, MANIFEST_PATH: manifestPath, SERVE_REMOTE: true, DOCTYPE: 'html5' });
  await runJob(resolveSettings({ file: { path: 'mediasync.json', text }, cwd: scratch.dir }), { client: discardingStore });
  manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
});
afterAll(() => scratch.remove());

describe('the manifest a sync writes', () => {
  test('carries both remote URLs, the local URL, the cache-buster, doctype, shortcuts and bundles', () => {
    expect(manifest).toMatchObject({
      version: 1,
      mediaUrl: 'https://media.example.com/site/media',
      insecureMediaUrl: 'http://media.example.com/site/media',
      localMediaUrl: '/devmedia/',
      serveRemote: true,
      emulateCombo: false,
      doctype: 'html5',
      cssPath: 'styles',
      jsPath: 'scripts',
      joined: { 'styles/joined.css': ['styles/reset.css', 'styles/text.css'], 'scripts/joined.js': ['scripts/lib.js', 'scripts/app.js'] }
    });
    expect(manifest.cacheBuster).toMatch(/^[0-9a-f]{10}$/);
  });
});

describe('examples/express', () => {
  const app = path.join(REPO_ROOT, 'examples', 'express', 'app.mjs');

  test('renders the tags from the manifest, https media for https pages (behind a proxy) and http otherwise', async () => {
    // `import ... from 'mediasync-s3'` resolves to this package's own library bundle.
    expect(existsSync(path.join(REPO_ROOT, 'dist', 'lib', 'index.js'))).toBe(true);
    expect(readFileSync(path.join(REPO_ROOT, 'dist', 'lib', 'types', 'lib.d.ts'), 'utf8')).toContain("export { css, cssPrint, DEFAULT_CSS_MEDIA, js, mediaTags, mediaUrl } from './render/tags.js';");
    const child = spawn(process.execPath, [app], { env: { ...process.env, MEDIASYNC_MANIFEST: manifestPath, PORT: '0' } });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk;
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match) resolve(match[1]);
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk));
        child.once('exit', (code) => reject(new Error(`the Express example exited with ${code}: ${output}`)));
      });
      const plain = await (await fetch(`${base}/`)).text();
      const secure = await (await fetch(`${base}/`, { headers: { 'X-Forwarded-Proto': 'https' } })).text();
      const buster = manifest.cacheBuster;
      expect(plain).toContain(`<link rel="stylesheet" href="http://media.example.com/site/media/styles/joined.css?${buster}" type="text/css" media="screen, projection">`);
      expect(plain).toContain(`<script src="http://media.example.com/site/media/scripts/joined.js?${buster}"></script>`);
      expect(secure).toContain(`<link rel="stylesheet" href="https://media.example.com/site/media/styles/print.css?${buster}" type="text/css" media="print">`);
      expect(secure).toContain(`<img src="https://media.example.com/site/media/images/logo.png?${buster}" alt="logo">`);
    } finally {
      child.kill();
    }
  });
});

describe('examples/django', () => {
  // The template tags' logic, run with plain python3 (Django itself is not needed for it).
  const cases: { tag: 'media_url' | 'js' | 'css' | 'css_print'; path?: string; media?: string; doctype: Manifest['doctype']; options: TagOptions; emulateCombo?: boolean }[] = [];
  for (const doctype of ['html4', 'html5', 'xhtml'] as const) {
    for (const options of [{ remote: false }, { remote: true }, { remote: true, secure: false }]) {
      cases.push({ tag: 'js', path: 'joined.js', doctype, options });
      cases.push({ tag: 'css', path: 'joined.css', doctype, options });
      cases.push({ tag: 'css', path: 'text.css', media: 'screen & "print"', doctype, options });
      cases.push({ tag: 'css_print', path: '/print.css', doctype, options });
      cases.push({ tag: 'media_url', path: 'images/a b#1.png', doctype, options });
      cases.push({ tag: 'media_url', doctype, options });
    }
  }
  cases.push({ tag: 'js', path: 'joined.js', doctype: 'html5', options: { remote: false }, emulateCombo: true });

  test('renders every tag exactly as the mediasync library does', () => {
    const script = `
import json, sys
sys.path.insert(0, ${JSON.stringify(path.join(REPO_ROOT, 'examples', 'django'))})
from mediasync_example.mediasync_manifest import MediaTags, load_manifest
manifest = load_manifest(${JSON.stringify(manifestPath)})
out = []
for case in json.load(sys.stdin):
    tags = MediaTags(dict(manifest, doctype=case["doctype"], emulateCombo=case.get("emulateCombo", False)),
                     remote=case["options"]["remote"], secure=case["options"].get("secure", True))
    if case["tag"] == "media_url": out.append(tags.media_url(case.get("path")))
    elif case["tag"] == "js": out.append(tags.js(case["path"]))
    elif case["tag"] == "css_print": out.append(tags.css_print(case["path"]))
    else: out.append(tags.css(case["path"], case["media"]) if "media" in case else tags.css(case["path"]))
print(json.dumps(out))
`;
    const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8', env: PYTHON_ENV });
    expect(run.stderr).toBe('');
    const fromPython = JSON.parse(run.stdout) as string[];
    const fromLibrary = cases.map(({ tag, path: relPath, media, doctype, options, emulateCombo }) => {
      const source = { ...manifest, doctype, emulateCombo: emulateCombo ?? false };
      if (tag === 'media_url') return mediaUrl(source, relPath, options);
      if (tag === 'js') return js(source, relPath!, options);
      if (tag === 'css_print') return cssPrint(source, relPath!, options);
      return css(source, relPath!, media, options);
    });
    expect(fromPython).toEqual(fromLibrary);
    expect(fromPython[0]).toBe(`<script type="text/javascript" charset="utf-8" src="/devmedia/scripts/lib.js?${manifest.cacheBuster}"></script>\n<script type="text/javascript" charset="utf-8" src="/devmedia/scripts/app.js?${manifest.cacheBuster}"></script>`);
  });

  test('refuses a file that is not a version 1 manifest', () => {
    const run = spawnSync('python3', ['-c', `import sys; sys.path.insert(0, ${JSON.stringify(path.join(REPO_ROOT, 'examples', 'django'))})
from mediasync_example.mediasync_manifest import load_manifest
load_manifest(${JSON.stringify(path.join(REPO_ROOT, 'package.json'))})`], { encoding: 'utf8', env: PYTHON_ENV });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`ValueError: ${path.join(REPO_ROOT, 'package.json')} is not a mediasync manifest (version 1)`);
  });
});
