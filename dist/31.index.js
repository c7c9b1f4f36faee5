"use strict";
exports.id = 31;
exports.ids = [31];
exports.modules = {

/***/ 33031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(29880);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _runtime__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73683);
/* harmony import */ var _shared_publish__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3240);
/* harmony import */ var _shared_rollout_inputs__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(39492);
/* harmony import */ var _shared_rollout_step__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(67235);
// actions/rollback: every selected host back to the version its current one replaced (`to:
// previous`, from the records on the hosts), or to a named image, in canary batches with health checks.






async function run() {
    await (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .runAction */ .Cs)(async (log) => {
        const settings = (0,_shared_rollout_inputs__WEBPACK_IMPORTED_MODULE_4__.readRolloutInputs)();
        const to = (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .input */ .hF)('to') || 'previous';
        if (to === 'previous')
            settings.target = 'previous';
        else
            settings.overrides.image = to;
        const publisher = new _shared_publish__WEBPACK_IMPORTED_MODULE_3__/* .Publisher */ .v((0,_shared_rollout_inputs__WEBPACK_IMPORTED_MODULE_4__.readPublishInputs)(), log);
        const { report } = await (0,_shared_rollout_step__WEBPACK_IMPORTED_MODULE_5__/* .runRollout */ .p)(settings, log, publisher);
        await publisher.finished(report);
        const outputs = (0,_deploy__WEBPACK_IMPORTED_MODULE_0__.outputsOf)(report, settings.reportFile);
        // For a rollback, success is every host back on its previous version.
        _runtime__WEBPACK_IMPORTED_MODULE_2__/* .core.setOutput */ .I8.setOutput('result', report.result === 'deployed' ? 'rolled-back' : 'failed');
        _runtime__WEBPACK_IMPORTED_MODULE_2__/* .core.setOutput */ .I8.setOutput('hosts', outputs['updated-hosts']);
        _runtime__WEBPACK_IMPORTED_MODULE_2__/* .core.setOutput */ .I8.setOutput('report-file', outputs['report-file']);
        if ((0,_deploy__WEBPACK_IMPORTED_MODULE_0__.errorWasLogged)(report))
            process.exitCode = 1; // logged with every host already
        else if (report.result !== 'deployed')
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .RunError */ .e4(`the rollback stopped: ${report.error ?? report.result}; every host it touched runs what it ran before`);
    });
}


/***/ })

};
;