import { createHash } from 'node:crypto';
import type { BackendClient, MediaObject } from '../src/backends/contract.js';
import {
  describeRetention,
  newRelease,
  planRetention,
  readReleaseLog,
  type Release,
  type ReleaseLog,
  releaseLogObject,
  RELEASES_PATH,
  type RetentionInput,
  sameKeys,
  sortKeys
} from '../src/pipeline/releases.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

// A site whose logo changes twice and whose script changes once; the stylesheet and font never do.
const LOGO_1 = 'images/logo.5d41402abc4b.png';
const LOGO_2 = 'images/logo.7d793037a076.png';
const LOGO_3 = 'images/logo.c4ca4238a0b9.png';
const APP_1 = 'scripts/app.2fd4e1c67a2d.js';
const APP_2 = 'scripts/app.9e107d9d372b.js';
const CSS = 'styles/site.3f9a2c1b7d0e.css';
const FONT = 'fonts/inter.e4d909c290d0.woff2';

const T1 = new Date('2026-11-20T10:00:00Z');
const T2 = new Date('2026-11-22T10:00:00Z');
const T3 = new Date('2026-11-24T09:00:00Z');
const T4 = new Date('2026-11-25T17:18:00Z');
const after = (time: Date, ms: number) => new Date(time.getTime() + ms);

const R1 = newRelease([LOGO_1, APP_1, CSS, FONT], T1, 'a1');
const R2 = newRelease([LOGO_2, APP_1, CSS, FONT], T2, 'a2');
const R3 = newRelease([LOGO_2, APP_2, CSS, FONT], T3, 'a3');
const R4 = newRelease([LOGO_3, APP_2, CSS, FONT], T4, 'a4');

const logOf = (...releases: Release[]): ReleaseLog => ({ version: 1, releases });

function plan(overrides: Partial<RetentionInput> & Pick<RetentionInput, 'log' | 'release' | 'now'>) {
  return planRetention({ untracked: [], orphans: [], keep: 3, graceMs: DAY, ...overrides });
}

/** A store holding objects in memory, with the get and put the release log needs. */
function memoryClient(): BackendClient & { objects: Map<string, MediaObject> } {
  const objects = new Map<string, MediaObject>();
  return {
    objects,
    remoteMediaUrl: () => 'https://media.example.com',
    put: async (object) => {
      objects.set(object.path, object);
    },
    get: async (path) => objects.get(path)?.body
  };
}

function clientHolding(body: Buffer): BackendClient {
  return { remoteMediaUrl: () => 'https://media.example.com', put: async () => {}, get: async (path) => (path === RELEASES_PATH ? body : undefined) };
}

describe('newRelease', () => {
  test('the id is the compact UTC time and the first 8 hex of the sha256 of the sorted keys; keys sorted without repeats', () => {
    expect(R1).toEqual({
      id: '20261120T100000Z-30bff0b7',
      time: '2026-11-20T10:00:00.000Z',
      sha: 'a1',
      keys: [FONT, LOGO_1, APP_1, CSS]
    });
  });

  test('keys are in S3 order (bytes of UTF-8), not UTF-16 order, and without sha there is no sha field', () => {
    const release = newRelease([CSS, 'images/\u{1F600}.png', 'images/\uFF5E.png', 'images/\uFF5E.png'], new Date('2026-11-25T17:18:00.250Z'));
    expect(release).toEqual({
      id: '20261125T171800Z-520cf005',
      time: '2026-11-25T17:18:00.250Z',
      keys: ['images/\uFF5E.png', 'images/\u{1F600}.png', CSS]
    });
    expect(Object.keys(release)).toEqual(['id', 'time', 'keys']);
  });

  test('sortKeys orders by UTF-8 bytes and drops repeats', () => {
    expect(sortKeys(['b', 'a/\u{1F600}', 'a/\uFF5E', 'B', 'b'])).toEqual(['B', 'a/\uFF5E', 'a/\u{1F600}', 'b']);
  });
});

