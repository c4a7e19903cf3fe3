import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLE_MEDIA, EXAMPLE_SITE, REPO_ROOT, tempDir } from './helpers/fixtures.js';
import { runCli, type Run } from './helpers/run.js';

// The CLI as shipped: the ncc bundle (`npm run bundle`).
const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'index.js');
const ENV = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

const scratch = tempDir();
const config = path.join(scratch.dir, 'mediasync.json');
const manifestPath = path.join(scratch.dir, 'mediasync-manifest.json');
const example = JSON.parse(readFileSync(path.join(EXAMPLE_SITE, 'mediasync.json'), 'utf8'));

function writeConfig(values: Record<string, unknown> = {}): void {
  writeFileSync(config, JSON.stringify({ ...example, $schema: undefined, MEDIA_ROOT: EXAMPLE_MEDIA, MANIFEST_PATH: manifestPath, DOCTYPE: 'html5', ...values }));
}

const cli = (...args: string[]): Run => runCli([...args, '--config', config], { cwd: scratch.dir });

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run bundle`);
});
afterAll(() => scratch.remove());
beforeEach(() => writeConfig());

describe('mediasync tag and url', () => {
  test('tag js expands a JOINED alias into its parts for local pages', () => {
    expect(cli('tag', 'js', 'joined.js')).toEqual({
      status: 0,
      stdout: '<script src="/devmedia/scripts/lib.js"></script>\n<script src="/devmedia/scripts/app.js"></script>\n',
      stderr: ''
    });
  });

  test('tag css --remote renders one tag for the bundle with CACHE_BUSTER; css takes a media and css_print gives print', () => {
    writeConfig({ CACHE_BUSTER: 'v2', DOCTYPE: 'xhtml', REMOTE_MEDIA_URL: 'https://cdn.example.com/media/' });
    expect(cli('tag', 'css', 'joined.css', '--remote').stdout).toBe(
      '<link rel="stylesheet" href="https://cdn.example.com/media/styles/joined.css?v2" type="text/css" media="screen, projection" />\n'
    );
    expect(cli('tag', 'css', 'text.css', 'screen').stdout).toBe('<link rel="stylesheet" href="/devmedia/styles/text.css?v2" type="text/css" media="screen" />\n');
    expect(cli('tag', 'css_print', 'print.css').stdout).toContain('media="print" />');
  });

  test('url prints MEDIA_URL or the remote URL; SERVE_REMOTE flips it and --local flips it back; --insecure picks http', () => {
    expect(cli('url').stdout).toBe('/devmedia\n');
    expect(cli('url', 'images/logo.png', '--remote').stdout).toBe('https://example-media.s3.us-east-1.amazonaws.com/site/media/images/logo.png\n');
    expect(cli('url', 'images/logo.png', '--remote', '--insecure').stdout).toBe('http://example-media.s3.us-east-1.amazonaws.com/site/media/images/logo.png\n');
    writeConfig({ SERVE_REMOTE: true, USE_SSL: true });
    expect(cli('url', '--insecure').stdout).toBe('https://example-media.s3.us-east-1.amazonaws.com/site/media\n');
    expect(cli('url', '--local').stdout).toBe('/devmedia\n');
  });

  test("after a sync, the manifest's remote URL and cache-buster are used", () => {
    const manifest = { version: 1, mediaUrl: 'https://synced.example/m', insecureMediaUrl: 'http://synced.example/m', localMediaUrl: '/devmedia/', serveRemote: false, cacheBuster: 'abc123', doctype: 'html5', cssPath: 'styles', jsPath: 'scripts', files: {}, joined: {} };
    writeFileSync(manifestPath, JSON.stringify(manifest));
    try {
      expect(cli('url', 'images/logo.png', '--remote').stdout).toBe('https://synced.example/m/images/logo.png?abc123\n');
      expect(cli('tag', 'js', 'joined.js', '--remote', '--insecure').stdout).toBe('<script src="http://synced.example/m/scripts/joined.js?abc123"></script>\n');
      writeFileSync(manifestPath, '{"version": 7}');
      expect(cli('url', '--remote')).toMatchObject({ status: 1, stderr: `mediasync: ${manifestPath} is not a mediasync manifest (version 1); write it again with mediasync sync\n` });
    } finally {
      rmSync(manifestPath, { force: true });
    }
  });

  test('wrong arguments exit 2 with the problem and where the usage is', () => {
    for (const [args, problem] of [
      [['tag', 'png', 'x.png'], 'unknown tag png; allowed: js, css, css_print, importmap'],
      [['tag', 'js'], 'tag takes js PATH, css PATH [MEDIA], css_print PATH or importmap'],
      [['tag', 'js', 'a.js', 'screen'], 'tag takes js PATH, css PATH [MEDIA], css_print PATH or importmap'],
      [['tag', 'importmap', 'a.js'], 'tag takes js PATH, css PATH [MEDIA], css_print PATH or importmap'],
      [['url', 'a', 'b'], 'url takes at most one PATH'],
      [['url', '--remote', '--local'], '--remote and --local cannot be used together'],
      [['serve', '--port', 'http'], '--port http is not a port; allowed: a whole number from 0 to 65535']
    ] as const) {
      const run = cli(...args);
      expect([args, run.status, run.stderr]).toEqual([args, 2, `mediasync: ${problem}\nRun "mediasync --help" for the commands and options.\n`]);
    }
  });
});

describe('mediasync serve', () => {
  test('a missing --pages folder is an error before listening', () => {
    const missing = path.join(scratch.dir, 'no-pages');
    expect(cli('serve', '--port', '0', '--pages', missing)).toEqual({
      status: 1,
      stdout: '',
      stderr: `mediasync: --pages ${missing} is not a folder; allowed: a path to an existing folder\n`
    });
  });

  test('listens, serves MEDIA_ROOT and the pages, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--config', config, '--port', '0', '--pages', path.join(EXAMPLE_SITE, 'pages')], { cwd: scratch.dir, env: ENV });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      let output = '';
      const base = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk;
          const match = /serving pages from .* at (http:\/\/127\.0\.0\.1:\d+)\/\n/.exec(output);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
      });
      expect(output).toContain(`serving ${EXAMPLE_MEDIA} at ${base}/devmedia/\n`);
      const logo = await fetch(`${base}/devmedia/images/logo.png`);
      expect([logo.status, logo.headers.get('content-type')]).toEqual([200, 'image/png']);
      expect(Buffer.from(await logo.arrayBuffer()).equals(readFileSync(path.join(EXAMPLE_MEDIA, 'images', 'logo.png')))).toBe(true);
      expect((await fetch(`${base}/devmedia/.notes`)).status).toBe(404);
      expect(await (await fetch(`${base}/`)).text()).toContain('<script src="/devmedia/scripts/lib.js"></script>');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
