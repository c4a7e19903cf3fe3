import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ // The require scope
/******/ var __nccwpck_require__ = {};
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  VH: () => (/* reexport */ BaseClient),
  JI: () => (/* reexport */ DEFAULT_CSS_MEDIA),
  q$: () => (/* reexport */ PageTemplateError),
  UI: () => (/* reexport */ SIDECAR_NAME),
  CN: () => (/* reexport */ assertBackendClient),
  AH: () => (/* reexport */ css),
  Bh: () => (/* reexport */ cssPrint),
  iY: () => (/* reexport */ headersFor),
  mR: () => (/* reexport */ importMap),
  js: () => (/* reexport */ js),
  AK: () => (/* reexport */ mediaTags),
  SG: () => (/* reexport */ mediaUrl),
  Ng: () => (/* reexport */ parseManifest),
  L0: () => (/* reexport */ parseSidecar),
  Cf: () => (/* reexport */ renderPage)
});

;// CONCATENATED MODULE: ./src/pipeline/join.ts
const SEPARATORS = { css: '\n', js: ';\n' };
function bundleKind(alias) {
    if (alias.endsWith('.css'))
        return 'css';
    if (alias.endsWith('.js'))
        return 'js';
    return undefined;
}
/** `joined.css` with CSS_PATH `styles` → `styles/joined.css`; no shortcut leaves the path as it is. */
function withShortcut(relPath, kind, settings) {
    const base = kind === 'css' ? settings.CSS_PATH : kind === 'js' ? settings.JS_PATH : '';
    const clean = relPath.replace(/^\/+/, '');
    return base ? `${base.replace(/\/+$/, '')}/${clean}` : clean;
}
class BundleError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BundleError';
    }
}
/**
 * The JOINED bundles with their shortcuts applied, checked against the files that exist:
 * every part must be a synced file, and no alias may also be a file.
 */
function resolveBundles(settings, files) {
    const problems = [];
    const bundles = [];
    for (const [rawAlias, rawParts] of Object.entries(settings.JOINED)) {
        const kind = bundleKind(rawAlias);
        if (!kind) {
            problems.push(`JOINED alias ${rawAlias} must end in .css or .js`);
            continue;
        }
        const alias = withShortcut(rawAlias, kind, settings);
        const parts = rawParts.map((part) => withShortcut(part, kind, settings));
        if (files.has(alias))
            problems.push(`JOINED alias ${alias} is also a file in MEDIA_ROOT; rename the alias or the file`);
        for (const part of parts) {
            if (!files.has(part))
                problems.push(`JOINED ${rawAlias}: part ${part} is not a file in MEDIA_ROOT (hidden and underscore files are not synced)`);
            else if (bundleKind(part) !== kind)
                problems.push(`JOINED ${rawAlias}: part ${part} is not a .${kind} file`);
        }
        bundles.push({ alias, kind, parts });
    }
    if (problems.length > 0)
        throw new BundleError(problems.join('\n'));
    return bundles;
}
/** CSS parts are joined with `\n`, JS parts with `;\n` so that a part without a final semicolon stays valid. */
function joinParts(kind, parts) {
    const separator = Buffer.from(SEPARATORS[kind]);
    return Buffer.concat(parts.flatMap((part, index) => (index === 0 ? [part] : [separator, part])));
}

;// CONCATENATED MODULE: ./src/render/urls.ts
/** Swap the scheme when USE_SSL forces one; leave it when unset. */
function withScheme(url, useSsl) {
    if (useSsl === undefined)
        return url;
    return url.replace(/^https?:/, useSsl ? 'https:' : 'http:');
}
function trimSlashes(url) {
    return url.replace(/\/+$/, '');
}
/** The remote base URL: REMOTE_MEDIA_URL when set (whatever the backend), else the backend's. */
function remoteMediaUrl(settings, backendUrl, pageIsSecure = true) {
    const withSsl = settings.USE_SSL ?? pageIsSecure;
    const base = settings.REMOTE_MEDIA_URL ? withScheme(settings.REMOTE_MEDIA_URL, settings.USE_SSL) : backendUrl(withSsl);
    return trimSlashes(base);
}
/** `images/a b#1.png` → `images/a%20b%231.png`: each segment encoded, slashes kept. */
function encodePath(relPath) {
    return relPath.split('/').map(encodeURIComponent).join('/');
}
function mediaFileUrl(baseUrl, relPath, cacheBuster) {
    const url = `${trimSlashes(baseUrl)}/${encodePath(relPath.replace(/^\/+/, ''))}`;
    return cacheBuster ? `${url}?${encodeURIComponent(cacheBuster)}` : url;
}

