"use strict";
exports.id = 909;
exports.ids = [909,73,839];
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

/***/ 34909:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   command: () => (/* binding */ command)
/* harmony export */ });
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _maintain_maintain__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46073);
/* harmony import */ var _maintain_ssh_command__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(11527);
/* harmony import */ var _util_cancel__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(24436);
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(26518);
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(93839);
// `aviary maintain`: a command on every host over SSH, in canary batches, the service checked after each.






const command = {
    name: 'maintain',
    summary: 'run a command on the hosts over SSH in canary batches (batches, parallel, max-unhealthy), drain hooks around each host; then wait for its engine, check the service runs healthy (starting it if needed) and the gates; stop at the first failure over the budget',
    usage: 'aviary maintain [flags] -- COMMAND [ARG...]',
    flags: [
        ..._deploy__WEBPACK_IMPORTED_MODULE_4__.deployFlags.filter((f) => [
            'config',
            'groups',
            'batches',
            'parallel',
            'max-unhealthy',
            'pause',
            'lock-wait',
            'force-unlock',
            'ssh-key',
            'ssh-known-hosts',
            'no-ssh-host-key-check',
        ].includes(f.name)),
        { name: 'hosts', description: 'only these hosts, comma-separated (default: every host of the groups)' },
        { name: 'ssh-user', description: 'SSH user for hosts not reached over ssh://', default: _maintain_maintain__WEBPACK_IMPORTED_MODULE_1__.MAINTAIN_DEFAULTS.sshUser },
        { name: 'command-timeout', description: 'how long the command may run on a host', default: '30m' },
        {
            name: 'engine-timeout',
            description: "how long the host's engine may take to answer again after the command",
            default: '5m',
        },
        { name: 'dry-run', description: 'print the batches, changing nothing', boolean: true },
    ],
    async run(args, log) {
        const settings = (0,_deploy__WEBPACK_IMPORTED_MODULE_4__.readDeploySettings)(args, args.get('dry-run') === 'true');
        const result = await (0,_maintain_maintain__WEBPACK_IMPORTED_MODULE_1__.maintain)(settings, readMaintainFlags(args), log, process.env, (0,_util_cancel__WEBPACK_IMPORTED_MODULE_5__/* .cancelOnSignals */ .d)(log));
        for (const line of (0,_maintain_maintain__WEBPACK_IMPORTED_MODULE_1__.renderMaintain)(result))
            log.info(line);
        if (result.error)
            log.error(result.error);
        return result.result === 'stopped' ? 1 : 0;
    },
};
function readMaintainFlags(args) {
    const duration = (flag) => {
        const ms = (0,_util_duration__WEBPACK_IMPORTED_MODULE_3__/* .parseDuration */ .E)(args.get(flag));
        if (ms === undefined || ms <= 0)
            throw new _errors__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`--${flag}: ${JSON.stringify(args.get(flag))} is not a duration like 90s or 10m`);
        return ms;
    };
    // One word is taken as the command line itself (it may hold `&&`); several are quoted word by word.
    const words = args.positional;
    return {
        command: words.length === 1 ? words[0] : (0,_maintain_ssh_command__WEBPACK_IMPORTED_MODULE_2__/* .commandLine */ .ay)(words),
        hosts: (args.get('hosts') ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        sshUser: args.get('ssh-user') ?? _maintain_maintain__WEBPACK_IMPORTED_MODULE_1__.MAINTAIN_DEFAULTS.sshUser,
        commandTimeoutMs: duration('command-timeout'),
        engineTimeoutMs: duration('engine-timeout'),
    };
}


/***/ }),

/***/ 46073:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAINTAIN_DEFAULTS: () => (/* binding */ MAINTAIN_DEFAULTS),
  maintain: () => (/* binding */ maintain),
  renderMaintain: () => (/* binding */ renderMaintain)
});

// UNUSED EXPORTS: ENGINE_GONE_MS

