import { existsSync } from 'node:fs';
import pLimit from 'p-limit';
import type { BackendClient, RemoteObject } from '../backends/contract.js';
import { abortable } from '../cancel.js';
import { buildManifest, type Manifest } from '../render/manifest.js';
import { remoteMediaUrl, urlPath } from '../render/urls.js';
import { silentReporter, type Reporter } from '../reporter.js';
import type { Settings } from '../settings/schema.js';
import { cacheBusterFor, functionCacheBusters, type CacheBusters } from './cache-buster.js';
import { resolveBundles } from './join.js';
import { checkKeyLengths } from './key-limits.js';
import { targetBuilder, type SyncStats } from './build-step.js';
import { acquireLock, canLock, LOCK_PATH, LockError, type LockTimings } from './lock.js';
import { MinifyError } from './minifiable.js';
import { alreadyStored, planSync, type SyncPlan } from './plan.js';
import { currentInputMaps } from './input-maps.js';
import { newPaths, orphanPaths, PENDING_PATH, readPending, writePending } from './pending.js';
import { checkPrune, stalePaths } from './prune.js';
import { entryFor, isStreamed, storedKey, objectFromEntry, syncTargets, type BuildOptions, type BuiltObject, type ProcessedObject, type SyncTarget } from './process.js';
import { defaultHashCacheFile, hashSources } from './source-hash.js';
import { readSyncManifest, SYNC_MANIFEST_PATH, writeSyncManifest, type SyncEntry, type SyncManifest } from './sync-manifest.js';
import { takeBack, withMixNote, type RunChanges } from './rollback.js';
import { minifiesAny } from './transform.js';
import { UploadError, describeError, storeObject, type UploadFailure } from './upload.js';
import { walkMediaRoot } from './walk.js';
import { FINGERPRINT_CHARS, fingerprintedKey, fingerprintsPath } from './fingerprint/names.js';
import { sendFingerprinted, type FingerprintRun, type ReleaseOutcome } from './fingerprint/sync.js';
import { checkReleasesReadable, RELEASES_PATH, sortKeys } from './releases.js';
import { WorkerPool } from './worker-pool.js';

export interface SyncOptions {
  client: BackendClient;
  /** Upload everything, whatever is already stored. */
  force?: boolean;
  /** Do all the work but store nothing. */
  dryRun?: boolean;
  now?: Date;
  reporter?: Reporter;
  /** Local cache of source hashes by file stamp; false for none. Default: under node_modules/.cache/mediasync. */
  hashCacheFile?: string | false;
  /** More files never to sync, wherever they sit (the shells name the settings file they read). */
  protectedPaths?: readonly string[];
  /** Cancels the run: no upload starts after it, and what the run added is taken back. */
  signal?: AbortSignal;
  lockTimings?: LockTimings;
}

export interface SyncResult {
  mediaUrl: string;
  cacheBuster: string;
  objects: ProcessedObject[];
  uploaded: string[];
  skipped: string[];
  /** Deleted by PRUNE (or, in a dry run, what would be). */
  pruned: string[];
  manifest: Manifest;
  stats: SyncStats;
  /** FINGERPRINT: the release this sync recorded (or, unchanged, the latest). */
  release?: ReleaseOutcome;
}

