import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startFaultProxy } from './helpers/fault-proxy.js';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runActionAsync, runCli, type Run } from './helpers/run.js';
import { S3_SECRET_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

// Known secrets go through succeeding and failing runs of the CLI and the action; none may
// appear in a log, an output, the job summary or the manifest.
const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLESESSIONTOKENleaktest';
const SECRETS = [S3_SECRET_CREDENTIALS.accessKeyId, S3_SECRET_CREDENTIALS.secretAccessKey, SESSION_TOKEN];

let s3: TestS3;
let scratch: ReturnType<typeof tempDir>;
const seen: { run: string; text: string }[] = [];

beforeAll(async () => {
  s3 = await startTestS3(['secret-media']);
  scratch = tempDir();
  copyExampleMedia(scratch.dir);
});
afterAll(async () => {
  scratch.remove();
  await s3.stop();
});

/** Everything a person could read after a run: logs without the runner's mask commands, and every file written. */
function record(name: string, run: Run, files: string[] = []) {
  const logs = `${run.stdout}\n${run.stderr}`.replace(/^::add-mask::.*$/gm, '');
  seen.push({ run: name, text: logs });
  for (const file of files) seen.push({ run: `${name}: ${path.basename(file)}`, text: readFileSync(file, 'utf8') });
}

const config = (settings: Record<string, unknown>) =>
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: 'secret-media', ...settings }));

/** The files a run wrote: outputs, summary and manifest (mediasync.json is the user's own input). */
const outputsOf = () =>
  readdirSync(scratch.dir)
    .filter((name) => /\.(txt|md|json)$/.test(name) && name !== 'mediasync.json')
    .map((name) => path.join(scratch.dir, name));

test('secrets from settings, inputs and the environment never appear, on success or failure', async () => {
  const keys = { AWS_KEY: S3_SECRET_CREDENTIALS.accessKeyId, AWS_SECRET: S3_SECRET_CREDENTIALS.secretAccessKey };
  const inputs = { 'aws-key': keys.AWS_KEY, 'aws-secret': keys.AWS_SECRET, 'aws-endpoint': s3.endpoint };
  const chain = { AWS_ACCESS_KEY_ID: keys.AWS_KEY, AWS_SECRET_ACCESS_KEY: keys.AWS_SECRET, AWS_SESSION_TOKEN: SESSION_TOKEN };

  config({ ...keys, AWS_ENDPOINT: s3.endpoint, AWS_PREFIX: 'cli' });
  const cli = runCli(['sync', '--verbose'], { cwd: scratch.dir });
  expect(cli.status).toBe(0);
  record('CLI, keys in the file', cli, outputsOf());

  config({ AWS_ENDPOINT: s3.endpoint, AWS_PREFIX: 'chain' });
  const viaChain = runCli(['sync'], { cwd: scratch.dir, env: chain });
  expect(viaChain.status).toBe(0);
  record('CLI, keys from the environment', viaChain, outputsOf());

  config({ AWS_PREFIX: 'action' });
  const action = await runActionAsync(inputs, { cwd: scratch.dir, env: { RUNNER_DEBUG: '1' } });
  expect(action.status).toBe(0);
  expect(action.stdout).toContain(`::add-mask::${keys.AWS_SECRET}`);
  record('action, keys as inputs', action, outputsOf());

  config({ AWS_BUCKET: 'missing-bucket' });
  const noBucket = await runActionAsync(inputs, { cwd: scratch.dir });
  expect(noBucket.status).toBe(1);
  record('action, missing bucket', noBucket, outputsOf());

  config({ AWS_PREFIX: 'action', EXPIRATION_DAYS: -1, AWS_SECRET: 12345 });
  const invalid = runCli(['sync'], { cwd: scratch.dir, env: chain });
  expect(invalid.status).toBe(1);
  expect(invalid.stderr).toContain('AWS_SECRET is not valid (value hidden)');
  record('CLI, invalid settings', invalid);

  const proxy = await startFaultProxy({ target: s3.endpoint, rate: 0, faults: [], alwaysFail: /joined/ });
  try {
    config({ AWS_PREFIX: 'failing', CSS_PATH: 'styles', JOINED: { 'joined.css': ['reset.css'] } });
    const failing = await runActionAsync({ ...inputs, 'aws-endpoint': proxy.endpoint }, { cwd: scratch.dir, env: { AWS_SESSION_TOKEN: SESSION_TOKEN } });
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('styles/joined.css: InternalError');
    record('action, failing upload', failing, outputsOf());
  } finally {
    await proxy.stop();
  }

  const leaks = seen.flatMap(({ run, text }) => SECRETS.filter((secret) => text.includes(secret)).map((secret) => `${run}: ${secret}`));
  expect(leaks).toEqual([]);
  expect(seen.length).toBeGreaterThan(10);
}, 120_000);
