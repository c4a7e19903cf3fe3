// "Did you mean" for a mistyped command, option or setting name: two swapped letters count as
// one edit (optimal string alignment), so `snyc`, `tga` and `sevre` get their suggestion.
import fc from 'fast-check';
import leven from 'leven';
import { didYouMean, typoDistance } from '../src/did-you-mean.js';
import { resolveSettings } from '../src/settings/load.js';

const COMMANDS = ['sync', 'tag', 'url', 'serve'];
const OPTIONS = ['--config', '--force', '--dry-run', '--verbose', '--remote', '--local', '--insecure', '--port', '--host', '--pages', '--minify', '--synced', '--help', '--version'];

test.each([
  ['', '', 0],
  ['abc', '', 3],
  ['sync', 'sync', 0],
  ['snyc', 'sync', 1],
  ['tga', 'tag', 1],
  ['sevre', 'serve', 1],
  ['ab', 'ba', 1],
  // Optimal string alignment edits no substring twice: "ca" → "abc" is 3, not Damerau's 2.
  ['ca', 'abc', 3],
  ['kitten', 'sitting', 3],
  ['imniyf', 'minify', 2]
])('typoDistance(%j, %j) is %i', (a, b, distance) => {
  expect(typoDistance(a, b)).toBe(distance);
  expect(typoDistance(b, a)).toBe(distance);
});

test('typoDistance is never more than Levenshtein, and one less for each swap of distinct neighbours', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 8 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 8 }), (a, b) => {
      expect(typoDistance(a, b)).toBeLessThanOrEqual(leven(a, b));
      expect(typoDistance(a, b)).toBe(typoDistance(b, a));
    })
  );
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e'), minLength: 2, maxLength: 10 }), fc.nat(), (word, at) => {
      const index = at % (word.length - 1);
      fc.pre(word[index] !== word[index + 1]);
      const swapped = word.slice(0, index) + word[index + 1] + word[index] + word.slice(index + 2);
      expect(typoDistance(word, swapped)).toBe(1);
    })
  );
});

test.each([
  ['snyc', 'sync', COMMANDS],
  ['ysnc', 'sync', COMMANDS],
  ['tga', 'tag', COMMANDS],
  ['atg', 'tag', COMMANDS],
  ['sevre', 'serve', COMMANDS],
  ['esrve', 'serve', COMMANDS],
  ['synk', 'sync', COMMANDS],
  ['deploy', undefined, COMMANDS],
  ['--verobse', '--verbose', OPTIONS],
  ['--dyr-run', '--dry-run', OPTIONS],
  ['--froce', '--force', OPTIONS],
  ['--isnecure', '--insecure', OPTIONS],
  ['--dryrun', '--dry-run', OPTIONS],
  ['--zzzzzzzz', undefined, OPTIONS]
])('didYouMean(%j) suggests %j', (typed, expected, candidates) => {
  expect(didYouMean(typed, candidates)).toBe(expected);
});

test.each([
  ['IMNIYF', 'MINIFY'],
  ['CNOCURRENYC', 'CONCURRENCY'],
  ['AWS_BUKET', 'AWS_BUCKET'],
  ['MEDIA_RUT', 'MEDIA_ROOT']
])('a setting name %s with letters swapped gets %s suggested', (typed, expected) => {
  const text = JSON.stringify({ MEDIA_ROOT: 'media', AWS_BUCKET: 'my-bucket', [typed]: true });
  expect(() => resolveSettings({ file: { path: 'mediasync.json', text }, cwd: '/work/site' })).toThrow(`${typed} is not a mediasync setting; did you mean ${expected}?`);
});
