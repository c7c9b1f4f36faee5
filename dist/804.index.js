"use strict";
exports.id = 804;
exports.ids = [804,492];
exports.modules = {

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

/***/ 20131:
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
        case 'deployed':
            return ['in_progress', 'success'];
        case 'rolled-back':
            return ['in_progress', 'failure', 'inactive'];
        case 'partial':
            return ['in_progress', 'failure'];
        case 'failed':
            return ['in_progress', 'failure'];
    }
}
/** `https://github.com/owner/repo/actions/runs/123/attempts/2` from the Actions environment, if it is one. */
function actionsRunUrl(env) {
    const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt, } = env;
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
    connect;
    api;
    constructor(options) {
        this.apiUrl = (options.apiUrl || 'https://api.github.com').replace(/\/+$/, '');
        this.token = options.token;
        this.repository = options.repository;
        this.log = options.log;
        this.retries = Math.max(0, options.retries ?? 2);
        this.timeoutMs = options.timeoutMs ?? 10_000;
        this.retryDelayMs = options.retryDelayMs ?? 500;
        this.connect = options.connect;
        this.log.secret(this.token);
    }
    /** Creates the deployment; its id, or undefined (after a warning) when GitHub did not create one. */
    async create(request) {
        const ref = request.sha ?? request.ref;
        if (!ref) {
            this.log.warn('GitHub deployment not created: no ref or sha to record it for');
            return undefined;
        }
        const fields = {
            ref,
            environment: request.environment,
            description: clip(request.description),
            payload: request.payload,
            auto_merge: request.autoMerge ?? false,
            required_contexts: request.requiredContexts ?? [],
            ...(request.task ? { task: request.task } : {}),
            ...(request.transientEnvironment !== undefined ? { transient_environment: request.transientEnvironment } : {}),
            ...(request.productionEnvironment !== undefined ? { production_environment: request.productionEnvironment } : {}),
        };
        const answer = await this.call('create deployment', (api, options) => api.createDeployment({ ...options, ...fields }));
        if (!answer)
            return undefined;
        const id = answer.data?.id;
        if (answer.status !== 201 || typeof id !== 'number') {
            // 202 means GitHub merged the default branch into ref instead (only with autoMerge).
            this.log.warn(`GitHub create deployment: no deployment created (HTTP ${answer.status}${messageOf(answer.data)})`);
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
        const fields = {
            deployment_id: id,
            state,
            auto_inactive: state === 'success',
            ...(details.logUrl ? { log_url: details.logUrl } : {}),
            ...(details.environmentUrl ? { environment_url: details.environmentUrl } : {}),
            ...(details.description ? { description: clip(details.description) } : {}),
        };
        const answer = await this.call(`set deployment ${id} status ${state}`, (api, options) => api.createDeploymentStatus({ ...options, ...fields }));
        const statusId = answer?.data?.id;
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
        const list = await this.call(`list deployments of ${environment}`, (api, options) => api.listDeployments({ ...options, environment, per_page: 30 }));
        if (!list || !Array.isArray(list.data))
            return [];
        const marked = [];
        for (const d of list.data) {
            if (typeof d.id !== 'number' || d.id === exceptId)
                continue;
            const deploymentId = d.id;
            const statuses = await this.call(`list deployment ${deploymentId} statuses`, (api, options) => api.listDeploymentStatuses({ ...options, deployment_id: deploymentId, per_page: 1 }));
            const latest = Array.isArray(statuses?.data) ? statuses.data[0] : undefined;
            if (latest?.state !== 'success')
                continue;
            const inactive = await this.setStatus(deploymentId, 'inactive', {
                ...details,
                description: details.description ?? 'superseded',
            });
            if (inactive !== undefined)
                marked.push(deploymentId);
        }
        return marked;
    }
    /** One API call with retries; the 2xx answer, or undefined after a warning naming the call. */
    async call(what, send) {
        const repo = /^([^/\s]+)\/([^/\s]+)$/.exec(this.repository);
        if (!repo) {
            this.log.warn(`GitHub ${what} skipped: repository "${this.repository}" is not owner/repo`);
            return undefined;
        }
        if (!this.token) {
            this.log.warn(`GitHub ${what} skipped: no token`);
            return undefined;
        }
        const api = await this.client();
        if (!api)
            return undefined;
        for (let attempt = 0;; attempt++) {
            let problem;
            let transient;
            try {
                const options = {
                    owner: repo[1],
                    repo: repo[2],
                    headers: { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
                    request: { signal: AbortSignal.timeout(this.timeoutMs) },
                };
                return await send(api, options);
            }
            catch (err) {
                const e = err;
                if (e?.response && typeof e.response.status === 'number') {
                    problem = `HTTP ${e.response.status}${messageOf(e.response.data)}`;
                    transient = e.response.status >= 500 || e.response.status === 429;
                }
                else {
                    problem = networkMessage(err);
                    transient = true;
                }
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
    /** The API client, connected on first use; undefined (after one warning) when it cannot be made. */
    client() {
        this.api ??= this.connect(this.token, this.apiUrl, this.log).catch((err) => {
            this.log.warn(this.scrub(`GitHub deployments skipped: no API client (${err?.message ?? String(err)})`));
            return undefined;
        });
        return this.api;
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
            const details = b.errors
                .map((e) => typeof e === 'string'
                ? e
                : (e?.message ??
                    [e?.field, e?.code].filter(Boolean).join(' ')))
                .filter(Boolean);
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
/**
 * Why no answer arrived: "timed out", or the failure and its code (`other side closed (UND_ERR_SOCKET)`).
 * Octokit passes the fetch failure's cause as the message and keeps the fetch error as `cause`.
 */
function networkMessage(err) {
    const e = err;
    let code;
    for (let c = err; c && typeof c === 'object' && !code; c = c.cause) {
        const { name, code: cCode } = c;
        if (name === 'TimeoutError' || name === 'AbortError')
            return 'timed out';
        if (typeof cCode === 'string')
            code = cCode;
    }
    const message = e?.message ?? String(err);
    return code && !message.includes(code) ? `${message} (${code})` : message;
}

;// CONCATENATED MODULE: ./src/actions/shared/github-client.ts
/**
 * Loaded on first use: Octokit is about 220 kB of bundle that a deploy recording no GitHub
 * deployment never parses. Octokit's own notices (deprecated routes) go to the engine's logger.
 */
const connectOctokit = async (token, apiUrl, log) => {
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 92413));
    const octokit = getOctokit(token, {
        baseUrl: apiUrl,
        userAgent: 'aviary',
        log: {
            debug: (m) => log.debug(m),
            info: (m) => log.debug(m),
            warn: (m) => log.warn(m),
            error: (m) => log.warn(m),
        },
    });
    return octokit.rest.repos;
};

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
            this.deployments = new GitHubDeployments({
                apiUrl: env.GITHUB_API_URL,
                token: settings.githubToken,
                repository: env.GITHUB_REPOSITORY,
                log,
                connect: connectOctokit,
            });
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
            payload: {
                image: report.image,
                digest: report.digest,
                groups: [...new Set(report.plan.map((b) => b.group))],
                deployment: report.deployment,
            },
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
        return {
            logUrl: actionsRunUrl(this.env),
            environmentUrl: this.settings.environmentUrl || undefined,
            description: `${report.result} — ${report.hosts.length} host(s)`,
        };
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


/***/ }),

/***/ 67235:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JZ: () => (/* binding */ finishRollout),
/* harmony export */   p1: () => (/* binding */ runRollout)
/* harmony export */ });
/* unused harmony export rolloutOutputs */
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(29880);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _util_cancel__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(24436);
/* harmony import */ var _runtime__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73683);
/* harmony import */ var _names__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(23305);
// The part of deploy, rollback and the all-in-one action that runs a rollout and ends the step: it tells
// the post step, through the step's state, how far it got (see ./post.ts), cancels on SIGINT/SIGTERM,
// and sets the outputs and the step's exit the same way for the three.





