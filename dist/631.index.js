"use strict";
exports.id = 631;
exports.ids = [631];
exports.modules = {

/***/ 64631:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_INVENTORY_HOSTS: () => (/* binding */ MAX_INVENTORY_HOSTS),
  describeInventory: () => (/* binding */ describeInventory),
  resolveInventory: () => (/* binding */ resolveInventory)
});

// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
// EXTERNAL MODULE: ./src/hosts/endpoint.ts
var endpoint = __webpack_require__(30562);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(26518);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/inventory/command.ts
// Asking a program for a group's hosts (a cloud CLI, a script over an inventory API): run without a
// shell, within a deadline, its output read as JSON or as one host per line.


const MAX_OUTPUT = 1024 * 1024;
/** Runs the program; rejects with a message that says how it failed (not found, exit code, killed at the deadline). */
function runInventoryCommand(source, timeoutMs, env, signal) {
    const [program, ...args] = source.argv;
    const t0 = Date.now();
    return new Promise((resolve, reject) => {
        (0,external_node_child_process_.execFile)(program, args, {
            timeout: timeoutMs,
            killSignal: 'SIGKILL',
            maxBuffer: MAX_OUTPUT,
            env,
            signal,
            windowsHide: true,
            encoding: 'utf8',
        }, (err, stdout, stderr) => {
            if (!err)
                return resolve({ stdout, stderr });
            const e = err;
            const said = tail(stderr || stdout);
            let why;
            if (signal?.aborted)
                why = 'was stopped: the run was cancelled';
            else if (e.killed && e.signal === 'SIGKILL' && Date.now() - t0 >= timeoutMs - 50)
                why = `did not finish within ${(0,duration/* formatDuration */.a)(timeoutMs)} and was killed`;
            else if (e.code === 'ENOENT')
                why = `could not start: ${program} was not found`;
            else if (e.code === 'EACCES')
                why = `could not start: ${program} is not executable`;
            else if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
                why = `printed more than ${MAX_OUTPUT} bytes`;
            else if (typeof e.code === 'number')
                why = `exited with code ${e.code}`;
            else if (e.signal)
                why = `was killed by ${e.signal}`;
            else
                why = `failed: ${e.message}`;
            reject(new Error(`${why}${said ? `: ${said}` : ''}`));
        });
    });
}
function tail(text) {
    const lines = (text ?? '')
        .trim()
        .split('\n')
        .filter((l) => l.trim())
        .slice(-3)
        .join(' | ');
    return lines.length > 300 ? lines.slice(0, 299) + '…' : lines;
}
/**
 * The hosts in a program's output: JSON (a list of strings or {name, docker, address} mappings, or
 * a mapping with such a list under `hosts`) or plain text, one host per line (blank lines and
 * lines starting with # are skipped). Throws when JSON is malformed or of another shape.
 */
function parsePrinted(stdout) {
    const text = stdout.trim();
    if (text.startsWith('[') || text.startsWith('{')) {
        let doc;
        try {
            doc = JSON.parse(text);
        }
        catch (err) {
            throw new Error(`printed JSON that does not parse (${err.message})`, { cause: err });
        }
        const list = Array.isArray(doc) ? doc : doc.hosts;
        if (!Array.isArray(list))
            throw new Error('printed JSON that is neither a list of hosts nor a mapping with a "hosts" list');
        return list.map((item, index) => {
            if (typeof item === 'string')
                return { index, text: item };
            if (item && typeof item === 'object' && !Array.isArray(item)) {
                const o = item;
                return { index, name: o.name, docker: o.docker, address: o.address };
            }
            return { index, text: JSON.stringify(item) };
        });
    }
    return text
        .split('\n')
        .map((l, i) => ({ line: i + 1, text: l.trim() }))
        .filter((e) => e.text !== '' && !e.text.startsWith('#'));
}

// EXTERNAL MODULE: external "node:dns/promises"
var promises_ = __webpack_require__(71553);
;// CONCATENATED MODULE: ./src/inventory/dns.ts
// Looking a group's hosts up in DNS: A/AAAA records (each address a host) or SRV records (each
// target, at its own port), through the system's resolvers or a given server, within a deadline.

