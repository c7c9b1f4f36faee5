"use strict";
exports.id = 818;
exports.ids = [818];
exports.modules = {

/***/ 61818:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  OUTPUTS: () => (/* binding */ OUTPUTS),
  run: () => (/* binding */ run),
  setPushOutputs: () => (/* binding */ setPushOutputs)
});

// EXTERNAL MODULE: ./src/build/builder.ts
var builder = __webpack_require__(28079);
// EXTERNAL MODULE: ./src/push/push.ts
var push = __webpack_require__(94922);
// EXTERNAL MODULE: ./src/actions/runtime.ts
var runtime = __webpack_require__(73683);
// EXTERNAL MODULE: ./src/actions/shared/names.ts
var names = __webpack_require__(23305);
// EXTERNAL MODULE: ./src/push/settings.ts
var settings = __webpack_require__(33987);
;// CONCATENATED MODULE: ./src/actions/push/inputs.ts


const INPUTS = ['tags', 'registry', 'username', 'password', 'retries'];
/** `log` gets the password as a secret before anything is validated, so that no later line can carry it. */
function readPushInputs(log) {
    const read = (0,runtime/* inputReader */.cN)(INPUTS);
    const password = read.text('password');
    log?.secret(password);
    return (0,settings/* parsePushSettings */.nJ)({
        tags: read.list('tags'),
        registry: read.text('registry'),
        username: read.text('username'),
        password,
        retries: read.text('retries'),
    });
}

;// CONCATENATED MODULE: ./src/actions/push/main.ts
// The push action: inputs → the push engine → outputs digest and image (repo@digest).





const OUTPUTS = [names/* OUTPUT */.aQ.digest, names/* OUTPUT */.aQ.image];
async function run() {
    await (0,runtime/* runAction */.Cs)(async (log) => {
        const out = (0,runtime/* outputWriter */.HK)(OUTPUTS);
        const settings = readPushInputs(log);
        setPushOutputs(out, await (0,push/* pushTags */.YP)((0,builder/* connectBuilder */.E)(), settings, log));
    });
}
/** The push's outputs; the all-in-one action sets them too. */
function setPushOutputs(out, pushed) {
    out.set(names/* OUTPUT */.aQ.digest, pushed.digest);
    out.set(names/* OUTPUT */.aQ.image, pushed.image);
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

/***/ 28079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ connectBuilder)
/* harmony export */ });
/* harmony import */ var dockerode__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39040);
/* harmony import */ var dockerode__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(dockerode__WEBPACK_IMPORTED_MODULE_0__);
// The builder's Docker engine: the one build and push talk to (DOCKER_HOST, else the local socket).

/**
 * A client for the builder engine. docker-modem reads DOCKER_HOST, DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH as the docker CLI does, and falls back to /var/run/docker.sock.
 */
function connectBuilder() {
    return new (dockerode__WEBPACK_IMPORTED_MODULE_0___default())();
}


/***/ }),

/***/ 4017:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ progressError),
/* harmony export */   g: () => (/* binding */ readProgress)
/* harmony export */ });
// The Docker Engine's progress stream (build, push, pull): one JSON message per line, in chunks
// that may split a line anywhere. Errors arrive inside the stream, not as HTTP statuses.
/** Reads the stream to its end, handing each message to onMessage; resolves when it ends. */
function readProgress(stream, onMessage) {
    return new Promise((resolve, reject) => {
        let buffered = '';
        const handle = (line) => {
            const text = line.trim();
            if (text === '')
                return;
            let message;
            try {
                message = JSON.parse(text);
            }
            catch {
                message = { stream: text };
            }
            onMessage(message);
        };
        stream.on('data', (chunk) => {
            buffered += chunk.toString();
            let nl;
            while ((nl = buffered.indexOf('\n')) >= 0) {
                handle(buffered.slice(0, nl));
                buffered = buffered.slice(nl + 1);
            }
        });
        let ended = false;
        stream.on('end', () => {
            ended = true;
            try {
                handle(buffered);
                resolve();
            }
            catch (err) {
                reject(err);
            }
        });
        stream.on('error', reject);
        // A stream closed without 'end' means the connection to the engine dropped mid-way.
        stream.on('close', () => {
            if (!ended)
                reject(Object.assign(new Error('the connection to the Docker engine closed before the end of its output'), {
                    code: 'ECONNRESET',
                }));
        });
    });
}
/** The text of an error message in the stream. */
function progressError(message) {
    if (message.errorDetail?.message)
        return message.errorDetail.message;
    if (message.error)
        return message.error;
    return undefined;
}


