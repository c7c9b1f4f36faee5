"use strict";
exports.id = 318;
exports.ids = [318,518];
exports.modules = {

/***/ 32440:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bP: () => (/* binding */ RegistryClient),
/* harmony export */   dY: () => (/* binding */ MANIFEST_ACCEPT)
/* harmony export */ });
/* unused harmony exports RegistryHttpError, parseChallenge */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _log__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(25625);
/* harmony import */ var _reference__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(79310);
/* harmony import */ var _retry__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(41521);
// A minimal Registry HTTP API v2 client: asks a registry which manifest digest a tag points to,
// answering its Basic or Bearer challenge the way the docker CLI does.







/** Every manifest kind a push can leave behind: Docker v2 and OCI, single image or index. */
const MANIFEST_ACCEPT = [
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.oci.image.index.v1+json',
].join(', ');
/** An HTTP failure with its status, so the retry policy can classify it. */
class RegistryHttpError extends Error {
    statusCode;
    constructor(message, statusCode) {
        super(message);
        this.statusCode = statusCode;
        this.name = 'RegistryHttpError';
    }
}
/** Parses `Bearer realm="https://auth",service="registry",scope="repository:a/b:pull"`. */
function parseChallenge(header) {
    if (!header)
        return undefined;
    const m = /^\s*(\w+)\s*(.*)$/.exec(header);
    if (!m)
        return undefined;
    const params = {};
    for (const p of m[2].matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g))
        params[p[1].toLowerCase()] = p[2] ?? p[3] ?? '';
    return { scheme: m[1].toLowerCase(), params };
}
class RegistryClient {
    registry;
    options;
    scheme;
    authorization;
    masker = new _log__WEBPACK_IMPORTED_MODULE_5__/* .Masker */ .GX();
    constructor(registry, options) {
        this.registry = registry;
        this.options = options;
        const { credentials } = options;
        this.masker.add(credentials?.password);
        if (credentials?.password)
            this.masker.add(Buffer.from(`${credentials.username ?? ''}:${credentials.password}`).toString('base64'));
    }
    /** The digest the registry holds for ref's tag (or digest), retried on 429/5xx/dropped connections. */
    async manifest(ref) {
        const reference = ref.digest ?? ref.tag ?? 'latest';
        const path = `/v2/${ref.repository}/manifests/${reference}`;
        const what = `asking ${this.registry} for the manifest of ${ref.repository}:${reference}`;
        return (0,_retry__WEBPACK_IMPORTED_MODULE_4__/* .withRetries */ .LH)(what, this.options.retry ?? _retry__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_RETRY */ .vI, this.options.log, async () => {
            let res = await this.authorized('HEAD', path, ref.repository);
            const digest = header(res, 'docker-content-digest');
            if (res.status === 200 && digest)
                return { digest, mediaType: header(res, 'content-type') };
            // Some registries omit the digest on HEAD: read the manifest and hash it, which is what the digest is.
            if (res.status === 200 || res.status === 405)
                res = await this.authorized('GET', path, ref.repository);
            if (res.status === 200) {
                const held = header(res, 'docker-content-digest') ?? `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(res.body).digest('hex')}`;
                return { digest: held, mediaType: header(res, 'content-type') };
            }
            throw this.failure(res, `${ref.repository}:${reference}`);
        }, (err) => this.scrub(err instanceof Error ? err.message : String(err)));
    }
    /**
     * Any Registry API request, authorized as manifest() is (pull and push scope when `push`), e.g.
     * the uploads and manifest writes of an image index. The caller reads the status.
     */
    async call(method, path, repository, options = {}) {
        return this.authorized(method, path, repository, options);
    }
    failure(res, name) {
        const detail = registryErrorText(res.body);
        const suffix = detail ? `: ${detail}` : '';
        if (res.status === 404)
            return new _errors__WEBPACK_IMPORTED_MODULE_3__/* .RunError */ .e4(`the registry ${this.registry} has no manifest for ${name}${suffix}`);
        if (res.status === 401 || res.status === 403) {
            const who = this.options.credentials?.username
                ? `user "${this.options.credentials.username}"`
                : 'anonymous access';
            return new _errors__WEBPACK_IMPORTED_MODULE_3__/* .RunError */ .e4(`the registry ${this.registry} refused ${who} reading ${name} (HTTP ${res.status})${this.scrub(suffix)}`);
        }
        return new RegistryHttpError(`the registry ${this.registry} answered HTTP ${res.status} for ${name}${this.scrub(suffix)}`, res.status);
    }
    /** A request with the authorization the registry asked for, answering one challenge if needed. */
    async authorized(method, path, repository, extra = {}) {
        const res = await this.request(method, path, { ...extra.headers, ...(this.authorization ? { authorization: this.authorization } : {}) }, extra.body);
        if (res.status !== 401)
            return res;
        const challenge = parseChallenge(header(res, 'www-authenticate'));
        const creds = this.options.credentials;
        if (challenge?.scheme === 'basic') {
            if (!creds?.username || !creds.password)
                return res;
            this.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
        }
        else if (challenge?.scheme === 'bearer' && challenge.params.realm) {
            this.authorization = `Bearer ${await this.token(challenge, repository, extra.push)}`;
        }
        else {
            return res;
        }
        return this.request(method, path, { ...extra.headers, authorization: this.authorization }, extra.body);
    }
    /** A bearer token from the registry's token service, for pulling `repository`. */
    async token(challenge, repository, push = false) {
        const url = new URL(challenge.params.realm);
        if (challenge.params.service)
            url.searchParams.set('service', challenge.params.service);
        url.searchParams.set('scope', challenge.params.scope || `repository:${repository}:${push ? 'pull,push' : 'pull'}`);
        const creds = this.options.credentials;
        const headers = {};
        if (creds?.username && creds.password)
            headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
        const res = await send(url, 'GET', headers, this.options.timeoutMs ?? 30_000, false);
        if (res.status !== 200) {
            if (res.status === 429 || res.status >= 500)
                throw new RegistryHttpError(`the token service ${url.host} answered HTTP ${res.status}`, res.status);
            const who = creds?.username ? `user "${creds.username}"` : 'anonymous access';
            throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .RunError */ .e4(`the token service ${url.host} of ${this.registry} refused ${who} (HTTP ${res.status})${this.scrub(registryErrorText(res.body) ? ': ' + registryErrorText(res.body) : '')}`);
        }
        const body = JSON.parse(res.body.toString('utf8'));
        const token = body.token ?? body.access_token;
        if (!token)
            throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .RunError */ .e4(`the token service ${url.host} of ${this.registry} returned no token`);
        this.masker.add(token);
        this.options.log.secret(token);
        return token;
    }
    async request(method, path, headers, body) {
        const host = (0,_reference__WEBPACK_IMPORTED_MODULE_6__/* .apiHost */ .nz)(this.registry);
        const all = { accept: MANIFEST_ACCEPT, 'user-agent': 'aviary', ...headers };
        const timeout = this.options.timeoutMs ?? 30_000;
        // An upload's Location may be a full URL (on another host, e.g. a storage redirect).
        if (/^https?:\/\//.test(path))
            return send(new URL(path), method, all, timeout, !!this.options.insecure, body);
        if (this.scheme)
            return send(new URL(`${this.scheme}://${host}${path}`), method, all, timeout, !!this.options.insecure, body);
        try {
            const res = await send(new URL(`https://${host}${path}`), method, all, timeout, !!this.options.insecure, body);
            this.scheme = 'https';
            return res;
        }
        catch (err) {
            if (!this.options.insecure || err instanceof RegistryHttpError)
                throw err;
            this.options.log.debug(`${this.registry} does not speak https (${err.message}); using http as for an insecure registry`);
            const res = await send(new URL(`http://${host}${path}`), method, all, timeout, true, body);
            this.scheme = 'http';
            return res;
        }
    }
    scrub(text) {
        return this.masker.mask(text);
    }
}
function header(res, name) {
    const v = res.headers[name];
    return Array.isArray(v) ? v[0] : v;
}
/** The message of a registry's JSON error body ({"errors":[{"code","message"}]}), if any. */
function registryErrorText(body) {
    try {
        const parsed = JSON.parse(body.toString('utf8'));
        const list = parsed.errors?.map((e) => [e.code, e.message].filter(Boolean).join(': ')).filter(Boolean);
        return list?.length ? list.join('; ') : undefined;
    }
    catch {
        return undefined;
    }
}
/** One HTTP(S) request with a deadline; the body is read whole (manifests and tokens are small). */
function send(url, method, headers, timeoutMs, insecure, body) {
    return new Promise((resolve, reject) => {
        const lib = url.protocol === 'https:' ? node_https__WEBPACK_IMPORTED_MODULE_2__ : node_http__WEBPACK_IMPORTED_MODULE_1__;
        const req = lib.request(url, { method, headers, timeout: timeoutMs, ...(url.protocol === 'https:' ? { rejectUnauthorized: !insecure } : {}) }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
            res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(Object.assign(new Error(`${method} ${url.host}: i/o timeout after ${timeoutMs}ms`), { code: 'ETIMEDOUT' })));
        req.on('error', reject);
        req.end(body);
    });
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

/***/ 53705:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ isInsecureRegistry)
/* harmony export */ });
/* unused harmony export inCidr */
/* harmony import */ var node_dns_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71553);
/* harmony import */ var node_dns_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_dns_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
// Whether the engine treats a registry as insecure (plain http allowed): the registry client
// follows the engine's own settings, so it talks to a registry the same way the push did.


