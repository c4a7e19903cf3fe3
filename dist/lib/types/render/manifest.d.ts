import type { ProcessedObject } from '../pipeline/process.js';
import type { Doctype, Settings } from '../settings/schema.js';
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
export declare function buildManifest(settings: Settings, mediaUrl: string, cacheBuster: string, objects: readonly ProcessedObject[], insecureMediaUrl?: string, cacheBusters?: Record<string, string>, release?: string): Manifest;
