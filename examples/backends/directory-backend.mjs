// A complete mediasync backend, loaded with "BACKEND": "./directory-backend.mjs" (a path relative
// to mediasync.json). It stores each object's bytes under DIRECTORY_BACKEND_ROOT/files/<key> and
// its headers under DIRECTORY_BACKEND_ROOT/headers/<key>.json.
//
// mediasync calls: new Client(settings, { reporter }), then open(), list(), put(object) for each
// object to store, and close(). Only remoteMediaUrl and put are required; list lets unchanged
// files be skipped, get and delete let the sync keep its manifest and prune.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class Client {
  /**
   * @param {Record<string, unknown>} settings  the resolved mediasync settings (AWS_PREFIX, REMOTE_MEDIA_URL, ...)
   * @param {{ reporter: { info(line: string): void } }} context
   */
  constructor(settings, context) {
    const root = process.env.DIRECTORY_BACKEND_ROOT;
    if (!root) throw new Error('set DIRECTORY_BACKEND_ROOT to the folder to store media in');
    this.root = path.resolve(root);
    this.reporter = context.reporter;
    this.stored = 0;
  }

  /** The base URL of the stored media, without a trailing slash; REMOTE_MEDIA_URL overrides it. */
  remoteMediaUrl(withSsl) {
    return `${withSsl ? 'https' : 'http'}://media.example.test`;
  }

  /** Gzipped bodies are stored as they are and served with their Content-Encoding. */
  supportsGzip() {
    return true;
  }

  async open() {
    await mkdir(this.root, { recursive: true });
  }

  /**
   * @param {{ path: string, body: Buffer, contentType: string, contentEncoding?: 'gzip',
   *           cacheControl: string, expires: Date, md5: string }} object
   */
  async put(object) {
    const file = this.fileFor('files', object.path);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, object.body);
    const headers = {
      'Content-Type': object.contentType,
      'Content-Encoding': object.contentEncoding,
      'Cache-Control': object.cacheControl,
      Expires: object.expires.toUTCString()
    };
    const headersFile = `${this.fileFor('headers', object.path)}.json`;
    await mkdir(path.dirname(headersFile), { recursive: true });
    await writeFile(headersFile, JSON.stringify(headers));
    this.stored += 1;
  }

  /** Every stored object with its size and MD5, so unchanged files are not sent again. */
  async list() {
    const folder = path.join(this.root, 'files');
    const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
    const objects = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const body = await readFile(file);
      objects.push({
        path: path.relative(folder, file).split(path.sep).join('/'),
        size: body.length,
        etag: createHash('md5').update(body).digest('hex')
      });
    }
    return objects;
  }

  async get(relPath) {
    return readFile(this.fileFor('files', relPath)).catch(() => undefined);
  }

  async delete(paths) {
    for (const relPath of paths) {
      await rm(this.fileFor('files', relPath), { force: true });
      await rm(`${this.fileFor('headers', relPath)}.json`, { force: true });
    }
  }

  async close() {
    this.reporter.info(`directory backend: stored ${this.stored} objects in ${this.root}`);
  }

  fileFor(kind, relPath) {
    const file = path.resolve(this.root, kind, ...relPath.split('/'));
    if (!file.startsWith(path.join(this.root, kind) + path.sep)) throw new Error(`refusing to store ${relPath} outside ${this.root}`);
    return file;
  }
}
