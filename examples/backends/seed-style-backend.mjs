// A backend in the seed's positional form, loaded with "BACKEND": "./seed-style-backend.mjs".
// It writes each file to SEED_BACKEND_ROOT/<remotePath>, and leaves a file already there alone
// unless the run is forced (`mediasync sync --force`).
//
// mediasync calls: new Client(settings, { reporter }), then put(filedata, contentType,
// remotePath, force) for every file, as the seed's core did. filedata is minified and joined
// but never gzipped (this form cannot be told a Content-Encoding); a truthy return counts the
// file as uploaded, a falsy one as skipped.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class Client {
  constructor() {
    const root = process.env.SEED_BACKEND_ROOT;
    if (!root) throw new Error('set SEED_BACKEND_ROOT to the folder to store media in');
    this.root = path.resolve(root);
  }

  remoteMediaUrl(withSsl) {
    return `${withSsl ? 'https' : 'http'}://media.example.test`;
  }

  async put(filedata, contentType, remotePath, force = false) {
    const file = path.join(this.root, ...remotePath.split('/'));
    if (existsSync(file) && !force) return false;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, filedata);
    return true;
  }
}
