// Worker thread entry: runs transform jobs posted by WorkerPool. Bundled on its own by ncc
// (dist/worker/index.js) so both bundles can start it.
import { parentPort } from 'node:worker_threads';
import { MinifyError } from './minify.js';
import { transform, type TransformJob } from './transform.js';

parentPort!.on('message', async ({ id, job }: { id: number; job: TransformJob }) => {
  try {
    const result = await transform(job);
    // An exact-size copy, transferred: cloning a view would copy its whole (often pooled, larger) backing buffer.
    const body = new Uint8Array(result.body);
    parentPort!.postMessage({ id, result: { ...result, body } }, [body.buffer]);
  } catch (error) {
    const minify = error instanceof MinifyError ? { file: error.file, line: error.line, column: error.column, reason: error.reason } : undefined;
    parentPort!.postMessage({ id, error: { message: error instanceof Error ? error.message : String(error), minify } });
  }
});