/***/ }),

/***/ 54251:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   di: () => (/* binding */ parseBuildSettings),
/* harmony export */   fA: () => (/* binding */ splitAssignments),
/* harmony export */   rL: () => (/* binding */ parseTags)
/* harmony export */ });
/* unused harmony exports INPUT_NAMES, parseAssignments, parseSecrets, parseSsh, parseCacheFrom, parseCacheTo, parsePlatforms */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _registry_reference__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79310);
// A build's settings, validated from raw inputs or flags: every problem is reported at once, each
// naming the input (or flag) and what was expected. Pure except for checking that paths exist.




const DEFAULT_DOCKERFILE = 'Dockerfile';
const INPUT_NAMES = {
    context: 'input context',
    file: 'input file',
    tags: 'input tags',
    image: 'input image',
    labels: 'input labels',
    buildArgs: 'input build-args',
    target: 'input target',
    pull: 'input pull',
    noCache: 'input no-cache',
    secrets: 'input secrets',
    secretFiles: 'input secret-files',
    ssh: 'input ssh',
    cacheFrom: 'input cache-from',
    cacheTo: 'input cache-to',
    platforms: 'input platforms',
    semverTags: 'input semver-tags',
    latest: 'input latest',
};
/**
 * Splits `NAME=value` items written one per line or comma-separated. A comma splits only where
 * the next item starts with `NAME=`, so values such as `LIST=a,b` keep their commas.
 */
