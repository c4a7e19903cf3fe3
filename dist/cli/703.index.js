export const id = 703;
export const ids = [703,681];
export const modules = {

/***/ 3681:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F: () => (/* binding */ checkedCss),
  minifySource: () => (/* binding */ minifySource)
});

// EXTERNAL MODULE: ./node_modules/clean-css/index.js
var clean_css = __webpack_require__(7315);
var clean_css_default = /*#__PURE__*/__webpack_require__.n(clean_css);
// EXTERNAL MODULE: ./node_modules/postcss/lib/postcss.mjs
var postcss = __webpack_require__(1376);
// EXTERNAL MODULE: ./node_modules/terser/main.js + 29 modules
var main = __webpack_require__(8012);
;// CONCATENATED MODULE: ./src/pipeline/css-unsupported.ts
const AT_RULES = new Set(['scope', 'starting-style']);
/** The first construct in `root` that clean-css does not support, if any. */
function unsupportedByCleanCss(root) {
    let found;
    const at = (node, what) => {
        found = { what, line: node.source?.start?.line, column: node.source?.start?.column };
        return false;
    };
    root.walk((node) => {
        if (node.type !== 'rule' && node.type !== 'atrule')
            return undefined;
        if (node.parent?.type === 'rule')
            return at(node, 'CSS nesting (a rule inside a rule)');
        if (node.type !== 'atrule')
            return undefined;
        const name = node.name.toLowerCase();
        if (AT_RULES.has(name))
            return at(node, `@${name}`);
        if (name === 'layer' && !node.nodes && node.params.includes(','))
            return at(node, 'an @layer statement naming several layers after the first rule');
        return undefined;
    });
    return found;
}

// EXTERNAL MODULE: ./src/pipeline/minifiable.ts
var minifiable = __webpack_require__(6502);
// EXTERNAL MODULE: ./src/pipeline/references/css-prelude.ts
var css_prelude = __webpack_require__(2990);
// EXTERNAL MODULE: ./src/pipeline/source-text.ts
var source_text = __webpack_require__(4061);
;// CONCATENATED MODULE: ./src/pipeline/minify.ts







// Level 1 keeps rule order and never rebases url(): relative paths must still work once synced.
// The leading @imports are set aside (css-prelude.ts says why). No @import is inlined: clean-css
// would read the file itself, relative to the working folder and from anywhere on disk; an
// @import stays a reference the browser resolves from the stylesheet.
const cleanCss = new (clean_css_default())({ level: 1, rebase: false, inline: false, returnPromise: false });
/** `module`: the reference stage found the JS file parses only as an ES module (`.mjs` always is one). */
async function minifySource(kind, source, file, module = false) {
    return kind === 'js' ? minifyJs(source, file, module) : minifyCss(source, file);
}
// A classic script's top-level names are globals other scripts use: toplevel stays false, so
// terser neither mangles nor drops them; a module's are its own.
async function minifyJs(source, file, module) {
    try {
        const result = await (0,main/* minify */.Zl)((0,source_text/* sourceText */.r)(source), {
            compress: true,
            mangle: true,
            module: module || /\.mjs$/i.test(file),
            toplevel: false,
            format: { comments: 'some' }
        });
        return Buffer.from(result.code ?? '', 'utf8');
    }
    catch (error) {
        const { message, line, col } = error;
        throw new minifiable/* MinifyError */.N1(file, line, col === undefined ? undefined : col + 1, message);
    }
}
/**
 * clean-css drops what it cannot parse, sometimes with a warning (a stray `}`), sometimes
 * silently (an unclosed block): a strict parse first, and any warning, fail the run like a
 * terser parse error.
 */
function minifyCss(source, file) {
    const text = (0,source_text/* sourceText */.r)(source);
    const prelude = (0,css_prelude/* cssPrelude */.R)(text);
    const output = checkedCss(text, file, () => cleanCss.minify(prelude.rest));
    return Buffer.from(prelude.head + output.styles, 'utf8');
}
/** clean-css's output for `text`, or a MinifyError for what it would drop (minify-map.ts uses it too). */
function checkedCss(text, file, minify) {
    let root;
    try {
        root = postcss/* default.parse */.Ay.parse(text, { from: file });
    }
    catch (error) {
        if (!(error instanceof postcss/* CssSyntaxError */.Rf))
            throw error;
        throw new minifiable/* MinifyError */.N1(file, error.line, error.column, error.reason);
    }
    const output = minify();
    const problems = [...output.errors, ...output.warnings];
    const unsupported = problems.length > 0 ? unsupportedByCleanCss(root) : undefined;
    if (unsupported) {
        throw new minifiable/* MinifyError */.N1(file, unsupported.line, unsupported.column, `clean-css, the CSS minifier, does not support ${unsupported.what}; set MINIFY false to store stylesheets as written`);
    }
    if (problems.length > 0) {
        // Warnings end `at 2:3`, or `at css/a.css:2:3` when clean-css was given the file's name.
        const position = /at (?:.*?:)?(\d+):(\d+)/.exec(problems[0]);
        throw new minifiable/* MinifyError */.N1(file, position ? Number(position[1]) : undefined, position ? Number(position[2]) + 1 : undefined, problems.join('; '));
    }
    return output;
}


