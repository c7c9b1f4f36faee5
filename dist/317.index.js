"use strict";
exports.id = 317;
exports.ids = [317];
exports.modules = {

/***/ 88273:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IB: () => (/* binding */ SOCKET_IDLE_MS),
/* harmony export */   ZG: () => (/* binding */ closeIdleSockets),
/* harmony export */   hN: () => (/* binding */ dropFreeSocket),
/* harmony export */   nI: () => (/* binding */ idleSockets)
/* harmony export */ });
/* unused harmony export IdleConnections */
const realTimers = {
    // Unref'd: an idle connection must never keep a finished run's process alive.
    set: (ms, fire) => setTimeout(fire, ms).unref(),
    clear: (handle) => clearTimeout(handle),
};
/**
 * How long a connection may stay idle before it is closed.
 *
 * A host's engine calls come back to back while it is worked on; the longest usual gap is the
 * health check's interval (1 s by default), during which the next call is one inspect away. 2 s
 * keeps a host's socket through its whole swap and costs at most one TCP (or resumed TLS)
 * handshake when the host is next touched (~0.6 ms of CPU here), also when the lock heartbeat
 * (every lock-timeout/5) writes to every locked host in turn. An SSH session is not closed so: it
 * costs a handshake and a `docker system dial-stdio` start to reopen (0.4–0.7 s, ~25 ms of CPU), and
 * a heartbeat round reopening every host's session would, on a large fleet, take longer than the
 * lock-timeout, after which another run could take a live run's lock for dead.
 * No idle time alone bounds a phase that touches every host in quick succession (connect, lock,
 * pre-pull), nor a short lock-timeout's beat (every 200 ms at least): in the scale simulation
 * (5,000 hosts, parallel 32) 200 ms still left 3,962 sockets open at once, 2 s all of them. The cap
 * below does: 96 (64 in flight + 32 idle).
 */
const SOCKET_IDLE_MS = 2_000;
/**
 * The idle connections of a process: each is closed after its idle time, and when more than
 * `maxIdle` are idle at once the one idle the longest is closed at once (it is the one least
 * likely to be used again soon: a host whose work is done). A connection in use is not tracked.
 */
class IdleConnections {
    maxIdle;
    timers;
    entries = new Map(); // in the order they became idle
    closedIdle = 0; // closed after their idle time
    closedOverCap = 0; // closed because too many were idle
    constructor(maxIdle, timers = realTimers) {
        this.maxIdle = maxIdle;
        this.timers = timers;
    }
    /** Lets at least `n` connections stay idle at once (a run with `parallel` n keeps n hosts in flight). */
    allow(n) {
        this.maxIdle = Math.max(this.maxIdle, n);
    }
    get idleCount() {
        return this.entries.size;
    }
    /** `connection` is idle from now: `close` runs after `ms` unless it is used before (`busy`). */
    idle(connection, ms, close) {
        this.busy(connection);
        const timer = this.timers.set(ms, () => {
            if (this.entries.get(connection)?.timer !== timer)
                return;
            this.entries.delete(connection);
            this.closedIdle++;
            close();
        });
        this.entries.set(connection, { timer, close });
        while (this.entries.size > this.maxIdle) {
            const [oldest, entry] = this.entries.entries().next().value;
            this.entries.delete(oldest);
            this.timers.clear(entry.timer);
            this.closedOverCap++;
            entry.close();
        }
    }
    /** `connection` is in use again, or gone: it is not closed for being idle. */
    busy(connection) {
        const entry = this.entries.get(connection);
        if (!entry)
            return;
        this.entries.delete(connection);
        this.timers.clear(entry.timer);
    }
}
/** The process's idle keep-alive sockets to host engines: one cap across all hosts, `parallel`. */
const idleSockets = new IdleConnections(8);
/**
 * Makes a keep-alive agent hand its free sockets to `idle`: a free socket is destroyed after `ms`
 * (or sooner, over the cap), and a request after that opens a new one as the first did.
 *
 * Not Node's agent option `timeout`: that one is also set on sockets in use and turns a silent
 * request (a pull, a wait, a log follow on the untimed client) into a 'timeout' event on the
 * request, which docker-modem answers by aborting it. Here a socket in use has no idle timer at
 * all, and the request's own timeout (docker-modem's `timeout`) is left as it was.
 */
