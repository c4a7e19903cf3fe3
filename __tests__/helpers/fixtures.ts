import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { S3_CREDENTIALS } from '../../scripts/s3-server.mjs';
import { resolveSettings } from '../../src/settings/load.js';
import type { Settings } from '../../src/settings/schema.js';

export const REPO_ROOT = process.cwd();
export const EXAMPLE_SITE = path.join(REPO_ROOT, 'examples', 'site');
export const EXAMPLE_MEDIA = path.join(EXAMPLE_SITE, 'media');

/** A scratch folder removed by the returned function. */
export function tempDir(prefix = 'mediasync-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the example media that a test may change. */
export function copyExampleMedia(into: string): string {
  const media = path.join(into, 'media');
  cpSync(EXAMPLE_MEDIA, media, { recursive: true });
  return media;
}

/** The example site's mediasync.json, pointed at a copy of its media and at a test S3 server, with overrides. */
export function exampleS3Settings(place: { dir: string; media: string; endpoint: string }, overrides: Record<string, unknown> = {}): Settings {
  const example = JSON.parse(readFileSync(path.join(EXAMPLE_SITE, 'mediasync.json'), 'utf8'));
  return resolveSettings({
    file: {
      path: path.join(place.dir, 'mediasync.json'),
      text: JSON.stringify({
        ...example,
        MEDIA_ROOT: place.media,
        AWS_ENDPOINT: place.endpoint,
        AWS_KEY: S3_CREDENTIALS.accessKeyId,
        AWS_SECRET: S3_CREDENTIALS.secretAccessKey,
        ...overrides
      })
    },
    cwd: place.dir
  });
}
