// Worker thread entry: runs transform jobs posted by WorkerPool. Bundled on its own by ncc
// (dist/worker/index.js) so both bundles can start it.
import { parentPort, workerData } from 'node:worker_threads';
import { MinifyError } from './minifiable.js';
import { readSources, transformSources, type TransformJob } from './transform.js';
import { WorkerStopping, zlibGate } from './worker-stop.js';

const gate = zlibGate((workerData as { gate: SharedArrayBuffer }).gate);

/** The job being transformed; the next one's files are read meanwhile, and it waits its turn. */
let previous: Promise<void> = Promise.resolve();

parentPort!.on('message', ({ id, job }: { id: number; job: TransformJob }) => {
  const sources = readSources(job);
  sources.catch(() => {});
  previous = previous.then(() => run(id, job, sources));
});

async function run(id: number, job: TransformJob, sources: Promise<Buffer[]>): Promise<void> {
  try {
    const result = await transformSources(job, await sources, gate);
    // An exact-size copy, transferred: cloning a view would copy its whole (often pooled, larger) backing buffer.
    const body = new Uint8Array(result.body);
    parentPort!.postMessage({ id, result: { ...result, body } }, [body.buffer]);
  } catch (error) {
    // The pool is terminating this worker and waits for no reply.
    if (error instanceof WorkerStopping) return;
    const minify = error instanceof MinifyError ? { file: error.file, line: error.line, column: error.column, reason: error.reason, action: error.action } : undefined;
    parentPort!.postMessage({ id, error: { message: error instanceof Error ? error.message : String(error), minify } });
  }
}
