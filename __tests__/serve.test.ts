import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { minifySource } from '../src/pipeline/minify.js';
import { settingsTagSource } from '../src/render/tag-source.js';
import { devMounts, type DevMediaOptions } from '../src/serve/dev-media.js';
import { startDevServer, type DevServer } from '../src/serve/server.js';
import { resolveSettings } from '../src/settings/load.js';
import { copyExampleMedia, EXAMPLE_SITE, tempDir } from './helpers/fixtures.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with the path sent exactly as written (fetch would normalise `..` away). */
function raw(server: DevServer, rawPath: string, method = 'GET'): Promise<Reply> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: rawPath, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const scratch = tempDir();
const media = copyExampleMedia(scratch.dir);
const exampleConfig = JSON.parse(readFileSync(path.join(EXAMPLE_SITE, 'mediasync.json'), 'utf8'));
const servers: DevServer[] = [];

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  scratch.remove();
});

async function serve(values: Record<string, unknown> = {}, options: DevMediaOptions = {}): Promise<DevServer> {
  const text = JSON.stringify({ ...exampleConfig, $schema: undefined, MEDIA_ROOT: media, DOCTYPE: 'html5', REMOTE_MEDIA_URL: 'https://cdn.example.com/m', CACHE_BUSTER: 'cb1', ...values });
  const settings = resolveSettings({ file: { path: 'mediasync.json', text }, cwd: scratch.dir });
  const tags = settingsTagSource(settings, { mediaUrl: 'https://cdn.example.com/m', insecureMediaUrl: 'http://cdn.example.com/m', cacheBuster: 'cb1' });
  const server = await startDevServer(devMounts(settings, tags, options), { host: '127.0.0.1', port: 0 });
  servers.push(server);
  return server;
}

const source = (relPath: string): Buffer => readFileSync(path.join(media, relPath));

