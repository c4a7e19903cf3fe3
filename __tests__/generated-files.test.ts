import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedFiles } from '../scripts/generated-files.js';
import { REPO_ROOT } from './helpers/fixtures.js';

// `npm run generate` sets UPDATE_GENERATED to rewrite the files instead of checking them.
const update = process.env.UPDATE_GENERATED === '1';

describe.each(Object.entries(generatedFiles(REPO_ROOT)))('%s', (file, expected) => {
  test(update ? 'is rewritten from the source' : 'matches the source (run `npm run generate` if not)', () => {
    const target = path.join(REPO_ROOT, file);
    if (update) writeFileSync(target, expected);
    expect(readFileSync(target, 'utf8')).toBe(expected);
  });
});
