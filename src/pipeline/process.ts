import { createHash } from 'node:crypto';
import type { MediaObject } from '../backends/contract.js';
import { gzipIfSmaller } from './compress.js';
import { cacheHeaders, contentTypeFor } from './headers.js';
import { joinParts, type Bundle } from './join.js';
import { minifiableKind, minifySource } from './minify.js';

export interface ProcessOptions {
  minify: boolean;
  gzip: boolean;
  expirationDays: number;
  now: Date;
}

/** A stored object with the sizes it went through, for the manifest and the summary. */
export interface ProcessedObject extends MediaObject {
  sourceSize: number;
  minifiedSize: number;
  /** For a JOINED alias: the parts it was built from. */
  parts?: string[];
}

export interface SourceBytes {
  relPath: string;
  body: Buffer;
}

/**
 * Minify every JS and CSS file, build each bundle from its minified parts, then set headers
 * and gzip. Parts are minified once and reused by every bundle that names them.
 */
export async function processMedia(sources: readonly SourceBytes[], bundles: readonly Bundle[], options: ProcessOptions): Promise<ProcessedObject[]> {
  const minified = new Map<string, { source: Buffer; output: Buffer }>();
  for (const { relPath, body } of sources) {
    const kind = options.minify ? minifiableKind(relPath) : undefined;
    minified.set(relPath, { source: body, output: kind ? await minifySource(kind, body, relPath) : body });
  }
  const objects = [...minified].map(([relPath, { source, output }]) => finish(relPath, source.length, output, options));
  for (const bundle of bundles) {
    const parts = bundle.parts.map((part) => minified.get(part)!);
    const sourceSize = parts.reduce((sum, part) => sum + part.source.length, 0);
    const body = joinParts(bundle.kind, parts.map((part) => part.output));
    objects.push({ ...finish(bundle.alias, sourceSize, body, options), parts: bundle.parts });
  }
  return objects.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function finish(relPath: string, sourceSize: number, output: Buffer, options: ProcessOptions): ProcessedObject {
  const contentType = contentTypeFor(relPath);
  const encoded = options.gzip ? gzipIfSmaller(output, contentType) : { body: output };
  return {
    path: relPath,
    body: encoded.body,
    contentType,
    contentEncoding: encoded.contentEncoding,
    ...cacheHeaders(options.expirationDays, options.now),
    md5: createHash('md5').update(encoded.body).digest('hex'),
    sourceSize,
    minifiedSize: output.length
  };
}