// EXTERNAL MODULE: ./src/deploy.ts
var deploy = __webpack_require__(29880);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/hooks/run.ts
var hooks_run = __webpack_require__(99017);
// EXTERNAL MODULE: ./src/gates/evaluate.ts + 2 modules
var evaluate = __webpack_require__(77481);
// EXTERNAL MODULE: ./src/rollout/health-probe.ts + 3 modules
var health_probe = __webpack_require__(31327);
// EXTERNAL MODULE: ./src/rollout/plan.ts
var rollout_plan = __webpack_require__(45762);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(26518);
// EXTERNAL MODULE: ./src/util/pool.ts
var pool = __webpack_require__(40704);
// EXTERNAL MODULE: ./src/rollout/locked.ts
var locked = __webpack_require__(30404);
;// CONCATENATED MODULE: ./src/maintain/policy.ts
// When a maintenance wave stops: aviary's answer to Ansible's serial + max_fail_percentage. Pure.
//
// Ansible counts failures per batch against max_fail_percentage, but also ends the play when every
// host of a batch failed, whatever the percentage (ansible#76915: with serial: 1, or a canary of
// one, max_fail_percentage: 100 cannot keep a play going). aviary's rule, stated in hosts:
//   1. Failures are counted over the whole wave against max-unhealthy (a count, or a percentage of
//      the hosts in scope rounded down — the rollout's budget). The failure that goes over it stops
//      the wave: no further host starts; hosts already running the command finish and are checked.
//   2. A batch whose hosts all failed stops the wave even within the budget (a command that fails
//      everywhere it ran is broken, not the hosts) — unless the budget allows every host in scope
//      to fail (max-unhealthy: 100%, or a count ≥ the hosts): that is how to say "run it on every
//      host whatever happens", which Ansible cannot express.
//   3. A failing gate after a batch stops the wave.
/** Rule 1: after a failure, may another host start? */
function overBudget(c) {
    return c.failed > c.allowed;
}
/** Rule 2: a batch that ended with every one of its hosts failed. */
function batchStops(c, batchSize, batchFailed) {
    if (overBudget(c))
        return true;
    const unlimited = c.allowed >= c.total;
    return !unlimited && batchSize > 0 && batchFailed === batchSize;
}

// EXTERNAL MODULE: ./src/maintain/ssh-command.ts
var ssh_command = __webpack_require__(11527);
;// CONCATENATED MODULE: ./src/maintain/maintain.ts
// `maintain`: rolling maintenance of the hosts themselves (an OS update, a reboot, an engine
// upgrade). A command runs on each host over SSH in the rollout's canary batches, between the
// drain hooks; then the host's engine must answer again and the service run healthy on it (started
// if the engine came back without it); gates are checked after each batch. The wave stops by the
// rule of ./policy.ts, naming the host and the command's output. Nothing is rolled back: a
// command on a host cannot be undone, so a failed host is left as it is, drained, for a human.