/** settings → files → bundles → source hashes → plan → build and upload → sync manifest and outputs. */
export async function syncMedia(settings: Settings, options: SyncOptions): Promise<SyncResult> {
  const { client, force = false, dryRun = false, reporter = silentReporter, signal } = options;
  const now = options.now ?? new Date();
  const fingerprints = settings.FINGERPRINT ? fingerprintsPath(settings.FINGERPRINT_EXCLUDE) : undefined;
  const output = {
    minify: settings.MINIFY,
    gzip: settings.AWS_GZIP && (client.supportsGzip?.() ?? true),
    expirationDays: settings.EXPIRATION_DAYS,
    sourceMaps: settings.SOURCE_MAPS,
    sri: settings.SRI,
    fingerprints,
    // Root-relative imports name files under the remote media URL's path.
    mediaPath: urlPath(remoteMediaUrl(settings, (withSsl) => client.remoteMediaUrl(withSsl)))
  };
  if (fingerprints) checkReleasesReadable(client, settings.BACKEND);
  await client.open?.({ force });
  const pool = new WorkerPool();
  // A dry run changes nothing and takes no lock; nor does a backend that cannot hold one.
  const takesLock = !dryRun && canLock(client);
  let locking: ReturnType<typeof acquireLock> | Promise<undefined> = Promise.resolve(undefined);
  try {
    // PRUNE needs to know what earlier syncs stored, even when forced.
    const readState = () => (force && !settings.PRUNE ? Promise.resolve([undefined, undefined] as const) : readStoreState(client));
    // Without a lock to take, what the store holds is fetched while the sources are walked and hashed.
    let storeState = takesLock ? undefined : readState();
    storeState?.catch(() => {});
    const { targets, files, hashes } = await abortable(reporter.group('Read media', async () => {
      const cacheFile = options.hashCacheFile ?? defaultHashCacheFile(process.cwd(), settings.MEDIA_ROOT, existsSync);
      // Only media is published: mediasync's own files are never synced, wherever they sit.
      const ownFiles = [...(options.protectedPaths ?? []), settings.MANIFEST_PATH, settings.FILESYSTEM_ROOT, ...(cacheFile ? [cacheFile] : [])];
      const files = await walkMediaRoot(settings.MEDIA_ROOT, { paths: ownFiles, globs: settings.EXCLUDE });
      const bundles = resolveBundles(settings, new Set(files.map((file) => file.relPath)));
      reporter.info(`${files.length} files and ${bundles.length} bundles in ${settings.MEDIA_ROOT}`);
      const hashes = await hashSources(files, cacheFile || undefined, (done, total) => reporter.progress('hash', done, total));
      return { targets: syncTargets(files, bundles, hashes, output), files: new Set(files.map((file) => file.relPath)), hashes };
    }), signal);
    const keys = targets.map((target) => (fingerprints?.(target.path) ? fingerprintedKey(target.path, '0'.repeat(FINGERPRINT_CHARS)) : target.path));
    checkKeyLengths(settings.AWS_PREFIX, [...keys, SYNC_MANIFEST_PATH, ...(fingerprints ? [RELEASES_PATH] : [])]);
    const published = publishedValues(settings, client, targets.map((target) => target.path));
    if (takesLock) {
      // Taken only once the tree is read and checked, so a refusal leaves the store untouched and
      // no store request pending; the store is then read under the lock.
      locking = acquireLock(client, reporter, options.lockTimings);
      storeState = locking.then(readState);
    }
    // A listing shows whether there is a pending record: a run after a clean one reads none.
    // Without a listing (--force), it is read unless the run is a dry run, which records nothing.
    const pendingState = storeState!.then(([, listing]) =>
      (listing ? !listing.some((object) => object.path === PENDING_PATH) : dryRun) ? [] : readPending(client)
    );
    return await reporter.group(dryRun ? 'Plan (dry run)' : 'Upload', async () => {
      const [[stored, listing], pending] = await abortable(Promise.all([storeState!, pendingState]), signal);
      const remote = listing && new Map(listing.map((object): [string, RemoteObject] => [object.path, object]));
      const inputMaps = await currentInputMaps(targets, stored, !force && remote !== undefined, settings.MEDIA_ROOT, hashes);
      if (fingerprints) {
        const run = { client, settings, targets, stored, remote, inputMaps, pending, force, dryRun, reporter, signal, fingerprints, gzip: output.gzip };
        return await syncFingerprinted(run, published, { ...output, gzip: false, now, pool, files }, () => locking.then((lock) => lock?.verify()));
      }
      const plan = planSync(targets, stored, remote, force, inputMaps);
      const local = new Set(targets.map((target) => target.path));
      const stale = stalePaths(stored, remote, local);
      // What failed or killed runs left: deleted by PRUNE, else still recorded as pending.
      const orphans = orphanPaths(pending, stored, remote, local);
      const pruned = settings.PRUNE ? [...stale, ...orphans].sort() : [];
      const keptPending = settings.PRUNE ? [] : orphans;
      if (settings.PRUNE) checkPrune(pruned, settings.MAX_DELETE, typeof client.delete === 'function');
      reporter.info(`${plan.reuse.length} unchanged since the last sync, ${plan.build.length} to build`);
      const changes: RunChanges = { added: [], replaced: [] };
      let recorded = pending;
      let sent;
      try {
        // Recorded before anything is put, so a run killed from here on leaves no unknown object.
        if (!dryRun) recorded = await writePending(client, [...keptPending, ...newPaths(plan.build.map(({ target }) => target.path), stored, remote)], recorded);
        sent = await buildAndSend(plan.build, { client, remote, dryRun, reporter, mediaRoot: settings.MEDIA_ROOT, concurrency: settings.CONCURRENCY, build: { ...output, now, pool, files }, signal, changes });
        signal?.throwIfAborted();
        await (await locking)?.verify();
        // Only after every upload succeeded (buildAndSend throws otherwise).
        await pruneStale(client, pruned, dryRun, reporter);
        const entries: Record<string, SyncEntry> = {};
        // What is left of earlier syncs stays recorded, so a later PRUNE can still remove it.
        if (!settings.PRUNE) for (const path of stale) entries[path] = stored!.entries[path];
        for (const { target, entry } of plan.reuse) entries[target.path] = entry;
        for (const [path, entry] of sent.entries) entries[path] = entry;
        if (!dryRun && client.get) await writeSyncManifest(client, stored, { version: 1, entries }, now);
      } catch (error) {
        // A rival that took the lock over may have put the same new paths: they stay, recorded as pending.
        if (!(error instanceof LockError) && (await takeBack(client, changes.added, reporter))) await writePending(client, keptPending, recorded).catch(() => {});
        throw withMixNote(error, changes.replaced);
      }
      if (!dryRun) await writePending(client, keptPending, recorded);
      reporter.info(
        `${sent.uploaded.length} ${dryRun ? 'to upload' : 'uploaded'}, ${targets.length - sent.uploaded.length} already stored; ` +
          `${sent.stats.minified} minified, ${Math.round(sent.stats.workMs)} ms of minify and gzip work`
      );
      const reused = new Map<string, ProcessedObject>(plan.reuse.map(({ target, entry }) => [target.path, objectFromEntry(target, entry)]));
      for (const object of sent.objects) reused.set(object.path, object);
      return syncResult(settings, published, targets.map((target) => reused.get(target.path)!), sent.uploaded, pruned, sent.stats);
    });
  } finally {
    // First, so no worker goes on building what nobody will store while the lock is released.
    await pool.close();
    await (await locking.catch(() => undefined))?.release();
    await client.close?.();
  }
}

