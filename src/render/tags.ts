import { withShortcut, type BundleKind } from '../pipeline/join.js';
import type { Doctype } from '../settings/schema.js';
import type { Manifest, ManifestFile } from './manifest.js';
import { mediaFileUrl, trimSlashes } from './urls.js';

/**
 * What the tags are rendered from: a sync's Manifest, or the same fields built from the settings.
 * `joined` maps each alias to its parts, both with CSS_PATH / JS_PATH already applied.
 */
export type TagSource = Pick<Manifest, 'mediaUrl' | 'localMediaUrl' | 'serveRemote' | 'cacheBuster' | 'doctype' | 'cssPath' | 'jsPath' | 'joined'> &
  Partial<Pick<Manifest, 'insecureMediaUrl' | 'emulateCombo' | 'files'>> & {
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

// `extra` is the SRI attributes (or nothing), written after the seed's own.
const LINK: Record<Doctype, (href: string, media: string, extra: string) => string> = {
  html4: (href, media, extra) => `<link rel="stylesheet" href="${href}" type="text/css" media="${media}"${extra}>`,
  html5: (href, media, extra) => `<link rel="stylesheet" href="${href}" type="text/css" media="${media}"${extra}>`,
  xhtml: (href, media, extra) => `<link rel="stylesheet" href="${href}" type="text/css" media="${media}"${extra} />`
};

const SCRIPT: Record<Doctype, (src: string, extra: string) => string> = {
  html4: (src, extra) => `<script type="text/javascript" charset="utf-8" src="${src}"${extra}></script>`,
  html5: (src, extra) => `<script src="${src}"${extra}></script>`,
  xhtml: (src, extra) => `<script type="text/javascript" charset="utf-8" src="${src}"${extra}></script>`
};

// A module needs type="module" whatever the doctype, so the classic type and charset go.
const MODULE_SCRIPT = (src: string, extra: string): string => `<script type="module" src="${src}"${extra}></script>`;

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

/**
 * The seed's media_url: the base URL without trailing slashes; with a path, that file's URL and the
 * cache-buster. A remote file the sync fingerprinted is at its content-hashed key, which needs no buster.
 */
export function mediaUrl(source: TagSource, path?: string, options: TagOptions = {}): string {
  const base = baseUrl(source, options);
  if (path === undefined || path === '') return base;
  const relPath = path.replace(/^\/+/, '');
  const key = isRemote(source, options) ? manifestFile(source, relPath)?.key : undefined;
  return key === undefined ? mediaFileUrl(base, relPath, cacheBusterOf(source, relPath)) : mediaFileUrl(base, key);
}

/** The manifest's entry for a logical path, when the source has the manifest's files. */
function manifestFile(source: TagSource, relPath: string): ManifestFile | undefined {
  return source.files && Object.hasOwn(source.files, relPath) ? source.files[relPath] : undefined;
}

function cacheBusterOf(source: TagSource, relPath: string): string {
  const { cacheBusters } = source;
  if (typeof cacheBusters === 'function') return cacheBusters(relPath);
  return (cacheBusters && Object.hasOwn(cacheBusters, relPath) ? cacheBusters[relPath] : undefined) ?? source.cacheBuster;
}

/** What one tag points at: the file's URL (escaped for an attribute), its SRI attributes, and whether it is an ES module. */
interface TagTarget {
  url: string;
  sri: string;
  module: boolean;
}

/**
 * What one tag path stands for: a JOINED alias is its parts when served locally (unless
 * EMULATE_COMBO) and the bundle itself when served remotely; any other path is itself.
 */
function tagTargets(source: TagSource, kind: BundleKind, path: string, options: TagOptions): TagTarget[] {
  const relPath = withShortcut(path, kind, { CSS_PATH: source.cssPath, JS_PATH: source.jsPath });
  const parts = source.joined[relPath];
  const remote = isRemote(source, options);
  const expand = parts !== undefined && !remote && !source.emulateCombo;
  return (expand ? parts : [relPath]).map((part) => {
    const file = manifestFile(source, part);
    return {
      url: escapeAttribute(mediaUrl(source, part, options)),
      // The integrity is of the synced bytes: local files are the unminified sources.
      sri: remote ? sriAttributes(file?.integrity) : '',
      module: file?.module === true
    };
  });
}

/** crossorigin too: the browser checks integrity only on a CORS response. */
function sriAttributes(integrity: string | undefined): string {
  return integrity ? ` integrity="${escapeAttribute(integrity)}" crossorigin="anonymous"` : '';
}

/** `<script>` tags for a JS path (JS_PATH applies), one per part of a JOINED alias served locally. */
export function js(source: TagSource, path: string, options: TagOptions = {}): string {
  const script = SCRIPT[source.doctype];
  return tagTargets(source, 'js', path, options)
    .map(({ url, sri, module }) => (module ? MODULE_SCRIPT : script)(url, sri))
    .join('\n');
}

/** `<link>` tags for a CSS path (CSS_PATH applies), media "screen, projection" unless given. */
export function css(source: TagSource, path: string, media = DEFAULT_CSS_MEDIA, options: TagOptions = {}): string {
  const link = LINK[source.doctype];
  return tagTargets(source, 'css', path, options)
    .map(({ url, sri }) => link(url, escapeAttribute(media), sri))
    .join('\n');
}

/** The seed's css_print: `css(path, "print")`. */
export function cssPrint(source: TagSource, path: string, options: TagOptions = {}): string {
  return css(source, path, 'print', options);
}

/**
 * `<script type="importmap">` sending the logical URL of each fingerprinted ES module, and of each
 * fingerprinted file a script imports (a plain script, JSON, CSS…), to its stored one, so a relative
 * `import './util.js'` inside a hashed module still finds the hashed util; with SRI, the map's
 * `integrity` covers the files that are imported rather than tagged. Locally, or with nothing
 * fingerprinted to map, an empty map, so a template can always include the tag.
 */
export function importMap(source: TagSource, options: TagOptions = {}): string {
  const imports: Record<string, string> = {};
  const integrity: Record<string, string> = {};
  if (isRemote(source, options)) {
    const base = baseUrl(source, options);
    for (const [relPath, file] of Object.entries(source.files ?? {})) {
      if ((file.module !== true && file.imported !== true) || file.key === undefined) continue;
      // The same URLs the tags give: the stored one, and the one a relative import resolves to.
      const url = mediaFileUrl(base, file.key);
      imports[mediaFileUrl(base, relPath)] = url;
      if (file.integrity) integrity[url] = file.integrity;
    }
  }
  const map = { imports: sortedByKey(imports), ...(Object.keys(integrity).length > 0 ? { integrity: sortedByKey(integrity) } : {}) };
  return `<script type="importmap">${scriptJson(map)}</script>`;
}

function sortedByKey(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** JSON that cannot end its `<script>` early: every `<` (as in `</script>` or `<!--`) escaped. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export interface MediaTags {
  mediaUrl(path?: string): string;
  js(path: string): string;
  css(path: string, media?: string): string;
  cssPrint(path: string): string;
  importMap(): string;
}

/** The tags bound to one source and page, for a template's context (e.g. Express's res.locals). */
export function mediaTags(source: TagSource, options: TagOptions = {}): MediaTags {
  return {
    mediaUrl: (path) => mediaUrl(source, path, options),
    js: (path) => js(source, path, options),
    css: (path, media) => css(source, path, media, options),
    cssPrint: (path) => cssPrint(source, path, options),
    importMap: () => importMap(source, options)
  };
}
