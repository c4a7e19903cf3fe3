import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { s3MediaUrl } from '../src/backends/s3-url.js';
import { remoteMediaUrl } from '../src/render/urls.js';
import { mountPathOf } from '../src/serve/request-path.js';
import { readConfigFile } from '../src/settings/config-file.js';
import { SettingsError } from '../src/settings/errors.js';
import { resolveSettings, type SettingsSources } from '../src/settings/load.js';
import { SETTING_KEYS, type Settings } from '../src/settings/schema.js';
import { secretValues } from '../src/settings/secrets.js';
import { tempDir } from './helpers/fixtures.js';

const cwd = '/work/site';
const file = (value: unknown, filePath = 'mediasync.json') => ({ path: filePath, text: JSON.stringify(value, null, 2) });
const minimal = { MEDIA_ROOT: 'media', AWS_BUCKET: 'my-bucket' };
const URL_ALLOWED = 'an http:// or https:// URL of ASCII letters, digits and - . _ ~ : / (no user:pass@, query, fragment or IPv6 literal)';
const BUSTER_ALLOWED = '1 to 64 ASCII letters, digits and . _ -, starting with a letter or digit, or a whole number from 0';

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
      EXCLUDE: [],
      EMULATE_COMBO: false,
      AWS_TIMEOUT: 60,
      AWS_MAX_ATTEMPTS: 8,
      FINGERPRINT: false,
      FINGERPRINT_EXCLUDE: [],
      SRI: false,
      KEEP_RELEASES: 3,
      PRUNE_GRACE_HOURS: 24
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
      'mediasync.json:3:16: is not valid JSON: expected a colon after the name (found a string)'
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
    ['AWS_PREFIX', '/abs', 'is "/abs"; allowed: a relative key path without a leading slash, backslashes, or . and .. segments, of ASCII letters, digits, spaces and - . _ ~ / # +'],
    ['AWS_PREFIX', 'a/../b', 'is "a/../b"; allowed: a relative key path without a leading slash, backslashes, or . and .. segments, of ASCII letters, digits, spaces and - . _ ~ / # +'],
    ['AWS_PREFIX', 'a\\b', 'is "a\\\\b"; allowed: a relative key path without a leading slash, backslashes, or . and .. segments, of ASCII letters, digits, spaces and - . _ ~ / # +'],
    ['AWS_PREFIX', "v1/it's", `is "v1/it's"; allowed: a relative key path without a leading slash, backslashes, or . and .. segments, of ASCII letters, digits, spaces and - . _ ~ / # +`],
    ['AWS_ENDPOINT', 'localhost:9000', `is "localhost:9000"; allowed: ${URL_ALLOWED}`],
    ['AWS_ENDPOINT', 'http://127.0.0.1:99999', `is not a URL that parses (check the host and port); allowed: ${URL_ALLOWED}`],
    ['AWS_ENDPOINT', 'http://[::1]:9000', `is "http://[::1]:9000"; allowed: ${URL_ALLOWED}`],
    ['REMOTE_MEDIA_URL', 'https://cdn.example.com/m?v=1', `is "https://cdn.example.com/m?…"; allowed: ${URL_ALLOWED}`],
    ['REMOTE_MEDIA_URL', 'https://cdn.example.com/$(id)', `is "https://cdn.example.com/$(id)"; allowed: ${URL_ALLOWED}`],
    ['MEDIA_URL', '/dev media/', 'is "/dev media/"; allowed: a URL path such as /devmedia/ (one leading slash: //host/ is another site) or an http(s):// URL, of ASCII letters, digits and - . _ ~ : /'],
    ['MEDIA_URL', '//evil.example/', 'is "//evil.example/"; allowed: a URL path such as /devmedia/ (one leading slash: //host/ is another site) or an http(s):// URL, of ASCII letters, digits and - . _ ~ : /'],
    ['MEDIA_URL', '//evil.example', 'is "//evil.example"; allowed: a URL path such as /devmedia/ (one leading slash: //host/ is another site) or an http(s):// URL, of ASCII letters, digits and - . _ ~ : /'],
    ['MEDIA_URL', '///evil.example/m/', 'is "///evil.example/m/"; allowed: a URL path such as /devmedia/ (one leading slash: //host/ is another site) or an http(s):// URL, of ASCII letters, digits and - . _ ~ : /'],
    ['MEDIA_URL', '//', 'is "//"; allowed: a URL path such as /devmedia/ (one leading slash: //host/ is another site) or an http(s):// URL, of ASCII letters, digits and - . _ ~ : /'],
    ['MANIFEST_PATH', 'out/$(id).json', 'is "out/$(id).json"; allowed: a file path of ASCII letters, digits and - . _ ~ / +'],
    ['FILESYSTEM_ROOT', 'out dir', 'is "out dir"; allowed: a folder path outside MEDIA_ROOT, of ASCII letters, digits and - . _ ~ / +'],
    ['MEDIA_ROOT', 'media\u0000', 'is "media\\u0000"; allowed: a path to an existing folder'],
    ['AWS_ACL', 'everyone', expect.stringMatching(/^is "everyone"; allowed: private, public-read, /)],
    ['CONCURRENCY', 0, 'is 0; allowed: a whole number from 1 to 256'],
    ['JOINED', { 'all.txt': ['a.txt'] }, expect.stringMatching(/^is \{"all.txt":\["a.txt"\]\}; allowed: an object mapping an alias ending in .css or .js/)],
    ['JOINED', { 'all.js': [] }, expect.stringMatching(/^is \{"all.js":\[\]\}; allowed: /)],
    ['JOINED', { 'all.js': ['../secret.js'] }, expect.stringMatching(/^is \{"all.js":\["..\/secret.js"\]\}; allowed: /)],
    ['JOINED', { '/all.js': ['a.js'] }, expect.stringMatching(/^is \{"\/all.js":\["a.js"\]\}; allowed: /)],
    ['CACHE_BUSTER', '', `is ""; allowed: ${BUSTER_ALLOWED}`],
    ['CACHE_BUSTER', '$(touch pwned)', `is "$(touch pwned)"; allowed: ${BUSTER_ALLOWED}`],
    ['CACHE_BUSTER', 'v1 2', `is "v1 2"; allowed: ${BUSTER_ALLOWED}`],
    ['CACHE_BUSTER', '-n', `is "-n"; allowed: ${BUSTER_ALLOWED}`],
    ['CACHE_BUSTER', 'x'.repeat(65), `is "${'x'.repeat(65)}"; allowed: ${BUSTER_ALLOWED}`],
    ['CACHE_BUSTER', -1, `is -1; allowed: ${BUSTER_ALLOWED}`],
    ['CACHE_BUSTER', 1e21, `is 1e+21; allowed: ${BUSTER_ALLOWED}`]
  ])('%s = %j in the file', (key, value, message) => {
    const problems = problemsOf({ file: file({ ...minimal, [key]: value }), cwd });
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^mediasync\\.json:[2-4]:3: ${key} `))]);
    expect(problems[0].replace(/^mediasync\.json:\d+:3: \S+ /, '')).toEqual(message);
  });

  test.each([
    ['EXPIRATION_DAYS', 'soon', 'input expiration-days: EXPIRATION_DAYS got "soon"; allowed: a whole number of days from 0 to 36500'],
    ['EXPIRATION_DAYS', '-3', 'input expiration-days: EXPIRATION_DAYS is -3; allowed: a whole number of days from 0 to 36500'],
    ['AWS_GZIP', 'maybe', 'input aws-gzip: AWS_GZIP got "maybe"; allowed: true or false'],
    ['JOINED', '{"a.js": [', expect.stringMatching(/^input joined:1:11: JOINED is not valid JSON: expected \] to close the list \(found the end of the text\); allowed: an object mapping/)],
    ['CACHE_BUSTER', '`id`', 'input cache-buster: CACHE_BUSTER is "`id`"; allowed: 1 to 64 ASCII letters, digits and . _ -, starting with a letter or digit, or a whole number from 0'],
    ['AWS_REGION', 'eu-west-1;id', 'input aws-region: AWS_REGION is "eu-west-1;id"; allowed: a region name such as eu-west-1 or auto'],
    ['DOCTYPE', 'html', 'input doctype: DOCTYPE is "html"; allowed: html4, html5, xhtml'],
    ['MEDIA_URL', '//evil.example/', 'input media-url: MEDIA_URL is "//evil.example/"; allowed: a URL path such as /devmedia/ (one leading slash: //host/ is another site) or an http(s):// URL, of ASCII letters, digits and - . _ ~ : /']
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
      'mediasync.json:4:3: AWS_KEY is not valid (value hidden); allowed: an access key id: printable ASCII without spaces',
      'mediasync.json:5:3: AWS_SECRET is not valid (value hidden); allowed: a secret access key: printable ASCII without spaces'
    ]);
  });
});

test('secretValues lists the keys from settings and the credentials in the environment', () => {
  expect(
    secretValues({ AWS_KEY: 'AKIA1', AWS_SECRET: 's3cr3t' }, { AWS_SECRET_ACCESS_KEY: 'envsecret', AWS_SESSION_TOKEN: 'tok', HOME: '/root' })
  ).toEqual(['AKIA1', 's3cr3t', 'envsecret', 'tok']);
});

describe('the file as editors and attackers write it', () => {
  test('a UTF-8 byte order mark is accepted, and positions on line 1 do not count it', () => {
    const text = `\uFEFF${JSON.stringify(minimal)}`;
    expect(resolveSettings({ file: { path: 'mediasync.json', text }, cwd }).AWS_BUCKET).toBe('my-bucket');
    expect(problemsOf({ file: { path: 'mediasync.json', text: '\uFEFF{"MEDIA_ROOT": "media", "COLOUR": 1}' }, cwd })).toEqual([
      'mediasync.json:1:25: COLOUR is not a mediasync setting',
      'settings: AWS_BUCKET is required by the s3 backend; allowed: a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens'
    ]);
  });

  test('a key given twice is refused with both positions, not silently the last', () => {
    const text = '{\n  "MEDIA_ROOT": "media",\n  "AWS_BUCKET": "first",\n  "AWS_BUCKET": "second-bucket"\n}';
    expect(problemsOf({ file: { path: 'conf/m.json', text }, cwd })).toEqual([
      'conf/m.json:4:3: AWS_BUCKET is set twice, at conf/m.json:3:3 and at conf/m.json:4:3; allowed: each setting once'
    ]);
  });

  test('an alias given twice inside JOINED is refused, in the file and in the input', () => {
    const text = '{\n  "MEDIA_ROOT": "media",\n  "BACKEND": "dummy",\n  "JOINED": {\n    "all.js": ["a.js"],\n    "all.js": ["b.js"]\n  }\n}';
    expect(problemsOf({ file: { path: 'mediasync.json', text }, cwd })).toEqual([
      'mediasync.json:6:5: JOINED has "all.js" twice, at mediasync.json:5:5 and at mediasync.json:6:5; allowed: each key once'
    ]);
    expect(problemsOf({ inputs: { MEDIA_ROOT: 'm', BACKEND: 'dummy', JOINED: '{"a.css": ["x.css"], "a.css": ["y.css"]}' }, cwd })).toEqual([
      'input joined:1:22: JOINED has "a.css" twice, at input joined:1:2 and at input joined:1:22; allowed: each key once'
    ]);
  });

  test('"__proto__" and "constructor" are unknown keys, and reach nothing', () => {
    const text = '{"MEDIA_ROOT": "media", "BACKEND": "dummy", "__proto__": {"CACHE_BUSTER": "$(id)"}, "constructor": 1}';
    expect(problemsOf({ file: { path: 'mediasync.json', text }, cwd })).toEqual([
      'mediasync.json:1:45: __proto__ is not a mediasync setting',
      'mediasync.json:1:85: constructor is not a mediasync setting'
    ]);
    expect(problemsOf({ file: { path: 'mediasync.json', text: '{"MEDIA_ROOT": "m", "BACKEND": "dummy", "JOINED": {"__proto__": ["a.js"]}}' }, cwd })).toEqual([
      expect.stringMatching(/^mediasync\.json:1:41: JOINED is \{"__proto__":\["a\.js"\]\}; allowed: /)
    ]);
  });

  test('a password in a URL setting is refused and never shown, whatever else is wrong with the URL', () => {
    for (const value of ['http://AKIAKEY:hunter2pass@127.0.0.1:9000', 'https://user:hunter2pass@cdn.example.com/m', 'http://us er:hunter2pass@host', 'http://:hunter2pass@h']) {
      for (const key of ['AWS_ENDPOINT', 'REMOTE_MEDIA_URL'] as const) {
        const fromFile = problemsOf({ file: file({ ...minimal, [key]: value }), cwd });
        const fromInput = problemsOf({ file: file(minimal), inputs: { [key]: value }, cwd });
        for (const problem of [...fromFile, ...fromInput]) {
          expect(problem).toMatch(new RegExp(`: ${key} holds an @, as in user:pass@ \\(value not shown\\); allowed: `));
          expect(problem).not.toContain('hunter2');
        }
        expect([fromFile.length, fromInput.length]).toEqual([1, 1]);
      }
    }
  });

  test('a huge value is shown cut short, with its length', () => {
    const [problem] = problemsOf({ file: file({ ...minimal, DOCTYPE: 'x'.repeat(1_000_000) }), cwd });
    expect(problem).toBe(`mediasync.json:4:3: DOCTYPE is "${'x'.repeat(79)}… (1000002 characters of JSON); allowed: html4, html5, xhtml`);
  });

  test('an unknown key with control characters is printed escaped, never raw', () => {
    const [problem] = problemsOf({ file: { path: 'm.json', text: '{"MEDIA_ROOT": "m", "BACKEND": "dummy", "X\\u001b[31m\\nfake": 1}' }, cwd });
    expect(problem).toBe('m.json:1:41: "X\\u001b[31m\\nfake" is not a mediasync setting');
  });
});

