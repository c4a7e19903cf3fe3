// A settings file that is not JSON is named in words, with the kind of thing that stands where
// the parser stopped, never its content (a value there may be a secret).
import * as jsonc from 'jsonc-parser';
import { jsonSyntaxProblem } from '../src/settings/json-syntax.js';

function firstProblem(text: string): string {
  const errors: jsonc.ParseError[] = [];
  jsonc.parseTree(text, errors, { disallowComments: false, allowTrailingComma: true });
  expect(errors.length).toBeGreaterThan(0);
  return jsonSyntaxProblem(text, errors[0]);
}

const VALUES = 'names and strings take "double quotes"; other values are numbers, true, false, null, [lists] or {objects}';

test.each([
  ['{"MEDIA_ROOT" "media"}', 'expected a colon after the name (found a string)'],
  ['{"a": 1 "b": 2}', 'expected a comma before the next entry, or the } or ] that closes this one (found a string)'],
  ['{"a": 1 true}', 'expected a comma before the next entry, or the } or ] that closes this one (found `true`)'],
  ['{"a": 12345 6}', 'expected a comma before the next entry, or the } or ] that closes this one (found a number)'],
  ['{"a": }', 'expected a value (found `}`)'],
  ['{"a": 1', 'expected } to close the object (found the end of the text)'],
  ['{"a": [1', 'expected ] to close the list (found the end of the text)'],
  ['{"a": 1} {}', 'expected nothing after the closing bracket (found `{`)'],
  ['{"a": 1, 2}', 'expected a name in double quotes (found a number)'],
  ['{MEDIA_ROOT: "media"}', `${VALUES} (found a word)`],
  ['{"a" = 1}', `${VALUES} (found \`=\`)`],
  ['{"a":\u00a01}', `${VALUES} (found the character U+00A0)`],
  ['{"a": 1,\u200b"b": 2}', `${VALUES} (found the character U+200B)`],
  ['{"a": -}', `${VALUES} (found \`-\`)`],
  ['{"a": 1.}', 'a number ends too soon (found a number)'],
  ['{"a": "abc', 'a string is not closed with " before its line ends (found a string)'],
  ['{"a": "two\nlines"}', 'a string is not closed with " before its line ends (found a string)'],
  ['{"a": 1 /* note', 'a /* comment is not closed with */ (found a comment)'],
  ['{"a": "\\u12"}', 'a \\u escape needs four hex digits (found a string)'],
  ['{"a": "C:\\media"}', 'a backslash starts an escape JSON does not have (write \\\\ for a backslash) (found a string)'],
  ['{"a": "tab\there"}', 'a string holds a control character such as a tab (write \\t) (found a string)']
])('%j: %s', (text, problem) => {
  expect(firstProblem(text)).toBe(problem);
});

test('what stands there is never quoted when it could be a value: a secret, a URL with a password or a signed query', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const texts = [
    `{"AWS_KEY": "AKIAEXAMPLE", "AWS_SECRET" "${secret}"}`,
    `{"AWS_SECRET": ${secret}}`,
    `{"AWS_SECRET": "${secret}\t"}`,
    `{"AWS_SECRET": "${secret}`,
    `{"AWS_ENDPOINT": "https://AKIAEXAMPLE:${secret}@s3.example.com\n}`,
    `["https://a.example/?X-Amz-Signature=${secret}`,
    `{"a": 1 // "AWS_SECRET": "${secret}"\n/* ${secret}`
  ];
  for (const text of texts) {
    const problem = firstProblem(text);
    expect(problem).not.toMatch(/wJalr|AKIA|Signature/);
    expect(problem).toMatch(/\(found (a string|a word|a comment)\)$/);
  }
});
