// Hostile inputs against FINGERPRINT: odd URLs and names, graphs, incremental runs, bad settings.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { runJob, type JobOptions } from '../src/job.js';
import type { Reporter } from '../src/reporter.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';
import { getObject, listKeys, S3_CREDENTIALS, startTestS3, type StoredObject, type TestS3 } from './helpers/s3.js';

const BUCKET = 'hostile';
let s3: TestS3;
let scratch: ReturnType<typeof tempDir>;
let media: string;
let prefix: string;
let runs = 0;
beforeAll(async () => {
  s3 = await startTestS3([BUCKET]);
});
afterAll(() => s3.stop());
beforeEach(() => {
  scratch = tempDir();
  media = path.join(scratch.dir, 'media');
  mkdirSync(media);
  prefix = `h-${++runs}`;
});
afterEach(() => scratch.remove());

const settings = (overrides: Record<string, unknown> = {}) =>
  resolveSettings({
    file: {
      path: path.join(scratch.dir, 'mediasync.json'),
      text: JSON.stringify({
        MEDIA_ROOT: 'media',
        BACKEND: 's3',
        AWS_BUCKET: BUCKET,
        AWS_PREFIX: prefix,
        AWS_ENDPOINT: s3.endpoint,
        AWS_KEY: S3_CREDENTIALS.accessKeyId,
        AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
        MANIFEST_PATH: path.join(scratch.dir, 'manifest.json'),
        FINGERPRINT: true,
        ...overrides
      })
    },
    cwd: scratch.dir
  });

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

async function storedKeys(): Promise<string[]> {
  return (await listKeys(s3.client, BUCKET)).filter((key) => key.startsWith(`${prefix}/`)).map((key) => key.slice(prefix.length + 1));
}
async function stored(key: string): Promise<StoredObject> {
  return getObject(s3.client, BUCKET, `${prefix}/${key}`);
}
function received(object: StoredObject): Buffer {
  return object.contentEncoding === 'gzip' ? gunzipSync(object.body) : object.body;
}
async function text(key: string): Promise<string> {
  return received(await stored(key)).toString('utf8');
}
function write(relPath: string, content: string | Buffer): void {
  mkdirSync(path.dirname(path.join(media, relPath)), { recursive: true });
  writeFileSync(path.join(media, relPath), content);
}
/** The key a logical path is stored at, by the sha of its stored bytes (checked). */
function keyFor(keys: readonly string[], logical: string): string {
  const slash = logical.lastIndexOf('/');
  const dot = logical.lastIndexOf('.');
  const [stem, ext] = dot > slash + 1 ? [logical.slice(0, dot), logical.slice(dot)] : [logical, ''];
  const found = keys.filter((key) => key.startsWith(`${stem}.`) && key.endsWith(ext) && /^[0-9a-f]{12}$/.test(key.slice(stem.length + 1, key.length - ext.length)));
  expect({ logical, found: found.length }).toEqual({ logical, found: 1 });
  return found[0];
}
const base = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/** A reporter that keeps the warnings. */
function recording(): Reporter & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => {}, debug: () => {}, warning: (line) => warnings.push(line), group: (_name, work) => work(), progress: () => {} };
}
/** runJob hands its options on to syncMedia, which takes the time of the run. */
const at = (time: Date): JobOptions => ({ now: time });
const pattern = (key: string) => key.replace(/\.[0-9a-f]{12}(\.|$)/, '.*$1');

