import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FilesystemBackend } from '../src/backends/filesystem.js';
import { SIDECAR_NAME, headersFor, parseSidecar, serializeSidecar, sidecarFileOf, type SidecarEntry } from '../src/backends/headers-sidecar.js';
import { S3Backend } from '../src/backends/s3.js';
import { createBackend } from '../src/backends/index.js';
import { runJob } from '../src/job.js';
import { syncMedia } from '../src/pipeline/sync.js';
import { syncedTreeSource } from '../src/serve/media-source.js';
import { startDevServer } from '../src/serve/server.js';
import { tempNameFor } from '../src/temp-files.js';
import { resolveSettings } from '../src/settings/load.js';
import { EXAMPLE_SITE, copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { fetchRaw } from './helpers/http.js';
import { mediaObject } from './helpers/media-object.js';
import { runCli } from './helpers/run.js';
import { S3_CREDENTIALS, getObject, listMediaKeys, startTestS3 } from './helpers/s3.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
});
afterEach(() => scratch.remove());


function backend(prefix = '') {
  return new FilesystemBackend({ FILESYSTEM_ROOT: path.join(scratch.dir, 'out'), AWS_PREFIX: prefix, MEDIA_ROOT: path.join(scratch.dir, 'media') });
}

/** The sidecar of one prefix, in the prefix's folder. */
function readSidecar(prefix = '') {
  return parseSidecar(readFileSync(sidecarFileOf(path.join(scratch.dir, 'out'), prefix), 'utf8'));
}

