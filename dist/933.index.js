"use strict";
exports.id = 933;
exports.ids = [933];
exports.modules = {

/***/ 95933:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* reexport safe */ _shared_post__WEBPACK_IMPORTED_MODULE_0__.e)
/* harmony export */ });
/* harmony import */ var _shared_post__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(59259);
// actions/deploy and the all-in-one action: the post step shared by every action that changes hosts.



/***/ }),

/***/ 73683:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cs: () => (/* binding */ runAction),
/* harmony export */   G4: () => (/* binding */ ActionsLogger),
/* harmony export */   HK: () => (/* binding */ outputWriter),
/* harmony export */   I8: () => (/* reexport module object */ _actions_core__WEBPACK_IMPORTED_MODULE_0__),
/* harmony export */   cN: () => (/* binding */ inputReader)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _log__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25625);
// What every action entry shares: the @actions/core logger, typed inputs and outputs, the failure handler.



/** The engine's Logger on top of @actions/core: groups, annotations, and masking of secrets. */
class ActionsLogger {
    masker = new _log__WEBPACK_IMPORTED_MODULE_2__/* .Masker */ .GX();
    registered = new Set();
    info(m) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(this.clean(m));
    }
    warn(m) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning(this.clean(m));
    }
    error(m) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.error(this.clean(m));
    }
    debug(m) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(this.clean(m));
    }
    mask(text) {
        return this.masker.mask(text);
    }
    secret(v) {
        // Hosts sharing a TLS or SSH key pass the same secret once each: the runner needs it once.
        if (!v || this.registered.has(v))
            return;
        this.registered.add(v);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret(v);
        // The runner masks line by line: a multi-line secret (a PEM key) must be registered by lines too.
        for (const line of v.split(/\r?\n/))
            if (line.trim().length >= 8 && line.trim() !== v)
                _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret(line.trim());
        this.masker.add(v);
    }
    group(title, fn) {
        return _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(this.clean(title).replace(/\s+/g, ' '), fn);
    }
    clean(text) {
        return (0,_log__WEBPACK_IMPORTED_MODULE_2__/* .neutralizeCommands */ .Kw)(this.masker.mask(text));
    }
}
/** The raw text of an input ('' when not given). Every input an action reads goes through here. */
function input(name) {
    return _actions_core__WEBPACK_IMPORTED_MODULE_0__.getInput(name).trim();
}
/** A true/false input; anything else is a user error naming the input. */
function booleanInput(name, fallback) {
    const raw = input(name).toLowerCase();
    if (raw === '')
        return fallback;
    if (['true', 'yes', '1', 'on'].includes(raw))
        return true;
    if (['false', 'no', '0', 'off'].includes(raw))
        return false;
    throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`input ${name}: ${(0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .show */ .WU)(raw)} is not true or false`);
}
/** A list input: one item per line or comma-separated; blank items dropped. */
function listInput(name, separator = /[\n,]/) {
    return input(name)
        .split(separator)
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
/** The reader of the inputs `names` lists; an inputs module passes the list that its action.yml is tested against. */
function inputReader(names) {
    void names; // the list types the reader: reading a name it lacks is a compile error
    return { text: input, flag: booleanInput, list: listInput };
}
/** The writer of the outputs `names` lists; an action's main passes the list that its action.yml is tested against. */
function outputWriter(names) {
    void names;
    return { set: (name, value) => _actions_core__WEBPACK_IMPORTED_MODULE_0__.setOutput(name, value) };
}
/** Runs an action's body; any failure becomes a failed step with a message, never a stack trace. */
async function runAction(body) {
    const log = new ActionsLogger();
    try {
        await body(log);
    }
    catch (err) {
        // setFailed writes past our logger: mask and neutralise its message here.
        const message = (0,_log__WEBPACK_IMPORTED_MODULE_2__/* .neutralizeCommands */ .Kw)(log.mask((0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(err)));
        if (!(err instanceof Error) || err.name === 'Error' || err.name === 'TypeError')
            log.debug(String(err?.stack ?? err));
        _actions_core__WEBPACK_IMPORTED_MODULE_0__.setFailed(message);
        process.exitCode = 1;
    }
}



/***/ }),

