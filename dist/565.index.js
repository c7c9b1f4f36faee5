"use strict";
exports.id = 565;
exports.ids = [565,263];
exports.modules = {

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
/* harmony import */ var _rollout_health_probe__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(32274);
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
        const status = { name: spec.name, group: group.name, reachable: !!host, previous: [], health: 'unknown' };
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
                const proxy = group.proxy ? await (await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 35372))).HostProxy.find(host, config.service) : undefined;
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
    return { service: config.service, hosts: results.map((r) => (r.ok ? r.value : { name: '?', group: '?', reachable: false, previous: [], health: 'unknown', error: (0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(r.error) })) };
}
/** Which container the service's proxy serves on a host, as its switching proxy's configuration says. */
async function proxyStatus(host, service, currentId) {
    const { HostProxy, proxyContainers, PROXY_LABEL } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 35372));
    const { edge, proxies } = await proxyContainers(host, service);
    const running = proxies.filter((c) => c.running);
    const found = await HostProxy.find(host, service);
    const serving = found ? await found.serving() : undefined;
    return {
        image: running[0]?.image ?? proxies[0]?.image ?? 'none',
        port: edge?.labels[PROXY_LABEL.port],
        serving,
        servesCurrent: !!currentId && serving === (0,_hosts_engine__WEBPACK_IMPORTED_MODULE_2__/* .short */ .h0)(currentId),
        running: running.length,
    };
}
/** One look, not a wait: a single round of the group's checks, short deadline. */
function quickCheck(health) {
    return { ...health, startPeriodMs: 0, healthyThreshold: 1, unhealthyThreshold: 1, deadlineMs: Math.min(health.deadlineMs, 5000) };
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
                const serves = h.proxy.serving ? `${h.proxy.serving}${h.proxy.servesCurrent ? ` (${status.service})` : ' — NOT the container named ' + status.service}` : 'nothing';
                lines.push(`      proxy: ${h.proxy.image} on port ${h.proxy.port ?? '?'}, serves ${serves}${h.proxy.running === 1 ? '' : ` (${h.proxy.running} proxies running)`}`);
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