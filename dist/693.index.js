"use strict";
exports.id = 693;
exports.ids = [693];
exports.modules = {

/***/ 39989:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c2: () => (/* binding */ statusOf),
/* harmony export */   d_: () => (/* binding */ LABEL),
/* harmony export */   fK: () => (/* binding */ ConflictError),
/* harmony export */   h0: () => (/* binding */ short)
/* harmony export */ });
/** The labels that are the rollout's records on a host (container labels cannot change once set). */
const LABEL = {
    service: 'aviary.service',
    deployment: 'aviary.deployment',
    image: 'aviary.image',
    digest: 'aviary.digest',
    previous: 'aviary.previous',
    previousImage: 'aviary.previous-image',
    deployedBy: 'aviary.deployed-by',
    deployedAt: 'aviary.deployed-at',
};
/** The engine refused a name that is taken: the loser of a race for a record or a rename. */
class ConflictError extends Error {
    statusCode = 409;
    constructor(message) {
        super(message);
        this.name = 'ConflictError';
    }
}
function statusOf(err) {
    return err?.statusCode;
}
/** A 64-hex id as its first 12 characters; a name stays as it is. */
function short(id) {
    const hex = id.replace(/^sha256:/, '');
    return /^[0-9a-f]{64}$/.test(hex) ? hex.slice(0, 12) : id;
}


/***/ }),

/***/ 35372:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HostProxy: () => (/* binding */ HostProxy),
  PROXY_LABEL: () => (/* binding */ PROXY_LABEL),
  edgeName: () => (/* binding */ edgeName),
  ensureProxy: () => (/* binding */ ensureProxy),
  proxyContainers: () => (/* binding */ proxyContainers)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/hosts/engine.ts
var engine = __webpack_require__(39989);
// EXTERNAL MODULE: ./src/util/pool.ts
var pool = __webpack_require__(40704);
;// CONCATENATED MODULE: ./src/proxy/caddyfile.ts
// The proxy's whole configuration, as the Caddyfile aviary writes into each proxy container, and
// the one fact read back from it: which container the proxy serves.

const CADDYFILE = '/etc/caddy/Caddyfile';
/** The admin endpoint on a unix socket inside each proxy container: two of them share a network namespace during an upgrade. */
const ADMIN = 'unix//run/caddy-admin.sock';
/** The port the edge listens on inside the shared network namespace; it is the one published. */
const EDGE_PORT = 80;
/** The port the switching proxies listen on, on the namespace's loopback only, behind the edge. */
const SWITCH_PORT = 81;
/**
 * The edge's Caddyfile, written once when it is made and never reloaded: clients' keep-alive
 * connections end on the edge, which a reload would close (an idle one closed under a client's
 * next request is an error to wrk and to many clients). A request that meets a switching proxy
 * mid-reload or mid-upgrade (an idle upstream connection closed, a listener going away) is retried
 * by the edge: Go's transport retries on a closed idle connection, and lb_try_duration a failed dial.
 */
function edgeCaddyfile() {
    return `# written by aviary (docs/proxy.md): the edge owns the published port and is never reloaded\n{\n\tadmin off\n\tauto_https off\n\tgrace_period 30s\n}\n:${EDGE_PORT} {\n\treverse_proxy 127.0.0.1:${SWITCH_PORT} {\n\t\tlb_try_duration 10s\n\t\tlb_try_interval 50ms\n\t}\n}\n`;
}
/**
 * A switching proxy's Caddyfile: it sends every request from the edge to `target` (a container's id, resolved by Docker's DNS
 * on the proxy's network), or answers 503 when the host runs no version yet. A dial error is
 * retried for a while (lb_try_duration) instead of failing the request; on a reload, the old
 * configuration's requests finish within the grace period while new ones take the new route.
 * With a `canary`, the upstreams list the target and the canary in the ratio of their shares
 * (10 %: nine of one, one of the other), taken in turn (Caddy 2.6 has no weights of its own); a
 * request that cannot reach one is retried on the next.
 */
function caddyfile(target, appPort, canary) {
    let site = '\trespond "no version of this service runs here yet" 503\n';
    if (target) {
        const upstreams = (canary ? inRatio(target, canary) : [(0,engine/* short */.h0)(target)]).map((u) => `${u}:${appPort}`);
        const note = canary ? `\t# canary ${(0,engine/* short */.h0)(canary.id)} ${canary.weight}%\n` : '';
        const policy = canary ? '\t\tlb_policy round_robin\n' : '';
        site = `${note}\treverse_proxy ${upstreams.join(' ')} {\n${policy}\t\tlb_try_duration 5s\n\t\tlb_try_interval 100ms\n\t}\n`;
    }
    return `# written by aviary (docs/proxy.md): every switch rewrites it and reloads the proxy\n{\n\tadmin ${ADMIN}\n\tauto_https off\n\tgrace_period 30s\n}\n:${SWITCH_PORT} {\n\tbind 127.0.0.1\n${site}}\n`;
}
/** The target and the canary, each listed as often as its share asks (25 %: three of one, one of the other). */
function inRatio(target, canary) {
    const gcd = (a, b) => (b ? gcd(b, a % b) : a);
    const g = gcd(canary.weight, 100 - canary.weight);
    return [
        ...Array((100 - canary.weight) / g).fill((0,engine/* short */.h0)(target)),
        ...Array(canary.weight / g).fill((0,engine/* short */.h0)(canary.id)),
    ];
}
/** The container (12 hex digits of its id) a Caddyfile of ours sends requests to; undefined for none. */
function servedBy(text) {
    return /^\s*reverse_proxy\s+([0-9a-f]{12}):\d+/m.exec(text)?.[1];
}
/** The canary a Caddyfile of ours shares requests with (12 hex digits of its id), and its share. */
function canaryOf(text) {
    const m = /^\s*# canary ([0-9a-f]{12}) (\d+)%$/m.exec(text);
    return m ? { id: m[1], weight: Number(m[2]) } : undefined;
}

;// CONCATENATED MODULE: ./src/proxy/proxy.ts
// The proxy of one service on one host, through the HostEngine alone (no shell on the host): the
// edge, a Caddy that owns the published port and the network namespace and is never reloaded, and
// the switching Caddy container(s) that share that namespace behind it. Installing, reconfiguring
// and upgrading are gapless: a new switching Caddy starts beside the old one on the same port
// (SO_REUSEPORT), configured before it starts, and the old one stops only once the new one
// answers. Which container the proxy serves is rewritten by every switch: see switch.ts.





