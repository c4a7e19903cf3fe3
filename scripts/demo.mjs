// `npm run demo`: the example site synced to an s3rver started on loopback, twice: a cold sync
// that uploads everything, then a no-change sync that uploads nothing and keeps the cache-buster.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3_CREDENTIALS, startS3Server } from './s3-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const example = path.join(root, 'examples', 'site');
const cli = path.join(root, 'dist', 'cli', 'index.js');

const settings = JSON.parse(readFileSync(path.join(example, 'mediasync.json'), 'utf8'));
const server = await startS3Server({ buckets: [settings.AWS_BUCKET] });
const work = mkdtempSync(path.join(os.tmpdir(), 'mediasync-demo-'));
let failed = false;
try {
  const config = path.join(work, 'mediasync.json');
  writeFileSync(
    config,
    JSON.stringify({
      ...settings,
      $schema: undefined,
      MEDIA_ROOT: path.join(example, settings.MEDIA_ROOT),
      MANIFEST_PATH: path.join(work, 'mediasync-manifest.json'),
      AWS_ENDPOINT: server.endpoint,
      AWS_KEY: S3_CREDENTIALS.accessKeyId,
      AWS_SECRET: S3_CREDENTIALS.secretAccessKey
    })
  );
  for (const label of ['cold sync', 'no-change sync']) {
    console.log(`\n== ${label} of examples/site into ${server.endpoint} ==`);
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [cli, 'sync', '--config', config], { stdio: 'inherit', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
    console.log(`(${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms)`);
    if (run.status !== 0) {
      failed = true;
      break;
    }
  }
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