function splitAssignments(text) {
    return text
        .split(/\r?\n/)
        .flatMap((line) => line.split(/,(?=\s*[A-Za-z_][A-Za-z0-9_.-]*=)/))
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
/** `NAME=value` items as a record; bad items are reported against `field`. */
function parseAssignments(items, field, problems, kind) {
    const out = {};
    for (const item of items) {
        const eq = item.indexOf('=');
        const name = eq < 0 ? '' : item.slice(0, eq).trim();
        const ok = kind === 'arg' ? ARG_NAME.test(name) : LABEL_KEY.test(name);
        if (eq < 0 || !ok) {
            problems.add(field, item, kind === 'arg'
                ? 'NAME=value (a build argument name of letters, digits and _, then =, then the value)'
                : 'key=value (a label key such as org.example.team, then =, then the value)');
            continue;
        }
        out[name] = item.slice(eq + 1);
    }
    return out;
}
/** Validates tags; each is returned with an explicit :latest when it had no tag. */
function parseTags(items, field, problems) {
    const tags = [];
    for (const item of items) {
        const problem = (0,_registry_reference__WEBPACK_IMPORTED_MODULE_3__/* .referenceProblem */ .te)(item);
        if (problem)
            problems.add(field, item, `an image tag like registry.example.com/acme/web:1.2 (${problem})`);
        else
            tags.push((0,_registry_reference__WEBPACK_IMPORTED_MODULE_3__/* .withExplicitTag */ .dj)(item));
    }
    return tags;
}
function parseBuildSettings(raw, given = INPUT_NAMES, cwd = process.cwd()) {
    const names = { ...INPUT_NAMES, ...given };
    const problems = new _errors__WEBPACK_IMPORTED_MODULE_2__/* .Problems */ .Zw();
    const context = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, raw.context || '.');
    if (!isDirectory(context))
        problems.add(names.context, raw.context || '.', `an existing folder (looked for ${context})`);
    // Joined by hand: ncc's asset relocator rewrites path.resolve(x, 'literal') into a bundled path.
    const file = raw.file ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, raw.file) : [context, DEFAULT_DOCKERFILE].join(node_path__WEBPACK_IMPORTED_MODULE_1__.sep);
    if (!isFile(file))
        problems.add(names.file, raw.file || 'Dockerfile', `an existing Dockerfile (looked for ${file})`);
    const tags = parseTags(raw.tags, names.tags, problems);
    let image;
    if (raw.image) {
        const problem = (0,_registry_reference__WEBPACK_IMPORTED_MODULE_3__/* .referenceProblem */ .te)(raw.image);
        if (problem)
            problems.add(names.image, raw.image, `a repository like registry.example.com/acme/web (${problem})`);
        else if (/:[^/]*$/.test(raw.image))
            problems.add(names.image, raw.image, 'a repository without a tag: the tags are derived from the commit (sha-…) and the branch or version tag');
        else
            image = raw.image;
    }
    const labels = parseAssignments(raw.labels, names.labels, problems, 'label');
    const buildArgs = parseAssignments(raw.buildArgs, names.buildArgs, problems, 'arg');
    if (raw.target && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(raw.target))
        problems.add(names.target, raw.target, 'the name of a build stage (FROM … AS <name>)');
    const secrets = parseSecrets(raw.secrets ?? [], raw.secretFiles ?? [], names, problems, cwd);
    const ssh = parseSsh(raw.ssh ?? [], names.ssh, problems, cwd);
    const cacheFrom = parseCacheFrom(raw.cacheFrom ?? [], names.cacheFrom, problems);
    const cacheTo = parseCacheTo(raw.cacheTo ?? [], names.cacheTo, problems);
    const platform = parsePlatforms(raw.platforms ?? [], names.platforms, problems);
    const latest = (raw.latest ?? 'auto').trim().toLowerCase() || 'auto';
    if (!['auto', 'true', 'false'].includes(latest))
        problems.add(names.latest, raw.latest, 'auto (tag latest on the default branch), true or false');
    problems.throwIfAny();
    return {
        context,
        file: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(file) ? file : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(file),
        tags,
        image,
        labels,
        buildArgs,
        target: raw.target || undefined,
        pull: raw.pull,
        noCache: raw.noCache,
        secrets,
        ssh,
        cacheFrom,
        cacheTo,
        platform,
        semverTags: raw.semverTags ?? true,
        latest: latest,
    };
}
const SECRET_ID = /^[A-Za-z0-9_.-]+$/;
/** `id=value` and `id=path` lines into one id → value record; a file is read now, so a missing one fails early. */
function parseSecrets(values, files, names, problems, cwd) {
    const out = {};
    // Never show a secret's value in an error: only its id, or the line's position.
    values.forEach((item, i) => {
        const eq = item.indexOf('=');
        const id = eq < 0 ? '' : item.slice(0, eq).trim();
        if (eq < 0 || !SECRET_ID.test(id)) {
            problems.raw(`${names.secrets}: line ${i + 1} is not id=value (an id of letters, digits, _ . -, then =, then the secret; the value is not shown)`);
            return;
        }
        out[id] = item.slice(eq + 1);
    });
    for (const item of files) {
        const eq = item.indexOf('=');
        const id = eq < 0 ? '' : item.slice(0, eq).trim();
        const path = eq < 0 ? '' : item.slice(eq + 1).trim();
        if (eq < 0 || !SECRET_ID.test(id) || !path) {
            problems.add(names.secretFiles, item, 'id=path (an id of letters, digits, _ . -, then =, then the path of the file holding the secret)');
            continue;
        }
        try {
            out[id] = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, path), 'utf8');
        }
        catch (err) {
            problems.add(names.secretFiles, item, `a readable file (${err.code ?? 'unreadable'} at ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, path)})`);
        }
    }
    return out;
}
/** `default`, `default=<socket>`, `<id>=<key or socket>[,<key>…]`: each id → an agent socket or key files. */
function parseSsh(items, field, problems, cwd, env = process.env) {
    const out = {};
    for (const item of items) {
        const eq = item.indexOf('=');
        const id = (eq < 0 ? item : item.slice(0, eq)).trim();
        const paths = eq < 0
            ? []
            : item
                .slice(eq + 1)
                .split(',')
                .map((p) => p.trim())
                .filter(Boolean);
        if (!SECRET_ID.test(id)) {
            problems.add(field, item, 'default, default=/path/to/agent.sock or id=/path/to/private_key');
            continue;
        }
        if (!paths.length) {
            // As docker build --ssh default: the agent the environment names.
            if (!env.SSH_AUTH_SOCK) {
                problems.add(field, item, `an SSH agent: ${id} without a path uses $SSH_AUTH_SOCK, which is not set (start one, or give ${id}=/path/to/private_key)`);
                continue;
            }
            paths.push(env.SSH_AUTH_SOCK);
        }
        const source = {};
        for (const p of paths.map((x) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, x))) {
            let stat;
            try {
                stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(p);
            }
            catch {
                problems.add(field, item, `an existing agent socket or private key file (${p} does not exist)`);
                continue;
            }
            if (stat.isSocket()) {
                if (paths.length > 1)
                    problems.add(field, item, 'one agent socket, or key files (not both)');
                source.socket = p;
            }
            else {
                const key = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(p);
                if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key.toString('utf8'))) {
                    problems.add(field, item, `a private key file (PEM or OpenSSH format) or an agent socket (${p} is neither)`);
                    continue;
                }
                (source.keys ??= []).push(key);
            }
        }
        out[id] = source;
    }
    return out;
}
/** Cache types only a BuildKit of buildx's own (a docker-container builder) can use. */
const BUILDX_CACHE_TYPES = ['local', 'gha', 's3', 'azblob'];
/** `type=registry,ref=<image>` or a plain image reference → the images to import cache from. */
function parseCacheFrom(items, field, problems) {
    const refs = [];
    for (const item of items) {
        const attrs = csvAttributes(item);
        const type = attrs.type ?? (attrs.ref ? 'registry' : undefined);
        if (!type && !item.includes('=')) {
            const problem = (0,_registry_reference__WEBPACK_IMPORTED_MODULE_3__/* .referenceProblem */ .te)(item, { allowDigest: true });
            if (problem)
                problems.add(field, item, `an image reference or type=registry,ref=<image> (${problem})`);
            else
                refs.push(item);
            continue;
        }
        if (type !== 'registry') {
            problems.add(field, item, BUILDX_CACHE_TYPES.includes(type ?? '')
                ? `a cache the engine's BuildKit can import: type=${type} needs a buildx builder (docker buildx create --driver docker-container); here use type=registry,ref=<image> (an image pushed with cache-to: type=inline)`
                : 'type=registry,ref=<image>, or a plain image reference');
            continue;
        }
        const problem = attrs.ref ? (0,_registry_reference__WEBPACK_IMPORTED_MODULE_3__/* .referenceProblem */ .te)(attrs.ref, { allowDigest: true }) : 'ref=<image> is missing';
        if (problem)
            problems.add(field, item, `type=registry,ref=<image> (${problem})`);
        else
            refs.push(attrs.ref);
    }
    return refs;
}
/** Only `type=inline` goes through the engine; every other exporter is buildx's. */
function parseCacheTo(items, field, problems) {
    let inline;
    for (const item of items) {
        const attrs = csvAttributes(item);
        const type = attrs.type ?? item.trim();
        if (type === 'inline') {
            inline = 'inline';
            continue;
        }
        problems.add(field, item, type === 'registry' || BUILDX_CACHE_TYPES.includes(type)
            ? `a cache export the engine can write: type=${type} needs a buildx builder (docker buildx create --driver docker-container); here use type=inline (the cache goes into the pushed image; read it back with cache-from: type=registry,ref=<that image>)`
            : 'type=inline');
    }
    return inline;
}
const PLATFORM = /^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_.]+)?$/;
/** One platform through the engine; several need one runner each and a merge. */
function parsePlatforms(items, field, problems) {
    const list = items.map((p) => p.trim()).filter(Boolean);
    for (const p of list)
        if (!PLATFORM.test(p))
            problems.add(field, p, 'a platform like linux/amd64 or linux/arm64/v8');
    if (list.length > 1) {
        problems.raw(`${field}: ${list.join(',')} names ${list.length} platforms, but the engine builds one at a time: ` +
            'build each platform on a runner of that architecture (platforms: one of them, pushed by digest), ' +
            'then join the pushed digests into one multi-platform image with actions/merge (aviary merge)');
    }
    return list[0];
}
/** `type=registry,ref=x,mode=max` → { type, ref, mode }. */
function csvAttributes(item) {
    const out = {};
    for (const part of item.split(',')) {
        const eq = part.indexOf('=');
        if (eq > 0)
            out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    return out;
}
function isDirectory(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isDirectory();
    }
    catch {
        return false;
    }
}
function isFile(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isFile();
    }
    catch {
        return false;
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


/***/ }),

