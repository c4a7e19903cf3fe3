import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { alreadyGzipped, gzipIfSmaller } from './compress.js';
import { contentTypeFor } from './headers.js';
import type { InputMaps } from './input-maps.js';
import type { BundleKind } from './join.js';
import { minifiableKind } from './minifiable.js';
import { joinBundle, prepareSources, type PreparedSources, type Reference } from './references/index.js';
import { buildWithMaps, hasSourceMap } from './transform-maps.js';
import { noGate, type ZlibGate } from './worker-stop.js';

/** One stored object to build: a file, or a JOINED bundle from its parts (read from disk here, so no bytes cross threads twice). */
export interface TransformJob {
  path: string;
  sources: { relPath: string; absPath: string }[];
  /** Set for a JOINED bundle: how its parts are joined. */
  joinKind?: BundleKind;
  minify: boolean;
  gzip: boolean;
  /** SOURCE_MAPS: store a map beside a minified file or a bundle. */
  sourceMaps?: boolean;
  /** SRI: give the sha384 integrity of the output (and of its map). */
  sri?: boolean;
  /** The remote media URL's path, which root-relative imports are resolved under. */
  mediaPath?: string;
}

export interface TransformResult {
  body: Buffer;
  contentType: string;
  contentEncoding?: 'gzip';
  sourceSize: number;
  minifiedSize: number;
  md5: string;
  /** sha256 of each source's bytes as read for this object: what the sync manifest records, so it always describes what was stored. */
  sourceHashes: string[];
  /** How many sources went through a minifier (tests use it to prove unchanged files are not re-minified). */
  minified: number;
  /** Time spent minifying and gzipping, for the benchmark. */
  workMs: number;
  /** What a single JS or CSS file refers to in MEDIA_ROOT. */
  references: Reference[];
  /** With SOURCE_MAPS, the object's map as stored at `<path>.map`. */
  map?: { body: Buffer; contentEncoding?: 'gzip'; md5: string; size: number; integrity?: string; inputMaps: InputMaps };
  /** SRI: `sha384-…` of the output before gzip, the bytes a browser checks. */
  integrity?: string;
  /** A single JS file that is an ES module. */
  module?: boolean;
  /** A single JS file's import targets in MEDIA_ROOT. */
  imports?: string[];
}

/** Whether building from these sources runs a minifier (the slow kind of work). */
export function minifiesAny(minify: boolean, sources: readonly { relPath: string }[]): boolean {
  return minify && sources.some((source) => minifiableKind(source.relPath) !== undefined);
}

/** Whether a job has CPU work worth a worker thread: minifying, joining or gzipping. */
export function needsWorker(job: TransformJob, isCompressible: (contentType: string) => boolean): boolean {
  if (job.joinKind || minifiesAny(job.minify, job.sources)) return true;
  return job.gzip && isCompressible(contentTypeFor(job.path));
}

/** Read, minify, join and gzip one object on the main thread: the pure CPU stage, which workers run through transformSources. */
export async function transform(job: TransformJob): Promise<TransformResult> {
  return transformSources(job, await readSources(job), noGate);
}

export function readSources(job: TransformJob): Promise<Buffer[]> {
  return Promise.all(job.sources.map((source) => readFile(source.absPath)));
}

/** Minify, join and gzip sources already read. The minifiers load on first use: a run that minifies nothing never loads them. */
export async function transformSources(job: TransformJob, sources: Buffer[], gate: ZlibGate): Promise<TransformResult> {
  const started = performance.now();
  let minified = 0;
  const prepared = prepareSources(job.path, job.joinKind, job.sources, sources, job.mediaPath);
  if (job.sourceMaps && hasSourceMap(job)) {
    const mapped = await buildWithMaps(job, prepared);
    const map = job.gzip ? gzipIfSmaller(mapped.map, 'application/json', gate) : { body: mapped.map };
    const mapInfo = {
      body: map.body,
      contentEncoding: map.contentEncoding,
      md5: createHash('md5').update(map.body).digest('hex'),
      size: mapped.map.length,
      integrity: job.sri ? integrityOf(mapped.map) : undefined,
      inputMaps: mapped.inputMaps
    };
    return { ...encode(job, sources, mapped.output, mapped.minified, started, prepared, gate), map: mapInfo };
  }
  const outputs = await Promise.all(
    job.sources.map(async (source, index) => {
      const kind = job.minify ? minifiableKind(source.relPath) : undefined;
      if (!kind) return prepared.inputs[index];
      minified++;
      const { minifySource } = await import('./minify.js');
      return minifySource(kind, prepared.inputs[index], source.relPath, prepared.module === true);
    })
  );
  const output = job.joinKind ? joinBundle(job.joinKind, prepared, outputs) : outputs[0];
  return encode(job, sources, output, minified, started, prepared, gate);
}

/** Subresource Integrity's value for bytes as the browser receives them. */
export function integrityOf(bytes: Buffer): string {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

function encode(job: TransformJob, sources: Buffer[], output: Buffer, minified: number, started: number, prepared: Pick<PreparedSources, 'references' | 'module' | 'imports'>, gate: ZlibGate): TransformResult {
  const contentType = contentTypeFor(job.path);
  const encoded = alreadyGzipped(job.path, output) ?? (job.gzip ? gzipIfSmaller(output, contentType, gate) : { body: output });
  return {
    body: encoded.body,
    contentType,
    contentEncoding: encoded.contentEncoding,
    sourceSize: sources.reduce((sum, source) => sum + source.length, 0),
    minifiedSize: output.length,
    md5: createHash('md5').update(encoded.body).digest('hex'),
    sourceHashes: sources.map((source) => createHash('sha256').update(source).digest('hex')),
    minified,
    workMs: performance.now() - started,
    references: prepared.references,
    integrity: job.sri ? integrityOf(output) : undefined,
    module: prepared.module === true ? true : undefined,
    imports: prepared.imports
  };
}
