import type { Reporter } from '../reporter.js';
import type { Settings } from '../settings/schema.js';
import { encodePath } from '../render/urls.js';
import { BaseClient, type MediaObject, type RemoteObject } from './contract.js';

/** Does everything but store: each object it is handed is printed with its headers, as the seed's dummy backend did. */
export class DummyBackend extends BaseClient {
  private readonly prefix: string;

  constructor(
    settings: Pick<Settings, 'AWS_PREFIX'>,
    private readonly reporter: Reporter
  ) {
    super();
    this.prefix = settings.AWS_PREFIX.replace(/^\/+|\/+$/g, '');
  }

  /** A placeholder on localhost: nothing is served; set REMOTE_MEDIA_URL to preview the real URL. */
  remoteMediaUrl(withSsl: boolean): string {
    return `${withSsl ? 'https' : 'http'}://localhost${this.prefix ? `/${encodePath(this.prefix)}` : ''}`;
  }

  async put(object: MediaObject): Promise<void> {
    const headers = [object.contentType, object.contentEncoding, object.cacheControl, `expires ${object.expires.toUTCString()}`];
    this.reporter.info(`dummy: would put ${this.keyFor(object.path)} (${object.body.length} bytes; ${headers.filter(Boolean).join('; ')})`);
  }

  /** Nothing is ever stored, so everything is always sent. */
  async list(): Promise<RemoteObject[]> {
    return [];
  }

  async get(): Promise<Buffer | undefined> {
    return undefined;
  }

  async delete(paths: string[]): Promise<void> {
    for (const relPath of paths) this.reporter.info(`dummy: would delete ${this.keyFor(relPath)}`);
  }

  private keyFor(relPath: string): string {
    return this.prefix ? `${this.prefix}/${relPath}` : relPath;
  }
}