const DNS_ERRORS = {
    ENOTFOUND: 'no such name (NXDOMAIN)',
    ENODATA: 'no records of that type',
    ESERVFAIL: 'the server failed (SERVFAIL)',
    EREFUSED: 'the server refused the query',
    ETIMEOUT: 'no answer from the server',
    ECONNREFUSED: 'the server refused the connection',
    ECANCELLED: 'cancelled',
};
/** The DNS error in words, keeping its code. */
function dnsReason(err) {
    const code = err?.code;
    return code && DNS_ERRORS[code] ? `${DNS_ERRORS[code]} (${code})` : (err?.message ?? String(err));
}
function empty(err) {
    const code = err?.code;
    return code === 'ENODATA' || code === 'ENOTFOUND';
}
/** Addresses of a name, A and/or AAAA; a name without one of the two types is not an error. */
async function addresses(resolver, name, record) {
    const lookups = [];
    if (record !== 'AAAA')
        lookups.push(resolver.resolve4(name));
    if (record !== 'A')
        lookups.push(resolver.resolve6(name));
    const settled = await Promise.allSettled(lookups);
    const out = [];
    const errors = [];
    for (const s of settled) {
        if (s.status === 'fulfilled')
            out.push(...s.value);
        else if (!empty(s.reason))
            errors.push(s.reason);
    }
    if (out.length === 0 && errors.length)
        throw errors[0];
    if (out.length === 0) {
        const first = settled.find((s) => s.status === 'rejected');
        if (first)
            throw first.reason;
    }
    return out;
}
/**
 * The hosts a DNS source names. `timeoutMs` bounds each query (the resolver's own timeout, one
 * retry); the caller bounds the whole lookup and cancels it through `signal`.
 */
async function lookupDns(source, timeoutMs, signal) {
    const resolver = new promises_.Resolver({ timeout: Math.max(100, Math.floor(timeoutMs / 2)), tries: 2 });
    if (source.server)
        resolver.setServers([source.server]);
    const cancel = () => resolver.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
        if (source.record !== 'SRV') {
            return (await addresses(resolver, source.name, source.record)).map((a) => ({ name: a, address: a }));
        }
        const records = await resolver.resolveSrv(source.name);
        // Every target, at its own port; a target's address comes from the same server (the system's
        // resolver may not know the names a private DNS serves).
        const found = await Promise.all(records.map(async (r) => {
            const target = r.name.replace(/\.$/, '').toLowerCase();
            let list;
            try {
                list = await addresses(resolver, target, 'A/AAAA');
            }
            catch (err) {
                throw new Error(`SRV target ${target}: ${dnsReason(err)}`, { cause: err });
            }
            return list.map((a) => ({ name: list.length === 1 ? target : a, address: a, port: r.port }));
        }));
        return found.flat();
    }
    finally {
        signal?.removeEventListener('abort', cancel);
    }
}

;// CONCATENATED MODULE: ./src/inventory/resolve.ts
// Dynamic inventory at the start of a run: every group whose hosts come from DNS or a program gets
// them now, before anything connects. A source that fails, is too slow or finds nothing ends the
// run with one error per group that names the group and the source; no host has been touched.






