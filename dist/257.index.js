"use strict";
exports.id = 257;
exports.ids = [257];
exports.modules = {

/***/ 54257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   retire: () => (/* binding */ retire)
/* harmony export */ });
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(29880);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _hosts_engine__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39989);
/* harmony import */ var _hooks_run__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(99017);
/* harmony import */ var _rollout_records__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(53299);
/* harmony import */ var _util_pool__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(40704);
/* harmony import */ var _rollout_locked__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(30404);
// `retire`: take the service off the named hosts for good — drain (the before-stop hook), stop,
// then remove its container, the kept ones (rollback points) and its records — under the deploy
// lock. The other hosts of the group are not touched.







async function retire(settings, hostNames, log, env = process.env, signal) {
    const field = settings.inputName?.('hosts') ?? 'input hosts';
    // Retiring every host of every group by omission would be a disaster: the hosts must be named.
    if (!hostNames.length)
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${field}: empty (expected the names of the hosts to retire the service from, e.g. web-3,web-4)`);
    const config = (0,_deploy__WEBPACK_IMPORTED_MODULE_0__.prepare)({ ...settings, target: 'previous' }, log, env);
    await (await __webpack_require__.e(/* import() */ 631).then(__webpack_require__.bind(__webpack_require__, 64631))).resolveInventory(config, log, { signal, env });
    const scope = (0,_rollout_locked__WEBPACK_IMPORTED_MODULE_6__/* .selectHosts */ .s)(config, hostNames, field);
    const deployment = settings.deployment ?? (0,_deploy__WEBPACK_IMPORTED_MODULE_0__.newDeploymentId)();
    log.info(`aviary retire: removing ${config.service} from ${scope.map((s) => s.spec.name).join(', ')}, deployment ${deployment}`);
    if (settings.dryRun)
        return {
            deployment,
            ok: true,
            hosts: scope.map((s) => ({ host: s.spec.name, group: s.group.name, ok: true, removed: [] })),
        };
    const results = await (0,_rollout_locked__WEBPACK_IMPORTED_MODULE_6__/* .withLockedHosts */ .Y)(config, scope, { deployment, ssh: settings.ssh, forceUnlock: settings.forceUnlock, signal, env }, log, (hosts) => (0,_util_pool__WEBPACK_IMPORTED_MODULE_5__/* .mapLimit */ .sf)(scope, config.strategy.parallel, (s) => retireHost(hosts.get(s.spec.name), s, config.service, deployment, log, signal)));
    const hosts = results.map((r, i) => r.ok
        ? r.value
        : { host: scope[i].spec.name, group: scope[i].group.name, ok: false, removed: [], error: (0,_errors__WEBPACK_IMPORTED_MODULE_1__/* .describeError */ .Uc)(r.error) });
    for (const h of hosts) {
        if (h.ok)
            log.info(`${h.host}: retired (${h.removed.length ? `removed ${h.removed.join(', ')}` : 'it ran nothing'})`);
        else
            log.error(`${h.host}: ${h.error}`);
    }
    return { deployment, hosts, ok: hosts.every((h) => h.ok) };
}
async function retireHost(host, s, service, deployment, log, signal) {
    const containers = await host.serviceContainers(service);
    const current = containers.find((c) => c.name === service);
    if (current?.running && s.group.hooks?.beforeStop) {
        // The drain must succeed: removing a host that still takes traffic drops requests.
        const r = await (0,_hooks_run__WEBPACK_IMPORTED_MODULE_3__/* .runHook */ .D)(s.group.hooks.beforeStop, { host: s.spec.name, address: s.spec.address, group: s.group.name, service }, log, signal);
        if (!r.ok)
            throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .RunError */ .e4(`${r.message}; nothing was removed from ${s.spec.name}`);
    }
    const removed = [];
    // The current container first (stopped gracefully), then the kept ones and any half-made one.
    if (current) {
        if (current.running)
            await host.stop(current.id, s.group.container.stopTimeoutMs);
        await host.remove(current.id);
        removed.push(current.name);
    }
    for (const c of containers) {
        if (c.id === current?.id || c.labels[_hosts_engine__WEBPACK_IMPORTED_MODULE_2__/* .LABEL */ .d_.service] !== service)
            continue;
        await host.remove(c.id);
        removed.push(c.name);
    }
    // Its records, except this run's own lock and heartbeats (the lock's release removes those).
    const mine = (name) => name === (0,_rollout_records__WEBPACK_IMPORTED_MODULE_4__/* .lockName */ .l4)(service) || name.startsWith(`${(0,_rollout_records__WEBPACK_IMPORTED_MODULE_4__/* .lockName */ .l4)(service)}.beat-${deployment}-`);
    for (const r of await host.records(_rollout_records__WEBPACK_IMPORTED_MODULE_4__/* .RECORD */ .gv.service, service)) {
        if (mine(r.name))
            continue;
        await host.remove(r.id);
        removed.push(r.name);
    }
    return { host: s.spec.name, group: s.group.name, ok: true, removed };
}


/***/ }),

/***/ 30404:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ withLockedHosts),
/* harmony export */   s: () => (/* binding */ selectHosts)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _lock__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(90678);


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
    const { openHosts } = await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(40), __webpack_require__.e(317), __webpack_require__.e(263)]).then(__webpack_require__.bind(__webpack_require__, 83263));
    const hosts = await openHosts(scope.map((s) => s.spec), { parallel: config.strategy.parallel, ssh: options.ssh, signal: options.signal }, log);
    const lock = new _lock__WEBPACK_IMPORTED_MODULE_1__/* .DeployLock */ .Fc(config.service, scope.map((s) => hosts.get(s.spec.name)), (0,_lock__WEBPACK_IMPORTED_MODULE_1__/* .currentOwner */ .Hf)(options.deployment, options.env ?? process.env), {
        timeoutMs: Math.max(config.lockTimeoutMs, options.minLockTimeoutMs ?? 0),
        waitMs: config.lockWaitMs,
        parallel: config.strategy.parallel,
        force: options.forceUnlock,
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


/***/ })

};
;