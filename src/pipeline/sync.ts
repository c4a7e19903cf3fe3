import { existsSync } from 'node:fs';
import pLimit from 'p-limit';
import type { BackendClient, RemoteObject } from '../backends/contract.js';
import { buildManifest, type Manifest } from '../render/manifest.js';
import { remoteMediaUrl } from '../render/urls.js';
import { silentReporter, type Reporter } from '../reporter.js';
import type { Settings } from '../settings/schema.js';
import { cacheBustersFor } from './cache-buster.js';
import { resolveBundles } from './join.js';
import { MinifyError } from './minifiable.js';
import { alreadyStored, planSync, type SyncPlan } from './plan.js';
import { checkPrune, stalePaths } from './prune.js';
import { buildObject, entryFor, isStreamed, objectFromEntry, syncTargets, type BuiltObject, type ProcessedObject, type SyncTarget } from './process.js';
import { defaultHashCacheFile, hashSources } from './source-hash.js';
import { readSyncManifest, serializeSyncManifest, SYNC_MANIFEST_PATH, syncManifestObject, type SyncEntry, type SyncManifest } from './sync-manifest.js';
import { minifiesAny } from './transform.js';
import { UploadError, describeError, storeObject, type UploadFailure } from './upload.js';
import { walkMediaRoot } from './walk.js';
import { WorkerPool } from './worker-pool.js';

export interface SyncOptions {
  client: BackendClient;
  /** Upload everything, whatever is already stored. */
  force?: boolean;
  /** Do all the work but store nothing. */
  dryRun?: boolean;
  now?: Date;
  reporter?: Reporter;
  /** Local cache of source hashes by size and mtime; false for none. Default: under node_modules/.cache/mediasync. */
  hashCacheFile?: string | false;
}

/** What the run cost, for the log and the benchmark. */
export interface SyncStats {
  /** Objects built (read, and minified or gzipped where that applies). */
  built: number;
  /** Source files that went through a minifier. */
  minified: number;
  /** Time spent minifying and gzipping, summed over all workers. */
  workMs: number;
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
}

/** settings → files → bundles → source hashes → plan → build and upload → sync manifest and outputs. */
export async function syncMedia(settings: Settings, options: SyncOptions): Promise<SyncResult> {
  const { client, force = false, dryRun = false, reporter = silentReporter } = options;
  const now = options.now ?? new Date();
  const output = { minify: settings.MINIFY, gzip: settings.AWS_GZIP && (client.supportsGzip?.() ?? true), expirationDays: settings.EXPIRATION_DAYS };
  await client.open?.({ force });
  const pool = new WorkerPool();
  try {
    // What the store holds is fetched while the sources are walked and hashed: on a no-change
    // run these two waits are most of the time, and they overlap.
    // PRUNE needs to know what earlier syncs stored, even when forced.
    const storeState = force && !settings.PRUNE ? Promise.resolve([undefined, undefined] as const) : readStoreState(client);
    storeState.catch(() => {});
    const targets = await reporter.group('Read media', async () => {
      const files = await walkMediaRoot(settings.MEDIA_ROOT);
      const bundles = resolveBundles(settings, new Set(files.map((file) => file.relPath)));
      reporter.info(`${files.length} files and ${bundles.length} bundles in ${settings.MEDIA_ROOT}`);
      const cacheFile = options.hashCacheFile ?? defaultHashCacheFile(process.cwd(), settings.MEDIA_ROOT, existsSync);
      const hashes = await hashSources(files, cacheFile || undefined, (done, total) => reporter.progress('hash', done, total));
      return syncTargets(files, bundles, hashes, output);
    });
    return await reporter.group(dryRun ? 'Plan (dry run)' : 'Upload', async () => {
      const [stored, listing] = await storeState;
      const remote = listing && new Map(listing.map((object): [string, RemoteObject] => [object.path, object]));
      const plan = planSync(targets, stored, remote, force);
      const stale = stalePaths(stored, remote, new Set(targets.map((target) => target.path)));
      const pruned = settings.PRUNE ? stale : [];
      if (settings.PRUNE) checkPrune(pruned, settings.MAX_DELETE, typeof client.delete === 'function');
      reporter.info(`${plan.reuse.length} unchanged since the last sync, ${plan.build.length} to build`);
      const sent = await buildAndSend(plan.build, { client, remote, dryRun, reporter, concurrency: settings.CONCURRENCY, build: { ...output, now, pool } });
      // Only after every upload succeeded (buildAndSend throws otherwise).
      await pruneStale(client, pruned, dryRun, reporter);
      const entries: Record<string, SyncEntry> = {};
      // What is left of earlier syncs stays recorded, so a later PRUNE can still remove it.
      if (!settings.PRUNE) for (const path of stale) entries[path] = stored!.entries[path];
      for (const { target, entry } of plan.reuse) entries[target.path] = entry;
      for (const [path, entry] of sent.entries) entries[path] = entry;
      if (!dryRun && client.get) await writeSyncManifest(client, stored, { version: 1, entries }, now);
      reporter.info(
        `${sent.uploaded.length} ${dryRun ? 'to upload' : 'uploaded'}, ${targets.length - sent.uploaded.length} already stored; ` +
          `${sent.stats.minified} minified, ${Math.round(sent.stats.workMs)} ms of minify and gzip work`
      );
      const reused = new Map<string, ProcessedObject>(plan.reuse.map(({ target, entry }) => [target.path, objectFromEntry(target, entry)]));
      for (const object of sent.objects) reused.set(object.path, object);
      return syncResult(settings, client, targets.map((target) => reused.get(target.path)!), new Set(sent.uploaded), pruned, sent.stats);
    });
  } finally {
    await pool.close();
    await client.close?.();
  }
}

