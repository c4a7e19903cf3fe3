import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';

/*
 * Stopping a worker thread without aborting the process. Node aborts the whole process
 * (node_zlib.cc: `Assertion failed: init_done_ && "close before init"`, SIGABRT) when a worker
 * is terminated between creating a zlib handle and initialising it, and a terminate lands at any
 * point of the worker's JavaScript. So a worker calls zlib only through its gate, and the pool
 * terminates it only once the gate is shut with nothing inside. Each side writes its own flag
 * before it reads the other's (sequentially consistent Atomics): either the pool sees the worker
 * inside and waits, or the worker sees the gate shut and stays out.
 */
/** Where each flag sits in the shared memory. */
const SHUT_AT = 0;
const INSIDE_AT = 1;

/** How often a stopping pool looks whether the worker has left zlib: a gzip takes milliseconds to about a second. */
const POLL_MS = 5;

/** The memory one worker and its pool share for the gate, passed to the worker as workerData. */
export const newGateMemory = (): SharedArrayBuffer => new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);

/** Runs a synchronous zlib call, or refuses to. */
export type ZlibGate = <T>(work: () => T) => T;

/** For the main thread, which is never terminated. */
export const noGate: ZlibGate = (work) => work();

/** Thrown in a worker instead of entering zlib once its pool is stopping it: the job is dropped. */
export class WorkerStopping extends Error {
  constructor() {
    super('the worker pool is stopping this worker');
    this.name = 'WorkerStopping';
  }
}

/** The worker's side of the gate. */
export function zlibGate(memory: SharedArrayBuffer): ZlibGate {
  const flags = new Int32Array(memory);
  return (work) => {
    Atomics.store(flags, INSIDE_AT, 1);
    try {
      if (Atomics.load(flags, SHUT_AT) === 1) throw new WorkerStopping();
      return work();
    } finally {
      Atomics.store(flags, INSIDE_AT, 0);
    }
  };
}

/**
 * The pool's side: a function that shuts the gate, waits until the worker is out of zlib, then
 * terminates it. A worker that died inside (out of memory) left its flag set: its threadId is
 * then -1, and it is not waited for.
 */
export function stopperFor(worker: Worker, memory: SharedArrayBuffer): () => Promise<void> {
  const flags = new Int32Array(memory);
  return async () => {
    Atomics.store(flags, SHUT_AT, 1);
    while (Atomics.load(flags, INSIDE_AT) === 1 && worker.threadId !== -1) await sleep(POLL_MS);
    await worker.terminate();
  };
}