;// CONCATENATED MODULE: ./src/render/tags.ts


const DEFAULT_CSS_MEDIA = 'screen, projection';
// `extra` is the SRI attributes (or nothing), written after the seed's own.
const LINK = {
    html4: (href, media, extra) => `<link rel="stylesheet" href="${href}" type="text/css" media="${media}"${extra}>`,
    html5: (href, media, extra) => `<link rel="stylesheet" href="${href}" type="text/css" media="${media}"${extra}>`,
    xhtml: (href, media, extra) => `<link rel="stylesheet" href="${href}" type="text/css" media="${media}"${extra} />`
};
const SCRIPT = {
    html4: (src, extra) => `<script type="text/javascript" charset="utf-8" src="${src}"${extra}></script>`,
    html5: (src, extra) => `<script src="${src}"${extra}></script>`,
    xhtml: (src, extra) => `<script type="text/javascript" charset="utf-8" src="${src}"${extra}></script>`
};
// A module needs type="module" whatever the doctype, so the classic type and charset go.
const MODULE_SCRIPT = (src, extra) => `<script type="module" src="${src}"${extra}></script>`;
function isRemote(source, options) {
    return options.remote ?? source.serveRemote;
}
function baseUrl(source, options) {
    if (!isRemote(source, options))
        return trimSlashes(source.localMediaUrl);
    return trimSlashes(options.secure === false ? (source.insecureMediaUrl ?? source.mediaUrl) : source.mediaUrl);
}
function escapeAttribute(value) {
    return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/**
 * The seed's media_url: the base URL without trailing slashes; with a path, that file's URL and the
 * cache-buster. A remote file the sync fingerprinted is at its content-hashed key, which needs no buster.
 */
function mediaUrl(source, path, options = {}) {
    const base = baseUrl(source, options);
    if (path === undefined || path === '')
        return base;
    const relPath = path.replace(/^\/+/, '');
    const key = isRemote(source, options) ? manifestFile(source, relPath)?.key : undefined;
    return key === undefined ? mediaFileUrl(base, relPath, cacheBusterOf(source, relPath)) : mediaFileUrl(base, key);
}
/** The manifest's entry for a logical path, when the source has the manifest's files. */
function manifestFile(source, relPath) {
    return source.files && Object.hasOwn(source.files, relPath) ? source.files[relPath] : undefined;
}
function cacheBusterOf(source, relPath) {
    const { cacheBusters } = source;
    if (typeof cacheBusters === 'function')
        return cacheBusters(relPath);
    return (cacheBusters && Object.hasOwn(cacheBusters, relPath) ? cacheBusters[relPath] : undefined) ?? source.cacheBuster;
}
/**
 * What one tag path stands for: a JOINED alias is its parts when served locally (unless
 * EMULATE_COMBO) and the bundle itself when served remotely; any other path is itself.
 */
function tagTargets(source, kind, path, options) {
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
function sriAttributes(integrity) {
    return integrity ? ` integrity="${escapeAttribute(integrity)}" crossorigin="anonymous"` : '';
}
/** `<script>` tags for a JS path (JS_PATH applies), one per part of a JOINED alias served locally. */
function js(source, path, options = {}) {
    const script = SCRIPT[source.doctype];
    return tagTargets(source, 'js', path, options)
        .map(({ url, sri, module }) => (module ? MODULE_SCRIPT : script)(url, sri))
        .join('\n');
}
/** `<link>` tags for a CSS path (CSS_PATH applies), media "screen, projection" unless given. */
function css(source, path, media = DEFAULT_CSS_MEDIA, options = {}) {
    const link = LINK[source.doctype];
    return tagTargets(source, 'css', path, options)
        .map(({ url, sri }) => link(url, escapeAttribute(media), sri))
        .join('\n');
}
/** The seed's css_print: `css(path, "print")`. */
function cssPrint(source, path, options = {}) {
    return css(source, path, 'print', options);
}
/**
 * `<script type="importmap">` sending each fingerprinted ES module's logical URL to its stored one,
 * so a relative `import './util.js'` inside a hashed module still finds the hashed util; with SRI,
 * the map's `integrity` covers the modules that are imported rather than tagged. Locally, or with
 * no fingerprinted module, an empty map, so a template can always include the tag.
 */
function importMap(source, options = {}) {
    const imports = {};
    const integrity = {};
    if (isRemote(source, options)) {
        const base = baseUrl(source, options);
        for (const [relPath, file] of Object.entries(source.files ?? {})) {
            if (file.module !== true || file.key === undefined)
                continue;
            // The same URLs the tags give: the stored one, and the one a relative import resolves to.
            const url = mediaFileUrl(base, file.key);
            imports[mediaFileUrl(base, relPath)] = url;
            if (file.integrity)
                integrity[url] = file.integrity;
        }
    }
    const map = { imports: sortedByKey(imports), ...(Object.keys(integrity).length > 0 ? { integrity: sortedByKey(integrity) } : {}) };
    return `<script type="importmap">${scriptJson(map)}</script>`;
}
function sortedByKey(record) {
    return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
/** JSON that cannot end its `<script>` early: every `<` (as in `</script>` or `<!--`) escaped. */
function scriptJson(value) {
    return JSON.stringify(value).replace(/</g, '\\u003c');
}
/** The tags bound to one source and page, for a template's context (e.g. Express's res.locals). */
function mediaTags(source, options = {}) {
    return {
        mediaUrl: (path) => mediaUrl(source, path, options),
        js: (path) => js(source, path, options),
        css: (path, media) => css(source, path, media, options),
        cssPrint: (path) => cssPrint(source, path, options),
        importMap: () => importMap(source, options)
    };
}

;// CONCATENATED MODULE: ./src/render/page.ts

class PageTemplateError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PageTemplateError';
    }
}
// The seed's Django tags as written in a template: {% css "joined.css" "screen" %}, single or double quotes.
const TAG = /\{%\s*(media_url|js|css_print|css|importmap)((?:\s+(?:"[^"]*"|'[^']*'))*)\s*%\}/g;
const ARGUMENT = /"([^"]*)"|'([^']*)'/g;
const ARITY = { media_url: [0, 1], js: [1, 1], css: [1, 2], css_print: [1, 1], importmap: [0, 0] };
/**
 * A static page with the seed's template tags replaced by their rendered HTML, so the page a
 * Django template would produce can be written as plain HTML (the example site does this).
 */
function renderPage(template, source, options = {}, name = 'page') {
    return template.replace(TAG, (whole, tag, rawArguments, offset) => {
        const args = [...rawArguments.matchAll(ARGUMENT)].map((match) => match[1] ?? match[2]);
        const [min, max] = ARITY[tag];
        if (args.length < min || args.length > max) {
            const line = template.slice(0, offset).split('\n').length;
            throw new PageTemplateError(`${name}:${line}: ${whole} takes ${min === max ? min : `${min} or ${max}`} quoted argument${max === 1 ? '' : 's'}`);
        }
        if (tag === 'media_url')
            return mediaUrl(source, args[0], options);
        if (tag === 'js')
            return js(source, args[0], options);
        if (tag === 'css_print')
            return cssPrint(source, args[0], options);
        if (tag === 'importmap')
            return importMap(source, options);
        return css(source, args[0], args[1], options);
    });
}

;// CONCATENATED MODULE: ./src/render/read-manifest.ts
const REQUIRED_STRINGS = ['mediaUrl', 'localMediaUrl', 'cacheBuster', 'doctype', 'cssPath', 'jsPath'];
/** A manifest read back from JSON text, checked enough that rendering from it cannot go wrong silently. */
function parseManifest(text, name = 'manifest') {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`${name} is not valid JSON: ${error.message}; write it again with mediasync sync`);
    }
    const manifest = value;
    if (typeof manifest !== 'object' || manifest === null || manifest.version !== 1) {
        throw new Error(`${name} is not a mediasync manifest (version 1); write it again with mediasync sync`);
    }
    const missing = REQUIRED_STRINGS.filter((key) => typeof manifest[key] !== 'string');
    if (typeof manifest.joined !== 'object' || manifest.joined === null)
        missing.push('joined');
    if (missing.length > 0)
        throw new Error(`${name} lacks ${missing.join(', ')}; write it again with mediasync sync`);
    return manifest;
}