/** The sync manifest, then the listing split at every 1,000th path the manifest names. */
async function readStoreState(client: BackendClient): Promise<readonly [SyncManifest | undefined, RemoteObject[] | undefined]> {
  const manifest = await readSyncManifest(client);
  // The manifest's own key is listed too: counting it keeps every range to one page.
  const paths = [SYNC_MANIFEST_PATH, ...Object.keys(manifest?.entries ?? {})].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const splitAfter = paths.filter((_, index) => index % LIST_PAGE_KEYS === LIST_PAGE_KEYS - 1);
  return [manifest, await client.list?.({ splitAfter })];
}

/** Keys in one ListObjectsV2 page. */
const LIST_PAGE_KEYS = 1000;

function syncResult(
  settings: Settings,
  client: BackendClient,
  objects: ProcessedObject[],
  uploaded: ReadonlySet<string>,
  pruned: string[],
  stats: SyncStats
): SyncResult {
  const backendUrl = (withSsl: boolean) => client.remoteMediaUrl(withSsl);
  const mediaUrl = remoteMediaUrl(settings, backendUrl);
  const { cacheBuster, cacheBusters } = cacheBustersFor(settings.CACHE_BUSTER, mediaUrl, objects);
  return {
    mediaUrl,
    cacheBuster,
    objects,
    uploaded: objects.filter((object) => uploaded.has(object.path)).map((object) => object.path),
    skipped: objects.filter((object) => !uploaded.has(object.path)).map((object) => object.path),
    pruned,
    manifest: buildManifest(settings, mediaUrl, cacheBuster, objects, remoteMediaUrl(settings, backendUrl, false), cacheBusters),
    stats
  };
}

interface SendOptions {
  client: BackendClient;
  remote: ReadonlyMap<string, RemoteObject> | undefined;
  dryRun: boolean;
  reporter: Reporter;
  concurrency: number;
  build: Parameters<typeof buildObject>[1];
}

