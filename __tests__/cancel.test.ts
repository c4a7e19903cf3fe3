import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { LOCK_PATH } from '../src/pipeline/lock.js';
import { PENDING_PATH } from '../src/pipeline/pending.js';
import { startFaultProxy, type FaultProxy } from './helpers/fault-proxy.js';
import { copyExampleMedia, REPO_ROOT, tempDir } from './helpers/fixtures.js';
import { runCli } from './helpers/run.js';
import { getObject, listKeys, S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

// The real CLI, killed or cancelled mid-upload. Every request through the proxy is answered
// 300 ms late, so the uploads of the 30 new files (early, before any replacement) take seconds.
const BUCKET = 'cancel-media';
const NEW_FILES = 30;
let s3: TestS3;
let proxy: FaultProxy;
let scratch: ReturnType<typeof tempDir>;

beforeAll(async () => {
  s3 = await startTestS3([BUCKET]);
  proxy = await startFaultProxy({ target: s3.endpoint, rate: 1, faults: ['slow'] });
});
afterAll(async () => {
  await proxy.stop();
  await s3.stop();
});
beforeEach(() => {
  scratch = tempDir();
  copyExampleMedia(scratch.dir);
});
afterEach(() => scratch.remove());

const prefix = () => `run-${path.basename(scratch.dir)}`;

/** Settings straight to the store (direct.json) and through the slow proxy (slow.json). */
function writeConfigs(extra: Record<string, unknown> = {}): void {
  const base = {
    MEDIA_ROOT: 'media',
    AWS_BUCKET: BUCKET,
    AWS_PREFIX: prefix(),
    AWS_KEY: S3_CREDENTIALS.accessKeyId,
    AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
    CONCURRENCY: 2,
    ...extra
  };
  writeFileSync(path.join(scratch.dir, 'direct.json'), JSON.stringify({ ...base, AWS_ENDPOINT: s3.endpoint }));
  writeFileSync(path.join(scratch.dir, 'slow.json'), JSON.stringify({ ...base, AWS_ENDPOINT: proxy.endpoint }));
}

/** A synced prefix, then local changes: new files (uploaded first) and a changed one (replaced last). */
function syncedThenChanged(): void {
  writeConfigs();
  const first = runCli(['sync', '--config', 'direct.json'], { cwd: scratch.dir });
  expect(first.status).toBe(0);
  mkdirSync(path.join(scratch.dir, 'media', 'extra'));
  for (let index = 0; index < NEW_FILES; index++) writeFileSync(path.join(scratch.dir, 'media', 'extra', `file-${index}.txt`), `extra file ${index}\n`);
  writeFileSync(path.join(scratch.dir, 'media', 'styles', 'text.css'), 'body { color: #123 }\n');
}

/** Every key under the prefix with its bytes and headers, read straight from the store. */
async function snapshot(): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  for (const key of await listKeys(s3.client, BUCKET)) {
    if (!key.startsWith(`${prefix()}/`)) continue;
    const object = await getObject(s3.client, BUCKET, key);
    state.set(key, JSON.stringify([object.body.toString('base64'), object.contentType, object.contentEncoding, object.cacheControl]));
  }
  return state;
}

