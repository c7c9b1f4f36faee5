"use strict";
exports.id = 917;
exports.ids = [917];
exports.modules = {

/***/ 32917:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bk: () => (/* binding */ parseEndpoint),
/* harmony export */   connectHost: () => (/* binding */ connectHost),
/* harmony export */   i8: () => (/* binding */ connectHosts)
/* harmony export */ });
/* unused harmony exports DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, closeConnections, reasonOf */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var dockerode__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(39040);
/* harmony import */ var dockerode__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(dockerode__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83916);
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(26518);
/* harmony import */ var _util_pool__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(40704);
/* harmony import */ var _ssh__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(63317);
// Opens and verifies a Docker client for every host of a rollout (unix, tcp, TLS, SSH), in
// parallel, and reports every host that cannot be reached in one error before anything changes.









const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** unix:///var/run/docker.sock, tcp://host[:port] (2375, or 2376 with TLS), ssh://[user@]host[:port]. */
function parseEndpoint(docker, tls = false) {
    if (docker.startsWith('unix://')) {
        const path = docker.slice('unix://'.length);
        if (!path.startsWith('/'))
            throw new _errors__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz(`${docker}: a unix endpoint needs an absolute socket path, like unix:///var/run/docker.sock`);
        return { kind: 'unix', path };
    }
    let url;
    try {
        url = new URL(docker);
    }
    catch {
        throw new _errors__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz(`${docker}: is not a Docker endpoint like unix:///var/run/docker.sock, tcp://host:2375 or ssh://user@host`);
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!host)
        throw new _errors__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz(`${docker}: has no host`);
    if (url.protocol === 'tcp:')
        return { kind: 'tcp', host, port: url.port ? Number(url.port) : tls ? 2376 : 2375, tls };
    if (url.protocol === 'ssh:') {
        const user = decodeURIComponent(url.username) || process.env.USER || 'root';
        return { kind: 'ssh', host, port: url.port ? Number(url.port) : 22, user };
    }
    throw new _errors__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz(`${docker}: unsupported scheme ${url.protocol.replace(/:$/, '')}:// (expected unix://, tcp:// or ssh://)`);
}
/**
 * Connects to every host, at most `options.parallel` at once. Returns the connections by host
 * name, or throws one RunError naming every host that could not be reached and why (after
 * closing the connections that did open).
 */
