// The upload phase with FINGERPRINT: build what changed, finish it leaf first, then store new
// fingerprinted objects before anything that refers to them, the files kept at their own names
// after those, the release record after all objects, and only then prune what no kept release uses.
import pLimit from 'p-limit';
import type { BackendClient, RemoteObject } from '../../backends/contract.js';
import { abortable } from '../../cancel.js';
import type { Reporter } from '../../reporter.js';
import type { Settings } from '../../settings/schema.js';
import { writePending } from '../pending.js';
import { alreadyStored, isStored, planSync, sameHeaders } from '../plan.js';
import { targetBuilder, type SyncStats } from '../build-step.js';
import { MinifyError, minifiableKind } from '../minifiable.js';
import { checkPrune } from '../prune.js';
import { entryFor, isStreamed, objectFromEntry, storedKey, STREAM_THRESHOLD_BYTES, type BuildOptions, type ProcessedObject, type SyncTarget } from '../process.js';
import type { SyncPlan } from '../plan.js';
import { describeRetention, newRelease, planRetention, readReleaseLog, releaseLogObject, type ReleaseLog, type RetentionPlan } from '../releases.js';
import { afterPublishing, takeBack, withMixNote, type PublishedStep, type RunChanges } from '../rollback.js';
import { LockError } from '../lock.js';
import { writeSyncManifest, type SyncEntry, type SyncManifest } from '../sync-manifest.js';
import { describeError, storeObject, UploadError, type UploadFailure } from '../upload.js';
import { finishAll, type FinishedTarget } from './finish.js';
import { settleReuse } from './reuse.js';

export interface FingerprintRun {
  client: BackendClient;
  settings: Settings;
  targets: readonly SyncTarget[];
  stored: SyncManifest | undefined;
  remote: ReadonlyMap<string, RemoteObject> | undefined;
  /** What the input maps recorded in `stored` hold now (currentInputMaps). */
  inputMaps: ReadonlyMap<string, string | null>;
  /** Keys an earlier failed or killed run may have left (the pending record). */
  pending: readonly string[];
  force: boolean;
  dryRun: boolean;
  reporter: Reporter;
  signal: AbortSignal | undefined;
  build: BuildOptions;
  /** AWS_GZIP as the backend allows it (the build leaves bodies unzipped for the rewrite). */
  gzip: boolean;
  fingerprints: (path: string) => boolean;
  /** Throws if the lock was lost; called before anything is recorded. */
  verifyLock: () => Promise<void>;
  /** GITHUB_SHA, recorded with the release. */
  sha?: string;
}

export interface FingerprintOutcome {
  objects: ProcessedObject[];
  entries: Record<string, SyncEntry>;
  /** Keys stored by this run (or, in a dry run, that would be). */
  uploaded: string[];
  pruned: string[];
  release: ReleaseOutcome;
  stats: SyncStats;
  /** The pending record as it stands. */
  recorded: string[];
  /** What it should say once the run is recorded: earlier leftovers PRUNE did not take. */
  keptPending: string[];
}

export interface ReleaseOutcome {
  id: string;
  /** Keys this release uses that the previous one did not. */
  added: string[];
  /** Releases dropped from the record, their objects deleted. */
  prunedReleases: string[];
  /** Keys no kept release uses, still stored for the grace period. */
  waiting: string[];
}

