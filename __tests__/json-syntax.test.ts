// A settings file that is not JSON is named in words, with what stands where the parser stopped.
import * as jsonc from 'jsonc-parser';
import { jsonSyntaxProblem } from '../src/settings/json-syntax.js';

function firstProblem(text: string): string {
  const errors: jsonc.ParseError[] = [];
  jsonc.parseTree(text, errors, { disallowComments: false, allowTrailingComma: true });
  expect(errors.length).toBeGreaterThan(0);
  return jsonSyntaxProblem(text, errors[0]);
}

test.each([
  ['{"MEDIA_ROOT" "media"}', 'expected a colon after the name (found `"media"`)'],
  ['{"a": 1 "b": 2}', 'expected a comma before the next entry, or the } or ] that closes this one (found `"b"`)'],
  ['{"a": }', 'expected a value (found `}`)'],
  ['{"a": 1', 'expected } to close the object (found the end of the file)'],
  ['{"a": [1', 'expected ] to close the list (found the end of the file)'],
  ['{"a": 1} {}', 'expected the end of the file after the closing } (found `{`)'],
  ['{MEDIA_ROOT: "media"}', 'names and strings take "double quotes"; other values are numbers, true, false, null, [lists] or {objects} (found `MEDIA_ROOT`)'],
  ['{"a": 1, 2}', 'expected a setting name in double quotes (found `2`)'],
  ['{"a": -}', 'names and strings take "double quotes"; other values are numbers, true, false, null, [lists] or {objects} (found `-`)'],
  ['{"a": 1.}', 'a number ends too soon (found `1.`)'],
  ['{"a": "abc', 'a string is not closed with " before its line ends (found `"abc`)'],
  ['{"a": 1 /* note', 'a /* comment is not closed with */ (found `/* note`)'],
  ['{"a": "\\u12"}', 'a \\u escape needs four hex digits (found `"\\u12"`)'],
  ['{"a": "C:\\media"}', 'a backslash starts an escape JSON does not have (write \\\\ for a backslash) (found `"C:\\media"`)'],
  ['{"a": "tab\there"}', 'a string holds a control character such as a tab (write \\t) (found `"tab\\there"`)'],
  ['{"a": "two\nlines"}', 'a string is not closed with " before its line ends (found `"two`)']
])('%j: %s', (text, problem) => {
  expect(firstProblem(text)).toBe(problem);
});

test('a long token is cut short, and what it holds stays on one line', () => {
  const text = `{"a": "${'x'.repeat(100)}\n"}`;
  expect(firstProblem(text)).toBe(`a string is not closed with " before its line ends (found \`"${'x'.repeat(23)}…\`)`);
  expect(firstProblem('{"a": "\u001b[31m"}')).toBe('a string holds a control character such as a tab (write \\t) (found `"\\u001b[31m"`)');
});