/** The labels that say what a proxy container is; with the Caddyfile inside, they are the proxy's records. */
const PROXY_LABEL = {
    service: 'aviary.proxy.service',
    role: 'aviary.proxy.role', // "edge" (it holds the port) or "proxy" (a switching Caddy)
    port: 'aviary.proxy.port', // the published port
    network: 'aviary.proxy.network',
    appPort: 'aviary.proxy.app-port',
    drainMs: 'aviary.proxy.drain-ms',
};
const EXEC_MS = 10_000;
const READY_MS = 30_000;
/** Caddy's own grace for in-flight requests is 30s (caddyfile.ts); the engine's stop waits a little longer. */
const PROXY_STOP_MS = 35_000;
function edgeName(service) {
    return `${service}.proxy-edge`;
}
function proxyName(service) {
    return `${service}.proxy-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
}
async function proxyContainers(host, service) {
    const all = await host.containersByLabel(PROXY_LABEL.service, service);
    return {
        edge: all.find((c) => c.labels[PROXY_LABEL.role] === 'edge'),
        proxies: all.filter((c) => c.labels[PROXY_LABEL.role] === 'proxy'),
    };
}
/** The running proxy of a service on a host: what a switch points, waits on and health-checks through. */
class HostProxy {
    host;
    service;
    appPort;
    drainMs;
    proxies;
    sleep;
    constructor(host, service, appPort, drainMs, 
    /** Every running Caddy of the service (two only while an upgrade was cut short). */
    proxies, sleep = pool/* sleep */.yy) {
        this.host = host;
        this.service = service;
        this.appPort = appPort;
        this.drainMs = drainMs;
        this.proxies = proxies;
        this.sleep = sleep;
    }
    /** The service's proxy on the host, from its containers' labels; undefined when none runs there. */
    static async find(host, service, sleep) {
        const { proxies } = await proxyContainers(host, service);
        const running = proxies.filter((c) => c.running);
        if (!running.length)
            return undefined;
        const labels = running[0].labels;
        return new HostProxy(host, service, Number(labels[PROXY_LABEL.appPort]), Number(labels[PROXY_LABEL.drainMs] ?? 0), running, sleep);
    }
    /** The Caddy that health checks run in (it reaches the app's containers by their id). */
    get probeContainer() {
        return this.proxies[0].id;
    }
    /**
     * Points every running proxy at a container (or at none: 503) and reloads it: new requests go
     * there at once. With a `canary`, the canary gets its share of them (a traffic-weighted canary).
     */
    async point(target, canary) {
        const text = caddyfile(target, this.appPort, canary);
        for (const p of this.proxies) {
            await this.host.putFile(p.id, CADDYFILE, text);
            await reload(this.host, p.id);
        }
    }
    /** The container the proxy serves now (12 hex digits), as its Caddyfile says. */
    async serving() {
        return (await this.route()).serving;
    }
    /** The container the proxy serves now and the canary it shares requests with, as its Caddyfile says. */
    async route() {
        const r = await this.host.execIn(this.probeContainer, ['cat', CADDYFILE], EXEC_MS);
        return r.exitCode === 0 ? { serving: servedBy(r.output), canary: canaryOf(r.output) } : {};
    }
    /** Whether the container accepts connections on the app's port, as seen from the proxy; polled until `deadlineMs`. */
    async ready(id, deadlineMs = READY_MS) {
        const end = Date.now() + deadlineMs;
        for (let wait = 25;; wait = Math.min(wait * 2, 500)) {
            // A refused connection is retried; an engine that cannot run the probe at all fails the step.
            const r = await this.host.execIn(this.probeContainer, ['nc', '-w', '1', (0,engine/* short */.h0)(id), String(this.appPort)], EXEC_MS);
            if (r.exitCode === 0)
                return true;
            if (Date.now() >= end)
                return false;
            await this.sleep(wait);
        }
    }
    /** Lets the requests that the old route took finish before its container stops. */
    async drain() {
        if (this.drainMs > 0)
            await this.sleep(this.drainMs);
    }
}
async function reload(host, id) {
    const r = await host.execIn(id, ['caddy', 'reload', '--config', CADDYFILE, '--adapter', 'caddyfile', '--address', ADMIN], EXEC_MS);
    if (r.exitCode !== 0)
        throw new errors/* RunError */.e4(`${host.name}: the proxy ${(0,engine/* short */.h0)(id)} refused its new configuration (caddy reload exited ${r.exitCode}): ${lastLine(r.output)}`);
}
function lastLine(text) {
    return text.trim().split('\n').pop()?.slice(0, 300) ?? '';
}
function baseSpec(over) {
    return {
        ports: [],
        env: {},
        secretEnv: {},
        volumes: [],
        restart: 'unless-stopped',
        stopTimeoutMs: PROXY_STOP_MS,
        labels: {},
        ...over,
    };
}
/**
 * Makes the host's proxy what `spec` says, serving `current` (the container named after the
 * service), without losing a request: installs it on a host without one, upgrades it when its
 * image or settings changed (new Caddy beside the old one, then the old one stops gracefully),
 * removes what an upgrade cut short left, and points it at `current`. Returns what it changed.
 */
async function ensureProxy(host, service, spec, current, options = {}) {
    const changes = [];
    const sleep = options.sleep ?? pool/* sleep */.yy;
    await host.ensureNetwork(spec.network, { [PROXY_LABEL.service]: service });
    const found = await proxyContainers(host, service);
    if (!(await host.imageDigest(spec.image)))
        await host.pull(spec.image, options.registryAuth);
    let edge = found.edge;
    if (edge &&
        (edge.labels[PROXY_LABEL.port] !== String(spec.port) || edge.labels[PROXY_LABEL.network] !== spec.network)) {
        throw new errors/* RunError */.e4(`${host.name}: the proxy of ${service} publishes port ${edge.labels[PROXY_LABEL.port]} on network ${edge.labels[PROXY_LABEL.network]}, the config says ${spec.port} on ${spec.network}: moving the published port cannot be gapless; remove ${edgeName(service)} and the ${service}.proxy-* containers to let aviary make them again (see docs/proxy.md)`);
    }
    let restartProxies = false;
    if (!edge) {
        const labels = {
            [PROXY_LABEL.service]: service,
            [PROXY_LABEL.role]: 'edge',
            [PROXY_LABEL.port]: String(spec.port),
            [PROXY_LABEL.network]: spec.network,
        };
        const id = await host.create(edgeName(service), spec.image, baseSpec({ ports: [`${spec.port}:${EDGE_PORT}`], network: spec.network }), labels);
        await host.putFile(id, CADDYFILE, edgeCaddyfile());
        try {
            await host.start(id);
        }
        catch (err) {
            await host.remove(id);
            const message = err.message ?? String(err);
            if (!/already allocated|address already in use/i.test(message))
                throw err;
            throw new errors/* RunError */.e4(`${host.name}: port ${spec.port} is published by another container (the service's own, from stop-and-start mode?), so the proxy cannot take it: see "Turning proxy mode on" in docs/proxy.md (${message})`);
        }
        edge = {
            id,
            name: edgeName(service),
            image: spec.image,
            imageId: '',
            running: true,
            state: 'running',
            created: new Date().toISOString(),
            labels,
        };
        changes.push(`published port ${spec.port} (${edgeName(service)})`);
    }
    else if (!edge.running) {
        // The switching proxies joined the edge's network namespace, which died with it: they start again in the new one.
        await host.start(edge.id);
        restartProxies = true;
        changes.push(`started ${edgeName(service)} again`);
    }
    const wanted = (c) => c.running &&
        c.image === spec.image &&
        c.labels[PROXY_LABEL.appPort] === String(spec.appPort) &&
        c.labels[PROXY_LABEL.drainMs] === String(spec.drainMs) &&
        !restartProxies;
    let keep = found.proxies.find(wanted);
    // An edge the engine restarted on its own has a new network namespace; a switching proxy left in
    // the old one no longer reaches it (nor the edge it): it is replaced like an outdated one.
    if (keep && (await host.execIn(keep.id, ['nc', '-w', '1', '127.0.0.1', String(EDGE_PORT)], EXEC_MS)).exitCode !== 0) {
        changes.push(`the proxy ${(0,engine/* short */.h0)(keep.id)} had lost the edge's network (the edge restarted)`);
        keep = undefined;
    }
    const route = current?.id;
    if (!keep) {
        // Configured before it starts, so it serves the right container from its first request.
        const labels = {
            [PROXY_LABEL.service]: service,
            [PROXY_LABEL.role]: 'proxy',
            [PROXY_LABEL.appPort]: String(spec.appPort),
            [PROXY_LABEL.drainMs]: String(spec.drainMs),
        };
        const name = proxyName(service);
        const id = await host.create(name, spec.image, baseSpec({ network: `container:${edge.id}` }), labels);
        await host.putFile(id, CADDYFILE, caddyfile(route, spec.appPort));
        await host.start(id);
        await waitAnswering(host, id, sleep);
        keep = {
            id,
            name,
            image: spec.image,
            imageId: '',
            running: true,
            state: 'running',
            created: new Date().toISOString(),
            labels,
        };
        const old = found.proxies.filter((c) => c.running);
        changes.push(old.length
            ? `upgraded the proxy to ${spec.image} (${old.map((c) => c.image).join(', ')} before)`
            : `installed the proxy ${spec.image}`);
    }
    // The others stop gracefully (Caddy finishes their in-flight requests) once the kept one answers.
    for (const c of found.proxies) {
        if (c.id === keep.id)
            continue;
        if (c.running)
            await host.stop(c.id, PROXY_STOP_MS);
        await host.remove(c.id);
    }
    const proxy = new HostProxy(host, service, spec.appPort, spec.drainMs, [keep], sleep);
    // Reloaded even when its file already names the route: a run cut between the write and the
    // reload left the file ahead of what the proxy serves (Caddy skips a reload that changes nothing).
    const serving = await proxy.serving();
    await proxy.point(route);
    if (serving !== (route && (0,engine/* short */.h0)(route)))
        changes.push(`pointed the proxy at ${route ? `${current.name} (${(0,engine/* short */.h0)(route)})` : 'nothing'}`);
    return { proxy, changes };
}
/** A new Caddy answers once its admin endpoint takes a configuration: a reload of the one it started with. */
async function waitAnswering(host, id, sleep) {
    const end = Date.now() + READY_MS;
    for (let wait = 25;; wait = Math.min(wait * 2, 500)) {
        const r = await host.execIn(id, ['caddy', 'reload', '--config', CADDYFILE, '--adapter', 'caddyfile', '--address', ADMIN], EXEC_MS);
        if (r.exitCode === 0)
            return;
        const now = await host.container(id);
        if (!now?.running)
            throw new errors/* RunError */.e4(`${host.name}: the new proxy ${(0,engine/* short */.h0)(id)} (${now?.state ?? 'gone'}) did not start: ${lastLine(r.output)}`);
        if (Date.now() >= end)
            throw new errors/* RunError */.e4(`${host.name}: the new proxy ${(0,engine/* short */.h0)(id)} did not answer within ${READY_MS / 1000}s: ${lastLine(r.output)}`);
        await sleep(wait);
    }
}


