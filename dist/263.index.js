"use strict";
exports.id = 263;
exports.ids = [263];
exports.modules = {

/***/ 83263:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openEach: () => (/* binding */ openEach),
/* harmony export */   openHosts: () => (/* binding */ openHosts)
/* harmony export */ });
/* harmony import */ var _connect__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(32917);
/* harmony import */ var _docker_host__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(18174);
/* harmony import */ var _util_pool__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(40704);



async function openHosts(hosts, options, log) {
    const connections = await (0,_connect__WEBPACK_IMPORTED_MODULE_0__/* .connectHosts */ .i8)(hosts, {
        parallel: options.parallel,
        sshKey: options.ssh.key,
        knownHosts: options.ssh.knownHosts,
        sshHostKeyCheck: options.ssh.hostKeyCheck,
        signal: options.signal,
    }, log);
    const opened = new Map();
    for (const [name, c] of connections) {
        log.debug(`${name}: Docker ${c.engine.version} (API ${c.engine.apiVersion})`);
        opened.set(name, new _docker_host__WEBPACK_IMPORTED_MODULE_1__/* .DockerHost */ .Lq(name, c.docker, c.untimed, undefined, () => c.close()));
    }
    return opened;
}
/** Opens each host on its own, going on past those that cannot be reached (for status and repairs). */
async function openEach(hosts, options, log) {
    const opened = new Map();
    const unreachable = new Map();
    const results = await (0,_util_pool__WEBPACK_IMPORTED_MODULE_2__/* .mapLimit */ .sf)(hosts, options.parallel, (h) => openHosts([h], { ...options, parallel: 1 }, log));
    results.forEach((r, i) => {
        if (r.ok)
            for (const [k, v] of r.value)
                opened.set(k, v);
        else
            unreachable.set(hosts[i].name, r.error.message);
    });
    return { hosts: opened, unreachable };
}


/***/ })

};
;