function closeIdleSockets(agent, idle, ms) {
    const pooled = agent;
    const keep = pooled.keepSocketAlive.bind(agent);
    const reuse = agent.reuseSocket.bind(agent);
    const watched = new WeakSet();
    pooled.keepSocketAlive = (socket) => {
        if (!keep(socket))
            return false;
        if (!watched.has(socket)) {
            watched.add(socket);
            // Closed by the engine or by agent.destroy(): nothing left to close.
            socket.once('close', () => idle.busy(socket));
        }
        idle.idle(socket, ms, () => {
            dropFreeSocket(agent, socket);
            socket.destroy();
        });
        return true;
    };
    agent.reuseSocket = (socket, request) => {
        idle.busy(socket);
        reuse(socket, request);
    };
    return agent;
}
/** Takes a free socket out of its agent's pool at once (the agent would only on its 'close', a tick later). */
function dropFreeSocket(agent, socket) {
    for (const list of Object.values(agent.freeSockets)) {
        const i = list?.indexOf(socket) ?? -1;
        if (i >= 0)
            list.splice(i, 1);
    }
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
    const re = new RegExp('^' +
        glob
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.') +
        '$');
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
        return {
            ok: false,
            type,
            fingerprint: fp,
            reason: `SSH host key of ${hostLabel} is marked @revoked in known_hosts (${type} ${fp})`,
        };
    }
    const valid = known.filter((k) => !k.revoked);
    if (valid.some(same))
        return { ok: true, type, fingerprint: fp };
    if (valid.length === 0) {
        return {
            ok: false,
            type,
            fingerprint: fp,
            reason: `SSH host ${hostLabel} is not in known_hosts; it offered ${type} ${fp}`,
        };
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
    'ssh-ed25519',
    'ecdsa-sha2-nistp256',
    'ecdsa-sha2-nistp384',
    'ecdsa-sha2-nistp521',
    'rsa-sha2-512',
    'rsa-sha2-256',
    'ssh-rsa',
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
/* harmony import */ var _idle__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(88273);
/* harmony import */ var _known_hosts__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(26074);
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
        const dial = () => this.dial();
        class DialStdioAgent extends node_http__WEBPACK_IMPORTED_MODULE_0__.Agent {
            createConnection(_opts, callback) {
                dial().then((channel) => callback(null, channel), (err) => callback(err, undefined));
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
        this.dropSpare();
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
        this.updateRef();
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
                channel.stderr.on('data', (d) => {
                    if (dialed.stderr.length < 2000)
                        dialed.stderr += d.toString('utf8');
                });
                channel.once('exit', (code) => {
                    dialed.dead = true;
                    if (code && code !== 0) {
                        const detail = dialed.stderr.trim().split('\n').slice(-2).join(' ') || `exit code ${code}`;
                        dialed.onFailure?.(new HostConnectError(`docker system dial-stdio failed on ${this.label}: ${detail}`, 'ssh-dial'));
                    }
                });
                channel.once('close', () => {
                    dialed.dead = true;
                });
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
            // A failed or lost session is forgotten, so that the next request tries again; the channels
            // pooled on a lost one are dead (a request on one would wait out its whole timeout).
            session.then((c) => c.once('close', () => {
                if (this.session !== session)
                    return;
                this.session = undefined;
                this.dropChannels();
            }), () => {
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
            s.once('connect', () => {
                clearTimeout(timer);
                resolve(s);
            });
            s.once('error', (err) => {
                clearTimeout(timer);
                reject(err);
            });
        });
        this.socket = socket;
        this.updateRef();
        const known = (0,_known_hosts__WEBPACK_IMPORTED_MODULE_4__/* .knownKeysFor */ .De)(options.knownHosts ?? '', host, port);
        let verdict;
        const config = {
            sock: socket,
            host,
            port,
            username: user,
            readyTimeout: options.connectTimeoutMs,
            algorithms: options.hostKeyCheck ? { serverHostKey: (0,_known_hosts__WEBPACK_IMPORTED_MODULE_4__/* .hostKeyAlgorithms */ .Qb)(known) } : undefined,
            hostVerifier: (key) => {
                verdict = (0,_known_hosts__WEBPACK_IMPORTED_MODULE_4__/* .verifyHostKey */ .Hj)(key, known, `${options.hostName} (${this.label})`);
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
            client.once('ready', () => {
                ready = true;
                resolve(client);
            });
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
            const how = this.options.privateKey
                ? 'the key given is not accepted'
                : 'no SSH key was given (ssh-key input or AVIARY_SSH_KEY) and no agent accepted';
            return new HostConnectError(`SSH authentication failed for ${this.label}: ${how}`, 'ssh-auth');
        }
        if (err.level === 'client-timeout') {
            return Object.assign(new Error(`no SSH handshake from ${this.label} within ${this.options.connectTimeoutMs}ms`), {
                code: 'ETIMEDOUT',
            });
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
        ch.push = (chunk, encoding) => {
            if (timer)
                arm();
            return push(chunk, encoding);
        };
        const write = ch.write.bind(ch);
        ch.write = (...args) => {
            if (timer)
                arm();
            return write(...args);
        };
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
        ch.ref = (() => {
            if (!referenced) {
                referenced = true;
                this.referenced++;
                this.updateRef();
            }
            return ch;
        });
        ch.unref = (() => {
            if (referenced) {
                referenced = false;
                this.referenced--;
                this.updateRef();
            }
            return ch;
        });
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
    /** Destroys the channels pooled for reuse and the spare one: a new session makes its own. */
    dropChannels() {
        for (const list of Object.values(this.agent.freeSockets)) {
            for (const channel of [...(list ?? [])]) {
                (0,_idle__WEBPACK_IMPORTED_MODULE_3__/* .dropFreeSocket */ .hN)(this.agent, channel);
                channel.destroy();
            }
        }
        this.dropSpare();
    }
    /** Destroys the channel kept in reserve for the next request. */
    dropSpare() {
        const spare = this.spare;
        this.spare = undefined;
        spare?.then((d) => d.channel.destroy(), () => undefined);
    }
    // The TCP socket keeps the process alive only while a channel is in use, so that a forgotten
    // close() never keeps a finished run from exiting. The session itself stays open until close():
    // a run's lock heartbeat writes to every locked host every lock-timeout/5, and reopening an SSH
    // session costs a handshake (0.4-0.7 s, ~25 ms of CPU), which on a large fleet would slow the
    // heartbeat's round past the lock-timeout (src/hosts/idle.ts closes idle sockets only).
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