describe('sameKeys', () => {
  test('compares as sets', () => {
    expect(sameKeys([CSS, FONT], [FONT, CSS])).toBe(true);
    expect(sameKeys([CSS, FONT], [FONT, CSS, CSS])).toBe(true);
    expect(sameKeys([CSS, FONT], [CSS])).toBe(false);
    expect(sameKeys([CSS, FONT], [CSS, LOGO_1])).toBe(false);
    expect(sameKeys([], [])).toBe(true);
  });
});

describe('planRetention with two releases (a changed image)', () => {
  test('the first release starts the log and removes nothing', () => {
    expect(plan({ log: undefined, release: R1, now: T1, keep: 1, graceMs: 0 })).toEqual({
      log: logOf(R1),
      changed: true,
      current: R1,
      remove: [],
      prunedReleases: [],
      waiting: []
    });
  });

  test('keep=1, grace 0: the old image goes at once with its release', () => {
    expect(plan({ log: logOf(R1), release: R2, now: T2, keep: 1, graceMs: 0 })).toEqual({
      log: logOf(R2),
      changed: true,
      current: R2,
      remove: [LOGO_1],
      prunedReleases: [R1.id],
      waiting: []
    });
  });

  test('keep=1, grace 24 h: an hour after the release, the old image waits and its release stays', () => {
    expect(plan({ log: logOf(R1), release: R2, now: after(T2, HOUR), keep: 1 })).toEqual({
      log: logOf(R1, R2),
      changed: true,
      current: R2,
      remove: [],
      prunedReleases: [],
      waiting: [LOGO_1]
    });
  });

  test('keep=1, grace 24 h: exactly 24 h after the release that retired it, a no-change run deletes the old image and drops its release', () => {
    const unchanged = newRelease(R2.keys, after(T2, DAY));
    expect(plan({ log: logOf(R1, R2), release: unchanged, now: after(T2, DAY), keep: 1 })).toEqual({
      log: logOf(R2),
      changed: true,
      current: R2,
      remove: [LOGO_1],
      prunedReleases: [R1.id],
      waiting: []
    });
  });

  test('keep=1, grace 24 h: a minute short of 24 h it still waits, and nothing changed', () => {
    const unchanged = newRelease(R2.keys, after(T2, DAY - 60_000));
    expect(plan({ log: logOf(R1, R2), release: unchanged, now: after(T2, DAY - 60_000), keep: 1 })).toEqual({
      log: logOf(R1, R2),
      changed: false,
      current: R2,
      remove: [],
      prunedReleases: [],
      waiting: [LOGO_1]
    });
  });

  test('keep=2: both releases are kept, grace or not', () => {
    expect(plan({ log: logOf(R1), release: R2, now: after(T2, 10 * DAY), keep: 2, graceMs: 0 })).toEqual({
      log: logOf(R1, R2),
      changed: true,
      current: R2,
      remove: [],
      prunedReleases: [],
      waiting: []
    });
  });
});