/***/ }),

/***/ 2990:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ cssPrelude)
/* harmony export */ });
/* harmony import */ var _css_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3976);
// A stylesheet's leading @charset, @layer statements and @import rules, set aside from what
// clean-css sees and written back the way it writes them. clean-css rewrites every @import URL
// whatever its options: relative to the working folder, or to the file's folder when given a file
// name, and path-normalized either way (`a.css?v=1/../x` becomes `x`), so a stylesheet's imports
// would point elsewhere once synced. It also cannot parse an `@layer a, b;` statement.

function cssPrelude(text) {
    const found = (0,_css_js__WEBPACK_IMPORTED_MODULE_0__/* .cssReferences */ .Wn)(text);
    const imports = found.imports.filter((rule) => rule.ruleStart < found.preludeEnd);
    if (imports.length === 0 && found.layerStatements.length === 0)
        return { head: '', rest: text };
    const rules = [
        ...(found.charset && found.charset.start < found.preludeEnd ? [found.charset] : []),
        ...found.layerStatements,
        ...imports.map((rule) => ({ start: rule.ruleStart, end: rule.ruleEnd, text: (0,_css_js__WEBPACK_IMPORTED_MODULE_0__/* .importRule */ ._h)((0,_css_js__WEBPACK_IMPORTED_MODULE_0__/* .writeUrl */ .B2)(rule.url, 'url-token', text.slice(rule.start, rule.end)), rule.conditions) }))
    ].sort((a, b) => a.start - b.start);
    let rest = text;
    for (const rule of rules)
        rest = rest.slice(0, rule.start) + blank(text.slice(rule.start, rule.end)) + rest.slice(rule.end);
    return { head: rules.map((rule) => oneLine(rule.text)).join(''), rest };
}
function blank(text) {
    return text.replace(/[^\r\n]/g, ' ');
}
/** A rule as clean-css writes one: whitespace runs made one space, and a final `;`. */
function oneLine(rule) {
    return `${rule.replace(/\s+/g, ' ').trim().replace(/\s*;$/, '')};`;
}


/***/ }),

/***/ 4703:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  devMounts: () => (/* binding */ devMounts)
});

// EXTERNAL MODULE: ./src/pipeline/published.ts
var published = __webpack_require__(5324);
// EXTERNAL MODULE: ./src/render/tags.ts
var render_tags = __webpack_require__(7127);
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
            return (0,render_tags/* mediaUrl */.SG)(source, args[0], options);
        if (tag === 'js')
            return (0,render_tags.js)(source, args[0], options);
        if (tag === 'css_print')
            return (0,render_tags/* cssPrint */.Bh)(source, args[0], options);
        if (tag === 'importmap')
            return (0,render_tags/* importMap */.mR)(source, options);
        return (0,render_tags/* css */.AH)(source, args[0], args[1], options);
    });
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/backends/headers-sidecar.ts
var headers_sidecar = __webpack_require__(5065);
// EXTERNAL MODULE: ./src/pipeline/compress.ts
var compress = __webpack_require__(9472);
// EXTERNAL MODULE: ./src/pipeline/headers.ts
var pipeline_headers = __webpack_require__(884);
// EXTERNAL MODULE: ./src/pipeline/join.ts
var join = __webpack_require__(1364);
// EXTERNAL MODULE: ./src/pipeline/minifiable.ts
var minifiable = __webpack_require__(6502);
// EXTERNAL MODULE: ./src/pipeline/minify.ts + 1 modules
var minify = __webpack_require__(3681);
// EXTERNAL MODULE: ./src/pipeline/references/index.ts + 1 modules
var references = __webpack_require__(9345);
// EXTERNAL MODULE: ./src/read-inside.ts
var read_inside = __webpack_require__(2404);
;// CONCATENATED MODULE: ./src/serve/media-source.ts









/**
 * Files of a folder with their Content-Type; symlinks that resolve outside it are not served.
 * With `published` (MEDIA_ROOT's rule), neither the path asked for nor the file it really is
 * may be one the sync never publishes.
 */
function folderSource(root, published) {
    return {
        async read(relPath) {
            if (published?.(relPath))
                return undefined;
            const body = await (0,read_inside/* readFileInside */.X)(root, relPath, published);
            if (!body)
                return undefined;
            // As the sync stores it: a browser shows a gzipped .svgz only when told it is gzip.
            const headers = { 'Content-Type': (0,pipeline_headers/* contentTypeFor */.Z)(relPath) };
            if ((0,compress/* alreadyGzipped */.mi)(relPath, body))
                headers['Content-Encoding'] = 'gzip';
            return { body, headers };
        }
    };
}
/** Reads of a file and the sidecar before a body no entry matches is answered 503: a sync replacing it in between costs one more. */
const SYNCED_READ_ATTEMPTS = 3;
/**
 * The filesystem backend's tree (FILESYSTEM_ROOT, under AWS_PREFIX) as S3 would serve it: each
 * file with the headers the sync stored for it (Content-Encoding, Cache-Control, Expires),
 * chosen by the MD5 of the very bytes sent. A body no stored headers match (a sync killed before
 * it stored the file, a file put there by hand) is answered 503, never with guessed headers.
 */
