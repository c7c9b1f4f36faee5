"use strict";
exports.id = 124;
exports.ids = [124];
exports.modules = {

/***/ 39794:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   command: () => (/* binding */ command),
/* harmony export */   secretFlags: () => (/* binding */ secretFlags),
/* harmony export */   switchValue: () => (/* binding */ switchValue)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _build_build__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(71416);
/* harmony import */ var _build_builder__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28079);
/* harmony import */ var _build_settings__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(54251);
// `aviary build`: the build action's engine driven by flags; prints the action's outputs at the end.




const FLAG_NAMES = {
    context: 'CONTEXT',
    file: '--file',
    tags: '--tag',
    image: '--image',
    labels: '--label',
    buildArgs: '--build-arg',
    target: '--target',
    pull: '--pull',
    noCache: '--no-cache',
    secrets: '--secret',
    secretFiles: '--secret',
    ssh: '--ssh',
    cacheFrom: '--cache-from',
    cacheTo: '--cache-to',
    platforms: '--platform',
    semverTags: '--semver-tags',
    latest: '--latest',
};
/**
 * `--secret id=ID,src=PATH` or `--secret id=ID,env=VAR`, as docker build takes them: a value never
 * goes on the command line, where the process list and the shell history would show it.
 */
function secretFlags(items, env = process.env) {
    const secrets = [];
    const secretFiles = [];
    for (const item of items) {
        const attrs = Object.fromEntries(item.split(',').map((p) => [p.slice(0, p.indexOf('=')).trim(), p.slice(p.indexOf('=') + 1).trim()]));
        if (!attrs.id || (!attrs.src && !attrs.source && !attrs.env)) {
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`--secret: "${item}" is not id=ID,src=PATH or id=ID,env=VARIABLE`);
        }
        if (attrs.env) {
            const value = env[attrs.env];
            if (value === undefined)
                throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`--secret ${item}: the environment variable ${attrs.env} is not set`);
            secrets.push(`${attrs.id}=${value}`);
        }
        else {
            secretFiles.push(`${attrs.id}=${attrs.src ?? attrs.source}`);
        }
    }
    return { secrets, secretFiles };
}
/** A --switch's value: --pull, --pull=true or --pull=false. */
function switchValue(args, name) {
    const value = (args.get(name) ?? 'false').toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(value))
        return true;
    if (['false', 'no', '0', 'off'].includes(value))
        return false;
    throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`--${name}: "${value}" is not true or false`);
}
const command = {
    name: 'build',
    summary: 'Build an image with BuildKit on the builder engine (DOCKER_HOST, else /var/run/docker.sock); the legacy builder only on an engine without BuildKit.',
    usage: 'aviary build [flags] CONTEXT',
    flags: [
        { name: 'file', description: 'path of the Dockerfile', default: 'CONTEXT/Dockerfile' },
        { name: 'tag', description: 'image tag, repeatable (or comma-separated)', multiple: true },
        {
            name: 'image',
            description: 'repository for the default tags sha-<short sha> and the branch or version tag, when no --tag is given (from GITHUB_SHA/GITHUB_REF)',
        },
        { name: 'label', description: 'label key=value, repeatable', multiple: true },
        { name: 'build-arg', description: 'build argument NAME=value, repeatable', multiple: true },
        { name: 'target', description: 'build stage to stop at' },
        { name: 'pull', description: 'always pull newer versions of the base images', boolean: true },
        { name: 'no-cache', description: 'do not use the build cache', boolean: true },
        { name: 'secret', description: 'build secret id=ID,src=PATH or id=ID,env=VARIABLE, repeatable', multiple: true },
        {
            name: 'ssh',
            description: 'SSH agent for RUN --mount=type=ssh: default, default=SOCKET or ID=KEYFILE, repeatable',
            multiple: true,
        },
        {
            name: 'cache-from',
            description: 'image to import build cache from (type=registry,ref=IMAGE or IMAGE), repeatable',
            multiple: true,
        },
        { name: 'cache-to', description: 'type=inline: put the cache metadata into the image' },
        { name: 'platform', description: 'the one platform to build for, e.g. linux/arm64' },
        { name: 'semver-tags', description: 'default tags: also 1.2.3, 1.2, 1 for a v1.2.3 tag ref', default: 'true' },
        {
            name: 'latest',
            description: 'default tags: latest — auto (on the default branch), true or false',
            default: 'auto',
        },
    ],
    async run(args, log) {
        if (args.positional.length > 1)
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`aviary build: one CONTEXT folder expected, got ${args.positional.length}: ${args.positional.join(' ')}`);
        const settings = (0,_build_settings__WEBPACK_IMPORTED_MODULE_3__/* .parseBuildSettings */ .di)({
            context: args.positional[0] ?? '.',
            file: args.has('file') ? args.get('file') : '',
            tags: args
                .all('tag')
                .flatMap((t) => t.split(','))
                .map((t) => t.trim())
                .filter(Boolean),
            image: args.get('image') ?? '',
            labels: args.all('label').flatMap(_build_settings__WEBPACK_IMPORTED_MODULE_3__/* .splitAssignments */ .fA),
            buildArgs: args.all('build-arg').flatMap(_build_settings__WEBPACK_IMPORTED_MODULE_3__/* .splitAssignments */ .fA),
            target: args.get('target') ?? '',
            pull: switchValue(args, 'pull'),
            noCache: switchValue(args, 'no-cache'),
            ...secretFlags(args.all('secret')),
            ssh: args.all('ssh'),
            cacheFrom: args.all('cache-from'),
            cacheTo: args.has('cache-to') ? [args.get('cache-to')] : [],
            platforms: args.has('platform') ? args.get('platform').split(',') : [],
            semverTags: args.has('semver-tags') ? switchValue(args, 'semver-tags') : true,
            latest: args.get('latest') ?? 'auto',
        }, FLAG_NAMES);
        const result = await (0,_build_build__WEBPACK_IMPORTED_MODULE_1__/* .buildImage */ ._w)((0,_build_builder__WEBPACK_IMPORTED_MODULE_2__/* .connectBuilder */ .E)(), settings, log);
        log.info(`imageid=${result.imageId}`);
        log.info(`tags=${result.tags.join(',')}`);
        log.info(`metadata=${JSON.stringify(result.metadata)}`);
    },
};