async function connectHosts(hosts, options, log) {
    log.secret(options.sshKey);
    for (const h of hosts)
        log.secret(h.tls?.key);
    const settled = await (0,_util_pool__WEBPACK_IMPORTED_MODULE_7__/* .mapLimit */ .sf)(hosts, options.parallel, (host) => connectHost(host, options, log), options.signal);
    const connections = new Map();
    if (options.signal?.aborted) {
        closeConnections(settled.flatMap((r) => (r.ok ? [r.value] : [])));
        throw new _errors__WEBPACK_IMPORTED_MODULE_5__/* .RunError */ .e4('Connecting to the hosts was cancelled; nothing was changed');
    }
    const failures = [];
    settled.forEach((r, i) => {
        const host = hosts[i];
        if (r.ok)
            connections.set(host.name, r.value);
        else
            failures.push({ host: host.name, endpoint: host.docker, reason: reasonOf(r.error) });
    });
    if (failures.length > 0) {
        closeConnections(connections);
        const lines = failures.map((f) => `  - ${f.host} (${f.endpoint}): ${f.reason}`);
        const head = failures.length === 1
            ? `Could not connect to host ${failures[0].host}:`
            : `Could not connect to ${failures.length} of ${hosts.length} hosts:`;
        throw new _errors__WEBPACK_IMPORTED_MODULE_5__/* .RunError */ .e4([head, ...lines].join('\n'), { unreachable: failures });
    }
    return connections;
}
/** Closes every connection; safe to call twice. */
function closeConnections(connections) {
    const list = connections instanceof Map ? connections.values() : connections;
    for (const c of list) {
        try {
            c.close();
        }
        catch { /* closing is best effort */ }
    }
}
/** Opens one host's Docker client and checks that its engine answers (ping + version). */
async function connectHost(host, options, log) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    if (options.signal?.aborted)
        throw new _errors__WEBPACK_IMPORTED_MODULE_5__/* .RunError */ .e4(`${host.name}: not connected, the run was cancelled`);
    log.secret(host.tls?.key);
    log.secret(options.sshKey);
    const endpoint = parseEndpoint(host.docker, Boolean(host.tls));
    const transport = openTransport(host, endpoint, options, timeoutMs, log);
    const client = (timeout) => new (dockerode__WEBPACK_IMPORTED_MODULE_4___default())({ ...transport.modem, timeout });
    const docker = client(requestTimeoutMs);
    const untimed = client(undefined);
    const connection = {
        host,
        docker,
        untimed,
        engine: { version: '', apiVersion: '' },
        close: transport.close,
    };
    const started = Date.now();
    const signal = options.signal;
    let onAbort;
    try {
        const verify = (async () => {
            const v = await docker.version();
            connection.engine = { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
        })();
        const cancelled = new Promise((_, reject) => {
            onAbort = () => reject(new _errors__WEBPACK_IMPORTED_MODULE_5__/* .RunError */ .e4(`${host.name}: not connected, the run was cancelled`));
            signal?.addEventListener('abort', onAbort, { once: true });
        });
        verify.catch(() => undefined); // the timeout below may win; its later failure is not news
        cancelled.catch(() => undefined);
        await (0,_util_pool__WEBPACK_IMPORTED_MODULE_7__/* .withTimeout */ .wj)(Promise.race([verify, cancelled]), timeoutMs, `${host.name}: connect`);
    }
    catch (err) {
        transport.close();
        // Errors from Node's core may come from another realm (test runners): no instanceof here.
        const e = typeof err === 'object' && err !== null ? err : new Error(String(err));
        throw Object.assign(e, { endpoint, clientCertificate: Boolean(host.tls?.cert) });
    }
    finally {
        if (onAbort)
            signal?.removeEventListener('abort', onAbort);
    }
    log.debug(`${host.name}: Docker ${connection.engine.version} (API ${connection.engine.apiVersion}) via ${host.docker} in ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_6__/* .formatDuration */ .a)(Date.now() - started)}`);
    return connection;
}
function openTransport(host, endpoint, options, timeoutMs, log) {
    // Every modem option is set, even to undefined: docker-modem fills unset ones from DOCKER_HOST,
    // DOCKER_CERT_PATH and DOCKER_CLIENT_TIMEOUT, which would send a unix:// host to another engine.
    const base = {
        socketPath: undefined, host: undefined, port: undefined, protocol: undefined, username: undefined,
        ca: undefined, cert: undefined, key: undefined, pathPrefix: undefined, sshOptions: {},
    };
    switch (endpoint.kind) {
        case 'unix': {
            const agent = quiet(new node_http__WEBPACK_IMPORTED_MODULE_0__.Agent({ keepAlive: true }));
            return { modem: { ...base, socketPath: endpoint.path, protocol: 'http', agent }, close: () => agent.destroy() };
        }
        case 'tcp': {
            if (!host.tls) {
                const agent = quiet(new node_http__WEBPACK_IMPORTED_MODULE_0__.Agent({ keepAlive: true }));
                return { modem: { ...base, host: endpoint.host, port: endpoint.port, protocol: 'http', agent }, close: () => agent.destroy() };
            }
            const { ca, cert, key, verify } = host.tls;
            if (!verify) {
                log.warn(`TLS verification is OFF for ${host.name} (${host.docker}): its certificate is not checked, so anyone on the path can impersonate this engine`);
            }
            // Agent options win over request options in Node, so rejectUnauthorized must live here.
            // One secure context per host, not one per socket.
            const secureContext = node_tls__WEBPACK_IMPORTED_MODULE_2__.createSecureContext({ ca, cert, key });
            const agent = quiet(new node_https__WEBPACK_IMPORTED_MODULE_1__.Agent({ keepAlive: true, secureContext, rejectUnauthorized: verify }));
            return {
                modem: { ...base, host: endpoint.host, port: endpoint.port, protocol: 'https', agent },
                close: () => agent.destroy(),
            };
        }
        case 'ssh': {
            const check = options.sshHostKeyCheck !== false;
            if (check && !options.knownHosts) {
                // Checked later too, by the verifier; said here so the fix is obvious.
                log.debug(`${host.name}: no known_hosts given; the SSH host key cannot be verified`);
            }
            const transport = new _ssh__WEBPACK_IMPORTED_MODULE_8__/* .SshTransport */ .e(endpoint, {
                hostName: host.name,
                privateKey: options.sshKey,
                knownHosts: options.knownHosts,
                hostKeyCheck: check,
                connectTimeoutMs: timeoutMs,
                maxChannels: 8,
                log,
            });
            return {
                modem: { ...base, host: endpoint.host, port: endpoint.port, protocol: 'http', agent: quiet(transport.agent) },
                close: () => transport.close(),
            };
        }
    }
}
/** The reason a host could not be reached, in words a user can act on. */
function reasonOf(err) {
    const e = err;
    if (err instanceof _ssh__WEBPACK_IMPORTED_MODULE_8__/* .HostConnectError */ .b || err instanceof _errors__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz || err instanceof _errors__WEBPACK_IMPORTED_MODULE_5__/* .RunError */ .e4)
        return err.message;
    const endpoint = e?.endpoint;
    const where = !endpoint ? 'the engine'
        : endpoint.kind === 'unix' ? endpoint.path
            : `${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`;
    if (err instanceof _util_pool__WEBPACK_IMPORTED_MODULE_7__/* .TimeoutError */ .MU)
        return `no answer from ${where} within ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_6__/* .formatDuration */ .a)(err.ms)}`;
    const message = String(e?.message ?? err).replace(/\s+/g, ' ').trim();
    const code = e?.code ?? '';
    switch (code) {
        case 'ECONNREFUSED': return endpoint?.kind === 'unix' ? `no engine listens on ${where} (connection refused)` : `nothing listens on ${where}`;
        case 'ENOENT': return endpoint?.kind === 'unix' ? `no socket at ${where}` : message;
        case 'EACCES': return `permission denied on ${where}`;
        case 'ETIMEDOUT': return `no answer from ${where} (timed out)`;
        case 'EHOSTUNREACH': return `no answer from ${where} (host unreachable)`;
        case 'ENETUNREACH': return `no answer from ${where} (network unreachable)`;
        case 'ENOTFOUND':
        case 'EAI_AGAIN': return `cannot resolve ${endpoint && endpoint.kind !== 'unix' ? endpoint.host : where}`;
        case 'ECONNRESET': return `${where} closed the connection${endpoint?.kind === 'tcp' && endpoint.tls ? ' during TLS (does it require a client certificate?)' : ''}`;
        case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
        case 'UNABLE_TO_GET_ISSUER_CERT':
        case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
        case 'SELF_SIGNED_CERT_IN_CHAIN':
        case 'DEPTH_ZERO_SELF_SIGNED_CERT':
        case 'CERT_SIGNATURE_FAILURE':
            return `TLS: certificate signed by unknown authority (${where}; is tls.ca the CA that signed the engine's certificate?)`;
        case 'ERR_TLS_CERT_ALTNAME_INVALID': return `TLS: the engine's certificate is not valid for ${where}: ${e.reason ?? message}`;
        case 'CERT_HAS_EXPIRED': return `TLS: the engine's certificate has expired (${where})`;
        case 'CERT_NOT_YET_VALID': return `TLS: the engine's certificate is not valid yet (${where})`;
        case 'ERR_SSL_WRONG_VERSION_NUMBER': return `TLS: ${where} does not speak TLS (a plain tcp:// endpoint? remove its tls: section)`;
        case 'ERR_OSSL_X509_KEY_VALUES_MISMATCH': return 'TLS: tls.key is not the key of tls.cert';
        case 'ERR_OSSL_PEM_NO_START_LINE':
        case 'ERR_OSSL_PEM_BAD_BASE64_DECODE':
            return 'TLS: tls.ca, tls.cert or tls.key is not PEM text';
    }
    if (/wrong version number/i.test(message))
        return `TLS: ${where} does not speak TLS (a plain tcp:// endpoint? remove its tls: section)`;
    const alert = /alert (certificate required|bad certificate|certificate unknown|handshake failure|unknown ca)/i.exec(message);
    if (alert && e.clientCertificate === false)
        return `TLS: the engine at ${where} requires a client certificate (tls.cert and tls.key)`;
    if (/certificate required/i.test(message))
        return `TLS: the engine at ${where} requires a client certificate (tls.cert and tls.key)`;
    if (/alert unknown ca/i.test(message))
        return `TLS: the engine at ${where} rejected the client certificate (signed by a CA it does not trust)`;
    if (/alert bad certificate|alert certificate unknown/i.test(message))
        return `TLS: the engine at ${where} rejected the client certificate`;
    if (/HTTP request to an HTTPS server/i.test(message) || (e?.statusCode === 400 && /HTTPS/i.test(JSON.stringify(e.json ?? '')))) {
        return `${where} expects TLS: give the host a tls: section`;
    }
    if (/socket hang up/i.test(message))
        return `${where} closed the connection without an answer`;
    if (typeof e?.statusCode === 'number')
        return `the engine at ${where} answered ${e.statusCode}: ${e.json?.message ?? message}`;
    return message;
}
/** docker-modem formats every request's options with util.inspect (showHidden, depth: null) even when
 *  its debug output is off; an agent with its pooled sockets made that most of a request's CPU. */
