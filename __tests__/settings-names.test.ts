// Settings files are never published, wherever they sit in MEDIA_ROOT: not only the one a run
// read, but every file of a default settings name (another environment's settings, with its keys).
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { runJob } from '../src/job.js';
import { MediaRootError, walkMediaRoot } from '../src/pipeline/walk.js';
import { settingsTagSource } from '../src/render/tag-source.js';
import { devMounts } from '../src/serve/dev-media.js';
import { startDevServer } from '../src/serve/server.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';
import { buildSourceCli } from './helpers/source-cli.js';

let scratch: ReturnType<typeof tempDir>;
let site: string;
beforeEach(() => {
  scratch = tempDir();
  site = path.join(scratch.dir, 'site');
  write('mediasync.json', '{"AWS_SECRET": "dev-secret"}');
  write('mediasync.config.mjs', "export default { AWS_SECRET: 'mjs-secret' };\n");
  write('deep/er/mediasync.config.js', "module.exports = { AWS_SECRET: 'js-secret' };\n");
  write('mediasync.json.bak/keep.txt', 'a folder whose name only starts like one');
  write('a.css', 'a{}');
});
afterEach(() => scratch.remove());

function write(relPath: string, text: string): void {
  const file = path.join(site, relPath);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

test('no file of a default settings name is walked, at any depth', async () => {
  expect((await walkMediaRoot(site)).map((file) => file.relPath)).toEqual(['a.css', 'mediasync.json.bak/keep.txt']);
});

test.each([
  ['settings.txt', 'mediasync.json'],
  ['conf/m.mjs', '../mediasync.config.mjs'],
  ['config', 'deep/er'],
  ['cfg.js', 'deep/er/mediasync.config.js']
])('a symlink %s to %s is refused naming the link', async (link, target) => {
  mkdirSync(path.dirname(path.join(site, link)), { recursive: true });
  symlinkSync(target, path.join(site, link));
  if (link === 'config') {
    // A link to a published folder is followed; the settings file in it stays out by its name.
    expect((await walkMediaRoot(site)).map((file) => file.relPath)).toEqual(['a.css', 'mediasync.json.bak/keep.txt']);
    return;
  }
  const real = path.posix.normalize(path.posix.join(path.posix.dirname(link), target));
  await expect(walkMediaRoot(site)).rejects.toEqual(
    new MediaRootError(
      `${link} in MEDIA_ROOT is a symlink to ${real}, which is never published (${real} is a settings file name); allowed: symlinks to files and folders that are synced under their own names (not hidden, underscore-named or EXCLUDEd)`
    )
  );
});

test('a sync of the project folder with --config prod.json publishes none of the other settings files', async () => {
  const configFile = path.join(site, 'prod.json');
  const text = JSON.stringify({ MEDIA_ROOT: '.', BACKEND: 'filesystem', FILESYSTEM_ROOT: '../out', MANIFEST_PATH: '../manifest.json' });
  writeFileSync(configFile, text);
  await runJob(resolveSettings({ file: { path: configFile, text }, cwd: site }), { configFile });
  const out = path.join(scratch.dir, 'out');
  const stored = readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)))
    .filter((key) => !key.startsWith('.'))
    .sort();
  expect(stored).toEqual(['a.css', 'mediasync.json.bak/keep.txt']);
});

test('the dev server answers 404 for settings files', async () => {
  const text = JSON.stringify({ MEDIA_ROOT: '.', BACKEND: 'filesystem' });
  const settings = resolveSettings({ file: { path: path.join(site, 'prod.json'), text }, cwd: site });
  const tags = settingsTagSource(settings, { mediaUrl: 'https://cdn.example.com/m', insecureMediaUrl: 'http://cdn.example.com/m', cacheBuster: 'cb' });
  const server = await startDevServer(devMounts(settings, tags), { host: '127.0.0.1', port: 0 });
  try {
    const statuses: Record<string, number> = {};
    for (const relPath of ['mediasync.json', 'mediasync.config.mjs', 'deep/er/mediasync.config.js', 'a.css']) statuses[relPath] = await status(server.url, `/devmedia/${relPath}`);
    expect(statuses).toEqual({ 'mediasync.json': 404, 'mediasync.config.mjs': 404, 'deep/er/mediasync.config.js': 404, 'a.css': 200 });
  } finally {
    await server.close();
  }
});

function status(base: string, rawPath: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: rawPath }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

test('with --config naming a settings module, the files it imports are not published either', async () => {
  const cli = buildSourceCli(path.join(scratch.dir, 'cli'));
  write('secrets.mjs', "export const secret = 'imported-secret';\n");
  write('lib/helpers.mjs', "export { secret } from '../secrets.mjs';\nexport const root = '.';\n");
  write(
    'alt.config.mjs',
    "import { root } from './lib/helpers.mjs';\nexport default { MEDIA_ROOT: root, BACKEND: 'filesystem', FILESYSTEM_ROOT: '../out', MANIFEST_PATH: '../manifest.json' };\n"
  );
  write('lib/used-by-the-page.js', 'export const page = 1;\n');
  const run = await cli(['sync', '--config', 'alt.config.mjs'], { cwd: site });
  expect([run.status, run.stderr]).toEqual([0, '']);
  const out = path.join(scratch.dir, 'out');
  const stored = readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(out, path.join(entry.parentPath, entry.name)))
    .filter((key) => !key.startsWith('.'))
    .sort();
  expect(stored).toEqual(['a.css', 'lib/used-by-the-page.js', 'mediasync.json.bak/keep.txt']);
}, 60_000);
