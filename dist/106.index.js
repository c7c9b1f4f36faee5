"use strict";
exports.id = 106;
exports.ids = [106];
exports.modules = {

/***/ 87106:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _build_build__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71416);
/* harmony import */ var _build_builder__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28079);
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(29880);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _push_push__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(94922);
/* harmony import */ var _push_settings__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(33987);
/* harmony import */ var _build_buildkit_inputs__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2138);
/* harmony import */ var _build_inputs__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(50147);
/* harmony import */ var _runtime__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(73683);
/* harmony import */ var _shared_publish__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(3240);
/* harmony import */ var _shared_rollout_inputs__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(39492);
/* harmony import */ var _shared_rollout_step__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(67235);
// The root action: build → push → deploy in one step. The deploy takes the digest the registry
// holds, so every host runs exactly the image that was built.












async function run() {
    await (0,_runtime__WEBPACK_IMPORTED_MODULE_8__/* .runAction */ .Cs)(async (log) => {
        log.secret((0,_runtime__WEBPACK_IMPORTED_MODULE_8__/* .input */ .hF)('password'));
        const problems = [];
        const build = (0,_build_inputs__WEBPACK_IMPORTED_MODULE_7__/* .readBuildInputs */ .q)((0,_build_buildkit_inputs__WEBPACK_IMPORTED_MODULE_6__/* .readBuildKitInputs */ ._)(problems), problems);
        const rollout = (0,_shared_rollout_inputs__WEBPACK_IMPORTED_MODULE_10__.readRolloutInputs)();
        rollout.overrides.gates = (0,_runtime__WEBPACK_IMPORTED_MODULE_8__/* .input */ .hF)('gates') || undefined;
        // The config is checked before the build: a typo in aviary.yml should not cost a build.
        (0,_deploy__WEBPACK_IMPORTED_MODULE_2__.prepare)({ ...rollout, target: 'previous' }, log, process.env);
        const publisher = new _shared_publish__WEBPACK_IMPORTED_MODULE_9__/* .Publisher */ .v((0,_shared_rollout_inputs__WEBPACK_IMPORTED_MODULE_10__.readPublishInputs)(), log);
        const builder = (0,_build_builder__WEBPACK_IMPORTED_MODULE_1__/* .connectBuilder */ .E)();
        const built = await (0,_build_build__WEBPACK_IMPORTED_MODULE_0__/* .buildImage */ ._w)(builder, build, log);
        _runtime__WEBPACK_IMPORTED_MODULE_8__/* .core.setOutput */ .I8.setOutput('imageid', built.imageId);
        _runtime__WEBPACK_IMPORTED_MODULE_8__/* .core.setOutput */ .I8.setOutput('tags', built.tags.join('\n'));
        _runtime__WEBPACK_IMPORTED_MODULE_8__/* .core.setOutput */ .I8.setOutput('metadata', JSON.stringify(built.metadata));
        const pushed = await (0,_push_push__WEBPACK_IMPORTED_MODULE_4__/* .pushTags */ .YP)(builder, (0,_push_settings__WEBPACK_IMPORTED_MODULE_5__/* .parsePushSettings */ .nJ)({
            tags: built.tags,
            registry: (0,_runtime__WEBPACK_IMPORTED_MODULE_8__/* .input */ .hF)('registry'),
            username: rollout.registry.username ?? '',
            password: rollout.registry.password ?? '',
            retries: (0,_runtime__WEBPACK_IMPORTED_MODULE_8__/* .input */ .hF)('retries'),
        }), log);
        _runtime__WEBPACK_IMPORTED_MODULE_8__/* .core.setOutput */ .I8.setOutput('digest', pushed.digest);
        _runtime__WEBPACK_IMPORTED_MODULE_8__/* .core.setOutput */ .I8.setOutput('image', pushed.image);
        rollout.overrides.image = pushed.image;
        const { report } = await (0,_shared_rollout_step__WEBPACK_IMPORTED_MODULE_11__/* .runRollout */ .p)(rollout, log, publisher);
        await publisher.finished(report);
        for (const [name, value] of Object.entries((0,_deploy__WEBPACK_IMPORTED_MODULE_2__.outputsOf)(report, rollout.reportFile)))
            if (name !== 'digest')
                _runtime__WEBPACK_IMPORTED_MODULE_8__/* .core.setOutput */ .I8.setOutput(name, value);
        _runtime__WEBPACK_IMPORTED_MODULE_8__/* .core.setOutput */ .I8.setOutput('deployment-id', publisher.githubDeploymentId);
        if ((0,_deploy__WEBPACK_IMPORTED_MODULE_2__.errorWasLogged)(report))
            process.exitCode = 1; // logged with every host already
        else if (report.result !== 'deployed')
            throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .RunError */ .e4(report.error ?? `the rollout ended ${report.result}`);
    });
}


