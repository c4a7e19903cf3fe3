import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MinifyError } from './minify.js';
import type { TransformJob, TransformResult } from './transform.js';

interface WorkerReply {
  id: number;
  result?: TransformResult & { body: Uint8Array };
  error?: { message: string; minify?: { file: string; line?: number; column?: number; reason: string } };
}

interface Pending {
  resolve: (result: TransformResult) => void;
  reject: (error: Error) => void;
}

/** How to start the worker: the ncc bundle beside the running bundle, or the .ts source through a transpiling loader. */
function workerEntry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (here.endsWith('.ts')) {
    const hooks = pathToFileURL(path.join(dir, '..', '..', 'scripts', 'ts-worker-hooks.mjs')).href;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks)});`;
    return { file: path.join(dir, 'worker.ts'), execArgv: ['--import', `data:text/javascript,${encodeURIComponent(register)}`] };
  }
  // dist/index.js and dist/cli/index.js both sit near dist/worker/index.js.
  const candidates = [path.join(dir, 'worker', 'index.js'), path.join(dir, '..', 'worker', 'index.js')];
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) throw new Error(`mediasync worker bundle not found (looked for ${candidates.join(', ')}); rebuild with npm run bundle`);
  return { file, execArgv: [] };
}

/**
 * A fixed set of worker threads (one per core) for minify and gzip, started on the first job
 * so a run with nothing to process never pays for them. Jobs queue here; each worker takes
 * the next one when it is done.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { id: number; job: TransformJob }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Set when a worker died: every job from then on fails with it rather than waiting forever. */
  private broken: Error | undefined;

  constructor(private readonly size = os.availableParallelism()) {}

  run(job: TransformJob): Promise<TransformResult> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.workers.length === 0) this.start();
    const id = this.nextId++;
    const done = new Promise<TransformResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.queue.push({ id, job });
    this.dispatch();
    return done;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    this.workers.length = 0;
    this.idle.length = 0;
  }

  private start(): void {
    const entry = workerEntry();
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(entry.file, { execArgv: entry.execArgv });
      worker.on('message', (reply: WorkerReply) => this.settle(worker, reply));
      worker.on('error', (error) => this.failAll(error));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) this.idle.pop()!.postMessage(this.queue.shift());
  }

  private settle(worker: Worker, reply: WorkerReply): void {
    const pending = this.pending.get(reply.id)!;
    this.pending.delete(reply.id);
    this.idle.push(worker);
    this.dispatch();
    if (reply.result) {
      const { body } = reply.result;
      pending.resolve({ ...reply.result, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) });
    } else {
      const { message, minify } = reply.error!;
      pending.reject(minify ? new MinifyError(minify.file, minify.line, minify.column, minify.reason) : new Error(message));
    }
  }

  private failAll(error: Error): void {
    this.broken = new Error(`a minify worker stopped: ${error.message}`);
    this.queue.length = 0;
    for (const pending of this.pending.values()) pending.reject(this.broken);
    this.pending.clear();
  }
}
