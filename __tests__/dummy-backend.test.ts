import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBackend } from '../src/backends/index.js';
import { runJob } from '../src/job.js';
import { silentReporter, type Reporter } from '../src/reporter.js';
import { resolveSettings } from '../src/settings/load.js';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
});
afterEach(() => scratch.remove());

test('the dummy backend prints every object it would put, with its headers, and stores nothing', async () => {
  copyExampleMedia(scratch.dir);
  const configFile = path.join(scratch.dir, 'mediasync.json');
  writeFileSync(configFile, JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'dummy', AWS_PREFIX: 'v 2', EXPIRATION_DAYS: 1 }));
  const settings = resolveSettings({ file: { path: configFile, text: readFileSync(configFile, 'utf8') }, cwd: scratch.dir });
  const lines: string[] = [];
  const reporter: Reporter = { ...silentReporter, info: (line) => lines.push(line) };

  const result = await runJob(settings, { reporter });

  expect(result.mediaUrl).toBe('https://localhost/v%202');
  expect(result.uploaded).toHaveLength(7);
  // The media, and the records the core keeps beside it: the pending paths first, the sync manifest last.
  const puts = lines.filter((line) => line.startsWith('dummy: would put '));
  expect(puts).toHaveLength(9);
  expect(puts[0]).toMatch(/^dummy: would put v 2\/\.mediasync\/pending\.json /);
  expect(puts.filter((line) => line.startsWith('dummy: would put v 2/.mediasync/sync-manifest.json.gz '))).toHaveLength(1);
  expect(lines).toContain('dummy: would delete v 2/.mediasync/pending.json');
  const logo = result.objects.find((object) => object.path === 'images/logo.png')!;
  expect(puts).toContain(
    `dummy: would put v 2/images/logo.png (${logo.storedSize} bytes; image/png; max-age=86400, public; expires ${logo.expires.toUTCString()})`
  );
  const gzipped = result.objects.find((object) => object.contentEncoding === 'gzip')!;
  expect(puts).toContain(
    `dummy: would put v 2/${gzipped.path} (${gzipped.storedSize} bytes; ${gzipped.contentType}; gzip; max-age=86400, public; expires ${gzipped.expires.toUTCString()})`
  );
  expect(readdirSync(scratch.dir).sort()).toEqual(['media', 'mediasync-manifest.json', 'mediasync.json']);
});

test('the dummy backend lists nothing, reads nothing and prints what it would delete', async () => {
  const lines: string[] = [];
  const client = await createBackend({ BACKEND: 'mediasync.backends.dummy', AWS_PREFIX: '' } as never, {
    reporter: { ...silentReporter, info: (line) => lines.push(line) }
  });
  expect(await client.list!()).toEqual([]);
  expect(await client.get!('.mediasync/manifest.json')).toBeUndefined();
  await client.delete!(['old.css']);
  expect(lines).toEqual(['dummy: would delete old.css']);
  expect(client.remoteMediaUrl(false)).toBe('http://localhost');
});
