"use strict";
exports.id = 746;
exports.ids = [746];
exports.modules = {

/***/ 79746:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  OUTPUTS: () => (/* binding */ OUTPUTS),
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./src/build/builder.ts
var builder = __webpack_require__(28079);
// EXTERNAL MODULE: ./src/build/merge.ts + 1 modules
var merge = __webpack_require__(56232);
// EXTERNAL MODULE: ./src/actions/runtime.ts
var runtime = __webpack_require__(73683);
// EXTERNAL MODULE: ./src/actions/shared/names.ts
var names = __webpack_require__(23305);
;// CONCATENATED MODULE: ./src/actions/merge/inputs.ts
// The merge action's inputs, each read once into validated settings (names as in actions/merge/action.yml).


const INPUTS = ['sources', 'tags', 'username', 'password'];
/** `log` gets the password as a secret before anything is validated, so that no later line can carry it. */
function readMergeInputs(log) {
    const read = (0,runtime/* inputReader */.cN)(INPUTS);
    const password = read.text('password');
    log?.secret(password);
    return (0,merge/* parseMergeSettings */.rj)({
        sources: read.list('sources'),
        tags: read.list('tags'),
        username: read.text('username'),
        password,
    });
}

;// CONCATENATED MODULE: ./src/actions/merge/main.ts
// The merge action: per-platform digests → one OCI image index under the tags → outputs digest, image.





const OUTPUTS = [names/* OUTPUT */.aQ.digest, names/* OUTPUT */.aQ.image, names/* OUTPUT */.aQ.platforms];
async function run() {
    await (0,runtime/* runAction */.Cs)(async (log) => {
        const out = (0,runtime/* outputWriter */.HK)(OUTPUTS);
        const settings = readMergeInputs(log);
        const result = await (0,merge/* mergeImages */.nV)(settings, log, { registries: await (0,merge/* engineRegistries */.Ep)((0,builder/* connectBuilder */.E)(), log) });
        out.set(names/* OUTPUT */.aQ.digest, result.digest);
        out.set(names/* OUTPUT */.aQ.image, result.image);
        out.set(names/* OUTPUT */.aQ.platforms, result.platforms.join(','));
    });
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

/***/ 56232:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Ep: () => (/* binding */ engineRegistries),
  nV: () => (/* binding */ mergeImages),
  rj: () => (/* binding */ parseMergeSettings)
});

// UNUSED EXPORTS: MERGE_INPUT_NAMES

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/registry/client.ts
var registry_client = __webpack_require__(32440);
// EXTERNAL MODULE: ./src/registry/credentials.ts
var credentials = __webpack_require__(3653);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/registry/image-index.ts
// Multi-platform images made from single-platform pushes: reads each source manifest and its
// platform, makes the manifests reachable in the target repository (cross-repository blob mounts),
// and writes one OCI image index under every tag — what `docker buildx imagetools create` does.



