"use strict";
exports.id = 565;
exports.ids = [565];
exports.modules = {

/***/ 5565:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readStatus: () => (/* binding */ readStatus),
/* harmony export */   renderStatus: () => (/* binding */ renderStatus)
/* harmony export */ });
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4955);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _health__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8729);
/* harmony import */ var _hosts_docker_host__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8174);
/* harmony import */ var _hosts_open__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6822);
/* harmony import */ var _rollout_lock__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(678);
/* harmony import */ var _util_pool__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(704);
// `aviary status`: per group and host, what runs (version, digest, since when, by which run), the
// previous versions kept for rollback, health now, and the deploy lock — read from the hosts alone.







async function readStatus(settings, log, env = process.env) {
    const config = (0,_deploy__WEBPACK_IMPORTED_MODULE_0__.prepare)({ ...settings, target: 'previous' }, log, env);
    const specs = config.groups.flatMap((g) => g.hosts.map((h) => ({ spec: h, group: g })));
    let hosts;
    try {
        hosts = await (0,_hosts_open__WEBPACK_IMPORTED_MODULE_4__.openHosts)(specs.map((s) => s.spec), { parallel: config.strategy.parallel, ssh: settings.ssh }, log);
    }
    catch (err) {
        // Status still shows what it can: every host is listed, the unreachable ones with the reason.
        log.warn((0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(err));
        hosts = new Map();
        const opened = await (0,_util_pool__WEBPACK_IMPORTED_MODULE_6__/* .mapLimit */ .sf)(specs, config.strategy.parallel, (s) => (0,_hosts_open__WEBPACK_IMPORTED_MODULE_4__.openHosts)([s.spec], { parallel: 1, ssh: settings.ssh }, log));
        for (const r of opened)
            if (r.ok)
                for (const [k, v] of r.value)
                    hosts.set(k, v);
    }
    const results = await (0,_util_pool__WEBPACK_IMPORTED_MODULE_6__/* .mapLimit */ .sf)(specs, config.strategy.parallel, async ({ spec, group }) => {
        const host = hosts.get(spec.name);
        const status = { name: spec.name, group: group.name, reachable: !!host, previous: [], health: 'unknown' };
        if (!host)
            return { ...status, error: 'not reachable (see the warning above)' };
        try {
            const containers = await host.serviceContainers(config.service);
            const version = (c) => ({
                image: c.image,
                digest: c.labels[_hosts_docker_host__WEBPACK_IMPORTED_MODULE_3__/* .LABEL */ .d_.digest] || undefined,
                container: (0,_hosts_docker_host__WEBPACK_IMPORTED_MODULE_3__/* .short */ .h0)(c.id),
                since: c.labels[_hosts_docker_host__WEBPACK_IMPORTED_MODULE_3__/* .LABEL */ .d_.deployedAt] || c.created,
                deployedBy: c.labels[_hosts_docker_host__WEBPACK_IMPORTED_MODULE_3__/* .LABEL */ .d_.deployedBy] || undefined,
                deployment: c.labels[_hosts_docker_host__WEBPACK_IMPORTED_MODULE_3__/* .LABEL */ .d_.deployment] || undefined,
            });
            const current = containers.find((c) => c.name === config.service);
            if (current)
                status.current = { ...version(current), state: current.state };
            let next = current?.labels[_hosts_docker_host__WEBPACK_IMPORTED_MODULE_3__/* .LABEL */ .d_.previous];
            while (next && status.previous.length < 100) {
                const c = containers.find((x) => x.id === next);
                if (!c || status.previous.some((p) => p.container === (0,_hosts_docker_host__WEBPACK_IMPORTED_MODULE_3__/* .short */ .h0)(c.id)))
                    break;
                status.previous.push(version(c));
                next = c.labels[_hosts_docker_host__WEBPACK_IMPORTED_MODULE_3__/* .LABEL */ .d_.previous];
            }
            const lock = await (0,_rollout_lock__WEBPACK_IMPORTED_MODULE_5__/* .readLock */ .mF)(host, config.service);
            if (lock)
                status.lock = { ...lock, stale: (0,_rollout_lock__WEBPACK_IMPORTED_MODULE_5__/* .staleness */ .TZ)(lock) };
            if (!current)
                status.health = 'no container';
            else if (!current.running)
                status.health = 'not running';
            else {
                const outcome = await (0,_health__WEBPACK_IMPORTED_MODULE_2__/* .checkHealth */ .Ns)({ host: spec, docker: host.docker, containerId: current.id }, quickCheck(group.health));
                status.health = outcome.healthy ? 'healthy' : 'unhealthy';
                if (!outcome.healthy)
                    status.healthDetail = outcome.reason;
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
            if (h.lock)
                lines.push(`      locked by ${h.lock.owner} (deployment ${h.lock.deployment}, expires ${h.lock.expiresAt})${h.lock.stale ? ` — stale: ${h.lock.stale}` : ''}`);
        }
    }
    return lines.join('\n');
}


/***/ })

};
;