import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { s3MediaUrl } from '../src/backends/s3-url.js';
import { cacheBusterFor } from '../src/pipeline/cache-buster.js';
import { gzipIfSmaller } from '../src/pipeline/compress.js';
import { noGate } from '../src/pipeline/worker-stop.js';
import { cacheHeaders, contentTypeFor } from '../src/pipeline/headers.js';
import { BundleError, joinParts, resolveBundles, withShortcut } from '../src/pipeline/join.js';
import { MinifyError } from '../src/pipeline/minifiable.js';
import { minifySource } from '../src/pipeline/minify.js';
import { outputSettingsHash } from '../src/pipeline/output-settings.js';
import { alreadyStored, planSync } from '../src/pipeline/plan.js';
import { isStreamed, STREAM_THRESHOLD_BYTES, type SyncTarget } from '../src/pipeline/process.js';
import { needsWorker, transform } from '../src/pipeline/transform.js';
import { MediaRootError, walkMediaRoot } from '../src/pipeline/walk.js';
import { throttledProgress } from '../src/reporter.js';
import { encodePath, mediaFileUrl, remoteMediaUrl } from '../src/render/urls.js';
import { tempDir } from './helpers/fixtures.js';

describe('walk', () => {
  let scratch: ReturnType<typeof tempDir>;
  beforeEach(() => {
    scratch = tempDir();
  });
  afterEach(() => scratch.remove());

  const write = (relPath: string, content = relPath) => {
    const file = path.join(scratch.dir, relPath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  };

  test('skips hidden and underscore files and folders at every depth, and sorts by path', async () => {
    for (const file of ['b.css', 'a/x.js', 'a/.hidden.js', 'a/_partial.css', '.git/config', '_drafts/d.css', 'a/_b/c.png', 'a/b/.c/d.png', 'a/b/ok.png']) {
      write(file);
    }
    const files = await walkMediaRoot(path.join(scratch.dir));
    expect(files.map((file) => file.relPath)).toEqual(['a/b/ok.png', 'a/x.js', 'b.css']);
    expect(files[2]).toMatchObject({ absPath: path.join(scratch.dir, 'b.css'), size: 5 });
  });

  test('follows a symlink that stays inside MEDIA_ROOT and refuses one that leaves it', async () => {
    write('media/real/a.css', 'a{}');
    write('outside/secret.txt', 'secret');
    symlinkSync(path.join(scratch.dir, 'media/real'), path.join(scratch.dir, 'media/alias'));
    expect((await walkMediaRoot(path.join(scratch.dir, 'media'))).map((file) => file.relPath)).toEqual(['alias/a.css', 'real/a.css']);

    symlinkSync(path.join(scratch.dir, 'outside/secret.txt'), path.join(scratch.dir, 'media/real/leak.txt'));
    // Reachable as alias/leak.txt and real/leak.txt: the first in path order is named, every time.
    for (let run = 0; run < 20; run++) {
      await expect(walkMediaRoot(path.join(scratch.dir, 'media'))).rejects.toThrow(
        new MediaRootError(`alias/leak.txt in MEDIA_ROOT is a symlink to ${realpathSync(path.join(scratch.dir, 'outside/secret.txt'))}, outside MEDIA_ROOT; allowed: symlinks that stay inside MEDIA_ROOT`)
      );
    }
  });

  test('refuses a symlink loop', async () => {
    write('media/a/x.css');
    symlinkSync(path.join(scratch.dir, 'media'), path.join(scratch.dir, 'media/a/up'));
    await expect(walkMediaRoot(path.join(scratch.dir, 'media'))).rejects.toThrow(/a\/up in MEDIA_ROOT is a symlink to .*, a folder that contains it: the links form a cycle/);
  });

  test('names a missing MEDIA_ROOT, a file given as MEDIA_ROOT, and an empty one', async () => {
    await expect(walkMediaRoot(path.join(scratch.dir, 'nope'))).rejects.toThrow(`MEDIA_ROOT ${path.join(scratch.dir, 'nope')} does not exist`);
    write('file.txt');
    await expect(walkMediaRoot(path.join(scratch.dir, 'file.txt'))).rejects.toThrow(/MEDIA_ROOT .*file\.txt is a file; allowed: a path to an existing folder/);
    write('empty/.only-hidden');
    await expect(walkMediaRoot(path.join(scratch.dir, 'empty'))).rejects.toThrow(/holds no files to sync/);
  });
});

describe('join', () => {
  const files = new Set(['styles/reset.css', 'styles/text.css', 'scripts/lib.js', 'scripts/app.js', 'scripts/all.js']);

  test('CSS_PATH and JS_PATH prefix aliases and parts', () => {
    expect(withShortcut('reset.css', 'css', { CSS_PATH: 'styles/', JS_PATH: 'scripts' })).toBe('styles/reset.css');
    expect(withShortcut('/app.js', 'js', { CSS_PATH: '', JS_PATH: 'scripts' })).toBe('scripts/app.js');
    expect(withShortcut('x.png', undefined, { CSS_PATH: 'styles', JS_PATH: 'scripts' })).toBe('x.png');
    expect(
      resolveBundles({ JOINED: { 'joined.css': ['reset.css', 'text.css'], 'joined.js': ['lib.js', 'app.js'] }, CSS_PATH: 'styles', JS_PATH: 'scripts', EXCLUDE: [], MEDIA_ROOT: '/nonexistent' }, files)
    ).toEqual([
      { alias: 'styles/joined.css', kind: 'css', parts: ['styles/reset.css', 'styles/text.css'] },
      { alias: 'scripts/joined.js', kind: 'js', parts: ['scripts/lib.js', 'scripts/app.js'] }
    ]);
  });

  test('every missing part, wrong kind and alias clash is reported at once', () => {
    const attempt = () =>
      resolveBundles(
        { JOINED: { 'scripts/all.js': ['scripts/lib.js', 'scripts/gone.js', 'styles/text.css'], 'x.txt': ['a'] }, CSS_PATH: '', JS_PATH: '', EXCLUDE: [], MEDIA_ROOT: '/nonexistent' },
        files
      );
    expect(attempt).toThrow(BundleError);
    expect(attempt).toThrow(
      [
        'JOINED alias scripts/all.js is also a file in MEDIA_ROOT; rename the alias or the file',
        'JOINED scripts/all.js: part scripts/gone.js is not a file in MEDIA_ROOT; allowed: a synced file in MEDIA_ROOT',
        'JOINED scripts/all.js: part styles/text.css is not a .js file',
        'JOINED alias x.txt must end in .css or .js'
      ].join('\n')
    );
  });

  test('CSS parts are joined with a newline, JS parts with ";\\n"', () => {
    expect(joinParts('css', [Buffer.from('a{}'), Buffer.from('b{}')]).toString()).toBe('a{}\nb{}');
    expect(joinParts('js', [Buffer.from('f()'), Buffer.from('g()'), Buffer.from('h()')]).toString()).toBe('f();\ng();\nh()');
  });
});

describe('minify', () => {
  test('terser and clean-css shrink the source and keep license comments', async () => {
    const js = await minifySource('js', Buffer.from('/*! keep me */\nfunction add(first, second) {\n  // gone\n  return first + second;\n}\nwindow.add = add;\n'), 'a.js');
    expect(js.toString()).toBe('/*! keep me */\nfunction add(d,n){return d+n}window.add=add;');
    const css = await minifySource('css', Buffer.from('/* gone */\nbody {\n  color: #ff0000;\n  margin: 0px;\n}\n'), 'a.css');
    expect(css.toString()).toBe('body{color:red;margin:0}');
  });

  test('a JS syntax error names the file, line and column', async () => {
    const attempt = minifySource('js', Buffer.from('var ok = 1;\nvar broken = ;\n'), 'scripts/bad.js');
    await expect(attempt).rejects.toBeInstanceOf(MinifyError);
    await expect(attempt).rejects.toMatchObject({ file: 'scripts/bad.js', line: 2, column: 14 });
    await expect(attempt).rejects.toThrow('scripts/bad.js:2:14: cannot minify: Unexpected token: punc (;)');
  });
});

describe('compress and headers', () => {
  test('gzips compressible types only, and only when smaller', () => {
    const css = Buffer.from('body { color: red; }\n'.repeat(50));
    const gzipped = gzipIfSmaller(css, 'text/css; charset=utf-8', noGate);
    expect(gzipped.contentEncoding).toBe('gzip');
    expect(gunzipSync(gzipped.body)).toEqual(css);
    expect(gzipIfSmaller(Buffer.from('a{}'), 'text/css; charset=utf-8', noGate)).toEqual({ body: Buffer.from('a{}') });
    expect(gzipIfSmaller(Buffer.alloc(5000), 'image/png', noGate)).toEqual({ body: Buffer.alloc(5000) });
    expect(gzipIfSmaller(Buffer.from('<svg>'.repeat(100)), 'image/svg+xml', noGate).contentEncoding).toBe('gzip');
  });

  test('Content-Type comes from the MIME database with charset on text', () => {
    expect(contentTypeFor('a/b.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('app.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('logo.png')).toBe('image/png');
    expect(contentTypeFor('font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('dir/js')).toBe('application/octet-stream');
    expect(contentTypeFor('file.unknownext')).toBe('application/octet-stream');
  });

  test('Cache-Control and Expires follow EXPIRATION_DAYS', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(cacheHeaders(365, now)).toEqual({ cacheControl: 'max-age=31536000, public', expires: new Date('2027-01-01T00:00:00Z') });
    expect(cacheHeaders(0, now)).toEqual({ cacheControl: 'max-age=0, public', expires: now });
  });
});

describe('process', () => {
  let scratch: ReturnType<typeof tempDir>;
  beforeEach(() => {
    scratch = tempDir();
  });
  afterEach(() => scratch.remove());

  const source = (relPath: string, bytes: string | Buffer) => {
    const absPath = path.join(scratch.dir, relPath);
    writeFileSync(absPath, bytes);
    return { relPath, absPath };
  };

  test('a bundle is its parts minified and joined; a part is built on its own too', async () => {
    const a = source('a.js', 'function one() { return 1 }');
    const b = source('b.js', 'window.two = one() + 1');
    const bundle = await transform({ path: 'all.js', sources: [a, b], joinKind: 'js', minify: true, gzip: false });
    expect([bundle.body.toString(), bundle.sourceSize, bundle.minified, bundle.contentType]).toEqual([
      'function one(){return 1};\nwindow.two=one()+1;',
      49,
      2,
      'text/javascript; charset=utf-8'
    ]);
    const part = await transform({ path: 'a.js', sources: [a], minify: true, gzip: false });
    expect([part.body.toString(), part.sourceSize, part.minifiedSize]).toEqual(['function one(){return 1}', 27, 24]);
    expect(part.md5).toBe(createHash('md5').update('function one(){return 1}').digest('hex'));
    const png = await transform({ path: 'logo.png', sources: [source('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]))], minify: true, gzip: true });
    expect([png.body.toString('latin1'), png.contentEncoding, png.minified]).toEqual(['\x89PNG', undefined, 0]);
  });

  test('MINIFY false leaves the bytes as they are; gzip applies only when smaller', async () => {
    const css = source('a.css', 'a {  color: red }\n'.repeat(50));
    const plain = await transform({ path: 'a.css', sources: [css], minify: false, gzip: false });
    expect(plain.body.toString()).toBe('a {  color: red }\n'.repeat(50));
    const gzipped = await transform({ path: 'a.css', sources: [css], minify: false, gzip: true });
    expect([gunzipSync(gzipped.body).toString(), gzipped.contentEncoding, gzipped.minifiedSize]).toEqual(['a {  color: red }\n'.repeat(50), 'gzip', 900]);
  });

  test('only jobs with CPU work go to a worker', () => {
    const job = (p: string, minify: boolean, gzip: boolean) => ({ path: p, sources: [{ relPath: p, absPath: `/media/${p}` }], minify, gzip });
    const compressible = (type: string) => type.startsWith('text/');
    expect(needsWorker(job('a.js', true, false), compressible)).toBe(true);
    expect(needsWorker(job('a.js', false, false), compressible)).toBe(false);
    expect(needsWorker(job('a.css', false, true), compressible)).toBe(true);
    expect(needsWorker(job('logo.png', true, true), compressible)).toBe(false);
    expect(needsWorker({ ...job('all.js', false, false), joinKind: 'js' }, compressible)).toBe(true);
  });

  test('only a single file over the threshold is streamed as it is; a bundle of any size is built (and minified first)', () => {
    const target = (path: string, size: number, joinKind?: 'js'): SyncTarget => ({ path, sources: [{ relPath: path, absPath: `/media/${path}` }], joinKind, size, sourceHash: '', settingsHash: '' });
    expect(isStreamed(target('video.mp4', STREAM_THRESHOLD_BYTES + 1))).toBe(true);
    expect(isStreamed(target('huge.js', STREAM_THRESHOLD_BYTES + 1))).toBe(true);
    expect(isStreamed(target('app.js', STREAM_THRESHOLD_BYTES))).toBe(false);
    expect(isStreamed(target('all.js', STREAM_THRESHOLD_BYTES + 1, 'js'))).toBe(false);
  });

  test('the settings hash of a path changes only with the settings that shape it', () => {
    const base = { minify: true, gzip: true, expirationDays: 365 };
    const hash = (p: string, change: Partial<typeof base> = {}) => outputSettingsHash(p, { ...base, ...change });
    expect(hash('logo.png', { minify: false, gzip: false })).toBe(hash('logo.png'));
    expect(hash('logo.png', { expirationDays: 1 })).not.toBe(hash('logo.png'));
    expect(hash('a.js', { minify: false })).not.toBe(hash('a.js'));
    expect(hash('a.js', { gzip: false })).not.toBe(hash('a.js'));
    expect(hash('arrow.svg', { minify: false })).toBe(hash('arrow.svg'));
    expect(hash('arrow.svg', { gzip: false })).not.toBe(hash('arrow.svg'));
  });
});

describe('plan and cache-buster', () => {
  const target = (p: string, sourceHash: string, settingsHash = 's') => ({ path: p, sources: [], size: 0, sourceHash, settingsHash });
  const entry = (sourceHash: string, etag: string, size = 3) => ({
    source: sourceHash,
    settings: 's',
    etag,
    size,
    md5: etag,
    cacheControl: 'max-age=1, public',
    sourceSize: 3,
    minifiedSize: 3,
    expires: 0
  });

  test("reuses a target only when source, settings, the listed ETag and size, and a map's input maps all match the manifest", () => {
    const targets = [target('same', 'h1'), target('edited', 'h2'), target('overwritten', 'h3'), target('deleted', 'h4'), target('resettled', 'h5', 'other'), target('new', 'h6')];
    const manifest = {
      version: 1 as const,
      entries: { same: entry('h1', 'e1'), edited: entry('old', 'e2'), overwritten: entry('h3', 'e3'), deleted: entry('h4', 'e4'), resettled: entry('h5', 'e5') }
    };
    const remote = new Map([
      ['same', { path: 'same', size: 3, etag: 'e1' }],
      ['edited', { path: 'edited', size: 3, etag: 'e2' }],
      ['overwritten', { path: 'overwritten', size: 3, etag: 'someone-else' }],
      ['resettled', { path: 'resettled', size: 3, etag: 'e5' }]
    ]);
    const plan = planSync(targets, manifest, remote, false, new Map());
    expect(plan.reuse.map((r) => r.target.path)).toEqual(['same']);
    expect(plan.build.map((b) => b.target.path)).toEqual(['edited', 'overwritten', 'deleted', 'resettled', 'new']);
    expect(planSync(targets, manifest, remote, true, new Map()).build).toHaveLength(6);
    expect(planSync(targets, manifest, undefined, false, new Map()).build).toHaveLength(6);

    // A map is reused only while every input map it recorded is as it was, and only once it recorded them.
    const map = (path: string) => ({ ...targets[0], path, mapOf: 'same' });
    const mapEntry = (inputMaps?: Record<string, string | null>) => ({ ...entry('h1', 'e1'), ...(inputMaps ? { inputMaps } : {}) });
    const maps = { version: 1 as const, entries: { 'kept.map': mapEntry({ 'in.map': 'x1', 'gone.map': null }), 'edited.map': mapEntry({ 'in.map': 'x0' }), 'old.map': mapEntry() } };
    const listed = new Map(['kept.map', 'edited.map', 'old.map'].map((path) => [path, { path, size: 3, etag: 'e1' }]));
    const mapPlan = planSync([map('kept.map'), map('edited.map'), map('old.map')], maps, listed, false, new Map([['in.map', 'x1'], ['gone.map', null]]));
    expect({ reuse: mapPlan.reuse.map((r) => r.target.path), build: mapPlan.build.map((b) => b.target.path) }).toEqual({ reuse: ['kept.map'], build: ['edited.map', 'old.map'] });
  });

  test('a built object is not sent again when the store holds its bytes with the headers a manifest entry records', () => {
    const object = { path: 'a.css', storedSize: 3, md5: 'm1', cacheControl: 'max-age=1, public', contentEncoding: undefined };
    const listed = new Map([['a.css', { path: 'a.css', size: 3, etag: 'm1' }]]);
    const built = object as Parameters<typeof alreadyStored>[1];
    // A listing shows bytes, not headers: without an entry (or with a stale one) the object is sent again.
    expect(alreadyStored(listed, built, undefined)).toBe(false);
    expect(alreadyStored(listed, built, entry('h', 'stale-etag'))).toBe(false);
    expect(alreadyStored(listed, built, entry('h', 'm1'))).toBe(true);
    expect(alreadyStored(listed, { ...built, cacheControl: 'max-age=2, public' }, entry('h', 'm1'))).toBe(false);
    expect(alreadyStored(listed, { ...built, md5: 'm2' }, undefined)).toBe(false);
    expect(alreadyStored(undefined, built, undefined)).toBe(false);
  });

  test('the cache-buster is a literal when set, else a stable short hash of paths and bytes', () => {
    const a = [
      { path: 'a', md5: '1' },
      { path: 'b', md5: '2' }
    ];
    expect(cacheBusterFor('v42', a)).toBe('v42');
    expect(cacheBusterFor(undefined, a)).toMatch(/^[0-9a-f]{10}$/);
    expect(cacheBusterFor(undefined, [...a].reverse())).toBe(cacheBusterFor(undefined, a));
    expect(cacheBusterFor(undefined, [a[0], { path: 'b', md5: '3' }])).not.toBe(cacheBusterFor(undefined, a));
  });
});

describe('urls', () => {
  test('paths are encoded segment by segment', () => {
    expect(encodePath('images/a b#1?.png')).toBe('images/a%20b%231%3F.png');
    expect(mediaFileUrl('https://cdn.example.com/media/', '/x/y.css', '12 3')).toBe('https://cdn.example.com/media/x/y.css?12%203');
  });

  test('the remote URL: REMOTE_MEDIA_URL first, USE_SSL forcing the scheme, else the backend', () => {
    const backend = (withSsl: boolean) => (withSsl ? 'https://b.example/' : 'http://b.example/');
    expect(remoteMediaUrl({}, backend)).toBe('https://b.example');
    expect(remoteMediaUrl({}, backend, false)).toBe('http://b.example');
    expect(remoteMediaUrl({ USE_SSL: false }, backend, true)).toBe('http://b.example');
    expect(remoteMediaUrl({ REMOTE_MEDIA_URL: 'https://cdn.example/m/' }, backend)).toBe('https://cdn.example/m');
    expect(remoteMediaUrl({ REMOTE_MEDIA_URL: 'https://cdn.example/m', USE_SSL: false }, backend)).toBe('http://cdn.example/m');
  });

  test.each([
    [{ cname: true }, true, 'https://media.example.com/site/media'],
    [{ cname: true }, false, 'http://media.example.com/site/media'],
    [{ cname: false }, true, 'https://s3.eu-west-1.amazonaws.com/media.example.com/site/media'],
    [{ cname: false, bucket: 'plain-bucket' }, true, 'https://plain-bucket.s3.eu-west-1.amazonaws.com/site/media'],
    [{ cname: false, bucket: 'plain-bucket', prefix: '' }, false, 'http://plain-bucket.s3.eu-west-1.amazonaws.com'],
    [{ endpoint: 'http://127.0.0.1:9000' }, true, 'http://127.0.0.1:9000/media.example.com/site/media'],
    [{ endpoint: 'http://127.0.0.1:9000', useSsl: true }, true, 'https://127.0.0.1:9000/media.example.com/site/media'],
    [{ endpoint: 'https://minio.example/base/' }, false, 'https://minio.example/base/media.example.com/site/media']
  ])('s3MediaUrl %j ssl=%s', (overrides, withSsl, expected) => {
    expect(s3MediaUrl({ bucket: 'media.example.com', prefix: 'site/media', region: 'eu-west-1', cname: false, ...overrides }, withSsl)).toBe(expected);
  });
});

test('progress is quiet on short runs and throttled on long ones', () => {
  const lines: string[] = [];
  let clock = 0;
  const progress = throttledProgress((line) => lines.push(line), () => clock);
  progress('upload', 1, 2);
  progress('upload', 2, 2);
  expect(lines).toEqual([]);
  for (let done = 1; done <= 10; done++) {
    clock += 1000;
    progress('upload', done, 10);
  }
  expect(lines).toEqual(['upload: 2/10 (20%)', 'upload: 4/10 (40%)', 'upload: 6/10 (60%)', 'upload: 8/10 (80%)', 'upload: 10/10 (100%)']);
});
