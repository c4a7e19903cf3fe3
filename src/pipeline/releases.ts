import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { BackendClient, MediaObject } from '../backends/contract.js';
import { describeError } from './upload.js';

/**
 * Where the release log lives in the store: a hidden path, which the walk never syncs, so it
 * cannot collide with media.
 */
export const RELEASES_PATH = '.mediasync/releases.json';

/**
 * The stored keys (paths below the media URL, as in the sync manifest and the listing) the site
 * used after one successful FINGERPRINT sync. A release kept in the log past KEEP_RELEASES only
 * to time a grace period lists just the keys still stored.
 */
export interface Release {
  /** `<UTC time, compact>-<first 8 hex of the sha256 of the keys>`, e.g. `20261125T171800Z-1f2e3d4c` (with `-2`, `-3`… after it if the log already has that id). */
  id: string;
  /** ISO 8601. */
  time: string;
  /** GITHUB_SHA of the sync, when known. */
  sha?: string;
  /** Sorted in S3's order (bytes of UTF-8), without repeats. */
  keys: string[];
}

export interface ReleaseLog {
  version: 1;
  /** Oldest first. */
  releases: Release[];
}

export class ReleaseLogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseLogError';
  }
}

/**
 * FINGERPRINT keeps its release history by reading it back: a backend without get() would record
 * a new release on every run and replace the history with it. Refused before anything is stored.
 */
export function checkReleasesReadable(client: BackendClient, backend: string): void {
  if (typeof client.get === 'function') return;
  throw new Error(
    `FINGERPRINT needs a backend that can read back what it stored, and backend ${backend} has no get(path) method: ` +
      'every run would record a new release and replace the release history with it (and PRUNE would go by that); ' +
      'allowed: FINGERPRINT false with this backend, or a backend with async get(path) returning the stored bytes'
  );
}

/**
 * The stored release log, or undefined when there is none or the backend cannot read. A log
 * that is there but damaged throws: pruning as if it were empty would delete what live pages use.
 */
export async function readReleaseLog(client: BackendClient): Promise<ReleaseLog | undefined> {
  const bytes = await client.get?.(RELEASES_PATH);
  if (!bytes) return undefined;
  // Decoded leniently, a key with a byte replaced would name some other object.
  if (!isUtf8(bytes)) throw damagedLog('it is not UTF-8 text');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw damagedLog(`it is not JSON (${describeError(error)})`);
  }
  const problem = logProblem(parsed);
  if (problem) throw damagedLog(problem);
  return parsed as ReleaseLog;
}

function damagedLog(problem: string): ReleaseLogError {
  return new ReleaseLogError(
    `the release log ${RELEASES_PATH} is damaged: ${problem}. It tells PRUNE which stored objects recent releases use, ` +
      'so mediasync stops rather than prune without it; repair it, or delete it to start a new log'
  );
}