const MAX_INVENTORY_HOSTS = 10_000;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$/;
/** The source in words, for the log and for errors: `dns A/AAAA web.internal (server 10.0.0.2)`. */
function describeInventory(s) {
    if (s.source.kind === 'dns')
        return `dns ${s.source.record} ${s.source.name}${s.source.server ? ` (server ${s.source.server})` : ''}`;
    return `command ${JSON.stringify(s.source.argv)}`;
}
async function resolveInventory(config, log, options = {}) {
    const groups = config.groups.filter((g) => g.inventory);
    if (groups.length === 0)
        return;
    const results = await Promise.all(groups.map(async (g) => {
        const source = g.inventory;
        const t0 = external_node_perf_hooks_.performance.now();
        try {
            const hosts = await withDeadline(source, (signal) => hostsOf(source, signal, options.env ?? process.env), options.signal);
            return { group: g, source, hosts, ms: external_node_perf_hooks_.performance.now() - t0 };
        }
        catch (err) {
            return {
                group: g,
                source,
                error: `${source.field}: ${describeInventory(source)} ${err.message}; nothing was changed`,
            };
        }
    }));
    const problems = results.flatMap((r) => (r.error ? [r.error] : []));
    // A host found must not be another group's (or another source's): one engine, one group.
    if (problems.length === 0) {
        const seen = new Map();
        const names = new Map();
        for (const g of config.groups) {
            for (const h of g.inventory ? [] : g.hosts) {
                seen.set(keyOf(h), `${g.name}/${h.name}`);
                names.set(h.name, g.name);
            }
        }
        for (const r of results) {
            for (const h of r.hosts) {
                const other = seen.get(keyOf(h));
                const named = names.get(h.name);
                if (other)
                    problems.push(`${r.source.field}: ${describeInventory(r.source)} found ${(0,endpoint/* formatEndpoint */.T0)(h.endpoint)}, which is already host ${other} (each engine may be in one group once); nothing was changed`);
                else if (named)
                    problems.push(`${r.source.field}: ${describeInventory(r.source)} found a host named ${JSON.stringify(h.name)}, which is already the name of a host of group ${named} (host names must be unique); nothing was changed`);
                else {
                    seen.set(keyOf(h), `${r.group.name}/${h.name}`);
                    names.set(h.name, r.group.name);
                }
            }
        }
    }
    if (problems.length)
        throw new errors/* InputError */.dz(problems);
    for (const r of results) {
        r.group.hosts = r.hosts;
        log.info(`${r.group.name}: ${r.hosts.length} host${r.hosts.length === 1 ? '' : 's'} from ${describeInventory(r.source)} in ${(0,duration/* formatDuration */.a)(r.ms)}: ${shown(r.hosts)}`);
    }
}
function keyOf(h) {
    return (0,endpoint/* endpointKey */.r4)(h.endpoint);
}
function shown(hosts) {
    const text = hosts
        .slice(0, 20)
        .map((h) => (h.name === h.address ? h.name : `${h.name} (${h.address})`))
        .join(', ');
    return hosts.length > 20 ? `${text}, … (${hosts.length - 20} more)` : text;
}
/** Runs `fn` with a signal that aborts at the source's deadline or with the run; rejects at the deadline whatever `fn` does. */
async function withDeadline(source, fn, outer) {
    const stop = new AbortController();
    let timer;
    const onAbort = () => stop.abort(outer?.reason);
    if (outer?.aborted)
        throw new Error('was not asked: the run was cancelled');
    outer?.addEventListener('abort', onAbort, { once: true });
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => {
            stop.abort(new Error('deadline'));
            reject(new Error(`gave no answer within ${(0,duration/* formatDuration */.a)(source.timeoutMs)} (timeout)`));
        }, source.timeoutMs);
    });
    const cancelled = new Promise((_, reject) => stop.signal.addEventListener('abort', () => {
        if (outer?.aborted)
            reject(new Error('was stopped: the run was cancelled'));
    }, { once: true }));
    try {
        return await Promise.race([fn(stop.signal), deadline, cancelled]);
    }
    finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onAbort);
        if (!stop.signal.aborted)
            stop.abort();
    }
}
async function hostsOf(source, signal, env) {
    let hosts;
    if (source.source.kind === 'dns') {
        let found;
        try {
            found = await lookupDns(source.source, source.timeoutMs, signal);
        }
        catch (err) {
            throw new Error(`failed: ${dnsReason(err)}`, { cause: err });
        }
        hosts = found.map((f) => hostFrom(source, f.name, { scheme: source.transport, host: f.address, port: f.port }, f.address));
        if (hosts.length === 0)
            throw new Error('found no hosts');
    }
    else {
        const out = await runInventoryCommand(source.source, source.timeoutMs, { ...env, AVIARY_GROUP: source.group }, signal);
        hosts = printedHosts(source, parsePrinted(out.stdout));
        if (hosts.length === 0)
            throw new Error(`printed no hosts${out.stderr.trim() ? ` (stderr: ${out.stderr.trim().split('\n').slice(-1)[0].slice(0, 200)})` : ''}`);
    }
    if (hosts.length > MAX_INVENTORY_HOSTS)
        throw new Error(`found ${hosts.length} hosts (at most ${MAX_INVENTORY_HOSTS})`);
    // One host per engine (DNS may repeat an address), in a stable order: the plan must not shuffle
    // between runs because a server rotates its answers.
    const unique = new Map();
    for (const h of hosts)
        if (!unique.has(keyOf(h)))
            unique.set(keyOf(h), h);
    const names = new Set();
    for (const h of unique.values()) {
        if (names.has(h.name))
            throw new Error(`found two hosts named ${JSON.stringify(h.name)} (expected one name per host)`);
        names.add(h.name);
    }
    return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}
