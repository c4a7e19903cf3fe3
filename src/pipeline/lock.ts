import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import type { BackendClient, MediaObject } from '../backends/contract.js';
import type { Reporter } from '../reporter.js';

/** The prefix's lock: hidden like the sync manifest, so it is never media. */
export const LOCK_PATH = '.mediasync/lock.json';

/** What the lock object says about the run that holds it. */
export interface LockRecord {
  runId: string;
  host: string;
  pid: number;
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT, when the run is a workflow's. */
  githubRun?: string;
  started: string;
  /** Moved forward at every refresh; past it, another run may take the lock over. */
  expires: string;
}

export interface LockTimings {
  /** How long the lock holds without a refresh: a run killed with SIGKILL blocks the prefix this long. */
  ttlMs: number;
  /** How often the holder moves the expiry forward. */
  refreshMs: number;
  /** Wait between writing the lock and reading it back, for a rival's write to land. */
  settleMs: number;
}

export const DEFAULT_LOCK_TIMINGS: LockTimings = { ttlMs: 180_000, refreshMs: 60_000, settleMs: 1_000 };

export class LockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockError';
  }
}

export interface HeldLock {
  /** Throws a LockError when another run took the lock over or it could not be kept fresh. */
  verify(): Promise<void>;
  /** Deletes the lock if it is still this run's; never throws. */
  release(): Promise<void>;
}

/** Whether the backend can hold a lock: it must read, delete and create-if-absent. */
export function canLock(client: BackendClient): boolean {
  return typeof client.get === 'function' && typeof client.delete === 'function' && typeof client.putIfAbsent === 'function';
}

/**
 * Take the prefix's lock or fail naming the run that holds it. The lock is created with
 * putIfAbsent (a conditional write where the store honours it); an expired lock is overwritten.
 * A created lock is written once more, conditionally: a refusal proves the store honours the
 * condition, so the creation was exclusive and the lock is held. Otherwise (a store that ignores
 * the condition, or a taken-over lock) it is read back after `settleMs`: of two runs that wrote
 * at once only the one whose write landed last finds its own run id, and the other fails. The
 * holder refreshes the expiry every `refreshMs` and checks again before it commits (verify).
 */
export async function acquireLock(client: BackendClient, reporter: Reporter, timings: LockTimings = DEFAULT_LOCK_TIMINGS, now = () => new Date()): Promise<HeldLock> {
  const runId = randomUUID();
  const started = now();
  const mine: LockRecord = { runId, host: os.hostname(), pid: process.pid, githubRun: githubRun(), started: started.toISOString(), expires: '' };
  const record = (at = now()) => lockObject({ ...mine, expires: new Date(at.getTime() + timings.ttlMs).toISOString() }, at);

  // Read first: a store that ignores the condition would let putIfAbsent overwrite a held lock.
  let holder = await readLock(client);
  let exclusive = false;
  if (!holder) {
    const created = record(started);
    // False when taken meanwhile, or when a retry of this very write met the first attempt's object.
    if (await client.putIfAbsent!(created)) exclusive = !(await client.putIfAbsent!(created));
    else holder = await readLock(client);
  }
  if (holder && holder.runId !== runId) {
    if (new Date(holder.expires).getTime() > now().getTime()) throw new LockError(heldMessage(holder));
    reporter.info(`taking over the lock of run ${describeRun(holder)}, which expired at ${holder.expires}`);
    await client.put(record());
  }
  if (!exclusive) {
    await delay(timings.settleMs);
    holder = await readLock(client);
    if (holder?.runId !== runId) throw new LockError(holder ? heldMessage(holder) : `the lock ${LOCK_PATH} vanished right after this run wrote it; another run is taking it over`);
  }

  let lost: LockError | undefined;
  const check = async () => {
    const current = await readLock(client);
    if (current?.runId !== runId) {
      lost = new LockError(
        `this run lost the lock ${LOCK_PATH} ${current ? `to run ${describeRun(current)}` : '(it was deleted)'} while it was running; ` +
          'the store may hold objects of both runs: rerun the sync once the other run is done'
      );
    }
    return current;
  };
  let refreshing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    refreshing = refreshing.then(async () => {
      if (lost) return;
      try {
        if ((await check())?.runId === runId) await client.put(record());
      } catch (error) {
        lost ??= new LockError(`could not refresh the lock ${LOCK_PATH}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }, timings.refreshMs);
  timer.unref();

  return {
    async verify() {
      await refreshing;
      if (!lost) await check();
      if (lost) throw lost;
    },
    async release() {
      clearInterval(timer);
      await refreshing;
      try {
        if ((await readLock(client))?.runId === runId) await client.delete!([LOCK_PATH]);
      } catch (error) {
        reporter.warning(`could not release the lock ${LOCK_PATH} (${error instanceof Error ? error.message : String(error)}); it expires by itself`);
      }
    }
  };
}

/** The lock as stored, or undefined when there is none; one that cannot be parsed counts as expired, to be taken over. */
async function readLock(client: BackendClient): Promise<LockRecord | undefined> {
  const bytes = await client.get!(LOCK_PATH);
  if (!bytes) return undefined;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as LockRecord;
    if (typeof parsed.runId === 'string' && typeof parsed.expires === 'string') return parsed;
  } catch {
    // As below.
  }
  return { runId: 'unreadable', host: 'unknown', pid: 0, started: '', expires: new Date(0).toISOString() };
}

function lockObject(record: LockRecord, now: Date): MediaObject {
  const body = Buffer.from(`${JSON.stringify(record, null, 2)}\n`);
  return {
    path: LOCK_PATH,
    body,
    contentType: 'application/json',
    cacheControl: 'no-cache, no-store',
    expires: now,
    md5: createHash('md5').update(body).digest('hex')
  };
}

function githubRun(): string | undefined {
  const id = process.env.GITHUB_RUN_ID;
  if (!id) return undefined;
  return process.env.GITHUB_RUN_ATTEMPT ? `${id} (attempt ${process.env.GITHUB_RUN_ATTEMPT})` : id;
}

function describeRun(record: LockRecord): string {
  return `${record.runId} on ${record.host} (pid ${record.pid}${record.githubRun ? `, GitHub run ${record.githubRun}` : ''})`;
}

function heldMessage(holder: LockRecord): string {
  return (
    `another mediasync run holds the lock ${LOCK_PATH} on this prefix: run ${describeRun(holder)}, started ${holder.started}, ` +
    `lock expires ${holder.expires} unless that run refreshes it. Nothing was changed. Run again when it is done; ` +
    'to queue deploys instead, give the workflow job a `concurrency:` group (see README, Reliability). ' +
    'A lock left by a killed run expires by itself'
  );
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