test('URLs: ?query and #hash, %-encoded and literal spaces, non-ASCII, parentheses and quotes, image-set, @font-face lists, URL(, CSS escapes, folders, leaving MEDIA_ROOT, data:, absolute and protocol-relative, no extension', async () => {
  write('img/a.png', 'PNG-A');
  write('img/a b.png', 'PNG-SPACE');
  write('img/ünï.png', 'PNG-UNI');
  write("img/q(1)'x.png", 'PNG-PAREN');
  write('img/font.woff2', 'W2');
  write('img/font.woff', 'W1');
  write('img/LICENSE', 'MIT');
  write('styles/site.css', [
    '.a{background:url(../img/a.png?v=1#frag)}',
    '.b{background:url("../img/a%20b.png")}',
    ".c{background:url('../img/a b.png')}",
    '.d{background:URL(../img/%C3%BCn%C3%AF.png)}',
    '.e{background:url("../img/q(1)\'x.png")}',
    '.f{background-image:image-set("../img/a.png" 1x,url(../img/a.png) 2x)}',
    '@font-face{font-family:x;src:url(../img/font.woff2) format("woff2"),url(../img/font.woff) format("woff")}',
    '.g{background:url(../img/a\\.png)}',
    '.h{background:url(../img/)}',
    '.i{background:url(../../x.png)}',
    '.j{background:url(data:image/png;base64,AAAA)}',
    '.k{background:url(/img/a.png)}',
    '.l{background:url(//host/img/a.png)}',
    '.m{background:url(../img/LICENSE)}',
    '.n{background:url(../img/ünï.png)}',
    ''
  ].join('\n'));
  const reporter = recording();
  await runJob(settings(), { reporter });
  const keys = await storedKeys();
  const h = (content: string) => sha(Buffer.from(content));
  const img = {
    a: `img/a.${h('PNG-A')}.png`,
    space: `img/a b.${h('PNG-SPACE')}.png`,
    uni: `img/ünï.${h('PNG-UNI')}.png`,
    paren: `img/q(1)'x.${h('PNG-PAREN')}.png`,
    woff2: `img/font.${h('W2')}.woff2`,
    woff: `img/font.${h('W1')}.woff`,
    license: `img/LICENSE.${h('MIT')}`
  };
  const css = keyFor(keys, 'styles/site.css');
  expect(keys).toEqual(['.mediasync/releases.json', '.mediasync/sync-manifest.json.gz', ...Object.values(img), css].sort());
  const body = await text(css);
  expect(css).toBe(`styles/site.${sha((await stored(css)).body)}.css`);
  const [a, space, uni, paren, woff2, woff, license] = [img.a, img.space, img.uni, img.paren, img.woff2, img.woff, img.license].map((key) => base(key));
  const uniEncoded = encodeURIComponent(uni);
  const spaceEncoded = encodeURIComponent(space);
  expect(body).toBe(
    [
      `.a{background:url(../img/${a}?v=1#frag)}`,
      `.b{background:url("../img/${spaceEncoded}")}`,
      `.c{background:url('../img/${spaceEncoded}')}`,
      `.d{background:url(../img/${uniEncoded})}`,
      // Written with the one encoder of object names, which takes ' out too.
      `.e{background:url("../img/${paren.replace("'", '%27')}")}`,
      `.f{background-image:image-set("../img/${a}" 1x,url(../img/${a}) 2x)}`,
      `@font-face{font-family:x;src:url(../img/${woff2}) format("woff2"),url(../img/${woff}) format("woff")}`,
      `.g{background:url(../img/${a})}`,
      '.h{background:url(../img/)}',
      '.i{background:url(../../x.png)}',
      '.j{background:url(data:image/png;base64,AAAA)}',
      '.k{background:url(/img/a.png)}',
      '.l{background:url(//host/img/a.png)}',
      `.m{background:url(../img/${license})}`,
      `.n{background:url(../img/${uniEncoded})}`
    ].join('')
  );
  // The encoded names decode to stored keys.
  expect(decodeURIComponent(uniEncoded)).toBe(uni);
  expect(decodeURIComponent(spaceEncoded)).toBe(space);
}, 60_000);

test('a url() naming an EXCLUDE\'d, hidden or FINGERPRINT_EXCLUDE\'d file, or a JOINED bundle, stays or becomes what is stored', async () => {
  write('img/kept.png', 'KEPT');
  write('img/draft.psd', 'PSD');
  write('img/.secret.png', 'SECRET');
  write('img/_private.png', 'PRIVATE');
  write('styles/part1.css', '.p1{color:red}');
  write('styles/part2.css', '.p2{background:url(../img/kept.png)}');
  write('styles/site.css', '@import "bundle.css";\n.a{background:url(../img/kept.png)}.b{background:url(../img/draft.psd)}.c{background:url(../img/.secret.png)}.d{background:url(../img/_private.png)}');
  await runJob(settings({ EXCLUDE: ['**/*.psd'], FINGERPRINT_EXCLUDE: ['img/kept.png'], JOINED: { 'styles/bundle.css': ['styles/part1.css', 'styles/part2.css'] } }));
  const keys = await storedKeys();
  const bundle = keyFor(keys, 'styles/bundle.css');
  const site = keyFor(keys, 'styles/site.css');
  expect(keys.filter((key) => !key.startsWith('.mediasync/')).map(pattern)).toEqual(['img/kept.png', 'styles/bundle.*.css', 'styles/part1.*.css', 'styles/part2.*.css', 'styles/site.*.css']);
  expect(await text(site)).toBe(`@import url(${base(bundle)});.a{background:url(../img/kept.png)}.b{background:url(../img/draft.psd)}.c{background:url(../img/.secret.png)}.d{background:url(../img/_private.png)}`);
  expect(await text(bundle)).toBe('.p1{color:red}\n.p2{background:url(../img/kept.png)}');
  expect((await stored('img/kept.png')).cacheControl).not.toContain('immutable');
}, 60_000);

