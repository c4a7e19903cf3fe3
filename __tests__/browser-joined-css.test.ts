// A JOINED stylesheet whose parts live in three folders, each with a relative background image and
// web font, loaded in headless Chromium from s3rver after a sync and from `mediasync serve` with
// EMULATE_COMBO: every image and font must load from the one bundle, and no request may fail.
import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { S3Backend } from '../src/backends/s3.js';
import { loadTagSource } from '../src/local-media.js';
import { syncMedia } from '../src/pipeline/sync.js';
import { devMounts } from '../src/serve/dev-media.js';
import { startDevServer } from '../src/serve/server.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';
import { S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A real TrueType font that ships in a devDependency. */
function findFont(folder: string): string | undefined {
  for (const name of readdirSync(folder)) {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) {
      const found = findFont(full);
      if (found) return found;
    } else if (name.endsWith('.ttf')) return full;
  }
  return undefined;
}

const PARTS: Record<string, string> = {
  'styles/site.css': '@font-face { font-family: FamA; src: url("fonts/a.ttf") format("truetype") }\n.a { background-image: url(img/a.png); font-family: FamA }',
  'vendor/widget/widget.css':
    "@font-face { font-family: FamB; src: url('../../shared/fonts/b.ttf?v=2#b') format('truetype') }\n.b { background-image: url(../../shared/b.png?v=1); font-family: FamB }",
  'themes/dark/theme.css':
    '/* url(not-a-request.png) */\n@font-face { font-family: FamC; src: URL( "fonts/c font.ttf" ) format("truetype") }\n.c { background: url(data:image/gif;base64,R0lGODlhAQABAAAAACw=), URL( "c (1).png" ); font-family: FamC }'
};
const IMAGES = ['styles/img/a.png', 'shared/b.png', 'themes/dark/c (1).png'];
const FONTS = ['styles/fonts/a.ttf', 'shared/fonts/b.ttf', 'themes/dark/fonts/c font.ttf'];
const PAGE = '<!doctype html><html><head><link rel="stylesheet" href="../bundles/all.css"></head><body><p class="a">a</p><p class="b">b</p><p class="c">c</p></body></html>';

interface Seen {
  requests: string[];
  failures: string[];
  backgrounds: string[];
  fonts: string[];
}

async function visit(browser: Browser, url: string): Promise<Seen> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const failures: string[] = [];
  page.on('response', (response) => {
    requests.push(decodeURI(new URL(response.url()).pathname));
    if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failures.push(`${request.failure()?.errorText} ${request.url()}`));
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready');
    await page.waitForLoadState('networkidle');
    const seen = await page.evaluate<{ backgrounds: string[]; fonts: string[] }>(`({
      backgrounds: ['a', 'b', 'c'].map((name) => getComputedStyle(document.querySelector('.' + name)).backgroundImage),
      fonts: [...document.fonts].map((font) => font.family + ' ' + font.status).sort()
    })`);
    return { requests: requests.sort(), failures, ...seen };
  } finally {
    await page.close();
  }
}

describe('a JOINED stylesheet from three folders, in headless Chromium', () => {
  let browser: Browser;
  let s3: TestS3;
  const scratch = tempDir();
  const media = path.join(scratch.dir, 'media');

  beforeAll(async () => {
    const font = findFont(path.join(process.cwd(), 'node_modules/playwright-core'));
    if (!font) throw new Error('no .ttf in node_modules/playwright-core');
    const write = (rel: string, body: string | Buffer) => {
      mkdirSync(path.dirname(path.join(media, rel)), { recursive: true });
      writeFileSync(path.join(media, rel), body);
    };
    for (const [rel, css] of Object.entries(PARTS)) write(rel, css);
    for (const rel of IMAGES) write(rel, PNG);
    for (const rel of FONTS) {
      write(rel, '');
      copyFileSync(font, path.join(media, rel));
    }
    write('pages/index.html', PAGE);
    s3 = await startTestS3(['joined-media']);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    await s3?.stop();
    scratch.remove();
  });

  const settingsFor = (overrides: Record<string, unknown>) =>
    resolveSettings({
      file: {
        path: path.join(scratch.dir, 'mediasync.json'),
        text: JSON.stringify({
          MEDIA_ROOT: 'media',
          AWS_BUCKET: 'joined-media',
          AWS_PREFIX: 'site/media',
          AWS_ENDPOINT: s3.endpoint,
          AWS_KEY: S3_CREDENTIALS.accessKeyId,
          AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
          MANIFEST_PATH: 'mediasync-manifest.json',
          JOINED: { 'bundles/all.css': Object.keys(PARTS) },
          ...overrides
        })
      },
      cwd: scratch.dir
    });

  function expectEverythingLoaded(seen: Seen, base: string): void {
    expect(seen.failures).toEqual([]);
    expect(seen.requests).toEqual([`${base}/bundles/all.css`, ...IMAGES.map((rel) => `${base}/${rel}`), ...FONTS.map((rel) => `${base}/${rel}`), `${base}/pages/index.html`].sort());
    expect(seen.fonts).toEqual(['FamA loaded', 'FamB loaded', 'FamC loaded']);
    expect(seen.backgrounds.map((value) => decodeURI(value))).toEqual([
      expect.stringContaining(`${base}/styles/img/a.png")`),
      expect.stringContaining(`${base}/shared/b.png?v=1")`),
      expect.stringMatching(new RegExp(`^url\\("data:image/gif;base64,R0lGODlhAQABAAAAACw="\\), url\\(".*${base}/themes/dark/c \\(1\\)\\.png"\\)$`))
    ]);
  }

  for (const MINIFY of [true, false]) {
    test(`from s3rver after a sync with MINIFY ${MINIFY ? 'on' : 'off'}`, async () => {
      const settings = settingsFor({ MINIFY });
      await syncMedia(settings, { client: new S3Backend(settings), hashCacheFile: false, force: true });
      expectEverythingLoaded(await visit(browser, `${s3.endpoint}/joined-media/site/media/pages/index.html`), '/joined-media/site/media');
    }, 60_000);
  }

  test('from mediasync serve with EMULATE_COMBO, the bundle as it is stored', async () => {
    const settings = settingsFor({ EMULATE_COMBO: true });
    const server = await startDevServer(devMounts(settings, await loadTagSource(settings), { remote: false }), { host: '127.0.0.1', port: 0 });
    try {
      expectEverythingLoaded(await visit(browser, `${server.url}/devmedia/pages/index.html`), '/devmedia');
    } finally {
      await server.close();
    }
  }, 60_000);
});
