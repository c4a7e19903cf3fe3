import path from 'node:path';
import { BaseClient, assertBackendClient, type MediaObject } from '../src/backends/contract.js';
import { DummyBackend } from '../src/backends/dummy.js';
import { FilesystemBackend } from '../src/backends/filesystem.js';
import { createBackend } from '../src/backends/index.js';
import { S3Backend } from '../src/backends/s3.js';
import { BaseClient as ExportedBaseClient } from '../src/lib.js';
import { SettingsError } from '../src/settings/errors.js';
import { resolveSettings } from '../src/settings/load.js';
import type { Settings } from '../src/settings/schema.js';

class Minimal extends BaseClient {
  remoteMediaUrl(withSsl: boolean): string {
    return withSsl ? 'https://cdn.test' : 'http://cdn.test';
  }
  async put(_object: MediaObject): Promise<void> {}
}

test('BaseClient gives the seed defaults: gzip supported, open and close do nothing; the library entry exports it', async () => {
  const client = new Minimal();
  expect(client.supportsGzip()).toBe(true);
  await expect(client.open()).resolves.toBeUndefined();
  await expect(client.close()).resolves.toBeUndefined();
  expect(ExportedBaseClient).toBe(BaseClient);
  expect(() => assertBackendClient(client, 'Minimal')).not.toThrow();
});

const BROKEN_CLIENTS: Array<[unknown, string]> = [
  [{ put: async () => {} }, 'backend mine.js has no method remoteMediaUrl; expected remoteMediaUrl(withSsl) returning the base URL of the stored media'],
  [{ remoteMediaUrl: () => '', put: 'yes' }, 'backend mine.js has a string for put; expected async put(object) storing object.body at object.path with its headers'],
  [{ remoteMediaUrl: () => '', put: async () => {}, get: 1 }, 'backend mine.js has a number for get; expected async get(path) returning a Buffer or undefined, or no get at all'],
  [undefined, 'backend mine.js did not give a client object (got undefined)']
];

test.each(BROKEN_CLIENTS)('assertBackendClient(%o) names the module, the method and what is expected', (client, message) => {
  expect(() => assertBackendClient(client, 'mine.js')).toThrow(message);
});

describe('BACKEND names', () => {
  const base = { MEDIA_ROOT: '/m', AWS_PREFIX: '', AWS_BUCKET: 'b', AWS_BUCKET_CNAME: false, FILESYSTEM_ROOT: '/out' } as Settings;

  test.each([
    ['s3', S3Backend],
    ['mediasync.backends.s3', S3Backend],
    ['filesystem', FilesystemBackend],
    ['mediasync.backends.filesystem', FilesystemBackend],
    ['dummy', DummyBackend],
    ['mediasync.backends.dummy', DummyBackend]
  ])('%s is built in', async (name, kind) => {
    const client = await createBackend({ ...base, BACKEND: name });
    expect(client).toBeInstanceOf(kind);
    await client.close?.();
  });

  test('an unknown name fails naming BACKEND and what is allowed', async () => {
    await expect(createBackend({ ...base, BACKEND: 'mediasync.backends.ftp' })).rejects.toThrow(
      'BACKEND mediasync.backends.ftp is not known; allowed: s3, filesystem, dummy, mediasync.backends.<one of those>, or a path to a .js, .mjs or .cjs module'
    );
  });

  test('the settings refuse an unknown name with file and line, and resolve a module path against the config file', () => {
    expect(() => resolveSettings({ file: { path: 'site/mediasync.json', text: '{\n  "MEDIA_ROOT": "media",\n  "BACKEND": "ftp"\n}' }, cwd: '/work' })).toThrow(
      new SettingsError([
        {
          source: 'site/mediasync.json:3:3',
          key: 'BACKEND',
          message: 'is "ftp"; allowed: s3, filesystem, dummy, mediasync.backends.<one of those>, or a path to a .js, .mjs or .cjs module'
        }
      ])
    );
    const settings = resolveSettings({ file: { path: 'site/mediasync.json', text: '{"MEDIA_ROOT": "media", "BACKEND": "../backends/mine.mjs"}' }, cwd: '/work' });
    expect(settings.BACKEND).toBe(path.join('/work', 'backends', 'mine.mjs'));
    expect(resolveSettings({ inputs: { MEDIA_ROOT: 'media', BACKEND: 'lib/Store.CJS' }, cwd: '/work' }).BACKEND).toBe('/work/lib/Store.CJS');
    expect(resolveSettings({ inputs: { MEDIA_ROOT: 'media', BACKEND: 'dummy' }, cwd: '/work' }).BACKEND).toBe('dummy');
  });
});