/***/ }),

/***/ 90678:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fc: () => (/* binding */ DeployLock),
/* harmony export */   Hf: () => (/* binding */ currentOwner),
/* harmony export */   TZ: () => (/* binding */ staleness),
/* harmony export */   mF: () => (/* binding */ readLock),
/* harmony export */   sG: () => (/* binding */ describeHolder)
/* harmony export */ });
/* unused harmony exports LockBusyError, readRecords */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _hosts_engine__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(39989);
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(26518);
/* harmony import */ var _util_pool__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(40704);
/* harmony import */ var _records__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(53299);
// The deploy lock: one rollout of a service at a time. It is a record container under a fixed name
// on every host of the run (the engine's unique names make taking it atomic), kept alive by
// heartbeat records while its run works, and taken over only once that heartbeat has stopped: by
// renaming it to a name derived from its id, which exactly one of any number of takers can do.








/** Who is running this: the GitHub run URL when there is one, else user@machine. */
function currentOwner(deployment, env = process.env) {
    const runUrl = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
        ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined;
    let user = env.USER ?? 'unknown';
    try {
        user = node_os__WEBPACK_IMPORTED_MODULE_1__.userInfo().username;
    }
    catch {
        /* no passwd entry */
    }
    return { owner: runUrl ?? `${user}@${node_os__WEBPACK_IMPORTED_MODULE_1__.hostname()}`, deployment, ...thisProcess() };
}
function thisProcess() {
    return { machine: node_os__WEBPACK_IMPORTED_MODULE_1__.hostname(), boot: bootId(), pid: process.pid, process: processStart(process.pid) ?? '' };
}
function bootId() {
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    }
    catch {
        return '';
    }
}
/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined when there is none. */
function processStart(pid) {
    try {
        const stat = node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    }
    catch {
        return undefined;
    }
}
/** Why a held lock may be taken over, or undefined while its run may still be working. */
function staleness(info, self = thisProcess()) {
    // On the same machine the holder's process says for sure, and at once.
    if (info.boot &&
        info.boot === self.boot &&
        info.machine === self.machine &&
        info.pid > 0 &&
        !(info.pid === self.pid && info.process === self.process)) {
        const start = processStart(info.pid);
        if (start === undefined || (info.process && start !== info.process))
            return `its process ${info.pid} on ${info.machine} is gone`;
    }
    if (info.ageMs > info.timeoutMs)
        return `its heartbeat stopped ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a)(info.ageMs)} ago (lock-timeout ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a)(info.timeoutMs)})`;
    return undefined;
}
function describeHolder(info) {
    return `${info.owner} (deployment ${info.deployment}, since ${info.acquiredAt}, last heartbeat ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a)(info.ageMs)} ago, on host ${info.host})`;
}
/** Another run holds the lock and is alive. */
class LockBusyError extends _errors__WEBPACK_IMPORTED_MODULE_2__/* .RunError */ .e4 {
    holder;
    constructor(holder, service) {
        super(`${service} is being deployed by ${describeHolder(holder)}; wait for it (lock-wait), or use force-unlock if that run is gone`);
        this.holder = holder;
    }
}
/** The lock held on a host, if any, with its age by the engine's clock. */
async function readLock(host, service) {
    return (await readRecords(host, service)).lock;
}
async function readRecords(host, service) {
    const all = await host.records(_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.service, service);
    const lock = all.find((r) => r.name === (0,_records__WEBPACK_IMPORTED_MODULE_6__/* .lockName */ .l4)(service));
    if (!lock) {
        // A lock left by aviary before its heartbeat (labels aviary.lock.*): it lives until it expires.
        // (A lock of today's kind found here was taken just now, after the list: the caller looks again.)
        const legacy = await host.container((0,_records__WEBPACK_IMPORTED_MODULE_6__/* .lockName */ .l4)(service));
        return legacy && !legacy.labels[_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.service]
            ? { all, lock: legacyLock(host, legacy, await host.clock()) }
            : { all };
    }
    const beats = all.filter((r) => r.labels[_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.kind] === 'beat' && r.labels[_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.deployment] === lock.labels[_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.deployment]);
    const last = Math.max(lock.createdMs, ...beats.map((b) => b.createdMs));
    // Who holds it now: the writer of the newest heartbeat (a post step that took its run's lock back
    // is another process than the one that created it), else the lock's creator.
    const newest = beats.reduce((a, b) => (!a || b.createdMs >= a.createdMs ? b : a), undefined);
    const l = {
        ...lock.labels,
        ...pick(newest?.labels ?? {}, [_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.machine, _records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.boot, _records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.pid, _records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.process]),
    };
    const now = await host.clock();
    return {
        all,
        lock: {
            host: host.name,
            id: lock.id,
            owner: l[_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.owner] ?? 'unknown',
            deployment: l[_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.deployment] ?? 'unknown',
            machine: l[_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.machine] ?? '',
            boot: l[_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.boot] ?? '',
            pid: Number(l[_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.pid] ?? 0),
            process: l[_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.process] ?? '',
            acquiredAt: l[_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.acquiredAt] ?? new Date(lock.createdMs).toISOString(),
            timeoutMs: Number(l[_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.timeoutMs]) || 5 * 60_000,
            ageMs: Math.max(0, now - last),
            outcome: beats.map((b) => b.labels[_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.outcome]).find(Boolean),
        },
    };
}
function pick(labels, keys) {
    return Object.fromEntries(keys.filter((k) => labels[k] !== undefined).map((k) => [k, labels[k]]));
}
function legacyLock(host, c, now) {
    const l = c.labels;
    const acquired = Date.parse(l['aviary.lock.acquired-at'] ?? c.created);
    const expires = Date.parse(l['aviary.lock.expires-at'] ?? '') || acquired;
    return {
        host: host.name,
        id: c.id,
        owner: l['aviary.lock.owner'] ?? 'unknown',
        deployment: l['aviary.lock.deployment'] ?? 'unknown',
        machine: l['aviary.lock.machine'] ?? '',
        boot: '',
        pid: Number(l['aviary.lock.pid'] ?? 0),
        process: '',
        acquiredAt: new Date(acquired).toISOString(),
        timeoutMs: Math.max(0, expires - acquired),
        ageMs: Math.max(0, now - acquired),
    };
}
class DeployLock {
    service;
    hosts;
    me;
    settings;
    log;
    held = new Map(); // the lock record this run holds, by host
    beats = new Map(); // its heartbeat records not yet removed, by host
    beatCount = 0;
    outcome; // once recorded, every later heartbeat carries it
    adopted = false; // a lock of this deployment taken back (a post step): beat at once, as its new holder
    timer;
    beating;
    constructor(service, hosts, me, settings, log) {
        this.service = service;
        this.hosts = hosts;
        this.me = me;
        this.settings = settings;
        this.log = log;
    }
    /** The heartbeat's period: several beats fit in a lock-timeout, so one slow beat never lets it lapse. */
    get beatMs() {
        return Math.min(60_000, Math.max(200, Math.floor(this.settings.timeoutMs / 5)));
    }
    /**
     * Takes the lock on every host, waiting up to `waitMs` for a live holder. The first host decides
     * between runs that start together; the rest are taken in parallel. Returns the dead runs' locks
     * it took over: their hosts may be mid-switch.
     */
    async acquire() {
        const sleep = this.settings.sleep ?? _util_pool__WEBPACK_IMPORTED_MODULE_5__/* .sleep */ .yy;
        const deadline = Date.now() + this.settings.waitMs;
        for (let round = 0;; round++) {
            try {
                const takenOver = [];
                const [first, ...rest] = this.hosts;
                if (first)
                    pushTaken(takenOver, await this.take(first));
                // Beat from the first host on: taking many hosts may outlast a short lock-timeout.
                await this.startHeartbeat();
                const t0 = Date.now();
                const results = await (0,_util_pool__WEBPACK_IMPORTED_MODULE_5__/* .mapLimit */ .sf)(rest, this.settings.parallel, (h) => this.take(h));
                for (const r of results) {
                    if (!r.ok)
                        throw r.error;
                    pushTaken(takenOver, r.value);
                }
                if (this.adopted || Date.now() - t0 > this.beatMs)
                    await this.beat();
                return takenOver;
            }
            catch (err) {
                await this.release();
                const left = deadline - Date.now();
                if (!(err instanceof LockBusyError) || left <= 0)
                    throw err;
                if (round === 0)
                    this.log.info(`waiting up to ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a)(left)} (lock-wait) for the deploy lock: ${describeHolder(err.holder)}`);
                await sleep(Math.min(left, Math.min(5_000, 250 * 2 ** round)));
            }
        }
    }
    /** Takes the lock on each host it can, going on past hosts that fail (for the post step). */
    async acquireEach() {
        const out = new Map();
        // Beat from the start: a host taken early must not lapse while later ones are taken (each may
        // wait out a race with other takers).
        await this.startHeartbeat();
        const results = await (0,_util_pool__WEBPACK_IMPORTED_MODULE_5__/* .mapLimit */ .sf)(this.hosts, this.settings.parallel, (h) => this.take(h));
        results.forEach((r, i) => {
            if (r.ok)
                out.set(this.hosts[i], { ok: true, takenOver: r.value });
            else
                out.set(this.hosts[i], {
                    ok: false,
                    busy: r.error instanceof LockBusyError ? r.error.holder : undefined,
                    error: r.error,
                });
        });
        if (!this.held.size)
            await this.abandon();
        else if (this.adopted)
            await this.beat(); // its run's lock taken back: this process holds it now
        return out;
    }
    async take(host) {
        for (let attempt = 0; attempt < 8; attempt++) {
            try {
                this.held.set(host, await host.createRecord((0,_records__WEBPACK_IMPORTED_MODULE_6__/* .lockName */ .l4)(this.service), this.labels()));
                return undefined;
            }
            catch (err) {
                if (!(err instanceof _hosts_engine__WEBPACK_IMPORTED_MODULE_3__/* .ConflictError */ .fK))
                    throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .RunError */ .e4(`${host.name}: could not take the deploy lock: ${err.message}`);
            }
            const holder = await readLock(host, this.service);
            if (!holder) {
                await (0,_util_pool__WEBPACK_IMPORTED_MODULE_5__/* .sleep */ .yy)(20 * 2 ** attempt);
                continue;
            } // released in between: try again
            // This run's own lock (a post step, or a retry): it is ours to keep.
            if (holder.deployment === this.me.deployment) {
                this.held.set(host, holder.id);
                this.adopted = true;
                return undefined;
            }
            const stale = staleness(holder);
            if (!this.settings.force && !stale)
                throw new LockBusyError(holder, this.service);
            try {
                // The compare-and-swap: only one taker can rename this very container to this name.
                await host.rename(holder.id, (0,_records__WEBPACK_IMPORTED_MODULE_6__/* .deadName */ ._8)(this.service, holder.id));
            }
            catch (err) {
                // Another taker won it: its rename or its new lock may still be under way, so wait a little.
                if (err instanceof _hosts_engine__WEBPACK_IMPORTED_MODULE_3__/* .ConflictError */ .fK || (0,_hosts_engine__WEBPACK_IMPORTED_MODULE_3__/* .statusOf */ .c2)(err) === 404) {
                    await (0,_util_pool__WEBPACK_IMPORTED_MODULE_5__/* .sleep */ .yy)(20 * 2 ** attempt);
                    continue;
                }
                throw err;
            }
            this.log.warn(`${host.name}: took over the deploy lock of ${describeHolder(holder)}: ${this.settings.force ? 'force-unlock was given' : stale}`);
            await this.takeFreed(host);
            return holder;
        }
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .RunError */ .e4(`${host.name}: other runs are taking the deploy lock of ${this.service} at the same moment; try again`);
    }
    /**
     * After a takeover: the name is free, but a run that had not seen the dead lock may take it first.
     * The engine reserves a name before it lists the container, so a conflict with no lock in sight
     * is another run's create still under way: look again until it shows.
     */
    async takeFreed(host) {
        for (let attempt = 0; attempt < 8; attempt++) {
            try {
                this.held.set(host, await host.createRecord((0,_records__WEBPACK_IMPORTED_MODULE_6__/* .lockName */ .l4)(this.service), this.labels()));
                return;
            }
            catch (err) {
                if (!(err instanceof _hosts_engine__WEBPACK_IMPORTED_MODULE_3__/* .ConflictError */ .fK))
                    throw err;
            }
            const holder = await readLock(host, this.service);
            if (holder?.deployment === this.me.deployment) {
                this.held.set(host, holder.id);
                this.adopted = true;
                return;
            }
            if (holder)
                throw new LockBusyError(holder, this.service);
            await (0,_util_pool__WEBPACK_IMPORTED_MODULE_5__/* .sleep */ .yy)(20 * 2 ** attempt);
        }
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .RunError */ .e4(`${host.name}: the deploy lock of ${this.service} changed hands while it was taken over; try again`);
    }
    labels(extra = {}, kind = 'lock') {
        return {
            [_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.service]: this.service,
            [_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.kind]: kind,
            [_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.deployment]: this.me.deployment,
            [_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.owner]: this.me.owner,
            [_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.machine]: this.me.machine,
            [_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.boot]: this.me.boot,
            [_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.pid]: String(this.me.pid),
            [_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.process]: this.me.process,
            [_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.acquiredAt]: new Date().toISOString(),
            [_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.timeoutMs]: String(this.settings.timeoutMs),
            ...extra,
        };
    }
    async startHeartbeat() {
        if (this.timer)
            return;
        if (this.adopted)
            await this.beat();
        this.timer = setInterval(() => {
            this.beating ??= this.beat().finally(() => {
                this.beating = undefined;
            });
        }, this.beatMs);
        this.timer.unref();
    }
    /** One heartbeat on every held host: a new record first, then the earlier ones go. */
    async beat() {
        const n = ++this.beatCount;
        await (0,_util_pool__WEBPACK_IMPORTED_MODULE_5__/* .mapLimit */ .sf)([...this.held.keys()], this.settings.parallel, async (host) => {
            const mine = this.beats.get(host) ?? new Set();
            this.beats.set(host, mine);
            try {
                const id = await host.createRecord((0,_records__WEBPACK_IMPORTED_MODULE_6__/* .beatName */ .at)(this.service, this.me.deployment, n), this.labels(this.outcome ? { [_records__WEBPACK_IMPORTED_MODULE_6__/* .RECORD */ .gv.outcome]: this.outcome } : {}, 'beat'));
                mine.add(id);
                for (const old of [...mine]) {
                    if (old === id)
                        continue;
                    await host.remove(old);
                    mine.delete(old);
                }
            }
            catch (err) {
                this.log.warn(`${host.name}: could not renew the deploy lock (it lapses after lock-timeout without a heartbeat): ${err.message}`);
            }
        });
    }
    /**
     * Records on every held host how the run ended, before anything else happens: a run killed in
     * its clean-up is then not undone by the repair of the next one.
     */
    async recordOutcome(outcome) {
        await this.beating;
        this.outcome = outcome;
        await this.beat();
    }
    /** Stops the heartbeat and keeps the lock: it lapses after lock-timeout, for the post step or the next run to take. */
    async abandon() {
        clearInterval(this.timer);
        this.timer = undefined;
        await this.beating;
    }
    /** Removes this run's lock and heartbeat from every host where it holds them; never throws (it runs on every exit path). */
    async release() {
        clearInterval(this.timer);
        this.timer = undefined;
        await this.beating;
        await (0,_util_pool__WEBPACK_IMPORTED_MODULE_5__/* .mapLimit */ .sf)([...this.held.keys()], this.settings.parallel, async (host) => {
            try {
                // The lock first, by its id (another run's lock is never touched): heartbeats left without
                // a lock are clean-up for the next run, never a reason to undo anything (repair.ts survey).
                await host.remove(this.held.get(host));
                this.held.delete(host);
                for (const beat of [...(this.beats.get(host) ?? [])])
                    await host.remove(beat);
                this.beats.delete(host);
            }
            catch (err) {
                this.log.warn(`${host.name}: could not release the deploy lock: ${err.message}`);
            }
        });
    }
    /** The hosts where this run holds the lock. */
    get holds() {
        return [...this.held.keys()];
    }
}
function pushTaken(list, taken) {
    if (taken)
        list.push(taken);
}


