"use strict";
exports.id = 409;
exports.ids = [409];
exports.modules = {

/***/ 44409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  OUTPUTS: () => (/* binding */ OUTPUTS),
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./src/build/build.ts + 3 modules
var build_build = __webpack_require__(71416);
// EXTERNAL MODULE: ./src/build/builder.ts
var build_builder = __webpack_require__(28079);
// EXTERNAL MODULE: ./src/deploy.ts
var deploy = __webpack_require__(29880);
// EXTERNAL MODULE: ./src/push/push.ts
var push_push = __webpack_require__(94922);
// EXTERNAL MODULE: ./src/push/settings.ts
var settings = __webpack_require__(33987);
// EXTERNAL MODULE: ./src/actions/build/main.ts
var main = __webpack_require__(6855);
// EXTERNAL MODULE: ./src/actions/push/main.ts + 1 modules
var push_main = __webpack_require__(61818);
// EXTERNAL MODULE: ./src/actions/runtime.ts
var runtime = __webpack_require__(73683);
// EXTERNAL MODULE: ./src/actions/shared/names.ts
var names = __webpack_require__(23305);
// EXTERNAL MODULE: ./src/actions/shared/publish.ts + 2 modules
var shared_publish = __webpack_require__(20131);
// EXTERNAL MODULE: ./src/actions/shared/rollout-step.ts
var rollout_step = __webpack_require__(67235);
// EXTERNAL MODULE: ./src/actions/build/inputs.ts
var inputs = __webpack_require__(50147);
// EXTERNAL MODULE: ./src/actions/shared/rollout-inputs.ts
var rollout_inputs = __webpack_require__(39492);
;// CONCATENATED MODULE: ./src/actions/all/inputs.ts




// username and password are in ROLLOUT_INPUTS: the same credentials push the image and pull it on the hosts.
const INPUTS = [
    ...names/* BUILD_INPUTS */.$9,
    ...names/* ROLLOUT_INPUTS */.e7,
    ...names/* GATES_INPUTS */.z$,
    ...names/* PUBLISH_INPUTS */._E,
    'registry',
    'retries',
];
/** `log` gets the password as a secret before anything is validated, so that no later line can carry it. */
function readAllInputs(log, env = process.env) {
    const read = (0,runtime/* inputReader */.cN)(INPUTS);
    log?.secret(read.text('password'));
    const build = (0,inputs/* readBuildInputs */.q)();
    const rollout = (0,rollout_inputs.readRolloutInputs)(env);
    rollout.overrides.gates = read.text('gates') || undefined;
    return {
        build,
        rollout,
        publish: (0,rollout_inputs.readPublishInputs)(),
        push: { registry: read.text('registry'), retries: read.text('retries') },
    };
}

;// CONCATENATED MODULE: ./src/actions/all/main.ts
// The root action: build → push → deploy in one step. The deploy takes the digest the registry
// holds, so every host runs exactly the image that was built.












const OUTPUTS = [names/* OUTPUT */.aQ.imageid, names/* OUTPUT */.aQ.tags, names/* OUTPUT */.aQ.metadata, names/* OUTPUT */.aQ.image, ...names/* ROLLOUT_OUTPUTS */.xh];
async function run() {
    await (0,runtime/* runAction */.Cs)(async (log) => {
        const out = (0,runtime/* outputWriter */.HK)(OUTPUTS);
        const { build, push, rollout, publish } = readAllInputs(log);
        // The config is checked before the build: a typo in aviary.yml should not cost a build.
        (0,deploy.prepare)({ ...rollout, target: 'previous' }, log, process.env);
        const publisher = new shared_publish/* Publisher */.v(publish, log);
        const builder = (0,build_builder/* connectBuilder */.E)();
        const built = await (0,build_build/* buildImage */._w)(builder, build, log);
        (0,main.setBuildOutputs)(out, built);
        const pushed = await (0,push_push/* pushTags */.YP)(builder, (0,settings/* parsePushSettings */.nJ)({
            tags: built.tags,
            registry: push.registry,
            username: rollout.registry.username ?? '',
            password: rollout.registry.password ?? '',
            retries: push.retries,
        }), log);
        (0,push_main.setPushOutputs)(out, pushed);
        rollout.overrides.image = pushed.image;
        const { report } = await (0,rollout_step/* runRollout */.p1)(rollout, log, publisher);
        await (0,rollout_step/* finishRollout */.JZ)(report, rollout.reportFile, publisher, {
            // The digest is the push's, set above: the same one the rollout deployed.
            setOutputs: (outputs) => {
                for (const name of names/* ROLLOUT_OUTPUTS */.xh)
                    if (name !== names/* OUTPUT */.aQ.digest)
                        out.set(name, outputs[name]);
            },
        });
    });
}


/***/ }),

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