/** The sync manifest, then the listing split at every 1,000th path the manifest names. */
async function readStoreState(client: BackendClient): Promise<readonly [SyncManifest | undefined, RemoteObject[] | undefined]> {
  const manifest = await readSyncManifest(client);
  // mediasync's own records are listed too (the lock always, while a run holds it): counting them
  // keeps every range to one page. Entries are counted at the keys they are stored at.
  const stored = Object.entries(manifest?.entries ?? {}).map(([path, entry]) => entry.key ?? path);
  const paths = sortKeys([...OWN_RECORDS, ...stored]);
  const splitAfter = paths.filter((_, index) => index % LIST_PAGE_KEYS === LIST_PAGE_KEYS - 1);
  return [manifest, await client.list?.({ splitAfter })];
}

/** mediasync's own objects in the store, beside the media. */
const OWN_RECORDS = [SYNC_MANIFEST_PATH, LOCK_PATH, PENDING_PATH, RELEASES_PATH];

/** Keys in one ListObjectsV2 page. */
const LIST_PAGE_KEYS = 1000;

/** What the outputs, the manifest and the log show that code (the backend, a CACHE_BUSTER function) gives. */
interface Published {
  mediaUrl: string;
  insecureMediaUrl: string;
  /** A CACHE_BUSTER function's values; else the literal or content hash, known once the objects are. */
  busters?: CacheBusters;
}

