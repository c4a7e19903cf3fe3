import { MinifyError } from '../src/pipeline/minifiable.js';
import type { ProcessedObject } from '../src/pipeline/process.js';
import { minifyFailure } from '../src/minify-failure.js';
import { cdnPaths } from '../src/render/cdn-paths.js';
import { bytes, renderSummary, saving, type SummaryInput } from '../src/render/summary.js';

function object(path: string, sourceSize: number, minifiedSize: number, storedSize: number, extra: Partial<ProcessedObject> = {}): ProcessedObject {
  return {
    path,
    storedSize,
    contentType: 'text/css; charset=utf-8',
    cacheControl: 'max-age=86400, public',
    expires: new Date(0),
    md5: 'x',
    sourceSize,
    minifiedSize,
    ...extra
  };
}

const objects = [
  object('styles/reset.css', 4000, 3000, 1000, { contentEncoding: 'gzip' }),
  object('styles/text.css', 2000, 1000, 500, { contentEncoding: 'gzip' }),
  object('styles/joined.css', 6000, 4001, 1400, { contentEncoding: 'gzip', parts: ['styles/reset.css', 'styles/text.css'] }),
  object('images/logo.png', 3000, 3000, 3000, { contentType: 'image/png' })
];

const result: SummaryInput['result'] = {
  mediaUrl: 'https://media.example.com/site/media',
  cacheBuster: 'abc123',
  objects,
  uploaded: ['styles/joined.css', 'styles/text.css'],
  skipped: ['images/logo.png', 'styles/reset.css'],
  manifestPath: '/work/site/mediasync-manifest.json'
};

describe('renderSummary', () => {
  const summary = renderSummary({ result });

  test('names the media URL, the cache-buster and the manifest', () => {
    expect(summary).toContain('- Media URL: `https://media.example.com/site/media`');
    expect(summary).toContain('- Cache-buster: `abc123`');
    expect(summary).toContain('- Manifest: `/work/site/mediasync-manifest.json`');
  });

  test('counts objects, uploads and skips, without a pruned column when pruning did not run', () => {
    expect(summary).toContain('| Objects | Uploaded | Already stored |\n| --- | --- | --- |\n| 4 | 2 | 2 |');
    expect(summary).not.toContain('Pruned');
  });

  test('totals the bytes before and after minify and gzip, with the savings', () => {
    // source 15000, minified 11001, stored 5900
    expect(summary).toContain('| 14.6 KiB | 10.7 KiB (-27%) | 5.8 KiB (-46%) | 8.9 KiB (-61%) |');
  });

  test('lists each bundle with its parts', () => {
    expect(summary).toContain('| `styles/joined.css` | `styles/reset.css`, `styles/text.css` | 5.9 KiB | 1.4 KiB |');
  });

  test('lists the largest stored files first, with type, sizes and encoding', () => {
    const section = summary.slice(summary.indexOf('### Largest files'));
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.map((row) => row.split(' | ')[0])).toEqual(['| `images/logo.png`', '| `styles/joined.css`', '| `styles/reset.css`', '| `styles/text.css`']);
    expect(rows[1]).toBe('| `styles/joined.css` | text/css; charset=utf-8 | 5.9 KiB | 3.9 KiB | 1.4 KiB | gzip |');
  });

  test('keeps only the requested number of largest files', () => {
    expect(renderSummary({ result, largest: 2 })).toContain('### Largest 2 files');
  });

  test('lists uploaded and skipped keys in collapsed sections', () => {
    expect(summary).toContain('<details><summary>Uploaded (2)</summary>\n\n- `styles/joined.css`\n- `styles/text.css`\n\n</details>');
    expect(summary).toContain('<details><summary>Already stored (2)</summary>');
  });

  test('shows what was pruned when pruning ran', () => {
    const pruned = renderSummary({ result, pruned: ['old/gone.js'] });
    expect(pruned).toContain('| Objects | Uploaded | Already stored | Pruned |\n| --- | --- | --- | --- |\n| 4 | 2 | 2 | 1 |');
    expect(pruned).toContain('<details><summary>Pruned (1)</summary>\n\n- `old/gone.js`');
  });

  test('says when nothing was stored', () => {
    const dry = renderSummary({ result, dryRun: true });
    expect(dry).toContain('## mediasync (dry run: nothing was stored)');
    expect(dry).toContain('| Objects | To upload | Already stored |');
    expect(dry).toContain('<details><summary>To upload (2)</summary>');
  });

  test('escapes table pipes and backticks in file names', () => {
    const odd = renderSummary({ result: { ...result, objects: [object('a|b`c.css', 10, 10, 10)], uploaded: [], skipped: [] } });
    expect(odd).toContain('| `` a\\|b`c.css `` |');
  });

  test('an empty run has totals of zero and no file tables', () => {
    const empty = renderSummary({ result: { ...result, objects: [], uploaded: [], skipped: [] } });
    expect(empty).toContain('| 0 B | 0 B (0%) | 0 B (0%) | 0 B (0%) |');
    expect(empty).not.toContain('### Largest');
    expect(empty).not.toContain('### Bundles');
    expect(empty).not.toContain('<details>');
  });
});

test('bytes and saving format sizes and changes', () => {
  expect([0, 1023, 1024, 1536, 5 * 1024 * 1024].map(bytes)).toEqual(['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '5.0 MiB']);
  expect([saving(100, 60), saving(100, 103), saving(0, 10), saving(50, 50)]).toEqual(['-40%', '+3%', '0%', '0%']);
});

describe('cdnPaths', () => {
  test('are the media URL path plus each key, URL-encoded', () => {
    expect(cdnPaths('https://bucket.s3.amazonaws.com/site/media', ['styles/joined.css', 'images/a b#1.png'])).toEqual([
      '/site/media/styles/joined.css',
      '/site/media/images/a%20b%231.png'
    ]);
  });

  test('start at the root for a media URL without a path', () => {
    expect(cdnPaths('https://cdn.example.com', ['app.js'])).toEqual(['/app.js']);
    expect(cdnPaths('https://cdn.example.com/', ['app.js'])).toEqual(['/app.js']);
  });

  test('use a media URL that is only a path as it is', () => {
    expect(cdnPaths('/static/', ['app.js'])).toEqual(['/static/app.js']);
  });
});

describe('minifyFailure', () => {
  test('names the file relative to the base folder with its line and column', () => {
    const failure = minifyFailure(new MinifyError('scripts/app.js', 3, 5, 'Unexpected token'), '/repo/site/media', '/repo');
    expect(failure).toEqual({ file: 'site/media/scripts/app.js', line: 3, column: 5, message: 'site/media/scripts/app.js:3:5: cannot minify: Unexpected token', title: 'Cannot minify' });
  });

  test('says a JOINED part that does not parse cannot be joined', () => {
    const failure = minifyFailure(new MinifyError('css/a.css', 2, 1, 'Unclosed comment', 'join'), '/repo/media', '/repo');
    expect(failure).toEqual({ file: 'media/css/a.css', line: 2, column: 1, message: 'media/css/a.css:2:1: cannot join: Unclosed comment', title: 'Cannot join' });
  });

  test('leaves the position out when the minifier gave none', () => {
    expect(minifyFailure(new MinifyError('a.css', undefined, undefined, 'broken'), '/repo/media', '/repo')?.message).toBe('media/a.css: cannot minify: broken');
  });

  test('is undefined for any other error', () => {
    expect(minifyFailure(new Error('network'), '/repo/media', '/repo')).toBeUndefined();
  });
});
