import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyExampleMedia, tempDir } from './helpers/fixtures.js';
import { runActionAsync, runCli } from './helpers/run.js';
import { listKeys, S3_CREDENTIALS, startTestS3, type TestS3 } from './helpers/s3.js';

// Every bad input a user can give: the CLI and the action both refuse it with a message that
// names the setting or file and what is allowed, and the bucket stays exactly as it was.

const BUCKET = 'guarded';
let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3([BUCKET]);
});
afterAll(() => s3.stop());

interface Case {
  name: string;
  /** Settings beyond a working baseline (the example media synced to the guarded bucket). */
  settings?: Record<string, unknown>;
  /** mediasync.json as raw text, instead of the settings. */
  raw?: string;
  /** Changes to the media folder. */
  arrange?: (media: string, dir: string) => void;
  message: RegExp;
}

const CASES: Case[] = [
  { name: 'malformed JSON', raw: '{\n  "MEDIA_ROOT": "media",\n  "AWS_BUCKET": \n}', message: /^ {2}- mediasync\.json:4:1: is not valid JSON: expected a value \(found `\}`\)$/m },
  { name: 'unknown key', settings: { MEDIA_RUT: 'media' }, message: /^ {2}- mediasync\.json:\d+:\d+: MEDIA_RUT is not a mediasync setting; did you mean MEDIA_ROOT\?$/m },
  { name: 'wrong type', settings: { EXPIRATION_DAYS: '30' }, message: /EXPIRATION_DAYS is "30"; allowed: a whole number of days from 0 to 36500/ },
  { name: 'impossible value', settings: { CONCURRENCY: 0 }, message: /CONCURRENCY is 0; allowed: a whole number from 1 to 256/ },
  { name: 'MEDIA_ROOT missing', settings: { MEDIA_ROOT: 'nowhere' }, message: /MEDIA_ROOT .*nowhere does not exist; allowed: a path to an existing folder/ },
  { name: 'MEDIA_ROOT a file', settings: { MEDIA_ROOT: 'media/images/logo.png' }, message: /MEDIA_ROOT .*logo\.png is a file; allowed: a path to an existing folder/ },
  {
    name: 'MEDIA_ROOT empty',
    settings: { MEDIA_ROOT: 'blank' },
    arrange: (_media, dir) => mkdirSync(path.join(dir, 'blank', '_only_drafts'), { recursive: true }),
    message: /MEDIA_ROOT .*blank holds no files to sync/
  },
  { name: 'JOINED alias not .css/.js', settings: { JOINED: { 'all.txt': ['styles/text.css'] } }, message: /JOINED is .*; allowed: an object mapping an alias ending in \.css or \.js/ },
  { name: 'missing JOINED part', settings: { JOINED: { 'all.css': ['text.css', 'gone.css'] } }, message: /JOINED all\.css: part styles\/gone\.css is not a file in MEDIA_ROOT/ },
  { name: '.. in a JOINED part', settings: { JOINED: { 'all.css': ['../secret.css'] } }, message: /JOINED is .*; allowed: .*relative paths/ },
  { name: 'absolute JOINED part', settings: { JOINED: { 'all.css': ['/etc/passwd.css'] } }, message: /JOINED is .*; allowed: .*relative paths/ },
  { name: 'backslash in AWS_PREFIX', settings: { AWS_PREFIX: 'site\\media' }, message: /AWS_PREFIX is "site\\\\media"; allowed: a relative key path without a leading slash, backslashes/ },
  { name: 'absolute AWS_PREFIX', settings: { AWS_PREFIX: '/site' }, message: /AWS_PREFIX is "\/site"; allowed: a relative key path without a leading slash/ },
  {
    name: 'backslash in a file name',
    arrange: (media) => writeFileSync(path.join(media, 'images', 'a\\b.png'), 'x'),
    message: /"images\/a\\\\b\.png" in MEDIA_ROOT has a backslash or control character in its name/
  },
  {
    name: 'symlink out of MEDIA_ROOT',
    arrange: (media, dir) => {
      writeFileSync(path.join(dir, 'secret.txt'), 'secret');
      symlinkSync(path.join(dir, 'secret.txt'), path.join(media, 'images', 'leak.txt'));
    },
    message: /images\/leak\.txt in MEDIA_ROOT is a symlink to .*secret\.txt, outside MEDIA_ROOT; allowed: symlinks that stay inside MEDIA_ROOT/
  },
  { name: 'unknown BACKEND', settings: { BACKEND: 'ftp' }, message: /BACKEND is "ftp"; allowed: s3, filesystem, dummy/ },
  { name: 'bucket that does not exist', settings: { AWS_BUCKET: 'no-such-bucket' }, message: /AWS_BUCKET no-such-bucket does not exist at AWS_ENDPOINT http:\/\/127\.0\.0\.1:\d+; create it or correct AWS_BUCKET/ },
  { name: 'wrong credentials', settings: { AWS_KEY: 'AKIAWRONG', AWS_SECRET: 'wrong' }, message: /the store refused the credentials \(InvalidAccessKeyId\) at AWS_ENDPOINT/ },
  { name: 'unreachable endpoint', settings: { AWS_ENDPOINT: 'http://127.0.0.1:1' }, message: /AWS_ENDPOINT http:\/\/127\.0\.0\.1:1 cannot be reached \(ECONNREFUSED/ },
  {
    name: 'two symlinks forming a cycle',
    arrange: (media) => {
      symlinkSync('../styles', path.join(media, 'images', 'to-styles'));
      symlinkSync('../images', path.join(media, 'styles', 'to-images'));
    },
    message: /images\/to-styles\/to-images in MEDIA_ROOT is a symlink to .*\/images, a folder that contains it: the links form a cycle; allowed: symlinks that do not lead back to their own folders$/m
  },
  {
    name: 'a tree nested 65 folders deep',
    arrange: (media) => {
      const deep = path.join(media, ...Array.from({ length: 65 }, (_, index) => `d${index}`));
      mkdirSync(deep, { recursive: true });
      writeFileSync(path.join(deep, 'x.png'), 'x');
    },
    message: /d0\/d1\/.*\/d64 in MEDIA_ROOT is nested more than 64 folders deep; allowed: at most 64$/m
  },
  {
    name: 'a broken symlink',
    arrange: (media) => symlinkSync('gone.png', path.join(media, 'images', 'dangling.png')),
    message: /images\/dangling\.png in MEDIA_ROOT is a broken symlink; allowed: symlinks to files or folders inside MEDIA_ROOT/
  },
  {
    name: 'a newline in a file name',
    arrange: (media) => writeFileSync(path.join(media, 'images', 'two\nlines.png'), 'x'),
    message: /"images\/two\\nlines\.png" in MEDIA_ROOT has a backslash or control character in its name/
  },
  {
    name: 'CSS with an unclosed rule (clean-css would drop it)',
    arrange: (media) => writeFileSync(path.join(media, 'styles', 'broken.css'), 'a { color: red;\n'),
    message: /media\/styles\/broken\.css:1:1: cannot minify: Unclosed block$/m
  },
  {
    name: 'CSS with a stray character',
    arrange: (media) => writeFileSync(path.join(media, 'styles', 'broken.css'), 'a{color:red}\n}\n'),
    message: /media\/styles\/broken\.css:2:1: cannot minify: Unexpected }$/m
  },
  {
    name: 'MANIFEST_PATH a folder',
    settings: { MANIFEST_PATH: 'build' },
    arrange: (_media, dir) => mkdirSync(path.join(dir, 'build')),
    message: /MANIFEST_PATH .*\/build is a folder, so nothing was synced; allowed: a file path /
  },
  {
    name: 'MANIFEST_PATH below a file',
    settings: { MANIFEST_PATH: 'notes.txt/manifest.json' },
    arrange: (_media, dir) => writeFileSync(path.join(dir, 'notes.txt'), 'notes'),
    message: /MANIFEST_PATH .*notes\.txt\/manifest\.json is below a file, not a folder, so nothing was synced/
  },
  { name: 'EXCLUDE not a list', settings: { EXCLUDE: '*.psd' }, message: /EXCLUDE is "\*\.psd"; allowed: a list of globs relative to MEDIA_ROOT/ },
  { name: 'EXCLUDE with an absolute glob', settings: { EXCLUDE: ['/etc/**'] }, message: /EXCLUDE is \["\/etc\/\*\*"\]; allowed: a list of globs relative to MEDIA_ROOT/ },
  {
    name: 'JS the minifier cannot parse',
    arrange: (media) => writeFileSync(path.join(media, 'scripts', 'broken.js'), 'var ok = 1;\nvar broken = ;\n'),
    message: /media\/scripts\/broken\.js:2:14: cannot minify: Unexpected token: punc \(;\)/
  }
];

