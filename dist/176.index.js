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
  OUTPUTS: () => (/* binding */ OUTPUTS),
  run: () => (/* binding */ main_run)
});

// EXTERNAL MODULE: ./src/actions/runtime.ts
var runtime = __webpack_require__(73683);
// EXTERNAL MODULE: ./src/actions/shared/names.ts
var names = __webpack_require__(23305);
// EXTERNAL MODULE: ./src/actions/shared/publish.ts + 2 modules
var publish = __webpack_require__(20131);
// EXTERNAL MODULE: ./src/actions/shared/rollout-step.ts
var rollout_step = __webpack_require__(67235);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(26518);
// EXTERNAL MODULE: ./src/actions/shared/rollout-inputs.ts
var rollout_inputs = __webpack_require__(39492);
;// CONCATENATED MODULE: ./src/actions/deploy/inputs.ts





/** The modes other than deploy and status, each on its own engine (./modes.ts). */
const MODES = ['sync', 'retire', 'maintain', 'doctor'];
const INPUTS = [
    ...names/* ROLLOUT_INPUTS */.e7,
    ...names/* PUBLISH_INPUTS */._E,
    ...names/* GATES_INPUTS */.z$,
    'image',
    'mode',
    'hosts',
    'command',
    'ssh-user',
    'command-timeout',
];
function readDeployInputs(env = process.env) {
    const read = (0,runtime/* inputReader */.cN)(INPUTS);
    const settings = (0,rollout_inputs.readRolloutInputs)(env);
    settings.overrides.image = read.text('image') || undefined;
    settings.overrides.gates = read.text('gates') || undefined;
    const publish = (0,rollout_inputs.readPublishInputs)();
    const mode = read.text('mode') || 'deploy';
    if (!isMode(mode))
        throw new errors/* InputError */.dz(`input mode: ${(0,errors/* show */.WU)(mode)} is not deploy, status, ${MODES.join(', ')}`);
    const timeout = read.text('command-timeout');
    let commandTimeoutMs;
    if (mode === 'maintain' && timeout) {
        commandTimeoutMs = (0,duration/* parseDuration */.E)(timeout);
        if (!commandTimeoutMs || commandTimeoutMs <= 0) {
            throw new errors/* InputError */.dz(`input command-timeout: ${JSON.stringify(timeout)} is not a duration like 90s or 30m`);
        }
    }
    const modes = {
        hosts: read.list('hosts'),
        command: read.text('command'),
        sshUser: read.text('ssh-user'),
        commandTimeoutMs,
    };
    return { settings, publish, mode, modes };
}
function isMode(mode) {
    return mode === 'deploy' || mode === 'status' || MODES.includes(mode);
}

// EXTERNAL MODULE: ./src/deploy.ts
var deploy = __webpack_require__(29880);
// EXTERNAL MODULE: ./src/util/cancel.ts
var cancel = __webpack_require__(24436);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/actions/deploy/modes.ts
// actions/deploy's other modes — sync, retire, maintain, doctor — on the same inputs as deploy, plus
// `hosts`, `command`, `ssh-user` and `command-timeout`. Each engine is loaded only when its mode runs.






/** Runs a mode other than deploy and status. */
async function runMode(mode, inputs, log, out) {
    const { settings } = inputs;
    if (mode !== 'doctor') {
        // The modes that take the deploy lock: if this step dies, the post step repairs and unlocks as for a deploy.
        settings.deployment = (0,deploy.newDeploymentId)();
        runtime/* core.saveState */.I8.saveState(names/* STATE */.c4.deployment, settings.deployment);
    }
    await run(mode, inputs, log, out);
}
/**
 * Runs the mode. Each mode that locks saves `done` once it returned with nothing left for the post
 * step; a host left half-done, or an error on the way, leaves the post step to look again.
 */