const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const INDEX_TYPES = [OCI_INDEX, 'application/vnd.docker.distribution.manifest.list.v2+json'];
function platformName(p) {
    return p ? [p.os, p.architecture, p.variant].filter(Boolean).join('/') : 'unknown';
}
function digestOf(body) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(body).digest('hex')}`;
}
function header(res, name) {
    const v = res.headers[name];
    return Array.isArray(v) ? v[0] : v;
}
function failed(what, res) {
    const text = res.body.toString('utf8').slice(0, 300).trim();
    const why = res.status === 401 || res.status === 403
        ? ' — the registry refused the credentials (give username and password, or log in with docker/login-action first)'
        : '';
    return new errors/* RunError */.e4(`${what}: HTTP ${res.status}${why}${text ? `: ${text}` : ''}`);
}
/** Reads a source (by digest or tag): one image manifest, or every image of an index it names. */
async function readSource(client, ref) {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const name = `${ref.registry}/${ref.repository}${ref.digest ? '@' : ':'}${reference}`;
    const res = await client.call('GET', `/v2/${ref.repository}/manifests/${reference}`, ref.repository, {
        headers: { accept: registry_client/* MANIFEST_ACCEPT */.dY },
    });
    if (res.status === 404)
        throw new errors/* RunError */.e4(`merge: the registry has no manifest for ${name} (was it pushed?)`);
    if (res.status !== 200)
        throw failed(`merge: reading the manifest of ${name}`, res);
    const digest = digestOf(res.body);
    if (ref.digest && ref.digest !== digest)
        throw new errors/* RunError */.e4(`merge: the registry returned a manifest whose digest ${digest} is not ${ref.digest}`);
    const manifest = JSON.parse(res.body.toString('utf8'));
    const mediaType = manifest.mediaType ?? header(res, 'content-type') ?? '';
    if (INDEX_TYPES.includes(mediaType) || manifest.manifests) {
        // An index among the sources: its images join the new index (attestations are left out).
        const images = (manifest.manifests ?? []).filter((d) => d.platform && d.platform.os !== 'unknown');
        const out = [];
        for (const d of images)
            out.push(...(await readSource(client, { ...ref, tag: undefined, digest: d.digest })));
        return out;
    }
    if (!manifest.config)
        throw new errors/* RunError */.e4(`merge: ${name} is neither an image manifest nor an index (media type ${mediaType || 'none'})`);
    const config = await client.call('GET', `/v2/${ref.repository}/blobs/${manifest.config.digest}`, ref.repository);
    if (config.status !== 200)
        throw failed(`merge: reading the image config of ${name}`, config);
    const image = JSON.parse(config.body.toString('utf8'));
    if (!image.os || !image.architecture)
        throw new errors/* RunError */.e4(`merge: the image config of ${name} names no os/architecture`);
    const platform = { architecture: image.architecture, os: image.os };
    if (image.variant)
        platform.variant = image.variant;
    if (image['os.version'])
        platform['os.version'] = image['os.version'];
    return [
        {
            ref,
            descriptor: { mediaType, digest, size: res.body.length, platform },
            body: res.body,
            // Foreign layers (urls) are not stored in the registry: they need no mount.
            blobs: [manifest.config.digest, ...(manifest.layers ?? []).filter((l) => !l.urls?.length).map((l) => l.digest)],
        },
    ];
}
/** The index document: one descriptor per platform, in the order of the sources. */
function imageIndex(sources, annotations = {}) {
    const seen = new Map();
    for (const s of sources) {
        const key = platformName(s.descriptor.platform);
        const earlier = seen.get(key);
        if (earlier && earlier !== s.descriptor.digest) {
            throw new errors/* RunError */.e4(`merge: two sources are both ${key} (${earlier} and ${s.descriptor.digest}): give one image per platform`);
        }
        seen.set(key, s.descriptor.digest);
    }
    const unique = sources.filter((s, i) => sources.findIndex((o) => o.descriptor.digest === s.descriptor.digest) === i);
    const index = {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: unique.map((s) => s.descriptor),
    };
    if (Object.keys(annotations).length)
        index.annotations = annotations;
    return Buffer.from(JSON.stringify(index));
}
/** Makes `source`'s manifest exist in `repository`: mounts its blobs from the source repository, then copies the manifest. */
async function copyManifest(client, source, repository, log) {
    const path = `/v2/${repository}/manifests/${source.descriptor.digest}`;
    const head = await client.call('HEAD', path, repository, { push: true });
    if (head.status === 200)
        return;
    for (const blob of source.blobs) {
        const has = await client.call('HEAD', `/v2/${repository}/blobs/${blob}`, repository, { push: true });
        if (has.status === 200)
            continue;
        const mount = await client.call('POST', `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(blob)}&from=${encodeURIComponent(source.ref.repository)}`, repository, { push: true, headers: { 'content-length': '0' } });
        if (mount.status === 201)
            continue;
        if (mount.status !== 202)
            throw failed(`merge: mounting ${blob} from ${source.ref.repository} into ${repository}`, mount);
        // The registry would not mount (another storage, or no read access): copy the blob through us.
        log.debug(`merge: ${source.ref.registry} did not mount ${blob}; copying it`);
        const data = await client.call('GET', `/v2/${source.ref.repository}/blobs/${blob}`, source.ref.repository);
        if (data.status !== 200)
            throw failed(`merge: reading ${blob} of ${source.ref.repository}`, data);
        const location = header(mount, 'location');
        if (!location)
            throw new errors/* RunError */.e4(`merge: the registry started an upload into ${repository} without a Location`);
        const put = `${location}${location.includes('?') ? '&' : '?'}digest=${encodeURIComponent(blob)}`;
        const done = await client.call('PUT', put, repository, {
            push: true,
            body: data.body,
            headers: { 'content-type': 'application/octet-stream', 'content-length': String(data.body.length) },
        });
        if (done.status !== 201)
            throw failed(`merge: uploading ${blob} into ${repository}`, done);
    }
    const put = await client.call('PUT', path, repository, {
        push: true,
        body: source.body,
        headers: { 'content-type': source.descriptor.mediaType, 'content-length': String(source.body.length) },
    });
    if (put.status !== 201)
        throw failed(`merge: copying the ${platformName(source.descriptor.platform)} manifest into ${repository}`, put);
}
/** Writes the index under `reference` (a tag) of `repository`; returns the digest the registry holds. */
async function putIndex(client, repository, reference, index) {
    const res = await client.call('PUT', `/v2/${repository}/manifests/${reference}`, repository, {
        push: true,
        body: index,
        headers: { 'content-type': OCI_INDEX, 'content-length': String(index.length) },
    });
    if (res.status !== 201)
        throw failed(`merge: writing the index to ${repository}:${reference}`, res);
    const digest = digestOf(index);
    const held = header(res, 'docker-content-digest');
    if (held && held !== digest)
        throw new errors/* RunError */.e4(`merge: the registry holds ${repository}:${reference} as ${held}, not the index written (${digest})`);
    return digest;
}

// EXTERNAL MODULE: ./src/registry/insecure.ts
var insecure = __webpack_require__(53705);
// EXTERNAL MODULE: ./src/registry/reference.ts
var reference = __webpack_require__(79310);
;// CONCATENATED MODULE: ./src/build/merge.ts






const MERGE_INPUT_NAMES = {
    sources: 'input sources',
    tags: 'input tags',
    username: 'input username',
    password: 'input password',
};
function parseMergeSettings(raw, names = MERGE_INPUT_NAMES) {
    const problems = new errors/* Problems */.Zw();
    if (!raw.sources.length)
        problems.add(names.sources, undefined, 'the pushed per-platform images, e.g. registry.example.com/acme/web@sha256:… (the image output of actions/push on each runner)');
    if (!raw.tags.length)
        problems.add(names.tags, undefined, 'at least one tag for the multi-platform image, e.g. registry.example.com/acme/web:1.2');
    const sources = [];
    for (const s of raw.sources) {
        const problem = (0,reference/* referenceProblem */.te)(s, { allowDigest: true });
        if (problem)
            problems.add(names.sources, s, `an image reference like registry.example.com/acme/web@sha256:… (${problem})`);
        else
            sources.push(s);
    }
    const tags = [];
    for (const t of raw.tags) {
        const problem = (0,reference/* referenceProblem */.te)(t);
        if (problem)
            problems.add(names.tags, t, `an image tag like registry.example.com/acme/web:1.2 (${problem})`);
        else
            tags.push((0,reference/* withExplicitTag */.dj)(t));
    }
    const registries = new Set([...sources, ...tags].map((r) => (0,reference/* parseImageRef */.Q)(r).registry));
    if (registries.size > 1) {
        problems.raw(`${names.sources}/${names.tags}: the sources and tags are on ${[...registries].join(', ')}; ` +
            'a merge writes into the registry that holds the sources: push each platform to the registry of the tags');
    }
    if (raw.username && !raw.password)
        problems.add(names.password, undefined, `the password or token of user "${raw.username}"`);
    if (raw.password && !raw.username)
        problems.raw(`${names.username}: is missing (expected the user the password belongs to)`);
    problems.throwIfAny();
    return { sources, tags, username: raw.username || undefined, password: raw.password || undefined };
}
/** The engine's registry settings (which registries are insecure), if an engine answers. */
async function engineRegistries(docker, log) {
    if (!docker)
        return undefined;
    try {
        return (await docker.info()).RegistryConfig;
    }
    catch (err) {
        log.debug(`no Docker engine to ask which registries are insecure (${(0,errors/* describeError */.Uc)(err)}): every registry is taken as secure, except 127.0.0.0/8`);
        return undefined;
    }
}
/** Reads every source, writes one index under every tag, returns its digest. */
async function mergeImages(settings, log, options = {}) {
    log.secret(settings.password);
    const registry = (0,reference/* parseImageRef */.Q)(settings.tags[0]).registry;
    const auth = (0,credentials/* resolveRegistryAuth */.gi)(settings.tags[0], { username: settings.username, password: settings.password, registry }, process.env, log);
    for (const form of (0,credentials/* secretForms */.eo)(auth))
        log.secret(form);
    const client = new registry_client/* RegistryClient */.bP(registry, {
        credentials: auth?.username ? { username: auth.username, password: auth.password } : undefined,
        insecure: await (0,insecure/* isInsecureRegistry */.y)(registry, options.registries),
        log,
    });
    const sources = [];
    for (const source of settings.sources) {
        if (!(0,reference/* parseImageRef */.Q)(source).digest)
            log.warn(`merge: source ${source} is a tag, not a digest: what it names may have moved since it was pushed`);
        const read = await readSource(client, (0,reference/* parseImageRef */.Q)(source));
        for (const s of read)
            log.info(`${platformName(s.descriptor.platform)}: ${source.replace(/@.*$/, '')}@${s.descriptor.digest}`);
        sources.push(...read);
    }
    const index = imageIndex(sources);
    let digest = '';
    for (const tag of settings.tags) {
        const ref = (0,reference/* parseImageRef */.Q)(tag);
        for (const s of sources) {
            if (s.ref.repository !== ref.repository)
                await copyManifest(client, s, ref.repository, log);
        }
        digest = await putIndex(client, ref.repository, ref.tag ?? 'latest', index);
        log.info(`${tag} → ${digest}`);
    }
    const platforms = [...new Set(sources.map((s) => platformName(s.descriptor.platform)))];
    if (!digest)
        throw new errors/* RunError */.e4('merge: no tag written');
    const first = (0,reference/* parseImageRef */.Q)(settings.tags[0]);
    log.info(`merged ${platforms.join(', ')} into ${digest}`);
    return { digest, image: `${(0,reference/* repositoryName */.aR)(first)}@${digest}`, platforms };
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