/** A host from a name and an address: the group's transport, port (or the record's), user and TLS. */
function hostFrom(source, name, at, address) {
    const port = at.port ?? source.port;
    const endpoint = at.scheme === 'ssh'
        ? { scheme: 'ssh', user: source.user, host: at.host, ...(port !== undefined && port !== 22 ? { port } : {}) }
        : { scheme: 'tcp', host: at.host, port: port ?? (source.tls ? 2376 : 2375) };
    return {
        name,
        group: source.group,
        endpoint,
        address,
        ...(source.tls && endpoint.scheme === 'tcp' ? { tls: source.tls } : {}),
    };
}
/** The program's hosts: an endpoint (tcp://, ssh://), an address or a name (with an optional port), or a mapping. */
function printedHosts(source, printed) {
    return printed.map((p) => {
        const where = p.line !== undefined ? `line ${p.line}` : `item ${p.index}`;
        const bad = (what) => new Error(`printed ${where} ${what}`);
        let text = p.text;
        let name;
        let address;
        if (p.text === undefined) {
            if (p.name !== undefined && (typeof p.name !== 'string' || !HOST_NAME.test(p.name)))
                throw bad(`with a name ${JSON.stringify(p.name)} that is not a host name like "web-1"`);
            name = p.name;
            if (p.address !== undefined) {
                address = typeof p.address === 'string' ? (0,endpoint/* parseHostAddress */.un)(p.address) : undefined;
                if (!address)
                    throw bad(`with an address ${JSON.stringify(p.address)} that is not a host name or IP address`);
            }
            text = p.docker ?? p.address;
            if (text === undefined)
                throw bad('without docker or address (expected {name, docker: "tcp://10.0.0.3:2375"} or {name, address: "10.0.0.3"})');
        }
        if (typeof text !== 'string')
            throw bad(`${JSON.stringify(text)}, which is not a host`);
        const shownText = JSON.stringify(text.length > 80 ? text.slice(0, 79) + '…' : text);
        if (text.includes('://')) {
            const e = (0,endpoint/* parseEndpoint */.Bk)(text);
            if ('expected' in e)
                throw bad(`${shownText}, which is not ${e.expected}`);
            if (e.scheme === 'unix')
                throw bad(`${shownText}: a unix socket is on this machine, not a host of the group`);
            if (e.scheme === 'tcp' && source.tls)
                return { name: name ?? e.host, group: source.group, endpoint: e, address: address ?? e.host, tls: source.tls };
            return { name: name ?? e.host, group: source.group, endpoint: e, address: address ?? e.host };
        }
        const m = /^(\[[^\]]+\]|[^:\s]+)(?::(\d{1,5}))?$/.exec(text);
        const host = m ? (0,endpoint/* parseHostAddress */.un)(m[1]) : undefined;
        const port = m?.[2] !== undefined ? Number(m[2]) : undefined;
        if (!host || (port !== undefined && (port < 1 || port > 65535)))
            throw bad(`${shownText}, which is not a host name, an IP address (with an optional port) or a Docker endpoint like "tcp://10.0.0.1:2375"`);
        return hostFrom(source, name ?? host, { scheme: source.transport, host, port }, address ?? host);
    });
}


/***/ })

};
;