test('SOURCE_MAPS: the same image twice on one minified line, and a JS map comment: positions after both URLs map to the right original lines and columns', async () => {
  write('img/a.png', 'PNG-A');
  write('styles/site.css', ['.one {', '  background: url(../img/a.png);', '}', '.two {', '  background: url(../img/a.png);', '}', '.three {', '  color: red;', '}', ''].join('\n'));
  write('scripts/app.js', 'function hello(name) {\n  return "hi " + name;\n}\nwindow.hello = hello;\n');
  await runJob(settings({ SOURCE_MAPS: true }));
  const keys = await storedKeys();
  const image = base(keyFor(keys, 'img/a.png'));
  const css = keyFor(keys, 'styles/site.css');
  const cssMap = keyFor(keys, 'styles/site.css.map');
  const js = keyFor(keys, 'scripts/app.js');
  const jsMap = keyFor(keys, 'scripts/app.js.map');
  const body = await text(css);
  expect(body).toBe(`.one{background:url(../img/${image})}.two{background:url(../img/${image})}.three{color:red}\n/*# sourceMappingURL=${base(cssMap)} */\n`);
  const map = new TraceMap(await text(cssMap));
  const line = body.split('\n')[0];
  for (const [selector, original] of [['.one', 1], ['.two', 4], ['.three', 7]] as const) {
    expect({ selector, ...originalPositionFor(map, { line: 1, column: line.indexOf(selector) }) }).toMatchObject({ selector, source: 'site.css', line: original, column: 0 });
  }
  // The declaration after the second URL: `color` of .three, line 8 column 2.
  expect(originalPositionFor(map, { line: 1, column: line.indexOf('color') })).toMatchObject({ source: 'site.css', line: 8, column: 2 });
  expect(await text(js)).toBe(`function hello(l){return"hi "+l}window.hello=hello;\n//# sourceMappingURL=${base(jsMap)}\n`);
  expect(JSON.parse(await text(jsMap)).sources).toEqual(['app.js']);
}, 60_000);

test('a cycle through url() rather than @import fails naming the chain; a stylesheet naming its own map or another object\'s map is no cycle', async () => {
  write('styles/a.css', '.x{background:url(b.css)}');
  write('styles/b.css', '.y{background:url(a.css)}');
  await expect(runJob(settings())).rejects.toThrow(
    "reference cycle: styles/a.css → styles/b.css → styles/a.css; with FINGERPRINT each file's name depends on what it refers to, so files cannot refer to each other in a loop"
  );
  expect(await storedKeys()).toEqual([]);
  write('styles/a.css', '.x{background:url(a.css.map)}');
  write('styles/b.css', '.y{background:url(a.css.map)}');
  await runJob(settings({ SOURCE_MAPS: true }));
  const keys = await storedKeys();
  const aMap = base(keyFor(keys, 'styles/a.css.map'));
  expect(await text(keyFor(keys, 'styles/a.css'))).toBe(`.x{background:url(${aMap})}\n/*# sourceMappingURL=${aMap} */\n`);
  expect(await text(keyFor(keys, 'styles/b.css'))).toBe(`.y{background:url(${aMap})}\n/*# sourceMappingURL=${base(keyFor(keys, 'styles/b.css.map'))} */\n`);
}, 60_000);