/** The engine's insecure ranges (IPv4 and IPv6 CIDRs, or single addresses) as one BlockList; malformed entries match nothing. */
function insecureRanges(cidrs) {
    const ranges = new node_net__WEBPACK_IMPORTED_MODULE_1__.BlockList();
    for (const cidr of cidrs) {
        const [base, bits] = cidr.split('/');
        const family = (0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIP)(base);
        if (!family)
            continue;
        const type = family === 6 ? 'ipv6' : 'ipv4';
        try {
            if (bits === undefined)
                ranges.addAddress(base, type);
            else if (/^\d+$/.test(bits))
                ranges.addSubnet(base, Number(bits), type);
        }
        catch {
            // A prefix longer than the family allows (10.0.0.0/33): the engine would not have accepted it either.
        }
    }
    return ranges;
}
/** Whether an IPv4 or IPv6 address lies in a CIDR range such as 10.210.0.0/24 or fd00::/8. */
function inCidr(ip, cidr) {
    return matches(insecureRanges([cidr]), ip);
}
function matches(ranges, ip) {
    const family = (0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIP)(ip);
    // An IPv4 range also matches the IPv4-mapped form (::ffff:10.0.0.1) that a lookup may return.
    return family !== 0 && ranges.check(ip, family === 6 ? 'ipv6' : 'ipv4');
}
/** The host of a registry as the engine names it: host, host:port, [v6] or [v6]:port. */
function registryHost(registry) {
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIP)(registry))
        return registry;
    const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(registry);
    return bracketed ? bracketed[1] : registry.replace(/:\d+$/, '');
}
/**
 * The engine's verdict on a registry host[:port]: listed as insecure by name, or its address in
 * an insecure range (127.0.0.0/8 is one by default). Names are resolved as the engine would.
 */
