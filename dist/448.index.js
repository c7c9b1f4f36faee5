"use strict";
exports.id = 448;
exports.ids = [448,518];
exports.modules = {

/***/ 50147:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ readBuildInputs)
/* harmony export */ });
/* unused harmony export INPUTS */
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _build_settings__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54251);
/* harmony import */ var _runtime__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73683);
/* harmony import */ var _shared_names__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(23305);
// The build action's inputs (BUILD_INPUTS), each read once into validated settings; the all-in-one
// action reads them too.




const INPUTS = _shared_names__WEBPACK_IMPORTED_MODULE_3__/* .BUILD_INPUTS */ .$9;
/** `id=value` lines: only newlines separate secrets, as in docker/build-push-action (values may hold commas). */
function lines(text) {
    return text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
}
/** Reads a true/false input, collecting its problem instead of stopping at the first one. */
function flag(read, problems, fallback) {
    try {
        return read();
    }
    catch (err) {
        if (!(err instanceof _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz))
            throw err;
        for (const p of err.problems)
            problems.raw(p);
        return fallback;
    }
}
/** Every build input; every problem of them at once. */
function readBuildInputs() {
    const read = (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .inputReader */ .cN)(INPUTS);
    const problems = new _errors__WEBPACK_IMPORTED_MODULE_0__/* .Problems */ .Zw();
    const semverTags = flag(() => read.flag('semver-tags', true), problems, true);
    const pull = flag(() => read.flag('pull', false), problems, false);
    const noCache = flag(() => read.flag('no-cache', false), problems, false);
    let settings;
    try {
        settings = (0,_build_settings__WEBPACK_IMPORTED_MODULE_1__/* .parseBuildSettings */ .di)({
            context: read.text('context'),
            file: read.text('file'),
            tags: read.list('tags'),
            image: read.text('image'),
            // Values may hold commas: split only before the next NAME=.
            labels: (0,_build_settings__WEBPACK_IMPORTED_MODULE_1__/* .splitAssignments */ .fA)(read.text('labels')),
            buildArgs: (0,_build_settings__WEBPACK_IMPORTED_MODULE_1__/* .splitAssignments */ .fA)(read.text('build-args')),
            target: read.text('target'),
            pull,
            noCache,
            secrets: lines(read.text('secrets')),
            secretFiles: lines(read.text('secret-files')),
            ssh: lines(read.text('ssh')),
            cacheFrom: lines(read.text('cache-from')),
            cacheTo: lines(read.text('cache-to')),
            platforms: read.list('platforms'),
            semverTags,
            latest: read.text('latest'),
        });
    }
    catch (err) {
        if (!(err instanceof _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz))
            throw err;
        for (const p of err.problems)
            problems.raw(p);
    }
    problems.throwIfAny();
    return settings;
}


/***/ }),

/***/ 6855:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OUTPUTS: () => (/* binding */ OUTPUTS),
/* harmony export */   run: () => (/* binding */ run),
/* harmony export */   setBuildOutputs: () => (/* binding */ setBuildOutputs)
/* harmony export */ });
/* harmony import */ var _build_build__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71416);
/* harmony import */ var _build_builder__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28079);
/* harmony import */ var _runtime__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73683);
/* harmony import */ var _shared_names__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(23305);
/* harmony import */ var _inputs__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(50147);
// The build action: inputs → the build engine → outputs imageid, tags, metadata.





const OUTPUTS = [_shared_names__WEBPACK_IMPORTED_MODULE_3__/* .OUTPUT */ .aQ.imageid, _shared_names__WEBPACK_IMPORTED_MODULE_3__/* .OUTPUT */ .aQ.tags, _shared_names__WEBPACK_IMPORTED_MODULE_3__/* .OUTPUT */ .aQ.metadata];
async function run() {
    await (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .runAction */ .Cs)(async (log) => {
        const out = (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .outputWriter */ .HK)(OUTPUTS);
        const settings = (0,_inputs__WEBPACK_IMPORTED_MODULE_4__/* .readBuildInputs */ .q)();
        setBuildOutputs(out, await (0,_build_build__WEBPACK_IMPORTED_MODULE_0__/* .buildImage */ ._w)((0,_build_builder__WEBPACK_IMPORTED_MODULE_1__/* .connectBuilder */ .E)(), settings, log));
    });
}
/** The build's outputs; the all-in-one action sets them too. */
function setBuildOutputs(out, built) {
    out.set(_shared_names__WEBPACK_IMPORTED_MODULE_3__/* .OUTPUT */ .aQ.imageid, built.imageId);
    out.set(_shared_names__WEBPACK_IMPORTED_MODULE_3__/* .OUTPUT */ .aQ.tags, built.tags.join('\n'));
    out.set(_shared_names__WEBPACK_IMPORTED_MODULE_3__/* .OUTPUT */ .aQ.metadata, JSON.stringify(built.metadata));
}


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