test('a chain d→c→b→image and a diamond top→left,right→image: a change at the leaf gives every link a new key and nothing else; back and forth (A→B→A) reuses the first keys and uploads nothing', async () => {
  write('img/x.png', 'X-A');
  write('img/y.png', 'Y');
  write('styles/b.css', '.b{background:url(../img/x.png)}');
  write('styles/c.css', '@import "b.css";.c{color:red}');
  write('styles/d.css', '@import "c.css";.d{color:blue}');
  write('styles/left.css', '.l{background:url(../img/x.png)}');
  write('styles/right.css', '.r{background:url(../img/x.png)}');
  write('styles/top.css', '@import "left.css";@import "right.css";.t{color:green}');
  write('styles/other.css', '.o{background:url(../img/y.png)}');
  const config = settings();
  const t0 = Date.parse('2030-01-01T00:00:00Z');
  const first = await runJob(config, at(new Date(t0)));
  const keysOf = (result: typeof first) => result.objects.map((object) => object.key!).sort();
  const release1 = keysOf(first);
  expect(first.uploaded).toEqual(release1);

  write('img/x.png', 'X-B');
  const second = await runJob(config, at(new Date(t0 + 60_000)));
  const release2 = keysOf(second);
  const changed = release2.filter((key) => !release1.includes(key));
  expect(changed.map(pattern)).toEqual(['img/x.*.png', 'styles/b.*.css', 'styles/c.*.css', 'styles/d.*.css', 'styles/left.*.css', 'styles/right.*.css', 'styles/top.*.css']);
  expect(second.uploaded).toEqual(changed);
  expect(release1.filter((key) => !release2.includes(key)).map(pattern)).toEqual(changed.map(pattern));
  const d2 = keyFor(release2, 'styles/d.css');
  expect(await text(d2)).toBe(`@import url(${base(keyFor(release2, 'styles/c.css'))});.d{color:#00f}`);
  expect(await text(keyFor(release2, 'styles/b.css'))).toBe(`.b{background:url(../img/x.${sha(Buffer.from('X-B'))}.png)}`);

  write('img/x.png', 'X-A');
  const third = await runJob(config, at(new Date(t0 + 120_000)));
  expect(keysOf(third)).toEqual(release1);
  expect(third.uploaded).toEqual([]);
  expect(third.release!.added).toEqual(changed.map((key) => release1.find((old) => pattern(old) === pattern(key))!));

  const fourth = await runJob(config, at(new Date(t0 + 180_000)));
  expect(fourth.uploaded).toEqual([]);
  expect(fourth.release!.id).toBe(third.release!.id);
}, 90_000);

test('A→B→A within one second under PRUNE: the release log stays readable (no id twice) and the next run works', async () => {
  write('img/x.png', 'X-A');
  write('styles/s.css', '.s{background:url(../img/x.png)}');
  const config = settings({ PRUNE: true, KEEP_RELEASES: 5, PRUNE_GRACE_HOURS: 0 });
  const now = new Date('2030-01-01T00:00:00.100Z');
  const first = await runJob(config, at(now));
  write('img/x.png', 'X-B');
  await runJob(config, at(new Date(now.getTime() + 300)));
  write('img/x.png', 'X-A');
  const third = await runJob(config, at(new Date(now.getTime() + 600)));
  const log = JSON.parse(await text('.mediasync/releases.json'));
  const ids = log.releases.map((release: { id: string }) => release.id);
  expect(new Set(ids).size).toBe(3);
  expect(ids[2]).toBe(third.release!.id);
  expect(third.release!.id).not.toBe(first.release!.id);
  write('img/x.png', 'X-C');
  const fourth = await runJob(config, at(new Date(now.getTime() + 900)));
  expect(fourth.uploaded.map(pattern)).toEqual(['img/x.*.png', 'styles/s.*.css']);
}, 90_000);

test('a referenced image deleted: the stylesheet is built again, its reference stays the logical name with a warning, and the image\'s keys are left for PRUNE', async () => {
  write('img/x.png', 'X');
  write('styles/s.css', '.s{background:url(../img/x.png)}');
  const config = settings();
  await runJob(config);
  rmSync(path.join(media, 'img/x.png'));
  const reporter = recording();
  const next = await runJob(config, { reporter });
  expect(next.uploaded.map(pattern)).toEqual(['styles/s.*.css']);
  expect(await text(next.uploaded[0])).toBe('.s{background:url(../img/x.png)}');
  expect(reporter.warnings).toEqual(['../img/x.png names img/x.png, which is not a synced file in MEDIA_ROOT']);
  // Back again: the stylesheet, unchanged itself, names the image's hashed key again.
  write('img/x.png', 'X');
  const again = await runJob(config);
  expect(again.uploaded).toEqual([]);
  expect(await text(again.objects.find((object) => object.path === 'styles/s.css')!.key!)).toBe(`.s{background:url(../img/x.${sha(Buffer.from('X'))}.png)}`);
}, 60_000);

