import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from './helpers/fixtures.js';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();

test('the committed dist/ is what the bundle script builds from the source (run `npm run bundle` if not)', () => {
  const scratch = tempDir();
  try {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/bundle.mjs'), scratch.dir], { cwd: REPO_ROOT, stdio: 'pipe' });
    const built = filesUnder(scratch.dir);
    expect(filesUnder(path.join(REPO_ROOT, 'dist'))).toEqual(built);
    for (const file of built) {
      const same = readFileSync(path.join(scratch.dir, file)).equals(readFileSync(path.join(REPO_ROOT, 'dist', file)));
      expect({ file, same }).toEqual({ file, same: true });
    }
  } finally {
    scratch.remove();
  }
}, 300_000);
