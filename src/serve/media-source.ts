import path from 'node:path';
import { emptySidecar, headersFor, readTreeSidecar, sidecarFileOf } from '../backends/headers-sidecar.js';
import { alreadyGzipped } from '../pipeline/compress.js';
import { contentTypeFor } from '../pipeline/headers.js';
import { bundleKind } from '../pipeline/join.js';
import { minifiableKind } from '../pipeline/minifiable.js';
import type { PublishedTest } from '../pipeline/published.js';
import { minifySource } from '../pipeline/minify.js';
import { joinBundle, prepareSources } from '../pipeline/references/index.js';
import { readFileInside } from '../read-inside.js';

/** Bytes to answer with and the headers that describe them. */
export interface ServedFile {
  /** 200 unless said. */
  status?: number;
  body: Buffer;
  headers: Record<string, string>;
}

/**
 * Where the dev server reads a file from, by its path below the mount. Sources wrap one another
 * (processing, bundles, page rendering) so a folder whose headers are kept elsewhere can be
 * served by writing one more source.
 */
export interface MediaSource {
  read(relPath: string): Promise<ServedFile | undefined>;
}

/**
 * Files of a folder with their Content-Type; symlinks that resolve outside it are not served.
 * With `published` (MEDIA_ROOT's rule), neither the path asked for nor the file it really is
 * may be one the sync never publishes.
 */
export function folderSource(root: string, published?: PublishedTest): MediaSource {
  return {
    async read(relPath) {
      if (published?.(relPath)) return undefined;
      const body = await readFileInside(root, relPath, published);
      if (!body) return undefined;
      // As the sync stores it: a browser shows a gzipped .svgz only when told it is gzip.
      const headers: Record<string, string> = { 'Content-Type': contentTypeFor(relPath) };
      if (alreadyGzipped(relPath, body)) headers['Content-Encoding'] = 'gzip';
      return { body, headers };
    }
  };
}

/** Reads of a file and the sidecar before a body no entry matches is answered 503: a sync replacing it in between costs one more. */
const SYNCED_READ_ATTEMPTS = 3;

/**
 * The filesystem backend's tree (FILESYSTEM_ROOT, under AWS_PREFIX) as S3 would serve it: each
 * file with the headers the sync stored for it (Content-Encoding, Cache-Control, Expires),
 * chosen by the MD5 of the very bytes sent. A body no stored headers match (a sync killed before
 * it stored the file, a file put there by hand) is answered 503, never with guessed headers.
 */
export function syncedTreeSource(root: string, prefix: string): MediaSource {
  const keyPrefix = prefix.replace(/^\/+|\/+$/g, '');
  const files = folderSource(path.join(root, ...keyPrefix.split('/').filter(Boolean)));
  const sidecarPath = sidecarFileOf(root, keyPrefix);
  return {
    async read(relPath): Promise<ServedFile | undefined> {
      const key = keyPrefix ? `${keyPrefix}/${relPath}` : relPath;
      for (let attempt = 1; ; attempt++) {
        const file = await files.read(relPath);
        if (!file) return undefined;
        const stored = headersFor((await readTreeSidecar(root, keyPrefix))?.sidecar ?? emptySidecar(), key.split('/').map(encodeURIComponent).join('/'), file.body);
        if (stored) return { body: file.body, headers: { ...stored } };
        if (attempt === SYNCED_READ_ATTEMPTS) {
          const text = `${relPath}: no headers in ${sidecarPath} match this file's bytes, so it is not served with guessed ones; run mediasync sync to store it again\n`;
          return { status: 503, body: Buffer.from(text), headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '1' } };
        }
      }
    }
  };
}

/** JS and CSS minified on the fly, as the sync would store them (a parse error is the reply). */
export function minifiedSource(inner: MediaSource): MediaSource {
  return {
    async read(relPath) {
      const file = await inner.read(relPath);
      const kind = minifiableKind(relPath);
      if (!file || !kind) return file;
      const module = kind === 'js' && prepareSources(relPath, undefined, [{ relPath }], [file.body]).module === true;
      return { ...file, body: await minifySource(kind, file.body, relPath, module) };
    }
  };
}

/** JOINED aliases answered with their parts rebased and joined as the sync stores them (EMULATE_COMBO). */
export function comboSource(inner: MediaSource, joined: Readonly<Record<string, readonly string[]>>): MediaSource {
  return {
    async read(relPath) {
      const parts = joined[relPath];
      const kind = bundleKind(relPath);
      if (!parts || !kind) return inner.read(relPath);
      const bodies = await Promise.all(
        parts.map(async (part) => {
          const file = await inner.read(part);
          if (!file) throw new Error(`JOINED ${relPath}: part ${part} is not a file in MEDIA_ROOT`);
          return file.body;
        })
      );
      const prepared = prepareSources(relPath, kind, parts.map((part) => ({ relPath: part })), bodies);
      return { body: joinBundle(kind, prepared, prepared.inputs), headers: { 'Content-Type': contentTypeFor(relPath) } };
    }
  };
}

/** HTML pages passed through a renderer (the example site's tags); other files as they are. */
export function renderedPages(inner: MediaSource, render: (template: string, relPath: string) => string | Promise<string>): MediaSource {
  return {
    async read(relPath) {
      const file = await inner.read(relPath);
      if (!file || !/\.html?$/i.test(relPath)) return file;
      return { ...file, body: Buffer.from(await render(file.body.toString('utf8'), relPath), 'utf8') };
    }
  };
}