interface Started {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  /** Resolves once stdout has a line matching `pattern`. */
  waitFor: (pattern: RegExp) => Promise<void>;
  exited: Promise<{ status: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function startCli(args: string[], cwd = scratch.dir): Started {
  return startNode([path.join(REPO_ROOT, 'dist/cli/index.js'), ...args], cwd, {});
}

/** `node dist/index.js` as the runner starts it, with the inputs as INPUT_ variables. */
function startAction(inputs: Record<string, string>): Started {
  const extra: Record<string, string> = { GITHUB_OUTPUT: path.join(scratch.dir, 'github-output.txt') };
  writeFileSync(extra.GITHUB_OUTPUT, '');
  for (const [name, value] of Object.entries(inputs)) extra[`INPUT_${name.toUpperCase()}`] = value;
  return startNode([path.join(REPO_ROOT, 'dist/index.js')], scratch.dir, extra);
}

function startNode(args: string[], cwd: string, extra: Record<string, string>): Started {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!/^(INPUT_|AWS_|GITHUB_|NODE_OPTIONS$)/.test(name)) env[name] = value;
  const child = spawn(process.execPath, args, { cwd, env: { ...env, ...extra } });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const waiter of waiters.filter((candidate) => candidate.pattern.test(stdout))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ status: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, at: Date.now() }))
  );
  return {
    child,
    output: () => ({ stdout, stderr }),
    waitFor: (pattern) => (pattern.test(stdout) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ pattern, resolve }))),
    exited
  };
}

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143]
] as const)('%s mid-upload', (signal, code) => {
  test('the run stops promptly, says it was cancelled, and leaves the store, the manifest file and the outputs as before', async () => {
    syncedThenChanged();
    const manifestBefore = readFileSync(path.join(scratch.dir, 'mediasync-manifest.json'));
    const before = await snapshot();

    const run = startCli(['sync', '--config', 'slow.json', '--verbose']);
    await run.waitFor(/^uploaded extra\//m);
    const sent = Date.now();
    run.child.kill(signal);
    const exit = await run.exited;
    const { stdout, stderr } = run.output();

    expect({ status: exit.status, signal: exit.signal }).toEqual({ status: code, signal: null });
    // In-flight uploads finish (300 ms each here), new objects are deleted, the lock released.
    expect(exit.at - sent).toBeLessThan(5_000);
    expect(stderr).toContain(`mediasync: ${signal} received: cancelling, taking back what this run put\n`);
    expect(stderr).toContain(`mediasync: cancelled by ${signal}: the run stopped starting uploads, deleted the new objects it had put and wrote no outputs, manifest or sync manifest\n`);
    expect(stdout).toMatch(/^\d+ new objects uploaded before the run stopped were deleted again$/m);
    expect(stdout).not.toContain('media-url:');
    expect(await snapshot()).toEqual(before);
    expect(readFileSync(path.join(scratch.dir, 'mediasync-manifest.json'))).toEqual(manifestBefore);
  }, 60_000);
});

test('the action, cancelled as the runner does it (SIGINT), fails the step promptly with no outputs and the store as before', async () => {
  syncedThenChanged();
  const before = await snapshot();
  const run = startAction({ config: 'slow.json', 'aws-key': S3_CREDENTIALS.accessKeyId, 'aws-secret': S3_CREDENTIALS.secretAccessKey });
  // Debug lines reach stdout whatever the runner shows of them.
  await run.waitFor(/^::debug::uploaded extra\//m);
  const sent = Date.now();
  run.child.kill('SIGINT');
  const exit = await run.exited;
  expect(exit.status).toBe(1);
  expect(exit.at - sent).toBeLessThan(5_000);
  expect(run.output().stdout).toContain('::error::cancelled by SIGINT: the run stopped starting uploads');
  expect(readFileSync(path.join(scratch.dir, 'github-output.txt'), 'utf8')).toBe('');
  expect(await snapshot()).toEqual(before);
}, 60_000);

test('SIGKILL mid-upload: the new objects stay, recorded as pending; once the lock expires, a PRUNE run removes them', async () => {
  syncedThenChanged();
  const before = await snapshot();
  const run = startCli(['sync', '--config', 'slow.json', '--verbose']);
  await run.waitFor(/^uploaded extra\/.*\n(.|\n)*^uploaded extra\//m);
  run.child.kill('SIGKILL');
  await run.exited;
  // Requests the proxy had taken in still reach the store, 300 ms late, as on a real network.
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  const afterKill = await snapshot();
  const orphans = [...afterKill.keys()].filter((key) => !before.has(key) && !key.includes('/.mediasync/'));
  expect(orphans.length).toBeGreaterThanOrEqual(2);
  const pending = JSON.parse(Buffer.from(JSON.parse(afterKill.get(`${prefix()}/${PENDING_PATH}`)!)[0], 'base64').toString());
  // Recorded before the first upload: every new file, whether it made it or not.
  expect(pending.paths).toHaveLength(NEW_FILES);
  for (const key of orphans) expect(pending.paths).toContain(key.slice(prefix().length + 1));

  // The killed run still holds the lock until it expires.
  const blocked = runCli(['sync', '--config', 'direct.json'], { cwd: scratch.dir });
  expect(blocked.status).toBe(1);
  expect(blocked.stderr).toMatch(/^mediasync: another mediasync run holds the lock \.mediasync\/lock\.json on this prefix: run [0-9a-f-]{36} on .+ \(pid \d+\), started .+, lock expires /);
  expect(await snapshot()).toEqual(afterKill);

  // As if the lock's three minutes had passed.
  const lock = JSON.parse(Buffer.from(JSON.parse(afterKill.get(`${prefix()}/${LOCK_PATH}`)!)[0], 'base64').toString());
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix()}/${LOCK_PATH}`, Body: JSON.stringify({ ...lock, expires: new Date(Date.now() - 1000).toISOString() }) }));
  rmSync(path.join(scratch.dir, 'media', 'extra'), { recursive: true });
  writeConfigs({ PRUNE: true });
  const pruning = runCli(['sync', '--config', 'direct.json'], { cwd: scratch.dir });
  expect(pruning.stderr).toBe('');
  expect(pruning.status).toBe(0);
  expect(pruning.stdout).toContain(`taking over the lock of run ${lock.runId}`);
  expect(pruning.stdout).toContain(`pruned: ${orphans.length}\n`);
  const after = await snapshot();
  // The media as before the killed run, text.css now changed; no pending record, no lock.
  expect([...after.keys()]).toEqual([...before.keys()]);
}, 90_000);

test('two CLI runs at once on one prefix: exactly one succeeds, the other names the lock, and the store is what one clean run leaves', async () => {
  writeConfigs();
  mkdirSync(path.join(scratch.dir, 'other'));
  copyExampleMedia(path.join(scratch.dir, 'other'));
  writeFileSync(path.join(scratch.dir, 'other', 'media', 'styles', 'text.css'), 'body { color: #456 }\n');
  writeFileSync(path.join(scratch.dir, 'other', 'direct.json'), readFileSync(path.join(scratch.dir, 'direct.json')));

  const one = startCli(['sync', '--config', 'direct.json']);
  const two = startCli(['sync', '--config', 'direct.json'], path.join(scratch.dir, 'other'));
  const exits = await Promise.all([one.exited, two.exited]);
  const statuses = exits.map((exit) => exit.status);
  expect(statuses.sort()).toEqual([0, 1]);
  const loser = exits[0].status === 1 ? one : two;
  expect(loser.output().stderr).toMatch(/^mediasync: another mediasync run holds the lock \.mediasync\/lock\.json on this prefix: .+`concurrency:` group/);
  const winnerDir = exits[0].status === 0 ? scratch.dir : path.join(scratch.dir, 'other');

  const raced = await snapshot();
  // One clean run of the winner's tree on a fresh prefix.
  const cleanPrefix = `${prefix()}-clean`;
  writeFileSync(path.join(winnerDir, 'clean.json'), JSON.stringify({ ...JSON.parse(readFileSync(path.join(winnerDir, 'direct.json'), 'utf8')), AWS_PREFIX: cleanPrefix }));
  expect(runCli(['sync', '--config', 'clean.json'], { cwd: winnerDir }).status).toBe(0);
  const clean = new Map<string, string>();
  for (const key of await listKeys(s3.client, BUCKET)) {
    if (!key.startsWith(`${cleanPrefix}/`)) continue;
    const object = await getObject(s3.client, BUCKET, key);
    clean.set(key.replace(cleanPrefix, prefix()), JSON.stringify([object.body.toString('base64'), object.contentType, object.contentEncoding, object.cacheControl]));
  }
  const media = (state: Map<string, string>) => new Map([...state].filter(([key]) => !key.includes('/.mediasync/')));
  expect(media(raced)).toEqual(media(clean));
  expect([...raced.keys()].sort()).toEqual([...clean.keys()].sort());
}, 60_000);
