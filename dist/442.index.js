"use strict";
exports.id = 442;
exports.ids = [442,565,263];
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

/***/ 54568:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ withLockedHosts),
/* harmony export */   s: () => (/* binding */ selectHosts)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _rollout_lock__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(90678);


/**
 * The hosts a command acts on: the named ones (each must be a host of the selected groups; an
 * unknown name is refused before anything is touched), or every host of those groups.
 */
function selectHosts(config, names, field) {
    const all = config.groups.flatMap((group) => group.hosts.map((spec) => ({ spec, group })));
    if (!names.length)
        return all;
    const unknown = names.filter((n) => !all.some((h) => h.spec.name === n));
    if (unknown.length) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${field}: ${unknown.map((n) => JSON.stringify(n)).join(', ')} ${unknown.length > 1 ? 'are not hosts' : 'is not a host'} of ${config.groups.map((g) => g.name).join(', ')} (expected one of ${all.map((h) => h.spec.name).join(', ')})`);
    }
    return all.filter((h) => names.includes(h.spec.name));
}
async function withLockedHosts(config, scope, options, log, work) {
    const { openHosts } = await Promise.all(/* import() */[__webpack_require__.e(40), __webpack_require__.e(917), __webpack_require__.e(263)]).then(__webpack_require__.bind(__webpack_require__, 83263));
    const hosts = await openHosts(scope.map((s) => s.spec), { parallel: config.strategy.parallel, ssh: options.ssh, signal: options.signal }, log);
    const lock = new _rollout_lock__WEBPACK_IMPORTED_MODULE_1__/* .DeployLock */ .Fc(config.service, scope.map((s) => hosts.get(s.spec.name)), (0,_rollout_lock__WEBPACK_IMPORTED_MODULE_1__/* .currentOwner */ .Hf)(options.deployment, options.env ?? process.env), {
        timeoutMs: Math.max(config.lockTimeoutMs, options.minLockTimeoutMs ?? 0), waitMs: config.lockWaitMs, parallel: config.strategy.parallel, force: options.forceUnlock,
    }, log);
    try {
        await log.group('Take the deploy lock', () => lock.acquire());
        return await work(hosts);
    }
    finally {
        await lock.release();
        for (const h of hosts.values())
            h.close();
    }
}


/***/ }),

/***/ 47442:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  renderSync: () => (/* binding */ renderSync),
  sync: () => (/* binding */ sync)
});

// EXTERNAL MODULE: ./src/deploy.ts
var deploy = __webpack_require__(29880);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/registry/index.ts
var registry = __webpack_require__(71119);
// EXTERNAL MODULE: ./src/rollout/lock.ts
var lock = __webpack_require__(90678);
// EXTERNAL MODULE: ./src/rollout/rollout.ts + 1 modules
var rollout_rollout = __webpack_require__(25946);
;// CONCATENATED MODULE: ./src/rollout/sync.ts
// What `sync` changes: the version a group runs now, read from its hosts' own records, and, per
// host, whether it must get that version and why. Pure, so the plan printed is the plan run.
/** `repo:tag` or `repo:tag@sha256:…` → `repo@sha256:…`: every host gets exactly the same bytes. */
function pinned(image, digest) {
    if (!digest || !/^sha256:[a-f0-9]{64}$/.test(digest))
        return image;
    const name = image.split('@')[0];
    const slash = name.lastIndexOf('/');
    const colon = name.lastIndexOf(':');
    return `${colon > slash ? name.slice(0, colon) : name}@${digest}`;
}
/**
 * The newest version that some host runs and that passes its checks there: the group's version.
 * Unhealthy or stopped containers do not count (a half-failed deploy is not what to copy); among
 * healthy ones the latest deployed wins, so a group caught between two versions goes forward.
 */
function chooseVersion(hosts) {
    const healthy = hosts.filter((h) => h.healthy && h.image);
    if (!healthy.length)
        return undefined;
    const newest = [...healthy].sort((a, b) => (b.since ?? '').localeCompare(a.since ?? ''))[0];
    const key = versionKey(newest);
    const same = healthy.filter((h) => versionKey(h) === key).map((h) => h.name);
    return {
        image: pinned(newest.image, newest.digest),
        digest: newest.digest,
        source: `the newest healthy version: on ${same.join(', ')}, deployed ${newest.since ?? 'at an unknown time'}`,
    };
}
function versionKey(h) {
    return h.digest || h.image || '';
}
/** Whether a host runs the target: same digest when both are known, else the same reference. */
function runsTarget(h, target) {
    if (!h.image)
        return false;
    if (target.digest && h.digest)
        return h.digest === target.digest;
    return h.image === target.image || pinned(h.image, h.digest) === target.image;
}
/** Per host: does it change, and why. Hosts that run the target, running, are left alone. */
function planSync(hosts, target) {
    return hosts.map((h) => {
        if (!h.image || !h.state)
            return { host: h.name, change: true, reason: 'runs nothing (a new host)' };
        if (!runsTarget(h, target))
            return { host: h.name, change: true, reason: `runs another version (${h.image})` };
        if (h.state !== 'running')
            return { host: h.name, change: true, reason: `runs it, but its container is ${h.state}` };
        return { host: h.name, change: false, reason: h.healthy ? 'runs it, healthy' : 'runs it (not healthy now: left alone, see status)' };
    });
}

// EXTERNAL MODULE: ./src/hosts/engine.ts
var engine = __webpack_require__(39989);
// EXTERNAL MODULE: ./src/ops/locked.ts
var locked = __webpack_require__(54568);
// EXTERNAL MODULE: ./src/status.ts
var src_status = __webpack_require__(65565);
;// CONCATENATED MODULE: ./src/ops/sync.ts
// `sync`: bring every host of a group to the version the group runs now (read from the hosts' own
// records, or given), as a rollout restricted to the hosts that differ: batches, health checks,
// rollback rules and the lock are the rollout's own. Hosts that already run it are not touched.









async function sync(settings, log, env = process.env, signal, observer = {}) {
    const given = settings.overrides.image;
    // Every field is checked before a host is read; a version, when given, is completed as deploy does.
    const config = (0,deploy.prepare)(given ? { ...settings, target: 'image' } : { ...settings, target: 'previous' }, log, env);
    await (await __webpack_require__.e(/* import() */ 631).then(__webpack_require__.bind(__webpack_require__, 64631))).resolveInventory(config, log, { signal, env });
    const status = await log.group('Read what every host runs', () => (0,src_status.readStatus)({ ...settings, target: 'previous' }, log, env));
    // status resolves a group's DNS or program hosts once more: both lists must be the same.
    const listed = config.groups.flatMap((g) => g.hosts.map((h) => h.name)).sort().join(', ');
    const read = status.hosts.map((h) => h.name).sort().join(', ');
    if (listed !== read)
        throw new errors/* RunError */.e4(`the groups' hosts changed while sync read them (${listed} then ${read}), nothing was changed; run sync again`);
    const unreachable = status.hosts.filter((h) => !h.reachable || h.error);
    if (unreachable.length) {
        throw new errors/* RunError */.e4(`sync reads every host of the group first; ${unreachable.length} host(s) could not be read, nothing was changed:\n  ${unreachable.map((h) => `${h.name}: ${h.error ?? 'not reachable'}`).join('\n  ')}`);
    }
    const deployment = settings.deployment ?? (0,deploy.newDeploymentId)();
    const out = { deployment, groups: [], result: 'in-sync' };
    const groupNames = [...new Set(status.hosts.map((h) => h.group))];
    for (const name of groupNames) {
        const hosts = status.hosts.filter((h) => h.group === name).map((h) => ({
            name: h.name, image: h.current?.image, digest: h.current?.digest, since: h.current?.since, state: h.current?.state, healthy: h.health === 'healthy',
        }));
        const target = given ? givenTarget(config.image) : chooseVersion(hosts);
        if (!target) {
            out.groups.push({ group: name, steps: [] });
            out.result = 'failed';
            out.error = `group ${name}: no host runs a healthy recorded version of ${config.service} to copy (${hosts.map((h) => `${h.name}: ${h.image ? `${h.image}, ${h.healthy ? 'healthy' : h.state}` : 'nothing'}`).join('; ')}); name the version with the image input (--image)`;
            log.error(out.error);
            return out;
        }
        const steps = planSync(hosts, target);
        out.groups.push({ group: name, target, steps });
        log.info(`group ${name}: ${target.image} (${target.source})`);
        for (const s of steps)
            log.info(`  ${s.host}: ${s.change ? 'gets it' : 'unchanged'} — ${s.reason}`);
    }
    if (settings.dryRun) {
        out.result = out.groups.some((g) => g.steps.some((s) => s.change)) ? 'planned' : 'in-sync';
        return out;
    }
    // One deployment for every group: only the last group's outcome decides the sync. A sync killed
    // in a later group is repaired (undone) as a whole by its post step, as a multi-group deploy is.
    const last = out.groups.filter((g) => g.steps.some((s) => s.change)).at(-1);
    for (const g of out.groups) {
        const changing = new Set(g.steps.filter((s) => s.change).map((s) => s.host));
        if (!changing.size)
            continue;
        const groupObserver = g === last ? observer : { ...observer, decided: undefined };
        // The hosts the version was read from are locked too, and read again under the lock: no other
        // run may change them between the read and the rollout (the rollout locks the hosts it changes).
        const kept = (0,locked/* selectHosts */.s)(config, g.steps.filter((s) => !s.change).map((s) => s.host), 'hosts').filter((h) => h.group.name === g.group);
        const rollout = () => syncGroup(config, g.group, changing, g.target, settings, deployment, log, env, signal, groupObserver);
        const report = kept.length
            ? await (0,locked/* withLockedHosts */.Y)(config, kept, { deployment, ssh: settings.ssh, forceUnlock: settings.forceUnlock, signal, env }, log, async (hosts) => {
                await confirmUnchanged(hosts, kept.map((k) => k.spec.name), config.service, g.target);
                return rollout();
            })
            : await rollout();
        g.report = report;
        if (report.result !== 'deployed') {
            out.result = 'failed';
            out.error = `group ${g.group}: ${report.result}: ${report.error ?? ''}`.trim();
            return out;
        }
        out.result = 'synced';
    }
    return out;
}
/** A rollout of the target to the changing hosts of one group: the rollout's lock, batches and rollback. */
async function syncGroup(config, group, changing, target, settings, deployment, log, env, signal, observer) {
    const spec = config.groups.find((g) => g.name === group);
    if (!spec)
        throw new errors/* RunError */.e4(`group ${group}: not in the config any more`);
    const scoped = { ...config, image: target.image, groups: [{ ...spec, hosts: spec.hosts.filter((h) => changing.has(h.name)) }] };
    const auth = (0,registry/* resolveRegistryAuth */.gi)(target.image, settings.registry, env, log);
    for (const s of (0,registry/* secretForms */.eo)(auth))
        log.secret(s);
    const rollout = new rollout_rollout/* Rollout */.m(scoped, (0,deploy.rolloutDeps)(scoped, settings, auth, log), {
        ...(0,deploy.rolloutObserver)(observer),
        deployment,
        owner: (0,lock/* currentOwner */.Hf)(deployment, env),
        registryAuth: auth,
        forceUnlock: settings.forceUnlock,
        signal,
    });
    log.info(`aviary sync: ${target.image} to ${changing.size} host(s) of ${group} (${[...changing].join(', ')}), deployment ${deployment}`);
    try {
        return await rollout.run();
    }
    catch (err) {
        throw new errors/* RunError */.e4(`group ${group}: ${(0,errors/* describeError */.Uc)(err)}`);
    }
}
/** Under the lock: each host that is left alone still runs the target (else another run changed it meanwhile). */
async function confirmUnchanged(hosts, names, service, target) {
    const changed = [];
    for (const name of names) {
        const c = await hosts.get(name).container(service);
        const now = { name, image: c?.image, digest: c?.labels[engine/* LABEL */.d_.digest] || undefined, state: c?.state, healthy: !!c?.running };
        if (!c || !c.running || !runsTarget(now, target))
            changed.push(`${name} now runs ${c ? `${c.image} (${c.state})` : 'nothing'}`);
    }
    if (changed.length)
        throw new errors/* RunError */.e4(`the hosts changed while sync read them (another run?), nothing was changed; run sync again: ${changed.join('; ')}`);
}
function givenTarget(image) {
    const at = image.indexOf('@');
    return { image, digest: at >= 0 ? image.slice(at + 1) : undefined, source: 'given' };
}
/** Plain-text lines of a sync's plan and outcome, for the log and the CLI. */
function renderSync(result) {
    const lines = [];
    for (const g of result.groups) {
        const changed = g.steps.filter((s) => s.change);
        lines.push(`group ${g.group}: ${g.target ? g.target.image : 'no version'} — ${changed.length ? `${changed.length} host(s) ${result.result === 'planned' ? 'would change' : 'changed'}: ${changed.map((s) => s.host).join(', ')}` : 'every host runs it'}${g.report ? ` (${g.report.result})` : ''}`);
    }
    lines.push(`sync: ${result.result}${result.error ? `: ${result.error.split('\n')[0]}` : ''}`);
    return lines;
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