/** The media URLs and a CACHE_BUSTER function's values, each checked, before anything is stored: a value refused fails the run with the store untouched. */
function publishedValues(settings: Settings, client: BackendClient, paths: readonly string[]): Published {
  const backendUrl = (withSsl: boolean): unknown => client.remoteMediaUrl(withSsl);
  const mediaUrl = remoteMediaUrl(settings, backendUrl);
  const insecureMediaUrl = remoteMediaUrl(settings, backendUrl, false);
  const bust = settings.CACHE_BUSTER;
  return { mediaUrl, insecureMediaUrl, ...(typeof bust === 'function' ? { busters: functionCacheBusters(bust, mediaUrl, paths) } : {}) };
}

/** `uploaded`: the keys stored by this run. */
function syncResult(
  settings: Settings,
  published: Published,
  objects: ProcessedObject[],
  uploaded: readonly string[],
  pruned: string[],
  stats: SyncStats,
  release?: ReleaseOutcome
): SyncResult {
  const { mediaUrl, insecureMediaUrl } = published;
  const literal = typeof settings.CACHE_BUSTER === 'function' ? undefined : settings.CACHE_BUSTER;
  const { cacheBuster, cacheBusters } = published.busters ?? { cacheBuster: cacheBusterFor(literal, objects) };
  const sent = new Set(uploaded);
  return {
    mediaUrl,
    cacheBuster,
    objects,
    uploaded: objects.filter((object) => sent.has(storedKey(object))).map(storedKey),
    skipped: objects.filter((object) => !sent.has(storedKey(object))).map(storedKey),
    pruned,
    manifest: buildManifest(settings, mediaUrl, cacheBuster, objects, insecureMediaUrl, cacheBusters, release?.id),
    stats,
    ...(release ? { release } : {})
  };
}

/** The upload phase with FINGERPRINT, in the same frame as the seed's: what a failed run added is taken back, the sync manifest written last. */
async function syncFingerprinted(
  run: Omit<FingerprintRun, 'build' | 'verifyLock' | 'sha'>,
  published: Published,
  build: BuildOptions,
  verifyLock: () => Promise<void>
): Promise<SyncResult> {
  const { client, reporter, dryRun } = run;
  const outcome = await sendFingerprinted({ ...run, build, verifyLock, sha: process.env.GITHUB_SHA || undefined });
  if (!dryRun) await writePending(client, outcome.keptPending, outcome.recorded);
  reporter.info(`release ${outcome.release.id}: ${outcome.uploaded.length} ${dryRun ? 'to upload' : 'uploaded'}, ${outcome.objects.length} objects`);
  return syncResult(run.settings, published, outcome.objects, outcome.uploaded, outcome.pruned, outcome.stats, outcome.release);
}

interface SendOptions {
  client: BackendClient;
  remote: ReadonlyMap<string, RemoteObject> | undefined;
  dryRun: boolean;
  reporter: Reporter;
  mediaRoot: string;
  concurrency: number;
  build: BuildOptions;
  signal: AbortSignal | undefined;
  /** Filled in as uploads succeed, so a failure can be undone. */
  changes: RunChanges;
}

/**
 * Build each target and upload it unless the listing shows the same bytes, CONCURRENCY
 * uploads at a time. A minify error must leave every stored object as it was, so no stored
 * object is replaced before all the JS, CSS and bundles are minified (largest first, on every
 * core); their outputs wait in memory. Objects new to the store, which no page uses yet, go up
 * as soon as they are built, and should minification fail, they are deleted again. Without a
 * listing to tell what is new, or a `delete` to take it back, every upload waits. Large files
 * are streamed, never held. Upload failures are all named. On any failure or abort no upload
 * starts, those under way are waited for, and the error is thrown: the caller takes back what
 * `changes` says was added.
 */
