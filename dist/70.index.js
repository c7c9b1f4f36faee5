"use strict";
exports.id = 70;
exports.ids = [70];
exports.modules = {

/***/ 99070:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   proxyProbes: () => (/* binding */ proxyProbes)
/* harmony export */ });
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(643);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _hosts_engine__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39989);
// Health probes in proxy mode: the app's container publishes no port, so its HTTP and TCP checks
// run inside the proxy container (busybox wget and nc, docker exec), on the path the proxy itself
// will take to it: the container's id on the proxy's network.


/** The HTTP and TCP probes of `containerId`, through the host's proxy; the address they are given is ignored. */
function proxyProbes(proxy, containerId) {
    const name = (0,_hosts_engine__WEBPACK_IMPORTED_MODULE_1__/* .short */ .h0)(containerId);
    return {
        http: (_address, check, timeoutMs) => httpThrough(proxy, name, check, timeoutMs),
        tcp: (_address, port, timeoutMs) => tcpThrough(proxy, name, port, timeoutMs),
    };
}
async function httpThrough(proxy, name, check, timeoutMs) {
    const at = Date.now();
    const t0 = node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__.performance.now();
    const url = `${check.scheme}://${name}:${check.port}${check.path}`;
    const target = `GET ${url} (from the proxy)`;
    const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
    try {
        // Bounded by busybox's timeout: Debian's busybox 1.35 wget crashes on its own -T.
        const r = await proxy.host.execIn(proxy.probeContainer, ['busybox', 'timeout', seconds, 'wget', '-S', '-q', '-O', '-', url], timeoutMs + 2_000);
        const latencyMs = Math.round(node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__.performance.now() - t0);
        // -S prints the response's status lines (indented) on stderr; wget follows redirects: the last one counts.
        const statuses = [...r.output.matchAll(/HTTP\/[\d.]+ (\d{3})/g)].map((m) => Number(m[1]));
        const status = statuses.length ? statuses[statuses.length - 1] : undefined;
        const body = r.output
            .split('\n')
            .filter((l) => !/^ {2}\S/.test(l) && !l.startsWith('wget: '))
            .join('\n');
        const problems = [];
        if (status === undefined)
            problems.push(r.output.trim().split('\n').pop()?.slice(0, 200) || `wget exited ${r.exitCode}`);
        else {
            const [lo, hi] = check.status;
            if (status < lo || status > hi)
                problems.push(`status ${status}, expected ${lo === hi ? lo : `${lo}-${hi}`}`);
            if (check.body && 'text' in check.body && !body.includes(check.body.text))
                problems.push(`body does not contain ${JSON.stringify(check.body.text)}`);
            if (check.body && 'regex' in check.body && !new RegExp(check.body.regex, 'm').test(body.trimEnd()))
                problems.push(`body does not match /${check.body.regex}/`);
        }
        return {
            check: 'http',
            target,
            ok: problems.length === 0,
            at,
            latencyMs,
            status,
            bodyExcerpt: body.trim().slice(0, 160).replace(/\s+/g, ' '),
            error: problems.length ? problems.join('; ') : undefined,
        };
    }
    catch (err) {
        return {
            check: 'http',
            target,
            ok: false,
            at,
            latencyMs: Math.round(node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__.performance.now() - t0),
            error: `could not run wget in the proxy: ${err.message}`,
        };
    }
}
async function tcpThrough(proxy, name, port, timeoutMs) {
    const at = Date.now();
    const t0 = node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__.performance.now();
    const target = `tcp ${name}:${port} (from the proxy)`;
    const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
    try {
        const r = await proxy.host.execIn(proxy.probeContainer, ['nc', '-w', seconds, name, String(port)], timeoutMs + 2_000);
        return {
            check: 'tcp',
            target,
            ok: r.exitCode === 0,
            at,
            latencyMs: Math.round(node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__.performance.now() - t0),
            error: r.exitCode === 0
                ? undefined
                : r.output.trim().split('\n').pop() || `connection refused (nc exited ${r.exitCode})`,
        };
    }
    catch (err) {
        return {
            check: 'tcp',
            target,
            ok: false,
            at,
            latencyMs: Math.round(node_perf_hooks__WEBPACK_IMPORTED_MODULE_0__.performance.now() - t0),
            error: `could not run nc in the proxy: ${err.message}`,
        };
    }
}


/***/ })

};
;