;// CONCATENATED MODULE: ./src/backends/contract.ts
/**
 * The backend contract, after the seed's BaseClient: `remoteMediaUrl(withSsl)` and `put(...)`
 * are required; the rest are optional capabilities the core uses when a backend offers them.
 *
 * Paths whose first segment starts with `.` are never synced from MEDIA_ROOT, so the core keeps
 * its own records there (the sync manifest is read with `get` and written with `put` at such a
 * path). A backend stores them like any other object.
 */
const REQUIRED_METHODS = ['remoteMediaUrl', 'put'];
const OPTIONAL_METHODS = ['putFile', 'supportsGzip', 'open', 'close', 'list', 'get', 'delete', 'putIfAbsent'];
const EXPECTED = {
    remoteMediaUrl: 'remoteMediaUrl(withSsl) returning the base URL of the stored media',
    put: 'async put(object) storing object.body at object.path with its headers, or the seed\'s put(filedata, contentType, remotePath, force)',
    putFile: 'async putFile(object) storing the file object.file at object.path with its headers',
    supportsGzip: 'supportsGzip() returning true or false',
    open: 'async open()',
    close: 'async close()',
    list: 'async list() returning [{ path, size, etag }]',
    get: 'async get(path) returning a Buffer or undefined',
    delete: 'async delete(paths)',
    putIfAbsent: 'async putIfAbsent(object) returning true when stored, false when the path was taken'
};
/**
 * A backend that extends this gets the seed's defaults: gzip served as-is, nothing to open or
 * close. Subclasses implement `remoteMediaUrl` and `put`, and may add `list`, `get`, `delete`.
 */
