import { createHash } from 'node:crypto';
import type { MediaObject } from '../../src/backends/contract.js';

/** A CSS object as the pipeline hands it to a backend, with its MD5 computed. */
export function mediaObject(relPath: string, text: string, extra: Partial<MediaObject> = {}): MediaObject {
  const body = Buffer.from(text);
  return {
    path: relPath,
    body,
    contentType: 'text/css; charset=utf-8',
    cacheControl: 'max-age=86400, public',
    expires: new Date('2030-01-02T03:04:05Z'),
    md5: createHash('md5').update(body).digest('hex'),
    ...extra
  };
}