const MAINTAIN_DEFAULTS = { sshUser: 'root', commandTimeoutMs: 30 * 60_000, engineTimeoutMs: 5 * 60_000 };
async function maintain(settings, m, log, env = process.env, signal, deps = {}) {
    const name = settings.inputName ?? ((n) => `input ${n}`);
    if (!m.command.trim())
        throw new errors/* InputError */.dz(`${name('command')}: empty (expected the command to run on each host over SSH, e.g. "apt-get -y upgrade && systemctl restart docker")`);
    const config = (0,deploy.prepare)({ ...settings, target: 'previous' }, log, env);
    await (await __webpack_require__.e(/* import() */ 631).then(__webpack_require__.bind(__webpack_require__, 64631))).resolveInventory(config, log, { signal, env });
    const scope = (0,locked/* selectHosts */.s)(config, m.hosts, name('hosts'));
    const scoped = {
        ...config,
        groups: config.groups
            .map((g) => ({ ...g, hosts: g.hosts.filter((h) => scope.some((s) => s.spec.name === h.name)) }))
            .filter((g) => g.hosts.length),
    };
    const plan = (0,rollout_plan/* planRollout */.ne)(scoped);
    const deployment = settings.deployment ?? (0,deploy.newDeploymentId)();
    const out = {
        deployment,
        result: 'planned',
        batches: [],
        hosts: scope.map((s) => ({ host: s.spec.name, group: s.group.name, result: 'skipped' })),
    };
    for (const b of plan.batches) {
        out.batches.push({ index: b.index, total: b.total, group: b.group, hosts: b.hosts.map((h) => h.name), failed: 0 });
        for (const h of b.hosts)
            out.hosts.find((x) => x.host === h.name).batch = b.index;
    }
    const total = scope.length;
    const allowed = (0,rollout_plan/* budget */.gd)(config.strategy.maxUnhealthy, total);
    log.info(`aviary maintain: \`${m.command}\` on ${total} host(s) in ${plan.batches.length} batch(es) (${plan.batches.map((b) => b.hosts.length).join(', ')}), max-unhealthy ${allowed}, deployment ${deployment}`);
    if (settings.dryRun) {
        for (const b of out.batches)
            log.info(`batch ${b.index}/${b.total} · ${b.group} · ${b.hosts.join(', ')}`);
        return out;
    }
    const health = deps.health ?? new health_probe/* RealHealthProbe */.N(log);
    const run = deps.run ?? ssh_command/* runOverSsh */.oO;
    // A host that reboots takes no heartbeat: its lock must outlive the command and the engine's return.
    const minLockTimeoutMs = m.commandTimeoutMs + m.engineTimeoutMs;
    await (0,locked/* withLockedHosts */.Y)(config, scope, { deployment, ssh: settings.ssh, forceUnlock: settings.forceUnlock, signal, env, minLockTimeoutMs }, log, async (hosts) => {
        let failed = 0;
        for (const [i, batch] of plan.batches.entries()) {
            const summary = out.batches[i];
            if (signal?.aborted) {
                out.error = 'the maintenance was cancelled';
                break;
            }
            const group = scoped.groups.find((g) => g.name === batch.group);
            const stop = new AbortController();
            const onAbort = () => stop.abort();
            signal?.addEventListener('abort', onAbort);
            let first;
            try {
                await log.group(`Batch ${batch.index}/${batch.total} · ${batch.group} · ${summary.hosts.join(', ')}`, () => (0,pool/* mapLimit */.sf)(batch.hosts, group.strategy.parallel, async (spec) => {
                    const h = out.hosts.find((x) => x.host === spec.name);
                    const s = scope.find((x) => x.spec.name === spec.name);
                    await maintainHost(hosts.get(spec.name), s, h, config.service, m, settings, health, run, log, stop.signal);
                    if (h.result === 'failed') {
                        failed++;
                        summary.failed++;
                        first ??= h;
                        log.error(h.error);
                        // Rule 1: over the budget, no further host of this batch starts.
                        if (overBudget({ total, allowed, failed }))
                            stop.abort();
                    }
                }, stop.signal));
            }
            finally {
                signal?.removeEventListener('abort', onAbort);
            }
            if (signal?.aborted) {
                out.error = 'the maintenance was cancelled';
                break;
            }
            if (first && batchStops({ total, allowed, failed }, batch.hosts.length, summary.failed)) {
                const why = overBudget({ total, allowed, failed })
                    ? `${failed} failed host(s), max-unhealthy allows ${allowed}`
                    : `every host of batch ${batch.index} failed`;
                out.error = `maintenance stopped at ${first.host} (batch ${batch.index}/${batch.total}; ${why}): ${first.error}`;
                break;
            }
            if (group.gates?.length) {
                const done = group.hosts.filter((hs) => out.hosts.find((x) => x.host === hs.name)?.result === 'done');
                const outcome = await log.group(`Gates after batch ${batch.index}/${batch.total} · ${batch.group}`, () => (0,evaluate/* evaluateGates */.ud)(group.gates, {
                    group: group.name,
                    hosts: done.map((hs) => hs.name),
                    addresses: done.map((hs) => hs.address),
                    version: 'maintenance',
                    service: config.service,
                    since: Date.now(),
                }, log, signal));
                summary.gates = outcome.message;
                if (!outcome.ok) {
                    out.error = `maintenance stopped after batch ${batch.index}/${batch.total}: ${outcome.message}`;
                    break;
                }
            }
            if (group.strategy.pauseMs > 0 && i < plan.batches.length - 1)
                await (0,pool/* sleep */.yy)(group.strategy.pauseMs, signal);
        }
    });
    out.result = out.error ? 'stopped' : 'done';
    return out;
}
/** One host: drain, the command, the engine back, the service running and healthy, undrain. */
async function maintainHost(host, s, h, service, m, settings, health, run, log, signal) {
    const t0 = Date.now();
    const fail = (message) => {
        h.result = 'failed';
        h.error = message.startsWith(`${h.host}: `) ? message : `${h.host}: ${message}`;
    };
    try {
        const before = await host.container(service);
        const context = { host: s.spec.name, address: s.spec.address, group: s.group.name, service };
        if (before?.running && s.group.hooks?.beforeStop) {
            const r = await (0,hooks_run/* runHook */.D)(s.group.hooks.beforeStop, context, log, signal);
            if (!r.ok)
                return fail(`${r.message}; the command was not run`);
        }
        log.info(`${h.host}: running \`${m.command}\``);
        const result = await run(s.spec, (0,ssh_command/* sshTarget */.ov)(s.spec, m.sshUser), m.command, settings.ssh, m.commandTimeoutMs, log);
        h.command = result;
        if (result.lost) {
            // A reboot ends the session under the command: wait for the engine to go away, then to come back.
            log.warn(`${h.host}: the SSH session ended without an exit status (the host is restarting?): waiting for its engine to go away and come back`);
            await waitForEngineGone(host, ENGINE_GONE_MS, signal);
        }
        else if (result.exitCode !== 0) {
            const how = result.timedOut
                ? `did not finish within ${(0,duration/* formatDuration */.a)(m.commandTimeoutMs)}`
                : result.exitCode === null
                    ? `ended by ${result.signal ?? 'a lost session'}`
                    : `exited with code ${result.exitCode}`;
            return fail(`\`${m.command}\` ${how} after ${(0,duration/* formatDuration */.a)(result.durationMs)}; its output:\n${indent(lastLines(result.output, 20))}`);
        }
        log.info(`${h.host}: the command ended after ${(0,duration/* formatDuration */.a)(result.durationMs)}`);
        const waited = await waitForEngine(host, m.engineTimeoutMs, signal);
        if (waited === undefined)
            return fail(`its engine did not answer within ${(0,duration/* formatDuration */.a)(m.engineTimeoutMs)} after the command`);
        if (!before) {
            h.health = 'the service was not on this host';
        }
        else {
            const now = await host.container(service);
            if (!now)
                return fail(`the engine answers, but the ${service} container (${before.image}) is gone`);
            if (!now.running) {
                log.warn(`${h.host}: the engine came back without ${service} running (${now.state}): starting it`);
                await host.start(now.id);
                h.startedService = true;
            }
            const verdict = await health.check(s.spec, host, now.id, s.group.health, signal);
            if (!verdict.healthy)
                return fail(`the engine answers again, but ${service} is not healthy: ${verdict.message}`);
            h.health = `healthy after ${(0,duration/* formatDuration */.a)(verdict.elapsedMs)}`;
            if (s.group.hooks?.afterHealthy) {
                const r = await (0,hooks_run/* runHook */.D)(s.group.hooks.afterHealthy, context, log, signal);
                if (!r.ok)
                    log.warn(r.message);
            }
        }
        h.result = 'done';
        log.info(`${h.host}: done (engine back after ${(0,duration/* formatDuration */.a)(waited)}${h.startedService ? `, ${service} started again` : ''}; ${h.health})`);
    }
    catch (err) {
        fail((0,errors/* describeError */.Uc)(err));
    }
    finally {
        h.durationMs = Date.now() - t0;
    }
}
/** After a lost session, how long the engine may go on answering before the host is taken as not restarting after all. */
const ENGINE_GONE_MS = 30_000;
/** Polls the engine until it stops answering (or the time is up). */
async function waitForEngineGone(host, timeoutMs, signal) {
    const t0 = Date.now();
    while (Date.now() - t0 < timeoutMs && !signal?.aborted) {
        try {
            await (0,pool/* withTimeout */.wj)(host.clock(), 2_000, "the engine's answer");
        }
        catch {
            return;
        }
        await (0,pool/* sleep */.yy)(250, signal);
    }
}
/** Polls the engine until it answers; the time it took, or undefined at the deadline. */
async function waitForEngine(host, timeoutMs, signal) {
    const t0 = Date.now();
    while (Date.now() - t0 < timeoutMs && !signal?.aborted) {
        try {
            await (0,pool/* withTimeout */.wj)(host.clock(), 3_000, "the engine's answer");
            return Date.now() - t0;
        }
        catch {
            await (0,pool/* sleep */.yy)(500, signal);
        }
    }
    return undefined;
}
function lastLines(text, n) {
    const lines = text.replace(/\s+$/, '').split('\n');
    return (lines.length > n ? ['…', ...lines.slice(-n)] : lines).join('\n') || '(no output)';
}
function indent(text) {
    return text
        .split('\n')
        .map((l) => `  | ${l}`)
        .join('\n');
}
function renderMaintain(r) {
    const lines = r.hosts.map((h) => `${h.host} (batch ${h.batch ?? '-'}): ${h.result}${h.result === 'done' ? ` — ${h.health ?? ''}${h.startedService ? '; service started again' : ''}` : h.error ? ` — ${h.error.split('\n')[0]}` : ''}`);
    lines.push(`maintain: ${r.result}${r.error ? `: ${r.error.split('\n')[0]}` : ''}`);
    return lines;
}


