import { checkKeyLengths, MAX_KEY_BYTES, storeKey } from '../src/pipeline/key-limits.js';

const refusal = (prefix: string, paths: string[]): string => {
  try {
    checkKeyLengths(prefix, paths);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

test('the key is the prefix without its outer slashes, a slash, and the path', () => {
  expect(storeKey('/site/media/', 'a.css')).toBe('site/media/a.css');
  expect(storeKey('', 'a.css')).toBe('a.css');
});

test('exactly 1,024 bytes passes; 1,025 is refused with the path and its length', () => {
  expect(refusal('p', ['x'.repeat(MAX_KEY_BYTES - 2)])).toBe('accepted');
  expect(refusal('p', ['x'.repeat(MAX_KEY_BYTES - 1)])).toBe(
    `1 key is over S3's limit of 1024 bytes: ${'x'.repeat(1023)} (1025 bytes); a key is AWS_PREFIX (2 bytes with its slash) and the path; allowed: at most 1024 bytes of UTF-8 in all`
  );
});

test('bytes of UTF-8 are counted, not characters', () => {
  // 342 × "é" is 342 characters and 684 bytes; with a 340-byte prefix the key is 1,025 bytes.
  expect(refusal('p'.repeat(340), ['é'.repeat(342)])).toMatch(/^1 key is over S3's limit of 1024 bytes: é{342} \(1025 bytes\); a key is AWS_PREFIX \(341 bytes with its slash\)/);
  expect(refusal('p'.repeat(339), ['é'.repeat(342)])).toBe('accepted');
});

test('many long keys are counted and the first five named', () => {
  const paths = Array.from({ length: 8 }, (_, index) => `${index}/${'y'.repeat(1030)}`);
  expect(refusal('', ['short.css', ...paths])).toMatch(/^8 keys are over S3's limit of 1024 bytes: 0\/y+ \(1032 bytes\), 1\/.*, 4\/y+ \(1032 bytes\) and 3 more; /);
});
