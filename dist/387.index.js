"use strict";
exports.id = 387;
exports.ids = [387,518];
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