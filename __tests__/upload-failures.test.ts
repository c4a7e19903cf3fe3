import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runJob } from '../src/job.js';
import { UploadError } from '../src/pipeline/upload.js';
import { resolveSettings } from '../src/settings/load.js';
import { REPO_ROOT, copyExampleMedia, tempDir } from './helpers/fixtures.js';

let scratch: ReturnType<typeof tempDir>;
beforeEach(() => {
  scratch = tempDir();
});
afterEach(() => scratch.remove());

// The failure the issue met: a seed-style put given an object, failing the same way on every file.
const FAILING = `export class Client {
  remoteMediaUrl() { return 'https://cdn.test'; }
  async put(object) {
    if (object.path === 'styles/print.css') throw new Error('AccessDenied: Access Denied');
    if (object.path !== 'images/arrow.svg') throw new TypeError('The "path" argument must be of type string. Received undefined');
  }
}`;

async function failedSync(): Promise<UploadError> {
  writeFileSync(path.join(scratch.dir, 'failing.mjs'), FAILING);
  copyExampleMedia(scratch.dir);
  const settings = resolveSettings({
    file: { path: path.join(scratch.dir, 'mediasync.json'), text: JSON.stringify({ MEDIA_ROOT: 'media', BACKEND: './failing.mjs', MINIFY: false }) },
    cwd: REPO_ROOT
  });
  const error = await runJob(settings).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UploadError);
  return error as UploadError;
}

test('files failing for the same reason make one line: the reason, the count and a few paths', async () => {
  const error = await failedSync();
  expect(error.message).toBe(
    [
      '6 of the files could not be uploaded:',
      '  - 5 files: The "path" argument must be of type string. Received undefined (images/logo.png, scripts/app.js, scripts/lib.js and 2 more)',
      '  - styles/print.css: AccessDenied: Access Denied',
      // The backend cannot list, so an object it did store may have replaced one: the run says so.
      'The live prefix now holds a mix: 1 object was replaced in place by this run (images/arrow.svg), the others are from the previous sync, ' +
        'and no outputs or manifest were written. Run the sync again to complete it (the replaced objects are sent once more, since no sync manifest records their headers).'
    ].join('\n')
  );
});

test('the details name every path with its reason, in path order', async () => {
  const error = await failedSync();
  const reason = 'The "path" argument must be of type string. Received undefined';
  expect(error.details).toBe(
    [
      `  - images/logo.png: ${reason}`,
      `  - scripts/app.js: ${reason}`,
      `  - scripts/lib.js: ${reason}`,
      '  - styles/print.css: AccessDenied: Access Denied',
      `  - styles/reset.css: ${reason}`,
      `  - styles/text.css: ${reason}`
    ].join('\n')
  );
  expect(error.groups.map((group) => group.paths.length)).toEqual([5, 1]);
});