export async function sendFingerprinted(run: FingerprintRun): Promise<FingerprintOutcome> {
  const { client, settings, remote, dryRun, reporter, signal } = run;
  const log = await readReleaseLog(client);
  const plan = settleReuse(planSync(run.targets, run.stored, remote, run.force, run.inputMaps));
  reporter.info(`${plan.reuse.length} unchanged since the last sync, ${plan.build.length} to build`);
  for (const target of run.targets) {
    if (isStreamed(target) && minifiableKind(target.path)) {
      reporter.warning(
        `${target.path} is over ${STREAM_THRESHOLD_BYTES / 1024 / 1024} MB, so it is stored as it is: its references (url(), @import, sourceMappingURL) are not rewritten to fingerprinted keys, ` +
          'and those naming a fingerprinted file do not resolve. Keep stylesheets and scripts under that size, or list the files they name in FINGERPRINT_EXCLUDE'
      );
    }
  }
  const reusedKey = new Map(plan.reuse.map(({ target, entry }) => [target.path, entry.key ?? target.path]));
  const targetPaths = new Set(run.targets.map((target) => target.path));
  const { builds, stats } = await buildAll(plan.build, run.build, reporter, settings.MEDIA_ROOT, signal);
  const finished = await finishAll(builds, (path) => reusedKey.get(path) ?? (targetPaths.has(path) ? path : undefined), {
    gzip: run.gzip,
    sri: settings.SRI,
    expirationDays: settings.EXPIRATION_DAYS,
    now: run.build.now,
    fingerprints: run.fingerprints
  });
  const entryOf = new Map(plan.build.map(({ target, entry }) => [target.path, entry]));

  const objects = [
    ...plan.reuse.map(({ target, entry }) => objectFromEntry(target, entry)),
    ...[...finished.values()].map(({ built }) => built.object)
  ].sort((a, b) => (a.path < b.path ? -1 : 1));
  const keys = objects.map(storedKey);
  checkDistinctKeys(objects);
  const previousKeys = new Set(log?.releases.at(-1)?.keys ?? []);
  const retention = retentionFor(run, log, keys);
  const pruned = settings.PRUNE ? retention.remove : [];
  if (settings.PRUNE) checkPrune(pruned, settings.MAX_DELETE, typeof client.delete === 'function');

  const toSend = [...finished.values()].filter(({ target, built }) => {
    const key = storedKey(built.object);
    if (run.force) return true;
    if (!built.object.key) return !alreadyStored(remote, built.object, entryOf.get(target.path));
    // A hashed key holds these bytes with these headers whoever stored them: listed means stored,
    // unless this path's own entry recorded the key with other headers (a rule that changed, as
    // Content-Encoding for .svgz did): then it is sent again with the right ones.
    const entry = entryOf.get(target.path);
    const otherHeaders = entry !== undefined && entry.key === key && !sameHeaders(entry, built.object);
    return otherHeaders || !isStored(remote, key, built.object.storedSize, built.object.md5);
  });
  const newKeys = toSend.map(({ built }) => storedKey(built.object)).filter((key) => !remote?.has(key));
  // Recorded before anything is put, so a run killed from here on leaves no unknown object. The
  // keys PRUNE is to delete too: the release log, written before the deletes, no longer names
  // them, so a run killed in between would leave them stored for good; recorded, the next run
  // deletes them (unless a release it keeps uses them, or they wait for the grace period).
  const inRelease = new Set(keys);
  const keptPending = settings.PRUNE ? [] : run.pending.filter((key) => !inRelease.has(key));
  // Earlier leftovers this release uses stay recorded too, until a release names them.
  const leftovers = run.pending.filter((key) => inRelease.has(key));
  const recorded = dryRun ? [...run.pending] : await writePending(client, [...keptPending, ...leftovers, ...newKeys, ...pruned], run.pending);

  const changes: RunChanges = { added: [], replaced: [] };
  const entries: Record<string, SyncEntry> = {};
  let uploaded;
  try {
    uploaded = await sendInOrder(toSend, finished, { client, remote, dryRun, reporter, signal, changes, concurrency: settings.CONCURRENCY });
    signal?.throwIfAborted();
    await run.verifyLock();
    for (const { target, entry } of plan.reuse) entries[target.path] = entry;
    for (const { target, built, refs } of finished.values()) {
      const key = storedKey(built.object);
      entries[target.path] = entryFor(target, built, uploaded.etags.get(target.path) ?? remote?.get(key)?.etag ?? built.object.md5, refs);
    }
    // Before the release record: once a release names the new objects, they are never taken back.
    if (!dryRun && client.get) await writeSyncManifest(client, run.stored, { version: 1, entries }, run.build.now);
  } catch (error) {
    // A rival that took the lock over may have put the same new keys: they stay, recorded as pending.
    // Otherwise the record goes back to what it was: this run's objects are gone, earlier leftovers not.
    if (!(error instanceof LockError) && (await takeBack(client, changes.added, reporter)) && !dryRun) await writePending(client, run.pending, recorded).catch(() => {});
    throw withMixNote(error, changes.replaced);
  }
  if (dryRun) {
    for (const key of pruned) reporter.info(`would delete ${key}`);
  } else {
    const published = (done: PublishedStep) => (error: unknown) => {
      throw afterPublishing(error, done, retention.current.id, changes.replaced);
    };
    if (retention.changed) await client.put(releaseLogObject(retention.log, run.build.now)).catch(published({ step: 'release-log' }));
    if (pruned.length > 0) {
      await client.delete!([...pruned]).catch(published({ step: 'prune', deleting: pruned.length }));
      for (const key of pruned) reporter.debug(`deleted ${key}`);
    }
  }
  const current = retention.current;
  if (settings.PRUNE) reporter.info(describeRetention(retention, dryRun));
  return {
    objects,
    entries,
    uploaded: uploaded.keys,
    pruned,
    release: {
      id: current.id,
      added: current.keys.filter((key) => !previousKeys.has(key)),
      prunedReleases: settings.PRUNE ? retention.prunedReleases : [],
      waiting: retention.waiting
    },
    stats,
    recorded,
    keptPending
  };
}

/** A file kept at its own name (FINGERPRINT_EXCLUDE) can be named like another's hashed key: refused before anything is stored. */
function checkDistinctKeys(objects: readonly ProcessedObject[]): void {
  const holder = new Map<string, string>();
  for (const object of objects) {
    const key = storedKey(object);
    const other = holder.get(key);
    if (other !== undefined) throw new Error(`${other} and ${object.path} would both be stored at ${key}, and one would replace the other; nothing was stored. Rename the file kept at its own name, or fingerprint it too`);
    holder.set(key, object.path);
  }
}

