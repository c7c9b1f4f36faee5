"use strict";
exports.id = 282;
exports.ids = [282];
exports.modules = {

/***/ 5422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readDeployInputs: () => (/* binding */ readDeployInputs)
/* harmony export */ });
/* harmony import */ var _runtime__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3683);
/* harmony import */ var _shared_rollout_inputs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9492);


function readDeployInputs(env = process.env) {
    const settings = (0,_shared_rollout_inputs__WEBPACK_IMPORTED_MODULE_1__/* .readRolloutInputs */ .P)(env);
    settings.overrides.image = (0,_runtime__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF)('image') || undefined;
    settings.overrides.gates = (0,_runtime__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF)('gates') || undefined;
    return settings;
}


/***/ }),

/***/ 2282:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _util_cancel__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4436);
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4955);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _runtime__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3683);
/* harmony import */ var _shared_publish__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3240);
/* harmony import */ var _shared_rollout_inputs__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9492);
/* harmony import */ var _inputs__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5422);
// actions/deploy: read inputs → roll out → set outputs. SIGINT/SIGTERM cancel the rollout cleanly.







async function run() {
    await (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .runAction */ .Cs)(async (log) => {
        const settings = (0,_inputs__WEBPACK_IMPORTED_MODULE_5__.readDeployInputs)();
        const mode = (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .input */ .hF)('mode') || 'deploy';
        if (mode === 'status') {
            const { readStatus, renderStatus } = await Promise.all(/* import() */[__webpack_require__.e(40), __webpack_require__.e(822), __webpack_require__.e(565)]).then(__webpack_require__.bind(__webpack_require__, 5565));
            const status = await log.group('Status', () => readStatus(settings, log));
            log.info(renderStatus(status));
            _runtime__WEBPACK_IMPORTED_MODULE_2__/* .core.setOutput */ .I8.setOutput('status', JSON.stringify(status));
            return;
        }
        if (mode !== 'deploy')
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`input mode: ${(0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .show */ .WU)(mode)} is not deploy or status`);
        const publisher = new _shared_publish__WEBPACK_IMPORTED_MODULE_3__/* .Publisher */ .v((0,_shared_rollout_inputs__WEBPACK_IMPORTED_MODULE_4__/* .readPublishInputs */ .R)(), log);
        const signal = (0,_util_cancel__WEBPACK_IMPORTED_MODULE_6__/* .cancelOnSignals */ .d)(log);
        // The post step repairs from the hosts' records if this step dies before it finishes.
        settings.deployment = (0,_deploy__WEBPACK_IMPORTED_MODULE_0__.newDeploymentId)();
        _runtime__WEBPACK_IMPORTED_MODULE_2__/* .core.saveState */ .I8.saveState('deployment', settings.deployment);
        const { report } = await (0,_deploy__WEBPACK_IMPORTED_MODULE_0__.deploy)(settings, log, process.env, signal, publisher);
        _runtime__WEBPACK_IMPORTED_MODULE_2__/* .core.saveState */ .I8.saveState('finished', 'true');
        await publisher.finished(report);
        for (const [name, value] of Object.entries((0,_deploy__WEBPACK_IMPORTED_MODULE_0__.outputsOf)(report, settings.reportFile)))
            _runtime__WEBPACK_IMPORTED_MODULE_2__/* .core.setOutput */ .I8.setOutput(name, value);
        _runtime__WEBPACK_IMPORTED_MODULE_2__/* .core.setOutput */ .I8.setOutput('deployment-id', publisher.githubDeploymentId);
        if ((0,_deploy__WEBPACK_IMPORTED_MODULE_0__.errorWasLogged)(report))
            process.exitCode = 1; // logged with every host already
        else if (report.result !== 'deployed')
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .RunError */ .e4(report.error ?? `the rollout ended ${report.result}`);
    });
}


/***/ })

};
;