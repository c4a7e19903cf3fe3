import { withShortcut, type BundleKind } from '../pipeline/join.js';
import type { Doctype } from '../settings/schema.js';
import type { Manifest } from './manifest.js';
import { mediaFileUrl, trimSlashes } from './urls.js';

/**
 * What the tags are rendered from: a sync's Manifest, or the same fields built from the settings.
 * `joined` maps each alias to its parts, both with CSS_PATH / JS_PATH already applied.
 */
export type TagSource = Pick<Manifest, 'mediaUrl' | 'localMediaUrl' | 'serveRemote' | 'cacheBuster' | 'doctype' | 'cssPath' | 'jsPath' | 'joined'> &
  Partial<Pick<Manifest, 'insecureMediaUrl' | 'emulateCombo'>> & {
    /** Per-path cache-busters: a manifest's record, or (without one) a CACHE_BUSTER function's value for a path. */
    cacheBusters?: Manifest['cacheBusters'] | ((relPath: string) => string);
  };

export interface TagOptions {
  /** Point at the remote copy (true) or MEDIA_URL (false); default: the source's serveRemote (SERVE_REMOTE). */
  remote?: boolean;
  /** Whether the page is served over https; used when USE_SSL is unset. Default true. */
  secure?: boolean;
}

export const DEFAULT_CSS_MEDIA = 'screen, projection';

const LINK: Record<Doctype, (href: string, media: string) => string> = {
  html4: (href, media) => `<link rel="stylesheet" href="${href}" type="text/css" media="${media}">`,
  html5: (href, media) => `<link rel="stylesheet" href="${href}" type="text/css" media="${media}">`,
  xhtml: (href, media) => `<link rel="stylesheet" href="${href}" type="text/css" media="${media}" />`
};

const SCRIPT: Record<Doctype, (src: string) => string> = {
  html4: (src) => `<script type="text/javascript" charset="utf-8" src="${src}"></script>`,
  html5: (src) => `<script src="${src}"></script>`,
  xhtml: (src) => `<script type="text/javascript" charset="utf-8" src="${src}"></script>`
};

function isRemote(source: TagSource, options: TagOptions): boolean {
  return options.remote ?? source.serveRemote;
}

function baseUrl(source: TagSource, options: TagOptions): string {
  if (!isRemote(source, options)) return trimSlashes(source.localMediaUrl);
  return trimSlashes(options.secure === false ? (source.insecureMediaUrl ?? source.mediaUrl) : source.mediaUrl);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The seed's media_url: the base URL without trailing slashes; with a path, that file's URL and the cache-buster. */
export function mediaUrl(source: TagSource, path?: string, options: TagOptions = {}): string {
  const base = baseUrl(source, options);
  return path === undefined || path === '' ? base : mediaFileUrl(base, path, cacheBusterOf(source, path.replace(/^\/+/, '')));
}

function cacheBusterOf(source: TagSource, relPath: string): string {
  const { cacheBusters } = source;
  if (typeof cacheBusters === 'function') return cacheBusters(relPath);
  return (cacheBusters && Object.hasOwn(cacheBusters, relPath) ? cacheBusters[relPath] : undefined) ?? source.cacheBuster;
}

/**
 * The URLs one tag path stands for: a JOINED alias is its parts when served locally (unless
 * EMULATE_COMBO) and the bundle itself when served remotely; any other path is itself.
 */
function tagUrls(source: TagSource, kind: BundleKind, path: string, options: TagOptions): string[] {
  const relPath = withShortcut(path, kind, { CSS_PATH: source.cssPath, JS_PATH: source.jsPath });
  const parts = source.joined[relPath];
  const expand = parts !== undefined && !isRemote(source, options) && !source.emulateCombo;
  return (expand ? parts : [relPath]).map((part) => mediaUrl(source, part, options));
}

/** `<script>` tags for a JS path (JS_PATH applies), one per part of a JOINED alias served locally. */
export function js(source: TagSource, path: string, options: TagOptions = {}): string {
  const script = SCRIPT[source.doctype];
  return tagUrls(source, 'js', path, options)
    .map((url) => script(escapeAttribute(url)))
    .join('\n');
}

/** `<link>` tags for a CSS path (CSS_PATH applies), media "screen, projection" unless given. */
export function css(source: TagSource, path: string, media = DEFAULT_CSS_MEDIA, options: TagOptions = {}): string {
  const link = LINK[source.doctype];
  return tagUrls(source, 'css', path, options)
    .map((url) => link(escapeAttribute(url), escapeAttribute(media)))
    .join('\n');
}

/** The seed's css_print: `css(path, "print")`. */
export function cssPrint(source: TagSource, path: string, options: TagOptions = {}): string {
  return css(source, path, 'print', options);
}

export interface MediaTags {
  mediaUrl(path?: string): string;
  js(path: string): string;
  css(path: string, media?: string): string;
  cssPrint(path: string): string;
}

/** The four tags bound to one source and page, for a template's context (e.g. Express's res.locals). */
export function mediaTags(source: TagSource, options: TagOptions = {}): MediaTags {
  return {
    mediaUrl: (path) => mediaUrl(source, path, options),
    js: (path) => js(source, path, options),
    css: (path, media) => css(source, path, media, options),
    cssPrint: (path) => cssPrint(source, path, options)
  };
}
