// Stopping a worker outside zlib: Node aborts the whole process when a worker is terminated while
// creating a zlib handle (seen as a failed sync piped into `head -1` exiting by SIGABRT instead of
// 1, about once in 300 runs). The race itself is too rare to provoke in a test, so each half of the
// gate is tested on real worker threads: the pool waits for a worker inside, a worker stays out
// once the gate is shut, and a worker that dies inside never holds the pool up.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO_ROOT } from './helpers/fixtures.js';
import { newGateMemory, stopperFor, WorkerStopping, zlibGate } from '../src/pipeline/worker-stop.js';
import { transformSources } from '../src/pipeline/transform.js';

const hooks = pathToFileURL(path.join(REPO_ROOT, 'scripts', 'ts-worker-hooks.mjs')).href;
const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hooks)});`)}`;

function startGateWorker(mode: 'hold' | 'die'): { worker: Worker; gate: SharedArrayBuffer; record: Int32Array } {
  const gate = newGateMemory();
  const shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const worker = new Worker(path.join(REPO_ROOT, '__tests__', 'helpers', 'gate-worker.ts'), { execArgv: ['--import', register], workerData: { gate, shared, mode } });
  return { worker, gate, record: new Int32Array(shared) };
}

async function untilEntered(record: Int32Array): Promise<void> {
  while (Atomics.load(record, 0) === 0) await sleep(2);
}

/** A gate already shut: its (idle) worker was stopped. */
async function shutGate(): Promise<SharedArrayBuffer> {
  const gate = newGateMemory();
  const worker = new Worker('setInterval(() => {}, 60_000);', { eval: true });
  await stopperFor(worker, gate)();
  return gate;
}

test('a worker inside the gate is terminated only once it has left', async () => {
  const { worker, gate, record } = startGateWorker('hold');
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  await untilEntered(record);
  await stopperFor(worker, gate)();
  expect(Atomics.load(record, 1)).toBe(1);
  expect(await exited).toBe(1);
}, 30_000);

test('once the gate is shut, nothing enters zlib: the work is refused with WorkerStopping and never runs', async () => {
  const gate = zlibGate(await shutGate());
  let ran = false;
  expect(() => gate(() => (ran = true))).toThrow(WorkerStopping);
  expect(ran).toBe(false);
}, 30_000);

test('a worker that dies inside the gate does not hold its stopper up', async () => {
  const { worker, gate, record } = startGateWorker('die');
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  await untilEntered(record);
  expect(await exited).toBe(3);
  const started = Date.now();
  await stopperFor(worker, gate)();
  expect(Date.now() - started).toBeLessThan(5_000);
}, 30_000);

test('transform gzips through the gate it is given: a shut gate refuses a gzip job, and a job without gzip needs no gate', async () => {
  const gate = zlibGate(await shutGate());
  const job = { path: 'a.txt', sources: [{ relPath: 'a.txt', absPath: '/nonexistent/a.txt' }], minify: false, gzip: true };
  const text = Buffer.from('hello world\n'.repeat(50));
  await expect(transformSources(job, [text], gate)).rejects.toThrow(WorkerStopping);
  expect((await transformSources({ ...job, gzip: false }, [text], gate)).body.equals(text)).toBe(true);
}, 30_000);