async function runRollout(settings, log, publisher) {
    settings.deployment = (0,_deploy__WEBPACK_IMPORTED_MODULE_0__.newDeploymentId)();
    const signal = (0,_util_cancel__WEBPACK_IMPORTED_MODULE_4__/* .cancelOnSignals */ .d)(log);
    const run = await (0,_deploy__WEBPACK_IMPORTED_MODULE_0__.deploy)(settings, log, process.env, signal, {
        // Before the first host is touched: the post step repairs from the hosts' records if this step dies.
        locking: () => _runtime__WEBPACK_IMPORTED_MODULE_2__/* .core.saveState */ .I8.saveState(_names__WEBPACK_IMPORTED_MODULE_3__/* .STATE */ .c4.deployment, settings.deployment),
        started: (r) => publisher.started(r),
        // From here on nothing (report file, summary, GitHub API) may undo the rollout.
        decided: () => _runtime__WEBPACK_IMPORTED_MODULE_2__/* .core.saveState */ .I8.saveState(_names__WEBPACK_IMPORTED_MODULE_3__/* .STATE */ .c4.decided, 'true'),
    });
    if (!leftUnfinished(run.report))
        _runtime__WEBPACK_IMPORTED_MODULE_2__/* .core.saveState */ .I8.saveState(_names__WEBPACK_IMPORTED_MODULE_3__/* .STATE */ .c4.done, 'true');
    return run;
}
/** A host that could not be put back (or whose rollback was cut short) is the post step's to try again. */
function leftUnfinished(report) {
    return report.hosts.some((h) => h.result === 'restore-failed');
}
/**
 * The end of every rolling-out step: the GitHub deployment's last status and the job summary, the
 * outputs, then the exit. An error the engine already logged with every host fails the step with exit
 * code 1 and no second message; any other end than deployed fails it with `failure`'s message.
 */
async function finishRollout(report, reportFile, publisher, end) {
    await publisher.finished(report);
    end.setOutputs(rolloutOutputs(report, reportFile, publisher.githubDeploymentId));
    if ((0,_deploy__WEBPACK_IMPORTED_MODULE_0__.errorWasLogged)(report))
        process.exitCode = 1; // logged with every host already
    else if (report.result !== 'deployed')
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .RunError */ .e4(end.failure?.(report) ?? report.error ?? `the rollout ended ${report.result}`);
}
/** outputsOf names its outputs as ROLLOUT_OUTPUTS does (test/unit/rollout-step.test.ts checks it). */
function rolloutOutputs(report, reportFile, deploymentId) {
    return {
        ...(0,_deploy__WEBPACK_IMPORTED_MODULE_0__.outputsOf)(report, reportFile),
        [_names__WEBPACK_IMPORTED_MODULE_3__/* .OUTPUT */ .aQ.deploymentId]: deploymentId,
    };
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