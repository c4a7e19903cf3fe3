import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
// Debian's Python, where scripts/test-prereqs.mjs installs python3-django (a python3 earlier on PATH may be another).
const DEBIAN_PYTHON = '/usr/bin/python3';
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

type DjangoCase = { tag: 'media_url' | 'js' | 'css' | 'css_print'; path?: string; media?: string; doctype: Manifest['doctype']; options: TagOptions; emulateCombo?: boolean; perPath?: boolean };
const cases: DjangoCase[] = [];
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
// A CACHE_BUSTER function's per-path values (the manifest's cacheBusters).
cases.push({ tag: 'js', path: 'joined.js', doctype: 'html5', options: { remote: false }, perPath: true });
cases.push({ tag: 'media_url', path: '/images/logo.png', doctype: 'html5', options: { remote: true }, perPath: true });

const PER_PATH = { 'scripts/lib.js': 'lib-1', 'images/logo.png': 'logo 2' };
const caseSource = ({ doctype, emulateCombo, perPath }: DjangoCase): Manifest => ({ ...manifest, doctype, emulateCombo: emulateCombo ?? false, ...(perPath ? { cacheBusters: PER_PATH } : {}) });

/** What the Node library renders for each case. */
const fromLibrary = () =>
  cases.map((testCase) => {
    const { tag, path: relPath, media, options } = testCase;
    const source = caseSource(testCase);
    if (tag === 'media_url') return mediaUrl(source, relPath, options);
    if (tag === 'js') return js(source, relPath!, options);
    if (tag === 'css_print') return cssPrint(source, relPath!, options);
    return css(source, relPath!, media, options);
  });

describe('examples/django', () => {
  // The template tags' logic, run with plain python3.
  test('renders every tag exactly as the mediasync library does', () => {
    const script = `
import json, sys
sys.path.insert(0, ${JSON.stringify(path.join(REPO_ROOT, 'examples', 'django'))})
from mediasync_example.mediasync_manifest import MediaTags, load_manifest
manifest = load_manifest(${JSON.stringify(manifestPath)})
out = []
for case in json.load(sys.stdin):
    variant = dict(manifest, doctype=case["doctype"], emulateCombo=case.get("emulateCombo", False))
    if case.get("perPath"): variant["cacheBusters"] = ${JSON.stringify(PER_PATH)}
    tags = MediaTags(variant,
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
    expect(fromPython).toEqual(fromLibrary());
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

describe('examples/django inside Django (Debian python3-django)', () => {
  const django = path.join(REPO_ROOT, 'examples', 'django');

  test('the template tags render every case as the library does, with the request deciding https', () => {
    // One manifest file per case, as MEDIASYNC_MANIFEST names a file.
    const withFiles = cases.map((testCase, index) => {
      const file = path.join(scratch.dir, `django-manifest-${index}.json`);
      writeFileSync(file, JSON.stringify(caseSource(testCase)));
      return { ...testCase, manifest: file };
    });
    const script = `
import json, os, sys
sys.path.insert(0, ${JSON.stringify(django)})
import django
from django.conf import settings
import settings_media
settings.configure(
    INSTALLED_APPS=["mediasync_example"],
    ALLOWED_HOSTS=["*"],
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [${JSON.stringify(path.join(django, 'templates'))}],
                "OPTIONS": {"context_processors": ["django.template.context_processors.request"]}}],
    MEDIASYNC_MANIFEST=settings_media.MEDIASYNC_MANIFEST,
    MEDIASYNC_SERVE_REMOTE=settings_media.MEDIASYNC_SERVE_REMOTE,
)
django.setup()
from django.template import engines
from django.test import RequestFactory
from mediasync_example.templatetags import media
engine = engines["django"]
TAGS = {"media_url": "{% media_url path %}", "js": "{% js path %}", "css": "{% css path %}", "css_print": "{% css_print path %}"}
out = []
for case in json.load(sys.stdin):
    settings.MEDIASYNC_MANIFEST = case["manifest"]
    settings.MEDIASYNC_SERVE_REMOTE = case["options"]["remote"]
    media._manifest.cache_clear()
    request = RequestFactory().get("/", secure=case["options"].get("secure", True))
    source = "{% css path media %}" if "media" in case else TAGS[case["tag"]]
    # autoescape off: media_url returns a plain string, which a template would escape for HTML.
    template = engine.from_string("{% load media %}{% autoescape off %}" + source + "{% endautoescape %}")
    out.append(template.render({"path": case.get("path"), "media": case.get("media")}, request))
settings.MEDIASYNC_MANIFEST = os.environ["MEDIASYNC_MANIFEST_PATH"]
settings.MEDIASYNC_SERVE_REMOTE = True
media._manifest.cache_clear()
out.append(engine.get_template("index.html").render({}, RequestFactory().get("/", secure=True)))
print(json.dumps(out))
`;
    const run = spawnSync(DEBIAN_PYTHON, ['-c', script], { input: JSON.stringify(withFiles), encoding: 'utf8', env: { ...PYTHON_ENV, MEDIASYNC_MANIFEST_PATH: manifestPath, MEDIASYNC_SERVE_REMOTE: 'true' } });
    expect(run.stderr).toBe('');
    const rendered = JSON.parse(run.stdout) as string[];
    const page = rendered.pop()!;
    expect(rendered).toEqual(fromLibrary());
    // The example page, rendered by Django from the example settings and the sync's manifest.
    const remote = { remote: true };
    for (const tag of [css(manifest, 'joined.css', undefined, remote), cssPrint(manifest, 'print.css', remote), js(manifest, 'joined.js', remote)]) expect(page).toContain(tag);
    expect(page).toContain(`<img src="${mediaUrl(manifest, 'images/logo.png', remote)}" alt="logo">`);
  });
});
