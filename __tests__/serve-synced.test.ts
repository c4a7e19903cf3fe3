import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runJob } from '../src/job.js';
import { loadTagSource } from '../src/local-media.js';
import { devMounts } from '../src/serve/dev-media.js';
import { startDevServer } from '../src/serve/server.js';
import { resolveSettings } from '../src/settings/load.js';
import { copyExampleMedia, EXAMPLE_SITE, tempDir } from './helpers/fixtures.js';
import { fetchRaw } from './helpers/http.js';

test('serve --synced answers with the filesystem backend tree and the headers the sync stored', async () => {
  const scratch = tempDir();
  try {
    copyExampleMedia(scratch.dir);
    const example = JSON.parse(readFileSync(path.join(EXAMPLE_SITE, 'mediasync.json'), 'utf8'));
    const settings = resolveSettings({
      file: {
        path: 'mediasync.json',
        text: JSON.stringify({ ...example, $schema: undefined, BACKEND: 'filesystem', FILESYSTEM_ROOT: 'public', AWS_BUCKET: undefined })
      },
      cwd: scratch.dir
    });
    const result = await runJob(settings);
    const server = await startDevServer(devMounts(settings, await loadTagSource(settings), { synced: true }), { host: '127.0.0.1', port: 0 });
    try {
      const joined = result.objects.find((object) => object.path === 'scripts/joined.js')!;
      const reply = await fetchRaw(`${server.url}/devmedia/scripts/joined.js`);
      expect(reply.status).toBe(200);
      expect(reply.headers).toMatchObject({
        'content-type': 'text/javascript; charset=utf-8',
        'content-encoding': 'gzip',
        'cache-control': 'max-age=31536000, public',
        expires: joined.expires.toUTCString()
      });
      expect(createHash('md5').update(reply.body).digest('hex')).toBe(joined.md5);
      expect(gunzipSync(reply.body).toString()).toContain('mediasyncDemo');

      const png = await fetchRaw(`${server.url}/devmedia/images/logo.png`);
      expect(png.headers['content-encoding']).toBeUndefined();
      expect(png.body).toEqual(readFileSync(path.join(scratch.dir, 'media/images/logo.png')));
      expect((await fetchRaw(`${server.url}/devmedia/.mediasync-headers.json`)).status).toBe(404);
      expect((await fetchRaw(`${server.url}/devmedia/_drafts/unfinished.css`)).status).toBe(404);
    } finally {
      await server.close();
    }
  } finally {
    scratch.remove();
  }
});
