"use strict";
exports.id = 565;
exports.ids = [565,263,917];
exports.modules = {

/***/ 32917:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
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
/* harmony import */ var _endpoint__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(30562);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(83916);
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(26518);
/* harmony import */ var _util_pool__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(40704);
/* harmony import */ var _idle__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(88273);
/* harmony import */ var _ssh__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(63317);
// Opens and verifies a Docker client for every host of a rollout (unix, tcp, TLS, SSH), in
// parallel, and reports every host that cannot be reached in one error before anything changes.











const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/**
 * Connects to every host, at most `options.parallel` at once. Returns the connections by host
 * name, or throws one RunError naming every host that could not be reached and why (after
 * closing the connections that did open).
 */
async function connectHosts(hosts, options, log) {
    log.secret(options.sshKey);
    for (const h of hosts)
        log.secret(h.tls?.key);
    allowIdle(options.parallel);
    const settled = await (0,_util_pool__WEBPACK_IMPORTED_MODULE_8__/* .mapLimit */ .sf)(hosts, options.parallel, (host) => connectHost(host, options, log), options.signal);
    const connections = new Map();
    if (options.signal?.aborted) {
        closeConnections(settled.flatMap((r) => (r.ok ? [r.value] : [])));
        throw new _errors__WEBPACK_IMPORTED_MODULE_6__/* .RunError */ .e4('Connecting to the hosts was cancelled; nothing was changed');
    }
    const failures = [];
    settled.forEach((r, i) => {
        const host = hosts[i];
        if (r.ok)
            connections.set(host.name, r.value);
        else
            failures.push({ host: host.name, endpoint: (0,_endpoint__WEBPACK_IMPORTED_MODULE_5__/* .formatEndpoint */ .T0)(host.endpoint), reason: reasonOf(r.error) });
    });
    if (failures.length > 0) {
        closeConnections(connections);
        const lines = failures.map((f) => `  - ${f.host} (${f.endpoint}): ${f.reason}`);
        const head = failures.length === 1
            ? `Could not connect to host ${failures[0].host}:`
            : `Could not connect to ${failures.length} of ${hosts.length} hosts:`;
        throw new _errors__WEBPACK_IMPORTED_MODULE_6__/* .RunError */ .e4([head, ...lines].join('\n'), { unreachable: failures });
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
        catch {
            /* closing is best effort */
        }
    }
}
/** Opens one host's Docker client and checks that its engine answers (ping + version). */
async function connectHost(host, options, log) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    if (options.signal?.aborted)
        throw new _errors__WEBPACK_IMPORTED_MODULE_6__/* .RunError */ .e4(`${host.name}: not connected, the run was cancelled`);
    log.secret(host.tls?.key);
    log.secret(options.sshKey);
    allowIdle(options.parallel);
    const endpoint = host.endpoint;
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
            onAbort = () => reject(new _errors__WEBPACK_IMPORTED_MODULE_6__/* .RunError */ .e4(`${host.name}: not connected, the run was cancelled`));
            signal?.addEventListener('abort', onAbort, { once: true });
        });
        verify.catch(() => undefined); // the timeout below may win; its later failure is not news
        cancelled.catch(() => undefined);
        await (0,_util_pool__WEBPACK_IMPORTED_MODULE_8__/* .withTimeout */ .wj)(Promise.race([verify, cancelled]), timeoutMs, `${host.name}: connect`);
    }
    catch (err) {
        transport.close();
        // Errors from Node's core may come from another realm (test runners): no instanceof here.
        const e = typeof err === 'object' && err !== null ? err : new Error(String(err));
        throw Object.assign(e, { endpoint, tls: Boolean(host.tls), clientCertificate: Boolean(host.tls?.cert) });
    }
    finally {
        if (onAbort)
            signal?.removeEventListener('abort', onAbort);
    }
    log.debug(`${host.name}: Docker ${connection.engine.version} (API ${connection.engine.apiVersion}) via ${(0,_endpoint__WEBPACK_IMPORTED_MODULE_5__/* .formatEndpoint */ .T0)(endpoint)} in ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_7__/* .formatDuration */ .a)(Date.now() - started)}`);
    return connection;
}
/** A run with `parallel` n keeps n hosts in flight: that many idle connections may stay open (src/hosts/idle.ts). */
function allowIdle(parallel) {
    _idle__WEBPACK_IMPORTED_MODULE_9__/* .idleSockets */ .nI.allow(parallel);
}
function openTransport(host, endpoint, options, timeoutMs, log) {
    // Every modem option is set, even to undefined: docker-modem fills unset ones from DOCKER_HOST,
    // DOCKER_CERT_PATH and DOCKER_CLIENT_TIMEOUT, which would send a unix:// host to another engine.
    const base = {
        socketPath: undefined,
        host: undefined,
        port: undefined,
        protocol: undefined,
        username: undefined,
        ca: undefined,
        cert: undefined,
        key: undefined,
        pathPrefix: undefined,
        sshOptions: {},
    };
    // Free keep-alive sockets close when idle: a run keeps open about as many as it has hosts in flight.
    const pooled = (agent) => (0,_idle__WEBPACK_IMPORTED_MODULE_9__/* .closeIdleSockets */ .ZG)(quiet(agent), _idle__WEBPACK_IMPORTED_MODULE_9__/* .idleSockets */ .nI, _idle__WEBPACK_IMPORTED_MODULE_9__/* .SOCKET_IDLE_MS */ .IB);
    switch (endpoint.scheme) {
        case 'unix': {
            const agent = pooled(new node_http__WEBPACK_IMPORTED_MODULE_0__.Agent({ keepAlive: true }));
            return { modem: { ...base, socketPath: endpoint.path, protocol: 'http', agent }, close: () => agent.destroy() };
        }
        case 'tcp': {
            if (!host.tls) {
                const agent = pooled(new node_http__WEBPACK_IMPORTED_MODULE_0__.Agent({ keepAlive: true }));
                return {
                    modem: { ...base, host: endpoint.host, port: endpoint.port, protocol: 'http', agent },
                    close: () => agent.destroy(),
                };
            }
            const { ca, cert, key, verify } = host.tls;
            if (!verify) {
                log.warn(`TLS verification is OFF for ${host.name} (${(0,_endpoint__WEBPACK_IMPORTED_MODULE_5__/* .formatEndpoint */ .T0)(endpoint)}): its certificate is not checked, so anyone on the path can impersonate this engine`);
            }
            // Agent options win over request options in Node, so rejectUnauthorized must live here.
            // One secure context per host, not one per socket.
            const secureContext = node_tls__WEBPACK_IMPORTED_MODULE_2__.createSecureContext({ ca, cert, key });
            const agent = pooled(new node_https__WEBPACK_IMPORTED_MODULE_1__.Agent({ keepAlive: true, secureContext, rejectUnauthorized: verify }));
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
            const transport = new _ssh__WEBPACK_IMPORTED_MODULE_10__/* .SshTransport */ .e({ host: endpoint.host, port: endpoint.port ?? 22, user: endpoint.user }, {
                hostName: host.name,
                privateKey: options.sshKey,
                knownHosts: options.knownHosts,
                hostKeyCheck: check,
                connectTimeoutMs: timeoutMs,
                maxChannels: 8,
                log,
            });
            return {
                modem: {
                    ...base,
                    host: endpoint.host,
                    port: endpoint.port ?? 22,
                    protocol: 'http',
                    agent: quiet(transport.agent),
                },
                close: () => transport.close(),
            };
        }
    }
}
/** The reason a host could not be reached, in words a user can act on. */
function reasonOf(err) {
    const e = err;
    if (err instanceof _ssh__WEBPACK_IMPORTED_MODULE_10__/* .HostConnectError */ .b || err instanceof _errors__WEBPACK_IMPORTED_MODULE_6__/* .InputError */ .dz || err instanceof _errors__WEBPACK_IMPORTED_MODULE_6__/* .RunError */ .e4)
        return err.message;
    const endpoint = e?.endpoint;
    const where = !endpoint
        ? 'the engine'
        : endpoint.scheme === 'unix'
            ? endpoint.path
            : `${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port ?? 22}`;
    if (err instanceof _util_pool__WEBPACK_IMPORTED_MODULE_8__/* .TimeoutError */ .MU)
        return `no answer from ${where} within ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_7__/* .formatDuration */ .a)(err.ms)}`;
    const message = String(e?.message ?? err)
        .replace(/\s+/g, ' ')
        .trim();
    const code = e?.code ?? '';
    switch (code) {
        case 'ECONNREFUSED':
            return endpoint?.scheme === 'unix'
                ? `no engine listens on ${where} (connection refused)`
                : `nothing listens on ${where}`;
        case 'ENOENT':
            return endpoint?.scheme === 'unix' ? `no socket at ${where}` : message;
        case 'EACCES':
            return `permission denied on ${where}`;
        case 'ETIMEDOUT':
            return `no answer from ${where} (timed out)`;
        case 'EHOSTUNREACH':
            return `no answer from ${where} (host unreachable)`;
        case 'ENETUNREACH':
            return `no answer from ${where} (network unreachable)`;
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return `cannot resolve ${endpoint && endpoint.scheme !== 'unix' ? endpoint.host : where}`;
        case 'ECONNRESET':
            return `${where} closed the connection${endpoint?.scheme === 'tcp' && e.tls ? ' during TLS (does it require a client certificate?)' : ''}`;
        case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
        case 'UNABLE_TO_GET_ISSUER_CERT':
        case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
        case 'SELF_SIGNED_CERT_IN_CHAIN':
        case 'DEPTH_ZERO_SELF_SIGNED_CERT':
        case 'CERT_SIGNATURE_FAILURE':
            return `TLS: certificate signed by unknown authority (${where}; is tls.ca the CA that signed the engine's certificate?)`;
        case 'ERR_TLS_CERT_ALTNAME_INVALID':
            return `TLS: the engine's certificate is not valid for ${where}: ${e.reason ?? message}`;
        case 'CERT_HAS_EXPIRED':
            return `TLS: the engine's certificate has expired (${where})`;
        case 'CERT_NOT_YET_VALID':
            return `TLS: the engine's certificate is not valid yet (${where})`;
        case 'ERR_SSL_WRONG_VERSION_NUMBER':
            return `TLS: ${where} does not speak TLS (a plain tcp:// endpoint? remove its tls: section)`;
        case 'ERR_OSSL_X509_KEY_VALUES_MISMATCH':
            return 'TLS: tls.key is not the key of tls.cert';
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
    if (/HTTP request to an HTTPS server/i.test(message) ||
        (e?.statusCode === 400 && /HTTPS/i.test(JSON.stringify(e.json ?? '')))) {
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

/***/ 83263:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   openEach: () => (/* binding */ openEach),
/* harmony export */   openHosts: () => (/* binding */ openHosts)
/* harmony export */ });
/* harmony import */ var _connect__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(32917);
/* harmony import */ var _docker_host__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(18174);
/* harmony import */ var _util_pool__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(40704);



async function openHosts(hosts, options, log) {
    const connections = await (0,_connect__WEBPACK_IMPORTED_MODULE_0__/* .connectHosts */ .i8)(hosts, {
        parallel: options.parallel,
        sshKey: options.ssh.key,
        knownHosts: options.ssh.knownHosts,
        sshHostKeyCheck: options.ssh.hostKeyCheck,
        signal: options.signal,
    }, log);
    const opened = new Map();
    for (const [name, c] of connections) {
        log.debug(`${name}: Docker ${c.engine.version} (API ${c.engine.apiVersion})`);
        opened.set(name, new _docker_host__WEBPACK_IMPORTED_MODULE_1__/* .DockerHost */ .Lq(name, c.docker, c.untimed, undefined, () => c.close()));
    }
    return opened;
}
/** Opens each host on its own, going on past those that cannot be reached (for status and repairs). */
async function openEach(hosts, options, log) {
    const opened = new Map();
    const unreachable = new Map();
    const results = await (0,_util_pool__WEBPACK_IMPORTED_MODULE_2__/* .mapLimit */ .sf)(hosts, options.parallel, (h) => openHosts([h], { ...options, parallel: 1 }, log));
    results.forEach((r, i) => {
        if (r.ok)
            for (const [k, v] of r.value)
                opened.set(k, v);
        else
            unreachable.set(hosts[i].name, r.error.message);
    });
    return { hosts: opened, unreachable };
}


/***/ }),