/***/ 23305:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $9: () => (/* binding */ BUILD_INPUTS),
/* harmony export */   _E: () => (/* binding */ PUBLISH_INPUTS),
/* harmony export */   aQ: () => (/* binding */ OUTPUT),
/* harmony export */   c4: () => (/* binding */ STATE),
/* harmony export */   e7: () => (/* binding */ ROLLOUT_INPUTS),
/* harmony export */   xh: () => (/* binding */ ROLLOUT_OUTPUTS),
/* harmony export */   z$: () => (/* binding */ GATES_INPUTS)
/* harmony export */ });
// The names the action.yml files and the entries share: the inputs several actions read, every
// output, and the keys under which a main step tells its post step how far it got.
/** Inputs of every action that rolls out (deploy, rollback, all-in-one); the post step reads them too. */
const ROLLOUT_INPUTS = [
    'config',
    'groups',
    'batches',
    'parallel',
    'max-unhealthy',
    'pause',
    'metrics-url',
    'lock-wait',
    'dry-run',
    'force-unlock',
    'username',
    'password',
    'ssh-key',
    'ssh-known-hosts',
    'ssh-host-key-check',
    'report-file',
];
/** What the rolling-out actions publish around a rollout: the job summary and a GitHub deployment. */
const PUBLISH_INPUTS = ['summary', 'github-token', 'environment', 'environment-url'];
/** The build's inputs, which the all-in-one action reads too (as docker/build-push-action names them). */
const BUILD_INPUTS = [
    'context',
    'file',
    'tags',
    'image',
    'labels',
    'build-args',
    'target',
    'pull',
    'no-cache',
    'semver-tags',
    'latest',
    'secrets',
    'secret-files',
    'ssh',
    'cache-from',
    'cache-to',
    'platforms',
];
/** Gates beside the config's, read by deploy and the all-in-one action (not rollback: a rollback is not gated). */
const GATES_INPUTS = ['gates'];
/** Every output of every action; each action's main lists the ones it sets. */
const OUTPUT = {
    imageid: 'imageid',
    tags: 'tags',
    metadata: 'metadata',
    digest: 'digest',
    image: 'image',
    platforms: 'platforms',
    result: 'result',
    updatedHosts: 'updated-hosts',
    rolledBackHosts: 'rolled-back-hosts',
    reportFile: 'report-file',
    availability: 'availability',
    deploymentId: 'deployment-id',
    status: 'status',
    hosts: 'hosts',
};
/** The outputs of a rollout, as the engine's outputsOf names them, plus the GitHub deployment's id. */
const ROLLOUT_OUTPUTS = [
    OUTPUT.result,
    OUTPUT.digest,
    OUTPUT.updatedHosts,
    OUTPUT.rolledBackHosts,
    OUTPUT.reportFile,
    OUTPUT.availability,
    OUTPUT.deploymentId,
];
/** The names under which a main step tells its post step how far it got (core.saveState). */
const STATE = {
    /** This run's deployment id: saved before any host is touched. */
    deployment: 'deployment',
    /** The rollout's outcome is recorded on the hosts: the post step must not undo it. */
    decided: 'decided',
    /** The rollout returned (lock released): the post step has nothing to do. */
    done: 'done',
};


/***/ }),

/***/ 59259:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _runtime__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73683);
/* harmony import */ var _names__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(23305);
// The post step (post-if: always()) of deploy, rollback and the all-in-one action: when the main
// step died before it was done, repairs from the records on the hosts what it left, reports each
// host, and fails the step when a host is left without a healthy version.



async function run() {
    const deployment = _runtime__WEBPACK_IMPORTED_MODULE_1__/* .core.getState */ .I8.getState(_names__WEBPACK_IMPORTED_MODULE_2__/* .STATE */ .c4.deployment);
    if (!deployment || _runtime__WEBPACK_IMPORTED_MODULE_1__/* .core.getState */ .I8.getState(_names__WEBPACK_IMPORTED_MODULE_2__/* .STATE */ .c4.done) === 'true')
        return;
    const decided = _runtime__WEBPACK_IMPORTED_MODULE_1__/* .core.getState */ .I8.getState(_names__WEBPACK_IMPORTED_MODULE_2__/* .STATE */ .c4.decided) === 'true';
    const log = new _runtime__WEBPACK_IMPORTED_MODULE_1__/* .ActionsLogger */ .G4();
    try {
        // Loaded only when there is something to do: most post steps end above, at once.
        const [{ recover }, { renderRecovery }, { readRolloutInputs }] = await Promise.all([
            Promise.all(/* import() */[__webpack_require__.e(118), __webpack_require__.e(815), __webpack_require__.e(318), __webpack_require__.e(693), __webpack_require__.e(880)]).then(__webpack_require__.bind(__webpack_require__, 29880)),
            Promise.all(/* import() */[__webpack_require__.e(693), __webpack_require__.e(518)]).then(__webpack_require__.bind(__webpack_require__, 11693)),
            __webpack_require__.e(/* import() */ 492).then(__webpack_require__.bind(__webpack_require__, 39492)),
        ]);
        const settings = readRolloutInputs();
        if (settings.dryRun)
            return;
        log.warn(decided
            ? `the step ended after deployment ${deployment} had decided its outcome: cleaning up after it, undoing nothing`
            : `the step did not finish: repairing what deployment ${deployment} left on the hosts`);
        const recovery = await log.group('Repair', () => recover(settings, deployment, log, process.env, decided));
        for (const line of renderRecovery(recovery))
            log.info(line);
        if (!recovery.ok) {
            const bad = recovery.hosts.filter((h) => !['fine', 'empty', 'locked'].includes(h.state));
            _runtime__WEBPACK_IMPORTED_MODULE_1__/* .core.setFailed */ .I8.setFailed(`${bad.length} host(s) may be without a healthy version after deployment ${deployment}: ${bad.map((h) => `${h.host} (${h.state}: ${h.detail})`).join('; ')}`);
        }
    }
    catch (err) {
        _runtime__WEBPACK_IMPORTED_MODULE_1__/* .core.setFailed */ .I8.setFailed(`could not repair after deployment ${deployment}: ${(0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(err)}`);
    }
}