function quiet(agent) {
    Object.defineProperty(agent, node_util__WEBPACK_IMPORTED_MODULE_3__.inspect.custom, { value: () => '[Agent]' });
    return agent;
}


/***/ }),

/***/ 26074:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   De: () => (/* binding */ knownKeysFor),
/* harmony export */   Hj: () => (/* binding */ verifyHostKey),
/* harmony export */   Qb: () => (/* binding */ hostKeyAlgorithms)
/* harmony export */ });
/* unused harmony exports fingerprint, keyTypeOf */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// SSH host key verification against OpenSSH known_hosts text, so that a deploy never talks to an impostor.

/**
 * The keys known_hosts holds for host:port. Plain, wildcard (`*`, `?`), negated (`!`) and hashed
 * (`|1|salt|hash`) host patterns are understood; port 22 is written bare, any other as `[host]:port`.
 * @cert-authority lines are skipped: aviary does not verify host certificates.
 */
function knownKeysFor(knownHosts, host, port) {
    const names = port === 22 ? [host, `[${host}]:22`] : [`[${host}]:${port}`];
    const keys = [];
    for (const raw of knownHosts.split(/\r?\n/)) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const fields = line.split(/\s+/);
        let marker = '';
        if (fields[0].startsWith('@'))
            marker = fields.shift();
        if (marker === '@cert-authority' || fields.length < 3)
            continue;
        const [patterns, type, blob] = fields;
        if (matchesHost(patterns, names))
            keys.push({ type, blob, revoked: marker === '@revoked' });
    }
    return keys;
}
function matchesHost(patterns, names) {
    let matched = false;
    for (const pattern of patterns.split(',')) {
        if (pattern.startsWith('|1|')) {
            if (names.some((n) => hashedMatches(pattern, n)))
                matched = true;
            continue;
        }
        const negated = pattern.startsWith('!');
        const glob = negated ? pattern.slice(1) : pattern;
        if (names.some((n) => globMatches(glob.toLowerCase(), n.toLowerCase()))) {
            if (negated)
                return false; // a negated match excludes the host whatever else matches
            matched = true;
        }
    }
    return matched;
}
function hashedMatches(pattern, name) {
    const [, , salt, hash] = pattern.split('|');
    if (!salt || !hash)
        return false;
    const digest = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return digest === hash;
}
function globMatches(glob, name) {
    if (!/[*?]/.test(glob))
        return glob === name;
    const re = new RegExp('^' + glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
    return re.test(name);
}
/** OpenSSH's fingerprint of a public key blob: `SHA256:` and unpadded base64 of its SHA-256. */
function fingerprint(blob) {
    return 'SHA256:' + (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(blob).digest('base64').replace(/=+$/, '');
}
/** The key type written at the start of an SSH wire-format public key (a length-prefixed string). */
function keyTypeOf(blob) {
    if (blob.length < 4)
        return 'unknown';
    const len = blob.readUInt32BE(0);
    if (len <= 0 || len > 64 || blob.length < 4 + len)
        return 'unknown';
    return blob.subarray(4, 4 + len).toString('latin1');
}
/** Decides whether the key a server offered is the one known_hosts holds for it. */
function verifyHostKey(offered, known, hostLabel) {
    const type = keyTypeOf(offered);
    const fp = fingerprint(offered);
    const b64 = offered.toString('base64');
    const same = (k) => k.blob === b64;
    if (known.some((k) => k.revoked && same(k))) {
        return { ok: false, type, fingerprint: fp, reason: `SSH host key of ${hostLabel} is marked @revoked in known_hosts (${type} ${fp})` };
    }
    const valid = known.filter((k) => !k.revoked);
    if (valid.some(same))
        return { ok: true, type, fingerprint: fp };
    if (valid.length === 0) {
        return { ok: false, type, fingerprint: fp, reason: `SSH host ${hostLabel} is not in known_hosts; it offered ${type} ${fp}` };
    }
    const expected = valid.map((k) => `${k.type} ${fingerprintOfBase64(k.blob)}`).join(', ');
    return {
        ok: false,
        type,
        fingerprint: fp,
        reason: `SSH host key of ${hostLabel} does not match known_hosts: it offered ${type} ${fp}, known_hosts has ${expected}`,
    };
}
function fingerprintOfBase64(blob) {
    try {
        return fingerprint(Buffer.from(blob, 'base64'));
    }
    catch {
        return 'an unreadable key';
    }
}
// ssh2 names host key algorithms, known_hosts names key types; RSA keys sign with several algorithms.
const ALGORITHMS_OF_TYPE = {
    'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};
const DEFAULT_HOST_KEY_ALGORITHMS = [
    'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa',
];
/**
 * Host key algorithms to offer, those of the known keys first (as OpenSSH does), so that a server
 * holding several keys presents the one known_hosts can verify rather than its own first choice.
 */
function hostKeyAlgorithms(known) {
    const first = [];
    for (const k of known) {
        if (k.revoked)
            continue;
        for (const alg of ALGORITHMS_OF_TYPE[k.type] ?? [k.type]) {
            if (DEFAULT_HOST_KEY_ALGORITHMS.includes(alg) && !first.includes(alg))
                first.push(alg);
        }
    }
    return [...first, ...DEFAULT_HOST_KEY_ALGORITHMS.filter((a) => !first.includes(a))];
}


/***/ }),

/***/ 63317:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ HostConnectError),
/* harmony export */   e: () => (/* binding */ SshTransport)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var ssh2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(85472);
/* harmony import */ var ssh2__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(ssh2__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _known_hosts__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(26074);
// Docker over SSH: one SSH session per host, one `docker system dial-stdio` channel per HTTP
// connection, kept alive between requests. docker-modem's own `protocol: 'ssh'` opens a new SSH
// session and a new dial-stdio process for every API call (~250 ms each here, against ~10 ms
// reusing a channel), cannot apply a request timeout to its channels, and prints Node's DEP0170
// URL warning for every non-default port.




/** A failure whose message is already the reason a user should read (no code to translate). */
class HostConnectError extends Error {
    kind;
    constructor(message, kind) {
        super(message);
        this.kind = kind;
        this.name = 'HostConnectError';
    }
}
/** One host's SSH session and the HTTP agent that tunnels the Docker API through it. */
class SshTransport {
    endpoint;
    options;
    agent;
    session;
    spare;
    socket;
    referenced = 0;
    closed = false;
    warnedUnchecked = false;
    constructor(endpoint, options) {
        this.endpoint = endpoint;
        this.options = options;
        const transport = this;
        class DialStdioAgent extends node_http__WEBPACK_IMPORTED_MODULE_0__.Agent {
            createConnection(_opts, callback) {
                transport.dial().then((channel) => callback(null, channel), (err) => callback(err, undefined));
                return undefined;
            }
        }
        this.agent = new DialStdioAgent({ keepAlive: true, maxSockets: options.maxChannels });
    }
    get label() {
        const { user, host, port } = this.endpoint;
        return `${user}@${host}${port === 22 ? '' : `:${port}`}`;
    }
    /** Closes the pooled channels and the SSH session; a later request would open a new one. */
    close() {
        this.closed = true;
        this.agent.destroy();
        const spare = this.spare;
        this.spare = undefined;
        spare?.then((d) => d.channel.destroy(), () => undefined);
        const session = this.session;
        this.session = undefined;
        session?.then((c) => c.end(), () => undefined);
        this.socket?.destroy();
    }
    /** A channel to the host's engine, shaped enough like a net.Socket for Node's HTTP client. */
    async dial() {
        if (this.closed)
            throw new Error(`the SSH connection to ${this.label} was closed`);
        this.referenced++; // a dial in progress holds the process like a request on a socket would
        try {
            const client = await this.connect();
            const spare = this.spare;
            this.spare = undefined;
            let dialed = spare ? await spare.catch(() => undefined) : undefined;
            if (!dialed || dialed.dead)
                dialed = await this.spawn(client);
            // One channel is kept in reserve: a hijacked request (exec, attach) uses its connection up,
            // and starting dial-stdio on the host costs far more than the request itself.
            if (!this.closed) {
                const next = this.spawn(client);
                next.catch(() => undefined);
                this.spare = next;
            }
            return this.asSocket(dialed);
        }
        finally {
            this.referenced--;
            this.updateRef();
        }
    }
    spawn(client) {
        return new Promise((resolve, reject) => {
            client.exec('docker system dial-stdio', (err, channel) => {
                if (err) {
                    reject(new HostConnectError(`SSH: ${this.label} refused to run "docker system dial-stdio": ${err.message}`, 'ssh-dial'));
                    return;
                }
                const dialed = { channel, dead: false, stderr: '' };
                // dial-stdio reports a failure (no docker CLI, no engine) on stderr and exits: surface that
                // instead of a bare "socket hang up".
                channel.stderr.on('data', (d) => { if (dialed.stderr.length < 2000)
                    dialed.stderr += d.toString('utf8'); });
                channel.once('exit', (code) => {
                    dialed.dead = true;
                    if (code && code !== 0) {
                        const detail = dialed.stderr.trim().split('\n').slice(-2).join(' ') || `exit code ${code}`;
                        dialed.onFailure?.(new HostConnectError(`docker system dial-stdio failed on ${this.label}: ${detail}`, 'ssh-dial'));
                    }
                });
                channel.once('close', () => { dialed.dead = true; });
                resolve(dialed);
            });
        });
    }
    /** The host's SSH session, verified as for the Docker API (for `maintain`'s commands over ssh2 exec). */
    execSession() {
        return this.connect();
    }
    connect() {
        if (!this.session) {
            const session = this.open();
            this.session = session;
            // A failed or lost session is forgotten, so that the next request tries again.
            session.then((c) => c.once('close', () => { if (this.session === session)
                this.session = undefined; }), () => {
                if (this.session === session)
                    this.session = undefined;
            });
        }
        return this.session;
    }
    async open() {
        const { host, port, user } = this.endpoint;
        const { options } = this;
        // The TCP connection is ours, so that its errors keep their codes (ECONNREFUSED…) and so that
        // an idle session does not keep the process alive.
        const socket = await new Promise((resolve, reject) => {
            const s = node_net__WEBPACK_IMPORTED_MODULE_1__.connect({ host, port });
            const timer = setTimeout(() => {
                s.destroy();
                reject(Object.assign(new Error(`connect ETIMEDOUT ${host}:${port}`), { code: 'ETIMEDOUT' }));
            }, options.connectTimeoutMs);
            s.once('connect', () => { clearTimeout(timer); resolve(s); });
            s.once('error', (err) => { clearTimeout(timer); reject(err); });
        });
        this.socket = socket;
        this.updateRef();
        const known = (0,_known_hosts__WEBPACK_IMPORTED_MODULE_3__/* .knownKeysFor */ .De)(options.knownHosts ?? '', host, port);
        let verdict;
        const config = {
            sock: socket,
            host,
            port,
            username: user,
            readyTimeout: options.connectTimeoutMs,
            algorithms: options.hostKeyCheck ? { serverHostKey: (0,_known_hosts__WEBPACK_IMPORTED_MODULE_3__/* .hostKeyAlgorithms */ .Qb)(known) } : undefined,
            hostVerifier: (key) => {
                verdict = (0,_known_hosts__WEBPACK_IMPORTED_MODULE_3__/* .verifyHostKey */ .Hj)(key, known, `${options.hostName} (${this.label})`);
                if (!options.hostKeyCheck) {
                    if (!this.warnedUnchecked) {
                        this.warnedUnchecked = true;
                        options.log.warn(`SSH host key checking is OFF for ${options.hostName} (${this.label}): accepted ${verdict.type} ${verdict.fingerprint} without verifying it`);
                    }
                    return true;
                }
                return verdict.ok;
            },
        };
        if (options.privateKey)
            config.privateKey = options.privateKey;
        else if (process.env.SSH_AUTH_SOCK)
            config.agent = process.env.SSH_AUTH_SOCK;
        const client = new ssh2__WEBPACK_IMPORTED_MODULE_2__.Client();
        return new Promise((resolve, reject) => {
            let ready = false;
            client.once('ready', () => { ready = true; resolve(client); });
            client.on('error', (err) => {
                if (ready) {
                    options.log.debug(`${options.hostName}: SSH session lost: ${err.message}`);
                    return;
                }
                socket.destroy();
                reject(this.explainSshError(err, verdict));
            });
            client.once('close', () => {
                socket.destroy();
                if (!ready)
                    reject(new HostConnectError(`SSH: ${this.label} closed the connection during the handshake`, 'ssh-handshake'));
            });
            try {
                client.connect(config);
            }
            catch (err) {
                // ssh2 throws synchronously for a key it cannot parse; its message never contains the key.
                socket.destroy();
                reject(new HostConnectError(`the SSH private key cannot be used: ${err.message}`, 'ssh-key'));
            }
        });
    }
    explainSshError(err, verdict) {
        if (verdict && !verdict.ok && /verification failed|Host denied/i.test(err.message)) {
            return new HostConnectError(verdict.reason, 'ssh-host-key');
        }
        if (err.level === 'client-authentication') {
            const how = this.options.privateKey ? 'the key given is not accepted' : 'no SSH key was given (ssh-key input or AVIARY_SSH_KEY) and no agent accepted';
            return new HostConnectError(`SSH authentication failed for ${this.label}: ${how}`, 'ssh-auth');
        }
        if (err.level === 'client-timeout') {
            return Object.assign(new Error(`no SSH handshake from ${this.label} within ${this.options.connectTimeoutMs}ms`), { code: 'ETIMEDOUT' });
        }
        if (err.code)
            return err;
        return new HostConnectError(`SSH: ${err.message}`, 'ssh-handshake');
    }
    // Node's HTTP client and agent call these socket methods; a channel lacks them.
    asSocket(dialed) {
        const { channel } = dialed;
        const ch = channel;
        let idleMs = 0;
        let timer;
        const arm = () => {
            if (timer)
                clearTimeout(timer);
            timer = undefined;
            if (idleMs > 0) {
                timer = setTimeout(() => ch.emit('timeout'), idleMs);
                timer.unref();
            }
        };
        const push = ch.push.bind(ch);
        ch.push = (chunk, encoding) => { if (timer)
            arm(); return push(chunk, encoding); };
        const write = ch.write.bind(ch);
        ch.write = (...args) => { if (timer)
            arm(); return write(...args); };
        ch.setTimeout = ((ms, cb) => {
            idleMs = ms;
            // As net.Socket does: 0 with a callback removes it (Node's HTTP client relies on that).
            if (cb) {
                if (ms === 0)
                    ch.removeListener('timeout', cb);
                else
                    ch.once('timeout', cb);
            }
            arm();
            return ch;
        });
        ch.setNoDelay = (() => ch);
        ch.setKeepAlive = (() => ch);
        let referenced = true;
        this.referenced++;
        this.updateRef();
        ch.ref = (() => { if (!referenced) {
            referenced = true;
            this.referenced++;
            this.updateRef();
        } return ch; });
        ch.unref = (() => { if (referenced) {
            referenced = false;
            this.referenced--;
            this.updateRef();
        } return ch; });
        dialed.onFailure = (err) => ch.destroy(err);
        channel.once('close', () => {
            if (timer)
                clearTimeout(timer);
            if (referenced) {
                referenced = false;
                this.referenced--;
                this.updateRef();
            }
        });
        return ch;
    }
    // The TCP socket keeps the process alive only while a channel is in use, so that a forgotten
    // close() never keeps a finished run from exiting.
    updateRef() {
        if (!this.socket)
            return;
        if (this.referenced > 0)
            this.socket.ref();
        else
            this.socket.unref();
    }
}


/***/ })

};
;