test('toggles: an image moved into FINGERPRINT_EXCLUDE is named by its logical path; FINGERPRINT off and on again; SRI on', async () => {
  write('img/x.png', 'X');
  write('styles/s.css', '.s{background:url(../img/x.png)}');
  const hashed = `../img/x.${sha(Buffer.from('X'))}.png`;
  const first = await runJob(settings());
  const s1 = keyFor(first.objects.map((object) => object.key!), 'styles/s.css');
  expect(await text(s1)).toBe(`.s{background:url(${hashed})}`);

  const excluded = await runJob(settings({ FINGERPRINT_EXCLUDE: ['img/*.png'] }));
  expect(excluded.uploaded.map(pattern)).toEqual(['img/x.png', 'styles/s.*.css']);
  const s2 = excluded.objects.find((object) => object.path === 'styles/s.css')!.key!;
  expect(await text(s2)).toBe('.s{background:url(../img/x.png)}');
  expect((await stored('img/x.png')).cacheControl).not.toContain('immutable');

  const back = await runJob(settings());
  expect(back.objects.find((object) => object.path === 'styles/s.css')!.key).toBe(s1);
  expect(back.uploaded).toEqual([]);

  const off = await runJob(settings({ FINGERPRINT: false }));
  expect(off.uploaded).toEqual(['img/x.png', 'styles/s.css']);
  expect(await text('styles/s.css')).toBe('.s{background:url(../img/x.png)}');

  const on = await runJob(settings());
  expect(on.objects.map((object) => object.key)).toEqual([`img/x.${sha(Buffer.from('X'))}.png`, s1]);
  expect(await text(s1)).toBe(`.s{background:url(${hashed})}`);

  const sri = await runJob(settings({ SRI: true }));
  const manifest = JSON.parse(readFileSync(path.join(scratch.dir, 'manifest.json'), 'utf8'));
  expect(manifest.files['styles/s.css'].integrity).toBe(`sha384-${createHash('sha384').update(`.s{background:url(${hashed})}`).digest('base64')}`);
  expect(sri.uploaded).toEqual([]);
}, 90_000);

test('names: several dots, no extension, a name that already looks fingerprinted, a dot at the end, a folder with a dot', async () => {
  write('js/jquery.min.js', 'window.jq=1;');
  write('files/a.tar.gz', 'TGZ');
  write('styles/x.0123456789ab.css', '.x{color:red}');
  write('v1.2/LICENSE', 'MIT');
  write('odd/trail.', 'T');
  const result = await runJob(settings({ MINIFY: false, AWS_GZIP: false }));
  const h = (content: string) => sha(Buffer.from(content));
  expect(result.objects.map((object) => [object.path, object.key])).toEqual([
    ['files/a.tar.gz', `files/a.tar.${h('TGZ')}.gz`],
    ['js/jquery.min.js', `js/jquery.min.${h('window.jq=1;')}.js`],
    ['odd/trail.', `odd/trail.${h('T')}.`],
    ['styles/x.0123456789ab.css', `styles/x.0123456789ab.${h('.x{color:red}')}.css`],
    ['v1.2/LICENSE', `v1.2/LICENSE.${h('MIT')}`]
  ]);
  expect((await storedKeys()).filter((key) => !key.startsWith('.mediasync/'))).toEqual(result.objects.map((object) => object.key).sort());
}, 60_000);

test('a name that fits S3\'s key limit without FINGERPRINT but not with it fails naming the file before anything is stored', async () => {
  // prefix/ + path: 1024 bytes exactly without the 13 characters FINGERPRINT adds (folders, as a file name has at most 255 bytes).
  const folders = `img/${'d'.repeat(200)}/${'e'.repeat(200)}/${'f'.repeat(200)}/${'g'.repeat(200)}/`;
  const name = `${folders}${'n'.repeat(1024 - `${prefix}/${folders}`.length - '.png'.length)}.png`;
  expect(Buffer.byteLength(`${prefix}/${name}`)).toBe(1024);
  write(name, 'PNG');
  write('img/ok.png', 'OK');
  await expect(runJob(settings())).rejects.toThrow(
    `1 key is over S3's limit of 1024 bytes: ${name.slice(0, -4)}.000000000000.png (1037 bytes); a key is AWS_PREFIX (${prefix.length + 1} bytes with its slash) and the path; allowed: at most 1024 bytes of UTF-8 in all`
  );
  expect(await storedKeys()).toEqual([]);
  // Kept at its own name, it fits.
  const kept = await runJob(settings({ FINGERPRINT_EXCLUDE: ['img/d*/**'] }));
  expect(kept.uploaded).toEqual([`img/ok.${sha(Buffer.from('OK'))}.png`, name].sort());
}, 60_000);