describe('filesystem backend', () => {
  test('put writes the bytes under AWS_PREFIX and the headers in the sidecar; list reports MD5 etags', async () => {
    const client = backend('site/media');
    await client.put(mediaObject('styles/a.css', 'a{}', { contentEncoding: 'gzip' }));
    await client.put(mediaObject('images/b c.svg', '<svg/>', { contentType: 'image/svg+xml' }));
    await client.close();

    expect(readFileSync(path.join(scratch.dir, 'out', 'site', 'media', 'styles', 'a.css'), 'utf8')).toBe('a{}');
    expect(readdirSync(path.join(scratch.dir, 'out'))).toEqual(['site']);
    expect(readSidecar('site/media').objects).toEqual({
      'site/media/images/b c.svg': {
        md5: createHash('md5').update('<svg/>').digest('hex'),
        size: 6,
        headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400, public', Expires: 'Wed, 02 Jan 2030 03:04:05 GMT' }
      },
      'site/media/styles/a.css': {
        md5: createHash('md5').update('a{}').digest('hex'),
        size: 3,
        headers: {
          'Content-Type': 'text/css; charset=utf-8',
          'Content-Encoding': 'gzip',
          'Cache-Control': 'max-age=86400, public',
          Expires: 'Wed, 02 Jan 2030 03:04:05 GMT'
        }
      }
    });
    expect(await client.list()).toEqual([
      { path: 'images/b c.svg', size: 6, etag: createHash('md5').update('<svg/>').digest('hex') },
      { path: 'styles/a.css', size: 3, etag: createHash('md5').update('a{}').digest('hex') }
    ]);
    expect(client.remoteMediaUrl()).toBe(pathToFileURL(path.join(scratch.dir, 'out', 'site', 'media')).href);
  });

  test('a hidden path (the sync manifest) is stored, listed and read back; the sidecar itself is not listed', async () => {
    const client = backend();
    await client.put(mediaObject('.mediasync/manifest.json', '{"v":1}', { contentType: 'application/json' }));
    expect((await client.get('.mediasync/manifest.json'))?.toString()).toBe('{"v":1}');
    expect(await client.get('.mediasync/missing.json')).toBeUndefined();
    expect((await client.list()).map((o) => o.path)).toEqual(['.mediasync/manifest.json']);
    await expect(client.put(mediaObject(SIDECAR_NAME, '{}'))).rejects.toThrow(`path ${SIDECAR_NAME} is not a key the filesystem backend can store`);
  });

  test('many concurrent puts all land in the sidecar and leave no temporary files', async () => {
    const client = backend();
    const objects = Array.from({ length: 60 }, (_, i) => mediaObject(`f/${i}.css`, `.c${i}{}`));
    await Promise.all(objects.map((o) => client.put(o)));
    await client.close();
    expect(Object.keys(readSidecar().objects).sort()).toEqual(objects.map((o) => o.path).sort());
    // Every put has settled: no entry still keeps the version it replaced.
    expect(Object.values(readSidecar().objects).filter((entry) => 'previous' in entry)).toEqual([]);
    expect(readdirSync(path.join(scratch.dir, 'out', 'f')).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(readdirSync(path.join(scratch.dir, 'out')).sort()).toEqual([SIDECAR_NAME, 'f']);
  });

  test('delete removes the files, their sidecar entries and folders left empty; a missing path is no error', async () => {
    const client = backend('p');
    await client.put(mediaObject('deep/er/a.css', 'a{}'));
    await client.put(mediaObject('keep.css', 'k{}'));
    await client.delete(['deep/er/a.css', 'never/was.css']);
    expect(existsSync(path.join(scratch.dir, 'out', 'p', 'deep'))).toBe(false);
    expect(Object.keys(readSidecar('p').objects)).toEqual(['p/keep.css']);
    expect((await client.list()).map((o) => o.path)).toEqual(['keep.css']);
  });

  test('a new client keeps the entries an earlier sync wrote to the sidecar; each prefix has its own', async () => {
    const first = backend('v1');
    await first.put(mediaObject('a.css', 'a{}'));
    await first.close();
    const again = backend('v1');
    await again.put(mediaObject('b.css', 'b{}'));
    await again.close();
    await backend('v2').put(mediaObject('a.css', 'b{}'));
    expect(Object.keys(readSidecar('v1').objects)).toEqual(['v1/a.css', 'v1/b.css']);
    expect(Object.keys(readSidecar('v2').objects)).toEqual(['v2/a.css']);
    expect(existsSync(path.join(scratch.dir, 'out', SIDECAR_NAME))).toBe(false);
  });

  test('keys cannot leave the tree', async () => {
    await expect(backend('p').put(mediaObject('../../escape.css', 'x'))).rejects.toThrow('path ../../escape.css is not a key the filesystem backend can store');
  });

  test.each([
    ['inside MEDIA_ROOT', 'media/out', ''],
    ['containing MEDIA_ROOT', '.', ''],
    ['whose prefix is MEDIA_ROOT', '.', 'media']
  ])('a FILESYSTEM_ROOT %s is refused, naming both settings', (_case, root, prefix) => {
    const make = () => new FilesystemBackend({ FILESYSTEM_ROOT: path.join(scratch.dir, root), AWS_PREFIX: prefix, MEDIA_ROOT: path.join(scratch.dir, 'media') });
    expect(make).toThrow(/^FILESYSTEM_ROOT .* overlaps MEDIA_ROOT .*; allowed: a folder outside MEDIA_ROOT that does not contain it$/);
  });

  // Each case: links to make (path → target, relative targets as written), then FILESYSTEM_ROOT, AWS_PREFIX and MEDIA_ROOT below the scratch folder.
  test.each<[string, [string, string][], string, string, string]>([
    ['a symlink to MEDIA_ROOT (relative link)', [['outlink', 'media']], 'outlink', '', 'media'],
    ['a symlink to MEDIA_ROOT (absolute link)', [['outlink', '<abs>media']], 'outlink', '', 'media'],
    ['a chain of symlinks to MEDIA_ROOT', [['l1', 'l2'], ['l2', 'media']], 'l1', '', 'media'],
    ['a symlink to a folder inside MEDIA_ROOT', [['outlink', 'media/s']], 'outlink', '', 'media'],
    ['below a symlinked ancestor of MEDIA_ROOT', [['up', '.']], 'up/media/out', '', 'media'],
    ['not made yet, below a symlink into MEDIA_ROOT', [['outlink', 'media/s']], 'outlink/new/deeper', '', 'media'],
    ['a dangling symlink to a folder MEDIA_ROOT would hold', [['outlink', 'media/s/new']], 'outlink', '', 'media'],
    ['a symlink to the parent of MEDIA_ROOT, with MEDIA_ROOT as prefix', [['outlink', '.']], 'outlink', 'media', 'media'],
    ['the target of MEDIA_ROOT, a symlink', [['medialink', 'out']], 'out', '', 'medialink'],
    ['containing the target of MEDIA_ROOT, an absolute symlink', [['medialink', '<abs>out/site']], 'out', '', 'medialink'],
    ['the same folder as MEDIA_ROOT, each reached through its own link', [['a', 'media'], ['b', 'media']], 'a', '', 'b']
  ])('a FILESYSTEM_ROOT that is really %s is refused, naming both settings and the real paths', (_case, links, root, prefix, media) => {
    mkdirSync(path.join(scratch.dir, 'media', 's'), { recursive: true });
    mkdirSync(path.join(scratch.dir, 'out', 'site'), { recursive: true });
    for (const [link, target] of links) symlinkSync(target.replace('<abs>', `${scratch.dir}/`), path.join(scratch.dir, link));
    const make = () => new FilesystemBackend({ FILESYSTEM_ROOT: path.join(scratch.dir, root), AWS_PREFIX: prefix, MEDIA_ROOT: path.join(scratch.dir, media) });
    expect(make).toThrow(/^FILESYSTEM_ROOT .* overlaps MEDIA_ROOT .*; allowed: a folder outside MEDIA_ROOT that does not contain it$/);
    expect(make).toThrow(/ \(really \//);
  });

  test('a FILESYSTEM_ROOT beside MEDIA_ROOT through a symlink, or named by a link whose name starts like MEDIA_ROOT, is allowed', () => {
    mkdirSync(path.join(scratch.dir, 'media'));
    mkdirSync(path.join(scratch.dir, 'media-out'));
    symlinkSync('media-out', path.join(scratch.dir, 'outlink'));
    for (const root of ['outlink', 'outlink/site', 'media-out', 'mediax']) {
      expect(() => new FilesystemBackend({ FILESYSTEM_ROOT: path.join(scratch.dir, root), AWS_PREFIX: '', MEDIA_ROOT: path.join(scratch.dir, 'media') })).not.toThrow();
    }
  });

  test('a sync into a FILESYSTEM_ROOT that links to MEDIA_ROOT is refused before anything is written: the sources keep their bytes', async () => {
    const css = 'body {\n  color: red;\n}\n';
    const big = 'body { color: blue; }\n'.repeat(100);
    mkdirSync(path.join(scratch.dir, 'media', 's'), { recursive: true });
    writeFileSync(path.join(scratch.dir, 'media', 's', 'a.css'), css);
    writeFileSync(path.join(scratch.dir, 'media', 's', 'big.css'), big);
    symlinkSync('media', path.join(scratch.dir, 'outlink'));
    const settings = resolveSettings({
      file: { path: path.join(scratch.dir, 'mediasync.json'), text: JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'outlink' }) },
      cwd: scratch.dir
    });
    await expect(runJob(settings, { configFile: path.join(scratch.dir, 'mediasync.json') })).rejects.toThrow(
      `FILESYSTEM_ROOT ${path.join(scratch.dir, 'outlink')} (really ${realpathSync(path.join(scratch.dir, 'media'))}) overlaps MEDIA_ROOT ${path.join(scratch.dir, 'media')}${realpathSync(scratch.dir) === scratch.dir ? '' : ` (really ${realpathSync(path.join(scratch.dir, 'media'))})`}; allowed: a folder outside MEDIA_ROOT that does not contain it`
    );
    expect(readdirSync(path.join(scratch.dir, 'media', 's')).sort()).toEqual(['a.css', 'big.css']);
    expect(readFileSync(path.join(scratch.dir, 'media', 's', 'a.css'), 'utf8')).toBe(css);
    expect(readFileSync(path.join(scratch.dir, 'media', 's', 'big.css'), 'utf8')).toBe(big);
  });
});

describe('syncs under different prefixes of one FILESYSTEM_ROOT', () => {
  const root = () => path.join(scratch.dir, 'out');
  const mediaSettings = (prefix: string) =>
    resolveSettings({
      file: { path: path.join(scratch.dir, 'mediasync.json'), text: JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', AWS_PREFIX: prefix, CACHE_BUSTER: 'cb' }) },
      cwd: scratch.dir
    });
  const writeMedia = (count: number) => {
    mkdirSync(path.join(scratch.dir, 'media', 's'), { recursive: true });
    for (let index = 0; index < count; index++) writeFileSync(path.join(scratch.dir, 'media', 's', `f${index}.css`), `.f${index} { color: red; }\n`.repeat(40));
  };

  /** Every file of a prefix through serve --synced: status and Content-Encoding by path. */
  async function served(prefix: string, paths: string[]): Promise<Record<string, [number, string | undefined]>> {
    const server = await startDevServer([{ path: '/m/', source: syncedTreeSource(root(), prefix) }], { host: '127.0.0.1', port: 0 });
    try {
      const replies: Record<string, [number, string | undefined]> = {};
      for (const relPath of paths) {
        const reply = await fetchRaw(`${server.url}/m/${relPath}`);
        replies[relPath] = [reply.status, reply.headers['content-encoding'] as string | undefined];
      }
      return replies;
    } finally {
      await server.close();
    }
  }

  test('a run that loaded its sidecar before another prefix stored keeps the other prefix\'s headers', async () => {
    const one = backend('site1');
    const two = backend('site2');
    // Two loaded their sidecar first, then one stored: with one sidecar for both, two's save dropped one's entry.
    await two.list();
    await one.put(mediaObject('a.css', 'a{}', { contentEncoding: 'gzip' }));
    await one.close();
    await two.put(mediaObject('b.css', 'b{}'));
    await two.close();
    expect(Object.keys(readSidecar('site1').objects)).toEqual(['site1/a.css']);
    expect(Object.keys(readSidecar('site2').objects)).toEqual(['site2/b.css']);
    expect(await served('site1', ['a.css'])).toEqual({ 'a.css': [200, 'gzip'] });
    expect(await served('site2', ['b.css'])).toEqual({ 'b.css': [200, undefined] });
  });

  test('two whole syncs at once, each under its own prefix, both keep every header, and serve --synced answers all', async () => {
    writeMedia(30);
    const [first, second] = await Promise.all([runJob(mediaSettings('site1')), runJob(mediaSettings('site2'))]);
    expect([first.uploaded.length, second.uploaded.length]).toEqual([30, 30]);
    const paths = first.objects.map((object) => object.path);
    for (const prefix of ['site1', 'site2']) {
      const keys = Object.keys(readSidecar(prefix).objects).filter((key) => !key.includes('/.mediasync/'));
      expect(keys).toEqual(paths.map((relPath) => `${prefix}/${relPath}`).sort());
      const replies = await served(prefix, paths);
      expect(Object.values(replies).every(([status, encoding]) => status === 200 && encoding === 'gzip')).toBe(true);
    }
  });

  test('a run removes the temporary files only under its own prefix, never other runs\' or other folders\' ones', async () => {
    const theirs = [path.join(root(), '.x.css.1234.mediasync-tmp'), path.join(root(), 'other', '.y.css.1234.mediasync-tmp'), path.join(root(), 'stat', '.z.css.1234.mediasync-tmp')];
    const mine = path.join(root(), 'static', 'sub', '.a.css.1234.mediasync-tmp');
    for (const file of [...theirs, mine]) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'half');
    }
    await backend('static').list();
    expect(theirs.filter((file) => existsSync(file))).toEqual(theirs);
    expect(existsSync(mine)).toBe(false);
  });

  test('a tree synced before sidecars moved under their prefix: its headers are read from the root, so nothing is stored again and nothing answers 503', async () => {
    writeMedia(5);
    await runJob(mediaSettings('site1'));
    await runJob(mediaSettings('site2'));
    // The layout of the earlier version: one sidecar at the root holding both prefixes' entries.
    const objects = { ...readSidecar('site1').objects, ...readSidecar('site2').objects };
    const legacy = serializeSidecar({ version: 2, objects });
    writeFileSync(path.join(root(), SIDECAR_NAME), legacy);
    rmSync(sidecarFileOf(root(), 'site1'));
    rmSync(sidecarFileOf(root(), 'site2'));
    const paths = Array.from({ length: 5 }, (_, index) => `s/f${index}.css`);

    expect(await served('site1', paths)).toEqual(Object.fromEntries(paths.map((relPath) => [relPath, [200, 'gzip']])));
    const again = await runJob(mediaSettings('site1'));
    expect(again.uploaded).toEqual([]);
    // Saved under the prefix, with this prefix's entries only; the root's file is left for the other prefix.
    expect(readSidecar('site1').objects).toEqual(Object.fromEntries(Object.entries(objects).filter(([key]) => key.startsWith('site1/'))));
    expect(readFileSync(path.join(root(), SIDECAR_NAME), 'utf8')).toBe(legacy);
    expect(await served('site2', paths)).toEqual(Object.fromEntries(paths.map((relPath) => [relPath, [200, 'gzip']])));
    expect((await runJob(mediaSettings('site2'))).uploaded).toEqual([]);
  });

  test('a tree with no prefix lists no other prefix\'s sidecar as an object, and none can be stored', async () => {
    await backend('site').put(mediaObject('a.css', 'a{}'));
    const top = backend('');
    expect((await top.list()).map((object) => object.path)).toEqual(['site/a.css']);
    await expect(top.put(mediaObject(`site/${SIDECAR_NAME}`, '{}'))).rejects.toThrow(`path site/${SIDECAR_NAME} is not a key the filesystem backend can store`);
  });
});

