import path from 'node:path';
import { SettingsError } from '../src/settings/errors.js';
import { resolveSettings, type SettingsSources } from '../src/settings/load.js';
import { secretValues } from '../src/settings/secrets.js';

const cwd = '/work/site';
const file = (value: unknown, filePath = 'mediasync.json') => ({ path: filePath, text: JSON.stringify(value, null, 2) });
const minimal = { MEDIA_ROOT: 'media', AWS_BUCKET: 'my-bucket' };

function problemsOf(sources: SettingsSources): string[] {
  try {
    resolveSettings(sources);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as SettingsError).message.split('\n').slice(1).map((line) => line.replace(/^ {2}- /, ''));
  }
  throw new Error('expected a SettingsError');
}

describe('defaults and precedence', () => {
  test('the seed defaults apply when nothing sets a key', () => {
    const settings = resolveSettings({ file: file(minimal), cwd });
    expect(settings).toEqual({
      MEDIA_ROOT: path.join(cwd, 'media'),
      MEDIA_URL: '/devmedia/',
      BACKEND: 's3',
      EXPIRATION_DAYS: 365,
      SERVE_REMOTE: false,
      DOCTYPE: 'xhtml',
      FILESYSTEM_ROOT: path.join(cwd, 'mediasync-out'),
      AWS_BUCKET: 'my-bucket',
      AWS_PREFIX: '',
      AWS_BUCKET_CNAME: false,
      AWS_GZIP: true,
      JOINED: {},
      CSS_PATH: '',
      JS_PATH: '',
      MINIFY: true,
      SOURCE_MAPS: false,
      CONCURRENCY: 16,
      PRUNE: false,
      MAX_DELETE: 100,
      MANIFEST_PATH: path.join(cwd, 'mediasync-manifest.json'),
      EMULATE_COMBO: false
    });
  });

  test('an input beats the file, the file beats the default', () => {
    const settings = resolveSettings({
      file: file({ ...minimal, EXPIRATION_DAYS: 30, DOCTYPE: 'html5', AWS_PREFIX: 'from-file' }),
      inputs: { EXPIRATION_DAYS: '7', AWS_GZIP: 'false', JOINED: '{"all.js":["a.js","b.js"]}', AWS_PREFIX: '' },
      cwd
    });
    expect(settings.EXPIRATION_DAYS).toBe(7);
    expect(settings.DOCTYPE).toBe('html5');
    expect(settings.AWS_GZIP).toBe(false);
    expect(settings.AWS_PREFIX).toBe('from-file');
    expect(settings.JOINED).toEqual({ 'all.js': ['a.js', 'b.js'] });
  });

  test('paths in the file are relative to the file; paths in inputs to the working directory', () => {
    const fromFile = resolveSettings({ file: file(minimal, 'config/mediasync.json'), cwd });
    expect(fromFile.MEDIA_ROOT).toBe(path.join(cwd, 'config', 'media'));
    expect(fromFile.MANIFEST_PATH).toBe(path.join(cwd, 'config', 'mediasync-manifest.json'));
    const fromInput = resolveSettings({ file: file(minimal, 'config/mediasync.json'), inputs: { MEDIA_ROOT: 'static' }, cwd });
    expect(fromInput.MEDIA_ROOT).toBe(path.join(cwd, 'static'));
  });

  test('inputs alone are enough, and booleans and numbers are read from strings', () => {
    const settings = resolveSettings({
      inputs: { MEDIA_ROOT: 'media', BACKEND: 'dummy', USE_SSL: 'FALSE', CACHE_BUSTER: '1234567890', SERVE_REMOTE: 'true' },
      cwd
    });
    expect(settings.USE_SSL).toBe(false);
    expect(settings.SERVE_REMOTE).toBe(true);
    expect(settings.CACHE_BUSTER).toBe('1234567890');
  });

  test('an integer CACHE_BUSTER in the file, as the seed writes it, becomes its string', () => {
    expect(resolveSettings({ file: file({ ...minimal, CACHE_BUSTER: 1234567890 }), cwd }).CACHE_BUSTER).toBe('1234567890');
  });
});

