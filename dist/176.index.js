"use strict";
exports.id = 176;
exports.ids = [176];
exports.modules = {

/***/ 72176:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ main_run)
});

// EXTERNAL MODULE: ./src/deploy.ts
var deploy = __webpack_require__(29880);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/actions/runtime.ts
var runtime = __webpack_require__(73683);
// EXTERNAL MODULE: ./src/actions/shared/publish.ts + 1 modules
var publish = __webpack_require__(3240);
// EXTERNAL MODULE: ./src/actions/shared/rollout-inputs.ts
var rollout_inputs = __webpack_require__(39492);
// EXTERNAL MODULE: ./src/actions/shared/rollout-step.ts
var rollout_step = __webpack_require__(67235);
;// CONCATENATED MODULE: ./src/actions/deploy/inputs.ts


function readDeployInputs(env = process.env) {
    const settings = (0,rollout_inputs.readRolloutInputs)(env);
    settings.overrides.image = (0,runtime/* input */.hF)('image') || undefined;
    settings.overrides.gates = (0,runtime/* input */.hF)('gates') || undefined;
    return settings;
}

// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(26518);
// EXTERNAL MODULE: ./src/util/cancel.ts
var cancel = __webpack_require__(24436);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/actions/shared/state.ts
var state = __webpack_require__(31716);
;// CONCATENATED MODULE: ./src/actions/deploy/modes.ts
// actions/deploy's other modes — sync, retire, maintain, doctor — on the same inputs as deploy, plus
// `hosts`, `command`, `ssh-user` and `command-timeout`. Each engine is loaded only when its mode runs.







const MODES = ['sync', 'retire', 'maintain', 'doctor'];
/** Runs a mode other than deploy and status; false when `mode` is none of them. */
async function runMode(mode, settings, log) {
    if (!MODES.includes(mode))
        return false;
    const hosts = (0,runtime/* listInput */.dt)('hosts');
    if (mode !== 'doctor') {
        // The modes that take the deploy lock: if this step dies, the post step repairs and unlocks as for a deploy.
        settings.deployment = (0,deploy.newDeploymentId)();
        runtime/* core.saveState */.I8.saveState(state/* STATE */.c.deployment, settings.deployment);
    }
    await run(mode, settings, hosts, log);
    return true;
}
/**
 * Runs the mode. Each mode that locks saves `done` once it returned with nothing left for the post
 * step; a host left half-done, or an error on the way, leaves the post step to look again.
 */