/** What the ids mediasync writes are made of (`20261125T171800Z-1f2e3d4c-2`, `untracked-…`). */
const RELEASE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** What is wrong with a parsed release log, or undefined when it has the expected structure. */
function logProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'it is not a JSON object';
  if (value.version !== 1) return `its version is ${JSON.stringify(value.version)}; this mediasync reads version 1`;
  if (!Array.isArray(value.releases)) return '"releases" is not an array';
  const ids = new Set<string>();
  for (const [index, release] of value.releases.entries()) {
    const where = `release ${index + 1}`;
    if (!isRecord(release)) return `${where} is not an object`;
    if (typeof release.id !== 'string' || release.id === '') return `${where} has no id (a non-empty string)`;
    // An id becomes the release-id output, a log line and the manifest's release.
    if (!RELEASE_ID.test(release.id)) return `${where} has the id ${JSON.stringify(release.id.slice(0, 80))}, not 1 to 100 ASCII letters, digits and . _ -`;
    if (ids.has(release.id)) return `the id ${JSON.stringify(release.id)} appears twice`;
    ids.add(release.id);
    const named = `${where} (${release.id})`;
    if (typeof release.time !== 'string' || Number.isNaN(Date.parse(release.time))) {
      return `${named} has time ${JSON.stringify(release.time)}, not an ISO 8601 time`;
    }
    if (release.sha !== undefined && typeof release.sha !== 'string') return `${named} has a sha that is not a string`;
    if (!Array.isArray(release.keys) || !release.keys.every((key) => typeof key === 'string')) {
      return `${named} has keys that are not an array of strings`;
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The log as an object to put: JSON that no cache keeps. */
export function releaseLogObject(log: ReleaseLog, now: Date): MediaObject {
  const body = Buffer.from(JSON.stringify(log));
  return {
    path: RELEASES_PATH,
    body,
    contentType: 'application/json',
    cacheControl: 'no-cache, no-store',
    expires: now,
    md5: createHash('md5').update(body).digest('hex')
  };
}

/** Keys without repeats, in the order S3 lists them: by the bytes of their UTF-8. */
export function sortKeys(keys: Iterable<string>): string[] {
  return [...new Set(keys)]
    .map((key) => ({ key, bytes: Buffer.from(key) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ key }) => key);
}

/** `2026-11-25T17:18:00.000Z` as `20261125T171800Z`. */
function compactTime(time: Date): string {
  return time.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** The release of a sync that used `keys`, at `now`. */
export function newRelease(keys: Iterable<string>, now: Date, sha?: string): Release {
  const sorted = sortKeys(keys);
  const digest = createHash('sha256').update(sorted.join('\n')).digest('hex').slice(0, 8);
  return { id: `${compactTime(now)}-${digest}`, time: now.toISOString(), ...(sha === undefined ? {} : { sha }), keys: sorted };
}

/** Whether two releases use the same keys, in whatever order. */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  const inA = new Set(a);
  const inB = new Set(b);
  return inA.size === inB.size && [...inB].every((key) => inA.has(key));
}

export interface RetentionInput {
  /** The log as read, undefined when there is none. */
  log: ReleaseLog | undefined;
  /** This sync's release (from newRelease). */
  release: Release;
  /** Keys the previous sync manifest recorded that no release in the log uses. */
  untracked: readonly string[];
  /** Keys a failed or killed run stored that no release uses. */
  orphans: readonly string[];
  /** KEEP_RELEASES: how many of the newest releases, this one included, keep every key they use. */
  keep: number;
  /** PRUNE_GRACE_HOURS in ms. */
  graceMs: number;
  now: Date;
  /** The keys the store listing shows, when it was listed: others are gone already. */
  listed?: ReadonlySet<string>;
}

export interface RetentionPlan {
  /** The log to write: this release appended (unless the latest used the same keys), dropped ones gone, deleted keys forgotten. */
  log: ReleaseLog;
  /** Whether `log` differs from the log read: write it only then. */
  changed: boolean;
  /** The release the site is at now: this sync's, or the latest when that used the same keys. */
  current: Release;
  /** Keys to delete, sorted. */
  remove: string[];
  /** Ids of the releases dropped from the log, oldest first. */
  prunedReleases: string[];
  /** Keys no kept release uses that stay only until the grace period ends, sorted. */
  waiting: string[];
}

/**
 * What PRUNE deletes with FINGERPRINT, and the log to write. A key goes once none of the last
 * `keep` releases uses it and the release that stopped using it is at least `graceMs` old, so
 * open pages and app servers still on an older release keep finding what they load.
 */
export function planRetention(input: RetentionInput): RetentionPlan {
  const { releases, recorded } = appendRelease(input.log?.releases ?? [], input.release, input.untracked, input.now);
  const keptFrom = Math.max(0, releases.length - input.keep);
  const used = new Set(releases.slice(keptFrom).flatMap((release) => release.keys));
  const stored = (key: string) => input.listed === undefined || input.listed.has(key);

  const waiting = new Set<string>();
  const remove = new Set<string>();
  for (const [key, retiredAt] of retirementTimes(releases, keptFrom, used)) {
    if (!stored(key)) continue;
    if (input.now.getTime() - retiredAt < input.graceMs) waiting.add(key);
    else remove.add(key);
  }
  // No page ever loaded an orphan, so no grace period protects it.
  for (const key of input.orphans) if (!used.has(key) && !waiting.has(key) && stored(key)) remove.add(key);

  // Dropped from the oldest end only, so the release after each one left, whose time says when
  // its waiting keys were retired, is left too.
  const firstWaiting = releases.slice(0, keptFrom).findIndex((release) => release.keys.some((key) => waiting.has(key)));
  const dropped = releases.slice(0, firstWaiting === -1 ? keptFrom : firstWaiting);
  // Left only to time a wait, a release keeps just the keys still stored: what is deleted now is not named again.
  const timing = releases.slice(dropped.length, keptFrom).map((release) => ({
    ...release,
    keys: release.keys.filter((key) => used.has(key) || waiting.has(key))
  }));
  const forgotKeys = timing.some((release, index) => release.keys.length !== releases[dropped.length + index].keys.length);

  return {
    log: { version: 1, releases: [...timing, ...releases.slice(keptFrom)] },
    changed: recorded || dropped.length > 0 || forgotKeys,
    current: releases[releases.length - 1],
    remove: sortKeys(remove),
    prunedReleases: dropped.map((release) => release.id),
    waiting: sortKeys(waiting)
  };
}

/**
 * The releases with this sync's appended, after the untracked keys as a release of their own:
 * nothing says when they stopped being used, so they are treated as retired now. Nothing is
 * appended when the latest release used the same keys and nothing is untracked.
 */
function appendRelease(
  previous: readonly Release[],
  release: Release,
  untracked: readonly string[],
  now: Date
): { releases: Release[]; recorded: boolean } {
  const inRelease = new Set(release.keys);
  const untrackedKeys = sortKeys(untracked.filter((key) => !inRelease.has(key)));
  const latest = previous[previous.length - 1];
  if (untrackedKeys.length === 0 && latest && sameKeys(latest.keys, release.keys)) return { releases: [...previous], recorded: false };
  // An id is the second and the keys: a release back to older keys within the same second (or
  // two untracked releases in one) would repeat one, and a log with an id twice is unreadable.
  const taken = new Set(previous.map((recorded) => recorded.id));
  const unique = (id: string) => {
    let candidate = id;
    for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
    taken.add(candidate);
    return candidate;
  };
  if (untrackedKeys.length === 0) return { releases: [...previous, { ...release, id: unique(release.id) }], recorded: true };
  const untrackedRelease: Release = { id: unique(`untracked-${compactTime(now)}`), time: now.toISOString(), keys: untrackedKeys };
  return { releases: [...previous, untrackedRelease, { ...release, id: unique(release.id) }], recorded: true };
}

/**
 * For each key of the releases before `keptFrom` that no kept release uses, the time (ms) of
 * the release that retired it: the one after the newest release using it.
 */
function retirementTimes(releases: readonly Release[], keptFrom: number, used: ReadonlySet<string>): Map<string, number> {
  const retired = new Map<string, number>();
  for (let index = 0; index < keptFrom; index++) {
    const retiredAt = Date.parse(releases[index + 1].time);
    // Later releases overwrite earlier ones: a key that came back is retired by its last leaving.
    for (const key of releases[index].keys) if (!used.has(key)) retired.set(key, retiredAt);
  }
  return retired;
}

/** One line for the job summary, e.g. `2 releases dropped from the log (…), 14 objects deleted, 3 waiting for the grace period`. */
export function describeRetention(plan: RetentionPlan, dryRun: boolean): string {
  const parts: string[] = [];
  const dropped = plan.prunedReleases.length;
  if (dropped > 0) {
    parts.push(`${count(dropped, 'release')} ${dryRun ? 'would be dropped' : 'dropped'} from the log (${plan.prunedReleases.join(', ')})`);
  }
  if (plan.remove.length > 0) parts.push(`${count(plan.remove.length, 'object')} ${dryRun ? 'would be deleted' : 'deleted'}`);
  if (plan.waiting.length > 0) parts.push(`${plan.waiting.length} waiting for the grace period`);
  return parts.length === 0 ? `release ${plan.current.id}: nothing to prune` : `release ${plan.current.id}: ${parts.join(', ')}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
