// A JOINED alias is published at its own path, so it must be a path the sync publishes at all;
// a part that is not synced is named with the true reason.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BundleError, resolveBundles } from '../src/pipeline/join.js';
import { runJob } from '../src/job.js';
import { SettingsError } from '../src/settings/errors.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => (scratch = tempDir()));
afterEach(() => scratch.remove());

const ALLOWED = 'allowed: an alias with no hidden, underscore or settings-file-named folder or name, not EXCLUDEd';
const settingsOf = (values: Record<string, unknown>) =>
  resolveSettings({ file: { path: path.join(scratch.dir, 'mediasync.json'), text: JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', ...values }) }, cwd: scratch.dir });
const problemsOf = (values: Record<string, unknown>): string[] => {
  try {
    settingsOf(values);
    return [];
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    return error.message.split('\n').slice(1).map((line) => line.replace(/^ {2}- /, ''));
  }
};

function write(relPath: string, text = relPath): void {
  const file = path.join(scratch.dir, 'media', relPath);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('a JOINED alias that would never be published is refused with the settings', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['a hidden folder', { JOINED: { '.h/j.css': ['a.css'] } }, 'alias .h/j.css names a path that is never published (.h is hidden)'],
    ['a hidden name', { JOINED: { 'styles/.j.css': ['a.css'] } }, 'alias styles/.j.css names a path that is never published (styles/.j.css is hidden)'],
    ['an underscore folder', { JOINED: { '_u/j.css': ['a.css'] } }, 'alias _u/j.css names a path that is never published (_u is underscore-named)'],
    ['an underscore name, deep', { JOINED: { 'a/b/_j.js': ['a.js'] } }, 'alias a/b/_j.js names a path that is never published (a/b/_j.js is underscore-named)'],
    ['an EXCLUDEd folder', { EXCLUDE: ['drafts/**'], JOINED: { 'drafts/j.css': ['a.css'] } }, 'alias drafts/j.css names a path that is never published (drafts is EXCLUDEd)'],
    ['an EXCLUDEd name', { EXCLUDE: ['**/*.min.js'], JOINED: { 'all.min.js': ['a.js'] } }, 'alias all.min.js names a path that is never published (all.min.js is EXCLUDEd)'],
    ['an underscore CSS_PATH', { CSS_PATH: '_css', JOINED: { 'j.css': ['a.css'] } }, 'alias j.css (_css/j.css) names a path that is never published (_css is underscore-named)'],
    ['an EXCLUDEd JS_PATH', { JS_PATH: 'vendor', EXCLUDE: ['vendor'], JOINED: { 'j.js': ['a.js'] } }, 'alias j.js (vendor/j.js) names a path that is never published (vendor is EXCLUDEd)']
  ])('in %s', (_case, values, message) => {
    expect(problemsOf(values)).toEqual([`settings: JOINED ${message}; ${ALLOWED}`]);
  });

  test('every such alias is named at once; published ones pass', () => {
    expect(problemsOf({ EXCLUDE: ['drafts/**'], JOINED: { '.h/j.css': ['a.css'], 'ok/j.css': ['a.css'], 'drafts/j.js': ['a.js'], 'x_y/j.js': ['a.js'] } })).toEqual([
      `settings: JOINED alias .h/j.css names a path that is never published (.h is hidden); ${ALLOWED}`,
      `settings: JOINED alias drafts/j.js names a path that is never published (drafts is EXCLUDEd); ${ALLOWED}`
    ]);
    expect(problemsOf({ EXCLUDE: ['drafts/**'], JOINED: { 'ok/j.css': ['a.css'], 'draftsish/j.css': ['a.css'] } })).toEqual([]);
  });

  test.each(['EXCLUDE', 'FINGERPRINT_EXCLUDE'])('%s: a glob too long to match is refused by name, not by the glob library', (key) => {
    expect(problemsOf({ FINGERPRINT: true, [key]: ['x'.repeat(100_000)], JOINED: { 'j.css': ['a.css'] } })).toEqual([
      expect.stringMatching(new RegExp(`mediasync\\.json:1:\\d+: ${key} is \\[.*; allowed: a list of globs relative to MEDIA_ROOT, each at most 1,024 characters`))
    ]);
    expect(problemsOf({ FINGERPRINT: true, [key]: ['x'.repeat(1024)] })).toEqual([]);
    // Slashes are what the URL patterns of the message look for: shown in linear time all the same.
    expect(problemsOf({ FINGERPRINT: true, [key]: [`a${'/'.repeat(100_000)}?x=1`] })).toEqual([expect.stringMatching(new RegExp(`${key} is \\["a/{77}… \\(100009 characters of JSON\\)`))]);
  });

  test('a sync refuses such an alias as it reads the settings; a published alias is stored', async () => {
    write('a.css', 'a{}');
    // The settings are refused as they are read, before any backend or store exists.
    expect(() => settingsOf({ EXCLUDE: ['drafts/**'], JOINED: { 'drafts/j.css': ['a.css'] } })).toThrow(SettingsError);
    const fine = settingsOf({ EXCLUDE: ['drafts/**'], JOINED: { 'j.css': ['a.css'] } });
    await runJob(fine);
    expect(readdirSync(path.join(scratch.dir, 'out')).filter((name) => !name.startsWith('.')).sort()).toEqual(['a.css', 'j.css']);
  });
});

describe('a JOINED part that is not synced is named with the true reason', () => {
  test('hidden, underscore, EXCLUDEd, a folder, a file mediasync never syncs, missing', () => {
    write('a.css');
    write('.h/b.css');
    write('_u/c.css');
    write('drafts/d.css');
    write('folder.css/e.css');
    write('own.css');
    const files = new Set(['a.css', 'folder.css/e.css']);
    const parts = ['a.css', '.h/b.css', '_u/c.css', 'drafts/d.css', 'folder.css', 'own.css', 'gone.css'];
    const attempt = () => resolveBundles({ JOINED: { 'all.css': parts }, CSS_PATH: '', JS_PATH: '', EXCLUDE: ['drafts/**'], MEDIA_ROOT: path.join(scratch.dir, 'media') }, files);
    expect(attempt).toThrow(BundleError);
    expect(attempt).toThrow(
      [
        'JOINED all.css: part .h/b.css is never synced (.h is hidden); allowed: a synced file in MEDIA_ROOT',
        'JOINED all.css: part _u/c.css is never synced (_u is underscore-named); allowed: a synced file in MEDIA_ROOT',
        'JOINED all.css: part drafts/d.css is never synced (drafts is EXCLUDEd); allowed: a synced file in MEDIA_ROOT',
        'JOINED all.css: part folder.css is a folder; allowed: a synced file in MEDIA_ROOT',
        'JOINED all.css: part own.css is never synced (the settings file, MANIFEST_PATH, the hash cache and what EXCLUDE names by its real path stay out); allowed: a synced file in MEDIA_ROOT',
        'JOINED all.css: part gone.css is not a file in MEDIA_ROOT; allowed: a synced file in MEDIA_ROOT'
      ].join('\n')
    );
  });
});