/***/ }),

/***/ 53299:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ak: () => (/* binding */ isKeptName),
/* harmony export */   Cg: () => (/* binding */ intentName),
/* harmony export */   QQ: () => (/* binding */ keptName),
/* harmony export */   _8: () => (/* binding */ deadName),
/* harmony export */   at: () => (/* binding */ beatName),
/* harmony export */   gv: () => (/* binding */ RECORD),
/* harmony export */   l4: () => (/* binding */ lockName),
/* harmony export */   lx: () => (/* binding */ pendingName)
/* harmony export */ });
/* harmony import */ var _hosts_engine__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39989);
// The names and labels of the records a rollout keeps on each host. With the service containers'
// own labels (hosts/engine.ts LABEL) they are all that a repair needs: see docs/reliability.md.

/** The name a replaced container is kept under (a rollback point). */
function keptName(service, id) {
    return `${service}.old-${(0,_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .short */ .h0)(id)}`;
}
/** The name of a run's new container until it becomes the service's. */
function pendingName(service, deployment) {
    return `${service}.new-${deployment}`;
}
function isKeptName(service, name) {
    return name.startsWith(`${service}.old-`);
}
/**
 * Record containers (never started, made from an empty image): the deploy lock, its heartbeats,
 * a lock taken over from a dead run (kept until that run's hosts are repaired), and the intent of
 * a switch to a kept container. All carry the service and the deployment they belong to.
 */