async function buildAndSend(build: SyncPlan['build'], options: SendOptions) {
  const { client, remote, dryRun, reporter, signal, changes } = options;
  const limit = pLimit(options.concurrency);
  const { build: buildOne, stats } = targetBuilder(options.build, reporter, options.mediaRoot, build.length);
  const minifies = (target: SyncTarget) => minifiesAny(options.build.minify, target.sources) && !isStreamed(target);
  const minified = new Map(
    build
      .filter(({ target }) => minifies(target))
      .sort((a, b) => b.target.size - a.target.size)
      .map(({ target }) => [target.path, buildOne(target)] as const)
  );
  const allMinified = Promise.allSettled(minified.values());
  const goesEarly = (target: SyncTarget) => !dryRun && remote !== undefined && client.delete !== undefined && !remote.has(target.path);

  const entries = new Map<string, SyncEntry>();
  const objects: ProcessedObject[] = [];
  const uploaded: string[] = [];
  const failures: UploadFailure[] = [];
  let handled = 0;
  /** Set once the run failed or was cancelled: nothing more is stored. */
  let stopping = false;
  const inFlight = new Set<Promise<unknown>>();
  const store = async ({ target, entry }: SyncPlan['build'][number], built: BuiltObject) => {
    minified.delete(target.path);
    if (stopping || signal?.aborted) return;
    if (alreadyStored(remote, built.object, entry)) {
      // The stored object keeps the Expires it was sent with.
      const object = { ...built.object, expires: new Date(entry!.expires) };
      objects.push(object);
      entries.set(object.path, entryFor(target, { ...built, object }, object.md5));
    } else {
      const { object } = built;
      objects.push(object);
      if (dryRun) {
        uploaded.push(object.path);
        reporter.info(`would upload ${object.path}`);
      } else {
        const upload = storeObject(client, built);
        inFlight.add(upload);
        try {
          const stored = await upload;
          entries.set(object.path, entryFor(target, built, stored.etag));
          if (!stored.skipped) uploaded.push(object.path);
          // Without a listing, any object may have been there: counted as replaced, never deleted.
          (remote && !remote.has(object.path) ? changes.added : changes.replaced).push(object.path);
          reporter.debug(`${stored.skipped ? 'skipped by the backend' : 'uploaded'} ${object.path}`);
        } catch (error) {
          failures.push({ path: object.path, reason: describeError(error) });
          // A failed request may still have stored the object: a new path is taken back all the same.
          if (remote && !remote.has(object.path)) changes.added.push(object.path);
        } finally {
          inFlight.delete(upload);
        }
      }
    }
    reporter.progress('upload', ++handled, build.length);
  };
  const send = async (item: SyncPlan['build'][number]) => store(item, await (minified.get(item.target.path) ?? buildOne(item.target)));

  const early = build.filter(({ target }) => goesEarly(target));
  const late = build.filter(({ target }) => !goesEarly(target));
  // A minified object takes an upload slot only once built, so the slots keep moving meanwhile.
  const sentEarly = Promise.allSettled(
    early.map((item) => minified.get(item.target.path)?.then((built) => limit(() => store(item, built))) ?? limit(() => send(item)))
  );
  try {
    const minifyErrors = rejections(await abortable(allMinified, signal));
    if (minifyErrors.length > 0) throw minifyErrors.find((error) => error instanceof MinifyError) ?? minifyErrors[0];
    const sentLate = Promise.allSettled(late.map((item) => limit(() => send(item))));
    const [buildError] = rejections([...(await abortable(sentEarly, signal)), ...(await abortable(sentLate, signal))]);
    if (buildError) throw buildError;
    if (failures.length > 0) throw new UploadError(failures.sort((a, b) => (a.path < b.path ? -1 : 1)));
  } catch (error) {
    stopping = true;
    await Promise.allSettled(inFlight);
    throw error;
  }
  return { entries, objects, uploaded, stats };
}

function rejections(outcomes: PromiseSettledResult<unknown>[]): unknown[] {
  return outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
}

async function pruneStale(client: BackendClient, paths: readonly string[], dryRun: boolean, reporter: Reporter): Promise<void> {
  if (paths.length === 0) return;
  if (dryRun) {
    for (const path of paths) reporter.info(`would delete ${path}`);
    return;
  }
  await client.delete!([...paths]);
  for (const path of paths) reporter.debug(`deleted ${path}`);
  reporter.info(`${paths.length} pruned`);
}