describe('a tree a killed run left', () => {
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  const plain = { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=1, public', Expires: 'x' };
  const gzipped = { ...plain, 'Content-Encoding': 'gzip' as const };
  const version = (text: string, headers: SidecarEntry['headers']) => ({ md5: md5(text), size: Buffer.byteLength(text), headers });
  const out = (...parts: string[]) => path.join(scratch.dir, 'out', ...parts);

  /** The tree as a run killed at some step leaves it: these bodies and this sidecar. */
  function leave(bodies: Record<string, string>, objects: Record<string, SidecarEntry>) {
    mkdirSync(out(), { recursive: true });
    for (const [key, body] of Object.entries(bodies)) {
      mkdirSync(path.dirname(out(key)), { recursive: true });
      writeFileSync(out(key), body);
    }
    writeFileSync(out(SIDECAR_NAME), serializeSidecar({ version: 2, objects }));
  }

  test('the first use settles each in-flight entry on the body that is there, and drops entries without a body', async () => {
    leave(
      { 'renamed.css': 'new', 'not-yet.css': 'old', 'kept.css': 'k' },
      {
        // Killed after the rename, before the old version was dropped.
        'renamed.css': { ...version('new', plain), previous: version('old', gzipped) },
        // Killed before the rename.
        'not-yet.css': { ...version('new', plain), previous: version('old', gzipped) },
        // A new path, killed before the rename.
        'first.css': { ...version('new', plain), previous: null },
        // A delete killed after removing the body.
        'deleted.css': version('d', plain),
        'kept.css': version('k', plain)
      }
    );
    const left = readFileSync(out(SIDECAR_NAME), 'utf8');
    const client = backend();
    expect(await client.list()).toEqual([
      { path: 'kept.css', size: 1, etag: md5('k') },
      { path: 'not-yet.css', size: 3, etag: md5('old') },
      { path: 'renamed.css', size: 3, etag: md5('new') }
    ]);
    // A listing writes nothing (a dry run beside a live sync must not save over it); the first change saves the settled entries.
    expect(readFileSync(out(SIDECAR_NAME), 'utf8')).toBe(left);
    await client.put(mediaObject('added.css', 'a'));
    await client.close();
    expect(readSidecar().objects).toEqual({
      'added.css': expect.objectContaining({ md5: md5('a') }),
      'kept.css': version('k', plain),
      'not-yet.css': version('old', gzipped),
      'renamed.css': version('new', plain)
    });
  });

  test('stale temporary files are never listed nor served, and the next use removes them', async () => {
    const client = backend();
    await client.put(mediaObject('a.css', 'a{}'));
    await client.close();
    const stale = out('.a.css.0b7e1a2c-killed.mediasync-tmp');
    const staleSidecar = out(`${SIDECAR_NAME}.0b7e1a2c-killed.mediasync-tmp`);
    writeFileSync(stale, 'half a bo');
    writeFileSync(staleSidecar, '{"vers');
    const server = await startDevServer([{ path: '/m/', source: syncedTreeSource(out(), '') }], { host: '127.0.0.1', port: 0 });
    try {
      expect((await fetchRaw(`${server.url}/m/${path.basename(stale)}`)).status).toBe(404);
    } finally {
      await server.close();
    }
    expect((await backend().list()).map((object) => object.path)).toEqual(['a.css']);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(staleSidecar)).toBe(false);
  });

  test('a run removes only the temporary files of a writer that is gone, never those a live run is still writing', async () => {
    const client = backend();
    await client.put(mediaObject('a.css', 'a{}'));
    await client.close();
    // As the other run taking the lock at the same moment leaves its sidecar's, between write and rename.
    const live = tempNameFor(out(SIDECAR_NAME));
    const [, tag, pid] = /\.([0-9a-f]{8})-(\d+)\.mediasync-tmp$/.exec(live)!;
    expect(Number(pid)).toBe(process.pid);
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    const dead = out(`.a.css.0b7e1a2c.${tag}-${exited}.mediasync-tmp`);
    // Another host's or container's process cannot be checked: its file is kept until it is an hour old.
    const elsewhere = tag === '00000000' ? '11111111' : '00000000';
    const otherHost = out(`.a.css.0b7e1a2c.${elsewhere}-${exited}.mediasync-tmp`);
    const otherHostOld = out(`.a.css.1c8f2b3d.${elsewhere}-${exited}.mediasync-tmp`);
    const liveButOld = tempNameFor(out('a.css'));
    for (const file of [live, dead, otherHost, otherHostOld, liveButOld]) writeFileSync(file, 'half');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const file of [otherHostOld, liveButOld]) utimesSync(file, twoHoursAgo, twoHoursAgo);
    expect((await backend().list()).map((object) => object.path)).toEqual(['a.css']);
    const left = Object.fromEntries(Object.entries({ live, dead, otherHost, otherHostOld, liveButOld }).map(([name, file]) => [name, existsSync(file)]));
    expect(left).toEqual({ live: true, dead: false, otherHost: true, otherHostOld: false, liveButOld: false });
    await backend().put(mediaObject('b.css', 'b{}'));
    expect(existsSync(live)).toBe(true);
  });

  test('a body that no entry vouches for (a sidecar from before entries named their body) is listed without an etag, so the sync stores it again', async () => {
    mkdirSync(out());
    writeFileSync(out('a.css'), 'gzip bytes');
    writeFileSync(out(SIDECAR_NAME), JSON.stringify({ version: 1, objects: { 'a.css': plain } }));
    expect(await backend().list()).toEqual([{ path: 'a.css', size: 10 }]);
  });

  test('a put whose rename fails leaves the entry it replaced, and no temporary file', async () => {
    const client = backend();
    await client.put(mediaObject('d/a.css', 'old', { contentEncoding: 'gzip' }));
    mkdirSync(out('d', 'b.css', 'in-the-way'), { recursive: true });
    await expect(client.put(mediaObject('d/b.css', 'new'))).rejects.toThrow();
    await expect(client.put(mediaObject('d/a.css', 'new'))).resolves.toBeUndefined();
    await client.close();
    expect(Object.keys(readSidecar().objects)).toEqual(['d/a.css']);
    expect(readSidecar().objects['d/a.css']).toEqual({ md5: md5('new'), size: 3, headers: expect.not.objectContaining({ 'Content-Encoding': 'gzip' }) });
    expect(readdirSync(out('d')).sort()).toEqual(['a.css', 'b.css']);
  });

  test('serve --synced answers each body of an in-flight put with its own headers, and 503 for a body none describes', async () => {
    leave({ 'old.css': 'old', 'new.css': 'new', 'stray.css': 'stray' }, {
      'old.css': { ...version('new', plain), previous: version('old', gzipped) },
      'new.css': { ...version('new', plain), previous: version('old', gzipped) },
      'stray.css': version('other', gzipped)
    });
    const server = await startDevServer([{ path: '/m/', source: syncedTreeSource(out(), '') }], { host: '127.0.0.1', port: 0 });
    try {
      const oldReply = await fetchRaw(`${server.url}/m/old.css`);
      expect([oldReply.status, oldReply.headers['content-encoding'], oldReply.body.toString()]).toEqual([200, 'gzip', 'old']);
      const newReply = await fetchRaw(`${server.url}/m/new.css`);
      expect([newReply.status, newReply.headers['content-encoding'], newReply.body.toString()]).toEqual([200, undefined, 'new']);
      const stray = await fetchRaw(`${server.url}/m/stray.css`);
      expect(stray.status).toBe(503);
      expect(stray.headers['content-encoding']).toBeUndefined();
      expect(stray.body.toString()).toBe(`stray.css: no headers in ${out(SIDECAR_NAME)} match this file's bytes, so it is not served with guessed ones; run mediasync sync to store it again\n`);
    } finally {
      await server.close();
    }
  });
});