/***/ }),

/***/ 2138:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ readBuildKitInputs)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _runtime__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73683);
// The build action's inputs that only it has (BuildKit's secrets, SSH, cache, platform, and the
// default-tag switches), as raw values for parseBuildSettings. The all-in-one action reads them too.


/** `id=value` lines: only newlines separate secrets, as in docker/build-push-action (values may hold commas). */
function lines(text) {
    return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}
function readBuildKitInputs(problems) {
    let semverTags = true;
    try {
        semverTags = (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .booleanInput */ .tE)('semver-tags', true);
    }
    catch (err) {
        if (!(err instanceof _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz))
            throw err;
        problems.push(...err.problems);
    }
    return {
        secrets: lines((0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('secrets')),
        secretFiles: lines((0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('secret-files')),
        ssh: lines((0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('ssh')),
        cacheFrom: lines((0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('cache-from')),
        cacheTo: lines((0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('cache-to')),
        platforms: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .listInput */ .dt)('platforms'),
        semverTags,
        latest: (0,_runtime__WEBPACK_IMPORTED_MODULE_1__/* .input */ .hF)('latest'),
    };
}


/***/ }),

/***/ 50147:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ readBuildInputs)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _build_settings__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54251);
/* harmony import */ var _runtime__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73683);
// The build action's inputs, read once into validated settings (names as in actions/build/action.yml).



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
/** The inputs the build and all-in-one actions share; `more` adds raw values of inputs only one action has. */
function readBuildInputs(more = {}, earlier = []) {
    const problems = new _errors__WEBPACK_IMPORTED_MODULE_0__/* .Problems */ .Zw();
    for (const p of earlier)
        problems.raw(p);
    const pull = flag(() => (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .booleanInput */ .tE)('pull', false), problems, false);
    const noCache = flag(() => (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .booleanInput */ .tE)('no-cache', false), problems, false);
    let settings;
    try {
        settings = (0,_build_settings__WEBPACK_IMPORTED_MODULE_1__/* .parseBuildSettings */ .di)({
            context: (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .input */ .hF)('context'),
            file: (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .input */ .hF)('file'),
            tags: (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .listInput */ .dt)('tags'),
            image: (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .input */ .hF)('image'),
            // Values may hold commas: split only before the next NAME=.
            labels: (0,_build_settings__WEBPACK_IMPORTED_MODULE_1__/* .splitAssignments */ .fA)((0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .input */ .hF)('labels')),
            buildArgs: (0,_build_settings__WEBPACK_IMPORTED_MODULE_1__/* .splitAssignments */ .fA)((0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .input */ .hF)('build-args')),
            target: (0,_runtime__WEBPACK_IMPORTED_MODULE_2__/* .input */ .hF)('target'),
            pull,
            noCache,
            ...more,
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
        info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m), debug: (m) => log.debug(m),
        group: (title, fn) => log.group(title, fn), secret, mask: (t) => log.mask(t),
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
        const auth = (0,_registry_credentials__WEBPACK_IMPORTED_MODULE_2__/* .resolveRegistryAuth */ .gi)(tag, own ? { username: settings.username, password: settings.password, registry: ref.registry } : { registry: ref.registry }, env, secretsOnce);
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
                        (auth ? 'Check the username and password (or token).' : 'Give username and password, or log in with docker/login-action first.'));
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
                insecure, retry: policy, log,
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
    const stream = await image.push({ tag: ref.tag ?? 'latest', ...(auth ? { authconfig: auth } : {}) });
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
    tags: 'input tags', registry: 'input registry', username: 'input username', password: 'input password', retries: 'input retries',
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