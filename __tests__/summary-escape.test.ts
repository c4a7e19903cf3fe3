// Text from outside mediasync (a custom backend's failure reason, a file's name, an error message)
// enters the job summary through one set of helpers: it can neither split a table row, nor open
// an HTML block, nor close the code block it sits in.
import { UploadError } from '../src/pipeline/upload.js';
import type { ProcessedObject } from '../src/pipeline/process.js';
import { code, codeBlock, text } from '../src/render/markdown.js';
import { renderFailureSummary, renderSummary } from '../src/render/summary.js';

const HOSTILE = [
  'AccessDenied\n</details><img src=x onerror=alert(1)>',
  'line one\r\n| injected | row |',
  'a | b',
  '<script>alert(1)</script>',
  '**bold** [link](https://evil.example) ![img](https://evil.example/x.png)',
  'tick ` and fence ``` and ````',
  '\n\n# Heading\n\n- item',
  'sep\u2028and\u2029para\u0000nul\u0085nel',
  '\\| escaped pipe'
];

/** What a Markdown reader sees of the summary's structure: every line that starts a block of its own. */
function structure(markdown: string): string[] {
  return markdown.split('\n').filter((line) => /^(\||<|#|```|- )/.test(line));
}

/** A table row's cells, split at the pipes GitHub splits at (not those after a backslash). */
const cells = (row: string) => row.slice(2, -2).split(/(?<!\\) \| /);

test.each(HOSTILE)('a failure reason %j stays in its table cell and its list item', (reason) => {
  const failures = (first: string) => [
    { path: 'styles/a.css', reason: first },
    { path: 'styles/b.css', reason: 'SlowDown' }
  ];
  /** The summary after the error's code block: the table and the list, where the reason is Markdown. */
  const uploadsPart = (first: string) => {
    const error = new UploadError(failures(first));
    const summary = renderFailureSummary(error.message, error);
    return summary.slice(summary.indexOf('### Uploads that failed'));
  };
  const summary = uploadsPart(reason);
  // The same blocks as with a harmless reason: the heading, the table's four rows, one list of two items.
  const shape = (markdown: string) => structure(markdown).map((line) => line.replace(/^(\| |- `).*$/su, '$1'));
  expect(shape(summary)).toEqual(shape(uploadsPart('R')));
  const rows = summary.split('\n').filter((line) => line.startsWith('| '));
  expect(rows.map((row) => cells(row).length)).toEqual([2, 2, 2, 2]);
  expect(summary.split('\n').filter((line) => line === '</details>')).toHaveLength(1);
  // Outside code spans, no tag but the list's own.
  expect(summary.replace(/(`+).*?\1/g, '')).not.toMatch(/<(?!\/?details>|\/?summary>)/);
});

test('a reason with a newline and HTML: the exact row and list item', () => {
  const error = new UploadError([{ path: 'images/a.png', reason: 'AccessDenied\n</details><img src=x onerror=alert(1)>' }]);
  const summary = renderFailureSummary(error.message, error);
  expect(summary).toContain('| AccessDenied\\\\n&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt; | 1 |\n');
  expect(summary).toContain('- `images/a.png: AccessDenied\\n</details><img src=x onerror=alert(1)>`\n');
});

test('an error message cannot close its code block', () => {
  const summary = renderFailureSummary('boom\n```\n</details><img src=x>\n````\n  ```');
  expect(summary).toBe(
    ['## mediasync failed', '', 'Nothing was recorded: no outputs and no manifest were written.', '', '```', "boom\n'''\n</details><img src=x>\n''''\n  '''", '```', ''].join('\n')
  );
});

test('a file name with a newline and HTML stays in its list item and table cell', () => {
  const name = 'images/x\n</details><img src=x>.png';
  const object: ProcessedObject = {
    path: name,
    storedSize: 1,
    contentType: 'image/png',
    cacheControl: 'max-age=1',
    expires: new Date(0),
    md5: 'x',
    sourceSize: 1,
    minifiedSize: 1
  };
  const summary = renderSummary({ result: { mediaUrl: 'https://cdn.test', cacheBuster: 'v1', objects: [object], uploaded: [name], skipped: [], manifestPath: '/m.json' } });
  expect(summary).toContain('| `images/x\\n</details><img src=x>.png` | image/png | 1 B | 1 B | 1 B |  |\n');
  expect(summary).toContain('- `images/x\\n</details><img src=x>.png`\n');
  expect(summary.split('\n').filter((line) => line === '</details>')).toHaveLength(1);
});

describe('the helpers', () => {
  test.each([
    ['plain', 'plain'],
    ['a_b*c', 'a\\_b\\*c'],
    ['<b>&amp;</b>', '&lt;b&gt;&amp;amp;&lt;/b&gt;'],
    ['one\ntwo\tthree', 'one\\\\ntwo\\\\tthree'],
    ['[x](y)', '\\[x\\](y)']
  ])('text(%j) is %j', (input, expected) => {
    expect(text(input)).toBe(expected);
  });

  test.each([
    ['a', '`a`'],
    ['a`b', '`` a`b ``'],
    ['a``b`', '``` a``b` ```'],
    ['one\ntwo', '`one\\ntwo`'],
    [' padded ', '`  padded  `']
  ])('code(%j) is %j', (input, expected) => {
    expect(code(input)).toBe(expected);
  });

  test('codeBlock keeps the lines and breaks every fence', () => {
    expect(codeBlock('a\n```js\nb')).toEqual(['```', "a\n'''js\nb", '```']);
  });
});
