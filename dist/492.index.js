"use strict";
exports.id = 492;
exports.ids = [492];
exports.modules = {

/***/ 39492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readPublishInputs: () => (/* binding */ readPublishInputs),
/* harmony export */   readRolloutInputs: () => (/* binding */ readRolloutInputs)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _runtime__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73683);
// The inputs deploy and rollback share, read into the engine's settings. An action that imports
// this file declares these inputs in its action.yml (test/unit/action-inputs.test.ts checks it).


/** config, groups, strategy overrides, dry-run, force-unlock, credentials, SSH, report file. */
function readRolloutInputs(env = process.env) {
    const knownHosts = (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('ssh-known-hosts');
    return {
        configPath: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('config') || 'aviary.yml',
        overrides: {
            groups: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .listInput */ .dt)('groups'),
            batches: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('batches') || undefined,
            parallel: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('parallel') || undefined,
            maxUnhealthy: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('max-unhealthy') || undefined,
            pause: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('pause') || undefined,
            metricsUrl: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('metrics-url') || undefined,
            lockWait: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('lock-wait') || undefined,
        },
        dryRun: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .booleanInput */ .tE)('dry-run', false),
        forceUnlock: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .booleanInput */ .tE)('force-unlock', false),
        registry: { username: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('username') || undefined, password: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('password') || undefined },
        ssh: {
            key: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('ssh-key') || env.AVIARY_SSH_KEY || undefined,
            // A path is read; anything else is taken as known_hosts lines.
            knownHosts: knownHosts && !knownHosts.includes(' ') && node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(knownHosts) ? node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(knownHosts, 'utf8') : knownHosts || undefined,
            hostKeyCheck: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .booleanInput */ .tE)('ssh-host-key-check', true),
        },
        reportFile: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('report-file') || undefined,
    };
}
/** summary, github-token, environment, environment-url. */
function readPublishInputs() {
    return {
        summary: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .booleanInput */ .tE)('summary', true),
        githubToken: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('github-token') || undefined,
        environment: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('environment') || undefined,
        environmentUrl: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('environment-url') || undefined,
    };
}


/***/ })

};
;