describe('headers sidecar reader', () => {
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  const plain = { 'Content-Type': 'text/css', 'Cache-Control': 'max-age=1, public', Expires: 'x' };
  const gzipped = { ...plain, 'Content-Encoding': 'gzip' as const };
  const sidecar = parseSidecar(
    JSON.stringify({
      version: 2,
      objects: {
        'media/a b.css': { md5: md5('a{}'), size: 3, headers: plain },
        'media/moving.css': { md5: md5('new'), size: 3, headers: plain, previous: { md5: md5('gz'), size: 2, headers: gzipped } }
      }
    })
  );

  test('finds the headers for a request path, decoded, without query or fragment, only for the body they describe', () => {
    expect(headersFor(sidecar, '/media/a%20b.css?abc123', Buffer.from('a{}'))).toEqual(plain);
    expect(headersFor(sidecar, '/media/a%20b.css', Buffer.from('b{}'))).toBeUndefined();
    expect(headersFor(sidecar, '/media/other.css', Buffer.from('a{}'))).toBeUndefined();
    expect(headersFor(sidecar, '/%E0%A4%A', Buffer.from('a{}'))).toBeUndefined();
    expect(headersFor(sidecar, '/constructor', Buffer.from('a{}'))).toBeUndefined();
  });

  test('while a put is in flight, each of the two bodies gets its own headers', () => {
    expect(headersFor(sidecar, '/media/moving.css', Buffer.from('new'))).toEqual(plain);
    expect(headersFor(sidecar, '/media/moving.css', Buffer.from('gz'))).toEqual(gzipped);
    expect(headersFor(sidecar, '/media/moving.css', Buffer.from('old'))).toBeUndefined();
  });

  test('a version 1 file, whose entries name no body, vouches for nothing', () => {
    const old = parseSidecar(JSON.stringify({ version: 1, objects: { 'a.css': plain } }));
    expect(headersFor(old, '/a.css', Buffer.from('a{}'))).toBeUndefined();
  });

  test('a file that is not a sidecar is named', () => {
    expect(() => parseSidecar('{', 'out/.mediasync-headers.json')).toThrow(/^out\/\.mediasync-headers\.json is not valid JSON/);
    expect(() => parseSidecar('{"objects": []}', 'x.json')).toThrow('x.json is not a mediasync headers file (expected {"version": 2, "objects": {...}})');
  });
});