/***/ 94922:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YP: () => (/* binding */ pushTags)
/* harmony export */ });
/* unused harmony exports PushStreamError, isAuthFailure */
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _log__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(25625);
/* harmony import */ var _build_progress__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4017);
/* harmony import */ var _registry_client__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(32440);
/* harmony import */ var _registry_credentials__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3653);
/* harmony import */ var _registry_insecure__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(53705);
/* harmony import */ var _registry_reference__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(79310);
/* harmony import */ var _registry_retry__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(41521);
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(26518);









/** A failure reported inside the engine's push stream, with the registry's own words. */
class PushStreamError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PushStreamError';
    }
}
/** Whether a push failure means the registry refused the credentials (or their absence). */
function isAuthFailure(message) {
    return /unauthorized|authentication required|denied|no basic auth credentials|incorrect username or password|401 Unauthorized|403 Forbidden/i.test(message);
}
/** Pushes every tag of settings; returns the registry's digest for each. */
async function pushTags(docker, settings, log, options = {}) {
    const env = options.env ?? process.env;
    const masker = new _log__WEBPACK_IMPORTED_MODULE_6__/* .Masker */ .GX();
    const scrub = (text) => masker.mask(text);
    // Each form of a credential is registered once (on GitHub each is an ::add-mask:: line).
    const registered = new Set();
    const secret = (value) => {
        if (!value || registered.has(value))
            return;
        registered.add(value);
        masker.add(value);
        log.secret(value);
    };
    const secretsOnce = {
        info: (m) => log.info(m),
        warn: (m) => log.warn(m),
        error: (m) => log.error(m),
        debug: (m) => log.debug(m),
        group: (title, fn) => log.group(title, fn),
        secret,
        mask: (t) => log.mask(t),
    };
    secret(settings.password);
    const policy = { ..._registry_retry__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_RETRY */ .vI, ...options.retry, retries: settings.retries };
    let engineRegistries;
    try {
        engineRegistries = (await docker.info()).RegistryConfig;
    }
    catch (err) {
        log.debug(`could not read the engine's registry settings: ${(0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(err)}`);
    }
    const authFor = (ref, tag) => {
        const own = ref.registry === settings.registry;
        const auth = (0,_registry_credentials__WEBPACK_IMPORTED_MODULE_2__/* .resolveRegistryAuth */ .gi)(tag, own
            ? { username: settings.username, password: settings.password, registry: ref.registry }
            : { registry: ref.registry }, env, secretsOnce);
        for (const form of (0,_registry_credentials__WEBPACK_IMPORTED_MODULE_2__/* .secretForms */ .eo)(auth))
            secret(form);
        return auth;
    };
    if (settings.username && !settings.tags.some((tag) => (0,_registry_reference__WEBPACK_IMPORTED_MODULE_7__/* .parseImageRef */ .Q)(tag).registry === settings.registry)) {
        log.warn(`the credentials are for ${settings.registry}, but no tag is on that registry: they are not used`);
    }
    const clients = new Map();
    const pushed = [];
    for (const tag of settings.tags) {
        const ref = (0,_registry_reference__WEBPACK_IMPORTED_MODULE_7__/* .parseImageRef */ .Q)(tag);
        const auth = authFor(ref, tag);
        const who = auth?.username ? `user "${auth.username}"` : auth ? 'an identity token' : 'anonymous access';
        try {
            await docker.getImage(tag).inspect();
        }
        catch (err) {
            if (err.statusCode === 404) {
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RunError */ .e4(`push ${tag}: the builder engine has no image tagged ${tag} (build it with that tag first)`);
            }
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RunError */ .e4(`push ${tag}: cannot reach the builder engine: ${scrub((0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(err))}`);
        }
        const started = Date.now();
        const engineDigest = await log.group(`Push ${tag}`, async () => {
            log.info(`registry ${ref.registry}, ${auth ? `as ${who}` : 'anonymously'}`);
            try {
                return await (0,_registry_retry__WEBPACK_IMPORTED_MODULE_4__/* .withRetries */ .LH)(`push ${tag}`, policy, log, () => pushOnce(docker, ref, auth, log, scrub), (err) => scrub((0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(err)));
            }
            catch (err) {
                const message = scrub((0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(err));
                if (isAuthFailure(message)) {
                    throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RunError */ .e4(`push ${tag}: the registry ${ref.registry} refused ${who}: ${message}. ` +
                        (auth
                            ? 'Check the username and password (or token).'
                            : 'Give username and password, or log in with docker/login-action first.'));
                }
                const reason = (0,_registry_retry__WEBPACK_IMPORTED_MODULE_4__/* .transientReason */ .bR)(err);
                const tries = reason ? ` after ${policy.retries + 1} tries` : '';
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RunError */ .e4(`push ${tag} failed${tries}: ${message}`);
            }
        });
        let client = clients.get(ref.registry);
        if (!client) {
            const insecure = await (0,_registry_insecure__WEBPACK_IMPORTED_MODULE_3__/* .isInsecureRegistry */ .y)(ref.registry, engineRegistries);
            client = new _registry_client__WEBPACK_IMPORTED_MODULE_1__/* .RegistryClient */ .bP(ref.registry, {
                credentials: auth?.username ? { username: auth.username, password: auth.password } : undefined,
                insecure,
                retry: policy,
                log,
            });
            clients.set(ref.registry, client);
        }
        let digest;
        try {
            digest = (await client.manifest(ref)).digest;
        }
        catch (err) {
            if (!engineDigest)
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RunError */ .e4(`push ${tag}: ${scrub((0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(err))}`);
            log.warn(`could not ask ${ref.registry} for the digest of ${tag} (${scrub((0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(err))}); using the digest the engine reported`);
            digest = engineDigest;
        }
        if (engineDigest && digest !== engineDigest) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .RunError */ .e4(`push ${tag}: the registry now holds ${digest} for the tag, not the ${engineDigest} just pushed: another push to the same tag raced this one`);
        }
        log.info(`${tag}: ${digest} (${(0,_util_duration__WEBPACK_IMPORTED_MODULE_5__/* .formatDuration */ .a)(Date.now() - started)})`);
        pushed.push({ tag, digest });
    }
    const first = (0,_registry_reference__WEBPACK_IMPORTED_MODULE_7__/* .parseImageRef */ .Q)(pushed[0].tag);
    return { digest: pushed[0].digest, image: `${(0,_registry_reference__WEBPACK_IMPORTED_MODULE_7__/* .repositoryName */ .aR)(first)}@${pushed[0].digest}`, pushed };
}
/** One push of one tag; resolves to the digest the engine reports, throws what the stream reports. */
async function pushOnce(docker, ref, auth, log, scrub) {
    const image = docker.getImage((0,_registry_reference__WEBPACK_IMPORTED_MODULE_7__/* .repositoryName */ .aR)(ref));
    const stream = await image.push({
        tag: ref.tag ?? 'latest',
        ...(auth ? { authconfig: auth } : {}),
    });
    let failure;
    let digest;
    await (0,_build_progress__WEBPACK_IMPORTED_MODULE_8__/* .readProgress */ .g)(stream, (m) => {
        const error = (0,_build_progress__WEBPACK_IMPORTED_MODULE_8__/* .progressError */ .W)(m);
        if (error) {
            failure = scrub(error);
            return;
        }
        if (m.aux?.Digest)
            digest = String(m.aux.Digest);
        if (!m.status)
            return;
        const line = scrub(`${m.id ? `${m.id}: ` : ''}${m.status}${m.progress ? ` ${m.progress}` : ''}`);
        if (m.progressDetail?.total || m.status === 'Preparing' || m.status === 'Waiting')
            log.debug(line);
        else
            log.info(line);
    });
    if (failure)
        throw new PushStreamError(failure);
    return digest;
}


/***/ }),

