"use strict";
exports.id = 112;
exports.ids = [112];
exports.modules = {

/***/ 59112:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   doctor: () => (/* binding */ doctor),
/* harmony export */   renderDoctor: () => (/* binding */ renderDoctor),
/* harmony export */   ui: () => (/* binding */ CHECKS)
/* harmony export */ });
/* unused harmony exports MAX_SKEW_MS, hostPort */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _deploy__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(29880);
/* harmony import */ var _config_load__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(72541);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _registry_insecure__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(53705);
/* harmony import */ var _registry_client__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(32440);
/* harmony import */ var _registry_reference__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(79310);
/* harmony import */ var _registry_credentials__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3653);
/* harmony import */ var _util_pool__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(40704);
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(26518);
/* harmony import */ var _maintain_ssh_command__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(11527);
/* harmony import */ var _rollout_locked__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(30404);
/* harmony import */ var _hosts_known_hosts__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(26074);
// `doctor`: before a first deploy to new hosts, one look at each host, changing nothing: the engine
// answers (and its version), free disk against the image's size, clock skew against the runner,
// the published ports free or held by the service, the registry reachable from the host (the
// engine asks it for the image's manifest: GET /distribution/{name}/json), the SSH host key known.













const CHECKS = ['engine', 'disk', 'clock', 'ports', 'registry', 'ssh'];
/** Clock skew beyond this makes lock ages and health timings wrong: a failure. */
const MAX_SKEW_MS = 5_000;
async function doctor(settings, hostNames, log, env = process.env) {
    const versioned = !!settings.overrides.image;
    const config = (0,_deploy__WEBPACK_IMPORTED_MODULE_1__.prepare)(versioned ? settings : { ...settings, target: 'previous' }, log, env);
    // Without a version given, the file's image as written (no tag: Docker's latest).
    if (!versioned)
        config.image = (0,_config_load__WEBPACK_IMPORTED_MODULE_2__/* .loadConfig */ .Z9)({
            path: settings.configPath,
            overrides: settings.overrides,
            env,
            requireImageVersion: false,
            inputName: settings.inputName,
        }).image;
    await (await __webpack_require__.e(/* import() */ 631).then(__webpack_require__.bind(__webpack_require__, 64631))).resolveInventory(config, log, { env });
    const scope = (0,_rollout_locked__WEBPACK_IMPORTED_MODULE_10__/* .selectHosts */ .s)(config, hostNames, settings.inputName?.('hosts') ?? 'input hosts');
    const auth = (0,_registry_credentials__WEBPACK_IMPORTED_MODULE_6__/* .resolveRegistryAuth */ .gi)(config.image, settings.registry, env, log);
    for (const s of (0,_registry_credentials__WEBPACK_IMPORTED_MODULE_6__/* .secretForms */ .eo)(auth))
        log.secret(s);
    const { connectHost } = await Promise.all(/* import() */[__webpack_require__.e(40), __webpack_require__.e(917)]).then(__webpack_require__.bind(__webpack_require__, 32917));
    // The image's size is asked once, of the registry as the first host's engine sees it (secure or not).
    let sizing;
    const sizeOf = (docker) => (sizing ??= (async () => {
        const info = (await docker.info());
        return imageSize(config.image, auth, info.RegistryConfig, log);
    })().catch((err) => {
        log.debug(`image size: ${(0,_errors__WEBPACK_IMPORTED_MODULE_3__/* .describeError */ .Uc)(err)}`);
        return undefined;
    }));
    const results = await (0,_util_pool__WEBPACK_IMPORTED_MODULE_7__/* .mapLimit */ .sf)(scope, config.strategy.parallel, async ({ spec, group }) => {
        const checks = Object.fromEntries(CHECKS.map((c) => [c, { verdict: 'n/a', detail: '' }]));
        let connection;
        try {
            connection = await connectHost(spec, {
                parallel: 1,
                sshKey: settings.ssh.key,
                knownHosts: settings.ssh.knownHosts,
                sshHostKeyCheck: settings.ssh.hostKeyCheck,
            }, log);
        }
        catch (err) {
            const reason = (0,_errors__WEBPACK_IMPORTED_MODULE_3__/* .describeError */ .Uc)(err);
            checks.engine = { verdict: 'fail', detail: reason };
            if (spec.endpoint.scheme === 'ssh')
                checks.ssh = /host key|known_hosts/i.test(reason)
                    ? { verdict: 'fail', detail: reason }
                    : { verdict: 'n/a', detail: 'not reached' };
            return { host: spec.name, group: group.name, checks };
        }
        try {
            const docker = connection.docker;
            checks.engine = {
                verdict: 'ok',
                detail: `Docker ${connection.engine.version} (API ${connection.engine.apiVersion})`,
            };
            checks.ssh =
                spec.endpoint.scheme === 'ssh'
                    ? settings.ssh.hostKeyCheck
                        ? { verdict: 'ok', detail: 'known, and the host offered it' }
                        : { verdict: 'warn', detail: 'not checked (host key checking is off)' }
                    : {
                        verdict: 'n/a',
                        detail: `not reached over SSH (for maintain, root@${spec.address}:22 is ${(0,_hosts_known_hosts__WEBPACK_IMPORTED_MODULE_11__/* .knownKeysFor */ .De)(settings.ssh.knownHosts ?? '', spec.address, 22).length ? 'in' : 'not in'} known_hosts)`,
                    };
            const [disk, clock, ports, registry] = await Promise.all([
                guard(async () => checkDisk(docker, spec, config.image, await sizeOf(docker), settings, log)),
                guard(() => checkClock(docker)),
                guard(() => checkPorts(docker, spec, group, config.service)),
                guard(() => checkRegistry(docker, config.image, auth, log)),
            ]);
            Object.assign(checks, { disk, clock, ports, registry });
        }
        finally {
            connection.close();
        }
        return { host: spec.name, group: group.name, checks };
    });
    const hosts = results.map((r, i) => r.ok
        ? r.value
        : {
            host: scope[i].spec.name,
            group: scope[i].group.name,
            checks: Object.fromEntries(CHECKS.map((c) => [c, { verdict: 'fail', detail: (0,_errors__WEBPACK_IMPORTED_MODULE_3__/* .describeError */ .Uc)(r.error) }])),
        });
    const imageBytes = sizing ? await sizing : undefined;
    return {
        service: config.service,
        image: config.image,
        imageBytes,
        hosts,
        ok: hosts.every((h) => CHECKS.every((c) => h.checks[c].verdict !== 'fail')),
    };
}
async function guard(fn) {
    try {
        return await (0,_util_pool__WEBPACK_IMPORTED_MODULE_7__/* .withTimeout */ .wj)(fn(), 20_000, 'the check');
    }
    catch (err) {
        return { verdict: 'fail', detail: (0,_errors__WEBPACK_IMPORTED_MODULE_3__/* .describeError */ .Uc)(err) };
    }
}
/** The image's compressed size: its layers and config, from the registry (the platform linux/amd64 of an index). */
async function imageSize(image, auth, engineRegistries, log) {
    const ref = (0,_registry_reference__WEBPACK_IMPORTED_MODULE_12__/* .parseImageRef */ .Q)(image);
    const registry = (0,_registry_reference__WEBPACK_IMPORTED_MODULE_12__/* .registryOf */ .Fv)(image);
    const client = new _registry_client__WEBPACK_IMPORTED_MODULE_5__/* .RegistryClient */ .bP(registry, {
        credentials: auth,
        insecure: await (0,_registry_insecure__WEBPACK_IMPORTED_MODULE_4__/* .isInsecureRegistry */ .y)(registry, engineRegistries),
        log,
        timeoutMs: 10_000,
    });
    const get = async (reference) => {
        const res = await client.call('GET', `/v2/${ref.repository}/manifests/${reference}`, ref.repository, {
            headers: { accept: _registry_client__WEBPACK_IMPORTED_MODULE_5__/* .MANIFEST_ACCEPT */ .dY },
        });
        if (res.status !== 200)
            throw new Error(`HTTP ${res.status}`);
        return JSON.parse(res.body.toString('utf8'));
    };
    let m = await get(ref.digest ?? ref.tag ?? 'latest');
    if (m.manifests) {
        const pick = m.manifests.find((x) => x.platform?.os === 'linux' && x.platform?.architecture === 'amd64') ?? m.manifests[0];
        m = await get(pick.digest);
    }
    return (m.layers ?? []).reduce((n, l) => n + l.size, 0) + (m.config?.size ?? 0);
}
/**
 * Free space where the engine keeps its images. The Engine API does not tell it: it is read over
 * SSH (`df` on the engine's root dir) on hosts reached over ssh://. An image needs about three times
 * its compressed size while it is pulled and unpacked; already on the host, it needs nothing more.
 */
