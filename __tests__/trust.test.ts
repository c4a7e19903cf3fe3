// Issue 11: only media is published, what is recorded is what was stored, minifier problems
// fail, walks end, and MANIFEST_PATH is written last and only by a real sync.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { BackendClient, MediaFile, MediaObject } from '../src/backends/contract.js';
import { FilesystemBackend } from '../src/backends/filesystem.js';
import { S3Backend } from '../src/backends/s3.js';
import { STREAM_THRESHOLD_BYTES } from '../src/pipeline/process.js';
import { SYNC_MANIFEST_PATH, type SyncManifest } from '../src/pipeline/sync-manifest.js';
import { syncMedia } from '../src/pipeline/sync.js';
import { walkMediaRoot } from '../src/pipeline/walk.js';
import { resolveSettings } from '../src/settings/load.js';
import { exampleS3Settings, copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runCli } from './helpers/run.js';
import { getObject, startTestS3, type TestS3 } from './helpers/s3.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => (scratch = tempDir()));
afterEach(() => scratch.remove());

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

function write(relPath: string, text: string | Buffer): string {
  const file = path.join(scratch.dir, relPath);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Every file below a folder, relative, sorted, hidden ones included. */
function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

const SECRET = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';

describe('only media is published', () => {
  test('the settings file (and links to it), MANIFEST_PATH and EXCLUDE globs stay out, and the cache-buster is stable', () => {
    // MEDIA_ROOT is the folder that holds mediasync.json, as in the report.
    write('site/mediasync.json', JSON.stringify({
      MEDIA_ROOT: '.',
      BACKEND: 'filesystem',
      FILESYSTEM_ROOT: '../out',
      AWS_KEY: 'AKIAEXAMPLE',
      AWS_SECRET: SECRET,
      // Outside MEDIA_ROOT: a sync never writes into it.
      MANIFEST_PATH: '../manifest.json',
      EXCLUDE: ['drafts/**', '**/*.psd']
    }));
    write('site/a.css', 'a{color:red}');
    write('site/img/z.png', 'png');
    write('site/img/layers.psd', 'psd');
    write('site/drafts/next.png', 'draft');
    linkSync(path.join(scratch.dir, 'site/mediasync.json'), path.join(scratch.dir, 'site/copy.json'));
    symlinkSync('mediasync.json', path.join(scratch.dir, 'site/settings-link.json'));
    const cwd = path.join(scratch.dir, 'site');
    const first = runCli(['sync'], { cwd });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const second = runCli(['sync'], { cwd });
    expect(second.status).toBe(0);
    const out = path.join(scratch.dir, 'out');
    expect(filesBelow(out).filter((file) => !file.startsWith('.'))).toEqual(['a.css', 'img/z.png']);
    for (const file of filesBelow(out)) {
      const bytes = readFileSync(path.join(out, file));
      const text = file.endsWith('.gz') ? gunzipSync(bytes).toString() : bytes.toString();
      expect(text).not.toContain(SECRET);
    }
    const buster = (run: { stdout: string }) => /cache-buster: (\S+)/.exec(run.stdout)![1];
    expect(buster(second)).toBe(buster(first));
    expect(second.stdout).toContain('uploaded: 0');
  });

  test('FILESYSTEM_ROOT and the hash cache inside MEDIA_ROOT are never synced (dummy backend rehearsal)', async () => {
    write('media/a.css', 'a{color:red}');
    write('media/mediasync-out/old.css', 'b{color:red}');
    write('media/cache/hashes.json', '{}');
    const settings = resolveSettings({
      file: { path: path.join(scratch.dir, 'mediasync.json'), text: JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'dummy', FILESYSTEM_ROOT: 'media/mediasync-out' }) },
      cwd: scratch.dir
    });
    const stored: string[] = [];
    const client: BackendClient = { remoteMediaUrl: () => 'https://media.example', put: async (object: MediaObject) => void stored.push(object.path) };
    const result = await syncMedia(settings, { client, hashCacheFile: path.join(scratch.dir, 'media/cache/hashes.json') });
    expect(result.uploaded).toEqual(['a.css']);
    expect(stored).toEqual(['a.css']);
  });

  test('an @import is never inlined by the minifier: a file outside MEDIA_ROOT is not read into an object', () => {
    write('outside.css', `.leak{content:"${SECRET}"}`);
    write('media/css/b.css', 'b{color:red}');
    write('media/css/a.css', '@import "../../outside.css";\n@import "b.css";\na { color: red; }\n');
    write('mediasync.json', JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', AWS_GZIP: false }));
    const run = runCli(['sync'], { cwd: scratch.dir });
    // The reference stage says so, and the minifier never opened the file.
    expect(run.stderr).toBe('warning: media/css/a.css:1:9: ../../outside.css points outside MEDIA_ROOT, so it is not synced\n');
    expect(run.status).toBe(0);
    const stored = readFileSync(path.join(scratch.dir, 'out/css/a.css'), 'utf8');
    expect(stored).toBe('@import url(../../outside.css);@import url(b.css);a{color:red}');
    expect(stored).not.toContain(SECRET);
  });
});

