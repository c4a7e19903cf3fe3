import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MinifyError } from './minifiable.js';
import { minifiesAny, type TransformJob, type TransformResult } from './transform.js';
import { newGateMemory, stopperFor } from './worker-stop.js';

interface WorkerReply {
  id: number;
  result?: TransformResult & { body: Uint8Array };
  error?: { message: string; minify?: { file: string; line?: number; column?: number; reason: string; action: 'minify' | 'join' } };
}

interface Queued {
  id: number;
  job: TransformJob;
}

interface Pending {
  resolve: (result: TransformResult) => void;
  reject: (error: Error) => void;
}

/** Node options that let a worker thread load .ts sources (tests, which run the sources), through the repository's transpiling hooks. */
export function typeScriptWorkerArgs(): string[] {
  const hooks = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'ts-worker-hooks.mjs')).href;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks)});`;
  return ['--import', `data:text/javascript,${encodeURIComponent(register)}`];
}

/** How to start the worker: the ncc bundle beside the running bundle, or the .ts source through a transpiling loader. */
function workerEntry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (here.endsWith('.ts')) return { file: path.join(dir, 'worker.ts'), execArgv: typeScriptWorkerArgs() };
  // dist/index.js and dist/cli/index.js both sit near dist/worker/index.js.
  const candidates = [path.join(dir, 'worker', 'index.js'), path.join(dir, '..', 'worker', 'index.js')];
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`mediasync worker bundle not found (looked for ${candidates.join(', ')}); rebuild with npm run bundle`);
  return { file, execArgv: [] };
}

/** Jobs a worker holds at once: the next one is read from disk while the current one is minified. */
const JOBS_PER_WORKER = 2;

/**
 * Worker threads for minify and gzip, up to one per core. A worker starts only when every
 * running one already holds JOBS_PER_WORKER jobs, so a run with nothing to process starts none
 * and a small one starts one (each costs tens of MB). Jobs queue here, quick ones (no minifier)
 * ahead of the rest so an upload never waits behind the minify backlog.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  /** Jobs each worker holds. */
  private readonly held = new Map<Worker, number>();
  /** How each worker is stopped: never inside zlib (see worker-stop.ts). */
  private readonly stoppers = new Map<Worker, () => Promise<void>>();
  private readonly quickQueue: Queued[] = [];
  private readonly queue: Queued[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Set when a worker died: every job from then on fails with it rather than waiting forever. */
  private broken: Error | undefined;
  private closing: Promise<void> | undefined;

  /** Open until its close has finished, so the process's exit waits for a close under way too. */
  constructor(private readonly size = os.availableParallelism()) {
    openPools.add(this);
  }

  run(job: TransformJob): Promise<TransformResult> {
    if (this.closing) return Promise.reject(closedError());
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    const done = new Promise<TransformResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    (minifiesAny(job.minify, job.sources) ? this.queue : this.quickQueue).push({ id, job });
    this.dispatch();
    return done;
  }

  /** Stops every worker; jobs still queued or running fail. Also done by the process's exit, for a pool still open then. */
  close(): Promise<void> {
    this.closing ??= this.stopWorkers();
    return this.closing;
  }

  private async stopWorkers(): Promise<void> {
    this.queue.length = 0;
    this.quickQueue.length = 0;
    await Promise.all(this.workers.map((worker) => this.stoppers.get(worker)!()));
    this.workers.length = 0;
    this.held.clear();
    this.stoppers.clear();
    for (const pending of this.pending.values()) pending.reject(closedError());
    this.pending.clear();
    openPools.delete(this);
  }

  private startWorker(): Worker {
    const entry = workerEntry();
    const gate = newGateMemory();
    const worker = new Worker(entry.file, { execArgv: entry.execArgv, workerData: { gate } });
    this.stoppers.set(worker, stopperFor(worker, gate));
    worker.on('message', (reply: WorkerReply) => this.settle(worker, reply));
    worker.on('error', (error) => this.failAll(error));
    this.workers.push(worker);
    this.held.set(worker, 0);
    return worker;
  }

  /** Each queued job to the worker holding the fewest, starting another when all are full. */
  private dispatch(): void {
    if (this.closing) return;
    for (;;) {
      const next = this.quickQueue.length > 0 ? this.quickQueue : this.queue;
      if (next.length === 0) return;
      let worker = this.workers.reduce<Worker | undefined>((least, candidate) => (least && this.held.get(least)! <= this.held.get(candidate)! ? least : candidate), undefined);
      if (!worker || this.held.get(worker)! >= JOBS_PER_WORKER) {
        if (this.workers.length >= this.size) return;
        worker = this.startWorker();
      }
      this.held.set(worker, this.held.get(worker)! + 1);
      worker.postMessage(next.shift());
    }
  }

  private settle(worker: Worker, reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    // A reply that arrives after the pool closed: its job has already failed.
    if (!pending) return;
    this.pending.delete(reply.id);
    this.held.set(worker, this.held.get(worker)! - 1);
    this.dispatch();
    if (reply.result) {
      const { body } = reply.result;
      pending.resolve({ ...reply.result, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) });
    } else {
      const { message, minify } = reply.error!;
      pending.reject(minify ? new MinifyError(minify.file, minify.line, minify.column, minify.reason, minify.action) : new Error(message));
    }
  }

  private failAll(error: Error): void {
    this.broken = new Error(`a minify worker stopped: ${error.message}`);
    this.queue.length = 0;
    this.quickQueue.length = 0;
    for (const pending of this.pending.values()) pending.reject(this.broken);
    this.pending.clear();
  }
}

const closedError = () => new Error('the worker pool was closed before this job finished');

/** Pools whose close has not finished. */
const openPools = new Set<WorkerPool>();

/** Closes every pool still open: leaving the process with a worker in zlib would abort it. */
export async function closeOpenPools(): Promise<void> {
  await Promise.all([...openPools].map((pool) => pool.close()));
}
