import { link, mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isInside, realPathOf } from '../real-path.js';
import type { Settings } from '../settings/schema.js';
import { BaseClient, type MediaObject, type RemoteObject } from './contract.js';
import { TEMP_SUFFIX, isAbandonedTemp, tempNameFor } from '../temp-files.js';
import { SIDECAR_NAME, emptySidecar, md5Of, readTreeSidecar, serializeSidecar, settled, sidecarFileOf, versionOf, type HeadersSidecar, type SidecarEntry } from './headers-sidecar.js';

type FilesystemSettings = Pick<Settings, 'FILESYSTEM_ROOT' | 'AWS_PREFIX' | 'MEDIA_ROOT'>;

/**
 * Writes the synced tree into FILESYSTEM_ROOT as S3 would hold it: the same keys (under
 * AWS_PREFIX), the same bytes, and the headers in a sidecar in the prefix's folder. Each file
 * is written to a hidden temporary name and renamed, so a reader never sees half a file.
 * Everything a run touches is under its prefix, as its lock is: syncs under other prefixes of
 * the same FILESYSTEM_ROOT may run at once.
 *
 * A body and the sidecar are replaced by two renames, so a kill can fall between them. Each
 * sidecar entry names its body by MD5, and a put records the new version beside the one it
 * replaces before the new body is renamed into place: at every moment the sidecar holds the
 * headers of whatever body is on disk, and readers pick them by MD5 (headersFor). A delete
 * removes the body before its entry. The first use of the tree finishes what a killed run
 * left: its temporary files go, in-flight entries settle on the body that is there. A temporary
 * file names the process that writes it, so a run never removes one a live run is still writing
 * (the other run taking the lock at the same moment, or a dry run's listing beside a sync).
 */
export class FilesystemBackend extends BaseClient {
  private readonly root: string;
  private readonly prefix: string;
  /** The folder that stands for the media URL: root, or root/prefix. */
  private readonly base: string;
  private readonly sidecarFile: string;
  private sidecar?: Promise<HeadersSidecar>;
  private writing: Promise<void> = Promise.resolve();
  private queued?: Promise<void>;

  constructor(settings: FilesystemSettings) {
    super();
    this.root = path.resolve(settings.FILESYSTEM_ROOT);
    this.prefix = settings.AWS_PREFIX.replace(/^\/+|\/+$/g, '');
    this.base = path.join(this.root, this.prefix);
    this.sidecarFile = sidecarFileOf(this.root, this.prefix);
    // Real paths: a symlink on either side (or above, or where the tree is yet to be made) would otherwise write over the sources.
    const media = path.resolve(settings.MEDIA_ROOT);
    const [realBase, realMedia] = [realPathOf(this.base), realPathOf(media)];
    if (isInside(realBase, realMedia) || isInside(realMedia, realBase)) {
      const really = (given: string, real: string) => (given === real ? given : `${given} (really ${real})`);
      throw new Error(
        `FILESYSTEM_ROOT ${really(this.root, realPathOf(this.root))}${this.prefix ? ` with AWS_PREFIX ${this.prefix}` : ''} overlaps MEDIA_ROOT ${really(media, realMedia)}; allowed: a folder outside MEDIA_ROOT that does not contain it`
      );
    }
  }