describe('filesystem tree against S3 for the same settings', () => {
  test('the example site: the same keys, bytes and headers', async () => {
    const s3 = await startTestS3(['example-media']);
    try {
      copyExampleMedia(scratch.dir);
      const configFile = path.join(scratch.dir, 'mediasync.json');
      const config = { ...JSON.parse(readFileSync(path.join(EXAMPLE_SITE, 'mediasync.json'), 'utf8')), FILESYSTEM_ROOT: 'out' };
      writeFileSync(configFile, JSON.stringify(config));
      const settings = resolveSettings({
        file: { path: configFile, text: readFileSync(configFile, 'utf8') },
        inputs: { AWS_ENDPOINT: s3.endpoint, AWS_KEY: S3_CREDENTIALS.accessKeyId, AWS_SECRET: S3_CREDENTIALS.secretAccessKey },
        cwd: scratch.dir
      });
      const now = new Date('2026-01-01T00:00:00Z');
      const toS3 = await syncMedia(settings, { client: new S3Backend(settings), now });
      const toDisk = await syncMedia({ ...settings, BACKEND: 'filesystem' }, { client: await createBackend({ ...settings, BACKEND: 'filesystem' }), now });
      expect(toDisk.uploaded).toEqual(toS3.uploaded);

      const keys = await listMediaKeys(s3.client, 'example-media');
      expect(keys).toHaveLength(9);
      const sidecar = parseSidecar(readFileSync(sidecarFileOf(path.join(scratch.dir, 'out'), settings.AWS_PREFIX), 'utf8'));
      // Both also hold the sync manifest, whose records (ETags, times) differ by store.
      expect(Object.keys(sidecar.objects).filter((key) => !key.split('/').includes('.mediasync')).sort()).toEqual(keys);
      for (const key of keys) {
        const stored = await getObject(s3.client, 'example-media', key);
        expect(readFileSync(path.join(scratch.dir, 'out', ...key.split('/')))).toEqual(stored.body);
        expect(sidecar.objects[key]).toEqual({
          md5: createHash('md5').update(stored.body).digest('hex'),
          size: stored.body.length,
          headers: {
            'Content-Type': stored.contentType,
            ...(stored.contentEncoding ? { 'Content-Encoding': stored.contentEncoding } : {}),
            'Cache-Control': stored.cacheControl,
            Expires: stored.expires!.toUTCString()
          }
        });
      }
      expect(Object.values(sidecar.objects).filter((entry) => entry.headers['Content-Encoding'] === 'gzip').length).toBeGreaterThan(0);

      const again = await syncMedia({ ...settings, BACKEND: 'filesystem' }, { client: await createBackend({ ...settings, BACKEND: 'filesystem' }), now });
      expect(again.uploaded).toEqual([]);
      expect(again.skipped).toHaveLength(9);
    } finally {
      await s3.stop();
    }
  });
});

// Runs the bundle: build it first with `npm run bundle`.
test('node dist/cli/index.js sync with BACKEND filesystem writes FILESYSTEM_ROOT relative to the config file', async () => {
  copyExampleMedia(scratch.dir);
  writeFileSync(
    path.join(scratch.dir, 'mediasync.json'),
    JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'mediasync.backends.filesystem', FILESYSTEM_ROOT: 'site/static', REMOTE_MEDIA_URL: 'https://example.github.io/repo/static' })
  );
  const result = runCli(['sync'], { cwd: scratch.dir });
  expect(result.stderr).toBe('');
  expect(result.stdout).toContain('media-url: https://example.github.io/repo/static\n');
  expect(result.stdout).toContain('uploaded: 7\n');
  expect(readFileSync(path.join(scratch.dir, 'site', 'static', 'images', 'logo.png'))).toEqual(readFileSync(path.join(EXAMPLE_SITE, 'media', 'images', 'logo.png')));
  const manifest = JSON.parse(readFileSync(path.join(scratch.dir, 'mediasync-manifest.json'), 'utf8'));
  expect(manifest.files['images/logo.png'].url).toMatch(/^https:\/\/example\.github\.io\/repo\/static\/images\/logo\.png\?/);
});