/***/ 3653:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   eo: () => (/* binding */ secretForms),
/* harmony export */   g4: () => (/* binding */ buildRegistryConfig),
/* harmony export */   gi: () => (/* binding */ resolveRegistryAuth)
/* harmony export */ });
/* unused harmony exports dockerConfigPath, readDockerConfig, authFromDockerConfig */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _reference__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79310);
// Registry credentials: given explicitly, or read from the Docker config that `docker login` and
// docker/login-action write. Used by push on the builder and by pulls on deploy hosts.




/** Where docker/login-action and `docker login` keep credentials: $DOCKER_CONFIG or ~/.docker. */
function dockerConfigPath(env = process.env) {
    const dir = env.DOCKER_CONFIG || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(env.HOME || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)(), '.docker');
    return (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'config.json');
}
/** The parsed Docker config, or undefined when there is none (a missing file is normal). */
function readDockerConfig(env = process.env, log) {
    const path = dockerConfigPath(env);
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    }
    catch {
        log?.debug(`no Docker config at ${path}`);
        return undefined;
    }
    try {
        return JSON.parse(text);
    }
    catch (err) {
        // Never echo the file: it holds credentials.
        log?.warn(`the Docker config ${path} is not valid JSON; ignoring it`);
        return undefined;
    }
}
/** A config.json key ("https://index.docker.io/v1/", "http://host:5000", "host:5000") as a host. */
function keyHost(key) {
    const host = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
    return host === 'index.docker.io' || host === 'registry-1.docker.io' ? _reference__WEBPACK_IMPORTED_MODULE_3__/* .DOCKER_HUB */ .Xb : host;
}
/** The serveraddress the engine expects for a registry. */
function serverAddress(registry) {
    return registry === _reference__WEBPACK_IMPORTED_MODULE_3__/* .DOCKER_HUB */ .Xb ? _reference__WEBPACK_IMPORTED_MODULE_3__/* .DOCKER_HUB_CONFIG_KEY */ .Mj : registry;
}
/** Credentials for one registry host from a parsed Docker config, with a debug line saying why none. */
function authFromDockerConfig(config, registry, log) {
    if (!config)
        return undefined;
    const helper = config.credHelpers?.[registry] ??
        (registry === _reference__WEBPACK_IMPORTED_MODULE_3__/* .DOCKER_HUB */ .Xb ? config.credHelpers?.[_reference__WEBPACK_IMPORTED_MODULE_3__/* .DOCKER_HUB_CONFIG_KEY */ .Mj] : undefined);
    const entry = Object.entries(config.auths ?? {}).find(([key]) => keyHost(key) === registry)?.[1];
    if (entry) {
        let username = entry.username;
        let password = entry.password;
        if (entry.auth) {
            const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0) {
                username = decoded.slice(0, colon);
                password = decoded.slice(colon + 1);
            }
        }
        if (username && password) {
            log?.secret(password);
            log?.secret(entry.auth);
            log?.debug(`using the credentials of user "${username}" for ${registry} from the Docker config`);
            return { username, password, serveraddress: serverAddress(registry) };
        }
        if (entry.identitytoken) {
            log?.secret(entry.identitytoken);
            log?.debug(`using the identity token for ${registry} from the Docker config`);
            return { identitytoken: entry.identitytoken, serveraddress: serverAddress(registry) };
        }
    }
    if (helper || config.credsStore) {
        log?.debug(`the Docker config names a credential helper (${helper ?? config.credsStore}) for ${registry}; ` +
            'aviary does not run credential helpers: pass username and password instead');
    }
    else if (!entry) {
        log?.debug(`the Docker config has no credentials for ${registry}`);
    }
    return undefined;
}
/**
 * The authconfig to hand dockerode for pushing or pulling `image`: the explicit credentials when
 * given, else the Docker config's entry for the image's registry, else undefined (anonymous).
 * `credentials.registry` overrides the registry read from the image name.
 * Every password found is registered with the logger as a secret before anything else is logged.
 */
