export const id = 621;
export const ids = [621];
export const modules = {

/***/ 9621:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   minifyWithMap: () => (/* binding */ minifyWithMap)
/* harmony export */ });
/* harmony import */ var clean_css__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7315);
/* harmony import */ var clean_css__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(clean_css__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var terser__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8012);
/* harmony import */ var _minifiable_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6502);
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
        throw new _minifiable_js__WEBPACK_IMPORTED_MODULE_2__/* .MinifyError */ .N(file, line, col === undefined ? undefined : col + 1, message);
    }
}
function minifyCss(text, file) {
    const output = cleanCss.minify({ [file]: { styles: text } });
    const problems = [...output.errors, ...output.warnings];
    if (problems.length > 0) {
        const position = /at (?:.*?:)?(\d+):(\d+)/.exec(problems[0]);
        throw new _minifiable_js__WEBPACK_IMPORTED_MODULE_2__/* .MinifyError */ .N(file, position ? Number(position[1]) : undefined, position ? Number(position[2]) + 1 : undefined, problems.join('; '));
    }
    return { code: output.styles, map: output.sourceMap.toJSON() };
}


/***/ })

};
