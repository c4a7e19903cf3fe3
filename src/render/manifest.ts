import type { ProcessedObject } from '../pipeline/process.js';
import type { Doctype, Settings } from '../settings/schema.js';
import { mediaFileUrl } from './urls.js';

export interface ManifestFile {
  url: string;
  contentType: string;
  contentEncoding: 'gzip' | null;
  /** Bytes of the source (for a bundle, of all its parts). */
  sourceSize: number;
  /** Bytes after minifying (or joining). */
  minifiedSize: number;
  /** Bytes stored, after gzip. */
  storedSize: number;
  md5: string;
  /** SOURCE_MAPS: the logical path of this object's map, itself listed among the files. */
  map?: string;
  /** FINGERPRINT: the content-hashed key the object is stored at, relative to mediaUrl (`url` already points there, without a cache-buster). */
  key?: string;
  /** SRI: `sha384-…` of the bytes the browser receives (Content-Encoding undone). */
  integrity?: string;
  /** An ES module: loaded with `<script type="module">`, and listed in the import map. */
  module?: true;
  /** Imported by a synced script (static import, export-from, or import() of a string), whatever its type: listed in the import map. */
  imported?: true;
}

/** Everything a template in any stack needs to render the seed's media_url, js, css and css_print tags. */
export interface Manifest {
  version: 1;
  /** Remote base URL for pages served over https. */
  mediaUrl: string;
  /** Remote base URL for pages served over plain http (the same as mediaUrl when USE_SSL forces a scheme). */
  insecureMediaUrl: string;
  localMediaUrl: string;
  serveRemote: boolean;
  /** Local pages get one tag per bundle, which `mediasync serve` joins on the fly. */
  emulateCombo: boolean;
  /** The cache-buster of every URL, unless `cacheBusters` names the path. */
  cacheBuster: string;
  /** Per-path cache-busters, when CACHE_BUSTER is a function of the URL (each file's value). */
  cacheBusters?: Record<string, string>;
  doctype: Doctype;
  cssPath: string;
  jsPath: string;
  files: Record<string, ManifestFile>;
  joined: Record<string, string[]>;
  /** FINGERPRINT: the release this manifest belongs to (the files' `key`s are its objects). */
  release?: string;
}

export function buildManifest(
  settings: Settings,
  mediaUrl: string,
  cacheBuster: string,
  objects: readonly ProcessedObject[],
  insecureMediaUrl = mediaUrl,
  cacheBusters?: Record<string, string>,
  release?: string
): Manifest {
  const files: Record<string, ManifestFile> = {};
  const joined: Record<string, string[]> = {};
  const imported = new Set(objects.flatMap((object) => object.imports ?? []));
  for (const object of objects) {
    files[object.path] = {
      // A fingerprinted URL changes with the content: no cache-buster.
      url: object.key ? mediaFileUrl(mediaUrl, object.key) : mediaFileUrl(mediaUrl, object.path, cacheBusters?.[object.path] ?? cacheBuster),
      contentType: object.contentType,
      contentEncoding: object.contentEncoding ?? null,
      sourceSize: object.sourceSize,
      minifiedSize: object.minifiedSize,
      storedSize: object.storedSize,
      md5: object.md5,
      ...(object.map ? { map: object.map } : {}),
      ...(object.key ? { key: object.key } : {}),
      ...(object.integrity ? { integrity: object.integrity } : {}),
      ...(object.module ? { module: true as const } : {}),
      ...(imported.has(object.path) ? { imported: true as const } : {})
    };
    if (object.parts) joined[object.path] = object.parts;
  }
  return {
    version: 1,
    mediaUrl,
    insecureMediaUrl,
    localMediaUrl: settings.MEDIA_URL,
    serveRemote: settings.SERVE_REMOTE,
    emulateCombo: settings.EMULATE_COMBO,
    cacheBuster,
    ...(cacheBusters ? { cacheBusters } : {}),
    doctype: settings.DOCTYPE,
    cssPath: settings.CSS_PATH,
    jsPath: settings.JS_PATH,
    files,
    joined,
    ...(release ? { release } : {})
  };
}