/***/ 65565:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readStatus: () => (/* binding */ readStatus),
/* harmony export */   renderStatus: () => (/* binding */ renderStatus)
/* harmony export */ });
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(29880);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _hosts_engine__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39989);
/* harmony import */ var _hosts_open__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83263);
/* harmony import */ var _rollout_health_probe__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(31327);
/* harmony import */ var _rollout_lock__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(90678);
/* harmony import */ var _util_pool__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(40704);
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(26518);
// `aviary status`: per group and host, what runs (version, digest, since when, by which run), the
// previous versions kept for rollback, health now, and the deploy lock — read from the hosts alone.








async function readStatus(settings, log, env = process.env) {
    const config = (0,_deploy__WEBPACK_IMPORTED_MODULE_0__.prepare)({ ...settings, target: 'previous' }, log, env);
    await (await __webpack_require__.e(/* import() */ 631).then(__webpack_require__.bind(__webpack_require__, 64631))).resolveInventory(config, log, { env });
    const specs = config.groups.flatMap((g) => g.hosts.map((h) => ({ spec: h, group: g })));
    // Status shows what it can: every host is listed, the unreachable ones with the reason.
    const { hosts, unreachable } = await (0,_hosts_open__WEBPACK_IMPORTED_MODULE_3__.openEach)(specs.map((s) => s.spec), { parallel: config.strategy.parallel, ssh: settings.ssh }, log);
    for (const reason of unreachable.values())
        log.warn(reason);
    const probe = new _rollout_health_probe__WEBPACK_IMPORTED_MODULE_4__/* .RealHealthProbe */ .N(log);
    const results = await (0,_util_pool__WEBPACK_IMPORTED_MODULE_6__/* .mapLimit */ .sf)(specs, config.strategy.parallel, async ({ spec, group }) => {
        const host = hosts.get(spec.name);
        const status = {
            name: spec.name,
            group: group.name,
            reachable: !!host,
            previous: [],
            health: 'unknown',
        };
        if (!host)
            return { ...status, error: unreachable.get(spec.name) ?? 'not reachable' };
        try {
            const containers = await host.serviceContainers(config.service);
            const version = (c) => ({
                image: c.image,
                digest: c.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_2__/* .LABEL */ .d_.digest] || undefined,
                container: (0,_hosts_engine__WEBPACK_IMPORTED_MODULE_2__/* .short */ .h0)(c.id),
                since: c.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_2__/* .LABEL */ .d_.deployedAt] || c.created,
                deployedBy: c.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_2__/* .LABEL */ .d_.deployedBy] || undefined,
                deployment: c.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_2__/* .LABEL */ .d_.deployment] || undefined,
            });
            const current = containers.find((c) => c.name === config.service);
            if (current)
                status.current = { ...version(current), state: current.state };
            let next = current?.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_2__/* .LABEL */ .d_.previous];
            while (next && status.previous.length < 100) {
                const c = containers.find((x) => x.id === next);
                if (!c || status.previous.some((p) => p.container === (0,_hosts_engine__WEBPACK_IMPORTED_MODULE_2__/* .short */ .h0)(c.id)))
                    break;
                status.previous.push(version(c));
                next = c.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_2__/* .LABEL */ .d_.previous];
            }
            if (group.proxy)
                status.proxy = await proxyStatus(host, config.service, current?.id);
            const lock = await (0,_rollout_lock__WEBPACK_IMPORTED_MODULE_5__/* .readLock */ .mF)(host, config.service);
            if (lock)
                status.lock = { ...lock, stale: (0,_rollout_lock__WEBPACK_IMPORTED_MODULE_5__/* .staleness */ .TZ)(lock) };
            if (!current)
                status.health = 'no container';
            else if (!current.running)
                status.health = 'not running';
            else {
                const proxy = group.proxy
                    ? await (await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 35372))).HostProxy.find(host, config.service)
                    : undefined;
                const verdict = await probe.check(spec, host, current.id, quickCheck(group.health), undefined, proxy);
                status.health = verdict.healthy ? 'healthy' : 'unhealthy';
                if (!verdict.healthy)
                    status.healthDetail = verdict.reason;
            }
        }
        catch (err) {
            status.error = (0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(err);
        }
        return status;
    });
    for (const h of hosts.values())
        h.close();
    return {
        service: config.service,
        hosts: results.map((r) => r.ok
            ? r.value
            : { name: '?', group: '?', reachable: false, previous: [], health: 'unknown', error: (0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(r.error) }),
    };
}
/** Which container the service's proxy serves on a host, as its switching proxy's configuration says. */
async function proxyStatus(host, service, currentId) {
    const { HostProxy, proxyContainers, PROXY_LABEL } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 35372));
    const { edge, proxies } = await proxyContainers(host, service);
    const running = proxies.filter((c) => c.running);
    const found = await HostProxy.find(host, service);
    const { serving, canary } = found ? await found.route() : {};
    return {
        image: running[0]?.image ?? proxies[0]?.image ?? 'none',
        port: edge?.labels[PROXY_LABEL.port],
        serving,
        servesCurrent: !!currentId && serving === (0,_hosts_engine__WEBPACK_IMPORTED_MODULE_2__/* .short */ .h0)(currentId),
        running: running.length,
        ...(canary ? { canary: { container: canary.id, weight: canary.weight } } : {}),
    };
}
/** One look, not a wait: a single round of the group's checks, short deadline. */
function quickCheck(health) {
    return {
        ...health,
        startPeriodMs: 0,
        healthyThreshold: 1,
        unhealthyThreshold: 1,
        deadlineMs: Math.min(health.deadlineMs, 5000),
    };
}
/** The status as a plain-text table per group, for the log and the CLI. */
function renderStatus(status) {
    const lines = [`${status.service}:`];
    for (const group of [...new Set(status.hosts.map((h) => h.group))]) {
        lines.push(`  group ${group}`);
        for (const h of status.hosts.filter((x) => x.group === group)) {
            const c = h.current;
            const head = c
                ? `${c.image} (${c.digest ? c.digest.slice(0, 19) : c.container}), ${c.state}, since ${c.since}${c.deployedBy ? ` by ${c.deployedBy}` : ''}`
                : 'runs nothing';
            lines.push(`    ${h.name}: ${h.error ? `error: ${h.error}` : `${head} — ${h.health}${h.healthDetail ? ` (${h.healthDetail})` : ''}`}`);
            if (h.previous.length)
                lines.push(`      previous: ${h.previous.map((p) => p.image).join(' ← ')}`);
            if (h.proxy) {
                const serves = h.proxy.serving
                    ? `${h.proxy.serving}${h.proxy.servesCurrent ? ` (${status.service})` : ' — NOT the container named ' + status.service}`
                    : 'nothing';
                lines.push(`      proxy: ${h.proxy.image} on port ${h.proxy.port ?? '?'}, serves ${serves}${h.proxy.canary ? `, and ${h.proxy.canary.weight}% of requests to the canary ${h.proxy.canary.container}` : ''}${h.proxy.running === 1 ? '' : ` (${h.proxy.running} proxies running)`}`);
            }
            if (h.lock)
                lines.push(`      locked by ${h.lock.owner} (deployment ${h.lock.deployment}, last heartbeat ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_7__/* .formatDuration */ .a)(h.lock.ageMs)} ago)${h.lock.stale ? ` — stale: ${h.lock.stale}` : ''}`);
        }
    }
    return lines.join('\n');
}


/***/ })

};
;