/***/ 33987:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   nJ: () => (/* binding */ parsePushSettings)
/* harmony export */ });
/* unused harmony exports PUSH_INPUT_NAMES, MAX_RETRIES */
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _registry_reference__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(79310);
/* harmony import */ var _build_settings__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54251);
// A push's settings, validated from raw inputs or flags, every problem reported at once.



const PUSH_INPUT_NAMES = {
    tags: 'input tags',
    registry: 'input registry',
    username: 'input username',
    password: 'input password',
    retries: 'input retries',
};
const MAX_RETRIES = 20;
function parsePushSettings(raw, names = PUSH_INPUT_NAMES) {
    const problems = new _errors__WEBPACK_IMPORTED_MODULE_0__/* .Problems */ .Zw();
    if (!raw.tags.length)
        problems.add(names.tags, undefined, 'at least one image tag to push, like registry.example.com/acme/web:1.2');
    const tags = (0,_build_settings__WEBPACK_IMPORTED_MODULE_1__/* .parseTags */ .rL)(raw.tags, names.tags, problems);
    let registry = raw.registry.replace(/^https?:\/\//, '').replace(/\/+$/, '');
    if (registry && !(0,_registry_reference__WEBPACK_IMPORTED_MODULE_2__/* .isRegistryHost */ .EV)(registry))
        problems.add(names.registry, raw.registry, 'a registry host with an optional port, like ghcr.io or 10.0.0.2:5000');
    if (!registry && tags.length)
        registry = (0,_registry_reference__WEBPACK_IMPORTED_MODULE_2__/* .registryOf */ .Fv)(tags[0]);
    let retries = 3;
    if (raw.retries !== '') {
        if (!/^\d+$/.test(raw.retries) || Number(raw.retries) > MAX_RETRIES)
            problems.add(names.retries, raw.retries, `a whole number of retries from 0 to ${MAX_RETRIES}`);
        else
            retries = Number(raw.retries);
    }
    if (raw.username && !raw.password)
        problems.add(names.password, undefined, `the password or token of user "${raw.username}"`);
    // Never show the password itself, not even in a validation message.
    if (raw.password && !raw.username)
        problems.raw(`${names.username}: is missing (expected the user the password belongs to)`);
    problems.throwIfAny();
    return { tags, registry, username: raw.username || undefined, password: raw.password || undefined, retries };
}


/***/ })

};
;