"use strict";
exports.id = 435;
exports.ids = [435,442,839];
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

/***/ 55435:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   command: () => (/* binding */ command)
/* harmony export */ });
/* harmony import */ var _ops_sync__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(47442);
/* harmony import */ var _util_cancel__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(24436);
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(93839);
// `aviary sync`: bring every host of the groups to the version the group runs now (or the one given).



const command = {
    name: 'sync',
    summary: 'bring every host of the groups to the version the group runs now (the newest healthy one recorded on its hosts, or IMAGE): hosts that run nothing or another version get it in canary batches, with health checks and rollback; the others are left alone',
    usage: 'aviary sync [flags] [IMAGE]',
    flags: [
        ..._deploy__WEBPACK_IMPORTED_MODULE_1__.deployFlags.filter((f) => !['summary-file', 'report-file'].includes(f.name)),
        { name: 'dry-run', description: 'print which hosts would change and why, changing nothing', boolean: true },
    ],
    async run(args, log) {
        const settings = (0,_deploy__WEBPACK_IMPORTED_MODULE_1__.readDeploySettings)(args, args.get('dry-run') === 'true');
        const result = await (0,_ops_sync__WEBPACK_IMPORTED_MODULE_0__.sync)(settings, log, process.env, (0,_util_cancel__WEBPACK_IMPORTED_MODULE_2__/* .cancelOnSignals */ .d)(log));
        for (const line of (0,_ops_sync__WEBPACK_IMPORTED_MODULE_0__.renderSync)(result))
            log.info(line);
        return result.result === 'failed' ? 1 : 0;
    },
};


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
// EXTERNAL MODULE: ./src/registry/credentials.ts
var credentials = __webpack_require__(3653);
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
        return {
            host: h.name,
            change: false,
            reason: h.healthy ? 'runs it, healthy' : 'runs it (not healthy now: left alone, see status)',
        };
    });
}

// EXTERNAL MODULE: ./src/hosts/engine.ts
var engine = __webpack_require__(39989);
// EXTERNAL MODULE: ./src/rollout/locked.ts
var locked = __webpack_require__(30404);
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
    const listed = config.groups
        .flatMap((g) => g.hosts.map((h) => h.name))
        .sort()
        .join(', ');
    const read = status.hosts
        .map((h) => h.name)
        .sort()
        .join(', ');
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
        const hosts = status.hosts
            .filter((h) => h.group === name)
            .map((h) => ({
            name: h.name,
            image: h.current?.image,
            digest: h.current?.digest,
            since: h.current?.since,
            state: h.current?.state,
            healthy: h.health === 'healthy',
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
    const scoped = {
        ...config,
        image: target.image,
        groups: [{ ...spec, hosts: spec.hosts.filter((h) => changing.has(h.name)) }],
    };
    const auth = (0,credentials/* resolveRegistryAuth */.gi)(target.image, settings.registry, env, log);
    for (const s of (0,credentials/* secretForms */.eo)(auth))
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
        const now = {
            name,
            image: c?.image,
            digest: c?.labels[engine/* LABEL */.d_.digest] || undefined,
            state: c?.state,
            healthy: !!c?.running,
        };
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