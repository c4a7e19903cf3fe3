// FINGERPRINT keeps a release history by reading it back: with a backend that has no get() every
// run would record a new release and replace the history. Such a run is refused before anything
// is stored, naming FINGERPRINT and the missing method.
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runJob } from '../src/job.js';
import { readConfigFile } from '../src/settings/config-file.js';
import { resolveSettings } from '../src/settings/load.js';
import { REPO_ROOT, copyExampleMedia, tempDir } from './helpers/fixtures.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
  copyExampleMedia(scratch.dir);
  copyFileSync(path.join(REPO_ROOT, 'examples', 'backends', 'seed-style-backend.mjs'), path.join(scratch.dir, 'seed-style-backend.mjs'));
  // An object-contract backend that stores into a folder but cannot read back.
  writeFileSync(
    path.join(scratch.dir, 'write-only.mjs'),
    `import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
export class Client {
  remoteMediaUrl(withSsl) { return (withSsl ? 'https' : 'http') + '://media.example.test'; }
  async put(object) {
    const file = path.join(process.env.SEED_BACKEND_ROOT, object.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, object.body);
  }
  async list() { return []; }
  async delete() {}
}
`
  );
  process.env.SEED_BACKEND_ROOT = path.join(scratch.dir, 'store');
});
afterEach(() => {
  delete process.env.SEED_BACKEND_ROOT;
  scratch.remove();
});

const load = async (settings: Record<string, unknown>) => {
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), JSON.stringify({ MEDIA_ROOT: 'media', ...settings }));
  return resolveSettings({ file: await readConfigFile(undefined, scratch.dir), cwd: scratch.dir });
};
const stored = () => (existsSync(path.join(scratch.dir, 'store')) ? readdirSync(path.join(scratch.dir, 'store'), { recursive: true }) : []);
const refusal = (module: string) =>
  `FINGERPRINT needs a backend that can read back what it stored, and backend ${path.join(scratch.dir, module)} has no get(path) method: ` +
  'every run would record a new release and replace the release history with it (and PRUNE would go by that); ' +
  'allowed: FINGERPRINT false with this backend, or a backend with async get(path) returning the stored bytes';

test.each([
  ["the seed's positional form", 'seed-style-backend.mjs', {}, {}],
  ['an object-contract backend without get', 'write-only.mjs', {}, {}],
  ['an object-contract backend without get, with PRUNE', 'write-only.mjs', { PRUNE: true }, {}],
  ['a dry run', 'write-only.mjs', {}, { dryRun: true }],
  ['a forced run', 'seed-style-backend.mjs', {}, { force: true }]
])('FINGERPRINT with %s is refused before anything is stored', async (_, module, extra, options) => {
  const settings = await load({ BACKEND: `./${module}`, FINGERPRINT: true, ...extra });
  await expect(runJob(settings, options)).rejects.toThrow(new Error(refusal(module)));
  expect(stored()).toEqual([]);
  expect(existsSync(path.join(scratch.dir, 'mediasync-manifest.json'))).toBe(false);
});

test('the same backend without FINGERPRINT still syncs', async () => {
  const result = await runJob(await load({ BACKEND: './write-only.mjs' }));
  expect(result.uploaded.length).toBe(7);
  expect(stored()).toContain(path.join('styles', 'text.css'));
});
