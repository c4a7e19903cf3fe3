import compressible from 'compressible';
import type { SyncEntry } from './sync-manifest.js';
import { cacheHeaders, contentTypeFor } from './headers.js';
import type { Bundle, BundleKind } from './join.js';
import { GZIP_HEAD_BYTES, isGzippedSvg } from './compress.js';
import type { InputMaps } from './input-maps.js';
import { bundleSourceHash, outputSettingsHash, type OutputSettings } from './output-settings.js';
import { statSync } from 'node:fs';
import type { Reference } from './references/index.js';
import { digestFile } from './source-hash.js';
import { needsWorker, transform, type TransformJob, type TransformResult } from './transform.js';
import { hasSourceMap } from './transform-maps.js';
import { stampOf, type SourceFile } from './walk.js';
import type { WorkerPool } from './worker-pool.js';

/**
 * Files above this size are streamed to the store as they are (no minify, no gzip): processing
 * them would mean holding them whole in memory.
 */
export const STREAM_THRESHOLD_BYTES = 16 * 1024 * 1024;

/** A stored object's headers and sizes, for the manifest and the summary; its bytes are not kept. */
export interface ProcessedObject {
  path: string;
  contentType: string;
  contentEncoding?: 'gzip';
  cacheControl: string;
  expires: Date;
  /** MD5 of the stored bytes, hex. */
  md5: string;
  sourceSize: number;
  minifiedSize: number;
  /** Bytes stored, after gzip. */
  storedSize: number;
  /** For a JOINED alias: the parts it was built from. */
  parts?: string[];
  /** SOURCE_MAPS: the path of its map (an object of its own, which FINGERPRINT stores at a key of its own). */
  map?: string;
  /** FINGERPRINT: the content-hashed key it is stored at (otherwise its path). */
  key?: string;
  /** SRI: `sha384-…` of the bytes a browser receives. */
  integrity?: string;
  /** An ES module. */
  module?: true;
  /** A single JS file: the MEDIA_ROOT paths it imports (statically, or by import() of a string), which the import map must list. */
  imports?: string[];
}

/** Where an object is stored: its content-hashed key with FINGERPRINT, else its path. */
export function storedKey(object: Pick<ProcessedObject, 'path' | 'key'>): string {
  return object.key ?? object.path;
}

/** One object to sync, a file or a JOINED bundle, with what decides whether it changed. */
export interface SyncTarget {
  path: string;
  sources: { relPath: string; absPath: string }[];
  joinKind?: BundleKind;
  /** Bytes of all sources. */
  size: number;
  sourceHash: string;
  settingsHash: string;
  parts?: string[];
  /** SOURCE_MAPS: the key of this object's map. */
  mapPath?: string;
  /** For a map: the object it maps, built together with it. */
  mapOf?: string;
}

export interface BuildOptions extends OutputSettings {
  now: Date;
  pool: WorkerPool;
  /** The synced files, which references are checked against. */
  files?: ReadonlySet<string>;
}

/**
 * A built object: its bytes in memory, or for a large file, the file to stream with its stamp
 * when hashed (the upload checks it again). `sourceHash` is of the bytes this build read, so
 * what the sync manifest records is what was stored even when a file changes mid-run.
 * `missing` lists its references to files that are not synced.
 */
export type BuiltObject =
  | { object: ProcessedObject; sourceHash: string; body: Buffer; minified: number; workMs: number; missing: Reference[]; inputMaps?: InputMaps }
  | { object: ProcessedObject; sourceHash: string; file: string; stamp: string; minified: 0; workMs: 0; missing: [] };

