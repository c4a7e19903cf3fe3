// The sourceMappingURL comment of a stored object names its map by URL: a file name holding `#`,
// `?`, `%`, a space, `;` or a quote must be percent-encoded there, or the URL ends early (`c#.css.map`
// resolves to `c`). With FINGERPRINT the rewrite still finds the encoded comment and writes the
// map's hashed key, encoded the same way.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBackend } from '../src/backends/index.js';
import { mapComment } from '../src/pipeline/references/sourcemap.js';
import { syncMedia } from '../src/pipeline/sync.js';
import { silentReporter } from '../src/reporter.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';

const NAMES = ['c#.css', 'q?.js', 'b;x.css', 'a b%.js', 'é&=.css', "p'(1)!.js"];

/** What a browser asks the store for: the comment's URL resolved against the object's URL, as a key. */
function resolvedKey(commentUrl: string, objectKey: string): string {
  const base = 'https://media.example.com/s/';
  const objectUrl = new URL(objectKey.split('/').map(encodeURIComponent).join('/'), base);
  return decodeURIComponent(new URL(commentUrl, objectUrl).pathname.slice(new URL(base).pathname.length));
}

const commentUrl = (text: string) => /sourceMappingURL=(\S+)/.exec(text.slice(text.lastIndexOf('sourceMappingURL=')))![1];

test('mapComment percent-encodes what a URL path segment cannot hold', () => {
  expect(mapComment('css', 'styles/c#.css')).toBe('\n/*# sourceMappingURL=c%23.css.map */\n');
  expect(mapComment('js', 'q?.js')).toBe('\n//# sourceMappingURL=q%3F.js.map\n');
  expect(mapComment('js', 'js/a b%.js')).toBe('\n//# sourceMappingURL=a%20b%25.js.map\n');
  expect(mapComment('css', 'é&=;.css')).toBe('\n/*# sourceMappingURL=%C3%A9%26%3D%3B.css.map */\n');
  // A quote would void the comment in a browser.
  expect(mapComment('js', "it's.js")).toBe('\n//# sourceMappingURL=it%27s.js.map\n');
});

describe.each([true, false])('SOURCE_MAPS with FINGERPRINT %s: every map comment resolves to the stored map', (fingerprint) => {
  let scratch: ReturnType<typeof tempDir>;
  beforeEach(() => {
    scratch = tempDir();
  });
  afterEach(() => scratch.remove());

  test('names with #, ?, ;, %, spaces and non-ASCII, in a subfolder', async () => {
    const media = path.join(scratch.dir, 'media');
    mkdirSync(path.join(media, 'sub'), { recursive: true });
    for (const name of NAMES) writeFileSync(path.join(media, 'sub', name), name.endsWith('.css') ? '.a { color: red }\n' : 'var q = 1;\n');
    const settings = resolveSettings({
      file: {
        path: path.join(scratch.dir, 'mediasync.json'),
        text: JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', AWS_GZIP: false, SOURCE_MAPS: true, FINGERPRINT: fingerprint })
      },
      cwd: scratch.dir
    });
    const { manifest } = await syncMedia(settings, { client: await createBackend(settings), hashCacheFile: false, reporter: silentReporter });
    const keyOf = (relPath: string) => manifest.files[relPath].key ?? relPath;
    const found = NAMES.map((name) => {
      const objectKey = keyOf(`sub/${name}`);
      const url = commentUrl(readFileSync(path.join(scratch.dir, 'out', objectKey), 'utf8'));
      return [name, url, resolvedKey(url, objectKey)];
    });
    expect(found).toEqual(
      NAMES.map((name) => {
        const mapKey = keyOf(`sub/${name}.map`);
        return [name, encodeURIComponent(mapKey.slice('sub/'.length)).replace(/'/g, '%27'), mapKey];
      })
    );
    if (fingerprint) for (const name of NAMES) expect(keyOf(`sub/${name}.map`)).toMatch(/\.[0-9a-f]{12}\.map$/);
  });
});
