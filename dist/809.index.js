"use strict";
exports.id = 809;
exports.ids = [809,839];
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