async function run(mode, inputs, log, out) {
    const { settings, modes: { hosts }, } = inputs;
    const report = (value) => {
        if (settings.reportFile)
            (0,deploy.writeReport)(settings.reportFile, value);
    };
    const summaries = await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(317), __webpack_require__.e(160)]).then(__webpack_require__.bind(__webpack_require__, 15160));
    const summary = (markdown) => {
        const file = process.env.GITHUB_STEP_SUMMARY;
        if (!file || !inputs.publish.summary)
            return;
        try {
            external_node_fs_.appendFileSync(file, log.mask(markdown) + '\n');
        }
        catch (err) {
            log.warn(`could not write the job summary: ${err.message}`);
        }
    };
    if (mode === 'sync') {
        const { sync, renderSync } = await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(40), __webpack_require__.e(317), __webpack_require__.e(565), __webpack_require__.e(442)]).then(__webpack_require__.bind(__webpack_require__, 47442));
        const result = await sync(settings, log, process.env, (0,cancel/* cancelOnSignals */.d)(log), {
            // As a deploy: once the outcome is recorded on the hosts, the post step must not undo it.
            decided: () => runtime/* core.saveState */.I8.saveState(names/* STATE */.c4.decided, 'true'),
        });
        for (const line of renderSync(result))
            log.info(line);
        report(result);
        summary(summaries.syncSummary(result));
        out.set(names/* OUTPUT */.aQ.result, result.result);
        const updated = result.groups.flatMap((g) => g.report?.hosts.filter((h) => h.result === 'updated').map((h) => h.name) ?? []);
        out.set(names/* OUTPUT */.aQ.updatedHosts, updated.join(','));
        if (!result.groups.some((g) => g.report?.hosts.some((h) => h.result === 'restore-failed')))
            runtime/* core.saveState */.I8.saveState(names/* STATE */.c4.done, 'true');
        if (result.result === 'failed')
            throw new errors/* RunError */.e4(result.error ?? 'sync failed');
    }
    else if (mode === 'retire') {
        const { retire } = await __webpack_require__.e(/* import() */ 257).then(__webpack_require__.bind(__webpack_require__, 54257));
        const result = await retire(settings, hosts, log, process.env, (0,cancel/* cancelOnSignals */.d)(log));
        runtime/* core.saveState */.I8.saveState(names/* STATE */.c4.done, 'true');
        report(result);
        summary(summaries.retireSummary(result));
        out.set(names/* OUTPUT */.aQ.result, result.ok ? 'retired' : 'failed');
        out.set(names/* OUTPUT */.aQ.updatedHosts, result.hosts
            .filter((h) => h.ok)
            .map((h) => h.host)
            .join(','));
        if (!result.ok)
            throw new errors/* RunError */.e4(result.hosts
                .filter((h) => !h.ok)
                .map((h) => `${h.host}: ${h.error}`)
                .join('\n'));
    }
    else if (mode === 'maintain') {
        const { maintain, MAINTAIN_DEFAULTS, renderMaintain } = await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(317), __webpack_require__.e(73)]).then(__webpack_require__.bind(__webpack_require__, 46073));
        const { command, sshUser, commandTimeoutMs } = inputs.modes;
        const result = await maintain(settings, {
            ...MAINTAIN_DEFAULTS,
            command,
            hosts,
            sshUser: sshUser || MAINTAIN_DEFAULTS.sshUser,
            commandTimeoutMs: commandTimeoutMs ?? MAINTAIN_DEFAULTS.commandTimeoutMs,
        }, log, process.env, (0,cancel/* cancelOnSignals */.d)(log));
        for (const line of renderMaintain(result))
            log.info(line);
        report(result);
        summary(summaries.maintainSummary(result));
        out.set(names/* OUTPUT */.aQ.result, result.result);
        out.set(names/* OUTPUT */.aQ.updatedHosts, result.hosts
            .filter((h) => h.result === 'done')
            .map((h) => h.host)
            .join(','));
        // Nothing of maintain is undone: a stopped wave leaves no record for the post step.
        runtime/* core.saveState */.I8.saveState(names/* STATE */.c4.done, 'true');
        if (result.error)
            throw new errors/* RunError */.e4(result.error);
    }
    else {
        const { doctor, renderDoctor } = await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(317), __webpack_require__.e(112)]).then(__webpack_require__.bind(__webpack_require__, 59112));
        const result = await log.group('Doctor', () => doctor(settings, hosts, log));
        log.info(renderDoctor(result));
        report(result);
        summary(summaries.doctorSummary(result));
        out.set(names/* OUTPUT */.aQ.result, result.ok ? 'ok' : 'failed');
        if (!result.ok)
            throw new errors/* RunError */.e4('doctor: a check failed on some host (see the table above)');
    }
}

;// CONCATENATED MODULE: ./src/actions/deploy/main.ts
// actions/deploy: read inputs → roll out → set outputs. SIGINT/SIGTERM cancel the rollout cleanly.






const OUTPUTS = [...names/* ROLLOUT_OUTPUTS */.xh, names/* OUTPUT */.aQ.status];
async function main_run() {
    await (0,runtime/* runAction */.Cs)(async (log) => {
        const out = (0,runtime/* outputWriter */.HK)(OUTPUTS);
        const inputs = readDeployInputs();
        const { settings } = inputs;
        if (inputs.mode === 'status') {
            const { readStatus, renderStatus } = await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(40), __webpack_require__.e(317), __webpack_require__.e(565)]).then(__webpack_require__.bind(__webpack_require__, 65565));
            const status = await log.group('Status', () => readStatus(settings, log));
            log.info(renderStatus(status));
            out.set(names/* OUTPUT */.aQ.status, JSON.stringify(status));
            return;
        }
        if (inputs.mode !== 'deploy')
            return runMode(inputs.mode, inputs, log, out);
        const publisher = new publish/* Publisher */.v(inputs.publish, log);
        const { report } = await (0,rollout_step/* runRollout */.p1)(settings, log, publisher);
        await (0,rollout_step/* finishRollout */.JZ)(report, settings.reportFile, publisher, {
            setOutputs: (outputs) => {
                for (const name of names/* ROLLOUT_OUTPUTS */.xh)
                    out.set(name, outputs[name]);
            },
        });
    });
}


/***/ })

};
;