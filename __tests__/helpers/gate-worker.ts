// A worker thread for worker-stop.test.ts: it enters its zlib gate as the test's mode says and
// records what happened in shared memory [entered, completed], then stays alive until terminated.
import { workerData } from 'node:worker_threads';
import { zlibGate } from '../../src/pipeline/worker-stop.js';

const { gate, shared, mode } = workerData as { gate: SharedArrayBuffer; shared: SharedArrayBuffer; mode: 'hold' | 'die' };
const record = new Int32Array(shared);
const ENTERED = 0;
const COMPLETED = 1;

setInterval(() => {}, 60_000);
zlibGate(gate)(() => {
  Atomics.store(record, ENTERED, 1);
  // 'die' leaves inside, as a worker killed by running out of memory would: the gate's flag stays set.
  if (mode === 'die') process.exit(3);
  // Busy, as zlib is: a terminate landing here would cut the loop short.
  const until = Date.now() + 300;
  while (Date.now() < until);
  Atomics.store(record, COMPLETED, 1);
});