/***/ }),

/***/ 42124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PASSWORD_ENV: () => (/* binding */ PASSWORD_ENV),
/* harmony export */   command: () => (/* binding */ command)
/* harmony export */ });
/* harmony import */ var _build_builder__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(28079);
/* harmony import */ var _push_push__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(94922);
/* harmony import */ var _push_settings__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(33987);
/* harmony import */ var _build__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(39794);
// `aviary push`: the push action's engine driven by flags; the password comes from stdin or the
// environment, never from a flag (it would show in the process list and shell history).




const FLAG_NAMES = {
    tags: 'TAG',
    registry: '--registry',
    username: '--username',
    password: '--password-stdin',
    retries: '--retries',
};
const PASSWORD_ENV = 'AVIARY_REGISTRY_PASSWORD';
/** All of stdin, without the trailing newline `echo` adds, as `docker login --password-stdin` reads it. */
async function readStdin() {
    const chunks = [];
    for await (const chunk of process.stdin)
        chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\r?\n$/, '');
}
const command = {
    name: 'push',
    summary: `Push image tags from the builder engine to their registry and print the digest it holds.\n` +
        `Credentials: --username with the password on stdin (--password-stdin) or in ${PASSWORD_ENV}; ` +
        'without them, the Docker config ($DOCKER_CONFIG/config.json or ~/.docker/config.json).',
    usage: 'aviary push [flags] TAG...',
    flags: [
        { name: 'registry', description: 'registry the credentials are for', default: 'the host of the first TAG' },
        { name: 'username', description: 'registry user', env: 'AVIARY_REGISTRY_USERNAME' },
        { name: 'password-stdin', description: `read the password from stdin (else from ${PASSWORD_ENV})`, boolean: true },
        {
            name: 'retries',
            description: 'retries after 429, 5xx or a dropped connection, with exponential backoff',
            default: '3',
        },
    ],
    async run(args, log) {
        const password = (0,_build__WEBPACK_IMPORTED_MODULE_3__.switchValue)(args, 'password-stdin') ? await readStdin() : (process.env[PASSWORD_ENV] ?? '');
        log.secret(password);
        const settings = (0,_push_settings__WEBPACK_IMPORTED_MODULE_2__/* .parsePushSettings */ .nJ)({
            tags: args.positional
                .flatMap((t) => t.split(','))
                .map((t) => t.trim())
                .filter(Boolean),
            registry: args.has('registry') ? args.get('registry') : '',
            username: args.get('username') ?? '',
            password,
            retries: args.get('retries') ?? '3',
        }, FLAG_NAMES);
        const result = await (0,_push_push__WEBPACK_IMPORTED_MODULE_1__/* .pushTags */ .YP)((0,_build_builder__WEBPACK_IMPORTED_MODULE_0__/* .connectBuilder */ .E)(), settings, log);
        log.info(`digest=${result.digest}`);
        log.info(`image=${result.image}`);
    },
};


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