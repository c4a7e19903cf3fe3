export const id = 968;
export const ids = [968];
export const modules = {

/***/ 5968:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createDevServer: () => (/* binding */ createDevServer),
/* harmony export */   startDevServer: () => (/* binding */ startDevServer)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _request_path_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5488);


/** A development server for the mounts; the longest matching mount path answers. */
function createDevServer(mounts, onError = () => { }) {
    const ordered = [...mounts].sort((a, b) => b.path.length - a.path.length);
    return (0,node_http__WEBPACK_IMPORTED_MODULE_0__.createServer)((request, response) => {
        answer(ordered, request, response).catch((error) => {
            onError(error);
            if (!response.headersSent)
                reply(response, 500, `${error.message}\n`);
            else
                response.destroy(error);
        });
    });
}
async function answer(mounts, request, response) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('Allow', 'GET, HEAD');
        return reply(response, 405, 'only GET and HEAD are served\n');
    }
    const rawPath = (request.url ?? '/').split('?')[0];
    for (const mount of mounts) {
        const resolved = (0,_request_path_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveRequestPath */ .$)(rawPath, mount.path, mount.index);
        if (!resolved)
            continue;
        if (!resolved.ok)
            return reply(response, resolved.status, `${resolved.reason}\n`);
        if (mount.redirect) {
            response.writeHead(302, { Location: mount.redirect(resolved.relPath), 'Cache-Control': 'no-cache' });
            response.end();
            return;
        }
        const file = await mount.source.read(resolved.relPath);
        if (!file)
            return reply(response, 404, `${resolved.relPath} not found\n`);
        // Never cached, so an edited file shows on the next reload, unless the source says how (a synced tree).
        response.writeHead(file.status ?? 200, { 'Cache-Control': 'no-cache', ...file.headers, 'Content-Length': file.body.length });
        response.end(request.method === 'HEAD' ? undefined : file.body);
        return;
    }
    reply(response, 404, 'not found\n');
}
function reply(response, status, text) {
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    response.end(text);
}
/** Listen on host:port (0 picks a free port) and resolve once listening. */
async function startDevServer(mounts, listen, onError) {
    const server = createDevServer(mounts, onError);
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(listen.port, listen.host, () => resolve());
    });
    const { address, port } = server.address();
    const host = address.includes(':') ? `[${address}]` : address;
    return {
        url: `http://${host}:${port}`,
        server,
        close: () => new Promise((resolve, reject) => {
            server.close((error) => (error ? reject(error) : resolve()));
            server.closeAllConnections();
        })
    };
}


/***/ })

};
