import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Settings } from '../settings/schema.js';
import { BaseClient, type MediaObject, type RemoteObject } from './contract.js';
import { SIDECAR_NAME, emptySidecar, headersOf, parseSidecar, serializeSidecar, type HeadersSidecar } from './headers-sidecar.js';

type FilesystemSettings = Pick<Settings, 'FILESYSTEM_ROOT' | 'AWS_PREFIX' | 'MEDIA_ROOT'>;

const TEMP_SUFFIX = '.mediasync-tmp';

/**
 * Writes the synced tree into FILESYSTEM_ROOT as S3 would hold it: the same keys (under
 * AWS_PREFIX), the same bytes, and the headers in a sidecar at the root of the tree. Each file
 * is written to a hidden temporary name and renamed, so a reader never sees half a file.
 */
export class FilesystemBackend extends BaseClient {
  private readonly root: string;
  private readonly prefix: string;
  /** The folder that stands for the media URL: root, or root/prefix. */
  private readonly base: string;
  private sidecar?: Promise<HeadersSidecar>;
  private writing: Promise<void> = Promise.resolve();
  private queued?: Promise<void>;

  constructor(settings: FilesystemSettings) {
    super();
    this.root = path.resolve(settings.FILESYSTEM_ROOT);
    this.prefix = settings.AWS_PREFIX.replace(/^\/+|\/+$/g, '');
    this.base = path.join(this.root, this.prefix);
    const media = path.resolve(settings.MEDIA_ROOT);
    if (isInside(this.base, media) || isInside(media, this.base)) {
      throw new Error(
        `FILESYSTEM_ROOT ${this.root}${this.prefix ? ` with AWS_PREFIX ${this.prefix}` : ''} overlaps MEDIA_ROOT ${media}; allowed: a folder outside MEDIA_ROOT that does not contain it`
      );
    }
  }

  /** A file: URL of the tree; set REMOTE_MEDIA_URL to the URL the tree is served from. USE_SSL does not apply. */
  remoteMediaUrl(): string {
    return pathToFileURL(this.base).href.replace(/\/+$/, '');
  }

  async put(object: MediaObject): Promise<void> {
    const file = this.fileFor(object.path);
    await writeAtomically(file, object.body);
    const sidecar = await this.loadSidecar();
    sidecar.objects[this.keyFor(object.path)] = headersOf(object);
    await this.saveSidecar();
  }

  /** Exclusive: the body goes to a temporary file that is hard-linked to the path, which fails when the path exists. */
  async putIfAbsent(object: MediaObject): Promise<boolean> {
    const file = this.fileFor(object.path);
    if (!(await writeExclusively(file, object.body))) return false;
    const sidecar = await this.loadSidecar();
    sidecar.objects[this.keyFor(object.path)] = headersOf(object);
    await this.saveSidecar();
    return true;
  }

  async list(): Promise<RemoteObject[]> {
    let entries;
    try {
      entries = await readdir(this.base, { recursive: true, withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const sidecarFile = path.join(this.root, SIDECAR_NAME);
    const objects: RemoteObject[] = [];
    for (const entry of entries) {
      const file = path.join(entry.parentPath, entry.name);
      if (!entry.isFile() || entry.name.endsWith(TEMP_SUFFIX) || file === sidecarFile) continue;
      const body = await readFile(file);
      objects.push({
        path: path.relative(this.base, file).split(path.sep).join('/'),
        size: body.length,
        etag: createHash('md5').update(body).digest('hex')
      });
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
    if (!isInside(file, this.base) || file === this.base || file === path.join(this.root, SIDECAR_NAME)) {
      throw new Error(`path ${relPath} is not a key the filesystem backend can store under ${this.base}`);
    }
    return file;
  }

  private keyFor(relPath: string): string {
    return this.prefix ? `${this.prefix}/${relPath}` : relPath;
  }

  private loadSidecar(): Promise<HeadersSidecar> {
    const file = path.join(this.root, SIDECAR_NAME);
    this.sidecar ??= readFile(file, 'utf8').then(
      (text) => parseSidecar(text, file),
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return emptySidecar();
        throw error;
      }
    );
    return this.sidecar;
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
        this.writing = this.loadSidecar().then((sidecar) =>
          writeAtomically(path.join(this.root, SIDECAR_NAME), Buffer.from(serializeSidecar(sidecar)))
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

async function writeAtomically(file: string, body: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}${TEMP_SUFFIX}`);
  try {
    await writeFile(temp, body);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** As writeAtomically, but the temporary file is hard-linked to the path, which fails when the path exists: false then. */
async function writeExclusively(file: string, body: Buffer): Promise<boolean> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}${TEMP_SUFFIX}`);
  try {
    await writeFile(temp, body);
    await link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Whether `inner` is `outer` or below it. */
function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
