// The filesystem backend keeps each object's HTTP headers in one hidden JSON file in the folder
// of its AWS_PREFIX, so a server of that tree (the dev server, a preview) can send what S3 would.
// A body and its headers cannot be replaced in one step, so each entry names the body it
// describes by MD5, and a reader sends a body only with headers whose MD5 matches it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MediaObject } from './contract.js';

export const SIDECAR_NAME = '.mediasync-headers.json';

/**
 * The sidecar of one AWS_PREFIX: in the prefix's own folder, so syncs under other prefixes of the
 * same FILESYSTEM_ROOT never load or rewrite it. With no prefix, at the root of the tree.
 */
export function sidecarFileOf(root: string, prefix: string): string {
  return path.join(root, ...prefix.split('/').filter(Boolean), SIDECAR_NAME);
}

/**
 * One prefix's sidecar and the file it was read from; undefined when there is none. A tree last
 * synced before sidecars moved under their prefix has its entries in the root's sidecar: those
 * under the prefix are read from there (`legacy`) until the prefix has its own, so an upgrade
 * neither stores everything again nor serves anything without its headers.
 */
export async function readTreeSidecar(root: string, prefix: string): Promise<{ sidecar: HeadersSidecar; file: string; legacy: boolean } | undefined> {
  const file = sidecarFileOf(root, prefix);
  const own = await readText(file);
  if (own !== undefined) return { sidecar: parseSidecar(own, file), file, legacy: false };
  const legacyFile = path.join(root, SIDECAR_NAME);
  const text = legacyFile === file ? undefined : await readText(legacyFile);
  if (text === undefined) return undefined;
  const keyPrefix = `${prefix.split('/').filter(Boolean).join('/')}/`;
  const objects = Object.fromEntries(Object.entries(parseSidecar(text, legacyFile).objects).filter(([key]) => key.startsWith(keyPrefix)));
  return Object.keys(objects).length === 0 ? undefined : { sidecar: { version: 2, objects }, file: legacyFile, legacy: true };
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    // ENOTDIR: a file where the prefix's folder would be holds no sidecar either.
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
}

/** The headers S3 would send with an object, by HTTP header name. */
export interface StoredHeaders {
  'Content-Type': string;
  'Content-Encoding'?: 'gzip';
  'Cache-Control': string;
  /** An HTTP date, as S3 sends it. */
  Expires: string;
}

/** One body the path may hold, and the headers it is served with. */
export interface StoredVersion {
  /** MD5 of the body, hex. */
  md5: string;
  size: number;
  headers: StoredHeaders;
}

export interface SidecarEntry extends StoredVersion {
  /**
   * Present only while a put of the path is in flight (or was when a run was killed): the
   * version it replaces, null when there was none. The file on disk is either that one or this.
   */
  previous?: StoredVersion | null;
}

export interface HeadersSidecar {
  version: 2;
  /** Path from the root of the tree (AWS_PREFIX included), forward slashes, no leading slash. */
  objects: Record<string, SidecarEntry>;
}

export function emptySidecar(): HeadersSidecar {
  return { version: 2, objects: {} };
}

export function md5Of(body: Buffer): string {
  return createHash('md5').update(body).digest('hex');
}

export function versionOf(object: MediaObject): StoredVersion {
  return {
    md5: md5Of(object.body),
    size: object.body.length,
    headers: {
      'Content-Type': object.contentType,
      ...(object.contentEncoding ? { 'Content-Encoding': object.contentEncoding } : {}),
      'Cache-Control': object.cacheControl,
      Expires: object.expires.toUTCString()
    }
  };
}

/** The entry without its in-flight part. */
export function settled({ md5, size, headers }: StoredVersion): StoredVersion {
  return { md5, size, headers };
}

/**
 * Parse a sidecar's text; throws naming the file when it is not one. A version 1 file, written
 * before entries named their body, vouches for no body: it reads as empty, and the next sync
 * stores every object again.
 */
export function parseSidecar(text: string, source = SIDECAR_NAME): HeadersSidecar {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON (${(error as Error).message}); delete it and sync again with --force`);
  }
  const sidecar = value as { version?: unknown; objects?: unknown };
  if ((sidecar?.version !== 1 && sidecar?.version !== 2) || typeof sidecar.objects !== 'object' || sidecar.objects === null) {
    throw new Error(`${source} is not a mediasync headers file (expected {"version": 2, "objects": {...}}); delete it and sync again with --force`);
  }
  return sidecar.version === 1 ? emptySidecar() : (sidecar as HeadersSidecar);
}

export function serializeSidecar(sidecar: HeadersSidecar): string {
  const objects = Object.fromEntries(Object.entries(sidecar.objects).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ version: 2, objects }, null, 2)}\n`;
}

/**
 * The headers to send `body` with, for a request path such as `/site/media/styles/a.css`: those
 * of the stored version whose MD5 matches the body, the newest first. Undefined when none does
 * (a sync is replacing the file, or none stored it): then send nothing rather than guess.
 */
export function headersFor(sidecar: HeadersSidecar, requestPath: string, body: Buffer): StoredHeaders | undefined {
  let key: string;
  try {
    key = decodeURIComponent(requestPath.split(/[?#]/)[0]!).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
  if (!Object.hasOwn(sidecar.objects, key)) return undefined;
  const entry = sidecar.objects[key];
  const md5 = md5Of(body);
  return [entry, entry.previous].find((version) => version && version.size === body.length && version.md5 === md5)?.headers;
}