/** Every file, then every bundle, with source hashes from `hashes` and the settings hash for its path. */
export function syncTargets(files: readonly SourceFile[], bundles: readonly Bundle[], hashes: ReadonlyMap<string, string>, settings: OutputSettings): SyncTarget[] {
  const byPath = new Map(files.map((file) => [file.relPath, file]));
  const targets: SyncTarget[] = files.map((file) => ({
    path: file.relPath,
    sources: [{ relPath: file.relPath, absPath: file.absPath }],
    size: file.size,
    sourceHash: hashes.get(file.relPath)!,
    settingsHash: outputSettingsHash(file.relPath, settings)
  }));
  for (const bundle of bundles) {
    const parts = bundle.parts.map((part) => byPath.get(part)!);
    targets.push({
      path: bundle.alias,
      sources: parts.map((part) => ({ relPath: part.relPath, absPath: part.absPath })),
      joinKind: bundle.kind,
      size: parts.reduce((sum, part) => sum + part.size, 0),
      sourceHash: bundleSourceHash(bundle.kind, bundle.parts.map((part) => hashes.get(part)!)),
      settingsHash: outputSettingsHash(bundle.alias, settings),
      parts: bundle.parts
    });
  }
  return withMapTargets(targets, settings).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * With SOURCE_MAPS, each minified file and bundle gets a `<path>.map` target built with it. A
 * map file of MEDIA_ROOT at that key gives way: the generated map chains it, so nothing is lost.
 */
function withMapTargets(targets: SyncTarget[], settings: OutputSettings): SyncTarget[] {
  if (!settings.sourceMaps) return targets;
  const maps: SyncTarget[] = [];
  for (const target of targets) {
    if (isStreamed(target) || !hasSourceMap({ path: target.path, joinKind: target.joinKind, minify: settings.minify })) continue;
    target.mapPath = `${target.path}.map`;
    maps.push({ ...target, path: target.mapPath, mapPath: undefined, parts: undefined, mapOf: target.path, settingsHash: outputSettingsHash(target.path, settings) });
  }
  const generated = new Set(maps.map((map) => map.path));
  return [...targets.filter((target) => !generated.has(target.path)), ...maps];
}

/**
 * Build one target's stored object: minify, join and gzip in a worker when there is CPU work,
 * inline when there is none, and for a large file only a streamed MD5 pass.
 */
export async function buildObject(target: SyncTarget, options: BuildOptions): Promise<BuiltObject> {
  const headers = cacheHeaders(options.expirationDays, options.now);
  if (isStreamed(target)) {
    const [source] = target.sources;
    const stats = statSync(source.absPath, { bigint: true });
    const size = Number(stats.size);
    const { digests, head } = await digestFile(source.absPath, size, options.sri ? ['md5', 'sha256', 'sha384'] : ['md5', 'sha256'], GZIP_HEAD_BYTES);
    const [md5, sourceHash, sha384] = digests;
    const sizes = { sourceSize: size, minifiedSize: size, storedSize: size };
    const integrity = sha384 && `sha384-${Buffer.from(sha384, 'hex').toString('base64')}`;
    // Sent as it is, never gzipped here: only a gzipped .svgz says so, as a small one does.
    const gzipped = isGzippedSvg(target.path, head) ? { contentEncoding: 'gzip' as const } : {};
    const object = { path: target.path, contentType: contentTypeFor(target.path), ...headers, ...gzipped, md5, ...sizes, ...(integrity ? { integrity } : {}) };
    return { object, sourceHash, file: source.absPath, stamp: stampOf(stats), minified: 0, workMs: 0, missing: [] };
  }
  const path = target.mapOf ?? target.path;
  const job: TransformJob = {
    path,
    sources: target.sources,
    joinKind: target.joinKind,
    minify: options.minify,
    gzip: options.gzip,
    sourceMaps: target.mapPath !== undefined || target.mapOf !== undefined,
    sri: options.sri,
    mediaPath: options.mediaPath
  };
  const { result, work } = await builtTogether(job, options);
  // Computed as syncTargets computes target.sourceHash, but from the bytes this build read.
  const sourceHash = target.joinKind ? bundleSourceHash(target.joinKind, result.sourceHashes) : result.sourceHashes[0];
  if (target.mapOf) return mapObject(target, result.map!, headers, sourceHash, work);
  const object: ProcessedObject = {
    path: target.path,
    contentType: result.contentType,
    contentEncoding: result.contentEncoding,
    ...headers,
    md5: result.md5,
    sourceSize: result.sourceSize,
    minifiedSize: result.minifiedSize,
    storedSize: result.body.length,
    parts: target.parts,
    map: target.mapPath,
    ...(result.integrity ? { integrity: result.integrity } : {}),
    ...(result.module ? { module: true as const } : {}),
    ...(result.imports?.length ? { imports: result.imports } : {})
  };
  const missing = options.files ? result.references.filter((reference) => reference.target === undefined || !options.files!.has(reference.target)) : [];
  return { object, sourceHash, body: result.body, ...work, missing };
}

/** An object and its map come from one transform: whichever is built first starts it, the other takes it (on every run, a fresh cache). */
const together = new WeakMap<BuildOptions, Map<string, Promise<TransformResult>>>();

/** The transform's result, and the work it took, counted for whichever of the two started it (the other took it as done). */
async function builtTogether(job: TransformJob, options: BuildOptions): Promise<{ result: TransformResult; work: { minified: number; workMs: number } }> {
  const counted = (result: TransformResult) => ({ result, work: { minified: result.minified, workMs: result.workMs } });
  const run = () => (needsWorker(job, isCompressible) ? options.pool.run(job) : transform(job));
  if (!job.sourceMaps) return counted(await run());
  const cache = together.get(options) ?? new Map();
  together.set(options, cache);
  const shared = cache.get(job.path);
  if (shared) {
    cache.delete(job.path);
    return { result: await shared, work: { minified: 0, workMs: 0 } };
  }
  const result = run();
  result.catch(() => {});
  cache.set(job.path, result);
  return counted(await result);
}

function mapObject(
  target: SyncTarget,
  map: NonNullable<TransformResult['map']>,
  headers: ReturnType<typeof cacheHeaders>,
  sourceHash: string,
  work: { minified: number; workMs: number }
): BuiltObject {
  const body = Buffer.from(map.body);
  const object: ProcessedObject = {
    path: target.path,
    contentType: contentTypeFor(target.path),
    contentEncoding: map.contentEncoding,
    ...headers,
    md5: map.md5,
    sourceSize: target.size,
    minifiedSize: map.size,
    storedSize: body.length,
    ...(map.integrity ? { integrity: map.integrity } : {})
  };
  return { object, sourceHash, body, ...work, missing: [], inputMaps: map.inputMaps };
}

/** Whether a target is a large file sent as it is: never read whole, so never minified or gzipped. A bundle is always built. */
export function isStreamed(target: SyncTarget): boolean {
  return !target.joinKind && target.size > STREAM_THRESHOLD_BYTES;
}

/** The object a manifest entry says is stored, for a target that did not change. */
export function objectFromEntry(target: SyncTarget, entry: SyncEntry): ProcessedObject {
  return {
    path: target.path,
    contentType: contentTypeFor(target.path),
    contentEncoding: entry.contentEncoding,
    cacheControl: entry.cacheControl,
    expires: new Date(entry.expires),
    md5: entry.md5,
    sourceSize: entry.sourceSize,
    minifiedSize: entry.minifiedSize,
    storedSize: entry.size,
    parts: target.parts,
    map: target.mapPath,
    ...(entry.key ? { key: entry.key } : {}),
    ...(entry.integrity ? { integrity: entry.integrity } : {}),
    ...(entry.module ? { module: true as const } : {}),
    ...(entry.imports ? { imports: entry.imports } : {})
  };
}

/** The manifest entry for an object just stored (or found already stored) with this ETag; `refs`: the keys its references were rewritten to. */
export function entryFor(target: SyncTarget, built: Pick<BuiltObject, 'object' | 'sourceHash'> & { inputMaps?: InputMaps }, etag: string, refs?: Record<string, string>): SyncEntry {
  const { object } = built;
  return {
    ...(built.inputMaps ? { inputMaps: built.inputMaps } : {}),
    ...(object.key ? { key: object.key } : {}),
    ...(refs && Object.keys(refs).length > 0 ? { refs } : {}),
    ...(object.integrity ? { integrity: object.integrity } : {}),
    ...(object.module ? { module: true as const } : {}),
    ...(object.imports ? { imports: object.imports } : {}),
    source: built.sourceHash,
    settings: target.settingsHash,
    etag,
    size: object.storedSize,
    md5: object.md5,
    contentEncoding: object.contentEncoding,
    cacheControl: object.cacheControl,
    sourceSize: object.sourceSize,
    minifiedSize: object.minifiedSize,
    expires: object.expires.getTime()
  };
}

function isCompressible(contentType: string): boolean {
  return compressible(contentType.split(';')[0]) === true;
}