async function checkDisk(docker, spec, image, imageBytes, settings, log) {
    const info = (await docker.info());
    const local = (await docker
        .getImage(image)
        .inspect()
        .catch(() => undefined));
    const need = local ? 0 : imageBytes !== undefined ? imageBytes * 3 : undefined;
    const size = local
        ? `the image is already there (${mb(local.Size ?? 0)})`
        : imageBytes !== undefined
            ? `the image is ${mb(imageBytes)} compressed, ~${mb(need)} to pull and unpack`
            : 'the image size is unknown';
    if (spec.endpoint.scheme !== 'ssh')
        return {
            verdict: 'n/a',
            detail: `free space unknown: the Engine API does not report it (reach the host over ssh:// to read it); ${size}`,
        };
    const root = info.DockerRootDir ?? '/var/lib/docker';
    const r = await (0,_maintain_ssh_command__WEBPACK_IMPORTED_MODULE_9__/* .runOverSsh */ .oO)(spec, (0,_maintain_ssh_command__WEBPACK_IMPORTED_MODULE_9__/* .sshTarget */ .ov)(spec, 'root'), `df -Pk '${root.replace(/'/g, '')}'`, settings.ssh, 15_000, log);
    const line = r.output.trim().split('\n').pop() ?? '';
    const free = Number(line.split(/\s+/)[3]) * 1024;
    if (r.exitCode !== 0 || !Number.isFinite(free))
        return { verdict: 'warn', detail: `df on ${root} failed: ${r.output.trim().slice(-200)}` };
    if (need !== undefined && free < need)
        return { verdict: 'fail', detail: `${mb(free)} free on ${root}; ${size}` };
    return { verdict: 'ok', detail: `${mb(free)} free on ${root}; ${size}` };
}
/** The engine's clock against the runner's, at the middle of the round trip. */
async function checkClock(docker) {
    const before = Date.now();
    const info = (await docker.info());
    const after = Date.now();
    const remote = Date.parse(info.SystemTime ?? '');
    if (!Number.isFinite(remote))
        return { verdict: 'warn', detail: 'the engine does not report its time' };
    const skew = remote - (before + after) / 2;
    const text = `${skew >= 0 ? '+' : '-'}${(0,_util_duration__WEBPACK_IMPORTED_MODULE_8__/* .formatDuration */ .a)(Math.abs(Math.round(skew)))} against the runner (±${(0,_util_duration__WEBPACK_IMPORTED_MODULE_8__/* .formatDuration */ .a)(Math.ceil((after - before) / 2))})`;
    return { verdict: Math.abs(skew) > MAX_SKEW_MS ? 'fail' : Math.abs(skew) > 1_000 ? 'warn' : 'ok', detail: text };
}
/** The host port of a `-p` spec ("8080:8080", "127.0.0.1:80:8080/tcp"), or undefined for a random one. */
function hostPort(spec) {
    const parts = spec.replace(/\/(tcp|udp|sctp)$/, '').split(':');
    if (parts.length < 2)
        return undefined;
    const n = Number(parts[parts.length - 2]);
    return Number.isInteger(n) && n > 0 ? n : undefined;
}
/** Each published port: held by the service (fine), by another container (fail), by something outside Docker (fail), or free. */
async function checkPorts(docker, spec, group, service) {
    const ports = group.container.ports.map(hostPort).filter((p) => p !== undefined);
    if (!ports.length)
        return { verdict: 'n/a', detail: 'no published port' };
    const list = await docker.listContainers({ all: false });
    const out = [];
    let verdict = 'ok';
    for (const port of ports) {
        const holder = list.find((c) => (c.Ports ?? []).some((p) => p.PublicPort === port));
        const name = holder?.Names?.[0]?.replace(/^\//, '');
        if (holder && (name === service || holder.Labels?.['aviary.service'] === service))
            out.push(`${port} held by ${service}`);
        else if (holder) {
            verdict = 'fail';
            out.push(`${port} held by container ${name}`);
        }
        else if (await answers(spec.address, port)) {
            verdict = 'fail';
            out.push(`${port} taken by something outside Docker`);
        }
        else
            out.push(`${port} free`);
    }
    return { verdict, detail: out.join(', ') };
}
function answers(host, port) {
    return new Promise((resolve) => {
        const s = node_net__WEBPACK_IMPORTED_MODULE_0__.connect({ host, port });
        const done = (v) => {
            s.destroy();
            resolve(v);
        };
        s.setTimeout(1_500, () => done(false));
        s.once('connect', () => done(true));
        s.once('error', () => done(false));
    });
}
/** The engine asks the registry for the image's manifest (with the deploy's credentials): what a pull would do first. */
async function checkRegistry(docker, image, auth, log) {
    const t0 = Date.now();
    try {
        const opts = auth
            ? { authconfig: { username: auth.username, password: auth.password, serveraddress: (0,_registry_reference__WEBPACK_IMPORTED_MODULE_12__/* .registryOf */ .Fv)(image) } }
            : {};
        const d = (await docker.getImage(image).distribution(opts));
        return {
            verdict: 'ok',
            detail: `${(0,_registry_reference__WEBPACK_IMPORTED_MODULE_12__/* .registryOf */ .Fv)(image)} answers: ${image.split('@')[0]} is ${d.Descriptor?.digest?.slice(0, 19) ?? '?'}… (${(0,_util_duration__WEBPACK_IMPORTED_MODULE_8__/* .formatDuration */ .a)(Date.now() - t0)})`,
        };
    }
    catch (err) {
        const e = err;
        log.debug(`distribution inspect: ${e.message}`);
        return {
            verdict: 'fail',
            detail: `the engine could not read the manifest of ${image} from ${(0,_registry_reference__WEBPACK_IMPORTED_MODULE_12__/* .registryOf */ .Fv)(image)}: ${e.json?.message ?? e.message}`,
        };
    }
}
function mb(bytes) {
    return bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GiB` : `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}
/** The report as one table: a row per host, a column per check. */
function renderDoctor(r) {
    const mark = { ok: 'ok', warn: 'WARN', fail: 'FAIL', 'n/a': '-' };
    const lines = [
        `doctor: ${r.service}, image ${r.image}${r.imageBytes !== undefined ? ` (${mb(r.imageBytes)} compressed)` : ''}`,
    ];
    for (const h of r.hosts) {
        lines.push(`${h.host} (${h.group})`);
        for (const c of CHECKS)
            lines.push(`  ${c.padEnd(8)} ${mark[h.checks[c].verdict].padEnd(4)} ${h.checks[c].detail}`);
    }
    lines.push(r.ok
        ? 'doctor: no check failed'
        : `doctor: ${r.hosts
            .filter((h) => CHECKS.some((c) => h.checks[c].verdict === 'fail'))
            .map((h) => h.host)
            .join(', ')} failed a check`);
    return lines.join('\n');
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


/***/ })

};
;