function resolveRegistryAuth(image, credentials = {}, env = process.env, log) {
    log?.secret(credentials.password);
    const registry = credentials.registry ?? (0,_reference__WEBPACK_IMPORTED_MODULE_3__/* .parseImageRef */ .Q)(image).registry;
    if (credentials.username && credentials.password) {
        return { username: credentials.username, password: credentials.password, serveraddress: serverAddress(registry) };
    }
    return authFromDockerConfig(readDockerConfig(env, log), registry, log);
}
/**
 * Every registry credential in the Docker config, in the shape of X-Registry-Config: what a build
 * needs to pull private base images (docker build sends the same).
 */
function buildRegistryConfig(env = process.env, log) {
    const config = readDockerConfig(env, log);
    const out = {};
    for (const key of Object.keys(config?.auths ?? {})) {
        const auth = authFromDockerConfig(config, keyHost(key));
        if (auth?.username && auth.password) {
            log?.secret(auth.password);
            out[key] = { username: auth.username, password: auth.password, serveraddress: key };
        }
    }
    return out;
}
/** Every form a credential can take in text the engine or a registry may echo back. */
function secretForms(auth) {
    if (!auth)
        return [];
    const forms = [];
    if (auth.password) {
        forms.push(auth.password, Buffer.from(`${auth.username ?? ''}:${auth.password}`).toString('base64'));
    }
    if (auth.identitytoken)
        forms.push(auth.identitytoken);
    if (forms.length) {
        const json = Buffer.from(JSON.stringify(auth)).toString('base64');
        forms.push(json, json.replace(/\+/g, '-').replace(/\//g, '_'));
    }
    return forms;
}


/***/ }),

