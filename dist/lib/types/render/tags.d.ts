import type { Manifest } from './manifest.js';
/**
 * What the tags are rendered from: a sync's Manifest, or the same fields built from the settings.
 * `joined` maps each alias to its parts, both with CSS_PATH / JS_PATH already applied.
 */
export type TagSource = Pick<Manifest, 'mediaUrl' | 'localMediaUrl' | 'serveRemote' | 'cacheBuster' | 'doctype' | 'cssPath' | 'jsPath' | 'joined'> & Partial<Pick<Manifest, 'insecureMediaUrl' | 'emulateCombo' | 'files'>> & {
    /** Per-path cache-busters: a manifest's record, or (without one) a CACHE_BUSTER function's value for a path. */
    cacheBusters?: Manifest['cacheBusters'] | ((relPath: string) => string);
};
export interface TagOptions {
    /** Point at the remote copy (true) or MEDIA_URL (false); default: the source's serveRemote (SERVE_REMOTE). */
    remote?: boolean;
    /** Whether the page is served over https; used when USE_SSL is unset. Default true. */
    secure?: boolean;
}
export declare const DEFAULT_CSS_MEDIA = "screen, projection";
/**
 * The seed's media_url: the base URL without trailing slashes; with a path, that file's URL and the
 * cache-buster. A remote file the sync fingerprinted is at its content-hashed key, which needs no buster.
 */
export declare function mediaUrl(source: TagSource, path?: string, options?: TagOptions): string;
/** `<script>` tags for a JS path (JS_PATH applies), one per part of a JOINED alias served locally. */
export declare function js(source: TagSource, path: string, options?: TagOptions): string;
/** `<link>` tags for a CSS path (CSS_PATH applies), media "screen, projection" unless given. */
export declare function css(source: TagSource, path: string, media?: string, options?: TagOptions): string;
/** The seed's css_print: `css(path, "print")`. */
export declare function cssPrint(source: TagSource, path: string, options?: TagOptions): string;
/**
 * `<script type="importmap">` sending the logical URL of each fingerprinted ES module, and of each
 * fingerprinted file a script imports (a plain script, JSON, CSS…), to its stored one, so a relative
 * `import './util.js'` inside a hashed module still finds the hashed util; with SRI, the map's
 * `integrity` covers the files that are imported rather than tagged. Locally, or with nothing
 * fingerprinted to map, an empty map, so a template can always include the tag.
 */
export declare function importMap(source: TagSource, options?: TagOptions): string;
export interface MediaTags {
    mediaUrl(path?: string): string;
    js(path: string): string;
    css(path: string, media?: string): string;
    cssPrint(path: string): string;
    importMap(): string;
}
/** The tags bound to one source and page, for a template's context (e.g. Express's res.locals). */
export declare function mediaTags(source: TagSource, options?: TagOptions): MediaTags;