const RECORD = {
    service: 'aviary.record.service',
    kind: 'aviary.record.kind',
    deployment: 'aviary.record.deployment',
    // the lock's holder
    owner: 'aviary.record.owner',
    machine: 'aviary.record.machine',
    boot: 'aviary.record.boot',
    pid: 'aviary.record.pid',
    process: 'aviary.record.process',
    acquiredAt: 'aviary.record.acquired-at',
    timeoutMs: 'aviary.record.timeout-ms',
    // a heartbeat that also says how the run ended
    outcome: 'aviary.record.outcome',
    // an intent: put `from` back if the run dies after switching to `to`
    from: 'aviary.record.from',
    to: 'aviary.record.to',
};
function lockName(service) {
    return `aviary-lock.${service}`;
}
function beatName(service, deployment, n) {
    return `aviary-lock.${service}.beat-${deployment}-${n}`;
}
/** A dead run's lock, renamed by the one run that took it over (the rename is the atomic step). */
function deadName(service, lockId) {
    return `aviary-lock.${service}.dead-${(0,_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .short */ .h0)(lockId)}`;
}
function intentName(service, deployment) {
    return `aviary-intent.${service}.${deployment}`;
}


/***/ }),

/***/ 11693:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   recover: () => (/* binding */ recover),
/* harmony export */   renderRecovery: () => (/* binding */ renderRecovery)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _util_pool__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(40704);
/* harmony import */ var _lock__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90678);
/* harmony import */ var _records__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(53299);
/* harmony import */ var _repair__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(39940);
/* harmony import */ var _proxy_proxy__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(35372);






/** Repairs what `owner.deployment` (and any dead run found on the way) left, then checks every host. */
async function recover(config, hosts, unreachable, options) {
    const { log } = options;
    const specs = config.groups.flatMap((group) => group.hosts.map((spec) => ({ spec, group })));
    const engines = specs.map((s) => hosts.get(s.spec.name)).filter((h) => !!h);
    const lock = new _lock__WEBPACK_IMPORTED_MODULE_2__/* .DeployLock */ .Fc(config.service, engines, options.owner, { timeoutMs: config.lockTimeoutMs, waitMs: 0, parallel: config.strategy.parallel, force: options.force }, log);
    const taken = await lock.acquireEach();
    try {
        // Every host's records first: a run that recorded its outcome on any host is undone on none.
        const surveys = new Map();
        await (0,_util_pool__WEBPACK_IMPORTED_MODULE_1__/* .mapLimit */ .sf)(specs, config.strategy.parallel, async ({ spec }) => {
            const host = hosts.get(spec.name);
            if (host && taken.get(host)?.ok)
                surveys.set(spec.name, await (0,_repair__WEBPACK_IMPORTED_MODULE_4__/* .survey */ .Fr)(host, config.service, []));
        });
        const decided = (0,_repair__WEBPACK_IMPORTED_MODULE_4__/* .decidedRuns */ .ZW)([...surveys.values()]);
        if (options.decided)
            decided.push(options.owner.deployment);
        const results = await (0,_util_pool__WEBPACK_IMPORTED_MODULE_1__/* .mapLimit */ .sf)(specs, config.strategy.parallel, async ({ spec, group }) => {
            const host = hosts.get(spec.name);
            if (!host)
                return {
                    host: spec.name,
                    state: 'unreachable',
                    repaired: [],
                    detail: unreachable.get(spec.name) ?? 'not reachable',
                };
            const take = taken.get(host);
            if (take && !take.ok) {
                if (take.busy)
                    return {
                        host: spec.name,
                        state: 'locked',
                        repaired: [],
                        detail: `left to ${(0,_lock__WEBPACK_IMPORTED_MODULE_2__/* .describeHolder */ .sG)(take.busy)}, which holds the lock and repairs what it finds`,
                    };
                return { host: spec.name, state: 'unreachable', repaired: [], detail: (0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(take.error) };
            }
            const found = surveys.get(spec.name) ?? (await (0,_repair__WEBPACK_IMPORTED_MODULE_4__/* .survey */ .Fr)(host, config.service, []));
            const lockId = found.records.find((r) => r.name === (0,_records__WEBPACK_IMPORTED_MODULE_3__/* .lockName */ .l4)(config.service))?.id;
            const dead = [...new Set([options.owner.deployment, ...found.dead.keys()])];
            const repaired = (await (0,_repair__WEBPACK_IMPORTED_MODULE_4__/* .repairDead */ .sQ)(host, config.service, dead, found.records, lockId, (0,_repair__WEBPACK_IMPORTED_MODULE_4__/* .settledHere */ .AN)(found, decided)))
                .map((r) => (0,_repair__WEBPACK_IMPORTED_MODULE_4__/* .describeRepair */ .D$)(spec.name, r))
                .filter((l) => !!l);
            for (const line of repaired)
                log.warn(line);
            return { ...(await check(config, host, spec, group, options.health)), repaired };
        });
        const out = results.map((r, i) => r.ok
            ? r.value
            : { host: specs[i].spec.name, state: 'unreachable', repaired: [], detail: (0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .describeError */ .Uc)(r.error) });
        return { hosts: out, ok: out.every((h) => h.state === 'fine' || h.state === 'empty' || h.state === 'locked') };
    }
    finally {
        await lock.release();
    }
}
/** What a host runs now, and whether it answers its health check. */
async function check(config, host, spec, group, health) {
    const containers = await host.serviceContainers(config.service);
    const current = containers.find((c) => c.name === config.service);
    if (current && !current.running)
        await host.start(current.id);
    // Proxy mode: the proxy runs (what an install or upgrade cut short left is finished) and serves the container named after the service.
    const proxy = group.proxy ? (await (0,_proxy_proxy__WEBPACK_IMPORTED_MODULE_5__.ensureProxy)(host, config.service, group.proxy, current)).proxy : undefined;
    if (!current) {
        return containers.length
            ? {
                host: spec.name,
                state: 'unhealthy',
                detail: `nothing runs under the name ${config.service}, although ${containers.length} kept container(s) are there`,
            }
            : {
                host: spec.name,
                state: 'empty',
                detail: `runs no ${config.service} container (it never did, or its first deploy was undone)`,
            };
    }
    const verdict = await health.check(spec, host, current.id, { ...group.health, deadlineMs: Math.min(group.health.deadlineMs, 20_000) }, undefined, proxy);
    return verdict.healthy
        ? { host: spec.name, state: 'fine', detail: `runs ${current.image}, healthy` }
        : {
            host: spec.name,
            state: 'unhealthy',
            detail: `runs ${current.image}, not healthy: ${verdict.reason ?? verdict.message}`,
        };
}
/** The recovery as lines for the log, one per host. */
function renderRecovery(r) {
    return r.hosts.map((h) => `${h.host}: ${h.state === 'fine' ? 'ok' : h.state}: ${h.detail}${h.repaired.length ? ` (repaired: ${h.repaired.length})` : ''}`);
}


/***/ }),

