// MANIFEST_PATH is replaced whole by every run: it may not be a settings file, the BACKEND
// module or anything inside MEDIA_ROOT, however the path reaches it. Refused before anything is
// stored or written, dry run or not.
import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runJob } from '../src/job.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
  write('media/app.js', 'export const a = 1;\n');
  write('media/s/a.css', 'a { color: red; }\n');
  write('backend.mjs', 'export function createClient() { return {}; }\n');
});
afterEach(() => scratch.remove());

const ALLOWED = 'allowed: a file path outside MEDIA_ROOT, in a folder mediasync can write, that is not a settings file or the BACKEND module';

function write(relPath: string, text: string): void {
  const file = path.join(scratch.dir, relPath);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Writes `name` holding the settings (with MANIFEST_PATH) and runs the job as the shells do. */
function job(manifestPath: string, { name = 'mediasync.json', dryRun = false, extra = {} as Record<string, unknown> } = {}) {
  const text = JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', MANIFEST_PATH: manifestPath, ...extra });
  const configFile = path.join(scratch.dir, name);
  writeFileSync(configFile, text);
  const settings = resolveSettings({ file: { path: configFile, text }, cwd: scratch.dir });
  return { text, run: () => runJob(settings, { configFile, dryRun }) };
}

describe('a MANIFEST_PATH that would replace what the sync reads is refused before anything is stored', () => {
  type At = (relPath: string) => string;
  test.each<[string, string, (at: At) => void, string, Record<string, unknown>?]>([
    ['the settings file itself', 'mediasync.json', () => {}, 'is the settings file <dir>/mediasync.json'],
    ['the settings file by ./ and ..', './media/../mediasync.json', () => {}, 'is the settings file <dir>/mediasync.json'],
    ['a symlink to the settings file', 'settings-link.json', (at) => symlinkSync('mediasync.json', at('settings-link.json')), 'is the settings file <dir>/mediasync.json'],
    ['a hard link to the settings file', 'copy.json', (at) => linkSync(at('mediasync.json'), at('copy.json')), 'is the settings file <dir>/mediasync.json'],
    ['another settings file by its default name', 'conf/mediasync.config.mjs', () => {}, 'is named like a settings file (mediasync.json, mediasync.config.mjs, mediasync.config.js)'],
    ['a source in MEDIA_ROOT', 'media/app.js', () => {}, 'is inside MEDIA_ROOT <dir>/media'],
    ['a new file deep in MEDIA_ROOT', 'media/new/deeper/manifest.json', () => {}, 'is inside MEDIA_ROOT <dir>/media'],
    ['a hidden file in MEDIA_ROOT', 'media/.manifest.json', () => {}, 'is inside MEDIA_ROOT <dir>/media'],
    ['a source through a symlinked folder', 'mlink/s/a.css', (at) => symlinkSync('media', at('mlink')), 'is inside MEDIA_ROOT <dir>/media'],
    ['a new file through an absolute symlink into MEDIA_ROOT', 'mlink/m.json', (at) => symlinkSync(at('media/s'), at('mlink')), 'is inside MEDIA_ROOT <dir>/media'],
    ['a dangling symlink into MEDIA_ROOT', 'dangling.json', (at) => symlinkSync('media/m.json', at('dangling.json')), 'is inside MEDIA_ROOT <dir>/media'],
    ['the BACKEND module', 'backend.mjs', () => {}, 'is the BACKEND module <dir>/backend.mjs', { BACKEND: 'backend.mjs' }],
    ['a symlink to the BACKEND module', 'b.json', (at) => symlinkSync('backend.mjs', at('b.json')), 'is the BACKEND module <dir>/backend.mjs', { BACKEND: 'backend.mjs' }]
  ])('%s', async (_case, manifestPath, arrange, reason, extra = {}) => {
    const dir = scratch.dir;
    const place = (text: string) => text.replaceAll('<dir>', dir);
    const sources = { app: readFileSync(path.join(dir, 'media/app.js')), css: readFileSync(path.join(dir, 'media/s/a.css')), backend: readFileSync(path.join(dir, 'backend.mjs')) };
    for (const dryRun of [false, true]) {
      const { text, run } = job(manifestPath, { dryRun, extra });
      if (!dryRun) arrange((relPath) => path.join(dir, relPath));
      await expect(run()).rejects.toThrow(`MANIFEST_PATH ${path.resolve(dir, manifestPath)} ${place(reason)}, so nothing was synced; ${ALLOWED}`);
      expect(readFileSync(path.join(dir, 'mediasync.json'), 'utf8')).toBe(text);
    }
    expect({ app: readFileSync(path.join(dir, 'media/app.js')), css: readFileSync(path.join(dir, 'media/s/a.css')), backend: readFileSync(path.join(dir, 'backend.mjs')) }).toEqual(sources);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    expect(existsSync(path.join(dir, 'media/new'))).toBe(false);
  });

  test('the settings file read under another name is refused; a manifest beside MEDIA_ROOT, or named like it, is written', async () => {
    const prod = job('prod.json', { name: 'prod.json' });
    await expect(prod.run()).rejects.toThrow(`MANIFEST_PATH ${path.join(scratch.dir, 'prod.json')} is the settings file ${path.join(scratch.dir, 'prod.json')}, so nothing was synced; ${ALLOWED}`);
    for (const manifestPath of ['manifest.json', 'media-manifest.json', 'mediax/m.json']) {
      await job(manifestPath).run();
      expect(Object.keys(JSON.parse(readFileSync(path.join(scratch.dir, manifestPath), 'utf8')).files).sort()).toEqual(['app.js', 's/a.css']);
    }
  });
});
