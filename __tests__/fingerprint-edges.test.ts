// FINGERPRINT on the filesystem backend at its edges. A run that fails after its release is
// stored (its objects and sync manifest): the release log's write, or PRUNE's deletes. Nothing is
// taken back then; the error names the step, what the store holds and what is left, and a rerun
// finishes the job without uploading. And a stylesheet too large to be rewritten says so.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BackendClient, MediaObject } from '../src/backends/contract.js';
import { createBackend } from '../src/backends/index.js';
import { runJob } from '../src/job.js';
import { STREAM_THRESHOLD_BYTES } from '../src/pipeline/process.js';
import type { ReleaseLog } from '../src/pipeline/releases.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
  write('images/a.svg', '<svg xmlns="http://www.w3.org/2000/svg" id="one"/>');
  write('styles/s.css', '.a { background: url(../images/a.svg); }\n');
  write('robots.txt', 'User-agent: *\n');
});
afterEach(() => scratch.remove());

function write(relPath: string, text: string): void {
  const file = path.join(scratch.dir, 'media', relPath);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const settings = () =>
  resolveSettings({
    file: {
      path: path.join(scratch.dir, 'mediasync.json'),
      text: JSON.stringify({
        MEDIA_ROOT: 'media',
        BACKEND: 'filesystem',
        FILESYSTEM_ROOT: 'out',
        AWS_BUCKET: 'after-publish',
        MANIFEST_PATH: 'manifest.json',
        FINGERPRINT: true,
        FINGERPRINT_EXCLUDE: ['robots.txt'],
        PRUNE: true,
        KEEP_RELEASES: 1,
        PRUNE_GRACE_HOURS: 0
      })
    },
    cwd: scratch.dir
  });

/** The filesystem backend, refusing the put of one path, or the deletes of media (the lock's release still goes). */
async function client(refuse: { put?: string; delete?: boolean } = {}): Promise<BackendClient> {
  const real = await createBackend(settings());
  const denied = () => Promise.reject(new Error('EACCES: permission denied'));
  return new Proxy(real, {
    get(target, name) {
      if (name === 'put') return (object: MediaObject) => (object.path === refuse.put ? denied() : target.put(object));
      if (name === 'delete' && refuse.delete) return (paths: string[]) => (paths.includes('.mediasync/lock.json') ? target.delete!(paths) : denied());
      const value: unknown = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    }
  });
}

const storedKeys = () => readdirSync(path.join(scratch.dir, 'out'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.relative(path.join(scratch.dir, 'out'), path.join(entry.parentPath, entry.name))).sort();
const releaseLog = () => JSON.parse(readFileSync(path.join(scratch.dir, 'out', '.mediasync', 'releases.json'), 'utf8')) as ReleaseLog;
const manifest = () => readFileSync(path.join(scratch.dir, 'manifest.json'));
const RELEASE_ID = /\d{8}T\d{6}Z-[0-9a-f]{8}/;

test('the release log cannot be written: the error says the release is stored but not recorded and nothing was pruned; a rerun uploads nothing, records it and prunes', async () => {
  await runJob(settings(), { client: await client() });
  const release1 = { keys: storedKeys(), log: releaseLog(), manifest: manifest() };
  write('images/a.svg', '<svg xmlns="http://www.w3.org/2000/svg" id="two"/>');
  write('robots.txt', 'User-agent: *\nDisallow: /private\n');

  const failure = (await runJob(settings(), { client: await client({ put: '.mediasync/releases.json' }) }).catch((error: unknown) => error)) as Error;
  const id = RELEASE_ID.exec(failure.message)?.[0];
  expect(failure.message).toBe(
    'writing the release log .mediasync/releases.json failed: EACCES: permission denied\n' +
      `Release ${id} is stored (its objects, 1 replaced in place (robots.txt), and the sync manifest) but not recorded, nothing was pruned, and no outputs or manifest were written. ` +
      'Run the sync again: it uploads nothing and records the release.'
  );
  expect(releaseLog()).toEqual(release1.log);
  expect(manifest()).toEqual(release1.manifest);
  // Release 1's objects all stay; release 2's new ones are stored beside them.
  const stored = storedKeys();
  expect(stored.filter((key) => release1.keys.includes(key))).toEqual(release1.keys.filter((key) => key !== '.mediasync/pending.json'));
  const added = stored.filter((key) => !release1.keys.includes(key) && !key.startsWith('.mediasync/'));
  expect(added.map((key) => key.replace(/\.[0-9a-f]{12}\./, '.*.'))).toEqual(['images/a.*.svg', 'styles/s.*.css']);

  const rerun = await runJob(settings(), { client: await client() });
  expect(rerun.uploaded).toEqual([]);
  expect(rerun.release!.id.slice(-8)).toBe(id!.slice(-8));
  expect(releaseLog().releases.map((release) => release.id)).toEqual([rerun.release!.id]);
  expect(rerun.pruned.map((key) => key.replace(/\.[0-9a-f]{12}\./, '.*.'))).toEqual(['images/a.*.svg', 'styles/s.*.css']);
  expect(JSON.parse(manifest().toString('utf8')).files['images/a.svg'].key).toBe(added[0]);
}, 60_000);

test("PRUNE's deletes fail: the error says the release is stored and recorded and what is left to delete; a rerun uploads nothing and deletes them", async () => {
  await runJob(settings(), { client: await client() });
  const release1 = { keys: storedKeys(), manifest: manifest() };
  write('images/a.svg', '<svg xmlns="http://www.w3.org/2000/svg" id="two"/>');

  const failure = (await runJob(settings(), { client: await client({ delete: true }) }).catch((error: unknown) => error)) as Error;
  const log = releaseLog();
  const retired = release1.keys.filter((key) => /\.[0-9a-f]{12}\./.test(key));
  expect(failure.message).toBe(
    'deleting the 2 objects PRUNE retired failed: EACCES: permission denied\n' +
      `Release ${log.releases.at(-1)!.id} is stored and recorded, and no outputs or manifest were written. ` +
      'The objects to delete stay listed in .mediasync/pending.json: run the sync again and PRUNE deletes them.'
  );
  expect(log.releases).toHaveLength(1);
  expect(manifest()).toEqual(release1.manifest);
  expect(storedKeys().filter((key) => retired.includes(key))).toEqual(retired);
  const pending = JSON.parse(readFileSync(path.join(scratch.dir, 'out', '.mediasync', 'pending.json'), 'utf8')) as { paths: string[] };
  expect(retired.every((key) => pending.paths.includes(key))).toBe(true);

  const rerun = await runJob(settings(), { client: await client() });
  expect(rerun.uploaded).toEqual([]);
  expect(rerun.pruned).toEqual(retired);
  expect(storedKeys().filter((key) => retired.includes(key))).toEqual([]);
  expect(existsSync(path.join(scratch.dir, 'out', '.mediasync', 'pending.json'))).toBe(false);
  expect(rerun.release!.id).toBe(log.releases.at(-1)!.id);
}, 60_000);

test('a stylesheet or script over the streaming size is stored as it is, with a warning on every run that its references are not rewritten', async () => {
  const css = `.a { background: url(../images/a.svg); }\n/*${'x'.repeat(STREAM_THRESHOLD_BYTES)}*/\n`;
  write('styles/big.css', css);
  write('scripts/big.js', `var a = 1;/*${'y'.repeat(STREAM_THRESHOLD_BYTES)}*/\n//# sourceMappingURL=big.js.map\n`);
  const warnings: string[] = [];
  const reporter = { info: () => {}, debug: () => {}, warning: (line: string) => warnings.push(line), group: <T>(_name: string, work: () => T) => work(), progress: () => {} };
  const warning = (file: string) =>
    `${file} is over 16 MB, so it is stored as it is: its references (url(), @import, sourceMappingURL) are not rewritten to fingerprinted keys, ` +
    'and those naming a fingerprinted file do not resolve. Keep stylesheets and scripts under that size, or list the files they name in FINGERPRINT_EXCLUDE';
  const first = await runJob(settings(), { client: await client(), reporter });
  expect(warnings).toEqual([warning('scripts/big.js'), warning('styles/big.css')]);
  expect(readFileSync(path.join(scratch.dir, 'out', first.manifest.files['styles/big.css'].key!), 'utf8')).toBe(css);
  warnings.length = 0;
  await runJob(settings(), { client: await client(), reporter });
  expect(warnings).toEqual([warning('scripts/big.js'), warning('styles/big.css')]);
}, 60_000);
