"use strict";
exports.id = 847;
exports.ids = [847,492];
exports.modules = {

/***/ 73683:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cs: () => (/* binding */ runAction),
/* harmony export */   G4: () => (/* binding */ ActionsLogger),
/* harmony export */   I8: () => (/* reexport module object */ _actions_core__WEBPACK_IMPORTED_MODULE_0__),
/* harmony export */   dt: () => (/* binding */ listInput),
/* harmony export */   hF: () => (/* binding */ input),
/* harmony export */   tE: () => (/* binding */ booleanInput)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96421);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _log__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25625);
// What every action entry shares: the @actions/core logger, input readers, and the failure handler.



/** The engine's Logger on top of @actions/core: groups, annotations, and masking of secrets. */
class ActionsLogger {
    masker = new _log__WEBPACK_IMPORTED_MODULE_2__/* .Masker */ .GX();
    registered = new Set();
    info(m) { _actions_core__WEBPACK_IMPORTED_MODULE_0__.info(this.clean(m)); }
    warn(m) { _actions_core__WEBPACK_IMPORTED_MODULE_0__.warning(this.clean(m)); }
    error(m) { _actions_core__WEBPACK_IMPORTED_MODULE_0__.error(this.clean(m)); }
    debug(m) { _actions_core__WEBPACK_IMPORTED_MODULE_0__.debug(this.clean(m)); }
    mask(text) { return this.masker.mask(text); }
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
    group(title, fn) { return _actions_core__WEBPACK_IMPORTED_MODULE_0__.group(this.clean(title).replace(/\s+/g, ' '), fn); }
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
    return input(name).split(separator).map((s) => s.trim()).filter((s) => s !== '');
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

/***/ 3240:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  v: () => (/* binding */ Publisher)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/github/deployments.ts
/**
 * The statuses a deployment goes through for a rollout's result, in order; the first one is set
 * when the rollout starts. A rolled-back deployment ends `inactive`: the environment runs the
 * version it ran before, so that earlier deployment — never marked inactive, since this one never
 * reached `success` — stays the environment's active one.
 */
function deploymentLifecycle(result) {
    switch (result) {
        case 'deployed': return ['in_progress', 'success'];
        case 'rolled-back': return ['in_progress', 'failure', 'inactive'];
        case 'partial': return ['in_progress', 'failure'];
        case 'failed': return ['in_progress', 'failure'];
    }
}
/** `https://github.com/owner/repo/actions/runs/123/attempts/2` from the Actions environment, if it is one. */
function actionsRunUrl(env) {
    const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt } = env;
    if (!repo || !run)
        return undefined;
    return `${server.replace(/\/+$/, '')}/${repo}/actions/runs/${run}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
}
/** GitHub refuses longer status and deployment descriptions. */
const MAX_DESCRIPTION = 140;
class GitHubDeployments {
    apiUrl;
    token;
    repository;
    log;
    retries;
    timeoutMs;
    retryDelayMs;
    constructor(options) {
        this.apiUrl = (options.apiUrl || 'https://api.github.com').replace(/\/+$/, '');
        this.token = options.token;
        this.repository = options.repository;
        this.log = options.log;
        this.retries = Math.max(0, options.retries ?? 2);
        this.timeoutMs = options.timeoutMs ?? 10_000;
        this.retryDelayMs = options.retryDelayMs ?? 500;
        this.log.secret(this.token);
    }
    /** Creates the deployment; its id, or undefined (after a warning) when GitHub did not create one. */
    async create(request) {
        const ref = request.sha ?? request.ref;
        if (!ref) {
            this.log.warn('GitHub deployment not created: no ref or sha to record it for');
            return undefined;
        }
        const body = {
            ref,
            environment: request.environment,
            description: clip(request.description),
            payload: request.payload,
            auto_merge: request.autoMerge ?? false,
            required_contexts: request.requiredContexts ?? [],
        };
        if (request.task)
            body.task = request.task;
        if (request.transientEnvironment !== undefined)
            body.transient_environment = request.transientEnvironment;
        if (request.productionEnvironment !== undefined)
            body.production_environment = request.productionEnvironment;
        const answer = await this.call('create deployment', 'POST', '/deployments', body);
        if (!answer)
            return undefined;
        const id = answer.body?.id;
        if (answer.status !== 201 || typeof id !== 'number') {
            // 202 means GitHub merged the default branch into ref instead (only with autoMerge).
            this.log.warn(`GitHub create deployment: no deployment created (HTTP ${answer.status}${messageOf(answer.body)})`);
            return undefined;
        }
        this.log.info(`GitHub deployment ${id} created for ${request.environment}`);
        return id;
    }
    /**
     * Adds a status to a deployment; the status id, or undefined after a warning. Only `success`
     * makes GitHub mark the environment's earlier successful deployments inactive (`auto_inactive`):
     * the API would do it for any state by default, and after a failure or a rollback the earlier
     * deployment is the one that runs.
     */
    async setStatus(id, state, details = {}) {
        if (id === undefined)
            return undefined;
        const body = { state, auto_inactive: state === 'success' };
        if (details.logUrl)
            body.log_url = details.logUrl;
        if (details.environmentUrl)
            body.environment_url = details.environmentUrl;
        if (details.description)
            body.description = clip(details.description);
        const answer = await this.call(`set deployment ${id} status ${state}`, 'POST', `/deployments/${encodeURIComponent(String(id))}/statuses`, body);
        if (!answer)
            return undefined;
        const statusId = answer.body?.id;
        return typeof statusId === 'number' ? statusId : undefined;
    }
    /** Sets the statuses that follow `in_progress` for a rollout's result (deploymentLifecycle). */
    async finish(id, result, details = {}) {
        if (id === undefined)
            return;
        for (const state of deploymentLifecycle(result).slice(1)) {
            const description = state === 'inactive' ? 'rolled back: the previous version runs again' : details.description;
            await this.setStatus(id, state, { ...details, description });
        }
    }
    /**
     * Marks the environment's other deployments whose latest status is `success` inactive. Rarely
     * needed: the `success` status already does this through `auto_inactive`, except for deployments
     * created with `production_environment: true`, which GitHub leaves active. Returns the ids marked.
     */
    async markPreviousInactive(environment, exceptId, details = {}) {
        const list = await this.call(`list deployments of ${environment}`, 'GET', `/deployments?environment=${encodeURIComponent(environment)}&per_page=30`);
        if (!list || !Array.isArray(list.body))
            return [];
        const marked = [];
        for (const d of list.body) {
            if (typeof d.id !== 'number' || d.id === exceptId)
                continue;
            const statuses = await this.call(`list deployment ${d.id} statuses`, 'GET', `/deployments/${d.id}/statuses?per_page=1`);
            const latest = Array.isArray(statuses?.body) ? statuses.body[0] : undefined;
            if (latest?.state !== 'success')
                continue;
            if ((await this.setStatus(d.id, 'inactive', { ...details, description: details.description ?? 'superseded' })) !== undefined)
                marked.push(d.id);
        }
        return marked;
    }
    /** One API call with retries; the 2xx answer, or undefined after a warning naming the call. */
    async call(what, method, path, body) {
        const repo = /^([^/\s]+)\/([^/\s]+)$/.exec(this.repository);
        if (!repo) {
            this.log.warn(`GitHub ${what} skipped: repository "${this.repository}" is not owner/repo`);
            return undefined;
        }
        if (!this.token) {
            this.log.warn(`GitHub ${what} skipped: no token`);
            return undefined;
        }
        const url = `${this.apiUrl}/repos/${encodeURIComponent(repo[1])}/${encodeURIComponent(repo[2])}${path}`;
        for (let attempt = 0;; attempt++) {
            let problem;
            let transient;
            try {
                const response = await fetch(url, {
                    method,
                    headers: {
                        Accept: 'application/vnd.github+json',
                        Authorization: `Bearer ${this.token}`,
                        'X-GitHub-Api-Version': '2022-11-28',
                        'User-Agent': 'aviary',
                        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
                    },
                    body: body !== undefined ? JSON.stringify(body) : undefined,
                    signal: AbortSignal.timeout(this.timeoutMs),
                });
                const text = await response.text();
                let parsed = text;
                try {
                    parsed = text ? JSON.parse(text) : undefined;
                }
                catch { /* not JSON: keep the text for the warning */ }
                if (response.ok)
                    return { status: response.status, body: parsed };
                problem = `HTTP ${response.status}${messageOf(parsed)}`;
                transient = response.status >= 500 || response.status === 429;
            }
            catch (err) {
                problem = networkMessage(err);
                transient = true;
            }
            if (!transient || attempt >= this.retries) {
                const tries = attempt > 0 ? ` after ${attempt + 1} tries` : '';
                this.log.warn(this.scrub(`GitHub ${what} failed${tries} (${problem}); the deploy goes on without it`));
                return undefined;
            }
            const delay = this.retryDelayMs * 2 ** attempt;
            this.log.debug(this.scrub(`GitHub ${what}: ${problem}; retry ${attempt + 1}/${this.retries} in ${delay}ms`));
            await new Promise((resolve) => setTimeout(resolve, delay));
        }
    }
    /** The logger masks registered secrets too; this also covers loggers that don't. */
    scrub(text) {
        return this.token ? text.split(this.token).join('***') : text;
    }
}
function clip(text) {
    if (text === undefined)
        return undefined;
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > MAX_DESCRIPTION ? line.slice(0, MAX_DESCRIPTION - 1) + '…' : line;
}
/** `: Validation Failed (environment: invalid)` from GitHub's error body, shortened. */
function messageOf(body) {
    let text;
    if (body && typeof body === 'object') {
        const b = body;
        if (typeof b.message === 'string')
            text = b.message;
        if (Array.isArray(b.errors) && b.errors.length) {
            const details = b.errors.map((e) => (typeof e === 'string' ? e : e?.message ?? [e?.field, e?.code].filter(Boolean).join(' '))).filter(Boolean);
            if (details.length)
                text = `${text ?? ''} (${details.join('; ')})`.trim();
        }
    }
    else if (typeof body === 'string' && body.trim()) {
        text = body.trim();
    }
    if (!text)
        return '';
    const line = text.replace(/\s+/g, ' ');
    return `: ${line.length > 200 ? line.slice(0, 199) + '…' : line}`;
}
function networkMessage(err) {
    const e = err;
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
        return 'timed out';
    const cause = e?.cause?.code ?? e?.cause?.message;
    return `${e?.message ?? String(err)}${cause ? ` (${cause})` : ''}`;
}

// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(57994);
;// CONCATENATED MODULE: ./src/actions/shared/publish.ts
// What the deploy, rollback and all-in-one actions publish around a rollout: the job summary and,
// with a token and an environment, a GitHub deployment whose status follows the rollout.



class Publisher {
    settings;
    log;
    env;
    deployments;
    deploymentId;
    constructor(settings, log, env = process.env) {
        this.settings = settings;
        this.log = log;
        this.env = env;
        if (settings.githubToken && settings.environment && env.GITHUB_REPOSITORY) {
            this.deployments = new GitHubDeployments({ apiUrl: env.GITHUB_API_URL, token: settings.githubToken, repository: env.GITHUB_REPOSITORY, log });
        }
        else if (settings.environment && !settings.githubToken) {
            log.warn('environment is set but github-token is not: no GitHub deployment is recorded');
        }
    }
    /** Opens the GitHub deployment (payload: image, digest, groups) and marks it in progress. */
    async started(report) {
        if (!this.deployments || report.dryRun)
            return;
        this.deploymentId = await this.deployments.create({
            sha: this.env.GITHUB_SHA,
            ref: this.env.GITHUB_SHA ? undefined : this.env.GITHUB_REF,
            environment: this.settings.environment,
            description: `aviary: ${report.service} ${report.image}`,
            payload: { image: report.image, digest: report.digest, groups: [...new Set(report.plan.map((b) => b.group))], deployment: report.deployment },
        });
        await this.deployments.setStatus(this.deploymentId, 'in_progress', this.details(report));
    }
    /** Moves the GitHub deployment to its final status and writes the job summary. */
    async finished(report) {
        if (this.deployments && this.deploymentId !== undefined)
            await this.deployments.finish(this.deploymentId, report.result, this.details(report));
        const file = this.env.GITHUB_STEP_SUMMARY;
        if (this.settings.summary && file) {
            try {
                external_node_fs_.appendFileSync(file, (0,summary/* renderSummary */.Br)(report) + '\n');
            }
            catch (err) {
                this.log.warn(`could not write the job summary: ${err.message}`);
            }
        }
    }
    get githubDeploymentId() {
        return this.deploymentId === undefined ? '' : String(this.deploymentId);
    }
    details(report) {
        return { logUrl: actionsRunUrl(this.env), environmentUrl: this.settings.environmentUrl || undefined, description: `${report.result} — ${report.hosts.length} host(s)` };
    }
}


/***/ }),

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


/***/ }),

/***/ 67235:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ runRollout)
/* harmony export */ });
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(29880);
/* harmony import */ var _util_cancel__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(24436);
/* harmony import */ var _runtime__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73683);
/* harmony import */ var _state__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31716);
// The part of deploy, rollback and the all-in-one action that runs a rollout: it tells the post
// step, through the step's state, how far it got (see ./post.ts), and cancels on SIGINT/SIGTERM.




async function runRollout(settings, log, publisher) {
    settings.deployment = (0,_deploy__WEBPACK_IMPORTED_MODULE_0__.newDeploymentId)();
    const signal = (0,_util_cancel__WEBPACK_IMPORTED_MODULE_3__/* .cancelOnSignals */ .d)(log);
    const run = await (0,_deploy__WEBPACK_IMPORTED_MODULE_0__.deploy)(settings, log, process.env, signal, {
        // Before the first host is touched: the post step repairs from the hosts' records if this step dies.
        locking: () => _runtime__WEBPACK_IMPORTED_MODULE_1__/* .core.saveState */ .I8.saveState(_state__WEBPACK_IMPORTED_MODULE_2__/* .STATE */ .c.deployment, settings.deployment),
        started: (r) => publisher.started(r),
        // From here on nothing (report file, summary, GitHub API) may undo the rollout.
        decided: () => _runtime__WEBPACK_IMPORTED_MODULE_1__/* .core.saveState */ .I8.saveState(_state__WEBPACK_IMPORTED_MODULE_2__/* .STATE */ .c.decided, 'true'),
    });
    if (!leftUnfinished(run.report))
        _runtime__WEBPACK_IMPORTED_MODULE_1__/* .core.saveState */ .I8.saveState(_state__WEBPACK_IMPORTED_MODULE_2__/* .STATE */ .c.done, 'true');
    return run;
}
/** A host that could not be put back (or whose rollback was cut short) is the post step's to try again. */
function leftUnfinished(report) {
    return report.hosts.some((h) => h.result === 'restore-failed');
}


/***/ }),

/***/ 31716:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ STATE)
/* harmony export */ });
// The names under which a main step tells its post step how far it got (core.saveState).
const STATE = {
    /** This run's deployment id: saved before any host is touched. */
    deployment: 'deployment',
    /** The rollout's outcome is recorded on the hosts: the post step must not undo it. */
    decided: 'decided',
    /** The rollout returned (lock released): the post step has nothing to do. */
    done: 'done',
};


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
        this.list.push(value === undefined ? `${field}: is missing (expected ${expected})` : `${field}: ${show(value)} is not ${expected}`);
    }
    raw(message) { this.list.push(message); }
    get any() { return this.list.length > 0; }
    throwIfAny() { if (this.any)
        throw new InputError(this.list); }
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
/* unused harmony export MemoryLogger */
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
    info(message) { this.out(message); }
    mask(text) { return this.masker.mask(text); }
    warn(message) { this.err(`warning: ${message}`); }
    error(message) { this.err(`error: ${message}`); }
    debug(message) { if (this.options.verbose)
        this.out(`  ${message}`); }
    secret(value) { this.masker.add(value); }
    async group(title, fn) {
        this.out(`▸ ${title.replace(/\s+/g, ' ')}`);
        return fn();
    }
}
/** A logger that keeps every line, for tests that check what a run printed. */
class MemoryLogger {
    lines = [];
    masker = new Masker();
    info(m) { this.lines.push(this.masker.mask(m)); }
    warn(m) { this.lines.push(this.masker.mask(`warning: ${m}`)); }
    error(m) { this.lines.push(this.masker.mask(`error: ${m}`)); }
    debug(m) { this.lines.push(this.masker.mask(`debug: ${m}`)); }
    secret(v) { this.masker.add(v); }
    mask(text) { return this.masker.mask(text); }
    async group(title, fn) {
        this.lines.push(`▸ ${title}`);
        return fn();
    }
    get text() { return this.lines.join('\n'); }
}


/***/ }),

/***/ 24436:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ cancelOnSignals)
/* harmony export */ });
function cancelOnSignals(log) {
    const cancel = new AbortController();
    for (const sig of ['SIGINT', 'SIGTERM']) {
        process.on(sig, () => {
            log.warn(cancel.signal.aborted
                ? `${sig} received: still rolling back what this run touched`
                : `${sig} received: starting nothing new, rolling back what this run touched, releasing the lock`);
            cancel.abort(new Error(`cancelled by ${sig}`));
        });
    }
    return cancel.signal;
}


/***/ })

};
;