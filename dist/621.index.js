export const id = 621;
export const ids = [621,681];
export const modules = {

/***/ 9621:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   minifyWithMap: () => (/* binding */ minifyWithMap)
/* harmony export */ });
/* harmony import */ var clean_css__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7315);
/* harmony import */ var clean_css__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(clean_css__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var terser__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8012);
/* harmony import */ var _fingerprint_map_shift_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9914);
/* harmony import */ var _minifiable_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6502);
/* harmony import */ var _minify_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3681);
/* harmony import */ var _references_css_prelude_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2990);
// The minifiers run for an object stored with a source map: the same options as minify.ts, plus
// a map of the output whose one source is the part's MEDIA_ROOT path, with its content inlined.






// Never reads a file: @imports are not inlined, and the reference stage has taken the parts'
// sourceMappingURL comments out before this sees them.
const cleanCss = new (clean_css__WEBPACK_IMPORTED_MODULE_0___default())({ level: 1, rebase: false, inline: ['none'], returnPromise: false, sourceMap: true, sourceMapInlineSources: true });
async function minifyWithMap(kind, text, file, module) {
    return kind === 'js' ? minifyJs(text, file, module) : minifyCss(text, file);
}
async function minifyJs(text, file, module) {
    try {
        const result = await (0,terser__WEBPACK_IMPORTED_MODULE_1__/* .minify */ .Zl)({ [file]: text }, { compress: true, mangle: true, module: module || /\.mjs$/i.test(file), toplevel: false, format: { comments: 'some' }, sourceMap: { includeSources: true, asObject: true } });
        return { code: result.code ?? '', map: result.map };
    }
    catch (error) {
        const { message, line, col } = error;
        throw new _minifiable_js__WEBPACK_IMPORTED_MODULE_3__/* .MinifyError */ .N1(file, line, col === undefined ? undefined : col + 1, message);
    }
}
function minifyCss(text, file) {
    const prelude = (0,_references_css_prelude_js__WEBPACK_IMPORTED_MODULE_5__/* .cssPrelude */ .R)(text);
    const output = (0,_minify_js__WEBPACK_IMPORTED_MODULE_4__/* .checkedCss */ .F)(text, file, () => cleanCss.minify({ [file]: { styles: prelude.rest } }));
    const map = { ...output.sourceMap.toJSON(), sourcesContent: [text] };
    if (!prelude.head)
        return { code: output.styles, map };
    // The head goes in front of the first line: that line's columns move right by its length.
    const shifted = (0,_fingerprint_map_shift_js__WEBPACK_IMPORTED_MODULE_2__/* .shiftMap */ .v)(Buffer.from(JSON.stringify(map), 'utf8'), output.styles, [{ start: 0, end: 0, text: prelude.head }]);
    return { code: prelude.head + output.styles, map: JSON.parse(shifted.toString('utf8')) };
}


/***/ }),

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


/***/ })

};
