"use strict";
exports.id = 809;
exports.ids = [809,565,263,839];
exports.modules = {

/***/ 93839:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   command: () => (/* binding */ command),
/* harmony export */   deployFlags: () => (/* binding */ deployFlags),
/* harmony export */   planCommand: () => (/* binding */ planCommand),
/* harmony export */   readDeploySettings: () => (/* binding */ readDeploySettings),
/* harmony export */   writeSummary: () => (/* binding */ writeSummary)
/* harmony export */ });
/* harmony import */ var _util_cancel__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(24436);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(29880);
/* harmony import */ var _report_summary__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57994);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
// `aviary deploy` and `aviary plan`: the deploy action's engine with flags instead of inputs.





const deployFlags = [
    { name: 'config', description: 'config file', default: 'aviary.yml' },
    { name: 'image', description: 'image to deploy: repo:tag, repo@sha256:…, or a tag/digest of the config file\'s image' },
    { name: 'groups', description: 'groups to deploy to, comma-separated (default: all)' },
    { name: 'batches', description: 'batch sizes, e.g. 1,25%,100%' },
    { name: 'parallel', description: 'hosts in flight at once' },
    { name: 'max-unhealthy', description: 'failure budget (count or percentage)' },
    { name: 'pause', description: 'bake time after each healthy batch, e.g. 30s' },
    { name: 'lock-wait', description: 'wait up to this long for the deploy lock held by another live run, e.g. 10m (default: fail at once)' },
    { name: 'force-unlock', description: 'take the deploy lock even if another run holds it', boolean: true },
    { name: 'username', description: 'registry user for the hosts\' pulls', env: 'AVIARY_REGISTRY_USERNAME' },
    { name: 'password-stdin', description: 'read the registry password from standard input (or set AVIARY_REGISTRY_PASSWORD)', boolean: true },
    { name: 'ssh-key', description: 'file with the private key for ssh:// hosts (or set AVIARY_SSH_KEY to the key itself)' },
    { name: 'ssh-known-hosts', description: 'known_hosts file the ssh:// hosts\' keys are checked against', default: `${process.env.HOME ?? '~'}/.ssh/known_hosts` },
    { name: 'no-ssh-host-key-check', description: 'do not check ssh:// host keys (warned about)', boolean: true },
    { name: 'report-file', description: 'write the JSON report here' },
    { name: 'summary-file', description: 'append the Markdown summary (plan, batches, timeline, failures first) here', env: 'GITHUB_STEP_SUMMARY' },
];
/** Reads the flags shared by deploy, plan and rollback into the engine's settings. */
function readDeploySettings(args, dryRun, env = process.env) {
    const readFile = (flag, file, optional = false) => {
        if (!file)
            return undefined;
        try {
            return node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file, 'utf8');
        }
        catch (err) {
            if (optional)
                return undefined;
            throw new _errors__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`--${flag}: cannot read ${file} (${err.code})`);
        }
    };
    const password = args.get('password-stdin') === 'true' ? node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(0, 'utf8').trim() : env.AVIARY_REGISTRY_PASSWORD || undefined;
    return {
        configPath: args.get('config') ?? 'aviary.yml',
        overrides: {
            image: args.has('image') || args.positional[0] ? args.get('image') ?? args.positional[0] : undefined,
            groups: (args.get('groups') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
            batches: args.get('batches'),
            parallel: args.get('parallel'),
            maxUnhealthy: args.get('max-unhealthy'),
            pause: args.get('pause'),
            lockWait: args.get('lock-wait'),
        },
        dryRun,
        forceUnlock: args.get('force-unlock') === 'true',
        registry: { username: args.get('username'), password },
        ssh: {
            key: readFile('ssh-key', args.get('ssh-key')) ?? env.AVIARY_SSH_KEY,
            knownHosts: readFile('ssh-known-hosts', args.get('ssh-known-hosts'), !args.has('ssh-known-hosts')),
            hostKeyCheck: args.get('no-ssh-host-key-check') !== 'true',
        },
        reportFile: args.get('report-file'),
        inputName: (n) => `--${n}`,
    };
}
function makeCommand(name) {
    const dryRun = name === 'plan';
    return {
        name,
        summary: dryRun
            ? 'print the plan of a deploy (batches, hosts, current → new digest) and change nothing'
            : 'roll an image out across the groups of aviary.yml in canary batches, with health checks and automatic rollback',
        usage: `aviary ${name} [flags] [IMAGE]`,
        flags: deployFlags,
        async run(args, log) {
            const settings = readDeploySettings(args, dryRun);
            const signal = (0,_util_cancel__WEBPACK_IMPORTED_MODULE_4__/* .cancelOnSignals */ .d)(log);
            const { report } = await (0,_deploy__WEBPACK_IMPORTED_MODULE_1__.deploy)(settings, log, process.env, signal);
            writeSummary(args.get('summary-file'), report);
            for (const [key, value] of Object.entries((0,_deploy__WEBPACK_IMPORTED_MODULE_1__.outputsOf)(report, settings.reportFile)))
                log.info(`${key}=${value}`);
            if (report.result !== 'deployed') {
                // The full evidence was logged where it happened; end with the verdict in one line.
                log.error(`${report.result}: ${(report.error ?? '').split('\n')[0]}`);
                return 1;
            }
            return 0;
        },
    };
}
const command = makeCommand('deploy');
const planCommand = makeCommand('plan');
/** Appends the Markdown summary to a file (GITHUB_STEP_SUMMARY when run inside a workflow). */
function writeSummary(file, report) {
    if (file)
        node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync(file, (0,_report_summary__WEBPACK_IMPORTED_MODULE_2__/* .renderSummary */ .Br)(report) + '\n');
}