function syncedTreeSource(root, prefix) {
    const keyPrefix = prefix.replace(/^\/+|\/+$/g, '');
    const files = folderSource(external_node_path_default().join(root, ...keyPrefix.split('/').filter(Boolean)));
    const sidecarPath = (0,headers_sidecar/* sidecarFileOf */.Zd)(root, keyPrefix);
    return {
        async read(relPath) {
            const key = keyPrefix ? `${keyPrefix}/${relPath}` : relPath;
            for (let attempt = 1;; attempt++) {
                const file = await files.read(relPath);
                if (!file)
                    return undefined;
                const stored = (0,headers_sidecar/* headersFor */.iY)((await (0,headers_sidecar/* readTreeSidecar */.KA)(root, keyPrefix))?.sidecar ?? (0,headers_sidecar/* emptySidecar */.Pl)(), key.split('/').map(encodeURIComponent).join('/'), file.body);
                if (stored)
                    return { body: file.body, headers: { ...stored } };
                if (attempt === SYNCED_READ_ATTEMPTS) {
                    const text = `${relPath}: no headers in ${sidecarPath} match this file's bytes, so it is not served with guessed ones; run mediasync sync to store it again\n`;
                    return { status: 503, body: Buffer.from(text), headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '1' } };
                }
            }
        }
    };
}
/** JS and CSS minified on the fly, as the sync would store them (a parse error is the reply). */
function minifiedSource(inner) {
    return {
        async read(relPath) {
            const file = await inner.read(relPath);
            const kind = (0,minifiable/* minifiableKind */.VY)(relPath);
            if (!file || !kind)
                return file;
            const module = kind === 'js' && (0,references/* prepareSources */.Ol)(relPath, undefined, [{ relPath }], [file.body]).module === true;
            return { ...file, body: await (0,minify.minifySource)(kind, file.body, relPath, module) };
        }
    };
}
/** JOINED aliases answered with their parts rebased and joined as the sync stores them (EMULATE_COMBO). */
function comboSource(inner, joined) {
    return {
        async read(relPath) {
            const parts = joined[relPath];
            const kind = (0,join/* bundleKind */.tX)(relPath);
            if (!parts || !kind)
                return inner.read(relPath);
            const bodies = await Promise.all(parts.map(async (part) => {
                const file = await inner.read(part);
                if (!file)
                    throw new Error(`JOINED ${relPath}: part ${part} is not a file in MEDIA_ROOT`);
                return file.body;
            }));
            const prepared = (0,references/* prepareSources */.Ol)(relPath, kind, parts.map((part) => ({ relPath: part })), bodies);
            return { body: (0,references/* joinBundle */.J4)(kind, prepared, prepared.inputs), headers: { 'Content-Type': (0,pipeline_headers/* contentTypeFor */.Z)(relPath) } };
        }
    };
}
/** HTML pages passed through a renderer (the example site's tags); other files as they are. */
function renderedPages(inner, render) {
    return {
        async read(relPath) {
            const file = await inner.read(relPath);
            if (!file || !/\.html?$/i.test(relPath))
                return file;
            return { ...file, body: Buffer.from(await render(file.body.toString('utf8'), relPath), 'utf8') };
        }
    };
}

// EXTERNAL MODULE: ./src/serve/request-path.ts
var request_path = __webpack_require__(5488);
;// CONCATENATED MODULE: ./src/serve/dev-media.ts





/**
 * MEDIA_ROOT at MEDIA_URL (read, or redirected to the remote copy when serving remotely), with
 * bundles joined on the fly under EMULATE_COMBO, and optionally a folder of pages at `/`.
 * Pages are served over plain http, so their remote URLs are the insecure ones unless USE_SSL says.
 */
function devMounts(settings, tags, options = {}) {
    const remote = options.remote ?? settings.SERVE_REMOTE;
    let media;
    if (options.synced) {
        // Already minified, joined and gzipped by the sync.
        media = syncedTreeSource(settings.FILESYSTEM_ROOT, settings.AWS_PREFIX);
    }
    else {
        media = folderSource(settings.MEDIA_ROOT, (0,published/* publishedTest */.tO)(settings.EXCLUDE));
        if (options.minify)
            media = minifiedSource(media);
        if (settings.EMULATE_COMBO)
            media = comboSource(media, tags.joined);
    }
    const mounts = [
        {
            path: (0,request_path/* mountPathOf */.q)(settings.MEDIA_URL),
            source: media,
            redirect: remote ? (relPath) => (0,render_tags/* mediaUrl */.SG)(tags, relPath, { remote: true, secure: false }) : undefined
        }
    ];
    if (options.pagesDir) {
        const pages = renderedPages(folderSource(options.pagesDir), (template, relPath) => renderPage(template, tags, { remote, secure: false }, relPath));
        mounts.push({ path: '/', index: 'index.html', source: pages });
    }
    return mounts;
}


/***/ })

};