/***/ 79310:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EV: () => (/* binding */ isRegistryHost),
/* harmony export */   Fv: () => (/* binding */ registryOf),
/* harmony export */   Mj: () => (/* binding */ DOCKER_HUB_CONFIG_KEY),
/* harmony export */   Q: () => (/* binding */ parseImageRef),
/* harmony export */   Xb: () => (/* binding */ DOCKER_HUB),
/* harmony export */   aR: () => (/* binding */ repositoryName),
/* harmony export */   dj: () => (/* binding */ withExplicitTag),
/* harmony export */   nz: () => (/* binding */ apiHost),
/* harmony export */   te: () => (/* binding */ referenceProblem)
/* harmony export */ });
/* unused harmony export DOCKER_HUB_API */
// Image references as Docker reads them: which registry a tag lives on, its repository, tag or digest.
// Follows the distribution/reference grammar, so that a name aviary accepts is one the engine accepts.
const DOCKER_HUB = 'docker.io';
/** The registry host a docker.io name is pushed to and queried on. */
const DOCKER_HUB_API = 'registry-1.docker.io';
/** The key that `docker login` (and docker/login-action) writes for Docker Hub in config.json. */
const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
/** Whether the first path component names a registry rather than a Docker Hub namespace. */
/** text → the part before "@" and the digest after it, if any. */
function splitDigest(text) {
    const at = text.indexOf('@');
    return at < 0 ? { rest: text } : { rest: text.slice(0, at), digest: text.slice(at + 1) };
}
function looksLikeRegistry(component) {
    return component.includes('.') || component.includes(':') || component === 'localhost';
}
/** Why text is not a valid image reference, or undefined when it is one. */
function referenceProblem(text, options = {}) {
    if (text.trim() === '')
        return 'it is empty';
    if (/\s/.test(text))
        return 'it contains whitespace';
    const { rest, digest } = splitDigest(text);
    if (digest !== undefined) {
        if (!options.allowDigest)
            return 'a digest (@sha256:…) cannot be used here, only a tag';
        if (!DIGEST.test(digest))
            return `the digest "${digest}" is not algorithm:hex like sha256:…`;
    }
    const slash = rest.indexOf('/');
    let path = rest;
    if (slash >= 0 && looksLikeRegistry(rest.slice(0, slash))) {
        const host = rest.slice(0, slash);
        if (!HOST.test(host))
            return `the registry "${host}" is not a host name with an optional :port`;
        path = rest.slice(slash + 1);
    }
    const colon = path.lastIndexOf(':');
    if (colon >= 0) {
        const tag = path.slice(colon + 1);
        path = path.slice(0, colon);
        if (tag === '')
            return "the tag after ':' is empty";
        if (!TAG.test(tag))
            return `the tag "${tag}" may only hold letters, digits, _ . - (at most 128, not starting with . or -)`;
    }
    if (path === '')
        return 'the repository name is empty';
    if (path !== path.toLowerCase())
        return `the repository "${path}" must be lowercase`;
    for (const component of path.split('/')) {
        if (!COMPONENT.test(component))
            return `the repository "${path}" may only hold lowercase letters, digits and single separators (. _ - /)`;
    }
    if (rest.length > 255)
        return 'the name is longer than 255 characters';
    return undefined;
}
/** Parses a reference that referenceProblem accepted; throws on anything else. */
function parseImageRef(text) {
    const problem = referenceProblem(text, { allowDigest: true });
    if (problem)
        throw new Error(`"${text}" is not an image reference: ${problem}`);
    const split = splitDigest(text);
    const digest = split.digest;
    let rest = split.rest;
    let registry = DOCKER_HUB;
    const slash = rest.indexOf('/');
    if (slash >= 0 && looksLikeRegistry(rest.slice(0, slash))) {
        registry = rest.slice(0, slash);
        rest = rest.slice(slash + 1);
    }
    let tag;
    const colon = rest.lastIndexOf(':');
    if (colon >= 0) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
    }
    if (registry === 'index.docker.io')
        registry = DOCKER_HUB;
    if (registry === DOCKER_HUB && !rest.includes('/'))
        rest = `library/${rest}`;
    return { registry, repository: rest, tag, digest };
}
/** The registry host of an image reference ("docker.io" for Docker Hub names). */
function registryOf(image) {
    return parseImageRef(image).registry;
}
/** The repository as the engine names it: "registry/repo", without tag or digest. */
function repositoryName(ref) {
    if (ref.registry === DOCKER_HUB)
        return ref.repository.replace(/^library\//, '');
    return `${ref.registry}/${ref.repository}`;
}
/** "registry/repo:tag", with :latest made explicit as docker does when no tag is given. */
function withExplicitTag(image) {
    const ref = parseImageRef(image);
    if (ref.digest)
        return image;
    return ref.tag ? image : `${image}:latest`;
}
/** The host[:port] to send Registry HTTP API requests to. */
function apiHost(registry) {
    return registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
}
/** Whether text is a registry host[:port] as the `registry` input expects. */
function isRegistryHost(text) {
    return HOST.test(text);
}


/***/ }),

/***/ 26518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration),
/* harmony export */   a: () => (/* binding */ formatDuration)
/* harmony export */ });
// Durations as users write them in aviary.yml and inputs: 500ms, 2s, 5m, 1h, 1m30s.
const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Milliseconds for a duration string, or undefined when it is not one. Bare 0 is allowed. */
function parseDuration(text) {
    if (typeof text === 'number')
        return Number.isFinite(text) && text === 0 ? 0 : undefined;
    if (typeof text !== 'string')
        return undefined;
    const s = text.trim();
    if (s === '0')
        return 0;
    if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(s))
        return undefined;
    let total = 0;
    for (const [, n, unit] of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
        total += Number(n) * UNITS[unit];
    return Number.isFinite(total) && total <= 7 * 24 * 3_600_000 ? Math.round(total) : undefined;
}
/** 1500 → "1.5s", 90000 → "1m30s", 250 → "250ms". */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1).replace(/\.?0+$/, '')}s`;
    const m = Math.floor(ms / 60_000);
    const s = Math.round((ms % 60_000) / 1000);
    return s ? `${m}m${s}s` : `${m}m`;
}


/***/ })

};
;