// FINGERPRINT + SRI in headless Chromium, from the store: a page on another origin, rendered from the
// manifest with the library's tags, loads every stylesheet (one @imported, one JOINED from other
// folders), image, font, classic script and ES module (relative static imports across folders, of
// modules, a plain script and JSON, and a dynamic import, found through the import map) at its
// content-hashed key, with integrity
// checked and no request failing. Then bytes changed in the store under the same keys are blocked.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { chromium, type Browser } from 'playwright-core';
import { runJob } from '../src/job.js';
import type { Manifest } from '../src/render/manifest.js';
import { renderPage } from '../src/render/page.js';
import { parseManifest } from '../src/render/read-manifest.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';
import { getObject, S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

const BUCKET = 'fingerprint-media';
const PREFIX = 'site/media';
/** A real TrueType font that ships in a devDependency (the same one browser-joined-css uses). */
const FONT = path.join(process.cwd(), 'node_modules/playwright-core/lib/vite/traceViewer/codicon.DCmgc-ay.ttf');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const MEDIA: Record<string, string | Buffer> = {
  // Imports a stylesheet from a subfolder; its font and image are in sibling folders.
  'styles/site.css':
    '@import "base/colors.css";\n' +
    '@font-face {\n  font-family: "Icons";\n  src: url("../fonts/icons.ttf") format("truetype");\n}\n' +
    '.logo {\n  display: block;\n  width: 10px;\n  height: 10px;\n  background-image: url(../images/logo.png);\n}\n' +
    '.icon {\n  font-family: "Icons", monospace;\n}\n',
  'styles/base/colors.css': 'h1 {\n  color: rgb(12, 84, 160);\n}\n',
  // Parts of the JOINED bundles/widgets.css: their url()s are rebased to bundles/, then fingerprinted.
  'widgets/card/card.css': '.card {\n  border-top: 3px solid rgb(200, 10, 20);\n  background-image: url(bg.png);\n}\n',
  'widgets/badge.css': '.badge {\n  margin-left: 7px;\n  background-image: url("../images/badge.png");\n}\n',
  'images/logo.png': PNG,
  'widgets/card/bg.png': PNG,
  'images/badge.png': PNG,
  // Shown with <img src="{% media_url %}">.
  'images/mark.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="8"><rect width="16" height="8" fill="#0c54a0"/></svg>\n',
  'scripts/classic.js': 'var classicGreeting = "classic " + (1 + 1);\nwindow.classicRan = classicGreeting;\n',
  'scripts/app/main.js':
    "import { twice } from './util.js';\nimport { label } from '../lib/label.js';\n" +
    // Not modules themselves: a plain script run for its effect, and JSON.
    "import './side.js';\nimport data from './data.json' with { type: 'json' };\n" +
    'window.moduleMain = label(twice(21));\nwindow.moduleData = data.answer + " after " + window.sideRan;\n' +
    "import('./lazy.js').then(\n  (lazy) => { window.moduleLazy = lazy.lazy(); },\n  (error) => { window.moduleLazyError = String(error); }\n);\n",
  'scripts/app/side.js': 'window.sideRan = "side " + (1 + 2);\n',
  'scripts/app/data.json': '{"answer": "json"}\n',
  'scripts/app/util.js': 'export function twice(value) {\n  return value * 2;\n}\n',
  'scripts/app/lazy.js': "import { twice } from './util.js';\nexport function lazy() {\n  return 'lazy ' + twice(2);\n}\n",
  'scripts/lib/label.js': "export const label = (value) => 'answer ' + value;\nwindow.moduleLabel = 'label loaded';\n"
};
const JOINED = { 'bundles/widgets.css': ['widgets/card/card.css', 'widgets/badge.css'] };

const TEMPLATE = `<!doctype html>
<html>
<head>
<link rel="icon" href="data:,">
{% importmap %}
{% css "styles/site.css" %}
{% css "bundles/widgets.css" %}
{% js "scripts/classic.js" %}
{% js "scripts/app/main.js" %}
</head>
<body>
<h1>Title</h1>
<span class="logo"></span>
<p class="icon">icons</p>
<div class="card">card</div>
<div class="badge">badge</div>
<img id="mark" src="{% media_url "images/mark.svg" %}" alt="">
</body>
</html>
`;

/** What the page loads from the store, as logical paths. */
const LOADED = [
  'styles/site.css',
  'styles/base/colors.css',
  'fonts/icons.ttf',
  'images/logo.png',
  'bundles/widgets.css',
  'widgets/card/bg.png',
  'images/badge.png',
  'images/mark.svg',
  'scripts/classic.js',
  'scripts/app/main.js',
  'scripts/app/side.js',
  'scripts/app/data.json',
  'scripts/app/util.js',
  'scripts/app/lazy.js',
  'scripts/lib/label.js'
];
const MODULES = ['scripts/app/lazy.js', 'scripts/app/main.js', 'scripts/app/util.js', 'scripts/lib/label.js'];

interface Seen {
  /** Keys requested from the store, relative to the prefix. */
  keys: string[];
  /** Every request's URL other than the store's and the page's. */
  elsewhere: string[];
  failures: string[];
  consoleErrors: string[];
  headers: Record<string, Record<string, string>>;
  state: {
    headingColor: string;
    logoBackground: string;
    cardBorder: string;
    cardBackground: string;
    badgeMargin: string;
    badgeBackground: string;
    iconFont: string;
    fonts: string[];
    markWidth: number;
    classicRan: unknown;
    moduleMain: unknown;
    moduleLabel: unknown;
    moduleData: unknown;
    moduleLazy: unknown;
    moduleLazyError: unknown;
  };
}

describe('FINGERPRINT and SRI in headless Chromium, from the store', () => {
  let browser: Browser;
  let s3: TestS3;
  let pageServer: http.Server;
  let pageUrl = '';
  let html = '';
  let manifest: Manifest;
  const scratch = tempDir();
  const media = path.join(scratch.dir, 'media');
  let storeBase = '';

  beforeAll(async () => {
    for (const [rel, body] of Object.entries(MEDIA)) {
      mkdirSync(path.dirname(path.join(media, rel)), { recursive: true });
      writeFileSync(path.join(media, rel), body);
    }
    mkdirSync(path.join(media, 'fonts'));
    copyFileSync(FONT, path.join(media, 'fonts/icons.ttf'));
    s3 = await startTestS3([BUCKET], { cors: [BUCKET] });
    storeBase = `${s3.endpoint}/${BUCKET}/${PREFIX}/`;
    pageServer = http.createServer((request, response) => {
      if (request.url === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(html);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => pageServer?.close(resolve));
    await s3?.stop();
    scratch.remove();
  });

  /** Open the page in a fresh context (its own HTTP cache) and read what the media did. */
  async function visit(): Promise<Seen> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const keys: string[] = [];
    const elsewhere: string[] = [];
    const failures: string[] = [];
    const consoleErrors: string[] = [];
    const headers: Promise<[string, Record<string, string>]>[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith(storeBase)) keys.push(decodeURIComponent(new URL(url).pathname.slice(new URL(storeBase).pathname.length)));
      else if (url !== pageUrl) elsewhere.push(url);
    });
    page.on('response', (response) => {
      if (response.status() !== 200) failures.push(`${response.status()} ${response.url()}`);
      if (response.url().startsWith(storeBase)) headers.push(response.allHeaders().then((all) => [response.url().slice(storeBase.length), all]));
    });
    page.on('requestfailed', (request) => failures.push(`${request.failure()?.errorText} ${request.url()}`));
    page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    try {
      await page.goto(pageUrl, { waitUntil: 'load' });
      // main.js runs in both tests: its dynamic import ends one way or the other. When main.js
      // never ran, go on after a while: the failures and the state below then say why.
      await page.waitForFunction('window.moduleLazy !== undefined || window.moduleLazyError !== undefined', undefined, { timeout: 10_000 }).catch(() => undefined);
      await page.evaluate('document.fonts.ready');
      await page.waitForLoadState('networkidle');
      // Run in the page, written as text: the project's types have no DOM.
      const state = await page.evaluate<Seen['state']>(`({
        headingColor: getComputedStyle(document.querySelector('h1')).color,
        logoBackground: getComputedStyle(document.querySelector('.logo')).backgroundImage,
        cardBorder: getComputedStyle(document.querySelector('.card')).borderTopColor,
        cardBackground: getComputedStyle(document.querySelector('.card')).backgroundImage,
        badgeMargin: getComputedStyle(document.querySelector('.badge')).marginLeft,
        badgeBackground: getComputedStyle(document.querySelector('.badge')).backgroundImage,
        iconFont: getComputedStyle(document.querySelector('.icon')).fontFamily,
        fonts: [...document.fonts].map((font) => font.family + ' ' + font.status),
        markWidth: document.getElementById('mark').complete ? document.getElementById('mark').naturalWidth : 0,
        classicRan: window.classicRan,
        moduleMain: window.moduleMain,
        moduleLabel: window.moduleLabel,
        moduleData: window.moduleData,
        moduleLazy: window.moduleLazy,
        moduleLazyError: window.moduleLazyError
      })`);
      return { keys: [...new Set(keys)].sort(), elsewhere, failures, consoleErrors, headers: Object.fromEntries(await Promise.all(headers)), state };
    } finally {
      await context.close();
    }
  }

  const keyOf = (rel: string): string => {
    const key = manifest.files[rel]?.key;
    if (key === undefined) throw new Error(`no key for ${rel} in the manifest`);
    return key;
  };

  test('the synced page loads everything at fingerprinted keys with SRI, and every module runs', async () => {
    const settings = resolveSettings({
      file: {
        path: path.join(scratch.dir, 'mediasync.json'),
        text: JSON.stringify({
          MEDIA_ROOT: 'media',
          AWS_BUCKET: BUCKET,
          AWS_PREFIX: PREFIX,
          AWS_ENDPOINT: s3.endpoint,
          AWS_KEY: S3_CREDENTIALS.accessKeyId,
          AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
          MANIFEST_PATH: 'mediasync-manifest.json',
          JOINED,
          FINGERPRINT: true,
          SRI: true,
          MINIFY: true,
          DOCTYPE: 'html5'
        })
      },
      cwd: scratch.dir
    });
    await runJob(settings);
    manifest = parseManifest(readFileSync(path.join(scratch.dir, 'mediasync-manifest.json'), 'utf8'));
    html = renderPage(TEMPLATE, manifest, { remote: true, secure: false });

    // The manifest: every file at a hashed key with an integrity, the modules marked.
    for (const rel of LOADED) {
      expect([rel, keyOf(rel)]).toEqual([rel, expect.stringMatching(/\.[0-9a-f]{12}\.[a-z0-9]+$/)]);
      expect(keyOf(rel).replace(/\.[0-9a-f]{12}(\.[a-z0-9]+)$/, '$1')).toBe(rel);
      expect(manifest.files[rel].integrity).toMatch(/^sha384-[A-Za-z0-9+/]{64}$/);
    }
    expect(Object.keys(manifest.files).filter((rel) => manifest.files[rel].module).sort()).toEqual(MODULES);
    expect(Object.keys(manifest.files).filter((rel) => manifest.files[rel].imported).sort()).toEqual(['scripts/app/data.json', 'scripts/app/lazy.js', 'scripts/app/side.js', 'scripts/app/util.js', 'scripts/lib/label.js']);
    // Stylesheets and scripts go gzipped: the integrity is of what the browser gets after undoing it.
    expect(manifest.files['styles/site.css'].contentEncoding).toBe('gzip');
    expect(manifest.insecureMediaUrl).toBe(storeBase.slice(0, -1));

    // The page: the import map first, then SRI on every tag.
    expect(html.indexOf('<script type="importmap">')).toBeLessThan(html.indexOf('<link rel="stylesheet"'));
    expect(html).toContain(`<link rel="stylesheet" href="${storeBase}${keyOf('styles/site.css')}" type="text/css" media="screen, projection" integrity="${manifest.files['styles/site.css'].integrity}" crossorigin="anonymous">`);
    expect(html).toContain(`<link rel="stylesheet" href="${storeBase}${keyOf('bundles/widgets.css')}" type="text/css" media="screen, projection" integrity="${manifest.files['bundles/widgets.css'].integrity}" crossorigin="anonymous">`);
    expect(html).toContain(`<script type="module" src="${storeBase}${keyOf('scripts/app/main.js')}" integrity="${manifest.files['scripts/app/main.js'].integrity}" crossorigin="anonymous"></script>`);
    expect(html).toContain(`<script src="${storeBase}${keyOf('scripts/classic.js')}" integrity="${manifest.files['scripts/classic.js'].integrity}" crossorigin="anonymous"></script>`);

    const seen = await visit();
    expect(seen.failures).toEqual([]);
    expect(seen.consoleErrors).toEqual([]);
    expect(seen.elsewhere).toEqual([]);
    expect(seen.keys).toEqual(LOADED.map(keyOf).sort());
    for (const key of seen.keys) expect(key).toMatch(/\.[0-9a-f]{12}\./);
    expect(Object.keys(seen.headers).sort()).toEqual(seen.keys);
    for (const [key, headers] of Object.entries(seen.headers)) {
      expect([key, headers['cache-control']]).toEqual([key, 'public, max-age=31536000, immutable']);
      // Stylesheets, scripts, modules and fonts are CORS requests (the <img> and CSS images are not).
      if (!/\.(png|svg)$/.test(key)) expect([key, headers['access-control-allow-origin']]).toEqual([key, '*']);
    }
    // Gzipped in the store, so the integrity holds for the bytes after Content-Encoding is undone.
    for (const rel of ['styles/site.css', 'bundles/widgets.css', 'scripts/classic.js', 'scripts/app/main.js']) {
      expect([rel, seen.headers[keyOf(rel)]['content-encoding']]).toEqual([rel, 'gzip']);
    }
    expect(seen.state).toEqual({
      headingColor: 'rgb(12, 84, 160)', // styles/base/colors.css, @imported by site.css
      logoBackground: `url("${storeBase}${keyOf('images/logo.png')}")`,
      cardBorder: 'rgb(200, 10, 20)', // widgets/card/card.css, a part of the bundle
      cardBackground: `url("${storeBase}${keyOf('widgets/card/bg.png')}")`, // url(bg.png) rebased to bundles/, then hashed
      badgeMargin: '7px',
      badgeBackground: `url("${storeBase}${keyOf('images/badge.png')}")`,
      iconFont: 'Icons, monospace', // the minifier drops the quotes
      fonts: ['Icons loaded'],
      markWidth: 16,
      classicRan: 'classic 2',
      moduleMain: 'answer 42',
      moduleLabel: 'label loaded',
      moduleData: 'json after side 3',
      moduleLazy: 'lazy 4',
      moduleLazyError: undefined
    });
  }, 120_000);

  test('bytes changed in the store under the same key are blocked by SRI, and nothing else changes', async () => {
    expect(manifest).toBeDefined();
    const tampered: Record<string, string> = {
      'bundles/widgets.css': '.card{border-top:3px solid rgb(1,2,3)}.badge{margin-left:70px}',
      'scripts/app/lazy.js': "export function lazy(){return 'tampered'}"
    };
    for (const [rel, body] of Object.entries(tampered)) {
      const original = await getObject(s3.client, BUCKET, `${PREFIX}/${keyOf(rel)}`);
      await s3.client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}/${keyOf(rel)}`, Body: body, ContentType: original.contentType, CacheControl: original.cacheControl })
      );
    }

    const seen = await visit();
    // Blocked: the bundle's images are never asked for, the lazy module's import fails.
    expect(seen.keys).toEqual(LOADED.filter((rel) => rel !== 'widgets/card/bg.png' && rel !== 'images/badge.png').map(keyOf).sort());
    expect(seen.failures).toEqual([]);
    expect(seen.elsewhere).toEqual([]);
    // "Failed to find a valid digest in the 'integrity' attribute for resource '…' … The resource has been blocked."
    expect(seen.consoleErrors).toHaveLength(2);
    for (const error of seen.consoleErrors) expect(error).toMatch(/'integrity' attribute.*blocked/);
    expect(seen.consoleErrors.map((error) => /resource '([^']+)'/.exec(error)?.[1]).sort()).toEqual(Object.keys(tampered).map((rel) => `${storeBase}${keyOf(rel)}`).sort());
    expect(seen.state).toEqual({
      headingColor: 'rgb(12, 84, 160)',
      logoBackground: `url("${storeBase}${keyOf('images/logo.png')}")`,
      cardBorder: 'rgb(0, 0, 0)', // currentColor: the bundle's rules are absent, tampered ones too
      cardBackground: 'none',
      badgeMargin: '0px',
      badgeBackground: 'none',
      iconFont: 'Icons, monospace', // the minifier drops the quotes
      fonts: ['Icons loaded'],
      markWidth: 16,
      classicRan: 'classic 2',
      moduleMain: 'answer 42',
      moduleLabel: 'label loaded',
      moduleData: 'json after side 3',
      moduleLazy: undefined,
      moduleLazyError: expect.stringContaining('TypeError')
    });
  }, 120_000);
});