/**
 * Build each target and upload it unless the listing shows the same bytes, CONCURRENCY
 * uploads at a time. A minify error must leave every stored object as it was, so no stored
 * object is replaced before all the JS, CSS and bundles are minified (largest first, on every
 * core); their outputs wait in memory. Objects new to the store, which no page uses yet, go up
 * as soon as they are built, and should minification fail, they are deleted again. Without a
 * listing to tell what is new, or a `delete` to take it back, every upload waits. Large files
 * are streamed, never held. Upload failures are all named.
 */
async function buildAndSend(build: SyncPlan['build'], options: SendOptions) {
  const { client, remote, dryRun, reporter } = options;
  const limit = pLimit(options.concurrency);
  const stats: SyncStats = { built: 0, minified: 0, workMs: 0 };
  const buildOne = async (target: SyncTarget) => {
    const built = await buildObject(target, options.build);
    stats.built++;
    stats.minified += built.minified;
    stats.workMs += built.workMs;
    reporter.progress('build', stats.built, build.length);
    return built;
  };
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
  /** Set once minification failed: nothing more is stored. */
  let stopping = false;
  const store = async ({ target, entry }: SyncPlan['build'][number], built: BuiltObject) => {
    minified.delete(target.path);
    if (stopping) return;
    const { object } = built;
    objects.push(object);
    if (alreadyStored(remote, object, entry)) {
      entries.set(object.path, entryFor(target, object, object.md5));
    } else {
      if (dryRun) {
        uploaded.push(object.path);
        reporter.info(`would upload ${object.path}`);
      } else {
        try {
          const stored = await storeObject(client, built);
          entries.set(object.path, entryFor(target, object, stored.etag));
          if (!stored.skipped) uploaded.push(object.path);
          reporter.debug(`${stored.skipped ? 'skipped by the backend' : 'uploaded'} ${object.path}`);
        } catch (error) {
          failures.push({ path: object.path, reason: describeError(error) });
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
  const minifyErrors = rejections(await allMinified);
  if (minifyErrors.length > 0) {
    stopping = true;
    await sentEarly;
    // Only early uploads have run, so what the entries name is what they stored.
    await takeBack(client, [...entries.keys()], reporter);
    throw minifyErrors.find((error) => error instanceof MinifyError) ?? minifyErrors[0];
  }
  const sentLate = Promise.allSettled(late.map((item) => limit(() => send(item))));
  const [buildError] = rejections([...(await sentEarly), ...(await sentLate)]);
  if (buildError) throw buildError;
  if (failures.length > 0) throw new UploadError(failures.sort((a, b) => (a.path < b.path ? -1 : 1)));
  return { entries, objects, uploaded, stats };
}

function rejections(outcomes: PromiseSettledResult<unknown>[]): unknown[] {
  return outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
}

/** Delete the new objects a failed run stored, so the store is left as it was. */
async function takeBack(client: BackendClient, paths: string[], reporter: Reporter): Promise<void> {
  if (paths.length === 0) return;
  try {
    await client.delete!(paths);
    reporter.info(`${paths.length} new objects uploaded before the failure were deleted again`);
  } catch (error) {
    reporter.warning(`${paths.length} new objects uploaded before the failure could not be deleted again (${describeError(error)}): ${paths.join(', ')}`);
  }
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

/** Put the sync manifest, only when it says something new: a no-change run makes no write. */
async function writeSyncManifest(client: BackendClient, previous: SyncManifest | undefined, next: SyncManifest, now: Date): Promise<void> {
  if (previous && sameEntries(previous, next)) return;
  const json = serializeSyncManifest(next);
  if (previous && serializeSyncManifest(previous).equals(json)) return;
  await client.put(syncManifestObject(json, now));
}

/** The quick check first: a no-change run carries every entry over as it was read. */
function sameEntries(previous: SyncManifest, next: SyncManifest): boolean {
  const paths = Object.keys(next.entries);
  return previous.version === next.version && paths.length === Object.keys(previous.entries).length && paths.every((path) => previous.entries[path] === next.entries[path]);
}