describe('planRetention with four releases (image changed twice, script once, stylesheet and font unchanged)', () => {
  const threeReleases = logOf(R1, R2, R3);

  test('built up run by run with keep=3, grace 24 h: the fourth release retires the first and its image', () => {
    const first = plan({ log: undefined, release: R1, now: T1 });
    const second = plan({ log: first.log, release: R2, now: T2 });
    const third = plan({ log: second.log, release: R3, now: T3 });
    expect([first, second, third].map((step) => [step.remove, step.prunedReleases, step.waiting])).toEqual([
      [[], [], []],
      [[], [], []],
      [[], [], []]
    ]);
    expect(third.log).toEqual(threeReleases);
    expect(plan({ log: third.log, release: R4, now: T4 })).toEqual({
      log: logOf(R2, R3, R4),
      changed: true,
      current: R4,
      remove: [LOGO_1],
      prunedReleases: [R1.id],
      waiting: []
    });
  });

  test('keep=2, grace 24 h: the first image and the first script go (retired 3 days and 32 h ago)', () => {
    expect(plan({ log: threeReleases, release: R4, now: T4, keep: 2 })).toEqual({
      log: logOf(R3, R4),
      changed: true,
      current: R4,
      remove: [LOGO_1, APP_1],
      prunedReleases: [R1.id, R2.id],
      waiting: []
    });
  });

  test('keep=1, grace 24 h: the second image, retired just now, waits; its releases stay, listing only keys still stored', () => {
    const result = plan({ log: threeReleases, release: R4, now: T4, keep: 1 });
    expect(result).toEqual({
      log: logOf({ ...R2, keys: [FONT, LOGO_2, CSS] }, R3, R4),
      changed: true,
      current: R4,
      remove: [LOGO_1, APP_1],
      prunedReleases: [R1.id],
      waiting: [LOGO_2]
    });
    expect(describeRetention(result, false)).toBe(
      `release ${R4.id}: 1 release dropped from the log (${R1.id}), 2 objects deleted, 1 waiting for the grace period`
    );

    // A day and an hour later a run with no change deletes it and drops both releases.
    const later = after(T4, DAY + HOUR);
    expect(plan({ log: result.log, release: newRelease(R4.keys, later), now: later, keep: 1 })).toEqual({
      log: logOf(R4),
      changed: true,
      current: R4,
      remove: [LOGO_2],
      prunedReleases: [R2.id, R3.id],
      waiting: []
    });
  });

  test('keep=1, grace 0: everything only older releases use goes, in S3 order', () => {
    const result = plan({ log: threeReleases, release: R4, now: T4, keep: 1, graceMs: 0 });
    expect(result).toEqual({
      log: logOf(R4),
      changed: true,
      current: R4,
      remove: [LOGO_1, LOGO_2, APP_1],
      prunedReleases: [R1.id, R2.id, R3.id],
      waiting: []
    });
    expect(describeRetention(result, true)).toBe(
      `release ${R4.id}: 3 releases would be dropped from the log (${R1.id}, ${R2.id}, ${R3.id}), 3 objects would be deleted`
    );
  });

  test('keep=3, grace 24 h, releases an hour apart: the first image waits and no release is dropped', () => {
    const hourly = [R2, R3, R4].map((release, index) => newRelease(release.keys, after(T1, (index + 1) * HOUR)));
    expect(plan({ log: logOf(R1, hourly[0], hourly[1]), release: hourly[2], now: after(T1, 3 * HOUR) })).toEqual({
      log: logOf(R1, ...hourly),
      changed: true,
      current: hourly[2],
      remove: [],
      prunedReleases: [],
      waiting: [LOGO_1]
    });
  });
});

describe('planRetention with an object that comes back', () => {
  const BANNER = 'images/banner.0cc175b9c0f1.jpg';
  const A1 = newRelease([BANNER, CSS], T1);
  const A2 = newRelease([CSS], T2);
  const A3 = newRelease([BANNER, CSS], T3);
  const A4 = newRelease([CSS], T4);

  test('used by the kept release, it stays although an old release retired it days ago', () => {
    expect(plan({ log: logOf(A1, A2), release: A3, now: T3, keep: 1, graceMs: 0 })).toEqual({
      log: logOf(A3),
      changed: true,
      current: A3,
      remove: [],
      prunedReleases: [A1.id, A2.id],
      waiting: []
    });
  });

  test('retired again, its grace period counts from its last retirement, not the first', () => {
    expect(plan({ log: logOf(A1, A2, A3), release: A4, now: after(T4, HOUR), keep: 1 })).toEqual({
      log: logOf(A1, A2, A3, A4),
      changed: true,
      current: A4,
      remove: [],
      prunedReleases: [],
      waiting: [BANNER]
    });
    expect(plan({ log: logOf(A1, A2, A3), release: A4, now: after(T4, DAY), keep: 1 })).toEqual({
      log: logOf(A4),
      changed: true,
      current: A4,
      remove: [BANNER],
      prunedReleases: [A1.id, A2.id, A3.id],
      waiting: []
    });
  });
});