async function isInsecureRegistry(registry, config) {
    const index = config?.IndexConfigs?.[registry];
    if (index && index.Secure === false)
        return true;
    const host = registryHost(registry);
    if (host === 'localhost' || host === '::1')
        return true;
    const ranges = insecureRanges(config?.InsecureRegistryCIDRs ?? ['127.0.0.0/8']);
    let addresses = [host];
    if (!(0,node_net__WEBPACK_IMPORTED_MODULE_1__.isIP)(host)) {
        try {
            addresses = (await (0,node_dns_promises__WEBPACK_IMPORTED_MODULE_0__.lookup)(host, { all: true })).map((a) => a.address);
        }
        catch {
            return false;
        }
    }
    return addresses.some((ip) => matches(ranges, ip));
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

/***/ 41521:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   bR: () => (/* binding */ transientReason),
/* harmony export */   vI: () => (/* binding */ DEFAULT_RETRY)
/* harmony export */ });
/* unused harmony export backoffDelay */
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26518);
// Retrying registry work: which failures are worth another try (429, 5xx, dropped connections)
// and exponential backoff between tries. The engine reports registry errors only as text, so the
// classification reads messages as well as error codes.

const DROPPED = [
    /\bECONNRESET\b/,
    /\bEPIPE\b/,
    /\bETIMEDOUT\b/,
    /\bECONNABORTED\b/,
    /\bEAI_AGAIN\b/,
    /socket hang up/i,
    /connection reset by peer/i,
    /broken pipe/i,
    /unexpected EOF/i,
    /:\s*EOF\s*$/,
    /i\/o timeout/i,
    /TLS handshake timeout/i,
    /use of closed network connection/i,
    /server closed idle connection/i,
    /http2: server sent GOAWAY/i,
];
const STATUS_PHRASES = {
    429: /too ?many ?requests/i,
    500: /internal server error/i,
    502: /bad gateway/i,
    503: /service unavailable/i,
    504: /gateway time-?out/i,
};
/** Why a failure is worth retrying ("503", "connection dropped"), or undefined when it is not. */
function transientReason(err) {
    const e = err;
    if (e && typeof e === 'object') {
        if (typeof e.statusCode === 'number' && (e.statusCode === 429 || e.statusCode >= 500))
            return `HTTP ${e.statusCode}`;
        if (typeof e.code === 'string' && DROPPED.some((re) => re.test(e.code)))
            return `connection dropped (${e.code})`;
    }
    const message = typeof e === 'object' && e && typeof e.message === 'string' ? e.message : String(err);
    const status = /status(?: code)?:?\s*(429|5\d\d)\b/i.exec(message) ?? /\b(429|5\d\d) [A-Z][a-z]+/.exec(message);
    if (status)
        return `HTTP ${status[1]}`;
    for (const [code, re] of Object.entries(STATUS_PHRASES))
        if (re.test(message))
            return `HTTP ${code}`;
    if (/toomanyrequests/i.test(message))
        return 'HTTP 429';
    for (const re of DROPPED)
        if (re.test(message))
            return 'connection dropped';
    return undefined;
}
const DEFAULT_RETRY = { retries: 3, baseDelayMs: 1000, maxDelayMs: 30_000 };
/** The delay before retry number `attempt` (1-based): base·2^(attempt-1), capped, with ±20% jitter. */
function backoffDelay(policy, attempt, random = Math.random) {
    const raw = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs ?? 30_000);
    return Math.round(raw * (0.8 + 0.4 * random()));
}
/**
 * Runs fn until it succeeds, a failure is not transient, or the retries are spent; the last
 * failure is rethrown. `describe` turns a failure into the text of the warning (already scrubbed).
 */
async function withRetries(what, policy, log, fn, describe = (err) => (err instanceof Error ? err.message : String(err))) {
    const sleep = policy.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    for (let attempt = 0;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (err) {
            const reason = transientReason(err);
            if (!reason || attempt >= policy.retries)
                throw err;
            const delay = backoffDelay(policy, attempt + 1);
            log.warn(`${what} failed (${reason}: ${describe(err)}); retry ${attempt + 1}/${policy.retries} in ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(delay)}`);
            await sleep(delay);
        }
    }
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