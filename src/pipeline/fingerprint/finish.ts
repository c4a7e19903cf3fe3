// Finishing built objects with FINGERPRINT: references rewritten to the keys of what they name,
// leaf first, then gzip, the content hash and the key. An object's map is finished with it: the
// map's columns follow the rewritten URLs, and the object then names the map's own key.
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { alreadyGzipped, gzipIfSmallerAsync } from '../compress.js';
import { cacheHeaders } from '../headers.js';
import { minifiableKind } from '../minifiable.js';
import type { BuiltObject, ProcessedObject, SyncTarget } from '../process.js';
import { integrityOf } from '../transform.js';
import { leafFirst } from './graph.js';
import { shiftMap } from './map-shift.js';
import { contentFingerprint, FINGERPRINT_CHARS, fingerprintedKey, IMMUTABLE_CACHE_CONTROL, IMMUTABLE_SECONDS } from './names.js';
import { outputReferences, rewriteOutput, type OutputReference } from './rewrite.js';

export interface FinishOptions {
  /** AWS_GZIP as the backend allows it: built bodies come unzipped, to be rewritten first. */
  gzip: boolean;
  sri: boolean;
  expirationDays: number;
  now: Date;
  fingerprints: (path: string) => boolean;
}

export interface BuiltTarget {
  target: SyncTarget;
  built: BuiltObject;
}

/** A finished object: its final bytes (or file), and the keys its references were rewritten to. */
export interface FinishedTarget extends BuiltTarget {
  refs: Record<string, string>;
  /** Paths whose uploads must be done before this one's starts. */
  after: string[];
}

/** Work on the thread pool at once (gzip); more would only queue there. */
const FINISH_CONCURRENCY = 4;

/**
 * Finish every built target. `storedKey` gives the key of a target that was not built (reused
 * from the last sync). Throws ReferenceCycleError, before any work, if references loop.
 */
export async function finishAll(builds: readonly BuiltTarget[], storedKey: (path: string) => string | undefined, options: FinishOptions): Promise<Map<string, FinishedTarget>> {
  const byPath = new Map(builds.map((item) => [item.target.path, item]));
  const scanned = new Map<string, OutputReference[]>();
  const dependencies = new Map<string, string[]>();
  /** A map is finished by its object, so a reference to it waits for that object. */
  const owner = (path: string) => byPath.get(path)?.target.mapOf ?? path;
  for (const { target, built } of builds) {
    if (target.mapOf) continue;
    const kind = minifiableKind(target.path);
    const references = kind && 'body' in built ? outputReferences(kind, built.body.toString('utf8'), target.path) : [];
    scanned.set(target.path, references);
    // Its own map is finished with it; any other reference back to itself is a cycle.
    const needs = references.filter((reference) => reference.target !== target.mapPath).map((reference) => owner(reference.target)).filter((path) => byPath.has(path));
    dependencies.set(target.path, [...new Set(needs)]);
  }
  leafFirst(dependencies);

  const finished = new Map<string, FinishedTarget>();
  const keyOf = (path: string) => {
    const done = finished.get(path);
    if (done) return done.built.object.key ?? path;
    return storedKey(path);
  };
  const limit = pLimit(FINISH_CONCURRENCY);
  const running = new Map<string, Promise<void>>();
  const finishOne = (path: string): Promise<void> => {
    let promise = running.get(path);
    if (!promise) {
      promise = (async () => {
        await Promise.all(dependencies.get(path)!.map(finishOne));
        await limit(() => finishTarget(byPath.get(path)!, scanned.get(path)!, dependencies.get(path)!));
      })();
      running.set(path, promise);
    }
    return promise;
  };
  const finishTarget = async ({ target, built }: BuiltTarget, references: OutputReference[], after: string[]) => {
    if (!('body' in built)) {
      finished.set(target.path, { target, built: { ...built, object: streamedObject(target, built, options) }, refs: {}, after });
      return;
    }
    const text = built.body.toString('utf8');
    const map = target.mapPath ? byPath.get(target.mapPath) : undefined;
    if (map && 'body' in map.built) {
      const { edits } = rewriteOutput(text, references.filter((reference) => reference.target !== target.mapPath), keyOf);
      const mapBody = shiftMap(map.built.body, text, edits);
      finished.set(map.target.path, { target: map.target, built: await finalize(map.target, map.built, mapBody, options), refs: {}, after: [] });
    }
    const body = references.length > 0 ? Buffer.from(rewriteOutput(text, references, keyOf).text, 'utf8') : built.body;
    const refs = Object.fromEntries(references.map((reference) => [reference.target, keyOf(reference.target) ?? reference.target]));
    const waitsFor = [...after, ...(map ? [map.target.path] : [])];
    finished.set(target.path, { target, built: await finalize(target, built, body, options), refs, after: waitsFor });
  };
  await Promise.all(builds.filter(({ target }) => !target.mapOf).map(({ target }) => finishOne(target.path)));
  return finished;
}

/** The stored bytes, headers and key of an object whose final unzipped bytes are `bytes`. */
async function finalize(target: SyncTarget, built: Extract<BuiltObject, { body: Buffer }>, bytes: Buffer, options: FinishOptions): Promise<BuiltObject> {
  const { object } = built;
  const encoded = alreadyGzipped(target.path, bytes) ?? (options.gzip ? await gzipIfSmallerAsync(bytes, object.contentType) : { body: bytes });
  const fingerprinted = options.fingerprints(target.path);
  const finished: ProcessedObject = {
    ...object,
    ...headersFor(fingerprinted, options),
    contentEncoding: encoded.contentEncoding,
    md5: createHash('md5').update(encoded.body).digest('hex'),
    minifiedSize: bytes.length,
    storedSize: encoded.body.length,
    ...(fingerprinted ? { key: fingerprintedKey(target.path, contentFingerprint(encoded.body)) } : {}),
    ...(options.sri ? { integrity: integrityOf(bytes) } : {})
  };
  return { ...built, object: finished, body: encoded.body };
}

/** A large file is sent as it is: its source hash is the sha256 of the stored bytes. */
function streamedObject(target: SyncTarget, built: Extract<BuiltObject, { file: string }>, options: FinishOptions): ProcessedObject {
  const fingerprinted = options.fingerprints(target.path);
  return {
    ...built.object,
    ...headersFor(fingerprinted, options),
    ...(fingerprinted ? { key: fingerprintedKey(target.path, built.sourceHash.slice(0, FINGERPRINT_CHARS)) } : {})
  };
}

function headersFor(fingerprinted: boolean, options: FinishOptions): { cacheControl: string; expires: Date } {
  if (!fingerprinted) return cacheHeaders(options.expirationDays, options.now);
  return { cacheControl: IMMUTABLE_CACHE_CONTROL, expires: new Date(options.now.getTime() + IMMUTABLE_SECONDS * 1000) };
}
