// A settings.py block pasted into mediasync.json is named for what it is, each Python construct
// with its place, pointing at the README's conversion; an empty file says it is empty.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readConfigFile } from '../src/settings/config-file.js';
import { resolveSettings } from '../src/settings/load.js';
import { REPO_ROOT, tempDir } from './helpers/fixtures.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
});
afterEach(() => scratch.remove());

async function messageFor(text: string): Promise<string> {
  writeFileSync(path.join(scratch.dir, 'mediasync.json'), text);
  try {
    resolveSettings({ file: await readConfigFile(undefined, scratch.dir), cwd: scratch.dir });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('accepted');
}

const one = (problem: string) => `Invalid settings (1 problem):\n  - ${problem}`;
const SEE = "see README 'From a Django MEDIASYNC dict'";

test("the README's settings.py block names every Python construct in it", async () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const python = /```python\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('### From a Django MEDIASYNC dict')))![1];
  expect(await messageFor(python)).toBe(
    one(
      'mediasync.json:1:1: is a Python dict, not JSON (an assignment (MEDIASYNC = {) at 1:1, \'single quotes\' at 2:5, os.environ or os.path at 3:16, True at 7:25, a # comment at 9:35, lambda at 10:21): ' +
        SEE
    )
  );
});

test.each([
  ['single quotes', "{'MEDIA_ROOT': 'media'}", "mediasync.json:1:2: is a Python dict, not JSON ('single quotes' at 1:2): " + SEE],
  ['True', '{"MEDIA_ROOT": "media", "AWS_GZIP": True}', 'mediasync.json:1:37: is a Python dict, not JSON (True at 1:37): ' + SEE],
  ['False and None', '{\n  "MEDIA_ROOT": "media",\n  "MINIFY": False,\n  "AWS_REGION": None,\n}', 'mediasync.json:3:13: is a Python dict, not JSON (False at 3:13, None at 4:17): ' + SEE],
  ['an assignment', 'MEDIASYNC = {\n  "MEDIA_ROOT": "media"\n}', 'mediasync.json:1:1: is a Python dict, not JSON (an assignment (MEDIASYNC = {) at 1:1): ' + SEE]
])('%s: named as Python, at its place', async (_, text, problem) => {
  expect(await messageFor(text)).toBe(one(problem));
});

test.each([
  ['Python words inside strings', '{"MEDIA_ROOT": "None True \'x\' # lambda" "BACKEND": "dummy"}', 'mediasync.json:1:41: is not valid JSON: expected a comma before the next entry, or the } or ] that closes this one (found a string)'],
  ['a plain syntax error', '{\n  "MEDIA_ROOT": "media",\n  "AWS_BUCKET": \n}', 'mediasync.json:4:1: is not valid JSON: expected a value (found `}`)']
])('%s: still a JSON error', async (_, text, problem) => {
  expect(await messageFor(text)).toBe(one(problem));
});

test.each([
  ['nothing', ''],
  ['white space', ' \n\t\n'],
  ['a byte order mark', '\uFEFF'],
  ['only comments', '// converted later\n/* nothing yet */\n']
])('a file of %s is empty', async (_, text) => {
  expect(await messageFor(text)).toBe(one('mediasync.json: is empty; expected a JSON object of settings, such as {"MEDIA_ROOT": "media"}'));
});
