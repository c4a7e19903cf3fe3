import type { SourceFile } from './walk.js';
/**
 * The sha256 of every source file. With a cache file, a file whose stamp (device, inode, size,
 * mtime and ctime, as git's index keeps them) matches the last run's is not read again, which keeps a no-change run on 100,000 files fast; the cache
 * only ever saves reading, never decides what is stored (the sync manifest does that).
 */
export declare function hashSources(files: readonly SourceFile[], cacheFile: string | undefined, onHashed?: (done: number, total: number) => void): Promise<Map<string, string>>;
/** Hash a file's bytes: read whole when small, streamed when large so memory stays flat. */
export declare function hashFile(absPath: string, size: number, algorithm: 'sha256' | 'md5'): Promise<string>;
/** Several digests of one read of a file, in the order asked, and its first `headBytes` bytes (fewer if it is shorter). */
export declare function digestFile(absPath: string, size: number, algorithms: readonly ('sha256' | 'md5' | 'sha384')[], headBytes?: number): Promise<{
    digests: string[];
    head: Buffer;
}>;
/**
 * The default cache file for a MEDIA_ROOT: under node_modules/.cache/mediasync (the usual home
 * of tool caches) when the working folder has node_modules, else none.
 */
export declare function defaultHashCacheFile(cwd: string, mediaRoot: string, exists: (dir: string) => boolean): string | undefined;
