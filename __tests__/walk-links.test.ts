// Symlinks inside MEDIA_ROOT may not publish, under their own names, what the sync never
// publishes: hidden, underscore-named or EXCLUDEd files and folders. The sync refuses such a link
// before anything is stored; the dev server answers 404 for it.
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

let scratch: ReturnType<typeof tempDir>;
let media: string;
beforeEach(() => {
  scratch = tempDir();
  media = path.join(scratch.dir, 'media');
  write('.env', 'AWS_SECRET_ACCESS_KEY=hunter2\n');
  write('.git/config', '[core]\n');
  write('_priv/x.txt', 'private');
  write('drafts/d.txt', 'draft');
  write('drafts/deep/e.txt', 'deep draft');
  write('raw/keep.txt', 'keep');
  write('raw/photo.psd', 'psd');
  write('site/app.css', 'a{}');
});
afterEach(() => scratch.remove());

function write(relPath: string, text: string): void {
  const file = path.join(media, relPath);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A link at `relPath` below MEDIA_ROOT; `target` relative to the link's folder, or `<abs>` + a path below MEDIA_ROOT. */
function link(relPath: string, target: string): void {
  const file = path.join(media, relPath);
  mkdirSync(path.dirname(file), { recursive: true });
  symlinkSync(target.startsWith('<abs>') ? path.join(media, target.slice(5)) : target, file);
}

const EXCLUDE = ['drafts/**', '**/*.psd'];
const walk = () => walkMediaRoot(media, { globs: EXCLUDE });
const refusal = (linkPath: string, target: string, why: string) =>
  new MediaRootError(
    `${linkPath} in MEDIA_ROOT is a symlink to ${target}, which is never published (${why}); allowed: symlinks to files and folders that are synced under their own names (not hidden, underscore-named or EXCLUDEd)`
  );

describe('the walk refuses a symlink to what is never published, naming the link, its target and why', () => {
  test.each<[string, [string, string][], string, string, string]>([
    ['a file link to a hidden file', [['env.txt', '.env']], 'env.txt', '.env', '.env is hidden'],
    ['an absolute link to a hidden file', [['env.txt', '<abs>.env']], 'env.txt', '.env', '.env is hidden'],
    ['a folder link to a hidden folder', [['gitdir', '.git']], 'gitdir', '.git', '.git is hidden'],
    ['a link to a file inside a hidden folder', [['c.txt', '.git/config']], 'c.txt', '.git/config', '.git is hidden'],
    ['a link to a file inside an underscore folder', [['p.txt', '_priv/x.txt']], 'p.txt', '_priv/x.txt', '_priv is underscore-named'],
    ['a link to an underscore folder', [['priv', '_priv']], 'priv', '_priv', '_priv is underscore-named'],
    ['a link to an EXCLUDEd file', [['d2.txt', 'drafts/d.txt']], 'd2.txt', 'drafts/d.txt', 'drafts is EXCLUDEd'],
    ['a link to an EXCLUDEd folder', [['d', 'drafts']], 'd', 'drafts', 'drafts is EXCLUDEd'],
    ['a nested link to a file deep in an EXCLUDEd folder', [['site/sub/e.txt', '../../drafts/deep/e.txt']], 'site/sub/e.txt', 'drafts/deep/e.txt', 'drafts is EXCLUDEd'],
    ['a link to a file EXCLUDEd by its extension, under a published name', [['raw/photo.png', 'photo.psd']], 'raw/photo.png', 'raw/photo.psd', 'raw/photo.psd is EXCLUDEd'],
    ['a chain of links ending at a hidden file', [['one.txt', 'two.txt'], ['two.txt', '.env']], 'one.txt', '.env', '.env is hidden'],
    ['a chain through a hidden link to a published file', [['one.txt', '.hop'], ['.hop', 'site/app.css']], 'one.txt', 'site/app.css', '']
  ])('%s', async (_case, links, linkPath, target, why) => {
    for (const [at, to] of links) link(at, to);
    if (!why) {
      // A link that only passes through a hidden name to a published file is fine: what it publishes is published anyway.
      expect((await walk()).map((file) => file.relPath)).toEqual(['one.txt', 'raw/keep.txt', 'site/app.css']);
      return;
    }
    await expect(walk()).rejects.toEqual(refusal(linkPath, target, why));
  });

  test('a link to a published file or folder is still followed, and a link into a folder reached by a link too', async () => {
    link('alias', 'site');
    link('keep.txt', 'raw/keep.txt');
    link('site/top.css', '<abs>site/app.css');
    expect((await walk()).map((file) => file.relPath)).toEqual(['alias/app.css', 'alias/top.css', 'keep.txt', 'raw/keep.txt', 'site/app.css', 'site/top.css']);
  });

  test('below a symlinked folder, what EXCLUDE names by its real path stays out under the link name', async () => {
    link('pictures', 'raw');
    const excluded = await walkMediaRoot(media, { globs: ['raw/keep.txt', '**/*.psd', 'drafts/**'] });
    expect(excluded.map((file) => file.relPath)).toEqual(['site/app.css']);
  });

  test('a link to one of mediasync\'s own files (the settings file read) stays out silently, hidden or not, as a hard link does', async () => {
    write('mediasync.json', '{"AWS_SECRET": "s"}');
    link('settings-link.json', 'mediasync.json');
    link('env.txt', '.env');
    const own = [path.join(media, 'mediasync.json'), path.join(media, '.env')];
    expect((await walkMediaRoot(media, { paths: own, globs: EXCLUDE })).map((file) => file.relPath)).toEqual(['raw/keep.txt', 'site/app.css']);
  });

  test('a link to a hidden file that EXCLUDE also names under the link name is simply skipped', async () => {
    link('env.txt', '.env');
    expect((await walkMediaRoot(media, { globs: ['env.txt', ...EXCLUDE] })).map((file) => file.relPath)).toEqual(['raw/keep.txt', 'site/app.css']);
  });
});

describe('a sync and the dev server', () => {
  const settingsFor = (extra: Record<string, unknown> = {}) =>
    resolveSettings({
      file: {
        path: path.join(scratch.dir, 'mediasync.json'),
        text: JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', EXCLUDE, CACHE_BUSTER: 'cb', ...extra })
      },
      cwd: scratch.dir
    });

  test.each([
    ['env.txt', '.env', '.env is hidden'],
    ['gitdir', '.git', '.git is hidden'],
    ['p.txt', '_priv/x.txt', '_priv is underscore-named'],
    ['d2.txt', 'drafts/d.txt', 'drafts is EXCLUDEd']
  ])('a sync with %s linking to %s stores nothing and fails naming the link', async (linkPath, target, why) => {
    link(linkPath, target);
    await expect(runJob(settingsFor(), { configFile: path.join(scratch.dir, 'mediasync.json') })).rejects.toEqual(refusal(linkPath, target, why));
    // No FILESYSTEM_ROOT, no manifest: nothing was stored or written.
    expect(readdirSync(scratch.dir)).toEqual(['media']);
  });

  test('the dev server answers 404 for links to what is never published, and for EXCLUDEd paths, 200 for published ones', async () => {
    link('env.txt', '.env');
    link('gitdir', '.git');
    link('p.txt', '_priv/x.txt');
    link('d2.txt', 'drafts/d.txt');
    link('deep', 'drafts/deep');
    link('photo.png', 'raw/photo.psd');
    link('pictures', 'raw');
    link('ok.css', 'site/app.css');
    const settings = settingsFor();
    const tags = settingsTagSource(settings, { mediaUrl: 'https://cdn.example.com/m', insecureMediaUrl: 'http://cdn.example.com/m', cacheBuster: 'cb' });
    const server = await startDevServer(devMounts(settings, tags), { host: '127.0.0.1', port: 0 });
    try {
      const statuses: Record<string, number> = {};
      const paths = ['env.txt', 'gitdir/config', 'p.txt', 'd2.txt', 'deep/e.txt', 'drafts/d.txt', 'drafts/deep/e.txt', 'photo.png', 'raw/photo.psd', 'pictures/photo.psd', 'pictures/keep.txt', 'ok.css', 'site/app.css'];
      for (const relPath of paths) statuses[relPath] = (await get(server.url, `/devmedia/${relPath}`)).status;
      expect(statuses).toEqual({
        'env.txt': 404,
        'gitdir/config': 404,
        'p.txt': 404,
        'd2.txt': 404,
        'deep/e.txt': 404,
        'drafts/d.txt': 404,
        'drafts/deep/e.txt': 404,
        'photo.png': 404,
        'raw/photo.psd': 404,
        'pictures/photo.psd': 404,
        'pictures/keep.txt': 200,
        'ok.css': 200,
        'site/app.css': 200
      });
      expect((await get(server.url, '/devmedia/ok.css')).body).toBe('a{}');
    } finally {
      await server.close();
    }
  });
});

function get(base: string, rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: rawPath }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