/** This run's release and what retention makes of the log, what PRUNE may delete included. */
function retentionFor(run: FingerprintRun, log: ReleaseLog | undefined, keys: readonly string[]): RetentionPlan {
  const { settings, remote } = run;
  const tracked = new Set(log?.releases.flatMap((recorded) => recorded.keys) ?? []);
  // What earlier syncs stored that no release names (from before FINGERPRINT): a release of its own.
  const untracked = Object.entries(run.stored?.entries ?? {})
    .map(([path, entry]) => entry.key ?? path)
    .filter((key) => !tracked.has(key));
  return planRetention({
    log,
    release: newRelease(keys, run.build.now, run.sha),
    untracked,
    orphans: [...run.pending],
    // Without PRUNE nothing is deleted, so every release stays recorded for a later PRUNE to honour.
    keep: settings.PRUNE ? settings.KEEP_RELEASES : Number.MAX_SAFE_INTEGER,
    graceMs: settings.PRUNE_GRACE_HOURS * 3_600_000,
    now: run.build.now,
    listed: remote ? new Set(remote.keys()) : undefined
  });
}

/** Build every target (largest first, the workers on every core); the first error fails the run, a minify error before others. */
async function buildAll(items: SyncPlan['build'], options: BuildOptions, reporter: Reporter, mediaRoot: string, signal: AbortSignal | undefined) {
  const { build, stats } = targetBuilder(options, reporter, mediaRoot, items.length);
  const ordered = [...items].sort((a, b) => b.target.size - a.target.size);
  const outcomes = await abortable(Promise.allSettled(ordered.map(async ({ target }) => ({ target, built: await build(target) }))), signal);
  const errors = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (errors.length > 0) throw errors.find((error) => error instanceof MinifyError) ?? errors[0];
  return { builds: outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : [])), stats };
}

interface SendContext {
  client: BackendClient;
  remote: ReadonlyMap<string, RemoteObject> | undefined;
  dryRun: boolean;
  reporter: Reporter;
  signal: AbortSignal | undefined;
  changes: RunChanges;
  concurrency: number;
}

/**
 * Upload fingerprinted objects, each once the fingerprinted objects it refers to are stored, then
 * the objects kept at their own names. After a failure nothing more starts; those under way are
 * waited for and every failure is named.
 */
async function sendInOrder(toSend: readonly FinishedTarget[], finished: ReadonlyMap<string, FinishedTarget>, context: SendContext): Promise<{ keys: string[]; etags: Map<string, string> }> {
  const { client, remote, dryRun, reporter, signal, changes } = context;
  const limit = pLimit(context.concurrency);
  const sending = new Set(toSend.map(({ target }) => target.path));
  const failures: UploadFailure[] = [];
  const keys: string[] = [];
  const etags = new Map<string, string>();
  let stopping = false;
  const started = new Map<string, Promise<void>>();
  const send = (item: FinishedTarget): Promise<void> => {
    let promise = started.get(item.target.path);
    if (promise) return promise;
    const before = item.after.filter((path) => sending.has(path) && finished.get(path)!.built.object.key !== undefined);
    promise = Promise.all(before.map((path) => send(finished.get(path)!))).then(() => limit(() => storeOne(item)));
    started.set(item.target.path, promise);
    return promise;
  };
  const storeOne = async ({ target, built }: FinishedTarget) => {
    const key = storedKey(built.object);
    if (stopping || signal?.aborted) return;
    if (dryRun) {
      keys.push(key);
      reporter.info(`would upload ${key}`);
      return;
    }
    const isNew = remote !== undefined && !remote.has(key);
    try {
      const stored = await storeObject(client, built);
      etags.set(target.path, stored.etag);
      if (!stored.skipped) keys.push(key);
      (isNew ? changes.added : changes.replaced).push(key);
      reporter.debug(`${stored.skipped ? 'skipped by the backend' : 'uploaded'} ${key}`);
    } catch (error) {
      stopping = true;
      failures.push({ path: target.path, reason: describeError(error) });
      if (isNew) changes.added.push(key);
    }
  };
  const fingerprinted = toSend.filter(({ built }) => built.object.key !== undefined);
  const ownNames = toSend.filter(({ built }) => built.object.key === undefined);
  const ownNamesSent: Promise<void>[] = [];
  try {
    await abortable(Promise.all(fingerprinted.map(send)), signal);
    if (failures.length === 0) ownNamesSent.push(...ownNames.map((item) => limit(() => storeOne(item))));
    await abortable(Promise.all(ownNamesSent), signal);
  } catch (error) {
    // Cancelled: what is under way finishes (and is counted) before the caller takes it back.
    stopping = true;
    await Promise.allSettled([...started.values(), ...ownNamesSent]);
    throw error;
  }
  if (failures.length > 0) throw new UploadError(failures.sort((a, b) => (a.path < b.path ? -1 : 1)));
  return { keys: keys.sort(), etags };
}