/***/ }),

/***/ 83916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   WU: () => (/* binding */ show),
/* harmony export */   Zw: () => (/* binding */ Problems),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   e4: () => (/* binding */ RunError)
/* harmony export */ });
// The two kinds of failure a user sees: their input is wrong, or the work itself failed.
/** Bad configuration or input: nothing was changed on any host. Holds every problem found. */
class InputError extends Error {
    problems;
    constructor(problems) {
        const list = Array.isArray(problems) ? problems : [problems];
        super(list.length === 1 ? list[0] : `${list.length} problems:\n` + list.map((p) => `  - ${p}`).join('\n'));
        this.name = 'InputError';
        this.problems = list;
    }
}
/** A build, push or rollout that failed while doing its work; the message says where and why. */
class RunError extends Error {
    details;
    constructor(message, details = {}) {
        super(message);
        this.details = details;
        this.name = 'RunError';
    }
}
/** The message to show a user for any thrown value: never a stack trace for our own errors. */
function describeError(err) {
    if (err instanceof InputError || err instanceof RunError)
        return err.message;
    if (err instanceof Error)
        return err.message || String(err);
    return String(err);
}
/** Collects problems during validation, so that all of them are reported at once. */
class Problems {
    list = [];
    /** `field: "25" is not a count or a percentage like "25%"`, or `field: is missing (expected …)`. */
    add(field, value, expected) {
        this.list.push(value === undefined
            ? `${field}: is missing (expected ${expected})`
            : `${field}: ${show(value)} is not ${expected}`);
    }
    raw(message) {
        this.list.push(message);
    }
    get any() {
        return this.list.length > 0;
    }
    throwIfAny() {
        if (this.any)
            throw new InputError(this.list);
    }
}
/** A short, single-line rendering of a user's value for an error message. */
function show(value) {
    let s;
    try {
        s = JSON.stringify(value) ?? String(value);
    }
    catch {
        s = String(value);
    }
    return s.length > 80 ? s.slice(0, 76) + '…' + s.slice(-1) : s;
}


/***/ }),

/***/ 25625:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cr: () => (/* binding */ ConsoleLogger),
/* harmony export */   GX: () => (/* binding */ Masker),
/* harmony export */   Kw: () => (/* binding */ neutralizeCommands)
/* harmony export */ });
/**
 * Text read from hosts or given by users may hold lines that the runner would take as workflow
 * commands (`::error::`, `::add-mask::`, `##[group]`, even after leading blanks). Such lines get a
 * zero-width space in front: they print the same, and the runner ignores them.
 */
function neutralizeCommands(text) {
    return text.replace(/^(\s*)(::|##\[)/gm, '$1\u200b$2');
}
/** Replaces every registered secret in text; shared by all loggers and by error reporting. */
class Masker {
    secrets = new Set();
    add(value) {
        if (!value || value.length < 3)
            return;
        this.secrets.add(value);
        // Multi-line secrets (PEM keys) are also masked line by line, as they may be logged in parts.
        for (const line of value.split(/\r?\n/))
            if (line.trim().length >= 8)
                this.secrets.add(line.trim());
    }
    mask(text) {
        let out = text;
        for (const s of [...this.secrets].sort((a, b) => b.length - a.length))
            out = out.split(s).join('***');
        return out;
    }
}
/** A logger for the command line and tests: plain lines on stdout/stderr, groups as headers. */
class ConsoleLogger {
    masker;
    options;
    constructor(masker = new Masker(), options = {}) {
        this.masker = masker;
        this.options = options;
    }
    out(line) {
        (this.options.out ?? ((l) => process.stdout.write(l + '\n')))(neutralizeCommands(this.masker.mask(line)));
    }
    err(line) {
        (this.options.err ?? ((l) => process.stderr.write(l + '\n')))(neutralizeCommands(this.masker.mask(line)));
    }
    info(message) {
        this.out(message);
    }
    mask(text) {
        return this.masker.mask(text);
    }
    warn(message) {
        this.err(`warning: ${message}`);
    }
    error(message) {
        this.err(`error: ${message}`);
    }
    debug(message) {
        if (this.options.verbose)
            this.out(`  ${message}`);
    }
    secret(value) {
        this.masker.add(value);
    }
    async group(title, fn) {
        this.out(`▸ ${title.replace(/\s+/g, ' ')}`);
        return fn();
    }
}


/***/ })

};
;