import fc from 'fast-check';
import { s3MediaUrl } from '../src/backends/s3-url.js';
import { withShortcut } from '../src/pipeline/join.js';
import { encodePath, mediaFileUrl } from '../src/render/urls.js';
import { SettingsError } from '../src/settings/errors.js';
import { resolveSettings } from '../src/settings/load.js';

// Property tests for path → key → URL: whatever the names, no key escapes its prefix and the
// URL decodes back to exactly the key.

/** A file or folder name walk() accepts: not hidden or underscored, no slash, backslash or control character. */
const segment = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
  .filter((name) => !/[/\\\x00-\x1f\x7f]/.test(name) && !name.startsWith('.') && !name.startsWith('_'));
const relPath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
const prefix = fc.array(segment, { minLength: 0, maxLength: 3 }).map((parts) => parts.join('/'));

const decodePath = (pathname: string) => pathname.split('/').map(decodeURIComponent).join('/');

test('a media URL decodes back to bucket, prefix and key, and never leaves the prefix', () => {
  fc.assert(
    fc.property(prefix, relPath, fc.boolean(), (keyPrefix, key, withSsl) => {
      const base = s3MediaUrl({ bucket: 'media-bucket', prefix: keyPrefix, region: 'eu-west-1', endpoint: 'http://127.0.0.1:9000', cname: false }, withSsl);
      const url = new URL(mediaFileUrl(base, key, 'cb 1'));
      const storedKey = keyPrefix ? `${keyPrefix}/${key}` : key;
      expect(decodePath(url.pathname)).toBe(`/media-bucket/${storedKey}`);
      expect(url.search).toBe('?cb%201');
      expect(url.href.startsWith(`${base}/`)).toBe(true);
      expect(url.hash).toBe('');
    }),
    { numRuns: 300 }
  );
});

test('encodePath keeps slashes, encodes everything else a URL could misread, and round-trips', () => {
  fc.assert(
    fc.property(relPath, (key) => {
      const encoded = encodePath(key);
      expect(encoded).not.toMatch(/[?#%\s+](?![0-9A-F]{2})/);
      expect(encoded.split('/')).toHaveLength(key.split('/').length);
      expect(decodePath(encoded)).toBe(key);
    }),
    { numRuns: 300 }
  );
});

test('AWS_PREFIX is accepted exactly when it is a relative path of output-safe characters with no . or .. segment', () => {
  const candidate = fc.oneof(
    prefix,
    fc.array(fc.constantFrom('a', 'b', '.', '..', '', '\\', 'x\\y', '/', 'ü', '\n', '\u2028'), { maxLength: 5 }).map((parts) => parts.join('/')),
    fc.string()
  );
  fc.assert(
    fc.property(candidate, (value) => {
      // What reaches media-url keeps to ASCII letters, digits, spaces and - . _ ~ / # + (no backslash or control character among them).
      const safe = !value.startsWith('/') && /^[A-Za-z0-9 ._~/#+-]*$/.test(value) && !value.split('/').some((part) => part === '.' || part === '..');
      let accepted = true;
      try {
        resolveSettings({ file: { path: 'm.json', text: JSON.stringify({ MEDIA_ROOT: 'm', BACKEND: 'dummy', AWS_PREFIX: value }) }, cwd: '/w' });
      } catch (error) {
        expect(error).toBeInstanceOf(SettingsError);
        expect((error as Error).message).toContain('AWS_PREFIX');
        accepted = false;
      }
      expect(accepted).toBe(safe);
    }),
    { numRuns: 500 }
  );
});

test('CSS_PATH / JS_PATH shortcuts keep a part inside its folder', () => {
  fc.assert(
    fc.property(prefix, relPath, (folder, part) => {
      const joined = withShortcut(part, 'css', { CSS_PATH: folder, JS_PATH: '' });
      expect(joined).toBe(folder ? `${folder}/${part}` : part);
      expect(joined.split('/').every((piece) => piece !== '..' && piece !== '.')).toBe(true);
    }),
    { numRuns: 300 }
  );
});
