import type { Worker } from 'node:worker_threads';
/** The memory one worker and its pool share for the gate, passed to the worker as workerData. */
export declare const newGateMemory: () => SharedArrayBuffer;
/** Runs a synchronous zlib call, or refuses to. */
export type ZlibGate = <T>(work: () => T) => T;
/** For the main thread, which is never terminated. */
export declare const noGate: ZlibGate;
/** Thrown in a worker instead of entering zlib once its pool is stopping it: the job is dropped. */
export declare class WorkerStopping extends Error {
    constructor();
}
/** The worker's side of the gate. */
export declare function zlibGate(memory: SharedArrayBuffer): ZlibGate;
/**
 * The pool's side: a function that shuts the gate, waits until the worker is out of zlib, then
 * terminates it. A worker that died inside (out of memory) left its flag set: its threadId is
 * then -1, and it is not waited for.
 */
export declare function stopperFor(worker: Worker, memory: SharedArrayBuffer): () => Promise<void>;