test('a %2F in a url() names a file in a subfolder: the rewritten URL still reaches it', async () => {
  write('styles/sub/a.png', 'A');
  write('styles/s.css', '.s{background:url(sub%2Fa.png)}');
  const result = await runJob(settings());
  const image = result.objects.find((object) => object.path === 'styles/sub/a.png')!.key!;
  const css = result.objects.find((object) => object.path === 'styles/s.css')!.key!;
  const url = /url\(([^)]*)\)/.exec(await text(css))![1];
  // The browser asks for the URL resolved against the stylesheet's key; S3 decodes %2F in the path.
  const requested = decodeURIComponent(new URL(url, `https://cdn.example/${css}`).pathname.slice(1));
  expect(requested).toBe(image);
}, 60_000);

describe('bad settings name the setting and what is allowed, from a file and as action inputs', () => {
  const resolve = (file: Record<string, unknown>, inputs: Record<string, string> = {}) => {
    try {
      resolveSettings({ file: { path: '/site/mediasync.json', text: JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: 'bucket', FINGERPRINT: true, ...file }) }, inputs, cwd: '/site' });
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };
  test.each([
    ['KEEP_RELEASES', 0, 'a whole number from 1 to 1000'],
    ['KEEP_RELEASES', -1, 'a whole number from 1 to 1000'],
    ['KEEP_RELEASES', 1.5, 'a whole number from 1 to 1000'],
    ['KEEP_RELEASES', 'x', 'a whole number from 1 to 1000'],
    ['PRUNE_GRACE_HOURS', -1, 'a number of hours from 0 to 87600'],
    ['PRUNE_GRACE_HOURS', 'abc', 'a number of hours from 0 to 87600'],
    ['FINGERPRINT_EXCLUDE', ['/abs'], 'a list of globs relative to MEDIA_ROOT'],
    ['FINGERPRINT_EXCLUDE', 'robots.txt', 'a list of globs relative to MEDIA_ROOT'],
    ['FINGERPRINT_EXCLUDE', [''], 'a list of globs relative to MEDIA_ROOT']
  ])('file: %s = %j', (key, value, allowed) => {
    const message = resolve({ [key]: value });
    expect(message).toContain(key);
    expect(message).toContain(allowed);
    expect(message).toContain('/site/mediasync.json');
  });
  test.each([
    ['KEEP_RELEASES', 'keep-releases', '0', 'a whole number from 1 to 1000'],
    ['KEEP_RELEASES', 'keep-releases', '-1', 'a whole number from 1 to 1000'],
    ['KEEP_RELEASES', 'keep-releases', '1.5', 'a whole number from 1 to 1000'],
    ['KEEP_RELEASES', 'keep-releases', 'x', 'a whole number from 1 to 1000'],
    ['PRUNE_GRACE_HOURS', 'prune-grace-hours', '-1', 'a number of hours from 0 to 87600'],
    ['PRUNE_GRACE_HOURS', 'prune-grace-hours', 'abc', 'a number of hours from 0 to 87600'],
    ['FINGERPRINT_EXCLUDE', 'fingerprint-exclude', '/abs', 'a list of globs relative to MEDIA_ROOT'],
    ['FINGERPRINT_EXCLUDE', 'fingerprint-exclude', '["/abs"]', 'a list of globs relative to MEDIA_ROOT'],
    ['FINGERPRINT_EXCLUDE', 'fingerprint-exclude', 'robots.txt\n/abs', 'a list of globs relative to MEDIA_ROOT']
  ])('input: %s (%s) = %j', (key, input, value, allowed) => {
    const message = resolve({}, { [key]: value });
    expect(message).toContain(input);
    expect(message).toContain(allowed);
  });
  test('the messages in full for KEEP_RELEASES 0 and FINGERPRINT_EXCLUDE "/abs"', () => {
    expect(resolve({ KEEP_RELEASES: 0 })).toBe('Invalid settings (1 problem):\n  - /site/mediasync.json:1:64: KEEP_RELEASES is 0; allowed: a whole number from 1 to 1000');
    expect(resolve({}, { FINGERPRINT_EXCLUDE: '/abs' })).toBe(
      'Invalid settings (1 problem):\n  - input fingerprint-exclude: FINGERPRINT_EXCLUDE is ["/abs"]; allowed: a list of globs relative to MEDIA_ROOT, each at most 1,024 characters (as an input: a JSON array, or one glob per line)'
    );
  });
});