describe('every problem named, with its key and source', () => {
  test('malformed JSON gives line and column', () => {
    expect(problemsOf({ file: { path: 'mediasync.json', text: '{\n  "MEDIA_ROOT": "media",\n  "AWS_BUCKET" "x"\n}' }, cwd })).toEqual([
      'mediasync.json:3:16: is not valid JSON: ColonExpected'
    ]);
  });

  test('a file that is not an object is refused', () => {
    expect(problemsOf({ file: { path: 'm.json', text: '["MEDIA_ROOT"]' }, cwd })).toEqual([
      'm.json: must hold a JSON object of settings, such as {"MEDIA_ROOT": "media"}'
    ]);
  });

  test('an unknown key gets a suggestion and its position', () => {
    expect(problemsOf({ file: file({ ...minimal, AWS_BUKET: 'x', COLOUR: 'red' }), cwd })).toEqual([
      'mediasync.json:4:3: AWS_BUKET is not a mediasync setting; did you mean AWS_BUCKET?',
      'mediasync.json:5:3: COLOUR is not a mediasync setting'
    ]);
  });

  test.each([
    ['EXPIRATION_DAYS', -1, 'is -1; allowed: a whole number of days from 0 to 36500'],
    ['EXPIRATION_DAYS', '365', 'is "365"; allowed: a whole number of days from 0 to 36500'],
    ['EXPIRATION_DAYS', 1.5, 'is 1.5; allowed: a whole number of days from 0 to 36500'],
    ['DOCTYPE', 'html6', 'is "html6"; allowed: html4, html5, xhtml'],
    ['AWS_BUCKET', 'My_Bucket', 'is "My_Bucket"; allowed: a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens'],
    ['AWS_GZIP', 'yes', 'is "yes"; allowed: true or false'],
    ['AWS_PREFIX', '/abs', 'is "/abs"; allowed: a relative key path without a leading slash, backslashes, control characters, or . and .. segments'],
    ['AWS_PREFIX', 'a/../b', 'is "a/../b"; allowed: a relative key path without a leading slash, backslashes, control characters, or . and .. segments'],
    ['AWS_PREFIX', 'a\\b', 'is "a\\\\b"; allowed: a relative key path without a leading slash, backslashes, control characters, or . and .. segments'],
    ['AWS_ENDPOINT', 'localhost:9000', 'is "localhost:9000"; allowed: an http:// or https:// URL'],
    ['AWS_ACL', 'everyone', expect.stringMatching(/^is "everyone"; allowed: private, public-read, /)],
    ['CONCURRENCY', 0, 'is 0; allowed: a whole number from 1 to 256'],
    ['JOINED', { 'all.txt': ['a.txt'] }, expect.stringMatching(/^is \{"all.txt":\["a.txt"\]\}; allowed: an object mapping an alias ending in .css or .js/)],
    ['JOINED', { 'all.js': [] }, expect.stringMatching(/^is \{"all.js":\[\]\}; allowed: /)],
    ['JOINED', { 'all.js': ['../secret.js'] }, expect.stringMatching(/^is \{"all.js":\["..\/secret.js"\]\}; allowed: /)],
    ['JOINED', { '/all.js': ['a.js'] }, expect.stringMatching(/^is \{"\/all.js":\["a.js"\]\}; allowed: /)],
    ['CACHE_BUSTER', '', 'is ""; allowed: a non-empty string or an integer']
  ])('%s = %j in the file', (key, value, message) => {
    const problems = problemsOf({ file: file({ ...minimal, [key]: value }), cwd });
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^mediasync\\.json:[34]:3: ${key} `))]);
    expect(problems[0].replace(/^mediasync\.json:\d+:3: \S+ /, '')).toEqual(message);
  });

  test.each([
    ['EXPIRATION_DAYS', 'soon', 'input expiration-days: EXPIRATION_DAYS got "soon"; allowed: a whole number of days from 0 to 36500'],
    ['EXPIRATION_DAYS', '-3', 'input expiration-days: EXPIRATION_DAYS is -3; allowed: a whole number of days from 0 to 36500'],
    ['AWS_GZIP', 'maybe', 'input aws-gzip: AWS_GZIP got "maybe"; allowed: true or false'],
    ['JOINED', '{"a.js": [', expect.stringMatching(/^input joined: JOINED is not valid JSON \(.+\); allowed: an object mapping/)],
    ['DOCTYPE', 'html', 'input doctype: DOCTYPE is "html"; allowed: html4, html5, xhtml']
  ] as const)('%s = %j as an input', (key, value, message) => {
    expect(problemsOf({ file: file(minimal), inputs: { [key]: value }, cwd })).toEqual([message]);
  });

  test('required settings and pairs are checked on the merged result', () => {
    expect(problemsOf({ file: file({ AWS_KEY: 'AKIAEXAMPLE' }), cwd })).toEqual([
      'settings: MEDIA_ROOT is required; allowed: a path to an existing folder',
      'settings: AWS_BUCKET is required by the s3 backend; allowed: a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
      'settings: AWS_SECRET is missing: AWS_KEY and AWS_SECRET go together (leave both unset to use the default credential chain)'
    ]);
    expect(resolveSettings({ file: file({ MEDIA_ROOT: 'm', BACKEND: 'dummy' }), cwd }).AWS_BUCKET).toBeUndefined();
  });

  test('problems from the file and the inputs come in one error', () => {
    let error: unknown;
    try {
      resolveSettings({ file: file({ ...minimal, EXPIRATION_DAYS: -1, DOCTYPE: 'x' }), inputs: { AWS_GZIP: 'nah' }, cwd });
    } catch (caught) {
      error = caught;
    }
    expect((error as SettingsError).message).toBe(
      [
        'Invalid settings (3 problems):',
        '  - mediasync.json:4:3: EXPIRATION_DAYS is -1; allowed: a whole number of days from 0 to 36500',
        '  - mediasync.json:5:3: DOCTYPE is "x"; allowed: html4, html5, xhtml',
        '  - input aws-gzip: AWS_GZIP got "nah"; allowed: true or false'
      ].join('\n')
    );
  });

  test('a secret with a wrong type is named but its value is never shown', () => {
    const problems = problemsOf({ file: file({ ...minimal, AWS_KEY: 12345678, AWS_SECRET: ['hunter2-secret'] }), cwd });
    expect(problems).toEqual([
      'mediasync.json:4:3: AWS_KEY is not valid (value hidden); allowed: an access key id',
      'mediasync.json:5:3: AWS_SECRET is not valid (value hidden); allowed: a secret access key'
    ]);
  });
});

test('secretValues lists the keys from settings and the credentials in the environment', () => {
  expect(
    secretValues({ AWS_KEY: 'AKIA1', AWS_SECRET: 's3cr3t' }, { AWS_SECRET_ACCESS_KEY: 'envsecret', AWS_SESSION_TOKEN: 'tok', HOME: '/root' })
  ).toEqual(['AKIA1', 's3cr3t', 'envsecret', 'tok']);
});
