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
  test('a file with the size and mtime the cache recorded is not read again; a recent one always is', async () => {
    const media = path.join(scratch.dir, 'media');
    mkdirSync(media);
    const cacheFile = path.join(scratch.dir, 'cache', 'hashes.json');
    writeWithMtime(path.join(media, 'old.css'), 'a{color:red}', AN_HOUR_AGO);
    writeFileSync(path.join(media, 'new.css'), 'b{color:red}');
    const first = await hashSources(await walkMediaRoot(media), cacheFile);
    expect(first.get('old.css')).toBe(sha256('a{color:red}'));
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).files[path.join(media, 'old.css')].sha256).toBe(sha256('a{color:red}'));

    // Same size, same mtime, new bytes: only a cache hit explains the old hash.
    writeWithMtime(path.join(media, 'old.css'), 'a{color:tan}', AN_HOUR_AGO);
    writeFileSync(path.join(media, 'new.css'), 'b{color:tan}');
    const second = await hashSources(await walkMediaRoot(media), cacheFile);
    expect(second.get('old.css')).toBe(sha256('a{color:red}'));
    expect(second.get('new.css')).toBe(sha256('b{color:tan}'));
    // Without the cache, the bytes decide.
    expect((await hashSources(await walkMediaRoot(media), undefined)).get('old.css')).toBe(sha256('a{color:tan}'));
  });

  test('the default cache lives under node_modules/.cache/mediasync, one file per MEDIA_ROOT, and only when node_modules exists', () => {
    expect(defaultHashCacheFile('/project', 'media', () => false)).toBeUndefined();
    const withModules = defaultHashCacheFile('/project', 'media', () => true)!;
    expect(path.dirname(withModules)).toBe(path.join('/project', 'node_modules', '.cache', 'mediasync'));
    expect(withModules).not.toBe(defaultHashCacheFile('/project', 'other-media', () => true));
  });
});