describe('planRetention with untracked keys', () => {
  const OLD_CSS = 'styles/site.css';
  const OLD_LOGO = 'images/logo.png';
  const UNTRACKED_T1: Release = { id: 'untracked-20261120T100000Z', time: '2026-11-20T10:00:00.000Z', keys: [OLD_LOGO, OLD_CSS] };

  test('are recorded as a release just before the new one, without the keys the new one uses, and kept like a release', () => {
    expect(plan({ log: undefined, release: R1, untracked: [OLD_CSS, CSS, OLD_LOGO], now: T1, keep: 1 })).toEqual({
      log: logOf(UNTRACKED_T1, R1),
      changed: true,
      current: R1,
      remove: [],
      prunedReleases: [],
      waiting: [OLD_LOGO, OLD_CSS]
    });
  });

  test('go once the grace period after the release that retired them is over', () => {
    expect(plan({ log: logOf(UNTRACKED_T1, R1), release: R2, now: T2, keep: 1 })).toEqual({
      log: logOf(R1, R2),
      changed: true,
      current: R2,
      remove: [OLD_LOGO, OLD_CSS],
      prunedReleases: [UNTRACKED_T1.id],
      waiting: [LOGO_1]
    });
  });

  test('with keys the latest release already used, the release is recorded again after them', () => {
    const again = newRelease(R1.keys, T2);
    expect(plan({ log: logOf(R1), release: again, untracked: [OLD_CSS], now: T2 })).toEqual({
      log: logOf(R1, { id: 'untracked-20261122T100000Z', time: '2026-11-22T10:00:00.000Z', keys: [OLD_CSS] }, again),
      changed: true,
      current: again,
      remove: [],
      prunedReleases: [],
      waiting: []
    });
  });

  test('none left once the new release uses them all: no synthetic release', () => {
    expect(plan({ log: logOf(R1), release: R2, untracked: [CSS, LOGO_2], now: T2 }).log).toEqual(logOf(R1, R2));
  });
});

describe('planRetention with orphans', () => {
  const STRAY = 'scripts/app.deadbeef0000.js';

  test('go at once unless a kept release uses them or they wait for the grace period', () => {
    expect(plan({ log: logOf(R1), release: R2, orphans: [STRAY, LOGO_2, LOGO_1], now: after(T2, HOUR), keep: 1 })).toEqual({
      log: logOf(R1, R2),
      changed: true,
      current: R2,
      remove: [STRAY],
      prunedReleases: [],
      waiting: [LOGO_1]
    });
  });

  test('go even when nothing else changed', () => {
    const unchanged = newRelease(R2.keys, T3);
    expect(plan({ log: logOf(R1, R2), release: unchanged, orphans: [STRAY], now: T3 })).toEqual({
      log: logOf(R1, R2),
      changed: false,
      current: R2,
      remove: [STRAY],
      prunedReleases: [],
      waiting: []
    });
  });
});

describe('planRetention with no change', () => {
  test('keys equal to the latest release record nothing; the latest stands', () => {
    const reordered = newRelease([...R2.keys].reverse(), T3, 'a3');
    const result = plan({ log: logOf(R1, R2), release: reordered, now: T3 });
    expect(result).toEqual({
      log: logOf(R1, R2),
      changed: false,
      current: R2,
      remove: [],
      prunedReleases: [],
      waiting: []
    });
    expect(describeRetention(result, false)).toBe(`release ${R2.id}: nothing to prune`);
  });
});

describe('planRetention with the store listing', () => {
  const threeReleases = logOf(R1, R2, R3);

  test('keys not listed are gone already: not named for deletion', () => {
    const listed = new Set([LOGO_2, LOGO_3, APP_1, APP_2, CSS, FONT]);
    expect(plan({ log: threeReleases, release: R4, now: T4, keep: 1, graceMs: 0, listed })).toEqual({
      log: logOf(R4),
      changed: true,
      current: R4,
      remove: [LOGO_2, APP_1],
      prunedReleases: [R1.id, R2.id, R3.id],
      waiting: []
    });
  });

  test('a key not listed does not wait, so its release can be dropped; unlisted orphans are not named', () => {
    const listed = new Set([LOGO_3, APP_1, APP_2, CSS, FONT]);
    const orphans = ['scripts/app.deadbeef0000.js'];
    expect(plan({ log: threeReleases, release: R4, now: T4, keep: 1, orphans, listed })).toEqual({
      log: logOf(R4),
      changed: true,
      current: R4,
      remove: [APP_1],
      prunedReleases: [R1.id, R2.id, R3.id],
      waiting: []
    });
  });
});