test('a number too large for JSON is shown as Infinity, not null', () => {
  expect(problemsOf({ file: { path: 'm.json', text: '{"MEDIA_ROOT": "m", "BACKEND": "dummy", "CONCURRENCY": 1e400}' }, cwd })).toEqual([
    'm.json:1:41: CONCURRENCY is Infinity; allowed: a whole number from 1 to 256'
  ]);
});

describe('reading the config file', () => {
  let scratch: ReturnType<typeof tempDir>;
  beforeEach(() => {
    scratch = tempDir();
  });
  afterEach(() => scratch.remove());

  test('UTF-8 with a byte order mark is read without it', async () => {
    writeFileSync(path.join(scratch.dir, 'mediasync.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"MEDIA_ROOT": "m"}')]));
    expect(await readConfigFile(undefined, scratch.dir)).toEqual({ path: 'mediasync.json', text: '{"MEDIA_ROOT": "m"}' });
  });

  test('UTF-16 or Latin-1 is refused by name, not parsed into replacement characters', async () => {
    writeFileSync(path.join(scratch.dir, 'u16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"MEDIA_ROOT": "m"}', 'utf16le')]));
    writeFileSync(path.join(scratch.dir, 'latin1.json'), Buffer.from('{"MEDIA_ROOT": "m\u00e9dia"}', 'latin1'));
    for (const name of ['u16.json', 'latin1.json']) {
      await expect(readConfigFile(name, scratch.dir)).rejects.toThrow(`config ${name} is not UTF-8 text; allowed: a JSON file saved as UTF-8 (a byte order mark is fine)`);
    }
  });

  test('a folder is named as one', async () => {
    mkdirSync(path.join(scratch.dir, 'conf.json'));
    await expect(readConfigFile('conf.json', scratch.dir)).rejects.toThrow(
      'config conf.json is a folder; allowed: a path to a mediasync.json file (JSON with comments) or a mediasync.config.mjs / .js module'
    );
  });
});