describe('mediasync serve', () => {
  let server: DevServer;
  beforeAll(async () => {
    server = await serve({}, { pagesDir: path.join(EXAMPLE_SITE, 'pages') });
  });

  test('serves MEDIA_ROOT at MEDIA_URL with the content types the sync uses, uncached', async () => {
    const cssReply = await raw(server, '/devmedia/styles/text.css?cb1');
    expect(cssReply.status).toBe(200);
    expect(cssReply.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(cssReply.headers['cache-control']).toBe('no-cache');
    expect(cssReply.body.equals(source('styles/text.css'))).toBe(true);

    const png = await raw(server, '/devmedia/images/logo.png');
    expect([png.status, png.headers['content-type']]).toEqual([200, 'image/png']);
    expect(png.body.equals(source('images/logo.png'))).toBe(true);
    expect((await raw(server, '/devmedia/images/arrow.svg')).headers['content-type']).toBe('image/svg+xml');
    expect((await raw(server, '/devmedia/scripts/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  test('HEAD answers the headers without a body; other methods get 405', async () => {
    const head = await raw(server, '/devmedia/scripts/lib.js', 'HEAD');
    expect([head.status, head.headers['content-length'], head.body.length]).toEqual([200, String(source('scripts/lib.js').length), 0]);
    const post = await raw(server, '/devmedia/scripts/lib.js', 'POST');
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
  });

  test('hidden and underscore files are 404, as on the remote copy', async () => {
    for (const rawPath of ['/devmedia/.notes', '/devmedia/_drafts/unfinished.css', '/devmedia/%5Fdrafts/unfinished.css', '/devmedia/styles/.hidden.css']) {
      const reply = await raw(server, rawPath);
      expect([rawPath, reply.status]).toEqual([rawPath, 404]);
    }
    expect((await raw(server, '/devmedia/_drafts/unfinished.css')).body.toString()).toBe('_drafts is hidden or starts with an underscore\n');
  });

  test('paths that leave MEDIA_ROOT are 403, however they are spelled', async () => {
    for (const rawPath of ['/devmedia/../mediasync.json', '/devmedia/styles/../../mediasync.json', '/devmedia/%2e%2e/mediasync.json', '/devmedia/..%2fmediasync.json', '/devmedia/styles%5c..%5c..%5cmediasync.json', '/devmedia/./styles/text.css', '/devmedia/%E0%A4%A']) {
      const reply = await raw(server, rawPath);
      expect([rawPath, reply.status]).toEqual([rawPath, 403]);
    }
  });

  test('a symlink out of MEDIA_ROOT, a folder, a missing file and a JOINED alias without EMULATE_COMBO are 404', async () => {
    const outside = path.join(scratch.dir, 'secret.txt');
    writeFileSync(outside, 'secret');
    symlinkSync(outside, path.join(media, 'images', 'leak.txt'));
    for (const rawPath of ['/devmedia/images/leak.txt', '/devmedia/images', '/devmedia/images/', '/devmedia/', '/devmedia/nope.css', '/devmedia/styles/joined.css', '/elsewhere']) {
      const reply = await raw(server, rawPath);
      expect([rawPath, reply.status]).toEqual([rawPath, 404]);
    }
  });

  test('--pages serves index.html at / with its tags rendered for local media', async () => {
    const page = await raw(server, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = page.body.toString();
    expect(html).toContain(
      '<link rel="stylesheet" href="/devmedia/styles/reset.css?cb1" type="text/css" media="screen, projection">\n' +
        '<link rel="stylesheet" href="/devmedia/styles/text.css?cb1" type="text/css" media="screen, projection">'
    );
    expect(html).toContain('<link rel="stylesheet" href="/devmedia/styles/print.css?cb1" type="text/css" media="print">');
    expect(html).toContain('<img id="logo" src="/devmedia/images/logo.png?cb1"');
    expect(html).toContain('<script src="/devmedia/scripts/lib.js?cb1"></script>\n<script src="/devmedia/scripts/app.js?cb1"></script>');
    expect(html).not.toContain('{%');
  });
});

describe('mediasync serve with EMULATE_COMBO, --minify and SERVE_REMOTE', () => {
  test('EMULATE_COMBO serves a JOINED alias as its parts joined, and pages get one tag for it', async () => {
    const server = await serve({ EMULATE_COMBO: true }, { pagesDir: path.join(EXAMPLE_SITE, 'pages') });
    const css = await raw(server, '/devmedia/styles/joined.css');
    expect([css.status, css.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
    expect(css.body.toString()).toBe(`${source('styles/reset.css')}\n${source('styles/text.css')}`);
    const js = await raw(server, '/devmedia/scripts/joined.js');
    expect(js.body.toString()).toBe(`${source('scripts/lib.js')};\n${source('scripts/app.js')}`);
    const html = (await raw(server, '/index.html')).body.toString();
    expect(html).toContain('<script src="/devmedia/scripts/joined.js?cb1"></script>');
    expect(html).not.toContain('scripts/lib.js');
  });

  test('--minify serves JS and CSS as the sync minifies them, bundles included', async () => {
    const server = await serve({ EMULATE_COMBO: true }, { minify: true });
    const text = await raw(server, '/devmedia/styles/text.css');
    expect(text.body.toString()).toBe((await minifySource('css', source('styles/text.css'), 'styles/text.css')).toString());
    const joined = await raw(server, '/devmedia/scripts/joined.js');
    const lib = await minifySource('js', source('scripts/lib.js'), 'scripts/lib.js');
    const app = await minifySource('js', source('scripts/app.js'), 'scripts/app.js');
    expect(joined.body.toString()).toBe(`${lib};\n${app}`);
    expect((await raw(server, '/devmedia/images/logo.png')).body.equals(source('images/logo.png'))).toBe(true);
  });

  test('--minify answers a file it cannot parse with 500 and the position', async () => {
    writeFileSync(path.join(media, 'scripts', 'broken.js'), 'function (');
    const server = await serve({}, { minify: true });
    const reply = await raw(server, '/devmedia/scripts/broken.js');
    expect(reply.status).toBe(500);
    expect(reply.body.toString()).toMatch(/^scripts\/broken\.js:1:\d+: cannot minify: /);
  });

  test('SERVE_REMOTE redirects media requests to the remote copy (http, the page being http), and pages point there', async () => {
    const server = await serve({ SERVE_REMOTE: true }, { pagesDir: path.join(EXAMPLE_SITE, 'pages') });
    const reply = await raw(server, '/devmedia/images/logo.png');
    expect([reply.status, reply.headers.location]).toEqual([302, 'http://cdn.example.com/m/images/logo.png?cb1']);
    expect((await raw(server, '/devmedia/_drafts/unfinished.css')).status).toBe(404);
    const html = (await raw(server, '/')).body.toString();
    expect(html).toContain('<script src="http://cdn.example.com/m/scripts/joined.js?cb1"></script>');
    expect(html).toContain('href="http://cdn.example.com/m/styles/joined.css?cb1"');
  });

  test('--local overrides SERVE_REMOTE', async () => {
    const server = await serve({ SERVE_REMOTE: true }, { remote: false });
    expect((await raw(server, '/devmedia/images/logo.png')).status).toBe(200);
  });
});
