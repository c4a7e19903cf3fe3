import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultHashCacheFile, hashSources } from '../src/pipeline/source-hash.js';
import { walkMediaRoot } from '../src/pipeline/walk.js';
import { tempDir } from './helpers/fixtures.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => (scratch = tempDir()));
afterEach(() => scratch.remove());

const sha256 = (bytes: string) => createHash('sha256').update(bytes).digest('hex');

const AN_HOUR_AGO = Math.floor(Date.now() / 1000) - 3600;

function writeWithMtime(file: string, text: string, mtimeSeconds: number): void {
  writeFileSync(file, text);
  utimesSync(file, mtimeSeconds, mtimeSeconds);
}

describe('source hashes and their local cache', () => {
  test('a file whose stamp (device, inode, size, mtime, ctime) the cache recorded is not read again; any write is seen', async () => {
    const media = path.join(scratch.dir, 'media');
    mkdirSync(media);
    const cacheFile = path.join(scratch.dir, 'cache', 'hashes.json');
    const oldCss = path.join(media, 'old.css');
    const keptCss = path.join(media, 'kept.css');
    writeWithMtime(oldCss, 'a{color:red}', AN_HOUR_AGO);
    writeWithMtime(keptCss, 'k{color:red}', AN_HOUR_AGO);
    writeFileSync(path.join(media, 'new.css'), 'b{color:red}');
    const first = await hashSources(await walkMediaRoot(media), cacheFile);
    expect(first.get('old.css')).toBe(sha256('a{color:red}'));
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
    expect(cache.files[oldCss].sha256).toBe(sha256('a{color:red}'));
    // Files just written are racy (changed within a timestamp tick of the cache): none is trusted yet.
    // Move the cache's time on, and plant a marker hash: only a cache hit can return it.
    cache.writtenAt += 3_600_000;
    cache.files[keptCss].sha256 = 'planted';
    cache.files[oldCss].sha256 = 'planted';
    writeFileSync(cacheFile, JSON.stringify(cache));

    // Same size, same mtime, new bytes (as a checkout that sets fixed mtimes does): ctime moved, so it is read.
    writeWithMtime(oldCss, 'a{color:tan}', AN_HOUR_AGO);
    writeFileSync(path.join(media, 'new.css'), 'b{color:tan}');
    const second = await hashSources(await walkMediaRoot(media), cacheFile);
    expect(second.get('kept.css')).toBe('planted');
    expect(second.get('old.css')).toBe(sha256('a{color:tan}'));
    expect(second.get('new.css')).toBe(sha256('b{color:tan}'));
  });

  test('a cache written within two seconds of a file changing is not trusted for it (racy entry)', async () => {
    const media = path.join(scratch.dir, 'media');
    mkdirSync(media);
    const cacheFile = path.join(scratch.dir, 'hashes.json');
    writeFileSync(path.join(media, 'a.css'), 'a{color:red}');
    await hashSources(await walkMediaRoot(media), cacheFile);
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8'));
    cache.files[path.join(media, 'a.css')].sha256 = 'planted';
    writeFileSync(cacheFile, JSON.stringify(cache));
    expect((await hashSources(await walkMediaRoot(media), cacheFile)).get('a.css')).toBe(sha256('a{color:red}'));
  });

  test('the default cache lives under node_modules/.cache/mediasync, one file per MEDIA_ROOT, and only when node_modules exists', () => {
    expect(defaultHashCacheFile('/project', 'media', () => false)).toBeUndefined();
    const withModules = defaultHashCacheFile('/project', 'media', () => true)!;
    expect(path.dirname(withModules)).toBe(path.join('/project', 'node_modules', '.cache', 'mediasync'));
    expect(withModules).not.toBe(defaultHashCacheFile('/project', 'other-media', () => true));
  });
});