async function run(mode, settings, hosts, log) {
    const report = (value) => { if (settings.reportFile)
        (0,deploy.writeReport)(settings.reportFile, value); };
    const summaries = await Promise.all(/* import() */[__webpack_require__.e(40), __webpack_require__.e(917), __webpack_require__.e(160)]).then(__webpack_require__.bind(__webpack_require__, 15160));
    const summary = (markdown) => {
        const file = process.env.GITHUB_STEP_SUMMARY;
        if (!file || !(0,runtime/* booleanInput */.tE)('summary', true))
            return;
        try {
            external_node_fs_.appendFileSync(file, log.mask(markdown) + '\n');
        }
        catch (err) {
            log.warn(`could not write the job summary: ${err.message}`);
        }
    };
    if (mode === 'sync') {
        const { sync, renderSync } = await Promise.all(/* import() */[__webpack_require__.e(40), __webpack_require__.e(917), __webpack_require__.e(442)]).then(__webpack_require__.bind(__webpack_require__, 47442));
        const result = await sync(settings, log, process.env, (0,cancel/* cancelOnSignals */.d)(log), {
            // As a deploy: once the outcome is recorded on the hosts, the post step must not undo it.
            decided: () => runtime/* core.saveState */.I8.saveState(state/* STATE */.c.decided, 'true'),
        });
        for (const line of renderSync(result))
            log.info(line);
        report(result);
        summary(summaries.syncSummary(result));
        runtime/* core.setOutput */.I8.setOutput('result', result.result);
        runtime/* core.setOutput */.I8.setOutput('updated-hosts', result.groups.flatMap((g) => g.report?.hosts.filter((h) => h.result === 'updated').map((h) => h.name) ?? []).join(','));
        if (!result.groups.some((g) => g.report?.hosts.some((h) => h.result === 'restore-failed')))
            runtime/* core.saveState */.I8.saveState(state/* STATE */.c.done, 'true');
        if (result.result === 'failed')
            throw new errors/* RunError */.e4(result.error ?? 'sync failed');
    }
    else if (mode === 'retire') {
        const { retire } = await __webpack_require__.e(/* import() */ 257).then(__webpack_require__.bind(__webpack_require__, 54257));
        const result = await retire(settings, hosts, log, process.env, (0,cancel/* cancelOnSignals */.d)(log));
        runtime/* core.saveState */.I8.saveState(state/* STATE */.c.done, 'true');
        report(result);
        summary(summaries.retireSummary(result));
        runtime/* core.setOutput */.I8.setOutput('result', result.ok ? 'retired' : 'failed');
        runtime/* core.setOutput */.I8.setOutput('updated-hosts', result.hosts.filter((h) => h.ok).map((h) => h.host).join(','));
        if (!result.ok)
            throw new errors/* RunError */.e4(result.hosts.filter((h) => !h.ok).map((h) => `${h.host}: ${h.error}`).join('\n'));
    }
    else if (mode === 'maintain') {
        const { maintain, MAINTAIN_DEFAULTS, renderMaintain } = await Promise.all(/* import() */[__webpack_require__.e(40), __webpack_require__.e(917), __webpack_require__.e(73)]).then(__webpack_require__.bind(__webpack_require__, 46073));
        const timeout = (0,runtime/* input */.hF)('command-timeout');
        const commandTimeoutMs = timeout ? (0,duration/* parseDuration */.E)(timeout) : MAINTAIN_DEFAULTS.commandTimeoutMs;
        if (!commandTimeoutMs || commandTimeoutMs <= 0)
            throw new errors/* InputError */.dz(`input command-timeout: ${JSON.stringify(timeout)} is not a duration like 90s or 30m`);
        const result = await maintain(settings, {
            ...MAINTAIN_DEFAULTS, command: (0,runtime/* input */.hF)('command'), hosts, sshUser: (0,runtime/* input */.hF)('ssh-user') || MAINTAIN_DEFAULTS.sshUser, commandTimeoutMs,
        }, log, process.env, (0,cancel/* cancelOnSignals */.d)(log));
        for (const line of renderMaintain(result))
            log.info(line);
        report(result);
        summary(summaries.maintainSummary(result));
        runtime/* core.setOutput */.I8.setOutput('result', result.result);
        runtime/* core.setOutput */.I8.setOutput('updated-hosts', result.hosts.filter((h) => h.result === 'done').map((h) => h.host).join(','));
        // Nothing of maintain is undone: a stopped wave leaves no record for the post step.
        runtime/* core.saveState */.I8.saveState(state/* STATE */.c.done, 'true');
        if (result.error)
            throw new errors/* RunError */.e4(result.error);
    }
    else {
        const { doctor, renderDoctor } = await Promise.all(/* import() */[__webpack_require__.e(40), __webpack_require__.e(917), __webpack_require__.e(112)]).then(__webpack_require__.bind(__webpack_require__, 59112));
        const result = await log.group('Doctor', () => doctor(settings, hosts, log));
        log.info(renderDoctor(result));
        report(result);
        summary(summaries.doctorSummary(result));
        runtime/* core.setOutput */.I8.setOutput('result', result.ok ? 'ok' : 'failed');
        if (!result.ok)
            throw new errors/* RunError */.e4('doctor: a check failed on some host (see the table above)');
    }
}

;// CONCATENATED MODULE: ./src/actions/deploy/main.ts
// actions/deploy: read inputs → roll out → set outputs. SIGINT/SIGTERM cancel the rollout cleanly.








async function main_run() {
    await (0,runtime/* runAction */.Cs)(async (log) => {
        const settings = readDeployInputs();
        const mode = (0,runtime/* input */.hF)('mode') || 'deploy';
        if (mode === 'status') {
            const { readStatus, renderStatus } = await Promise.all(/* import() */[__webpack_require__.e(40), __webpack_require__.e(917), __webpack_require__.e(565)]).then(__webpack_require__.bind(__webpack_require__, 65565));
            const status = await log.group('Status', () => readStatus(settings, log));
            log.info(renderStatus(status));
            runtime/* core.setOutput */.I8.setOutput('status', JSON.stringify(status));
            return;
        }
        if (await runMode(mode, settings, log))
            return;
        if (mode !== 'deploy')
            throw new errors/* InputError */.dz(`input mode: ${(0,errors/* show */.WU)(mode)} is not deploy, status, ${MODES.join(', ')}`);
        const publisher = new publish/* Publisher */.v((0,rollout_inputs.readPublishInputs)(), log);
        const { report } = await (0,rollout_step/* runRollout */.p)(settings, log, publisher);
        await publisher.finished(report);
        for (const [name, value] of Object.entries((0,deploy.outputsOf)(report, settings.reportFile)))
            runtime/* core.setOutput */.I8.setOutput(name, value);
        runtime/* core.setOutput */.I8.setOutput('deployment-id', publisher.githubDeploymentId);
        if ((0,deploy.errorWasLogged)(report))
            process.exitCode = 1; // logged with every host already
        else if (report.result !== 'deployed')
            throw new errors/* RunError */.e4(report.error ?? `the rollout ended ${report.result}`);
    });
}


/***/ })

};
;