/***/ 39940:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AN: () => (/* binding */ settledHere),
/* harmony export */   D$: () => (/* binding */ describeRepair),
/* harmony export */   Fr: () => (/* binding */ survey),
/* harmony export */   ZW: () => (/* binding */ decidedRuns),
/* harmony export */   sQ: () => (/* binding */ repairDead)
/* harmony export */ });
/* harmony import */ var _hosts_engine__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39989);
/* harmony import */ var _records__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(53299);
/* harmony import */ var _switch__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(82821);
// Finding and repairing what dead runs left on a host, under the lock: their new containers, their
// switches to kept containers, their taken-over locks and heartbeats. Used by every run after it
// takes the lock, by the actions' post steps and by `aviary unlock`.



/** Reads a host's service containers and records, and which runs left them unfinished. */
async function survey(host, service, live) {
    const [containers, records] = await Promise.all([
        host.serviceContainers(service),
        host.records(_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.service, service),
    ]);
    const dead = new Map();
    // What proves a run did not finish: its lock (held, or renamed dead by a taker) or a new container
    // not yet made the service's. A run releases its lock only once every host is in a final state,
    // so heartbeats or intents left without a lock are clean-up, never a reason to undo anything.
    const locked = new Set(records.filter((r) => r.labels[_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.kind] === 'lock').map((r) => r.labels[_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.deployment]));
    const pending = new Set(containers.filter((c) => c.name.startsWith(`${service}.new-`)).map((c) => c.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.deployment]));
    const note = (deployment) => {
        if (!deployment || live.includes(deployment) || dead.has(deployment))
            return;
        dead.set(deployment, {
            finished: finished(records, deployment),
            orphaned: !locked.has(deployment) && !pending.has(deployment),
        });
    };
    // Every record but a live run's lock (a taken-over lock, renamed, is a dead run's; so is the lock
    // of the run a post step repairs, which it holds again).
    for (const r of records)
        note(r.labels[_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.deployment]);
    for (const c of containers)
        if (c.name.startsWith(`${service}.new-`))
            note(c.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.deployment]);
    return { containers, records, dead };
}
/** Whether a run recorded how it ended (then its records are clean-up, not damage to repair). */
function finished(records, deployment) {
    return records.some((r) => r.labels[_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.deployment] === deployment && !!r.labels[_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.outcome]);
}
/** The dead runs that recorded their outcome on at least one of these hosts: undone on none. */
function decidedRuns(surveys) {
    return [...new Set(surveys.flatMap((s) => [...s.dead].filter(([, d]) => d.finished).map(([dep]) => dep)))];
}
/** The runs whose records on this host need only clean-up: decided anywhere, or orphaned here. */
function settledHere(survey, decided) {
    return [...decided, ...[...survey.dead].filter(([, d]) => d.orphaned).map(([dep]) => dep)];
}
/**
 * Puts the host back on what it ran before each of these dead runs (unless the run had finished
 * deployed), then removes their records. `keep` is a record id not to remove (the lock this run holds).
 */
async function repairDead(host, service, deployments, records, keep, decided = [], watch) {
    const results = [];
    for (const deployment of deployments) {
        const done = finished(records, deployment) || decided.includes(deployment);
        const outcome = done ? { kind: 'finished' } : await (0,_switch__WEBPACK_IMPORTED_MODULE_2__/* .restore */ .PF)(host, service, deployment, watch);
        // A finished run switched or put back every host it touched: a new container of it still pending was made during the pre-pull and never used.
        if (done)
            for (const c of await host.serviceContainers(service))
                if (c.name === (0,_records__WEBPACK_IMPORTED_MODULE_1__/* .pendingName */ .lx)(service, deployment) && !c.running)
                    await host.remove(c.id);
        // Only once the host is back are the run's records removed: a repair cut short is done again.
        for (const r of records)
            if (r.labels[_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.deployment] === deployment && r.id !== keep)
                await host.remove(r.id);
        results.push({ deployment, outcome });
    }
    return results;
}
/** One line for the log about a repair on a host. */
function describeRepair(host, r) {
    switch (r.outcome.kind) {
        case 'none':
            return undefined;
        case 'finished':
            return `${host}: deployment ${r.deployment} had finished; removed its leftover records`;
        default:
            return `${r.outcome.note} (repair of deployment ${r.deployment})`;
    }
}


/***/ }),

/***/ 82821:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PF: () => (/* binding */ restore),
/* harmony export */   Qj: () => (/* binding */ activateKept),
/* harmony export */   R3: () => (/* binding */ prune),
/* harmony export */   bU: () => (/* binding */ stillSharing),
/* harmony export */   dw: () => (/* binding */ stage),
/* harmony export */   ig: () => (/* binding */ createPending),
/* harmony export */   jV: () => (/* binding */ stageKept),
/* harmony export */   jx: () => (/* binding */ cutover),
/* harmony export */   wg: () => (/* binding */ swap)
/* harmony export */ });
/* harmony import */ var _hosts_engine__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39989);
/* harmony import */ var _records__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(53299);
/* harmony import */ var _proxy_proxy__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(35372);



/** A stop on the way back (the replaced container is being thrown away): short. */
const DISCARD_STOP_MS = 2_000;
/**
 * Creates a run's new container under its pending name, labelled with the deployment and the
 * container it replaces: from then on it is the record a restore works from. A rollout creates it
 * during the pre-pull, before anything stops (off the batches' critical path); an unused one is
 * removed once the run ends, and a dead run's by the repair (restore() or repairDead()).
 */