/***/ }),

/***/ 18190:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   command: () => (/* binding */ command),
/* harmony export */   unlockCommand: () => (/* binding */ unlockCommand)
/* harmony export */ });
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(29880);
/* harmony import */ var _rollout_recover__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(11693);
/* harmony import */ var _status__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(65565);
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(93839);
// `aviary status` and `aviary unlock`: read what every host runs; remove a dead run's lock.




const connectionFlags = _deploy__WEBPACK_IMPORTED_MODULE_3__.deployFlags.filter((f) => ['config', 'groups', 'ssh-key', 'ssh-known-hosts', 'no-ssh-host-key-check'].includes(f.name));
const command = {
    name: 'status',
    summary: 'show, per group and host, the running version and digest, since when and by whom, the previous versions kept, health now, and the lock',
    usage: 'aviary status [flags]',
    flags: [...connectionFlags, { name: 'json', description: 'print JSON instead of text', boolean: true }],
    async run(args, log) {
        const status = await (0,_status__WEBPACK_IMPORTED_MODULE_2__.readStatus)((0,_deploy__WEBPACK_IMPORTED_MODULE_3__.readDeploySettings)(args, true), log);
        log.info(args.get('json') === 'true' ? JSON.stringify(status, null, 2) : (0,_status__WEBPACK_IMPORTED_MODULE_2__.renderStatus)(status));
        return status.hosts.every((h) => h.reachable && !h.error) ? 0 : 1;
    },
};
const unlockCommand = {
    name: 'unlock',
    summary: 'take the deploy lock of the service from whoever holds it (for a run known to be gone), put back the hosts that run left half-done, check every host, and release the lock',
    usage: 'aviary unlock [flags]',
    flags: connectionFlags,
    async run(args, log) {
        const settings = (0,_deploy__WEBPACK_IMPORTED_MODULE_3__.readDeploySettings)(args, true);
        // As a run of its own: the holder's lock is taken over (force), its records repaired, then released.
        const recovery = await (0,_deploy__WEBPACK_IMPORTED_MODULE_0__.recover)(settings, (0,_deploy__WEBPACK_IMPORTED_MODULE_0__.newDeploymentId)(), log, process.env, false, true);
        for (const line of (0,_rollout_recover__WEBPACK_IMPORTED_MODULE_1__.renderRecovery)(recovery))
            log.info(line);
        return recovery.ok ? 0 : 1;
    },
};


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


/***/ }),

/***/ 24436:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ cancelOnSignals)
/* harmony export */ });
function cancelOnSignals(log) {
    const cancel = new AbortController();
    for (const sig of ['SIGINT', 'SIGTERM']) {
        process.on(sig, () => {
            log.warn(cancel.signal.aborted
                ? `${sig} received: still rolling back what this run touched`
                : `${sig} received: starting nothing new, rolling back what this run touched, releasing the lock`);
            cancel.abort(new Error(`cancelled by ${sig}`));
        });
    }
    return cancel.signal;
}


/***/ })

};
;