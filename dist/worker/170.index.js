export const id = 170;
export const ids = [170];
export const modules = {

/***/ 2170:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   minifySource: () => (/* binding */ minifySource)
/* harmony export */ });
/* harmony import */ var clean_css__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7315);
/* harmony import */ var clean_css__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(clean_css__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var postcss__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1376);
/* harmony import */ var terser__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8012);
/* harmony import */ var _minifiable_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6502);




// Level 1 keeps rule order and never rebases url(): relative paths must still work once synced.
// No @import is inlined: clean-css would read the file itself, relative to the working folder and
// from anywhere on disk; an @import stays a reference the browser resolves from the stylesheet.
const cleanCss = new (clean_css__WEBPACK_IMPORTED_MODULE_0___default())({ level: 1, rebase: false, inline: false, returnPromise: false });
/** `module`: the reference stage found the JS file parses only as an ES module (`.mjs` always is one). */
async function minifySource(kind, source, file, module = false) {
    return kind === 'js' ? minifyJs(source, file, module) : minifyCss(source, file);
}
// A classic script's top-level names are globals other scripts use: toplevel stays false, so
// terser neither mangles nor drops them; a module's are its own.
async function minifyJs(source, file, module) {
    try {
        const result = await (0,terser__WEBPACK_IMPORTED_MODULE_2__/* .minify */ .Zl)(source.toString('utf8'), {
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
        throw new _minifiable_js__WEBPACK_IMPORTED_MODULE_3__/* .MinifyError */ .N(file, line, col === undefined ? undefined : col + 1, message);
    }
}
/**
 * clean-css drops what it cannot parse, sometimes with a warning (a stray `}`), sometimes
 * silently (an unclosed block): a strict parse first, and any warning, fail the run like a
 * terser parse error.
 */
function minifyCss(source, file) {
    const text = source.toString('utf8');
    try {
        postcss__WEBPACK_IMPORTED_MODULE_1__/* ["default"].parse */ .Ay.parse(text, { from: file });
    }
    catch (error) {
        if (!(error instanceof postcss__WEBPACK_IMPORTED_MODULE_1__/* .CssSyntaxError */ .Rf))
            throw error;
        throw new _minifiable_js__WEBPACK_IMPORTED_MODULE_3__/* .MinifyError */ .N(file, error.line, error.column, error.reason);
    }
    const output = cleanCss.minify(text);
    const problems = [...output.errors, ...output.warnings];
    if (problems.length > 0) {
        const position = /at (\d+):(\d+)/.exec(problems[0]);
        throw new _minifiable_js__WEBPACK_IMPORTED_MODULE_3__/* .MinifyError */ .N(file, position ? Number(position[1]) : undefined, position ? Number(position[2]) + 1 : undefined, problems.join('; '));
    }
    return Buffer.from(output.styles, 'utf8');
}


/***/ })

};
