// A mediasync.config.mjs goes through the same checks, with the same messages, as mediasync.json:
// only where a problem is placed differs (a module's values have no line and column). What JSON
// cannot hold (a BigInt, a cycle, a URL or boxed Number object) is refused, naming the setting.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readConfigFile } from '../src/settings/config-file.js';
import { SettingsError } from '../src/settings/errors.js';
import { resolveSettings } from '../src/settings/load.js';
import { SETTINGS, type SettingKey } from '../src/settings/schema.js';
import { tempDir } from './helpers/fixtures.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
  mkdirSync(path.join(scratch.dir, 'media'));
});
afterEach(() => scratch.remove());

/** The problems a settings file gives, each as `key message` (or the message). */
async function problemsOf(name: string, text: string): Promise<string[]> {
  writeFileSync(path.join(scratch.dir, name), text);
  try {
    resolveSettings({ file: await readConfigFile(name, scratch.dir), cwd: scratch.dir });
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    return error.problems.map((problem) => (problem.key ? `${problem.key} ${problem.message}` : problem.message));
  }
  return [];
}

const base = { MEDIA_ROOT: 'media', BACKEND: 'dummy' };

test.each<[string, Record<string, unknown>]>([
  ['an endpoint whose port is out of range', { AWS_ENDPOINT: 'http://127.0.0.1:99999' }],
  ['a remote URL whose port is out of range', { REMOTE_MEDIA_URL: 'http://x:70000/' }],
  ['a MEDIA_URL that does not parse', { MEDIA_URL: 'http://x:70000/m/' }],
  ['a number out of range', { EXPIRATION_DAYS: -1 }],
  ['a value not in the list', { DOCTYPE: 'html6' }],
  ['a misspelt key', { AWS_BUKET: 'b' }],
  ['a wrong type', { MINIFY: 'yes' }],
  ['a bad JOINED part', { JOINED: { 'a.css': ['../x.css'] } }],
  ['a credential in a URL', { REMOTE_MEDIA_URL: 'https://user:pw@cdn.test' }],
  ['several at once', { AWS_ENDPOINT: 'http://h:99999', CONCURRENCY: 0, SRI: 1 }]
])('%s is refused by a module with the message mediasync.json gives', async (_, values) => {
  const settings = { ...base, ...values };
  const fromJson = await problemsOf('mediasync.json', JSON.stringify(settings));
  expect(fromJson.length).toBeGreaterThan(0);
  expect(await problemsOf('mediasync.config.mjs', `export default ${JSON.stringify(settings)};\n`)).toEqual(fromJson);
});

test('the endpoint of a module is refused before anything runs, with the check that JSON gets', async () => {
  expect(await problemsOf('mediasync.config.mjs', `export default { MEDIA_ROOT: 'media', BACKEND: 'dummy', AWS_ENDPOINT: 'http://127.0.0.1:99999' };\n`)).toEqual([
    `AWS_ENDPOINT is not a URL that parses (check the host and port); allowed: ${SETTINGS.AWS_ENDPOINT.allowed}`
  ]);
});

const allowed = (key: SettingKey) => `; allowed: ${SETTINGS[key].allowed}`;

test.each<[string, string, string]>([
  ['EXPIRATION_DAYS', '10n', 'is a BigInt (10n)'],
  ['MEDIA_ROOT', "new URL('file:///srv/media')", 'is a URL object, not plain data'],
  ['MEDIA_ROOT', 'new Number(5)', 'is a Number object, not plain data'],
  ['MEDIA_ROOT', "new String('media')", 'is a String object, not plain data'],
  ['SRI', 'new Boolean(true)', 'is a Boolean object, not plain data'],
  ['EXPIRATION_DAYS', 'new Date(0)', 'is a Date object, not plain data'],
  ['JOINED', "new Map([['a.css', ['b.css']]])", 'is a Map object, not plain data'],
  ['JOINED', "{ 'a.css': ['b.css', 2n] }", 'holds a BigInt (2n)'],
  ['JOINED', "(() => { const joined = { 'a.css': [] }; joined['a.css'].push(joined); return joined; })()", 'holds a circular reference'],
  ['EXCLUDE', '(() => { const list = []; list.push(list); return list; })()', 'holds a circular reference'],
  ['MEDIA_ROOT', '() => "media"', 'is a function'],
  ['AWS_PREFIX', "Symbol('p')", 'is a symbol']
])('%s set to %s is refused naming the setting', async (key, source, reason) => {
  const problems = await problemsOf('mediasync.config.mjs', `export default { MEDIA_ROOT: 'media', BACKEND: 'dummy', ${key}: ${source} };\n`);
  expect(problems).toEqual([`${key} ${reason}${allowed(key as SettingKey)}`]);
});

test('a module may still give plain values, a function CACHE_BUSTER, and undefined for unset', async () => {
  writeFileSync(
    path.join(scratch.dir, 'mediasync.config.mjs'),
    `export default { MEDIA_ROOT: 'media', BACKEND: 'dummy', AWS_ENDPOINT: 'http://127.0.0.1:9000', AWS_REGION: undefined, JOINED: Object.assign(Object.create(null), { 'a.css': ['b.css'] }), CACHE_BUSTER: (url) => url.length };\n`
  );
  const settings = resolveSettings({ file: await readConfigFile(undefined, scratch.dir), cwd: scratch.dir });
  expect([settings.AWS_ENDPOINT, settings.AWS_REGION, settings.JOINED, typeof settings.CACHE_BUSTER]).toEqual(['http://127.0.0.1:9000', undefined, { 'a.css': ['b.css'] }, 'function']);
});
