import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { runJob } from '../src/job.js';
import { loadTagSource } from '../src/local-media.js';
import type { Manifest } from '../src/render/manifest.js';
import { devMounts } from '../src/serve/dev-media.js';
import { startDevServer, type DevServer } from '../src/serve/server.js';
import { resolveSettings } from '../src/settings/load.js';
import type { Settings } from '../src/settings/schema.js';
import { EXAMPLE_MEDIA, EXAMPLE_SITE, tempDir } from './helpers/fixtures.js';
import { S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

const PAGES = path.join(EXAMPLE_SITE, 'pages');

interface SeenResponse {
  url: string;
  headers: Record<string, string>;
}

interface PageVisit {
  demo: unknown;
  marker: string | null;
  greeting: string | null;
  headingColor: string;
  bodyMargin: string;
  printBanner: string;
  logoWidth: number;
  responses: SeenResponse[];
  failures: string[];
}

/** Open the page in headless Chromium and read what the joined JS, the joined CSS and the image did. */
async function visit(browser: Browser, url: string): Promise<PageVisit> {
  const page = await browser.newPage();
  const responses: Promise<SeenResponse>[] = [];
  const failures: string[] = [];
  page.on('response', (response) => {
    responses.push(response.allHeaders().then((headers) => ({ url: response.url(), headers })));
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failures.push(`${request.failure()?.errorText} ${request.url()}`));
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('html[data-mediasync="ready"]');
    await page.waitForLoadState('networkidle');
    // Run in the page, written as text: the project's types have no DOM.
    const seen = await page.evaluate<Omit<PageVisit, 'printBanner' | 'responses' | 'failures'>>(`({
      demo: window.mediasyncDemo,
      marker: document.documentElement.getAttribute('data-mediasync'),
      greeting: document.getElementById('greeting')?.textContent ?? null,
      headingColor: getComputedStyle(document.querySelector('h1')).color,
      bodyMargin: getComputedStyle(document.body).margin,
      logoWidth: document.getElementById('logo').complete ? document.getElementById('logo').naturalWidth : 0
    })`);
    await page.emulateMedia({ media: 'print' });
    const printBanner = await page.evaluate<string>(`getComputedStyle(document.querySelector('.banner')).display`);
    return { ...seen, printBanner, responses: await Promise.all(responses), failures };
  } finally {
    await page.close();
  }
}

/** What the issue asks of the page wherever its media comes from. */
function expectWorkingPage(seen: PageVisit): void {
  expect(seen.failures).toEqual([]);
  expect(seen.demo).toEqual({ joined: true, message: 'Hello, mediasync!' });
  expect(seen.marker).toBe('ready');
  expect(seen.greeting).toBe('Hello, mediasync!');
  expect(seen.headingColor).toBe('rgb(12, 84, 160)'); // text.css, second part of joined.css
  expect(seen.bodyMargin).toBe('0px'); // reset.css, first part
  expect(seen.printBanner).toBe('none'); // print.css, linked with media="print"
  expect(seen.logoWidth).toBe(48);
}

const urlsOf = (responses: SeenResponse[]): string[] => responses.map((response) => new URL(response.url).pathname).sort();

describe('the example page in headless Chromium', () => {
  let browser: Browser;
  let s3: TestS3;
  const scratch = tempDir();
  let settings: Settings;
  const servers: DevServer[] = [];

  beforeAll(async () => {
    s3 = await startTestS3(['example-media']);
    const example = JSON.parse(readFileSync(path.join(EXAMPLE_SITE, 'mediasync.json'), 'utf8'));
    const text = JSON.stringify({
      ...example,
      $schema: undefined,
      MEDIA_ROOT: EXAMPLE_MEDIA,
      MANIFEST_PATH: path.join(scratch.dir, 'mediasync-manifest.json'),
      AWS_ENDPOINT: s3.endpoint,
      AWS_KEY: S3_CREDENTIALS.accessKeyId,
      AWS_SECRET: S3_CREDENTIALS.secretAccessKey
    });
    settings = resolveSettings({ file: { path: path.join(scratch.dir, 'mediasync.json'), text }, cwd: scratch.dir });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
    });
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
    await s3?.stop();
    scratch.remove();
  });

  async function servePages(remote: boolean): Promise<DevServer> {
    const server = await startDevServer(devMounts(settings, await loadTagSource(settings), { pagesDir: PAGES, remote }), { host: '127.0.0.1', port: 0 });
    servers.push(server);
    return server;
  }

  test('served locally by mediasync serve: one tag per part, all media from /devmedia/', async () => {
    const server = await servePages(false);
    const seen = await visit(browser, `${server.url}/`);
    expectWorkingPage(seen);
    expect(urlsOf(seen.responses)).toEqual([
      '/',
      '/devmedia/images/arrow.svg',
      '/devmedia/images/logo.png',
      '/devmedia/scripts/app.js',
      '/devmedia/scripts/lib.js',
      '/devmedia/styles/print.css',
      '/devmedia/styles/reset.css',
      '/devmedia/styles/text.css'
    ]);
  });

  test('after a sync to s3rver, the same page loads the gzipped bundles from the synced copy', async () => {
    const result = await runJob(settings);
    expect(result.uploaded.length).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(settings.MANIFEST_PATH, 'utf8')) as Manifest;
    expect(manifest.files['styles/joined.css'].contentEncoding).toBe('gzip');
    expect(manifest.files['scripts/joined.js'].contentEncoding).toBe('gzip');

    const server = await servePages(true);
    const seen = await visit(browser, `${server.url}/`);
    expectWorkingPage(seen);
    const bucketPath = '/example-media/site/media';
    expect(urlsOf(seen.responses)).toEqual([
      '/',
      `${bucketPath}/images/arrow.svg`,
      `${bucketPath}/images/logo.png`,
      `${bucketPath}/scripts/joined.js`,
      `${bucketPath}/styles/joined.css`,
      `${bucketPath}/styles/print.css`
    ]);
    for (const response of seen.responses.filter((r) => r.url.startsWith(s3.endpoint))) {
      const key = new URL(response.url).pathname.slice(bucketPath.length + 1);
      // Tags carry the cache-buster; the stylesheet's relative url(../images/arrow.svg) does not.
      expect(new URL(response.url).search).toBe(key === 'images/arrow.svg' ? '' : `?${manifest.cacheBuster}`);
      const file = manifest.files[key];
      expect([key, response.headers['content-type'], response.headers['content-encoding'] ?? null]).toEqual([key, file.contentType, file.contentEncoding]);
    }
    const bundles = seen.responses.filter((r) => /joined\.(css|js)/.test(r.url));
    expect(bundles.map((r) => r.headers['content-encoding'])).toEqual(['gzip', 'gzip']);
  });
});
