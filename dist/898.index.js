"use strict";
exports.id = 898;
exports.ids = [898];
exports.modules = {

/***/ 6898:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  OUTPUTS: () => (/* binding */ OUTPUTS),
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./src/actions/runtime.ts
var runtime = __webpack_require__(73683);
// EXTERNAL MODULE: ./src/actions/shared/names.ts
var names = __webpack_require__(23305);
// EXTERNAL MODULE: ./src/actions/shared/publish.ts + 2 modules
var shared_publish = __webpack_require__(20131);
// EXTERNAL MODULE: ./src/actions/shared/rollout-step.ts
var rollout_step = __webpack_require__(67235);
// EXTERNAL MODULE: ./src/actions/shared/rollout-inputs.ts
var rollout_inputs = __webpack_require__(39492);
;// CONCATENATED MODULE: ./src/actions/rollback/inputs.ts



const INPUTS = [...names/* ROLLOUT_INPUTS */.e7, ...names/* PUBLISH_INPUTS */._E, 'to'];
function readRollbackInputs(env = process.env) {
    const read = (0,runtime/* inputReader */.cN)(INPUTS);
    const settings = (0,rollout_inputs.readRolloutInputs)(env);
    const to = read.text('to') || 'previous';
    if (to === 'previous')
        settings.target = 'previous';
    else
        settings.overrides.image = to;
    return { settings, publish: (0,rollout_inputs.readPublishInputs)() };
}

;// CONCATENATED MODULE: ./src/actions/rollback/main.ts
// actions/rollback: every selected host back to the version its current one replaced (`to:
// previous`, from the records on the hosts), or to a named image, in canary batches with health checks.





const OUTPUTS = [names/* OUTPUT */.aQ.result, names/* OUTPUT */.aQ.hosts, names/* OUTPUT */.aQ.reportFile];
async function run() {
    await (0,runtime/* runAction */.Cs)(async (log) => {
        const out = (0,runtime/* outputWriter */.HK)(OUTPUTS);
        const { settings, publish } = readRollbackInputs();
        const publisher = new shared_publish/* Publisher */.v(publish, log);
        const { report } = await (0,rollout_step/* runRollout */.p1)(settings, log, publisher);
        await (0,rollout_step/* finishRollout */.JZ)(report, settings.reportFile, publisher, {
            setOutputs: (outputs) => {
                // For a rollback, success is every host back on its previous version.
                out.set(names/* OUTPUT */.aQ.result, report.result === 'deployed' ? 'rolled-back' : 'failed');
                out.set(names/* OUTPUT */.aQ.hosts, outputs[names/* OUTPUT */.aQ.updatedHosts]);
                out.set(names/* OUTPUT */.aQ.reportFile, outputs[names/* OUTPUT */.aQ.reportFile]);
            },
            failure: (r) => `the rollback stopped: ${r.error ?? r.result}; every host it touched runs what it ran before`,
        });
    });
}


/***/ })

};
;