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
/* harmony import */ var _names__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(23305);
// The inputs deploy, rollback and the all-in-one action share (ROLLOUT_INPUTS, PUBLISH_INPUTS), read
// into the engine's settings. The post step reads the rollout ones again to repair a run.



/** config, groups, strategy overrides, dry-run, force-unlock, credentials, SSH, report file. */
function readRolloutInputs(env = process.env) {
    const read = (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .inputReader */ .cN)(_names__WEBPACK_IMPORTED_MODULE_2__/* .ROLLOUT_INPUTS */ .e7);
    const knownHosts = read.text('ssh-known-hosts');
    return {
        configPath: read.text('config') || 'aviary.yml',
        overrides: {
            groups: read.list('groups'),
            batches: read.text('batches') || undefined,
            parallel: read.text('parallel') || undefined,
            maxUnhealthy: read.text('max-unhealthy') || undefined,
            pause: read.text('pause') || undefined,
            metricsUrl: read.text('metrics-url') || undefined,
            lockWait: read.text('lock-wait') || undefined,
        },
        dryRun: read.flag('dry-run', false),
        forceUnlock: read.flag('force-unlock', false),
        registry: { username: read.text('username') || undefined, password: read.text('password') || undefined },
        ssh: {
            key: read.text('ssh-key') || env.AVIARY_SSH_KEY || undefined,
            // A path is read; anything else is taken as known_hosts lines.
            knownHosts: knownHosts && !knownHosts.includes(' ') && node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(knownHosts)
                ? node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(knownHosts, 'utf8')
                : knownHosts || undefined,
            hostKeyCheck: read.flag('ssh-host-key-check', true),
        },
        reportFile: read.text('report-file') || undefined,
    };
}
/** summary, github-token, environment, environment-url. */
function readPublishInputs() {
    const read = (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .inputReader */ .cN)(_names__WEBPACK_IMPORTED_MODULE_2__/* .PUBLISH_INPUTS */ ._E);
    return {
        summary: read.flag('summary', true),
        githubToken: read.text('github-token') || undefined,
        environment: read.text('environment') || undefined,
        environmentUrl: read.text('environment-url') || undefined,
    };
}


/***/ })

};
;