describe('safe values pass', () => {
  test.each([
    ['CACHE_BUSTER', 'v1.2.3-rc_1'],
    ['CACHE_BUSTER', 'a'.repeat(64)],
    ['AWS_PREFIX', 'odd #1/v 2'],
    ['AWS_PREFIX', 'site/media/v20001201'],
    ['AWS_ENDPOINT', 'http://127.0.0.1:9000'],
    ['AWS_ENDPOINT', 'https://0123456789abcdef.r2.cloudflarestorage.com'],
    ['REMOTE_MEDIA_URL', 'https://d111111abcdef8.cloudfront.net/site/media/'],
    ['MEDIA_URL', 'http://localhost:8000/static/'],
    ['MANIFEST_PATH', '../app/mediasync-manifest.json'],
    ['FILESYSTEM_ROOT', '/tmp/out-1/site']
  ])('%s = %j', (key, value) => {
    expect(resolveSettings({ file: file({ ...minimal, [key]: value }), cwd })).toBeDefined();
    expect(resolveSettings({ file: file(minimal), inputs: { [key]: value }, cwd })).toBeDefined();
  });
});

describe('fuzzed: every key × hostile values, in the file and as inputs', () => {
  const PASSWORD = 'FuzzPass9';
  const hostileStrings = [
    '', ' ', '\t\n', '0', '1e3', '-1', '007', 'true', 'NaN', 'Infinity', 'null', 'undefined', '__proto__', 'constructor',
    'x'.repeat(100_000), '\u0000', 'a\u0000b', '\u001b[31m', '\u2028', '\u202e', '\ud800', 'é', 'ｈｔｔｐ://x', '$(id)', '`id`', "'; id; '",
    `http://u:${PASSWORD}@h`, `https://${PASSWORD}@cdn.example.com/`, `http://:${PASSWORD}@127.0.0.1:1`, 'http://[', 'http://a:99999', 'http://', 'https://-',
    'http://a b', 'file:///etc/passwd', '../..', '/', '.', '..', 'a\\b', '/etc', 'C:\\x', 'all.js', '{"all.js":["a.js"]}', '{"all.js":[{}]}', '[]', '{}',
    '{"a.js":["x.js"],"a.js":["y.js"]}', '{"__proto__":["a.js"]}'
  ];
  const hostileValue = fc.oneof(
    fc.constantFrom<unknown>(...hostileStrings, null, [], {}, [null], [[]], 0, -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER + 2, true, false),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.anything({ maxDepth: 3 }),
    fc.dictionary(fc.constantFrom('all.js', 'b.css', '__proto__', 'constructor', '../x.js', ''), fc.anything({ maxDepth: 2 }))
  );
  const hostileKey = fc.constantFrom(...SETTING_KEYS, '__proto__', 'constructor', 'toString', 'hasOwnProperty', '$schema', 'MEDIA-ROOT', '');
  const entries = fc.array(fc.tuple(hostileKey, hostileValue), { minLength: 1, maxLength: 4 });
  const base: [string, unknown][] = [['MEDIA_ROOT', 'media'], ['BACKEND', 'dummy']];

  /** The file as text: keys may repeat and may be __proto__, which an object literal cannot hold. */
  const fileText = (pairs: [string, unknown][]) =>
    `{${pairs.flatMap(([key, value]) => (JSON.stringify(value) === undefined ? [] : [`${JSON.stringify(key)}: ${JSON.stringify(value)}`])).join(',\n')}}`;

  const SAFE_URL = /^[A-Za-z0-9._~:/%+-]*$/;

  /** A refusal names a key or the file in every problem and never leaks a URL's password, whichever key holds it; an acceptance builds safe outputs. */
  function check(sources: SettingsSources, values: unknown[]): void {
    let settings: Settings;
    try {
      settings = resolveSettings(sources);
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsError);
      const { problems, message } = error as SettingsError;
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) {
        expect(problem.key !== undefined || problem.source.startsWith('mediasync.json:') || problem.source === 'mediasync.json').toBe(true);
        expect(problem.message).not.toMatch(/allowed: undefined|Cannot read|ERR_|TypeError/);
      }
      if (values.some((value) => JSON.stringify(value)?.includes(PASSWORD))) expect(message).not.toContain(PASSWORD);
      expect(message.length).toBeLessThan(4000);
      return;
    }
    const location = { bucket: settings.AWS_BUCKET ?? 'bucket', prefix: settings.AWS_PREFIX, region: settings.AWS_REGION ?? 'us-east-1', endpoint: settings.AWS_ENDPOINT, cname: settings.AWS_BUCKET_CNAME, useSsl: settings.USE_SSL };
    for (const withSsl of [true, false]) {
      expect(remoteMediaUrl(settings, (ssl) => s3MediaUrl(location, ssl), withSsl)).toMatch(SAFE_URL);
      expect(pathToFileURL(path.join(settings.FILESYSTEM_ROOT, settings.AWS_PREFIX)).href).toMatch(SAFE_URL);
    }
    expect(mountPathOf(settings.MEDIA_URL)).toMatch(SAFE_URL);
    expect(settings.CACHE_BUSTER ?? 'unset').toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    expect(settings.MANIFEST_PATH).toMatch(/^[A-Za-z0-9._~/+-]+$/);
  }

  test('in the file', () => {
    fc.assert(
      fc.property(entries, (pairs) => {
        check({ file: { path: 'mediasync.json', text: fileText([...base, ...pairs]) }, cwd }, pairs.map(([, value]) => value));
      }),
      { numRuns: 400 }
    );
  });

  test('as inputs', () => {
    const inputValue = fc.oneof(fc.constantFrom(...hostileStrings), fc.string({ unit: 'binary', maxLength: 40 }), fc.anything({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? ''));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...SETTING_KEYS), inputValue, { minKeys: 1, maxKeys: 4 }), (inputs) => {
        check({ inputs: { MEDIA_ROOT: 'media', BACKEND: 'dummy', ...inputs }, cwd }, Object.values(inputs));
      }),
      { numRuns: 400 }
    );
  });
});
