"use strict";
exports.id = 143;
exports.ids = [143,257,839];
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
    {
        name: 'image',
        description: "image to deploy: repo:tag, repo@sha256:…, or a tag/digest of the config file's image",
    },
    { name: 'groups', description: 'groups to deploy to, comma-separated (default: all)' },
    { name: 'batches', description: 'batch sizes, e.g. 1,25%,100%' },
    { name: 'parallel', description: 'hosts in flight at once' },
    { name: 'max-unhealthy', description: 'failure budget (count or percentage)' },
    { name: 'pause', description: 'bake time after each healthy batch, e.g. 30s' },
    {
        name: 'lock-wait',
        description: 'wait up to this long for the deploy lock held by another live run, e.g. 10m (default: fail at once)',
    },
    { name: 'force-unlock', description: 'take the deploy lock even if another run holds it', boolean: true },
    { name: 'username', description: "registry user for the hosts' pulls", env: 'AVIARY_REGISTRY_USERNAME' },
    {
        name: 'password-stdin',
        description: 'read the registry password from standard input (or set AVIARY_REGISTRY_PASSWORD)',
        boolean: true,
    },
    {
        name: 'ssh-key',
        description: 'file with the private key for ssh:// hosts (or set AVIARY_SSH_KEY to the key itself)',
    },
    {
        name: 'ssh-known-hosts',
        description: "known_hosts file the ssh:// hosts' keys are checked against",
        default: `${process.env.HOME ?? '~'}/.ssh/known_hosts`,
    },
    { name: 'no-ssh-host-key-check', description: 'do not check ssh:// host keys (warned about)', boolean: true },
    { name: 'report-file', description: 'write the JSON report here' },
    {
        name: 'summary-file',
        description: 'append the Markdown summary (plan, batches, timeline, failures first) here',
        env: 'GITHUB_STEP_SUMMARY',
    },
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
    const password = args.get('password-stdin') === 'true'
        ? node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(0, 'utf8').trim()
        : env.AVIARY_REGISTRY_PASSWORD || undefined;
    return {
        configPath: args.get('config') ?? 'aviary.yml',
        overrides: {
            image: args.has('image') || args.positional[0] ? (args.get('image') ?? args.positional[0]) : undefined,
            groups: (args.get('groups') ?? '')
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
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

/***/ 49143:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   command: () => (/* binding */ command)
/* harmony export */ });
/* harmony import */ var _ops_retire__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54257);
/* harmony import */ var _util_cancel__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(24436);
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(93839);
// `aviary retire`: drain and remove the service, its kept containers and its records from named hosts.



const command = {
    name: 'retire',
    summary: 'under the deploy lock, drain (before-stop hook) and remove the service, its kept containers and its records from the named hosts; the rest of the group is untouched',
    usage: 'aviary retire [flags] --hosts web-3,web-4',
    flags: [
        { name: 'hosts', description: 'hosts to retire the service from, comma-separated (required)' },
        ..._deploy__WEBPACK_IMPORTED_MODULE_1__.deployFlags.filter((f) => ['config', 'groups', 'lock-wait', 'force-unlock', 'ssh-key', 'ssh-known-hosts', 'no-ssh-host-key-check'].includes(f.name)),
        { name: 'dry-run', description: 'print which hosts would be retired, changing nothing', boolean: true },
    ],
    async run(args, log) {
        const settings = (0,_deploy__WEBPACK_IMPORTED_MODULE_1__.readDeploySettings)(args, args.get('dry-run') === 'true');
        const hosts = (args.get('hosts') ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
        const result = await (0,_ops_retire__WEBPACK_IMPORTED_MODULE_0__.retire)(settings, hosts, log, process.env, (0,_util_cancel__WEBPACK_IMPORTED_MODULE_2__/* .cancelOnSignals */ .d)(log));
        return result.ok ? 0 : 1;
    },
};


/***/ }),

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