describe('readReleaseLog', () => {
  const valid = (releases: unknown[]) => Buffer.from(JSON.stringify({ version: 1, releases }));
  const messageOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('did not throw');
  };
  const damaged = (problem: string) =>
    `the release log .mediasync/releases.json is damaged: ${problem}. It tells PRUNE which stored objects recent releases use, ` +
    'so mediasync stops rather than prune without it; repair it, or delete it to start a new log';
  const notJson = '{"version": 1,';

  test.each([
    ['bad JSON', Buffer.from(notJson), `it is not JSON (${messageOf(() => JSON.parse(notJson))})`],
    ['bytes that are not UTF-8', Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x5d]), 'it is not UTF-8 text'],
    ['an empty file', Buffer.alloc(0), `it is not JSON (${messageOf(() => JSON.parse(''))})`],
    ['an array', Buffer.from('[]'), 'it is not a JSON object'],
    ['a wrong version', Buffer.from('{"version":2,"releases":[]}'), 'its version is 2; this mediasync reads version 1'],
    ['no version', Buffer.from('{"releases":[]}'), 'its version is undefined; this mediasync reads version 1'],
    ['releases not an array', Buffer.from('{"version":1,"releases":{}}'), '"releases" is not an array'],
    ['a release that is not an object', valid([R1, 'r2']), 'release 2 is not an object'],
    ['a release without id', valid([{ time: R1.time, keys: [] }]), 'release 1 has no id (a non-empty string)'],
    ['duplicate ids', valid([R1, R2, { ...R3, id: R1.id }]), `the id "${R1.id}" appears twice`],
    ['an id holding a workflow command', valid([R1, { ...R2, id: 'x\n::warning::pwn' }]), 'release 2 has the id "x\\n::warning::pwn", not 1 to 100 ASCII letters, digits and . _ -'],
    ['an id with shell syntax', valid([{ ...R1, id: '$(id)' }]), 'release 1 has the id "$(id)", not 1 to 100 ASCII letters, digits and . _ -'],
    ['an id of 101 characters', valid([{ ...R1, id: 'a'.repeat(101) }]), `release 1 has the id "${'a'.repeat(80)}", not 1 to 100 ASCII letters, digits and . _ -`],
    ['a time that does not parse', valid([{ ...R1, time: 'last Tuesday' }]), `release 1 (${R1.id}) has time "last Tuesday", not an ISO 8601 time`],
    ['a sha that is not a string', valid([{ ...R1, sha: 40 }]), `release 1 (${R1.id}) has a sha that is not a string`],
    ['keys that are not an array', valid([R1, { ...R2, keys: CSS }]), `release 2 (${R2.id}) has keys that are not an array of strings`],
    ['keys that are not strings', valid([{ ...R1, keys: [CSS, 7] }]), `release 1 (${R1.id}) has keys that are not an array of strings`]
  ])('throws naming the file for %s', async (_, body, problem) => {
    await expect(readReleaseLog(clientHolding(body))).rejects.toMatchObject({ name: 'ReleaseLogError', message: damaged(problem) });
  });

  test('is undefined when there is no log or the backend cannot read', async () => {
    expect(await readReleaseLog(memoryClient())).toBeUndefined();
    expect(await readReleaseLog({ remoteMediaUrl: () => '', put: async () => {} })).toBeUndefined();
  });

  test('round trip: the planned log is put as uncached JSON and read back as it was', async () => {
    const client = memoryClient();
    const first = plan({ log: await readReleaseLog(client), release: R1, now: T1 });
    await client.put(releaseLogObject(first.log, T1));
    const second = plan({ log: await readReleaseLog(client), release: R2, now: T2 });
    await client.put(releaseLogObject(second.log, T2));

    const body = Buffer.from(JSON.stringify({ version: 1, releases: [R1, R2] }));
    expect(client.objects.get(RELEASES_PATH)).toEqual({
      path: '.mediasync/releases.json',
      body,
      contentType: 'application/json',
      cacheControl: 'no-cache, no-store',
      expires: T2,
      md5: createHash('md5').update(body).digest('hex')
    });
    expect(await readReleaseLog(client)).toEqual(logOf(R1, R2));
    expect([...client.objects.keys()]).toEqual([RELEASES_PATH]);
  });
});