async function createPending(host, req, old) {
    return host.create((0,_records__WEBPACK_IMPORTED_MODULE_1__/* .pendingName */ .lx)(req.service, req.deployment), req.image, req.container, {
        [_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.service]: req.service,
        [_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.deployment]: req.deployment,
        [_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.image]: req.image,
        [_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.digest]: req.digest,
        [_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.previous]: old?.id ?? '',
        [_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.previousImage]: old?.image ?? '',
        [_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.deployedBy]: req.deployedBy,
        [_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.deployedAt]: new Date().toISOString(),
    });
}
/** Whether a container is this deployment's new one, not yet made the service's. */
function isPendingOf(c, service, deployment) {
    return c.name === (0,_records__WEBPACK_IMPORTED_MODULE_1__/* .pendingName */ .lx)(service, deployment) && c.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.deployment] === deployment;
}
/**
 * The container made during the pre-pull, checked before anything stops (another run's repair may
 * have removed it, had this run's lock been taken over), or else a new one.
 */
async function madeOrNew(host, req, old, made) {
    if (made) {
        const c = await host.container(made);
        if (c && isPendingOf(c, req.service, req.deployment))
            return c.id;
    }
    return createPending(host, req, old);
}
/**
 * Replaces the running container by a new one: `made`, created by createPending() during the
 * pre-pull, or else created first, under its pending name and labelled with this deployment and the
 * container it replaces: from then on it is the record a restore works from. `onCreated` learns its
 * id before anything is stopped.
 */
async function swap(host, req, point, onCreated, watch, made) {
    const old = point.container;
    const id = await madeOrNew(host, req, old, made);
    onCreated(id);
    await switchTo(host, req.service, old, id, req.container.stopTimeoutMs, watch);
    return id;
}
/**
 * Proxy mode, first half of a swap: the new container (`made` during the pre-pull, or created now,
 * under its pending name, with the same labels as swap()'s, so restore() works from it alike) starts
 * beside the old one, which goes on serving through the proxy. The caller health-checks it through
 * the proxy, then cutover().
 */
async function stage(host, req, point, onCreated, made) {
    const old = point.container;
    const id = await madeOrNew(host, req, old, made);
    onCreated(id);
    await host.start(id);
    return id;
}
/** Proxy mode, first half of a rollback to a kept container: the intent is recorded, then the kept container starts beside the current one. */
async function stageKept(host, service, deployment, current, target) {
    try {
        await host.createRecord((0,_records__WEBPACK_IMPORTED_MODULE_1__/* .intentName */ .Cg)(service, deployment), {
            [_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.service]: service,
            [_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.kind]: 'intent',
            [_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.deployment]: deployment,
            [_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.from]: current.id,
            [_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.to]: target.id,
        });
    }
    catch (err) {
        if (!(err instanceof _hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .ConflictError */ .fK))
            throw err; // written by an earlier attempt of this run
    }
    await host.start(target.id);
}
/**
 * Proxy mode, second half: the proxy serves the next container from its next request on, the
 * requests already on their way to the current one finish (drain), and only then does the current
 * one stop, kept under its kept name; the next one takes the service's name. At every instant the
 * proxy serves a running container, and the names and labels let restore() go back.
 */
async function cutover(proxy, service, current, nextId, stopTimeoutMs) {
    const host = proxy.host;
    await proxy.point(nextId);
    if (current) {
        await proxy.drain();
        if (current.running)
            await host.stop(current.id, stopTimeoutMs);
        if (current.name === service)
            await host.rename(current.id, (0,_records__WEBPACK_IMPORTED_MODULE_1__/* .keptName */ .QQ)(service, current.id));
    }
    await host.rename(nextId, service);
}
/**
 * Whether a host is still as a traffic-weighted canary left it before its cut-over: the current
 * container running under the service's name, this deployment's new one running under its pending
 * name, and the proxy sharing requests between them. Another run that took the lock over (a forced
 * unlock) may have repaired it meanwhile. Returns what changed, or undefined.
 */
async function stillSharing(host, proxy, service, deployment, current, canary) {
    const [old, next, route] = await Promise.all([host.container(current.id), host.container(canary), proxy.route()]);
    if (!old?.running || old.name !== service)
        return `${host.name}: ${(0,_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .short */ .h0)(current.id)} no longer runs as ${service}`;
    if (!next?.running || !isPendingOf(next, service, deployment))
        return `${host.name}: the canary ${(0,_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .short */ .h0)(canary)} is gone or no longer this run's`;
    if (route.serving !== (0,_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .short */ .h0)(current.id) || route.canary?.id !== (0,_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .short */ .h0)(canary))
        return `${host.name}: the proxy no longer shares requests between ${(0,_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .short */ .h0)(current.id)} and the canary ${(0,_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .short */ .h0)(canary)}`;
    return undefined;
}
/**
 * Makes a kept container the service's again (a rollback to the previous version). The intent is
 * recorded first, since no label of either container says that this run switched them.
 */
async function activateKept(host, service, deployment, current, target, stopTimeoutMs, watch) {
    try {
        await host.createRecord((0,_records__WEBPACK_IMPORTED_MODULE_1__/* .intentName */ .Cg)(service, deployment), {
            [_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.service]: service,
            [_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.kind]: 'intent',
            [_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.deployment]: deployment,
            [_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.from]: current.id,
            [_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.to]: target.id,
        });
    }
    catch (err) {
        if (!(err instanceof _hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .ConflictError */ .fK))
            throw err; // written by an earlier attempt of this run
    }
    await switchTo(host, service, current, target.id, stopTimeoutMs, watch);
}
/** Stops the current container, keeps it under its kept name, gives the service's name to the next one and starts it. */
async function switchTo(host, service, current, nextId, stopTimeoutMs, watch) {
    watch?.stopping();
    try {
        // Even one read as exited: a restart policy may be bringing it back, and the engine cannot rename a restarting container.
        if (current)
            await host.stop(current.id, stopTimeoutMs);
        if (current && current.name === service)
            await host.rename(current.id, (0,_records__WEBPACK_IMPORTED_MODULE_1__/* .keptName */ .QQ)(service, current.id));
        await host.rename(nextId, service);
        await host.start(nextId);
    }
    finally {
        watch?.switched();
    }
}
/**
 * Puts a host back on what it ran before `deployment` touched it, from the records on the host
 * alone. Idempotent, and safe to cut at any instant: the deployment's container (or its intent
 * record) is removed only once the rollback point runs again under the service's name.
 */