  /**
   * A file: URL of the tree; set REMOTE_MEDIA_URL to the URL the tree is served from. USE_SSL does
   * not apply. Characters a shell reads (`( ) ' $ &` in the folder's path) are percent-encoded
   * too, so the URL keeps to what media-url may hold and still names the same folder.
   */
  remoteMediaUrl(): string {
    const href = pathToFileURL(this.base).href.replace(/\/+$/, '');
    return href.replace(/[^A-Za-z0-9._~:/%+-]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  }

  async put(object: MediaObject): Promise<void> {
    await this.store(object, (temp, file) => rename(temp, file));
  }

  /**
   * Exclusive: the temporary file is hard-linked to the path, which fails when the path exists.
   * A path already there is refused before anything is written (the lock's probe meets one).
   */
  async putIfAbsent(object: MediaObject): Promise<boolean> {
    if (await isFile(this.fileFor(object.path))) return false;
    try {
      await this.store(object, (temp, file) => link(temp, file).finally(() => rm(temp, { force: true })));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  /**
   * The body to a temporary file; the sidecar with the new version beside the previous one; then
   * `place` moves the body in. At every moment the sidecar vouches for whichever body is on disk.
   */
  private async store(object: MediaObject, place: (temp: string, file: string) => Promise<void>): Promise<void> {
    const file = this.fileFor(object.path);
    const key = this.keyFor(object.path);
    // Loaded first: loading removes the temporary files a killed run left.
    const sidecar = await this.loadSidecar();
    const temp = await writeTemp(file, object.body);
    const before = sidecar.objects[key];
    const entry: SidecarEntry = { ...versionOf(object), previous: before ? settled(before) : null };
    sidecar.objects[key] = entry;
    try {
      await this.saveSidecar();
      await place(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      if (sidecar.objects[key] === entry) {
        if (before) sidecar.objects[key] = before;
        else delete sidecar.objects[key];
      }
      throw error;
    }
    delete entry.previous;
    // Saved with the next write or by close(): until then the old version is merely kept.
    this.saveSidecar().catch(() => {});
  }

  /** A body that no sidecar entry vouches for is listed without an etag, so the core stores it again with its headers. */
  async list(): Promise<RemoteObject[]> {
    const sidecar = await this.loadSidecar();
    let entries;
    try {
      entries = await readdir(this.base, { recursive: true, withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const objects: RemoteObject[] = [];
    for (const entry of entries) {
      const file = path.join(entry.parentPath, entry.name);
      // Any sidecar: one in a subfolder is that of a prefix nested in this one, not an object.
      if (!entry.isFile() || entry.name.endsWith(TEMP_SUFFIX) || entry.name === SIDECAR_NAME) continue;
      const body = await readFile(file);
      const relPath = path.relative(this.base, file).split(path.sep).join('/');
      const md5 = md5Of(body);
      const stored = sidecar.objects[this.keyFor(relPath)];
      const vouched = stored !== undefined && stored.md5 === md5 && stored.size === body.length;
      objects.push({ path: relPath, size: body.length, ...(vouched ? { etag: md5 } : {}) });
    }
    return objects.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async get(relPath: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.fileFor(relPath));
    } catch (error) {
      if (['ENOENT', 'ENOTDIR', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
      throw error;
    }
  }

  /** Each body goes before its entry: a kill in between leaves an entry without a body, which no reader serves. */
  async delete(paths: string[]): Promise<void> {
    const sidecar = await this.loadSidecar();
    for (const relPath of paths) {
      const file = this.fileFor(relPath);
      await rm(file, { force: true });
      delete sidecar.objects[this.keyFor(relPath)];
      await this.removeEmptyFolders(path.dirname(file));
    }
    await this.saveSidecar();
  }

  async close(): Promise<void> {
    await (this.queued ?? this.writing);
  }

  private fileFor(relPath: string): string {
    const file = path.resolve(this.base, ...relPath.split('/'));
    if (!isInside(file, this.base) || file === this.base || path.basename(file) === SIDECAR_NAME) {
      throw new Error(`path ${relPath} is not a key the filesystem backend can store under ${this.base}`);
    }
    return file;
  }

  private keyFor(relPath: string): string {
    return this.prefix ? `${this.prefix}/${relPath}` : relPath;
  }

  private loadSidecar(): Promise<HeadersSidecar> {
    this.sidecar ??= this.recover();
    return this.sidecar;
  }

  /**
   * Read the sidecar and finish what a killed run left: remove its temporary files (only those
   * of a writer that is gone), settle each in-flight entry on the body that is there, and drop
   * entries whose body is gone. The result is saved with this run's first change, never by a
   * mere read: a dry run's listing beside a sync must not write back what it read before that
   * sync's last save (a sidecar read from the root of a tree synced before sidecars moved under
   * their prefix is saved under the prefix then too). Only the prefix's folder is scanned: other
   * prefixes' runs and other files of FILESYSTEM_ROOT are never touched.
   */
  private async recover(): Promise<HeadersSidecar> {
    try {
      for (const entry of await readdir(this.base, { recursive: true, withFileTypes: true })) {
        if (!entry.name.endsWith(TEMP_SUFFIX)) continue;
        const temp = path.join(entry.parentPath, entry.name);
        // Clean-up only: a file that cannot be removed (a read-only tree) is never listed anyway.
        const mtimeMs = (await stat(temp).catch(() => undefined))?.mtimeMs;
        if (mtimeMs !== undefined && isAbandonedTemp(entry.name, mtimeMs)) await rm(temp, { force: true }).catch(() => {});
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const found = await readTreeSidecar(this.root, this.prefix);
    if (!found) return emptySidecar();
    const { sidecar } = found;
    for (const [key, entry] of Object.entries(sidecar.objects)) {
      const body = path.join(this.root, ...key.split('/'));
      if (entry.previous === undefined) {
        if (!(await isFile(body))) delete sidecar.objects[key];
        continue;
      }
      const md5 = await readFile(body).then(md5Of, () => undefined);
      const now = md5 === undefined ? undefined : [entry, entry.previous].find((version) => version?.md5 === md5);
      if (now) sidecar.objects[key] = settled(now);
      else delete sidecar.objects[key];
    }
    return sidecar;
  }

  /**
   * Write the sidecar after every change, coalesced: one write runs at a time and at most one
   * waits, taking in every change made before it starts. A put resolves once its entry is on disk.
   */
  private saveSidecar(): Promise<void> {
    this.queued ??= this.writing
      .catch(() => {})
      .then(async () => {
        this.queued = undefined;
        const file = this.sidecarFile;
        // With no object left (the lock of a run refused before storing anything), no file is left either.
        this.writing = this.loadSidecar().then((sidecar) =>
          Object.keys(sidecar.objects).length === 0 ? rm(file, { force: true }) : writeAtomically(file, Buffer.from(serializeSidecar(sidecar)))
        );
        await this.writing;
      });
    return this.queued;
  }

  private async removeEmptyFolders(folder: string): Promise<void> {
    for (let current = folder; isInside(current, this.base) && current !== this.base; current = path.dirname(current)) {
      try {
        await rmdir(current);
      } catch {
        return;
      }
    }
  }
}

/** Write body to a hidden temporary file beside `file`, and return its name. */
async function writeTemp(file: string, body: Buffer): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = tempNameFor(file);
  try {
    await writeFile(temp, body);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return temp;
}

async function writeAtomically(file: string, body: Buffer): Promise<void> {
  const temp = await writeTemp(file, body);
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (stats) => stats.isFile(),
    () => false
  );
}
