// A script's sourceMappingURL comment is the one a browser uses (ECMA-426): the last such comment
// after all code, whatever line endings, blank lines or other comments follow it; never text in a
// string or template literal. One finder serves the reference stage and the FINGERPRINT rewrite.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createBackend } from '../src/backends/index.js';
import { jsReferences } from '../src/pipeline/references/js.js';
import { syncMedia } from '../src/pipeline/sync.js';
import { silentReporter } from '../src/reporter.js';
import { resolveSettings } from '../src/settings/load.js';
import { tempDir } from './helpers/fixtures.js';

/** Each script, and the map comment a browser takes from it (undefined: none). */
const SCRIPTS: [name: string, text: string, url: string | undefined][] = [
  ['a.js', 'var a = 1;\n//# sourceMappingURL=a.js.map\n', 'a.js.map'],
  ['b.js', 'var b = 1;\n//# sourceMappingURL=b.js.map\n\n', 'b.js.map'],
  ['c.js', 'var c = 1;\r\n//# sourceMappingURL=c.js.map\r\n', 'c.js.map'],
  ['d.js', 'var d = 1;\n//# sourceMappingURL=d.js.map\n/* trailing */\n', 'd.js.map'],
  ['e.js', 'var e = "\\\n//# sourceMappingURL=e.js.map";\n', undefined],
  ['f.js', 'var f = `\n//# sourceMappingURL=f.js.map`;\n', undefined],
  ['g.js', 'var g = 1; //# sourceMappingURL=g.js.map', 'g.js.map'],
  ['h.js', 'var h = 1;\n//@ sourceMappingURL=h.js.map', 'h.js.map'],
  ['i.js', 'var i = "//# sourceMappingURL=no.js.map";\n//# sourceMappingURL=i.js.map\n// a note\n\t \n', 'i.js.map'],
  ['j.js', '//# sourceMappingURL=j.js.map\nvar j = 1;\n', undefined],
  ['k.js', 'var k = 1;\n//# sourceMappingURL=first.js.map\n//# sourceMappingURL=k.js.map\r\r\n', 'k.js.map'],
  ['l.js', 'var l = 1;\n/*# sourceMappingURL=l.js.map */\n', 'l.js.map'],
  ['m.js', "import './a.js';\nexport const m = `${1}//# sourceMappingURL=x.map`;\n\u2028//# sourceMappingURL=m.js.map\u2029", 'm.js.map']
];

describe('the map comment of a script', () => {
  test.each(SCRIPTS)('%s', (name, text, url) => {
    expect(jsReferences(text, `js/${name}`).sourceMaps.at(-1)?.url).toBe(url);
  });

  test('its range is the whole comment, on the line it is on', () => {
    const text = 'var c = 1;\r\n//# sourceMappingURL=c.js.map\r\n';
    const [comment] = jsReferences(text, 'c.js').sourceMaps;
    expect([text.slice(comment.start, comment.end), comment.line, comment.column]).toEqual(['//# sourceMappingURL=c.js.map', 2, 1]);
    const same = 'var g = 1; //# sourceMappingURL=g.js.map';
    const [inline] = jsReferences(same, 'g.js').sourceMaps;
    expect([same.slice(inline.start, inline.end), inline.line, inline.column]).toEqual(['//# sourceMappingURL=g.js.map', 1, 12]);
  });
});

test('FINGERPRINT rewrites the comment a browser uses to the map\'s key, and nothing else, in every script', async () => {
  const scratch = tempDir();
  try {
    const media = path.join(scratch.dir, 'media');
    mkdirSync(path.join(media, 'js'), { recursive: true });
    for (const [name, text, url] of SCRIPTS) {
      writeFileSync(path.join(media, 'js', name), text);
      writeFileSync(path.join(media, 'js', `${path.basename(name, '.js')}.js.map`), JSON.stringify({ version: 3, sources: [`${name}.src`], names: [], mappings: 'AAAA', file: url ?? name }));
    }
    const settings = resolveSettings({
      file: {
        path: path.join(scratch.dir, 'mediasync.json'),
        text: JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: 'filesystem', FILESYSTEM_ROOT: 'out', FINGERPRINT: true, AWS_GZIP: false, MINIFY: false })
      },
      cwd: scratch.dir
    });
    const { manifest } = await syncMedia(settings, { client: await createBackend(settings), hashCacheFile: false, reporter: silentReporter });
    const stored = readdirSync(path.join(scratch.dir, 'out/js'));
    const bodies: [string, string][] = [];
    const expected: [string, string][] = [];
    for (const [name, text, url] of SCRIPTS) {
      const body = readFileSync(path.join(scratch.dir, 'out', manifest.files[`js/${name}`].key!), 'utf8');
      bodies.push([name, body]);
      if (url === undefined) {
        expected.push([name, text]);
        continue;
      }
      const mapKey = manifest.files[`js/${url}`].key!;
      const hashed = mapKey.slice(mapKey.lastIndexOf('/') + 1);
      expect(stored).toContain(hashed);
      // The same bytes with only the used comment's URL changed (the last one written so), in its own form.
      const original = name === 'h.js' ? `//@ sourceMappingURL=${url}` : name === 'l.js' ? `/*# sourceMappingURL=${url} */` : `//# sourceMappingURL=${url}`;
      const written = name === 'l.js' ? `/*# sourceMappingURL=${hashed} */` : `//# sourceMappingURL=${hashed}`;
      const at = text.lastIndexOf(original);
      expected.push([name, text.slice(0, at) + written + text.slice(at + original.length)]);
    }
    expect(bodies).toEqual(expected);
  } finally {
    scratch.remove();
  }
});
