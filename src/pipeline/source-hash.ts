import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '../atomic-file.js';
import path from 'node:path';
import pLimit from 'p-limit';
import type { SourceFile } from './walk.js';

/** Files up to this size are read whole to hash; larger ones are streamed. */
const READ_WHOLE_BYTES = 1024 * 1024;
/** Reads in flight while hashing: enough to keep the disk busy, few enough to bound memory. */
const READ_CONCURRENCY = 32;
/**
 * A cached hash is trusted only for a file last changed (mtime or ctime) this long before the
 * cache was written: an edit within the file system's timestamp granularity keeps every stamp
 * (git calls such entries racy).
 */
const RACY_MS = 2000;

interface CacheEntry {
  /** SourceFile.stamp when the file was hashed: device, inode, size, mtime and ctime. */
  stamp: string;
  sha256: string;
}

interface CacheFile {
  version: 2;
  writtenAt: number;
  files: Record<string, CacheEntry>;
}

/**
 * The sha256 of every source file. With a cache file, a file whose stamp (device, inode, size,
 * mtime and ctime, as git's index keeps them) matches the last run's is not read again, which keeps a no-change run on 100,000 files fast; the cache
 * only ever saves reading, never decides what is stored (the sync manifest does that).
 */
export async function hashSources(
  files: readonly SourceFile[],
  cacheFile: string | undefined,
  onHashed: (done: number, total: number) => void = () => {}
): Promise<Map<string, string>> {
  const cached = cacheFile ? await readCache(cacheFile) : undefined;
  const trustBefore = (cached?.writtenAt ?? 0) - RACY_MS;
  const limit = pLimit(READ_CONCURRENCY);
  const hashes = new Map<string, string>();
  // Cached hashes first, in one synchronous pass: a task per file would cost more than the lookup.
  const toRead = files.filter((file) => {
    const entry = cached?.files[file.absPath];
    const fresh = entry !== undefined && entry.stamp === file.stamp && file.changedMs < trustBefore;
    if (fresh) hashes.set(file.relPath, entry.sha256);
    return !fresh;
  });
  let done = hashes.size;
  if (done > 0) onHashed(done, files.length);
  await Promise.all(
    toRead.map((file) =>
      limit(async () => {
        hashes.set(file.relPath, await hashFile(file.absPath, file.size, 'sha256'));
        onHashed(++done, files.length);
      })
    )
  );
  const unchanged = cached !== undefined && toRead.length === 0 && Object.keys(cached.files).length === files.length;
  if (cacheFile && !unchanged) await writeCache(cacheFile, files, hashes);
  return hashes;
}

/** Hash a file's bytes: read whole when small, streamed when large so memory stays flat. */
export async function hashFile(absPath: string, size: number, algorithm: 'sha256' | 'md5'): Promise<string> {
  return (await digestFile(absPath, size, [algorithm])).digests[0];
}

/** Several digests of one read of a file, in the order asked, and its first `headBytes` bytes (fewer if it is shorter). */
export async function digestFile(absPath: string, size: number, algorithms: readonly ('sha256' | 'md5' | 'sha384')[], headBytes = 0): Promise<{ digests: string[]; head: Buffer }> {
  const hashes = algorithms.map((algorithm) => createHash(algorithm));
  let head: Buffer | undefined;
  const update = (chunk: Buffer) => {
    // A copy: a slice would keep the whole chunk in memory.
    head ??= Buffer.from(chunk.subarray(0, headBytes));
    hashes.forEach((hash) => hash.update(chunk));
  };
  if (size <= READ_WHOLE_BYTES) update(await readFile(absPath));
  else for await (const chunk of createReadStream(absPath, { highWaterMark: 1024 * 1024 })) update(chunk as Buffer);
  return { digests: hashes.map((hash) => hash.digest('hex')), head: head ?? Buffer.alloc(0) };
}

async function readCache(cacheFile: string): Promise<CacheFile | undefined> {
  try {
    const parsed = JSON.parse(await readFile(cacheFile, 'utf8')) as CacheFile;
    return parsed.version === 2 ? parsed : undefined;
  } catch {
    return undefined;
  }
}

async function writeCache(cacheFile: string, files: readonly SourceFile[], hashes: Map<string, string>): Promise<void> {
  const cache: CacheFile = { version: 2, writtenAt: Date.now(), files: {} };
  for (const file of files) cache.files[file.absPath] = { stamp: file.stamp, sha256: hashes.get(file.relPath)! };
  // A run killed midway never leaves a half-written cache.
  await writeFileAtomically(cacheFile, JSON.stringify(cache));
}

/**
 * The default cache file for a MEDIA_ROOT: under node_modules/.cache/mediasync (the usual home
 * of tool caches) when the working folder has node_modules, else none.
 */
export function defaultHashCacheFile(cwd: string, mediaRoot: string, exists: (dir: string) => boolean): string | undefined {
  const base = path.join(cwd, 'node_modules');
  if (!exists(base)) return undefined;
  const key = createHash('sha256').update(path.resolve(cwd, mediaRoot)).digest('hex').slice(0, 16);
  return path.join(base, '.cache', 'mediasync', `source-hashes-${key}.json`);
}