async function restore(host, service, deployment, watch) {
    const containers = await host.serviceContainers(service);
    const intent = (await host.records(_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.service, service)).find((r) => r.labels[_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.kind] === 'intent' && r.labels[_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.deployment] === deployment);
    const made = containers.filter((c) => c.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.deployment] === deployment);
    // The container this deployment made the service's (its new one, or a kept one it switched to) and the one it replaced.
    const active = intent
        ? containers.find((c) => c.id === intent.labels[_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.to])
        : (made.find((c) => c.name === service) ?? made[0]);
    const pointId = intent ? intent.labels[_records__WEBPACK_IMPORTED_MODULE_1__/* .RECORD */ .gv.from] : active?.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.previous];
    if (!active && !intent)
        return { kind: 'none' };
    const discard = !intent;
    const current = containers.find((c) => c.name === service);
    // A rollback point not made by aviary (the `docker run` it replaced) carries no label: found by its id.
    const point = containers.find((c) => c.id === pointId) ?? (pointId ? await host.container(pointId) : undefined);
    const forget = async () => {
        if (discard)
            for (const c of made)
                await host.remove(c.id);
        if (intent)
            await host.remove(intent.id);
    };
    // Behind a proxy the way back is gapless too: the rollback point answers before the proxy serves it.
    const proxy = await _proxy_proxy__WEBPACK_IMPORTED_MODULE_2__.HostProxy.find(host, service);
    if (current && current.id !== active?.id && current.id !== pointId) {
        // Another deployment runs now (it repaired this one, or replaced it): its records are not ours to touch.
        if (discard)
            for (const c of made)
                if (c.name === (0,_records__WEBPACK_IMPORTED_MODULE_1__/* .pendingName */ .lx)(service, deployment))
                    await host.remove(c.id);
        if (intent)
            await host.remove(intent.id);
        return {
            kind: 'superseded',
            note: `${host.name}: ${current.image} of deployment ${current.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.deployment] || 'unknown'} runs now; nothing of it was touched`,
        };
    }
    if (!pointId) {
        // It ran nothing before this deployment: take the deployment's container away.
        if (proxy)
            await proxy.point(undefined);
        watch?.stopping();
        try {
            for (const c of made)
                await host.remove(c.id);
        }
        finally {
            watch?.switched();
        }
        return {
            kind: 'emptied',
            note: `${host.name}: removed ${service} of deployment ${deployment} (it ran nothing before)`,
        };
    }
    // Made during the pre-pull and never used: it never passed a health check.
    const unused = active?.state === 'created' && active.name === (0,_records__WEBPACK_IMPORTED_MODULE_1__/* .pendingName */ .lx)(service, deployment);
    if (!point) {
        if (unused) {
            await forget();
            return {
                kind: 'lost',
                note: `${host.name}: the rollback point ${(0,_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .short */ .h0)(pointId)} is gone (pruned or removed by hand); the unused new container of deployment ${deployment} was removed, and nothing was started`,
            };
        }
        // Nothing to go back to: better the deployment's version than nothing under the service's name.
        if (active && !current) {
            await host.rename(active.id, service);
            await host.start(active.id);
        }
        if (active && proxy)
            await proxy.point(active.id);
        return {
            kind: 'lost',
            note: `${host.name}: the rollback point ${(0,_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .short */ .h0)(pointId)} is gone (pruned or removed by hand); ${active ? `${active.image} (${active.state}) was left in place` : 'nothing was removed'}`,
        };
    }
    if (unused && point.running && point.name === service) {
        // The run never started this host's new container: only that goes.
        await forget();
        return {
            kind: 'restored',
            container: point,
            note: `${host.name}: removed the unused new container of deployment ${deployment}; ${point.image} runs as before`,
        };
    }
    if (proxy) {
        if (!point.running) {
            await host.start(point.id);
            await proxy.ready(point.id);
        }
        // Always reloaded: a run cut between writing the proxy's file and reloading it left the file ahead of what it serves.
        await proxy.point(point.id);
        if (active) {
            if (active.running)
                await proxy.drain();
            await host.stop(active.id, DISCARD_STOP_MS);
            if (active.name === service)
                await host.rename(active.id, discard ? (0,_records__WEBPACK_IMPORTED_MODULE_1__/* .pendingName */ .lx)(service, deployment) : (0,_records__WEBPACK_IMPORTED_MODULE_1__/* .keptName */ .QQ)(service, active.id));
        }
        if (point.name !== service)
            await host.rename(point.id, service);
        await forget();
        return {
            kind: 'restored',
            container: { ...point, name: service, running: true, state: 'running' },
            note: `${host.name}: ${point.image} runs again${active ? ` in place of ${active.image}` : ''}, served by the proxy`,
        };
    }
    watch?.stopping();
    try {
        if (active && active.name === service) {
            // Even one listed as not running: a crash-looping container is `restarting`, and the engine cannot rename it.
            await host.stop(active.id, DISCARD_STOP_MS);
            await host.rename(active.id, discard ? (0,_records__WEBPACK_IMPORTED_MODULE_1__/* .pendingName */ .lx)(service, deployment) : (0,_records__WEBPACK_IMPORTED_MODULE_1__/* .keptName */ .QQ)(service, active.id));
        }
        if (point.name !== service)
            await host.rename(point.id, service);
        await host.start(point.id);
    }
    finally {
        watch?.switched();
    }
    await forget();
    return {
        kind: 'restored',
        container: { ...point, name: service, running: true, state: 'running' },
        note: `${host.name}: ${point.image} runs again${active ? ` in place of ${active.image}` : ''}`,
    };
}
/**
 * Removes the kept containers beyond `keep`, oldest first; the chain of `previous` labels from the
 * current container is what stays. Only kept containers (stopped, under a kept name) are ever removed.
 */
async function prune(host, service, keep) {
    const containers = await host.serviceContainers(service);
    const current = containers.find((c) => c.name === service);
    const chain = [];
    let next = current?.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.previous];
    while (next && chain.length < keep && !chain.includes(next)) {
        const c = containers.find((x) => x.id === next);
        if (!c)
            break;
        chain.push(c.id);
        next = c.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_0__/* .LABEL */ .d_.previous];
    }
    const kept = containers.filter((c) => c.id !== current?.id && !c.running && (0,_records__WEBPACK_IMPORTED_MODULE_1__/* .isKeptName */ .Ak)(service, c.name));
    const others = kept.filter((c) => !chain.includes(c.id)).sort((a, b) => b.created.localeCompare(a.created));
    const keepIds = new Set([...chain, ...others.slice(0, Math.max(0, keep - chain.length)).map((c) => c.id)]);
    const removed = [];
    for (const c of kept) {
        if (keepIds.has(c.id))
            continue;
        await host.remove(c.id);
        removed.push(c.name);
    }
    return removed;
}


/***/ }),

/***/ 40704:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MU: () => (/* binding */ TimeoutError),
/* harmony export */   Wh: () => (/* binding */ unlessAborted),
/* harmony export */   sf: () => (/* binding */ mapLimit),
/* harmony export */   wj: () => (/* binding */ withTimeout),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* unused harmony export abortReason */
/* harmony import */ var _duration__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26518);
// Bounded parallelism and timeouts for remote work: many hosts at once, none allowed to hang a run.

/**
 * Runs fn over items with at most `limit` calls in flight and returns every outcome in input order.
 * Outcomes are settled, not thrown, so one host's failure never hides another's. Once `signal`
 * is aborted no further item is started; items not started settle with the abort reason.
 */
async function mapLimit(items, limit, fn, signal) {
    const results = new Array(items.length);
    const width = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
    let next = 0;
    async function worker() {
        while (next < items.length) {
            const index = next++;
            if (signal?.aborted) {
                results[index] = { ok: false, error: abortReason(signal) };
                continue;
            }
            try {
                results[index] = { ok: true, value: await fn(items[index], index) };
            }
            catch (error) {
                results[index] = { ok: false, error };
            }
        }
    }
    await Promise.all(Array.from({ length: width }, worker));
    return results;
}
/** The error that stands for an abort: the signal's own reason when it is an Error. */
function abortReason(signal) {
    const reason = signal.reason;
    if (reason && typeof reason === 'object' && 'message' in reason)
        return reason;
    return new Error(typeof reason === 'string' ? reason : 'the operation was cancelled');
}
/** A timeout of a remote call, recognisable by callers that map it to "no answer". */
class TimeoutError extends Error {
    what;
    ms;
    constructor(what, ms) {
        super(`${what} timed out after ${(0,_duration__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(ms)}`);
        this.what = what;
        this.ms = ms;
        this.name = 'TimeoutError';
    }
}
/**
 * Settles like `promise`, or rejects with a TimeoutError naming `what` after `ms`.
 * The underlying work is not cancelled (a promise cannot be); pass `onTimeout` to release it.
 */
function withTimeout(promise, ms, what, onTimeout) {
    if (!Number.isFinite(ms) || ms <= 0)
        return promise;
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            try {
                onTimeout?.();
            }
            catch {
                /* releasing is best effort */
            }
            reject(new TimeoutError(what, ms));
        }, ms);
        promise.then((value) => {
            clearTimeout(timer);
            resolve(value);
        }, (error) => {
            clearTimeout(timer);
            reject(error);
        });
    });
}
/** Resolves after ms, or early (without error) when the signal aborts; the timer never holds the process open past it. */
function sleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted || ms <= 0)
            return resolve();
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
    });
}
/** Settles like `promise`, or rejects with the abort reason as soon as `signal` aborts (the work itself goes on). */
function unlessAborted(promise, signal) {
    if (!signal)
        return promise;
    if (signal.aborted)
        return Promise.reject(abortReason(signal));
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(abortReason(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then((v) => {
            signal.removeEventListener('abort', onAbort);
            resolve(v);
        }, (e) => {
            signal.removeEventListener('abort', onAbort);
            reject(e);
        });
    });
}


/***/ })

};
;