class BaseClient {
    supportsGzip() {
        return true;
    }
    async open() { }
    async close() { }
}
/**
 * Check at run time that a client loaded from `source` keeps the contract: the required methods
 * exist and every optional one present is a function. Throws naming the source, the method and
 * what is expected.
 */
function assertBackendClient(client, source) {
    if (typeof client !== 'object' || client === null) {
        throw new Error(`backend ${source} did not give a client object (got ${client === null ? 'null' : typeof client}); expected an object with ${EXPECTED.remoteMediaUrl} and ${EXPECTED.put}`);
    }
    const methods = client;
    for (const name of [...REQUIRED_METHODS, ...OPTIONAL_METHODS]) {
        const lookalike = methods[name] === undefined ? lookalikeOf(client, name) : undefined;
        if (lookalike)
            throw new Error(`backend ${source} has ${lookalike} but no ${name}; JavaScript backends use the JavaScript name: ${EXPECTED[name]}`);
    }
    for (const name of REQUIRED_METHODS) {
        if (typeof methods[name] !== 'function') {
            const state = methods[name] === undefined ? `has no method ${name}` : `has a ${typeof methods[name]} for ${name}`;
            throw new Error(`backend ${source} ${state}; expected ${EXPECTED[name]}`);
        }
    }
    for (const name of OPTIONAL_METHODS) {
        if (methods[name] !== undefined && typeof methods[name] !== 'function') {
            throw new Error(`backend ${source} has a ${typeof methods[name]} for ${name}; expected ${EXPECTED[name]}, or no ${name} at all`);
        }
    }
}
/** A method the client has under another spelling of `name` (`remote_media_url`, `Put`), as ported from Python. */
function lookalikeOf(client, name) {
    const wanted = name.toLowerCase();
    for (let layer = client; layer && layer !== Object.prototype; layer = Object.getPrototypeOf(layer)) {
        const found = Object.getOwnPropertyNames(layer).find((key) => key !== name && key.replaceAll('_', '').toLowerCase() === wanted);
        if (found)
            return found;
    }
    return undefined;
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/backends/headers-sidecar.ts
// The filesystem backend keeps each object's HTTP headers in one hidden JSON file at the root of
// the tree, so a server of that tree (the dev server, a preview) can send what S3 would. A body
// and its headers cannot be replaced in one step, so each entry names the body it describes by
// MD5, and a reader sends a body only with headers whose MD5 matches it.

const SIDECAR_NAME = '.mediasync-headers.json';
function emptySidecar() {
    return { version: 2, objects: {} };
}
function md5Of(body) {
    return (0,external_node_crypto_namespaceObject.createHash)('md5').update(body).digest('hex');
}
function versionOf(object) {
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
function settled({ md5, size, headers }) {
    return { md5, size, headers };
}
/**
 * Parse a sidecar's text; throws naming the file when it is not one. A version 1 file, written
 * before entries named their body, vouches for no body: it reads as empty, and the next sync
 * stores every object again.
 */
function parseSidecar(text, source = SIDECAR_NAME) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`${source} is not valid JSON (${error.message}); delete it and sync again with --force`);
    }
    const sidecar = value;
    if ((sidecar?.version !== 1 && sidecar?.version !== 2) || typeof sidecar.objects !== 'object' || sidecar.objects === null) {
        throw new Error(`${source} is not a mediasync headers file (expected {"version": 2, "objects": {...}}); delete it and sync again with --force`);
    }
    return sidecar.version === 1 ? emptySidecar() : sidecar;
}
function serializeSidecar(sidecar) {
    const objects = Object.fromEntries(Object.entries(sidecar.objects).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return `${JSON.stringify({ version: 2, objects }, null, 2)}\n`;
}
/**
 * The headers to send `body` with, for a request path such as `/site/media/styles/a.css`: those
 * of the stored version whose MD5 matches the body, the newest first. Undefined when none does
 * (a sync is replacing the file, or none stored it): then send nothing rather than guess.
 */
function headersFor(sidecar, requestPath, body) {
    let key;
    try {
        key = decodeURIComponent(requestPath.split(/[?#]/)[0]).replace(/^\/+/, '');
    }
    catch {
        return undefined;
    }
    if (!Object.hasOwn(sidecar.objects, key))
        return undefined;
    const entry = sidecar.objects[key];
    const md5 = md5Of(body);
    return [entry, entry.previous].find((version) => version && version.size === body.length && version.md5 === md5)?.headers;
}

;// CONCATENATED MODULE: ./src/lib.ts
// The package's library entry (`import { js, css } from 'mediasync-s3'`): render the seed's tags
// from a sync's manifest in any Node app, and build a backend module of your own.







var __webpack_exports__BaseClient = __webpack_exports__.VH;
var __webpack_exports__DEFAULT_CSS_MEDIA = __webpack_exports__.JI;
var __webpack_exports__PageTemplateError = __webpack_exports__.q$;
var __webpack_exports__SIDECAR_NAME = __webpack_exports__.UI;
var __webpack_exports__assertBackendClient = __webpack_exports__.CN;
var __webpack_exports__css = __webpack_exports__.AH;
var __webpack_exports__cssPrint = __webpack_exports__.Bh;
var __webpack_exports__headersFor = __webpack_exports__.iY;
var __webpack_exports__importMap = __webpack_exports__.mR;
var __webpack_exports__js = __webpack_exports__.js;
var __webpack_exports__mediaTags = __webpack_exports__.AK;
var __webpack_exports__mediaUrl = __webpack_exports__.SG;
var __webpack_exports__parseManifest = __webpack_exports__.Ng;
var __webpack_exports__parseSidecar = __webpack_exports__.L0;
var __webpack_exports__renderPage = __webpack_exports__.Cf;
export { __webpack_exports__BaseClient as BaseClient, __webpack_exports__DEFAULT_CSS_MEDIA as DEFAULT_CSS_MEDIA, __webpack_exports__PageTemplateError as PageTemplateError, __webpack_exports__SIDECAR_NAME as SIDECAR_NAME, __webpack_exports__assertBackendClient as assertBackendClient, __webpack_exports__css as css, __webpack_exports__cssPrint as cssPrint, __webpack_exports__headersFor as headersFor, __webpack_exports__importMap as importMap, __webpack_exports__js as js, __webpack_exports__mediaTags as mediaTags, __webpack_exports__mediaUrl as mediaUrl, __webpack_exports__parseManifest as parseManifest, __webpack_exports__parseSidecar as parseSidecar, __webpack_exports__renderPage as renderPage };