/***/ }),

/***/ 11527:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ay: () => (/* binding */ commandLine),
/* harmony export */   oO: () => (/* binding */ runOverSsh),
/* harmony export */   ov: () => (/* binding */ sshTarget)
/* harmony export */ });
/* harmony import */ var _hosts_ssh__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(63317);

const OUTPUT_LIMIT = 16 * 1024;
/** Where a host's SSH server is: its ssh:// endpoint, else `user@address:22`. */
function sshTarget(spec, user) {
    const e = spec.endpoint;
    if (e.scheme === 'ssh')
        return { host: e.host, port: e.port ?? 22, user: e.user };
    return { host: spec.address, port: 22, user };
}
/**
 * The argv as one command line for the remote user's shell (SSH carries a string, not a list):
 * each word single-quoted, so nothing in it is expanded or split on the host.
 */
function commandLine(argv) {
    return argv.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
async function runOverSsh(spec, target, line, ssh, timeoutMs, log) {
    const transport = new _hosts_ssh__WEBPACK_IMPORTED_MODULE_0__/* .SshTransport */ .e(target, {
        hostName: spec.name,
        privateKey: ssh.key,
        knownHosts: ssh.knownHosts,
        hostKeyCheck: ssh.hostKeyCheck,
        connectTimeoutMs: 10_000,
        maxChannels: 1,
        log,
    });
    const t0 = Date.now();
    // The transport unrefs its socket while no HTTP request is in flight (an idle session must not keep
    // a process alive): this timer, set before anything is sent, is what keeps the process waiting.
    let timer;
    let onTimeout = () => undefined;
    let output = '';
    const timedOut = new Promise((resolve) => {
        timer = setTimeout(() => {
            onTimeout();
            resolve({ exitCode: null, output: output.slice(-OUTPUT_LIMIT), durationMs: Date.now() - t0, timedOut: true });
        }, timeoutMs);
    });
    try {
        const client = await Promise.race([
            transport.execSession(),
            timedOut.then(() => {
                throw new Error(`no SSH session within ${timeoutMs}ms`);
            }),
        ]);
        const finished = new Promise((resolve, reject) => {
            client.exec(line, (err, channel) => {
                if (err)
                    return reject(err);
                const add = (chunk) => {
                    output += chunk.toString('utf8');
                    if (output.length > OUTPUT_LIMIT * 2)
                        output = output.slice(-OUTPUT_LIMIT);
                };
                channel.on('data', add);
                channel.stderr.on('data', add);
                let exitCode = null;
                let signal;
                channel.on('exit', (code, sig) => {
                    exitCode = code;
                    signal = sig ?? undefined;
                });
                onTimeout = () => channel.close();
                let exited = false;
                channel.on('exit', () => {
                    exited = true;
                });
                channel.on('close', () => resolve({
                    exitCode,
                    signal,
                    output: output.slice(-OUTPUT_LIMIT),
                    durationMs: Date.now() - t0,
                    ...(exited ? {} : { lost: true }),
                }));
                // A host that reboots drops the connection: the session's end, not an error to throw.
                client.once('close', () => resolve({
                    exitCode,
                    signal,
                    output: output.slice(-OUTPUT_LIMIT),
                    durationMs: Date.now() - t0,
                    ...(exited ? {} : { lost: true }),
                }));
            });
        });
        return await Promise.race([finished, timedOut]);
    }
    finally {
        clearTimeout(timer);
        transport.close();
    }
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