/** The text of the runner's `::error …::` command, decoded. */
function actionError(stdout: string): string {
  const line = stdout.split('\n').find((candidate) => candidate.startsWith('::error'));
  return (line ?? '').replace(/^::error[^:]*::/, '').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

describe.each(CASES)('$name', (testCase) => {
  let scratch: ReturnType<typeof tempDir>;
  beforeEach(() => {
    scratch = tempDir();
    const media = copyExampleMedia(scratch.dir);
    testCase.arrange?.(media, scratch.dir);
    const config = {
      MEDIA_ROOT: 'media',
      AWS_BUCKET: BUCKET,
      AWS_ENDPOINT: s3.endpoint,
      AWS_KEY: S3_CREDENTIALS.accessKeyId,
      AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
      CSS_PATH: 'styles',
      ...testCase.settings
    };
    writeFileSync(path.join(scratch.dir, 'mediasync.json'), testCase.raw ?? JSON.stringify(config, null, 2));
  });
  afterEach(() => rmSync(scratch.dir, { recursive: true, force: true }));

  test('the CLI refuses it, names it, and the bucket is unchanged', async () => {
    const run = runCli(['sync'], { cwd: scratch.dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(testCase.message);
    expect(await listKeys(s3.client, BUCKET)).toEqual([]);
  }, 60_000);

  test('the action refuses it, names it, writes no outputs, and the bucket is unchanged', async () => {
    const run = await runActionAsync({}, { cwd: scratch.dir });
    expect(run.status).toBe(1);
    expect(actionError(run.stdout)).toMatch(testCase.message);
    expect(run.outputs).toEqual({});
    expect(await listKeys(s3.client, BUCKET)).toEqual([]);
  }, 60_000);
});