test('a damaged release log under PRUNE fails naming the file before anything is deleted or stored; a MAX_DELETE smaller than what retention deletes fails before anything is stored', async () => {
  write('img/x.png', 'X-A');
  write('styles/s.css', '.s{background:url(../img/x.png)}');
  const config = settings({ PRUNE: true, KEEP_RELEASES: 1, PRUNE_GRACE_HOURS: 0 });
  await runJob(config);
  const before = await storedKeys();
  const log = (await stored('.mediasync/releases.json')).body;
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}/.mediasync/releases.json`, Body: log.subarray(0, log.length - 7) }));
  write('img/x.png', 'X-B');
  const failure = await runJob(config).catch((error: Error) => error);
  expect(String(failure)).toMatch(
    /^ReleaseLogError: the release log \.mediasync\/releases\.json is damaged: it is not JSON \(.+\)\. It tells PRUNE which stored objects recent releases use, so mediasync stops rather than prune without it; repair it, or delete it to start a new log$/
  );
  expect(await storedKeys()).toEqual(before);
  await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}/.mediasync/releases.json`, Body: log }));

  await expect(runJob(settings({ PRUNE: true, KEEP_RELEASES: 1, PRUNE_GRACE_HOURS: 0, MAX_DELETE: 1 }))).rejects.toThrow(
    'PRUNE would delete 2 objects, more than MAX_DELETE (1); nothing was changed. Check MEDIA_ROOT and AWS_PREFIX, or raise MAX_DELETE if that many really went away'
  );
  expect(await storedKeys()).toEqual(before);
  const ok = await runJob(settings({ PRUNE: true, KEEP_RELEASES: 1, PRUNE_GRACE_HOURS: 0, MAX_DELETE: 2 }));
  expect(ok.pruned).toEqual(before.filter((key) => !key.startsWith('.mediasync/')));
}, 90_000);

test('a file kept at its own name that is named like another file\'s hashed key fails naming both before anything is stored', async () => {
  write('styles/a.css', '.a{color:red}');
  const key = `styles/a.${sha(Buffer.from('.a{color:red}'))}.css`;
  write(key, '.other{color:blue}');
  await expect(runJob(settings({ MINIFY: false, AWS_GZIP: false, FINGERPRINT_EXCLUDE: ['styles/a.*.css'] }))).rejects.toThrow(
    `${key} and styles/a.css would both be stored at ${key}, and one would replace the other; nothing was stored. Rename the file kept at its own name, or fingerprint it too`
  );
  expect(await storedKeys()).toEqual([]);
}, 60_000);

test('FINGERPRINT off under PRUNE leaves the hashed objects (the plain prune does not know them); on again, they are used without an upload and the plain names go', async () => {
  write('img/x.png', 'X');
  write('styles/s.css', '.s{background:url(../img/x.png)}');
  const on = () => settings({ PRUNE: true, PRUNE_GRACE_HOURS: 0, KEEP_RELEASES: 1 });
  await runJob(on());
  const hashed = (await storedKeys()).filter((key) => !key.startsWith('.mediasync/'));
  expect(hashed.map(pattern)).toEqual(['img/x.*.png', 'styles/s.*.css']);
  const off = await runJob(settings({ FINGERPRINT: false, PRUNE: true }));
  expect([off.uploaded, off.pruned]).toEqual([['img/x.png', 'styles/s.css'], []]);
  expect(await storedKeys()).toEqual(['.mediasync/releases.json', '.mediasync/sync-manifest.json.gz', ...hashed, 'img/x.png', 'styles/s.css'].sort());
  const back = await runJob(on());
  expect([back.uploaded, back.pruned]).toEqual([[], ['img/x.png', 'styles/s.css']]);
  expect(await storedKeys()).toEqual(['.mediasync/releases.json', '.mediasync/sync-manifest.json.gz', ...hashed]);
}, 60_000);