describe('minifier problems fail the run', () => {
  test.each([
    ['an unclosed rule', 'a{color:red', 'styles/broken.css:1:1: cannot minify: Unclosed block'],
    ['an unclosed rule ending in a semicolon', 'p{}\na { color: red;\n', 'styles/broken.css:2:1: cannot minify: Unclosed block'],
    ['an unclosed @media block (clean-css drops it silently)', 'a{b:c}\n@media print{a{b:d}', 'styles/broken.css:2:1: cannot minify: Unclosed block'],
    ['a stray brace', 'a{color:red}}', 'styles/broken.css:1:13: cannot minify: Unexpected }'],
    ['an unclosed comment', 'a{b:c}/* x', 'styles/broken.css:1:7: cannot minify: Unclosed comment'],
    ['an empty property', 'p{}\na{color:}', "styles/broken.css:2:3: cannot minify: Empty property 'color' at 2:2. Ignoring."]
  ])('%s: clean-css would drop rules, so the run fails naming file, line and column, and nothing is stored', (_, css, message) => {
    write('media/styles/ok.css', 'a{color:red}');
    write('media/styles/broken.css', css);
    write('media/img/z.png', 'png');
    write('mediasync.json', JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out' }));
    const run = runCli(['sync'], { cwd: scratch.dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(filesBelow(path.join(scratch.dir, 'out')).filter((file) => !file.startsWith('.'))).toEqual([]);
    expect(existsSync(path.join(scratch.dir, 'mediasync-manifest.json'))).toBe(false);
  });
});

describe('walks end', () => {
  test('two symlinks forming a cycle are refused at once, naming the link', async () => {
    mkdirSync(path.join(scratch.dir, 'media/a'), { recursive: true });
    mkdirSync(path.join(scratch.dir, 'media/b'), { recursive: true });
    write('media/a/x.css', 'a{}');
    symlinkSync('../b', path.join(scratch.dir, 'media/a/to-b'));
    symlinkSync('../a', path.join(scratch.dir, 'media/b/to-a'));
    const started = Date.now();
    await expect(walkMediaRoot(path.join(scratch.dir, 'media'))).rejects.toThrow(
      /^(a\/to-b\/to-a|b\/to-a\/to-b) in MEDIA_ROOT is a symlink to .*, a folder that contains it: the links form a cycle/
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a tree nested deeper than 64 folders is refused with its path', async () => {
    const deep = Array.from({ length: 70 }, (_, index) => `d${index}`).join('/');
    write(`media/${deep}/x.css`, 'a{}');
    await expect(walkMediaRoot(path.join(scratch.dir, 'media'))).rejects.toThrow(/^d0\/d1\/.*\/d63\/d64 in MEDIA_ROOT is nested more than 64 folders deep; allowed: at most 64$/);
  });

  test('a symlink maze that multiplies paths (no cycle) is walked to its end, every path once', async () => {
    // 12 levels, each folder holding two links to the next: 2^12 paths to every leaf file.
    for (let level = 0; level < 12; level++) {
      mkdirSync(path.join(scratch.dir, `media/l${level}`), { recursive: true });
      write(`media/l${level}/f.css`, 'a{}');
    }
    for (let level = 0; level < 11; level++) {
      symlinkSync(`../l${level + 1}`, path.join(scratch.dir, `media/l${level}/one`));
      symlinkSync(`../l${level + 1}`, path.join(scratch.dir, `media/l${level}/two`));
    }
    const files = await walkMediaRoot(path.join(scratch.dir, 'media'));
    // l<k>/f.css is reached directly and twice through each path to l<k-1>: 2^(k+1) - 1 paths; summed over k = 0..11.
    expect(files.length).toBe(2 ** 13 - 2 - 12);
    expect(files.every((file) => file.relPath.endsWith('f.css'))).toBe(true);
  });
});

describe('MANIFEST_PATH', () => {
  function project(manifestPath: string): void {
    write('media/a.css', 'a{color:red}');
    write('mediasync.json', JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', MANIFEST_PATH: manifestPath }));
  }

  test('a folder, or a path below a file, is refused before anything is stored', () => {
    project('manifests');
    mkdirSync(path.join(scratch.dir, 'manifests'));
    const folder = runCli(['sync'], { cwd: scratch.dir });
    expect(folder.status).toBe(1);
    expect(folder.stderr).toBe(
      `mediasync: MANIFEST_PATH ${path.join(scratch.dir, 'manifests')} is a folder, so nothing was synced; allowed: a file path outside MEDIA_ROOT, in a folder mediasync can write, that is not a settings file or the BACKEND module\n`
    );
    project('a-file/manifest.json');
    write('a-file', 'x');
    const below = runCli(['sync'], { cwd: scratch.dir });
    expect(below.status).toBe(1);
    expect(below.stderr).toContain(`MANIFEST_PATH ${path.join(scratch.dir, 'a-file/manifest.json')} is below a file, not a folder, so nothing was synced`);
    expect(existsSync(path.join(scratch.dir, 'out'))).toBe(false);
  });

  test('a dry run leaves MANIFEST_PATH exactly as it was and says where its manifest went', () => {
    project('manifest.json');
    write('manifest.json', 'the previous manifest');
    const run = runCli(['sync', '--dry-run'], { cwd: scratch.dir });
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(scratch.dir, 'manifest.json'), 'utf8')).toBe('the previous manifest');
    const written = /manifest: (\S+) \(dry run: MANIFEST_PATH left as it was\)/.exec(run.stdout)![1];
    expect(JSON.parse(readFileSync(written, 'utf8')).files).toHaveProperty(['a.css']);
    expect(existsSync(path.join(scratch.dir, 'out'))).toBe(false);
  });

  // A small tmpfs makes a real full disk; mounting it needs root, which CI has.
  const asRoot = process.getuid?.() === 0 ? test : test.skip;
  asRoot('on a full disk the previous manifest stays whole and the error says the store was updated', () => {
    const disk = path.join(scratch.dir, 'disk');
    mkdirSync(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]);
    try {
      project(path.join(disk, 'manifest.json'));
      writeFileSync(path.join(disk, 'manifest.json'), 'the previous manifest');
      expect(() => writeFileSync(path.join(disk, 'filler'), Buffer.alloc(1024 * 1024))).toThrow(/ENOSPC/);
      const run = runCli(['sync'], { cwd: scratch.dir });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(
        `mediasync: MANIFEST_PATH ${path.join(disk, 'manifest.json')} cannot be written: no space left on the device, although the store was updated; ` +
          'the file there is still the previous manifest: free the space or fix the path and sync again (nothing will be uploaded twice); allowed: a file path outside MEDIA_ROOT, in a folder mediasync can write, that is not a settings file or the BACKEND module\n'
      );
      expect(readFileSync(path.join(disk, 'manifest.json'), 'utf8')).toBe('the previous manifest');
      expect(readdirSync(disk).sort()).toEqual(['filler', 'manifest.json']);
    } finally {
      execFileSync('umount', [disk]);
    }
  });

  test('the manifest is written by rename: no temporary file is left beside it', () => {
    project('manifest.json');
    expect(runCli(['sync'], { cwd: scratch.dir }).status).toBe(0);
    expect(readdirSync(scratch.dir).filter((name) => name.includes('manifest'))).toEqual(['manifest.json']);
    expect(JSON.parse(readFileSync(path.join(scratch.dir, 'manifest.json'), 'utf8')).files).toHaveProperty(['a.css']);
  });
});

describe('what is recorded is what was stored', () => {
  test('the sync manifest records the hash of the bytes read for the upload, not a stale cached one', async () => {
    write('media/a.css', 'a{color:red}');
    const settings = resolveSettings({
      file: { path: path.join(scratch.dir, 'mediasync.json'), text: JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out' }) },
      cwd: scratch.dir
    });
    const cacheFile = path.join(scratch.dir, 'hashes.json');
    // A cache that lies (as one written from a half-written file would): trusted, since it claims to be from the future.
    const [file] = await walkMediaRoot(settings.MEDIA_ROOT);
    writeFileSync(cacheFile, JSON.stringify({ version: 2, writtenAt: Date.now() + 3_600_000, files: { [file.absPath]: { stamp: file.stamp, sha256: sha256('half-written') } } }));
    await syncMedia(settings, { client: new FilesystemBackend(settings), hashCacheFile: cacheFile });
    const manifest = JSON.parse(gunzipSync(readFileSync(path.join(scratch.dir, 'out', SYNC_MANIFEST_PATH))).toString()) as SyncManifest;
    expect(manifest.entries['a.css'].source).toBe(sha256('a{color:red}'));
  });

  test('a large file that changes while it is uploaded fails the run, naming it, and nothing is recorded', async () => {
    const big = write('media/big.bin', Buffer.alloc(STREAM_THRESHOLD_BYTES + 1, 7));
    write('media/a.png', 'png');
    const settings = resolveSettings({
      file: { path: path.join(scratch.dir, 'mediasync.json'), text: JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'dummy' }) },
      cwd: scratch.dir
    });
    const client: BackendClient = {
      remoteMediaUrl: () => 'https://media.example',
      put: async () => {},
      putFile: async (object: MediaFile) => appendFileSync(object.file, 'more')
    };
    await expect(syncMedia(settings, { client, hashCacheFile: false })).rejects.toThrow(/big\.bin: big\.bin changed while mediasync uploaded it/);
    expect(readFileSync(big).length).toBe(STREAM_THRESHOLD_BYTES + 1 + 'more'.length);
  });
});

describe('headers are never assumed', () => {
  let s3: TestS3;
  beforeAll(async () => (s3 = await startTestS3(['headers-first-sync'])));
  afterAll(() => s3.stop());

  test('the first sync onto identical bytes with other headers (no manifest) sends the object again with the right headers', async () => {
    const media = copyExampleMedia(scratch.dir);
    const settings = exampleS3Settings({ dir: scratch.dir, media, endpoint: s3.endpoint }, { AWS_BUCKET: 'headers-first-sync' });
    const logo = readFileSync(path.join(media, 'images/logo.png'));
    await s3.client.send(new PutObjectCommand({ Bucket: 'headers-first-sync', Key: 'site/media/images/logo.png', Body: logo, CacheControl: 'max-age=5', ContentType: 'image/png' }));
    const result = await syncMedia(settings, { client: new S3Backend(settings), hashCacheFile: false });
    expect(result.uploaded).toContain('images/logo.png');
    const stored = await getObject(s3.client, 'headers-first-sync', 'site/media/images/logo.png');
    expect(stored.cacheControl).toBe('max-age=31536000, public');
  });
});
