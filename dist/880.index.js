"use strict";
exports.id = 880;
exports.ids = [880];
exports.modules = {

/***/ 57257:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OA: () => (/* binding */ availabilityTargets),
/* harmony export */   gr: () => (/* binding */ DEFAULT_AVAILABILITY),
/* harmony export */   sq: () => (/* binding */ readAvailability)
/* harmony export */ });
/* unused harmony export hostTarget */
/* harmony import */ var _util_fields__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61851);
/* harmony import */ var _net_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(59663);


const DEFAULT_AVAILABILITY = {
    enabled: true,
    intervalMs: 500,
    timeoutMs: 1000,
    hosts: true,
    urls: [],
};
const KEYS = ['interval', 'timeout', 'hosts', 'urls'];
const URL_KEYS = ['name', 'url', 'status', 'body'];
const URLS_MAX = 100;
const URL_EXPECTED = 'an http://, https:// or tcp:// URL like "http://lb.example.com/health"';
function has(m, key) {
    return Object.prototype.hasOwnProperty.call(m, key);
}
/** Reads `availability:` (a mapping, or false to turn probing off); absent gives the defaults. */
function readAvailability(p, path, raw) {
    if (raw === undefined || raw === null)
        return { ...DEFAULT_AVAILABILITY, urls: [] };
    if (raw === false)
        return { ...DEFAULT_AVAILABILITY, enabled: false, urls: [] };
    const m = (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__/* .mapping */ .pq)(p, path, raw, 'a mapping like {interval: 500ms, urls: ["http://lb.example.com/health"]}, or false');
    if (!m)
        return undefined;
    const before = p.list.length;
    (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__/* .knownKeys */ .eE)(p, path, m, KEYS);
    const out = { ...DEFAULT_AVAILABILITY, urls: [] };
    if (has(m, 'interval')) {
        const ms = (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(path, 'interval'), m.interval, true);
        if (ms !== undefined && ms < 50)
            p.add((0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(path, 'interval'), m.interval, 'a duration of at least 50ms');
        else if (ms !== undefined && ms > 60_000)
            p.add((0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(path, 'interval'), m.interval, 'a duration of at most 1m');
        else if (ms !== undefined)
            out.intervalMs = ms;
    }
    if (has(m, 'timeout')) {
        const ms = (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__/* .duration */ .p0)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(path, 'timeout'), m.timeout, true);
        if (ms !== undefined && ms > 60_000)
            p.add((0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(path, 'timeout'), m.timeout, 'a duration of at most 1m');
        else if (ms !== undefined)
            out.timeoutMs = ms;
    }
    if (has(m, 'hosts'))
        out.hosts = (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(path, 'hosts'), m.hosts) ?? true;
    if (has(m, 'urls')) {
        const field = (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(path, 'urls');
        if (!Array.isArray(m.urls))
            p.add(field, m.urls, 'a list of URLs, or of {name, url, status, body}');
        else if (m.urls.length > URLS_MAX)
            p.raw(`${field}: a list of ${m.urls.length} URLs is too long (at most ${URLS_MAX})`);
        else {
            const names = new Map();
            m.urls.forEach((item, i) => {
                const t = readUrl(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(field, i), item);
                if (!t)
                    return;
                const other = names.get(t.name);
                if (other)
                    p.raw(`${(0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(field, i)}: the name ${JSON.stringify(t.name)} is also the name of ${other} (set name: to tell them apart)`);
                names.set(t.name, (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(field, i));
                out.urls.push(t);
            });
        }
    }
    return p.list.length > before ? undefined : out;
}
function readUrl(p, path, v) {
    const m = typeof v === 'string' ? { url: v } : (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__/* .mapping */ .pq)(p, path, v, `${URL_EXPECTED}, or a mapping {name, url, status, body}`);
    if (!m)
        return undefined;
    if (typeof v !== 'string')
        (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__/* .knownKeys */ .eE)(p, path, m, URL_KEYS);
    const urlField = typeof v === 'string' ? path : (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(path, 'url');
    const url = (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)(p, urlField, m.url, { expected: URL_EXPECTED, max: 2048 });
    if (url === undefined)
        return undefined;
    let parsed;
    try {
        parsed = new URL(url);
        if (!['http:', 'https:', 'tcp:'].includes(parsed.protocol))
            throw new Error('scheme');
        if (parsed.protocol === 'tcp:' && !parsed.port)
            throw new Error('port');
    }
    catch {
        p.add(urlField, url, URL_EXPECTED + (url.startsWith('tcp:') ? ' (with a port)' : ''));
        return undefined;
    }
    const target = { name: parsed.host, url, kind: 'service' };
    if (has(m, 'name')) {
        const name = (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(path, 'name'), m.name, { expected: 'a short name like "lb"', max: 100 });
        if (name === undefined)
            return undefined;
        target.name = name;
    }
    if (has(m, 'status')) {
        const s = (0,_net_http__WEBPACK_IMPORTED_MODULE_1__/* .parseStatus */ .i$)(m.status);
        if (!s) {
            p.add((0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(path, 'status'), m.status, 'a status like 200, "200-299" or "2xx"');
            return undefined;
        }
        target.status = s;
    }
    if (has(m, 'body')) {
        const b = (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__.at)(path, 'body'), m.body, {
            expected: 'the text the answer must contain, like "ok"',
            multiline: true,
        });
        if (b === undefined)
            return undefined;
        target.body = b;
    }
    return target;
}
/** The health endpoint of one host as an availability target: its HTTP check, else its TCP check. */
function hostTarget(host, group) {
    const address = host.address.includes(':') ? `[${host.address}]` : host.address;
    const http = group.health.http;
    // Proxy mode: the app publishes no port; what users see is the proxy's port (plain HTTP).
    if (http && group.proxy) {
        return {
            name: host.name,
            kind: 'host',
            group: group.name,
            url: `http://${address}:${group.proxy.port}${http.path}`,
            status: http.status,
            ...(http.body && 'text' in http.body ? { body: http.body.text } : {}),
        };
    }
    if (group.proxy)
        return { name: host.name, kind: 'host', group: group.name, url: `tcp://${address}:${group.proxy.port}` };
    if (http) {
        return {
            name: host.name,
            kind: 'host',
            group: group.name,
            url: `${http.scheme}://${address}:${http.port}${http.path}`,
            status: http.status,
            ...(http.body && 'text' in http.body ? { body: http.body.text } : {}),
        };
    }
    if (group.health.tcp)
        return { name: host.name, kind: 'host', group: group.name, url: `tcp://${address}:${group.health.tcp.port}` };
    return undefined;
}
/**
 * Every target of a rollout: the selected hosts' health endpoints (hosts with only a command or
 * Docker health check cannot be probed from outside and are left out) and the service URLs.
 */
function availabilityTargets(groups, spec) {
    const out = [];
    const names = new Set();
    if (spec.hosts) {
        for (const g of groups)
            for (const h of g.hosts) {
                const t = hostTarget(h, g);
                if (t) {
                    out.push(t);
                    names.add(t.name);
                }
            }
    }
    for (const u of spec.urls)
        out.push(names.has(u.name) ? { ...u, name: `${u.name} (service)` } : u);
    return out;
}


/***/ }),

/***/ 68996:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j4: () => (/* binding */ availabilityMarkdown),
/* harmony export */   vS: () => (/* binding */ availabilityOutput),
/* harmony export */   ys: () => (/* binding */ availabilityLine)
/* harmony export */ });
/* unused harmony exports percent, formatAvailability */
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(26518);
// Availability in words and tables: for the log, the job summary and the `availability` output.

/** 0.99531 → "99.53%"; exactly 1 → "100%"; a ratio just below 1 never rounds up to 100%. */
function percent(ratio) {
    if (ratio === null)
        return 'n/a';
    if (ratio >= 1)
        return '100%';
    const digits = ratio >= 0.9999 ? 4 : 2;
    const text = (Math.floor(ratio * 100 * 10 ** digits) / 10 ** digits).toFixed(digits);
    return `${text.replace(/\.?0+$/, '')}%`;
}
/** "99.53% (0.4s down of 1m2s; 3 of 620 probes failed)". */
function formatAvailability(f) {
    if (f.availability === null)
        return 'not measured (no probe finished)';
    return `${percent(f.availability)} (${(0,_util_duration__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(f.downtimeMs)} down of ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(f.uptimeMs + f.downtimeMs)}; ${f.failures} of ${f.probes} probes failed)`;
}
/** The `availability` output: the overall figure in percent, as a number ("100", "99.53"); "" when not measured. */
function availabilityOutput(report) {
    if (!report || report.overall.availability === null)
        return '';
    return percent(report.overall.availability).replace('%', '');
}
/** A one-line summary for the log. */
function availabilityLine(report) {
    const basis = report.basis === 'service'
        ? `through ${report.targets
            .filter((t) => t.kind === 'service')
            .map((t) => t.name)
            .join(', ')}`
        : `over ${report.targets.length} host(s)`;
    const hosts = report.basis === 'service' ? `; hosts: ${formatAvailability(report.hosts)}` : '';
    return `availability during the rollout ${basis}: ${formatAvailability(report.overall)}${hosts}`;
}
function cell(text) {
    return text.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}
/** Markdown for the job summary: overall, per batch, per target (with its outages). */
function availabilityMarkdown(report) {
    const row = (name, f) => `| ${cell(name)} | ${percent(f.availability)} | ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(f.uptimeMs)} | ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(f.downtimeMs)} | ${f.probes} | ${f.failures} |`;
    const head = '| | availability | uptime | downtime | probes | failed |\n|---|---:|---:|---:|---:|---:|';
    const lines = [
        `### Availability`,
        '',
        `Probed every ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(report.intervalMs)} for ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(report.durationMs)}${report.endedBy === 'time-limit' ? ' (stopped at its time limit)' : ''}; ` +
            `each probe's interval counts as uptime when it passed, downtime otherwise.`,
        '',
        head,
        row(report.basis === 'service' ? 'overall (service)' : 'overall (hosts)', report.overall),
        ...(report.service ? [row('all hosts', report.hosts)] : []),
        ...report.batches.map((b) => row(b.index ? `batch ${b.index}${b.group ? ` · ${b.group}` : ''}` : 'between batches', b.overall)),
        '',
        head,
        ...report.targets.map((t) => row(`${t.kind === 'service' ? 'service ' : ''}${t.name}`, t)),
    ];
    const outages = report.targets.flatMap((t) => t.outages.map((o) => `- ${cell(t.name)}: down ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(o.durationMs)} from ${o.from}${o.batch ? ` (batch ${o.batch})` : ''}, ${o.failures} failed probe(s): ${cell(o.reason)}`));
    if (outages.length)
        lines.push('', '<details><summary>Outages</summary>', '', ...outages.slice(0, 100), '', '</details>');
    return lines.join('\n') + '\n';
}


/***/ }),

/***/ 72541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Uf: () => (/* binding */ configSecrets),
  Z9: () => (/* binding */ loadConfig)
});

// UNUSED EXPORTS: loadConfigWithRaw, parseConfigText, validateConfig

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/util/fields.ts
var fields = __webpack_require__(61851);
// EXTERNAL MODULE: ./src/registry/reference.ts
var reference = __webpack_require__(79310);
;// CONCATENATED MODULE: ./src/registry/image-ref.ts
// Docker image references (registry[:port]/path[:tag][@sha256:…]) and how a deploy input completes one.

// The grammar is registry/reference's (that of github.com/distribution/reference); the file and the
// deploy input take sha256 digests only, and keep the repository as written (registry included).
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const IMAGE_EXPECTED = 'an image reference like "registry.example.com/acme/web" or "registry.example.com/acme/web:v2" (lowercase repository, no spaces)';
function isTag(s) {
    return TAG.test(s);
}
function isDigest(s) {
    return DIGEST.test(s);
}
/** The parts of a reference, or undefined when it is not one Docker would accept. */
function parseImageRef(text) {
    if (text.length > 512 || (0,reference/* referenceProblem */.te)(text, { allowDigest: true }))
        return undefined;
    const { tag, digest } = (0,reference/* parseImageRef */.Q)(text);
    if (digest !== undefined && !DIGEST.test(digest))
        return undefined;
    const named = digest === undefined ? text : text.slice(0, text.indexOf('@'));
    return { repository: tag === undefined ? named : named.slice(0, -(tag.length + 1)), tag, digest };
}
function formatImageRef(ref) {
    return ref.repository + (ref.tag ? `:${ref.tag}` : '') + (ref.digest ? `@${ref.digest}` : '');
}
/**
 * A bare word (no "/", ":" or "@") is a tag, as `v2` or `sha-1a2b3c4`; `sha256:…` or `@sha256:…`
 * is a digest; anything else must be a whole reference.
 */
function parseImageInput(text) {
    const s = text.trim();
    const digest = s.startsWith('@') ? s.slice(1) : s;
    if (/^sha256:/.test(digest))
        return DIGEST.test(digest) ? { kind: 'digest', digest } : { kind: 'invalid' };
    if (!/[/:@]/.test(s))
        return TAG.test(s) ? { kind: 'tag', tag: s } : { kind: 'invalid' };
    const ref = parseImageRef(s);
    return ref ? { kind: 'ref', ref } : { kind: 'invalid' };
}
/** The file's repository with the input's tag or digest (a digest pins it: the file's tag is dropped). */
function completeImage(file, input) {
    switch (input.kind) {
        case 'ref':
            return input.ref;
        case 'tag':
            return { repository: file.repository, tag: input.tag };
        case 'digest':
            return { repository: file.repository, digest: input.digest };
        default:
            return file;
    }
}

// EXTERNAL MODULE: ./src/hosts/endpoint.ts
var hosts_endpoint = __webpack_require__(30562);
;// CONCATENATED MODULE: ./src/container/config.ts

const CONTAINER_KEYS = [
    'ports',
    'env',
    'secret-env',
    'volumes',
    'command',
    'restart',
    'stop-timeout',
    'labels',
    'network',
];
const DEFAULT_CONTAINER = {
    ports: [],
    env: {},
    volumes: [],
    restart: 'unless-stopped',
    stopTimeoutMs: 10_000,
    labels: {},
};
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_NAME_EXPECTED = 'a variable name like APP_ENV (letters, digits and "_", not starting with a digit)';
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const NETWORK = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const NAMED_VOLUME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const RESTART = ['no', 'always', 'unless-stopped', 'on-failure'];
/** `elsewhere`: for a key of another section, which one (the loader knows them all). */
function readContainer(p, path, v, elsewhere = {}) {
    const m = (0,fields/* mapping */.pq)(p, path, v, 'a mapping with ports, env, secret-env, volumes, command, restart, stop-timeout, labels, network');
    if (!m)
        return {};
    (0,fields/* knownKeys */.eE)(p, path, m, CONTAINER_KEYS, elsewhere);
    const out = {};
    if ((0,fields/* has */.zy)(m, 'ports'))
        out.ports = readPorts(p, (0,fields.at)(path, 'ports'), m.ports);
    if ((0,fields/* has */.zy)(m, 'env'))
        out.env = readStringMap(p, (0,fields.at)(path, 'env'), m.env, 'a mapping of variable names to values, like {APP_ENV: production}', ENV_NAME, ENV_NAME_EXPECTED);
    if ((0,fields/* has */.zy)(m, 'secret-env')) {
        const list = Array.isArray(m['secret-env'])
            ? (0,fields/* stringList */.Yn)(p, (0,fields.at)(path, 'secret-env'), m['secret-env'], {
                expected: ENV_NAME_EXPECTED,
                pattern: ENV_NAME,
                max: 255,
                maxItems: 1000,
            })
            : void p.add((0,fields.at)(path, 'secret-env'), m['secret-env'], 'a list of variable names like [DATABASE_URL]');
        if (list)
            out.secretEnv = list.map((name, i) => ({ name, field: (0,fields.at)((0,fields.at)(path, 'secret-env'), i) }));
    }
    if ((0,fields/* has */.zy)(m, 'volumes'))
        out.volumes = readVolumes(p, (0,fields.at)(path, 'volumes'), m.volumes);
    if ((0,fields/* has */.zy)(m, 'command'))
        out.command = (0,fields/* commandList */.E6)(p, (0,fields.at)(path, 'command'), m.command, '["/app/server", "--port", "8080"]', true);
    if ((0,fields/* has */.zy)(m, 'restart')) {
        const r = m.restart;
        if (typeof r === 'string' && RESTART.includes(r))
            out.restart = r;
        else
            p.add((0,fields.at)(path, 'restart'), r, `one of ${RESTART.join(', ')}`);
    }
    if ((0,fields/* has */.zy)(m, 'stop-timeout'))
        out.stopTimeoutMs = (0,fields/* duration */.p0)(p, (0,fields.at)(path, 'stop-timeout'), m['stop-timeout']);
    if ((0,fields/* has */.zy)(m, 'labels')) {
        const labels = readStringMap(p, (0,fields.at)(path, 'labels'), m.labels, 'a mapping of label names to values, like {com.example.team: web}', LABEL_KEY, 'a label name like "com.example.team"');
        if (labels) {
            for (const key of Object.keys(labels)) {
                if (key.startsWith('aviary.'))
                    p.add((0,fields.at)((0,fields.at)(path, 'labels'), key), key, 'a label of your own (aviary.* labels hold the deploy record and are written by aviary)');
            }
            out.labels = labels;
        }
    }
    if ((0,fields/* has */.zy)(m, 'network'))
        out.network = (0,fields/* str */.gx)(p, (0,fields.at)(path, 'network'), m.network, {
            expected: 'a Docker network name like "web"',
            pattern: NETWORK,
            max: 255,
        });
    return (0,fields/* dropUndefined */.i)(out);
}
function readStringMap(p, path, v, expected, keyPattern, keyExpected) {
    const m = (0,fields/* mapping */.pq)(p, path, v, expected);
    if (!m)
        return undefined;
    const out = {};
    let ok = true;
    for (const [key, value] of Object.entries(m)) {
        if (key.length > 255 || !keyPattern.test(key)) {
            p.add((0,fields.at)(path, key), key, keyExpected);
            ok = false;
            continue;
        }
        const text = (0,fields/* scalarText */.ws)(p, (0,fields.at)(path, key), value, 'a string, a number or true/false');
        if (text === undefined)
            ok = false;
        else
            (0,fields/* setOwn */.P5)(out, key, text);
    }
    return ok ? out : undefined;
}
/** docker -p syntax: [ip:][hostPort[-end]:]containerPort[-end][/tcp|udp|sctp]. */
function parsePortSpec(spec) {
    let rest = spec;
    const slash = rest.lastIndexOf('/');
    if (slash >= 0) {
        const proto = rest.slice(slash + 1);
        if (!['tcp', 'udp', 'sctp'].includes(proto))
            return 'the protocol must be tcp, udp or sctp';
        rest = rest.slice(0, slash);
    }
    let ip;
    if (rest.startsWith('[')) {
        const close = rest.indexOf(']:');
        if (close < 0)
            return 'an IPv6 address goes in brackets: [::1]:8080:8080';
        ip = rest.slice(1, close);
        rest = rest.slice(close + 2);
        if (!/^[0-9a-fA-F:]+$/.test(ip))
            return 'the IP address is not valid';
    }
    const parts = rest.split(':');
    if (ip === undefined && parts.length === 3) {
        ip = parts.shift();
        if (!/^(\d{1,3}\.){3}\d{1,3}$/.test(ip) || ip.split('.').some((o) => Number(o) > 255))
            return 'the IP address is not valid';
    }
    if (parts.length > 2 || (ip !== undefined && parts.length !== 2))
        return 'expected [ip:][hostPort:]containerPort';
    const ranges = [];
    for (const [i, part] of parts.entries()) {
        if (part === '' && i === 0 && parts.length === 2 && ip !== undefined)
            continue; // ip::80 → any host port
        const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
        if (!m)
            return 'ports are numbers from 1 to 65535';
        const lo = Number(m[1]);
        const hi = m[2] === undefined ? lo : Number(m[2]);
        if (lo < 1 || hi > 65535 || lo > hi)
            return 'ports are numbers from 1 to 65535, ranges low-high';
        ranges.push([lo, hi]);
    }
    if (ranges.length === 2) {
        const [host, container] = ranges;
        const hostSize = host[1] - host[0];
        const containerSize = container[1] - container[0];
        if (containerSize !== 0 && hostSize !== containerSize)
            return 'the host and container port ranges differ in size';
    }
    return undefined;
}
function readPorts(p, path, v) {
    if (!Array.isArray(v)) {
        p.add(path, v, 'a list of port mappings like ["8080:8080"]');
        return undefined;
    }
    const out = [];
    let ok = true;
    v.forEach((item, i) => {
        const expected = 'a port mapping like "8080:8080", "127.0.0.1:80:8080" or "53/udp"';
        const spec = typeof item === 'number' && Number.isInteger(item)
            ? String(item)
            : (0,fields/* str */.gx)(p, (0,fields.at)(path, i), item, { expected, max: 128 });
        if (spec === undefined) {
            ok = false;
            return;
        }
        const why = parsePortSpec(spec);
        if (why) {
            p.add((0,fields.at)(path, i), item, `${expected} (${why})`);
            ok = false;
            return;
        }
        out.push(spec);
    });
    return ok ? out : undefined;
}
function readVolumes(p, path, v) {
    if (!Array.isArray(v)) {
        p.add(path, v, 'a list of volumes like ["/srv/web/data:/data"]');
        return undefined;
    }
    const expected = 'a volume like "/srv/data:/data", "data:/data" or "/srv/conf:/etc/app:ro" (source:absolute-destination[:ro|rw])';
    const out = [];
    let ok = true;
    v.forEach((item, i) => {
        const spec = (0,fields/* str */.gx)(p, (0,fields.at)(path, i), item, { expected, max: 4096 });
        if (spec === undefined) {
            ok = false;
            return;
        }
        const parts = spec.split(':');
        const [src, dst, mode] = parts;
        const good = (parts.length === 2 || parts.length === 3) &&
            (src.startsWith('/') || NAMED_VOLUME.test(src)) &&
            dst?.startsWith('/') &&
            (mode === undefined || mode === 'ro' || mode === 'rw') &&
            !/[\s,]/.test(spec);
        if (!good) {
            p.add((0,fields.at)(path, i), item, expected);
            ok = false;
            return;
        }
        out.push(spec);
    });
    return ok ? out : undefined;
}
/** Group over top level over defaults, field by field; env and labels key by key, secret-env joined. */
function mergeContainer(top, group) {
    const merged = { ...DEFAULT_CONTAINER, ...top, ...group };
    const secrets = new Map();
    for (const ref of [...(top.secretEnv ?? []), ...(group.secretEnv ?? [])])
        if (!secrets.has(ref.name))
            secrets.set(ref.name, ref);
    const command = merged.command && merged.command.length > 0 ? merged.command : undefined;
    return (0,fields/* dropUndefined */.i)({
        ...merged,
        env: { ...top.env, ...group.env },
        labels: { ...top.labels, ...group.labels },
        secretEnv: [...secrets.values()],
        command,
    });
}

// EXTERNAL MODULE: ./src/net/http.ts
var http = __webpack_require__(59663);
;// CONCATENATED MODULE: ./src/health/config.ts


const HEALTH_CHECK_KEYS = ['http', 'tcp', 'command', 'docker-health'];
const HEALTH_KEYS = [
    ...HEALTH_CHECK_KEYS,
    'start-period',
    'interval',
    'timeout',
    'healthy-threshold',
    'unhealthy-threshold',
    'deadline',
];
const HTTP_KEYS = ['path', 'port', 'scheme', 'status', 'body', 'body-regex', 'max-latency'];
const DEFAULT_HEALTH_TIMING = {
    startPeriodMs: 0,
    intervalMs: 1000,
    timeoutMs: 2000,
    healthyThreshold: 1,
    unhealthyThreshold: 3,
    deadlineMs: 60_000,
};
function readHealth(p, path, v, elsewhere = {}) {
    const m = (0,fields/* mapping */.pq)(p, path, v, 'a mapping with http, tcp, command, docker-health and timings');
    if (!m)
        return {};
    (0,fields/* knownKeys */.eE)(p, path, m, HEALTH_KEYS, elsewhere);
    const out = {};
    if (HEALTH_CHECK_KEYS.some((k) => (0,fields/* has */.zy)(m, k))) {
        const checks = {};
        if ((0,fields/* has */.zy)(m, 'http'))
            checks.http = readHttp(p, (0,fields.at)(path, 'http'), m.http);
        if ((0,fields/* has */.zy)(m, 'tcp')) {
            const tcp = (0,fields/* mapping */.pq)(p, (0,fields.at)(path, 'tcp'), m.tcp, 'a mapping like {port: 8080}');
            if (tcp) {
                (0,fields/* knownKeys */.eE)(p, (0,fields.at)(path, 'tcp'), tcp, ['port']);
                const n = (0,fields/* port */.Oh)(p, (0,fields.at)((0,fields.at)(path, 'tcp'), 'port'), tcp.port);
                if (n !== undefined)
                    checks.tcp = { port: n };
            }
        }
        if ((0,fields/* has */.zy)(m, 'command'))
            checks.command = (0,fields/* commandList */.E6)(p, (0,fields.at)(path, 'command'), m.command, '["/bin/check"]', false);
        if ((0,fields/* has */.zy)(m, 'docker-health'))
            checks.dockerHealth = (0,fields/* bool */.lc)(p, (0,fields.at)(path, 'docker-health'), m['docker-health']);
        out.checks = (0,fields/* dropUndefined */.i)(checks);
    }
    if ((0,fields/* has */.zy)(m, 'start-period'))
        out.startPeriodMs = (0,fields/* duration */.p0)(p, (0,fields.at)(path, 'start-period'), m['start-period']);
    if ((0,fields/* has */.zy)(m, 'interval'))
        out.intervalMs = (0,fields/* duration */.p0)(p, (0,fields.at)(path, 'interval'), m.interval, true);
    if ((0,fields/* has */.zy)(m, 'timeout'))
        out.timeoutMs = (0,fields/* duration */.p0)(p, (0,fields.at)(path, 'timeout'), m.timeout, true);
    if ((0,fields/* has */.zy)(m, 'healthy-threshold'))
        out.healthyThreshold = (0,fields/* int */.Wh)(p, (0,fields.at)(path, 'healthy-threshold'), m['healthy-threshold'], 1, 100);
    if ((0,fields/* has */.zy)(m, 'unhealthy-threshold'))
        out.unhealthyThreshold = (0,fields/* int */.Wh)(p, (0,fields.at)(path, 'unhealthy-threshold'), m['unhealthy-threshold'], 1, 100);
    if ((0,fields/* has */.zy)(m, 'deadline'))
        out.deadlineMs = (0,fields/* duration */.p0)(p, (0,fields.at)(path, 'deadline'), m.deadline, true);
    return (0,fields/* dropUndefined */.i)(out);
}
function readHttp(p, path, v) {
    const m = (0,fields/* mapping */.pq)(p, path, v, 'a mapping like {path: /health, port: 8080}');
    if (!m)
        return undefined;
    (0,fields/* knownKeys */.eE)(p, path, m, HTTP_KEYS);
    let ok = true;
    const check = (x) => {
        if (x === undefined)
            ok = false;
        return x;
    };
    const urlPath = (0,fields/* has */.zy)(m, 'path')
        ? check((0,fields/* str */.gx)(p, (0,fields.at)(path, 'path'), m.path, {
            expected: 'a URL path like "/health" (starting with "/", no spaces)',
            pattern: /^\/[\x21-\x7e]*$/,
            max: 2048,
        }))
        : '/';
    const portNumber = check((0,fields/* port */.Oh)(p, (0,fields.at)(path, 'port'), m.port));
    let scheme = 'http';
    if ((0,fields/* has */.zy)(m, 'scheme')) {
        if (m.scheme === 'http' || m.scheme === 'https')
            scheme = m.scheme;
        else {
            p.add((0,fields.at)(path, 'scheme'), m.scheme, 'http or https');
            ok = false;
        }
    }
    let status = [200, 299];
    if ((0,fields/* has */.zy)(m, 'status')) {
        const s = (0,http/* parseStatus */.i$)(m.status);
        if (s)
            status = s;
        else {
            p.add((0,fields.at)(path, 'status'), m.status, 'a status like 200, "200-299" or "2xx"');
            ok = false;
        }
    }
    let body;
    if ((0,fields/* has */.zy)(m, 'body') && (0,fields/* has */.zy)(m, 'body-regex')) {
        p.raw(`${(0,fields.at)(path, 'body')}: give body or body-regex, not both`);
        ok = false;
    }
    else if ((0,fields/* has */.zy)(m, 'body')) {
        const text = check((0,fields/* str */.gx)(p, (0,fields.at)(path, 'body'), m.body, { expected: 'the text the response must contain, like "ok"', multiline: true }));
        if (text !== undefined)
            body = { text };
    }
    else if ((0,fields/* has */.zy)(m, 'body-regex')) {
        const re = check((0,fields/* str */.gx)(p, (0,fields.at)(path, 'body-regex'), m['body-regex'], {
            expected: 'a regular expression like "^ok$"',
            multiline: true,
        }));
        if (re !== undefined) {
            try {
                new RegExp(re);
                body = { regex: re };
            }
            catch (err) {
                p.add((0,fields.at)(path, 'body-regex'), re, `a valid regular expression (${String(err.message)
                    .split('\n')[0]
                    .slice(0, 120)})`);
                ok = false;
            }
        }
    }
    const maxLatencyMs = (0,fields/* has */.zy)(m, 'max-latency')
        ? check((0,fields/* duration */.p0)(p, (0,fields.at)(path, 'max-latency'), m['max-latency'], true))
        : undefined;
    if (!ok || urlPath === undefined || portNumber === undefined)
        return undefined;
    return (0,fields/* dropUndefined */.i)({ path: urlPath, port: portNumber, scheme, status, body, maxLatencyMs });
}
/** Timings merge field by field; a group that names any check replaces the whole set of checks. */
function mergeHealth(top, group) {
    const checks = group.checks ?? top.checks ?? {};
    const { checks: _a, ...topTiming } = top;
    const { checks: _b, ...groupTiming } = group;
    return (0,fields/* dropUndefined */.i)({
        ...DEFAULT_HEALTH_TIMING,
        ...topTiming,
        ...groupTiming,
        http: checks.http,
        tcp: checks.tcp,
        command: checks.command,
        dockerHealth: checks.dockerHealth ?? true,
    });
}

;// CONCATENATED MODULE: ./src/strategy/config.ts

const STRATEGY_KEYS = ['batches', 'pause', 'max-unhealthy', 'parallel', 'keep'];
const DEFAULT_STRATEGY = {
    batches: [{ count: 1 }, { percent: 25 }, { percent: 100 }],
    pauseMs: 0,
    maxUnhealthy: { count: 0 },
    parallel: 32,
    keep: 3,
};
const PARALLEL_MAX = 1024;
const KEEP_MAX = 100;
const BATCHES_MAX = 100;
/** Reads a strategy section of the file (deploy inputs are read by the loader). */
function readStrategy(p, path, v, elsewhere = {}) {
    const m = (0,fields/* mapping */.pq)(p, path, v, 'a mapping with batches, pause, max-unhealthy, parallel, keep');
    if (!m)
        return {};
    (0,fields/* knownKeys */.eE)(p, path, m, STRATEGY_KEYS, elsewhere);
    const out = {};
    if ((0,fields/* has */.zy)(m, 'batches'))
        out.batches = readBatches(p, (0,fields.at)(path, 'batches'), m.batches, false);
    if ((0,fields/* has */.zy)(m, 'pause'))
        out.pauseMs = (0,fields/* duration */.p0)(p, (0,fields.at)(path, 'pause'), m.pause);
    if ((0,fields/* has */.zy)(m, 'max-unhealthy'))
        out.maxUnhealthy = (0,fields/* amount */.vj)(p, (0,fields.at)(path, 'max-unhealthy'), m['max-unhealthy'], { zero: true });
    if ((0,fields/* has */.zy)(m, 'parallel'))
        out.parallel = (0,fields/* int */.Wh)(p, (0,fields.at)(path, 'parallel'), m.parallel, 1, PARALLEL_MAX);
    if ((0,fields/* has */.zy)(m, 'keep'))
        out.keep = (0,fields/* int */.Wh)(p, (0,fields.at)(path, 'keep'), m.keep, 0, KEEP_MAX);
    return (0,fields/* dropUndefined */.i)(out);
}
/** A list of batch sizes; a single size stands for a list of one (as Ansible's `serial: 3`). */
function readBatches(p, path, v, fromInput) {
    const list = Array.isArray(v)
        ? v
        : typeof v === 'number' || (typeof v === 'string' && v.trim().endsWith('%'))
            ? [v]
            : undefined;
    if (!list) {
        p.add(path, v, 'a list of batch sizes like [1, "25%", "100%"]');
        return undefined;
    }
    if (list.length === 0) {
        p.add(path, v, 'a non-empty list of batch sizes like [1, "25%", "100%"]');
        return undefined;
    }
    if (list.length > BATCHES_MAX) {
        p.raw(`${path}: a list of ${list.length} batch sizes is too long (at most ${BATCHES_MAX}; the last one repeats)`);
        return undefined;
    }
    const out = [];
    let ok = true;
    list.forEach((item, i) => {
        const a = (0,fields/* amount */.vj)(p, Array.isArray(v) ? (0,fields.at)(path, i) : path, item, { zero: false, digitsAreCount: fromInput });
        if (a)
            out.push(a);
        else
            ok = false;
    });
    return ok ? out : undefined;
}
function mergeStrategy(...parts) {
    return Object.assign({}, DEFAULT_STRATEGY, ...parts);
}

// EXTERNAL MODULE: ./src/gates/config.ts
var config = __webpack_require__(724);
// EXTERNAL MODULE: ./src/net/template.ts
var template = __webpack_require__(70769);
;// CONCATENATED MODULE: ./src/hooks/config.ts



const HOOK_KEYS = ['before-stop', 'after-healthy'];
const ACTION_KEYS = ['command', 'http', 'timeout', 'env'];
const config_ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const config_HTTP_KEYS = ['url', 'method', 'headers', 'body', 'expect-status'];
/** The placeholders a hook's command, URL, headers and body may use. */
const HOOK_PLACEHOLDERS = ['host', 'address', 'group', 'service'];
const DEFAULT_HOOK_TIMEOUT_MS = 30_000;
const MAX_HOOK_TIMEOUT_MS = 10 * 60_000;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;
const COMMAND_EXAMPLE = '["/usr/local/bin/lb-drain", "{{host}}"]';
function has(m, key) {
    return Object.prototype.hasOwnProperty.call(m, key);
}
/** Reads a `hooks:` mapping; undefined when absent or invalid (problems recorded). */
function readHooks(p, path, raw) {
    if (raw === undefined || raw === null)
        return undefined;
    const m = (0,fields/* mapping */.pq)(p, path, raw, 'a mapping with before-stop and/or after-healthy, like {before-stop: {command: […]}}');
    if (!m)
        return undefined;
    const before = p.list.length;
    (0,fields/* knownKeys */.eE)(p, path, m, HOOK_KEYS);
    const out = {};
    if (has(m, 'before-stop'))
        out.beforeStop = readHook(p, (0,fields.at)(path, 'before-stop'), 'before-stop', m['before-stop']);
    if (has(m, 'after-healthy'))
        out.afterHealthy = readHook(p, (0,fields.at)(path, 'after-healthy'), 'after-healthy', m['after-healthy']);
    if (p.list.length > before)
        return undefined;
    return dropUndefined(out);
}
/** A group's hooks over the top level's, hook by hook: a group may override just one of them. */
function mergeHooks(top, group) {
    return dropUndefined({
        beforeStop: group?.beforeStop ?? top?.beforeStop,
        afterHealthy: group?.afterHealthy ?? top?.afterHealthy,
    });
}
function readHook(p, path, name, v) {
    // Short form: a list is the command.
    if (Array.isArray(v) || typeof v === 'string') {
        const action = readCommand(p, path, v);
        return action && { name, field: path, action, timeoutMs: DEFAULT_HOOK_TIMEOUT_MS };
    }
    const m = (0,fields/* mapping */.pq)(p, path, v, `a command like ${COMMAND_EXAMPLE}, or a mapping with command: or http:, and timeout:`);
    if (!m)
        return undefined;
    (0,fields/* knownKeys */.eE)(p, path, m, ACTION_KEYS);
    let action;
    if (has(m, 'command') && has(m, 'http'))
        p.raw(`${path}: has both command and http (expected one of them)`);
    else if (has(m, 'command'))
        action = readCommand(p, (0,fields.at)(path, 'command'), m.command);
    else if (has(m, 'http'))
        action = readHttpAction(p, (0,fields.at)(path, 'http'), m.http);
    else
        p.raw(`${path}: has neither command nor http (expected command: ${COMMAND_EXAMPLE} or http: {url: …})`);
    let timeoutMs = DEFAULT_HOOK_TIMEOUT_MS;
    if (has(m, 'timeout')) {
        const t = (0,fields/* duration */.p0)(p, (0,fields.at)(path, 'timeout'), m.timeout, true);
        if (t !== undefined && t > MAX_HOOK_TIMEOUT_MS)
            p.add((0,fields.at)(path, 'timeout'), m.timeout, 'a duration of at most 10m');
        else if (t !== undefined)
            timeoutMs = t;
    }
    if (has(m, 'env')) {
        const names = (0,fields/* stringList */.Yn)(p, (0,fields.at)(path, 'env'), m.env, {
            expected: 'an environment variable name like "LB_TOKEN"',
            maxItems: 64,
        }) ?? [];
        names.forEach((n, i) => {
            if (!config_ENV_NAME.test(n))
                p.add((0,fields.at)((0,fields.at)(path, 'env'), i), n, 'an environment variable name like "LB_TOKEN"');
        });
        if (action?.kind === 'command')
            action.env = names.filter((n) => config_ENV_NAME.test(n));
        else if (names.length)
            p.raw(`${(0,fields.at)(path, 'env')}: only a command hook runs with an environment (expected command: with env:)`);
    }
    return action && { name, field: path, action, timeoutMs };
}
function readCommand(p, path, v) {
    if (typeof v === 'string') {
        p.add(path, v, `a list of strings like ${COMMAND_EXAMPLE} (no shell runs it: write each argument as its own item)`);
        return undefined;
    }
    const argv = (0,fields/* stringList */.Yn)(p, path, v, { expected: 'a non-empty string', multiline: true, maxItems: 256 });
    if (!argv)
        return undefined;
    if (argv.length === 0) {
        p.add(path, v, `a list of strings like ${COMMAND_EXAMPLE}`);
        return undefined;
    }
    let ok = true;
    argv.forEach((arg, i) => {
        if (!(0,template/* checkPlaceholders */.nV)(p, (0,fields.at)(path, i), arg, HOOK_PLACEHOLDERS))
            ok = false;
    });
    if (/\{\{/.test(argv[0])) {
        p.raw(`${(0,fields.at)(path, 0)}: the program must not come from a placeholder (expected a fixed path like "/usr/local/bin/lb-drain")`);
        ok = false;
    }
    return ok ? { kind: 'command', argv } : undefined;
}
function readHttpAction(p, path, v) {
    const m = (0,fields/* mapping */.pq)(p, path, v, 'a mapping like {url: "http://lb:8080/servers/{{host}}/drain", method: POST}');
    if (!m)
        return undefined;
    (0,fields/* knownKeys */.eE)(p, path, m, config_HTTP_KEYS);
    let ok = true;
    const url = (0,fields/* str */.gx)(p, (0,fields.at)(path, 'url'), m.url, { expected: 'an http:// or https:// URL', max: 2048 });
    if (url === undefined)
        ok = false;
    else if (!(0,template/* checkPlaceholders */.nV)(p, (0,fields.at)(path, 'url'), url, HOOK_PLACEHOLDERS))
        ok = false;
    else {
        try {
            const u = new URL(url.replace(/\{\{\s*[A-Za-z0-9_-]*\s*\}\}/g, 'x'));
            if (u.protocol !== 'http:' && u.protocol !== 'https:')
                throw new Error('scheme');
        }
        catch {
            p.add((0,fields.at)(path, 'url'), m.url, 'an http:// or https:// URL');
            ok = false;
        }
    }
    let method = 'POST';
    if (has(m, 'method')) {
        if (METHODS.includes(m.method))
            method = m.method;
        else {
            p.add((0,fields.at)(path, 'method'), m.method, METHODS.join(', '));
            ok = false;
        }
    }
    const headers = {};
    if (has(m, 'headers')) {
        const hm = (0,fields/* mapping */.pq)(p, (0,fields.at)(path, 'headers'), m.headers, 'a mapping of header names to values');
        if (!hm)
            ok = false;
        else
            for (const [k, value] of Object.entries(hm)) {
                if (!HEADER_NAME.test(k)) {
                    p.raw(`${(0,fields.at)((0,fields.at)(path, 'headers'), k)}: is not a valid header name`);
                    ok = false;
                    continue;
                }
                const s = (0,fields/* str */.gx)(p, (0,fields.at)((0,fields.at)(path, 'headers'), k), value, {
                    expected: 'a header value (text on one line)',
                    allowEmpty: true,
                    max: 8192,
                });
                if (s === undefined || !(0,template/* checkPlaceholders */.nV)(p, (0,fields.at)((0,fields.at)(path, 'headers'), k), s, HOOK_PLACEHOLDERS))
                    ok = false;
                else
                    headers[k] = s;
            }
    }
    let body;
    if (has(m, 'body')) {
        body = (0,fields/* str */.gx)(p, (0,fields.at)(path, 'body'), m.body, {
            expected: 'the request body as text',
            multiline: true,
            allowEmpty: true,
            max: 65536,
        });
        if (body === undefined || !(0,template/* checkPlaceholders */.nV)(p, (0,fields.at)(path, 'body'), body, HOOK_PLACEHOLDERS))
            ok = false;
    }
    let expectStatus = [200, 299];
    if (has(m, 'expect-status')) {
        const s = (0,http/* parseStatus */.i$)(m['expect-status']);
        if (s)
            expectStatus = s;
        else {
            p.add((0,fields.at)(path, 'expect-status'), m['expect-status'], 'a status like 200, "200-299" or "2xx"');
            ok = false;
        }
    }
    return ok ? { kind: 'http', url: url, method, headers, body, expectStatus } : undefined;
}
function dropUndefined(o) {
    for (const k of Object.keys(o))
        if (o[k] === undefined)
            delete o[k];
    return o;
}

// EXTERNAL MODULE: ./src/availability/config.ts
var availability_config = __webpack_require__(57257);
// EXTERNAL MODULE: ./src/metrics/pushgateway.ts
var pushgateway = __webpack_require__(65715);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./src/inventory/config.ts
// Validation of a group's `hosts:` written as a source (`{dns: …}` or `{command: […]}`) instead of
// a list, in the style of src/config: every problem names its field, the value and what was expected.



const INVENTORY_KEYS = [
    'dns',
    'command',
    'record',
    'server',
    'transport',
    'port',
    'user',
    'tls',
    'timeout',
];
const RECORDS = ['A/AAAA', 'A', 'AAAA', 'SRV'];
const DEFAULT_INVENTORY_TIMEOUT_MS = 10_000;
const MAX_INVENTORY_TIMEOUT_MS = 5 * 60_000;
const SSH_USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/;
const DNS_NAME = /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?$/;
const INVENTORY_EXPECTED = 'a list of hosts like [tcp://10.0.0.1:2375], or a source: {dns: web.internal, port: 2375} or {command: ["/usr/local/bin/list-hosts", "web"]}';
function config_has(m, key) {
    return Object.prototype.hasOwnProperty.call(m, key);
}
/**
 * Reads a source of hosts; the `tls:` mapping is read by the caller (with the static hosts' TLS).
 * Undefined when invalid (problems recorded).
 */
function readInventory(p, path, m, group) {
    const before = p.list.length;
    (0,fields/* knownKeys */.eE)(p, path, m, INVENTORY_KEYS);
    let source;
    if (config_has(m, 'dns') && config_has(m, 'command'))
        p.raw(`${path}: has both dns and command (expected one source of hosts)`);
    else if (config_has(m, 'dns'))
        source = readDns(p, path, m);
    else if (config_has(m, 'command'))
        source = config_readCommand(p, (0,fields.at)(path, 'command'), m.command);
    else
        p.raw(`${path}: has neither dns nor command (expected ${INVENTORY_EXPECTED})`);
    if (source?.kind !== 'dns') {
        for (const key of ['record', 'server'])
            if (config_has(m, key))
                p.raw(`${(0,fields.at)(path, key)}: is only for dns: sources`);
    }
    let transport = 'tcp';
    if (config_has(m, 'transport')) {
        if (m.transport === 'tcp' || m.transport === 'ssh')
            transport = m.transport;
        else
            p.add((0,fields.at)(path, 'transport'), m.transport, 'tcp or ssh (how the hosts found are reached; tcp with tls: for TLS)');
    }
    const portNumber = config_has(m, 'port') ? (0,fields/* port */.Oh)(p, (0,fields.at)(path, 'port'), m.port) : undefined;
    if (portNumber !== undefined && source?.kind === 'dns' && source.record === 'SRV')
        p.raw(`${(0,fields.at)(path, 'port')}: SRV records give each host's port (expected no port: with record: SRV)`);
    let user;
    if (transport === 'ssh') {
        if (!config_has(m, 'user'))
            p.add((0,fields.at)(path, 'user'), undefined, 'the SSH user for the hosts found, like "deploy" (transport: ssh)');
        else
            user = (0,fields/* str */.gx)(p, (0,fields.at)(path, 'user'), m.user, {
                expected: 'an SSH user name like "deploy"',
                pattern: SSH_USER,
                max: 32,
            });
        if (config_has(m, 'tls'))
            p.raw(`${(0,fields.at)(path, 'tls')}: is only for transport: tcp (SSH has its own keys)`);
    }
    else if (config_has(m, 'user')) {
        p.raw(`${(0,fields.at)(path, 'user')}: is only for transport: ssh`);
    }
    let timeoutMs = DEFAULT_INVENTORY_TIMEOUT_MS;
    if (config_has(m, 'timeout')) {
        const t = (0,fields/* duration */.p0)(p, (0,fields.at)(path, 'timeout'), m.timeout, true);
        if (t !== undefined && t > MAX_INVENTORY_TIMEOUT_MS)
            p.add((0,fields.at)(path, 'timeout'), m.timeout, 'a duration of at most 5m');
        else if (t !== undefined)
            timeoutMs = t;
    }
    if (p.list.length > before || !source)
        return undefined;
    return {
        field: path,
        group,
        source,
        transport,
        ...(portNumber !== undefined ? { port: portNumber } : {}),
        ...(user ? { user } : {}),
        timeoutMs,
    };
}
function readDns(p, path, m) {
    const field = (0,fields.at)(path, 'dns');
    const name = (0,fields/* str */.gx)(p, field, m.dns, {
        expected: 'a DNS name like "web.internal" (or "_docker._tcp.web.internal" with record: SRV)',
        pattern: DNS_NAME,
        max: 254,
    });
    let record = 'A/AAAA';
    if (config_has(m, 'record')) {
        if (RECORDS.includes(m.record))
            record = m.record;
        else
            p.add((0,fields.at)(path, 'record'), m.record, 'A/AAAA (the default: both), A, AAAA or SRV');
    }
    let server;
    if (config_has(m, 'server')) {
        const text = (0,fields/* str */.gx)(p, (0,fields.at)(path, 'server'), m.server, {
            expected: 'a DNS server\'s IP address, with an optional port, like "10.0.0.2" or "10.0.0.2:5353"',
            max: 64,
        });
        if (text !== undefined) {
            server = dnsServer(text);
            if (!server)
                p.add((0,fields.at)(path, 'server'), m.server, 'a DNS server\'s IP address, with an optional port, like "10.0.0.2" or "10.0.0.2:5353"');
        }
    }
    if (!name)
        return undefined;
    return { kind: 'dns', name: name.replace(/\.$/, ''), record, ...(server ? { server } : {}) };
}
/** "10.0.0.2", "10.0.0.2:53", "fd00::2", "[fd00::2]:53" in the form Node's resolver takes; undefined otherwise. */
function dnsServer(text) {
    if ((0,external_node_net_.isIP)(text))
        return text;
    const m = /^(\[[^\]]+\]|[\d.]+):(\d{1,5})$/.exec(text);
    if (!m)
        return undefined;
    const host = (0,hosts_endpoint/* parseHostAddress */.un)(m[1]);
    const n = Number(m[2]);
    if (!host || !(0,external_node_net_.isIP)(host) || n < 1 || n > 65535)
        return undefined;
    return m[1].startsWith('[') ? `[${host}]:${n}` : `${host}:${n}`;
}
function config_readCommand(p, path, v) {
    const example = '["/usr/local/bin/list-hosts", "web"]';
    if (typeof v === 'string') {
        p.add(path, v, `a list of strings like ${example} (no shell runs it: write each argument as its own item)`);
        return undefined;
    }
    const argv = (0,fields/* stringList */.Yn)(p, path, v, { expected: 'a non-empty string', maxItems: 256 });
    if (!argv)
        return undefined;
    if (argv.length === 0) {
        p.add(path, v, `a list of strings like ${example}`);
        return undefined;
    }
    return { kind: 'command', argv };
}

;// CONCATENATED MODULE: ./src/proxy/config.ts


const PROXY_KEYS = ['image', 'port', 'app-port', 'network', 'drain', 'canary-weight'];
const DEFAULT_DRAIN_MS = 1_000;
const MAX_DRAIN_MS = 5 * 60_000;
const config_NETWORK = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const WEIGHT_EXPECTED = 'a whole percentage from 1% to 99%, like "10%"';
const EXPECTED = 'a mapping like {image: registry.example.com/aviary/caddy:2.6, port: 80}, or false';
function proxy_config_has(m, key) {
    return Object.prototype.hasOwnProperty.call(m, key);
}
/** Reads a `proxy:` section; undefined when absent (or invalid: the problems are recorded). */
function readProxy(p, path, raw) {
    if (raw === undefined || raw === null)
        return undefined;
    if (raw === false)
        return false;
    const m = (0,fields/* mapping */.pq)(p, path, raw, EXPECTED);
    if (!m)
        return undefined;
    const before = p.list.length;
    (0,fields/* knownKeys */.eE)(p, path, m, PROXY_KEYS);
    const out = {};
    if (proxy_config_has(m, 'image')) {
        const text = (0,fields/* str */.gx)(p, (0,fields.at)(path, 'image'), m.image, { expected: IMAGE_EXPECTED, max: 512 });
        if (text !== undefined && !parseImageRef(text))
            p.add((0,fields.at)(path, 'image'), m.image, IMAGE_EXPECTED);
        else if (text !== undefined)
            out.image = text;
    }
    if (proxy_config_has(m, 'port'))
        out.port = (0,fields/* port */.Oh)(p, (0,fields.at)(path, 'port'), m.port);
    if (proxy_config_has(m, 'app-port'))
        out.appPort = (0,fields/* port */.Oh)(p, (0,fields.at)(path, 'app-port'), m['app-port']);
    if (proxy_config_has(m, 'network'))
        out.network = (0,fields/* str */.gx)(p, (0,fields.at)(path, 'network'), m.network, {
            expected: 'a Docker network name like "aviary-web"',
            pattern: config_NETWORK,
            max: 63,
        });
    if (proxy_config_has(m, 'drain')) {
        const ms = (0,fields/* duration */.p0)(p, (0,fields.at)(path, 'drain'), m.drain);
        if (ms !== undefined && ms > MAX_DRAIN_MS)
            p.add((0,fields.at)(path, 'drain'), m.drain, 'a duration of at most 5m');
        else if (ms !== undefined)
            out.drainMs = ms;
    }
    if (proxy_config_has(m, 'canary-weight')) {
        const w = /^\s*(\d{1,2})\s*%\s*$/.exec(typeof m['canary-weight'] === 'string' ? m['canary-weight'] : '');
        if (w && Number(w[1]) >= 1)
            out.canaryWeight = Number(w[1]);
        else
            p.add((0,fields.at)(path, 'canary-weight'), m['canary-weight'], WEIGHT_EXPECTED);
    }
    // An invalid section is its own problems only (not also "proxy.image: is missing" after them).
    if (p.list.length > before)
        return undefined;
    for (const k of Object.keys(out))
        if (out[k] === undefined)
            delete out[k];
    return out;
}
/**
 * A group's proxy: its own section merged field by field over the top level's; none when neither
 * has one or the group says `proxy: false`. Checks what only the whole can tell: an image, the
 * app's port, and that the app's containers publish no port (the proxy owns it).
 */
function resolveProxy(p, top, group, ctx) {
    if (group === false || (group === undefined && (top === undefined || top === false)))
        return undefined;
    const merged = { ...(top || {}), ...(group || {}) };
    const field = group !== undefined ? ctx.groupField : ctx.topField;
    let ok = true;
    if (!merged.image) {
        p.raw(`${(0,fields.at)(field, 'image')}: is missing (expected the proxy's image, like "registry.example.com/aviary/caddy:2.6"; see docs/proxy.md)`);
        ok = false;
    }
    const appPort = merged.appPort ?? ctx.health.http?.port ?? ctx.health.tcp?.port;
    if (appPort === undefined) {
        p.raw(`${(0,fields.at)(field, 'app-port')}: is missing (expected the port the app listens on inside its container, like 8080; the health check's http or tcp port is the default)`);
        ok = false;
    }
    if (ctx.container.ports.length) {
        p.raw(`${(0,fields.at)(ctx.containerField, 'ports')}: the group ${ctx.group} runs behind the proxy, which owns the published port (${(0,fields.at)(field, 'port')}: ${merged.port ?? 80}): remove ports, or turn the proxy off for the group with proxy: false`);
        ok = false;
    }
    const network = merged.network ?? `aviary-${ctx.service}`.slice(0, 63);
    if (ctx.container.network && ctx.container.network !== network) {
        p.raw(`${(0,fields.at)(ctx.containerField, 'network')}: ${JSON.stringify(ctx.container.network)} is not the proxy's network ${JSON.stringify(network)} (behind the proxy the app's containers join ${(0,fields.at)(field, 'network')}; leave container.network out)`);
        ok = false;
    }
    if (merged.canaryWeight !== undefined && !ctx.judged) {
        const written = group && group.canaryWeight !== undefined ? ctx.groupField : ctx.topField;
        p.raw(`${(0,fields.at)(written, 'canary-weight')}: the group ${ctx.group} has no gates and no strategy.pause: nothing would judge the canary's share of requests (add gates, or a pause like "1m" to watch it)`);
        ok = false;
    }
    if (!ok)
        return undefined;
    return {
        image: merged.image,
        port: merged.port ?? 80,
        appPort: appPort,
        network,
        drainMs: merged.drainMs ?? DEFAULT_DRAIN_MS,
        ...(merged.canaryWeight !== undefined ? { canaryWeight: merged.canaryWeight } : {}),
    };
}

;// CONCATENATED MODULE: ./src/config/load.ts
// Reads aviary.yml and the deploy inputs into one validated DeployConfig, or one InputError with every problem.
















const TOP_KEYS = [
    'service',
    'image',
    'groups',
    'container',
    'strategy',
    'health',
    'lock-timeout',
    'lock-wait',
    'gates',
    'hooks',
    'availability',
    'metrics-url',
    'proxy',
];
const GROUP_KEYS = ['hosts', 'container', 'strategy', 'health', 'gates', 'hooks', 'proxy'];
const HOST_KEYS = ['name', 'docker', 'address', 'tls'];
const TLS_KEYS = ['ca', 'cert', 'key', 'verify'];
/** For an unknown key: the section where it would have been right. */
const ELSEWHERE = {
    ...Object.fromEntries(CONTAINER_KEYS.map((k) => [k, 'container'])),
    ...Object.fromEntries(STRATEGY_KEYS.map((k) => [k, 'strategy'])),
    ...Object.fromEntries(HEALTH_KEYS.map((k) => [k, 'health'])),
    command: 'container or health',
    'lock-timeout': 'the top level of the file',
    'lock-wait': 'the top level of the file',
    dns: "a group's hosts, as hosts: {dns: web.internal}",
};
const SERVICE = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
const GROUP_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$/;
const ENV_VAR_REF = /^[A-Z_][A-Z0-9_]*$/;
const PEM = /-----BEGIN [A-Z0-9 ]+-----/;
const MAX_FILE = 1024 * 1024;
const MAX_HOSTS = 10_000;
const MAX_NODES = 100_000;
// A lock lives while its run's heartbeat does; this is how long after the last beat it counts as dead.
const DEFAULT_LOCK_TIMEOUT_MS = 2 * 60_000;
const MIN_LOCK_TIMEOUT_MS = 1_000;
/** Loads and validates the config and the deploy inputs. Throws one InputError listing every problem. */
function loadConfig(options = {}) {
    return loadConfigWithRaw(options).config;
}
function loadConfigWithRaw(options = {}) {
    const file = options.path ?? 'aviary.yml';
    const text = options.text ?? readConfigFile(file);
    const raw = parseConfigText(text, file);
    return { config: validateConfig(raw, { ...options, path: file }), raw, file };
}
/** Every secret the config holds (TLS private keys, secret-env values), to mask before any logging. */
function configSecrets(config) {
    const out = new Set();
    for (const group of config.groups) {
        for (const value of Object.values(group.container.secretEnv))
            if (value)
                out.add(value);
        for (const host of group.hosts)
            if (host.tls?.key)
                out.add(host.tls.key);
    }
    return [...out];
}
function readConfigFile(file) {
    let stat;
    try {
        stat = external_node_fs_.statSync(file);
    }
    catch {
        throw new errors/* InputError */.dz(`config: file ${(0,errors/* show */.WU)(file)} was not found (expected an aviary.yml; see examples/aviary.yml)`);
    }
    if (!stat.isFile())
        throw new errors/* InputError */.dz(`config: ${(0,errors/* show */.WU)(file)} is not a file`);
    if (stat.size > MAX_FILE)
        throw new errors/* InputError */.dz(`config: ${(0,errors/* show */.WU)(file)} is ${stat.size} bytes (expected at most ${MAX_FILE})`);
    try {
        return external_node_fs_.readFileSync(file, 'utf8');
    }
    catch (err) {
        throw new errors/* InputError */.dz(`config: ${(0,errors/* show */.WU)(file)} could not be read (${err.code ?? 'error'})`);
    }
}
/** The YAML text as plain data; syntax errors are reported as `file:line:column: message`. */
function parseConfigText(text, file = 'aviary.yml') {
    if (text.length > MAX_FILE)
        throw new errors/* InputError */.dz(`config: "${file}" is ${text.length} characters long (expected at most ${MAX_FILE})`);
    const lines = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { uniqueKeys: true, prettyErrors: true, strict: true, lineCounter: lines });
    if (doc.errors.length > 0) {
        throw new errors/* InputError */.dz(doc.errors.slice(0, 20).map((e) => {
            const pos = e.linePos?.[0];
            const message = printable(e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
            return `${file}:${pos ? `${pos.line}:${pos.col}` : '1:1'}: ${message}`;
        }));
    }
    const problems = new errors/* Problems */.Zw();
    const value = toPlain(doc.contents, { doc, lines, aliases: new Map(), file, problems, nodes: 0 }, 0);
    problems.throwIfAny();
    if (value === null || value === undefined)
        throw new errors/* InputError */.dz(`config: "${file}" is empty (expected a mapping with service, image and groups)`);
    if (!(0,fields/* isMapping */.pi)(value))
        throw new errors/* InputError */.dz(`config: "${file}" holds ${Array.isArray(value) ? 'a list' : 'a single value'} (expected a mapping with service, image and groups)`);
    return value;
}
/** Escapes control and bidi characters, so a message is one honest line. */
function printable(text) {
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/**
 * Converts the YAML tree ourselves rather than with toJS(): keys that are not plain scalars become
 * problems instead of warnings on stderr, `__proto__` stays an ordinary key, and the expansion of
 * aliases is bounded (a "billion laughs" file cannot blow up memory).
 */
function toPlain(node, ctx, depth) {
    if (node === null || node === undefined)
        return null;
    if (++ctx.nodes > MAX_NODES) {
        if (ctx.nodes === MAX_NODES + 1)
            ctx.problems.raw(`${ctx.file}: expands to more than ${MAX_NODES} values (too many aliases?)`);
        return null;
    }
    if (depth > 64) {
        ctx.problems.raw(`${ctx.file}: is nested too deeply (expected at most 64 levels)`);
        ctx.nodes = MAX_NODES + 1;
        return null;
    }
    if ((0,dist/* isAlias */.Vj)(node)) {
        // resolve() searches the whole document each time: look each alias up once.
        if (!ctx.aliases.has(node))
            ctx.aliases.set(node, node.resolve(ctx.doc));
        return toPlain(ctx.aliases.get(node), ctx, depth + 1);
    }
    if ((0,dist/* isScalar */.jn)(node))
        return node.value;
    if ((0,dist/* isSeq */.oP)(node))
        return node.items.map((item) => toPlain(item, ctx, depth + 1));
    if ((0,dist/* isMap */.jh)(node)) {
        const entries = [];
        for (const pair of node.items) {
            const key = toPlain(pair.key, ctx, depth + 1);
            if (key !== null && typeof key === 'object') {
                const offset = (0,dist/* isNode */.Ll)(pair.key) ? pair.key.range?.[0] : undefined;
                const pos = offset === undefined ? '' : `:${ctx.lines.linePos(offset).line}:${ctx.lines.linePos(offset).col}`;
                ctx.problems.raw(`${ctx.file}${pos}: a key that is a list or a mapping (expected a plain name)`);
                continue;
            }
            entries.push([String(key), toPlain(pair.value, ctx, depth + 1)]);
        }
        return Object.fromEntries(entries);
    }
    return null;
}
/** Validates parsed config data plus inputs (the loader's second half, also usable on data from elsewhere). */
function validateConfig(raw, options = {}) {
    const p = new errors/* Problems */.Zw();
    const env = options.env ?? process.env;
    const inputs = options.overrides ?? {};
    const inputName = options.inputName ?? ((n) => `input ${n}`);
    const baseDir = external_node_path_.dirname(external_node_path_.resolve(options.path ?? 'aviary.yml'));
    (0,fields/* knownKeys */.eE)(p, '', raw, TOP_KEYS, ELSEWHERE);
    const service = raw.service === undefined
        ? void p.add('service', undefined, 'a service name like "web"')
        : (0,fields/* str */.gx)(p, 'service', raw.service, {
            expected: 'a service name like "web" (lowercase letters, digits, ".", "_" and "-"; at most 63 characters)',
            pattern: SERVICE,
            max: 63,
        });
    let fileImage;
    if (raw.image !== undefined) {
        const text = (0,fields/* str */.gx)(p, 'image', raw.image, { expected: IMAGE_EXPECTED, max: 512 });
        if (text !== undefined) {
            fileImage = parseImageRef(text);
            if (!fileImage)
                p.add('image', raw.image, IMAGE_EXPECTED);
        }
    }
    // In the order of the DESIGN.md example, so problems read top to bottom like the file usually does.
    const groups = readGroups(p, raw.groups);
    nameHosts(p, groups);
    const topContainer = absent(raw.container) ? {} : readContainer(p, 'container', raw.container, ELSEWHERE);
    const topStrategy = absent(raw.strategy) ? {} : readStrategy(p, 'strategy', raw.strategy, ELSEWHERE);
    const topHealth = absent(raw.health) ? {} : readHealth(p, 'health', raw.health, ELSEWHERE);
    const lockTimeoutFile = raw['lock-timeout'] === undefined ? undefined : (0,fields/* duration */.p0)(p, 'lock-timeout', raw['lock-timeout'], true);
    const lockWaitFile = raw['lock-wait'] === undefined ? undefined : (0,fields/* duration */.p0)(p, 'lock-wait', raw['lock-wait'], false);
    const topGates = (0,config/* readGates */.D6)(p, 'gates', raw.gates);
    const topHooks = readHooks(p, 'hooks', raw.hooks);
    const availability = (0,availability_config/* readAvailability */.sq)(p, 'availability', raw.availability);
    const topProxy = readProxy(p, 'proxy', raw.proxy);
    const metricsUrlFile = (0,pushgateway/* readMetricsUrl */.D0)(p, 'metrics-url', raw['metrics-url']);
    const inputGates = (0,config/* readGatesInput */.$n)(p, inputName('gates'), inputs.gates);
    const metricsUrlInput = (0,pushgateway/* readMetricsUrl */.D0)(p, inputName('metrics-url'), inputs.metricsUrl);
    // Deploy inputs: they win over the file, for every group.
    const inputStrategy = readInputStrategy(p, inputs, inputName);
    const lockTimeoutInput = given(inputs.lockTimeout)
        ? (0,fields/* duration */.p0)(p, inputName('lock-timeout'), String(inputs.lockTimeout).trim(), true)
        : undefined;
    const lockWaitInput = given(inputs.lockWait)
        ? (0,fields/* duration */.p0)(p, inputName('lock-wait'), String(inputs.lockWait).trim(), false)
        : undefined;
    const lockTimeoutMs = lockTimeoutInput ?? lockTimeoutFile ?? DEFAULT_LOCK_TIMEOUT_MS;
    if (lockTimeoutMs < MIN_LOCK_TIMEOUT_MS)
        p.raw(`${lockTimeoutInput !== undefined ? inputName('lock-timeout') : 'lock-timeout'}: ${lockTimeoutMs}ms is too short (expected at least 1s: the heartbeat renews the lock several times within it)`);
    const image = resolveImage(p, fileImage, inputs.image, inputName, options.requireImageVersion ?? true);
    const selected = selectGroups(p, groups, inputs.groups, inputName);
    const specs = [];
    for (const group of selected) {
        const container = mergeContainer(topContainer, group.container);
        const secretEnv = {};
        for (const ref of container.secretEnv) {
            if (Object.prototype.hasOwnProperty.call(container.env, ref.name)) {
                p.raw(`${ref.field}: ${ref.name} is also set in container.env (a variable is either plain or secret)`);
                continue;
            }
            // GitHub expands a secret that does not exist to "", so empty counts as not set.
            const value = (0,fields/* envValue */.$R)(env, ref.name);
            if (value === undefined) {
                p.raw(`${ref.field}: environment variable ${ref.name} is not set (expected its value in the step's env, e.g. ${ref.name}: \${{ secrets.${ref.name} }})`);
                continue;
            }
            (0,fields/* setOwn */.P5)(secretEnv, ref.name, value);
        }
        const hosts = group.hosts.map((h) => ({
            name: h.name,
            group: group.name,
            endpoint: h.endpoint,
            address: h.address ?? (h.endpoint.scheme === 'unix' ? '127.0.0.1' : h.endpoint.host),
            ...(h.tls ? { tls: resolveTls(p, h.tls, env, baseDir) } : {}),
        }));
        const inventory = group.inventory && {
            ...group.inventory.source,
            ...(group.inventory.tls ? { tls: resolveTls(p, group.inventory.tls, env, baseDir) } : {}),
        };
        const { secretEnv: _refs, ...rest } = container;
        const health = mergeHealth(topHealth, group.health);
        const strategy = mergeStrategy(topStrategy, group.strategy, inputStrategy);
        const monitoring = groupMonitoring((0,config/* gatesFor */.wQ)(topGates, group.gates, inputGates), mergeHooks(topHooks, group.hooks));
        const proxy = service === undefined
            ? undefined
            : resolveProxy(p, topProxy, group.proxy, {
                service,
                group: group.name,
                topField: 'proxy',
                groupField: `${group.field}.proxy`,
                container: { ...rest, secretEnv },
                containerField: group.container.ports?.length || group.container.network ? `${group.field}.container` : 'container',
                health,
                judged: !!monitoring.gates?.length || strategy.pauseMs > 0,
            });
        specs.push({
            name: group.name,
            hosts,
            ...(inventory ? { inventory } : {}),
            container: { ...rest, secretEnv },
            strategy,
            health,
            ...(proxy ? { proxy } : {}),
            ...monitoring,
        });
    }
    const unique = [...new Set(p.list)];
    if (unique.length > 0)
        throw new errors/* InputError */.dz(unique);
    return {
        service: service,
        image: image,
        groups: specs,
        strategy: mergeStrategy(topStrategy, inputStrategy),
        lockTimeoutMs,
        lockWaitMs: lockWaitInput ?? lockWaitFile ?? 0,
        ...(raw.availability !== undefined && availability ? { availability } : {}),
        ...((metricsUrlInput ?? metricsUrlFile) ? { metricsUrl: metricsUrlInput ?? metricsUrlFile } : {}),
    };
}
/** Gates and hooks only where there are some, so a config without monitoring looks as before. */
function groupMonitoring(gates, hooks) {
    return { ...(gates.length ? { gates } : {}), ...(hooks.beforeStop || hooks.afterHealthy ? { hooks } : {}) };
}
/** A section left empty (`health:` with everything under it commented out) is as good as none. */
function absent(v) {
    return v === undefined || v === null;
}
function given(v) {
    if (v === undefined || v === null)
        return false;
    if (typeof v === 'string')
        return v.trim() !== '';
    if (Array.isArray(v))
        return v.length > 0;
    return true;
}
// ---------------------------------------------------------------------------------------------
// groups and hosts
function readGroups(p, v) {
    if (v === undefined) {
        p.add('groups', undefined, 'a mapping of group names to groups, like {web: {hosts: [tcp://10.0.0.1:2375]}}');
        return [];
    }
    const m = (0,fields/* mapping */.pq)(p, 'groups', v, 'a mapping of group names to groups, like {web: {hosts: [tcp://10.0.0.1:2375]}}');
    if (!m)
        return [];
    const names = Object.keys(m);
    if (names.length === 0) {
        p.add('groups', v, 'a mapping with at least one group');
        return [];
    }
    const out = [];
    let hostCount = 0;
    for (const name of names) {
        const field = (0,fields.at)('groups', name);
        if (!GROUP_NAME.test(name))
            p.add(field, name, 'a group name like "web" (lowercase letters, digits, "_" and "-"; at most 63 characters)');
        const g = m[name];
        if (g === null || g === undefined) {
            p.add((0,fields.at)(field, 'hosts'), undefined, 'a list of hosts like [tcp://10.0.0.1:2375]');
            continue;
        }
        const gm = (0,fields/* mapping */.pq)(p, field, g, 'a group like {hosts: [tcp://10.0.0.1:2375]}');
        if (!gm)
            continue;
        (0,fields/* knownKeys */.eE)(p, field, gm, GROUP_KEYS, ELSEWHERE);
        // `hosts:` as a mapping is a source ({dns: …} or {command: […]}), resolved at the start of a run.
        const inventory = (0,fields/* isMapping */.pi)(gm.hosts) ? readGroupInventory(p, (0,fields.at)(field, 'hosts'), gm.hosts, name) : undefined;
        const hosts = (0,fields/* isMapping */.pi)(gm.hosts) ? [] : readHosts(p, (0,fields.at)(field, 'hosts'), gm.hosts, name, MAX_HOSTS - hostCount);
        hostCount += hosts.length;
        out.push({
            name,
            field,
            hosts,
            ...(inventory ? { inventory } : {}),
            container: absent(gm.container) ? {} : readContainer(p, (0,fields.at)(field, 'container'), gm.container, ELSEWHERE),
            strategy: absent(gm.strategy) ? {} : readGroupStrategy(p, (0,fields.at)(field, 'strategy'), gm.strategy),
            health: absent(gm.health) ? {} : readHealth(p, (0,fields.at)(field, 'health'), gm.health, ELSEWHERE),
            gates: (0,config/* readGates */.D6)(p, (0,fields.at)(field, 'gates'), gm.gates),
            hooks: readHooks(p, (0,fields.at)(field, 'hooks'), gm.hooks),
            ...(gm.proxy !== undefined && gm.proxy !== null ? { proxy: readProxy(p, (0,fields.at)(field, 'proxy'), gm.proxy) } : {}),
        });
    }
    return out;
}
/** A group's strategy: the failure budget is the whole rollout's, so a group may not set its own. */
function readGroupStrategy(p, path, v) {
    const part = readStrategy(p, path, v, ELSEWHERE);
    if (part.maxUnhealthy !== undefined) {
        p.raw(`${(0,fields.at)(path, 'max-unhealthy')}: is the failure budget of the whole rollout, not of a group: set it in the top-level strategy (or the max-unhealthy input)`);
    }
    return part;
}
function readGroupInventory(p, path, m, group) {
    const source = readInventory(p, path, m, group);
    const tls = m.tls !== undefined && source?.transport === 'tcp' ? readTls(p, (0,fields.at)(path, 'tls'), m.tls) : undefined;
    return source && { source, ...(tls ? { tls } : {}) };
}
function readHosts(p, path, v, group, room) {
    const expected = 'a list of hosts like [tcp://10.0.0.1:2375, ssh://deploy@web-2.example.com]';
    if (v === undefined) {
        p.add(path, undefined, expected);
        return [];
    }
    if (!Array.isArray(v)) {
        p.add(path, v, expected);
        return [];
    }
    if (v.length === 0) {
        p.add(path, v, `${expected} (a group needs at least one host)`);
        return [];
    }
    if (v.length > room) {
        p.raw(`${path}: ${v.length} hosts are too many (at most ${MAX_HOSTS} in the whole file)`);
        return [];
    }
    const out = [];
    v.forEach((item, i) => {
        const field = (0,fields.at)(path, i);
        if (typeof item === 'string') {
            const endpoint = readEndpoint(p, field, item);
            if (endpoint)
                out.push({ field, group, endpoint, text: item });
            return;
        }
        const m = (0,fields/* mapping */.pq)(p, field, item, `${'a Docker endpoint like "tcp://10.0.0.1:2375"'} or a mapping like {name: web-3, docker: tcp://10.0.0.3:2376, tls: {…}}`);
        if (!m)
            return;
        (0,fields/* knownKeys */.eE)(p, field, m, HOST_KEYS);
        const endpoint = m.docker === undefined
            ? void p.add((0,fields.at)(field, 'docker'), undefined, 'a Docker endpoint like "tcp://10.0.0.1:2375"')
            : readEndpoint(p, (0,fields.at)(field, 'docker'), m.docker);
        const name = m.name === undefined
            ? undefined
            : (0,fields/* str */.gx)(p, (0,fields.at)(field, 'name'), m.name, {
                expected: 'a host name like "web-1" (letters, digits, ".", "_", ":" and "-")',
                pattern: HOST_NAME,
                max: 253,
            });
        let address;
        if (m.address !== undefined) {
            const text = (0,fields/* str */.gx)(p, (0,fields.at)(field, 'address'), m.address, {
                expected: 'a host name or an IP address like "10.0.0.3"',
                max: 255,
            });
            if (text !== undefined) {
                address = (0,hosts_endpoint/* parseHostAddress */.un)(text);
                if (address === undefined)
                    p.add((0,fields.at)(field, 'address'), m.address, 'a host name or an IP address like "10.0.0.3"');
            }
        }
        let tls;
        if (m.tls !== undefined) {
            tls = readTls(p, (0,fields.at)(field, 'tls'), m.tls);
            if (endpoint && endpoint.scheme !== 'tcp')
                p.raw(`${(0,fields.at)(field, 'tls')}: is only for tcp:// endpoints (this host's endpoint is ${endpoint.scheme}://)`);
        }
        if (endpoint)
            out.push({ field, group, endpoint, text: String(m.docker), name, address, tls });
    });
    return out;
}
function readEndpoint(p, field, v) {
    const text = (0,fields/* str */.gx)(p, field, v, { expected: 'a Docker endpoint like "tcp://10.0.0.1:2375"', max: 1100 });
    if (text === undefined)
        return undefined;
    const e = (0,hosts_endpoint/* parseEndpoint */.Bk)(text);
    if ('expected' in e) {
        p.add(field, v, e.expected);
        return undefined;
    }
    return e;
}
function readTls(p, path, v) {
    const m = (0,fields/* mapping */.pq)(p, path, v, 'a mapping like {ca: CA_PEM, cert: CERT_PEM, key: KEY_PEM}');
    if (!m)
        return undefined;
    (0,fields/* knownKeys */.eE)(p, path, m, TLS_KEYS);
    const out = { field: path, verify: true };
    for (const key of ['ca', 'cert', 'key']) {
        const v = m[key];
        if (v === undefined)
            continue;
        // PEM written inline is checked before anything could echo it: a key's text never reaches a message.
        if (typeof v === 'string' && PEM.test(v)) {
            if (key === 'key')
                p.raw(`${(0,fields.at)(path, key)}: a private key must not be written in the config file (expected a file path or an environment variable name)`);
            else if (v.length > MAX_FILE)
                p.raw(`${(0,fields.at)(path, key)}: the PEM text is too long (at most ${MAX_FILE} characters)`);
            else
                out[key] = v;
            continue;
        }
        out[key] = (0,fields/* str */.gx)(p, (0,fields.at)(path, key), v, {
            expected: 'a file path or an environment variable name like CA_PEM',
            max: 4096,
        });
    }
    if (m.verify !== undefined)
        out.verify = (0,fields/* bool */.lc)(p, (0,fields.at)(path, 'verify'), m.verify) ?? true;
    if ((m.cert === undefined) !== (m.key === undefined))
        p.raw(`${path}: cert and key go together (expected both or neither)`);
    return out;
}
/**
 * Every host's name: as written, or the endpoint's host — with its port when two endpoints share a
 * host, since a name must tell them apart. Duplicate endpoints and names are problems file-wide.
 */
function nameHosts(p, groups) {
    const all = groups.flatMap((g) => g.hosts);
    const hostUse = new Map();
    for (const h of all)
        hostUse.set((0,hosts_endpoint/* endpointHost */.GN)(h.endpoint), (hostUse.get((0,hosts_endpoint/* endpointHost */.GN)(h.endpoint)) ?? 0) + 1);
    const byEndpoint = new Map();
    const byName = new Map();
    for (const h of all) {
        const key = (0,hosts_endpoint/* endpointKey */.r4)(h.endpoint);
        const first = byEndpoint.get(key);
        if (first)
            p.raw(`${h.field}: ${JSON.stringify(h.text)} is the same Docker endpoint as ${first.field} (each host may appear once)`);
        else
            byEndpoint.set(key, h);
        if (h.name === undefined) {
            const host = (0,hosts_endpoint/* endpointHost */.GN)(h.endpoint);
            const shared = (hostUse.get(host) ?? 0) > 1;
            if (!shared)
                h.name = host;
            else if (h.endpoint.scheme === 'unix')
                h.name = h.endpoint.path;
            else
                h.name = `${host.includes(':') ? `[${host}]` : host}:${(0,hosts_endpoint/* endpointPort */.Pk)(h.endpoint)}`;
        }
        const other = byName.get(h.name);
        if (other && !first)
            p.raw(`${h.field}: the host name ${JSON.stringify(h.name)} is also the name of ${other.field} (host names must be unique; set name:)`);
        else if (!other)
            byName.set(h.name, h);
    }
}
function selectGroups(p, groups, v, inputName) {
    if (!given(v))
        return groups;
    const field = inputName('groups');
    const wanted = (Array.isArray(v) ? v.map(String) : String(v).split(/[\s,]+/))
        .map((s) => s.trim())
        .filter((s) => s !== '');
    const known = groups.map((g) => g.name);
    for (const name of wanted) {
        if (!known.includes(name))
            p.add(field, name, `a group in the config (known: ${known.map((k) => (GROUP_NAME.test(k) ? k : JSON.stringify(k))).join(', ') || 'none'})`);
    }
    return groups.filter((g) => wanted.includes(g.name));
}
// ---------------------------------------------------------------------------------------------
// inputs
function readInputStrategy(p, inputs, inputName) {
    const out = {};
    if (given(inputs.batches)) {
        const field = inputName('batches');
        const v = inputs.batches;
        let list;
        if (Array.isArray(v))
            list = v;
        else {
            const text = String(v).trim();
            if (text.startsWith('[')) {
                try {
                    list = JSON.parse(text);
                }
                catch {
                    p.add(field, text, 'a list like "1,25%,100%" or [1, "25%", "100%"]');
                }
            }
            else {
                list = text.split(/[\s,]+/).filter((s) => s !== '');
            }
        }
        if (list !== undefined)
            out.batches = readBatches(p, field, list, true);
    }
    const count = (name, min, max) => {
        const v = inputs[name];
        if (!given(v))
            return undefined;
        const text = String(v).trim();
        return (0,fields/* int */.Wh)(p, inputName(name), /^\d{1,6}$/.test(text) ? Number(text) : text, min, max);
    };
    const parallel = count('parallel', 1, PARALLEL_MAX);
    if (parallel !== undefined)
        out.parallel = parallel;
    const keep = count('keep', 0, KEEP_MAX);
    if (keep !== undefined)
        out.keep = keep;
    if (given(inputs.maxUnhealthy)) {
        const a = (0,fields/* amount */.vj)(p, inputName('max-unhealthy'), String(inputs.maxUnhealthy).trim(), {
            zero: true,
            digitsAreCount: true,
        });
        if (a)
            out.maxUnhealthy = a;
    }
    if (given(inputs.pause)) {
        const ms = (0,fields/* duration */.p0)(p, inputName('pause'), String(inputs.pause).trim());
        if (ms !== undefined)
            out.pauseMs = ms;
    }
    return out;
}
function resolveImage(p, file, input, inputName, requireVersion) {
    let ref = file;
    if (given(input)) {
        const field = inputName('image');
        const text = (0,fields/* str */.gx)(p, field, String(input).trim(), {
            expected: 'an image reference, a tag like "v2" or a digest like "sha256:…"',
            max: 512,
        });
        if (text === undefined)
            return undefined;
        const parsed = parseImageInput(text);
        if (parsed.kind === 'invalid') {
            p.add(field, text, 'an image reference like "registry.example.com/acme/web:v2", a tag like "v2" or a digest like "sha256:<64 hex digits>"');
            return undefined;
        }
        if (parsed.kind !== 'ref' && !file) {
            if (!p.list.some((l) => l.startsWith('image:')))
                p.add('image', undefined, `a repository like "registry.example.com/acme/web" for the ${parsed.kind} given in ${field}`);
            return undefined;
        }
        ref = parsed.kind === 'ref' ? parsed.ref : completeImage(file, parsed);
    }
    else if (!file) {
        if (!p.list.some((l) => l.startsWith('image:')))
            p.add('image', undefined, `an image repository like "registry.example.com/acme/web" (or a whole reference in ${inputName('image')})`);
        return undefined;
    }
    if (requireVersion && ref && !ref.tag && !ref.digest) {
        p.raw(`${inputName('image')}: is missing (expected a tag like "v2" or a digest for ${ref.repository}; the file gives only the repository)`);
        return undefined;
    }
    return ref ? formatImageRef(ref) : undefined;
}
// ---------------------------------------------------------------------------------------------
// TLS material
/** Each of ca/cert/key: an environment variable name holding PEM, PEM written inline (not for key), or a file. */
function resolveTls(p, tls, env, baseDir) {
    const out = { verify: tls.verify };
    for (const key of ['ca', 'cert', 'key']) {
        const ref = tls[key];
        if (ref === undefined)
            continue;
        const field = (0,fields.at)(tls.field, key);
        const pem = resolvePem(p, field, ref, key === 'key', env, baseDir);
        if (pem !== undefined)
            out[key] = pem;
    }
    return out;
}
function resolvePem(p, field, ref, secret, env, baseDir) {
    if (PEM.test(ref))
        return secret ? undefined : ref;
    if (ENV_VAR_REF.test(ref)) {
        const value = (0,fields/* envValue */.$R)(env, ref);
        if (value === undefined) {
            p.raw(`${field}: environment variable ${ref} is not set (expected it to hold PEM text)`);
            return undefined;
        }
        if (!PEM.test(value)) {
            p.raw(`${field}: environment variable ${ref} does not hold PEM text (expected "-----BEGIN …")`);
            return undefined;
        }
        return value;
    }
    const file = external_node_path_.resolve(baseDir, ref);
    let text;
    try {
        const stat = external_node_fs_.statSync(file);
        if (!stat.isFile()) {
            p.add(field, ref, 'a PEM file (it is a folder)');
            return undefined;
        }
        if (stat.size > MAX_FILE) {
            p.add(field, ref, `a PEM file of at most ${MAX_FILE} bytes`);
            return undefined;
        }
        text = external_node_fs_.readFileSync(file, 'utf8');
    }
    catch (err) {
        const code = err.code;
        p.raw(`${field}: file ${JSON.stringify(ref)} ${code === 'ENOENT' ? 'was not found' : `could not be read (${code ?? 'error'})`} (looked for ${file}; expected a PEM file, or an environment variable name like CA_PEM)`);
        return undefined;
    }
    if (!PEM.test(text)) {
        p.raw(`${field}: file ${JSON.stringify(ref)} does not hold PEM text (expected "-----BEGIN …")`);
        return undefined;
    }
    return text;
}


/***/ }),

/***/ 29880:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cleartextSecrets: () => (/* binding */ cleartextSecrets),
/* harmony export */   deploy: () => (/* binding */ deploy),
/* harmony export */   errorWasLogged: () => (/* binding */ errorWasLogged),
/* harmony export */   newDeploymentId: () => (/* binding */ newDeploymentId),
/* harmony export */   outputsOf: () => (/* binding */ outputsOf),
/* harmony export */   prepare: () => (/* binding */ prepare),
/* harmony export */   recover: () => (/* binding */ recover),
/* harmony export */   rolloutDeps: () => (/* binding */ rolloutDeps),
/* harmony export */   rolloutObserver: () => (/* binding */ rolloutObserver),
/* harmony export */   writeReport: () => (/* binding */ writeReport)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _config_load__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(72541);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83916);
/* harmony import */ var _registry_insecure__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(53705);
/* harmony import */ var _registry_reference__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(79310);
/* harmony import */ var _registry_client__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(32440);
/* harmony import */ var _registry_credentials__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3653);
/* harmony import */ var _rollout_lock__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(90678);
/* harmony import */ var _rollout_recover__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(11693);
/* harmony import */ var _rollout_rollout__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(25946);
/* harmony import */ var _rollout_health_probe__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(31327);
/* harmony import */ var _report_summary__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(57994);
/* harmony import */ var _metrics_pushgateway__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(65715);
/* harmony import */ var _availability_format__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(68996);
// `deploy` behind the action and the CLI: settings → validated config → a rollout → its report.
















/**
 * A deployment id: sortable by time, valid inside a container name, and unguessable enough (64
 * random bits) to stand for "this run" in the lock and in the records on the hosts.
 */
function newDeploymentId(now = new Date()) {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    return `${stamp}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_2__.randomBytes)(8).toString('hex')}`;
}
/** Validates the config and settings before any host is touched; registers every secret with the logger. */
function prepare(settings, log, env) {
    log.secret(settings.registry.password);
    log.secret(settings.ssh.key);
    const previous = settings.target === 'previous';
    const config = (0,_config_load__WEBPACK_IMPORTED_MODULE_3__/* .loadConfig */ .Z9)({
        path: settings.configPath,
        overrides: settings.overrides,
        env,
        requireImageVersion: !previous,
        inputName: settings.inputName,
    });
    if (previous)
        config.image = 'the previous version';
    for (const s of (0,_config_load__WEBPACK_IMPORTED_MODULE_3__/* .configSecrets */ .Uf)(config))
        log.secret(s);
    const name = settings.inputName ?? ((n) => `input ${n}`);
    if (settings.registry.password && !settings.registry.username)
        throw new _errors__WEBPACK_IMPORTED_MODULE_4__/* .InputError */ .dz(`${name('password')}: given without ${name('username')} (expected both, or neither to use the Docker config)`);
    return config;
}
async function deploy(settings, log, env = process.env, signal, observer = {}) {
    const config = prepare(settings, log, env);
    // Groups whose hosts come from DNS or a program get them now, before anything connects (src/inventory).
    await (await __webpack_require__.e(/* import() */ 631).then(__webpack_require__.bind(__webpack_require__, 64631))).resolveInventory(config, log, { signal, env });
    const auth = settings.target === 'previous' ? undefined : (0,_registry_credentials__WEBPACK_IMPORTED_MODULE_7__/* .resolveRegistryAuth */ .gi)(config.image, settings.registry, env, log);
    for (const s of (0,_registry_credentials__WEBPACK_IMPORTED_MODULE_7__/* .secretForms */ .eo)(auth))
        log.secret(s);
    const cleartext = cleartextSecrets(config, !!auth);
    if (cleartext)
        log.warn(cleartext);
    const deployment = settings.deployment ?? newDeploymentId();
    const rollout = new _rollout_rollout__WEBPACK_IMPORTED_MODULE_10__/* .Rollout */ .m(config, rolloutDeps(config, settings, auth, log), {
        ...rolloutObserver(observer),
        deployment,
        owner: (0,_rollout_lock__WEBPACK_IMPORTED_MODULE_8__/* .currentOwner */ .Hf)(deployment, env),
        registryAuth: auth,
        forceUnlock: settings.forceUnlock,
        dryRun: settings.dryRun,
        signal,
        target: settings.target,
    });
    log.info(`aviary: ${settings.target === 'previous' ? 'rolling back' : 'deploying'} ${config.image} to ${config.groups.map((g) => `${g.name} (${g.hosts.length})`).join(', ')} as ${config.service}, deployment ${deployment}`);
    // Health failures quote the container's own log lines, which may print a secret-env value: the
    // report (and the summary and outputs made from it) is masked as the log is.
    const report = masked(await rollout.run(), (s) => log.mask(s));
    if (settings.dryRun)
        for (const line of (0,_report_summary__WEBPACK_IMPORTED_MODULE_12__/* .renderPlan */ .EG)(report).split('\n'))
            log.info(line);
    else if (config.metricsUrl)
        await (0,_metrics_pushgateway__WEBPACK_IMPORTED_MODULE_13__/* .pushMetrics */ .U6)(config.metricsUrl, (0,_metrics_pushgateway__WEBPACK_IMPORTED_MODULE_13__/* .rolloutFigures */ .jQ)(report), log);
    if (settings.reportFile)
        writeReport(settings.reportFile, report);
    return { report, config };
}
/** What a rollout needs of the real world: hosts over the Engine API, real health checks, the registry. */
function rolloutDeps(config, settings, auth, log) {
    return {
        log,
        // dockerode is loaded when the first host is opened, after the first log lines.
        connect: async (hosts, cancel) => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(40), __webpack_require__.e(317), __webpack_require__.e(263)]).then(__webpack_require__.bind(__webpack_require__, 83263))).openHosts(hosts, { parallel: config.strategy.parallel, ssh: settings.ssh, signal: cancel }, log),
        health: new _rollout_health_probe__WEBPACK_IMPORTED_MODULE_11__/* .RealHealthProbe */ .N(log),
        registryDigest: async (image, host) => {
            const registry = (0,_registry_reference__WEBPACK_IMPORTED_MODULE_15__/* .registryOf */ .Fv)(image);
            const client = new _registry_client__WEBPACK_IMPORTED_MODULE_6__/* .RegistryClient */ .bP(registry, {
                credentials: auth,
                insecure: await (0,_registry_insecure__WEBPACK_IMPORTED_MODULE_5__/* .isInsecureRegistry */ .y)(registry, (await host.registryConfig())),
                log,
                timeoutMs: 10_000,
            });
            return (await client.manifest((0,_registry_reference__WEBPACK_IMPORTED_MODULE_15__/* .parseImageRef */ .Q)(image))).digest;
        },
    };
}
/** A deploy's observer as the rollout's callbacks. */
function rolloutObserver(observer) {
    return {
        onStart: observer.started?.bind(observer),
        onOutcome: observer.decided?.bind(observer),
        onLock: observer.locking?.bind(observer),
    };
}
/**
 * Plain tcp:// carries every request in cleartext: the registry credentials sent with each pull
 * (X-Registry-Auth) and the secret-env values in each container's create. Said once, naming the
 * hosts, before anything is sent; tls: or ssh:// carries the same requests encrypted.
 */
function cleartextSecrets(config, registryAuth) {
    const exposed = config.groups.flatMap((g) => {
        const what = [
            registryAuth && 'the registry credentials',
            Object.keys(g.container.secretEnv).length && `secret-env ${Object.keys(g.container.secretEnv).join(', ')}`,
        ].filter(Boolean);
        return what.length
            ? g.hosts
                .filter((h) => h.endpoint.scheme === 'tcp' && !h.tls)
                .map((h) => ({ host: h.name, what: what.join(' and ') }))
            : [];
    });
    if (!exposed.length)
        return undefined;
    const what = [...new Set(exposed.map((e) => e.what))].join('; ');
    return `${what} travel in cleartext to ${exposed.length} host(s) reached over plain tcp:// (${exposed.map((e) => e.host).join(', ')}): anyone on that network can read them; give those hosts tls: or reach them over ssh://`;
}
/** A copy of a JSON-like value with every string masked. */
function masked(value, mask) {
    return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'string' ? mask(v) : v)));
}
function writeReport(file, report) {
    node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(file)), { recursive: true });
    node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}
/**
 * Whether the rollout already logged its whole error: a failure before the first batch is logged
 * by the rollout itself, with every host and reason, so an action need not repeat it.
 */
function errorWasLogged(report) {
    return report.result === 'failed' && report.batches.length === 0;
}
/** The outputs both the action and the CLI print. */
function outputsOf(report, reportFile) {
    return {
        result: report.result,
        digest: report.digest ?? '',
        'updated-hosts': report.hosts
            .filter((h) => h.result === 'updated')
            .map((h) => h.name)
            .join(','),
        'rolled-back-hosts': report.hosts
            .filter((h) => h.result === 'rolled-back')
            .map((h) => h.name)
            .join(','),
        'report-file': reportFile ?? '',
        availability: (0,_availability_format__WEBPACK_IMPORTED_MODULE_14__/* .availabilityOutput */ .vS)(report.availability),
    };
}
/**
 * The post step of every action that changes hosts: when the main step died before its outcome was
 * recorded (killed, or cancelled past its grace), takes the run's lock back, puts every host it
 * touched back on its previous version from the records on the hosts, and checks every host.
 */
async function recover(settings, deployment, log, env = process.env, decided = false, force = false) {
    // The image does not matter to a repair: the all-in-one action's `image` is a bare repository.
    const config = prepare({ ...settings, target: 'previous' }, log, env);
    // Hosts from DNS or a program are resolved again: the post step runs a minute later at most.
    await (await __webpack_require__.e(/* import() */ 631).then(__webpack_require__.bind(__webpack_require__, 64631))).resolveInventory(config, log, { env });
    const { openEach } = await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(40), __webpack_require__.e(317), __webpack_require__.e(263)]).then(__webpack_require__.bind(__webpack_require__, 83263));
    const { hosts, unreachable } = await openEach(config.groups.flatMap((g) => g.hosts), { parallel: config.strategy.parallel, ssh: settings.ssh }, log);
    try {
        return await (0,_rollout_recover__WEBPACK_IMPORTED_MODULE_9__.recover)(config, hosts, unreachable, {
            owner: (0,_rollout_lock__WEBPACK_IMPORTED_MODULE_8__/* .currentOwner */ .Hf)(deployment, env),
            force,
            decided,
            health: new _rollout_health_probe__WEBPACK_IMPORTED_MODULE_11__/* .RealHealthProbe */ .N(log),
            log,
        });
    }
    finally {
        for (const h of hosts.values())
            h.close();
    }
}


/***/ }),

/***/ 409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ asNumber),
/* harmony export */   iG: () => (/* binding */ ConditionError),
/* harmony export */   zB: () => (/* binding */ parseCondition)
/* harmony export */ });
// The small expression language of a gate's `condition:` ("result < 0.01 && result >= 0"): parsed
// once when the config is read, evaluated for every value a query returns. No eval(), no functions.
class ConditionError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ConditionError';
    }
}
const MAX_LENGTH = 1000;
const MAX_DEPTH = 32;
/** Parses a condition; throws a ConditionError naming the position and what was expected. */
function parseCondition(text) {
    if (text.length > MAX_LENGTH)
        throw new ConditionError(`is ${text.length} characters long (at most ${MAX_LENGTH})`);
    const tokens = tokenize(text);
    let i = 0;
    let depth = 0;
    const peek = () => tokens[i];
    const at = () => (peek() ? `at "${peek().text}" (column ${peek().pos + 1})` : 'at the end');
    const take = (...kinds) => (peek() && kinds.includes(peek().text) ? tokens[i++] : undefined);
    const or = () => {
        let a = and();
        while (take('||', 'or'))
            a = { t: 'bin', op: '||', a, b: and() };
        return a;
    };
    const and = () => {
        let a = not();
        while (take('&&', 'and'))
            a = { t: 'bin', op: '&&', a, b: not() };
        return a;
    };
    const not = () => {
        if (take('!', 'not'))
            return nested(() => ({ t: 'not', a: not() }));
        return cmp();
    };
    const cmp = () => {
        const a = add();
        const op = take('<', '<=', '>', '>=', '==', '!=');
        if (!op) {
            if (peek()?.text === '=')
                throw new ConditionError(`"=" ${at()}: write "==" to compare`);
            return a;
        }
        const node = { t: 'bin', op: op.text, a, b: add() };
        if (peek() && ['<', '<=', '>', '>=', '==', '!='].includes(peek().text))
            throw new ConditionError(`a second comparison ${at()}: join comparisons with "&&", as in "result > 0 && result < 1"`);
        return node;
    };
    const add = () => {
        let a = mul();
        for (let op = take('+', '-'); op; op = take('+', '-'))
            a = { t: 'bin', op: op.text, a, b: mul() };
        return a;
    };
    const mul = () => {
        let a = unary();
        for (let op = take('*', '/', '%'); op; op = take('*', '/', '%'))
            a = { t: 'bin', op: op.text, a, b: unary() };
        return a;
    };
    const unary = () => {
        if (take('-'))
            return nested(() => ({ t: 'neg', a: unary() }));
        return primary();
    };
    const primary = () => {
        const tok = peek();
        if (!tok)
            throw new ConditionError('ends too early (expected a value such as result, a number or a string)');
        i++;
        if (tok.kind === 'number')
            return { t: 'lit', v: Number(tok.text) };
        if (tok.kind === 'string')
            return { t: 'lit', v: tok.value };
        if (tok.text === 'result')
            return { t: 'result' };
        if (tok.text === 'true' || tok.text === 'false')
            return { t: 'lit', v: tok.text === 'true' };
        if (tok.text === 'null')
            return { t: 'lit', v: null };
        if (tok.text === '(') {
            const node = nested(or);
            if (!take(')'))
                throw new ConditionError(`a missing ")" ${at()}`);
            return node;
        }
        i--;
        if (tok.kind === 'word')
            throw new ConditionError(`unknown name "${tok.text}" (column ${tok.pos + 1}): the value is called "result"`);
        throw new ConditionError(`unexpected "${tok.text}" (column ${tok.pos + 1}; expected result, a number, a string, "(" or "!")`);
    };
    const nested = (fn) => {
        if (++depth > MAX_DEPTH)
            throw new ConditionError(`is nested too deeply (at most ${MAX_DEPTH} levels)`);
        try {
            return fn();
        }
        finally {
            depth--;
        }
    };
    if (tokens.length === 0)
        throw new ConditionError('is empty (expected an expression like "result < 0.01")');
    const root = or();
    if (i < tokens.length)
        throw new ConditionError(`unexpected "${peek().text}" (column ${peek().pos + 1}; expected an operator such as <, ==, && or the end)`);
    if (!mentionsResult(root))
        throw new ConditionError('does not use result (expected an expression like "result < 0.01")');
    return {
        text,
        test(result) {
            const v = evaluate(root, result);
            if (typeof v !== 'boolean')
                throw new ConditionError(`gives ${render(v)}, not true or false`);
            return v;
        },
    };
}
function tokenize(text) {
    const out = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (/\s/.test(c)) {
            i++;
            continue;
        }
        const rest = text.slice(i);
        let m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest);
        if (m) {
            out.push({ kind: 'number', text: m[0], pos: i });
            i += m[0].length;
            continue;
        }
        m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
        if (m) {
            out.push({ kind: 'word', text: m[0], pos: i });
            i += m[0].length;
            continue;
        }
        if (c === '"' || c === "'") {
            let j = i + 1;
            let value = '';
            while (j < text.length && text[j] !== c) {
                if (text[j] === '\\' && j + 1 < text.length) {
                    value += text[j + 1];
                    j += 2;
                    continue;
                }
                value += text[j++];
            }
            if (j >= text.length)
                throw new ConditionError(`a string that is not closed (column ${i + 1}; expected ${c} at its end)`);
            out.push({ kind: 'string', text: text.slice(i, j + 1), pos: i, value });
            i = j + 1;
            continue;
        }
        m = /^(<=|>=|==|!=|&&|\|\||[<>!()+\-*/%=])/.exec(rest);
        if (m) {
            out.push({ kind: 'op', text: m[0], pos: i });
            i += m[0].length;
            continue;
        }
        throw new ConditionError(`unexpected character ${JSON.stringify(c)} (column ${i + 1})`);
    }
    return out;
}
function mentionsResult(n) {
    switch (n.t) {
        case 'result':
            return true;
        case 'lit':
            return false;
        case 'not':
        case 'neg':
            return mentionsResult(n.a);
        case 'bin':
            return mentionsResult(n.a) || mentionsResult(n.b);
    }
}
/** A number for numbers and numeric strings ("50", "NaN", "+Inf" as Prometheus writes them); else undefined. */
function asNumber(v) {
    if (typeof v === 'number')
        return v;
    if (typeof v !== 'string')
        return undefined;
    const s = v.trim();
    if (/^[+-]?inf$/i.test(s))
        return s.startsWith('-') ? -Infinity : Infinity;
    if (/^nan$/i.test(s))
        return NaN;
    if (s === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s))
        return undefined;
    return Number(s);
}
function evaluate(n, result) {
    switch (n.t) {
        case 'lit':
            return n.v;
        case 'result':
            return result;
        case 'not': {
            const a = evaluate(n.a, result);
            if (typeof a !== 'boolean')
                throw new ConditionError(`"!" needs true or false, got ${render(a)}`);
            return !a;
        }
        case 'neg':
            return -number(evaluate(n.a, result), '-');
        case 'bin': {
            if (n.op === '&&' || n.op === '||') {
                const a = evaluate(n.a, result);
                if (typeof a !== 'boolean')
                    throw new ConditionError(`"${n.op}" needs true or false, got ${render(a)}`);
                if (n.op === '&&' ? !a : a)
                    return a;
                const b = evaluate(n.b, result);
                if (typeof b !== 'boolean')
                    throw new ConditionError(`"${n.op}" needs true or false, got ${render(b)}`);
                return b;
            }
            const a = evaluate(n.a, result);
            const b = evaluate(n.b, result);
            switch (n.op) {
                case '+':
                    return number(a, '+') + number(b, '+');
                case '-':
                    return number(a, '-') - number(b, '-');
                case '*':
                    return number(a, '*') * number(b, '*');
                case '/':
                    return number(a, '/') / number(b, '/');
                case '%':
                    return number(a, '%') % number(b, '%');
                default:
                    return compare(n.op, a, b);
            }
        }
    }
}
function number(v, op) {
    const n = asNumber(v);
    if (n === undefined)
        throw new ConditionError(`"${op}" needs a number, got ${render(v)}`);
    return n;
}
/** Numbers compare as numbers (a numeric string beside a number counts as one); strings as text; others only by ==, !=. */
function compare(op, a, b) {
    if (typeof a === 'number' || typeof b === 'number') {
        const x = asNumber(a);
        const y = asNumber(b);
        if (x === undefined || y === undefined) {
            if (op === '==')
                return false;
            if (op === '!=')
                return true;
            throw new ConditionError(`"${op}" needs two numbers, got ${render(a)} and ${render(b)}`);
        }
        return ordered(op, x, y);
    }
    if (typeof a === 'string' && typeof b === 'string')
        return ordered(op, a, b);
    if (op === '==')
        return a === b;
    if (op === '!=')
        return a !== b;
    throw new ConditionError(`"${op}" cannot order ${render(a)} and ${render(b)}`);
}
function ordered(op, x, y) {
    switch (op) {
        case '<':
            return x < y;
        case '<=':
            return x <= y;
        case '>':
            return x > y;
        case '>=':
            return x >= y;
        case '==':
            return x === y;
        default:
            return x !== y;
    }
}
function render(v) {
    return typeof v === 'string' ? JSON.stringify(v.length > 40 ? v.slice(0, 39) + '…' : v) : String(v);
}


/***/ }),

/***/ 724:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $n: () => (/* binding */ readGatesInput),
/* harmony export */   D6: () => (/* binding */ readGates),
/* harmony export */   Hf: () => (/* binding */ parseJsonPath),
/* harmony export */   wQ: () => (/* binding */ gatesFor)
/* harmony export */ });
/* unused harmony exports GATE_KEYS, GATE_PLACEHOLDERS, GATES_MAX, DEFAULT_GATE_INTERVAL_MS, DEFAULT_GATE_TIMEOUT_MS */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _util_fields__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61851);
/* harmony import */ var _condition__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(409);
/* harmony import */ var _net_template__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(70769);
// Validation of `gates:` (top level, per group, or the deploy's `gates` input) into GateSpecs, in
// the style of src/config: every problem names its field, the value and what was expected.




const GATE_KEYS = [
    'name',
    'prometheus',
    'http',
    'max',
    'min',
    'condition',
    'for',
    'interval',
    'failure-limit',
    'no-data',
    'timeout',
    'fresh',
];
const CHECK_KEYS = ['max', 'min', 'condition'];
const PROMETHEUS_KEYS = ['url', 'query', 'headers', ...CHECK_KEYS];
const HTTP_KEYS = ['url', 'method', 'headers', 'body', 'path', ...CHECK_KEYS];
/** The placeholders a gate's query, URL or body may use. */
const GATE_PLACEHOLDERS = ['group', 'hosts', 'addresses', 'version', 'service'];
const GATES_MAX = 50;
const DEFAULT_GATE_INTERVAL_MS = 5000;
const DEFAULT_GATE_TIMEOUT_MS = 5000;
/** The longest `fresh: <duration>`: a wait longer than this is a bake time (strategy.pause). */
const FRESH_WAIT_MAX_MS = 10 * 60_000;
const FRESH_EXPECTED = 'scrape (wait for a scrape of the hosts after the batch), a duration to wait like "15s", or off';
const NO_DATA = ['wait', 'fail', 'pass'];
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;
const HTTP_URL_EXPECTED = 'an http:// or https:// URL like "http://prometheus:9090"';
function has(m, key) {
    return Object.prototype.hasOwnProperty.call(m, key);
}
/**
 * Reads a `gates:` list. Returns undefined when the field is absent (null or undefined) or
 * invalid (problems recorded), and [] for an explicit empty list: no gates for this scope.
 */
function readGates(p, path, raw) {
    if (raw === undefined || raw === null)
        return undefined;
    if (!Array.isArray(raw)) {
        p.add(path, raw, 'a list of gates like [{prometheus: {url: "http://prometheus:9090", query: "…", max: 0.01}}]');
        return undefined;
    }
    if (raw.length > GATES_MAX) {
        p.raw(`${path}: a list of ${raw.length} gates is too long (at most ${GATES_MAX})`);
        return undefined;
    }
    const before = p.list.length;
    const gates = raw.map((item, i) => readGate(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, i), item));
    if (p.list.length > before || gates.some((g) => g === undefined))
        return undefined;
    return gates;
}
/**
 * The deploy's `gates` input: YAML or JSON text holding the same list as the file's `gates:`
 * (it replaces them). Empty text gives undefined: the file's gates apply.
 */
function readGatesInput(p, inputName, text) {
    if (text === undefined || text.trim() === '')
        return undefined;
    if (text.length > 256 * 1024) {
        p.raw(`${inputName}: is ${text.length} characters long (at most ${256 * 1024})`);
        return undefined;
    }
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { uniqueKeys: true, strict: true });
    if (doc.errors.length) {
        p.raw(`${inputName}: is not valid YAML or JSON (${doc.errors[0].message.split('\n')[0]})`);
        return undefined;
    }
    let value;
    try {
        value = doc.toJS({ maxAliasCount: 100 });
    }
    catch (err) {
        p.raw(`${inputName}: could not be read (${err.message.split('\n')[0]})`);
        return undefined;
    }
    return readGates(p, inputName, value);
}
/**
 * The gates that apply to a group: the `gates` input wins over everything, then the group's own
 * list (an empty list turns the top-level gates off for that group), then the top level's.
 */
function gatesFor(top, group, input) {
    return input ?? group ?? top ?? [];
}
function readGate(p, path, v) {
    const m = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .mapping */ .pq)(p, path, v, 'a gate: a mapping with prometheus: {url, query, max} or http: {url, path, max}');
    if (!m)
        return undefined;
    const before = p.list.length;
    (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .knownKeys */ .eE)(p, path, m, GATE_KEYS);
    let source;
    let sourceMap;
    let sourceField = path;
    if (has(m, 'prometheus') && has(m, 'http')) {
        p.raw(`${path}: has both prometheus and http (expected one source per gate)`);
    }
    else if (has(m, 'prometheus')) {
        sourceField = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'prometheus');
        sourceMap = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .mapping */ .pq)(p, sourceField, m.prometheus, 'a mapping like {url: "http://prometheus:9090", query: "sum(rate(errors[1m]))"}');
        if (sourceMap)
            source = readPrometheus(p, sourceField, sourceMap);
    }
    else if (has(m, 'http')) {
        sourceField = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'http');
        sourceMap = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .mapping */ .pq)(p, sourceField, m.http, 'a mapping like {url: "http://monitor/api/errors?hosts={{hosts}}", path: "data.rate"}');
        if (sourceMap)
            source = readHttpSource(p, sourceField, sourceMap);
    }
    else {
        p.raw(`${path}: has no source (expected prometheus: {url, query} or http: {url, path})`);
    }
    // The condition may sit in the source's mapping (as in DESIGN.md) or beside it, not in both.
    let check;
    const inSource = sourceMap ? CHECK_KEYS.filter((k) => has(sourceMap, k)) : [];
    const beside = CHECK_KEYS.filter((k) => has(m, k));
    if (inSource.length && beside.length) {
        p.raw(`${path}: ${beside.join(', ')} beside the source and ${inSource.join(', ')} inside ${sourceField} (expected the condition in one place)`);
    }
    else if (inSource.length || beside.length) {
        check = readCheck(p, inSource.length ? sourceField : path, inSource.length ? sourceMap : m);
    }
    else if (source) {
        p.raw(`${sourceField}: has no condition (expected max, min or condition, like max: 0.01)`);
    }
    const forMs = has(m, 'for') ? (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .duration */ .p0)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'for'), m.for) : 0;
    let intervalMs = DEFAULT_GATE_INTERVAL_MS;
    if (has(m, 'interval'))
        intervalMs = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .duration */ .p0)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'interval'), m.interval, true) ?? intervalMs;
    else if (forMs !== undefined && forMs > 0)
        intervalMs = Math.min(DEFAULT_GATE_INTERVAL_MS, forMs);
    if (has(m, 'interval') && forMs !== undefined && forMs > 0 && intervalMs > forMs) {
        p.raw(`${(0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'interval')}: ${JSON.stringify(m.interval)} is longer than for: ${JSON.stringify(m.for)} (expected at most the for window, so that it is queried more than once)`);
    }
    const failureLimit = has(m, 'failure-limit')
        ? (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Wh)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'failure-limit'), m['failure-limit'], 0, 1000, 'a count of failed queries tolerated, from 0 to 1000')
        : 0;
    let noData = 'wait';
    if (has(m, 'no-data')) {
        if (NO_DATA.includes(m['no-data']))
            noData = m['no-data'];
        else
            p.add((0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'no-data'), m['no-data'], 'wait (for data until `for` ends, then fail), fail or pass');
    }
    let timeoutMs = DEFAULT_GATE_TIMEOUT_MS;
    if (has(m, 'timeout')) {
        const t = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .duration */ .p0)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'timeout'), m.timeout, true);
        if (t !== undefined && t > 300_000)
            p.add((0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'timeout'), m.timeout, 'a duration of at most 5m');
        else if (t !== undefined)
            timeoutMs = t;
    }
    const fresh = readFresh(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'fresh'), m, source);
    const name = has(m, 'name')
        ? (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'name'), m.name, { expected: 'a short name for messages, like "error-rate"', max: 100 })
        : source
            ? defaultName(source)
            : undefined;
    if (p.list.length > before ||
        !source ||
        !check ||
        !name ||
        !fresh ||
        forMs === undefined ||
        failureLimit === undefined)
        return undefined;
    return { name, field: path, source, check, forMs, intervalMs, failureLimit, noData, timeoutMs, fresh };
}
/**
 * `fresh:` — judge only samples taken after the batch's switch. A Prometheus gate waits for a
 * scrape by default: without it, the old version's last good sample could let a bad canary
 * through. An HTTP gate knows nothing of scrapes; it may wait a fixed time.
 */
function readFresh(p, path, m, source) {
    const prometheus = has(m, 'prometheus');
    if (!has(m, 'fresh'))
        return prometheus ? { kind: 'scrape' } : { kind: 'off' };
    const v = m.fresh;
    if (v === false || v === 'off')
        return { kind: 'off' };
    if (v === true || v === 'scrape') {
        if (prometheus)
            return { kind: 'scrape' };
        if (source || has(m, 'http'))
            p.raw(`${path}: ${JSON.stringify(v)} is for Prometheus gates, which can tell when a host was scraped (expected a duration to wait like "15s", or off)`);
        return undefined;
    }
    if (typeof v === 'string' && /^\s*\d/.test(v)) {
        const ms = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .duration */ .p0)(p, path, v, true);
        if (ms === undefined)
            return undefined;
        if (ms > FRESH_WAIT_MAX_MS) {
            p.add(path, v, 'a duration of at most 10m (a longer bake time is strategy.pause)');
            return undefined;
        }
        return { kind: 'wait', ms };
    }
    p.add(path, v, FRESH_EXPECTED);
    return undefined;
}
function defaultName(source) {
    const text = source.kind === 'prometheus'
        ? source.query.replace(/\s+/g, ' ').trim()
        : `${source.url}${source.path ? ` ${source.path}` : ''}`;
    return text.length > 60 ? text.slice(0, 59) + '…' : text;
}
function readUrl(p, path, v, placeholders) {
    const text = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)(p, path, v, { expected: HTTP_URL_EXPECTED, max: 2048 });
    if (text === undefined)
        return undefined;
    if (placeholders && !(0,_net_template__WEBPACK_IMPORTED_MODULE_3__/* .checkPlaceholders */ .nV)(p, path, text, GATE_PLACEHOLDERS))
        return undefined;
    try {
        const u = new URL(text.replace(/\{\{\s*[A-Za-z0-9_-]*\s*\}\}/g, 'x'));
        if (u.protocol !== 'http:' && u.protocol !== 'https:')
            throw new Error('scheme');
    }
    catch {
        p.add(path, v, HTTP_URL_EXPECTED);
        return undefined;
    }
    return text;
}
function readHeaders(p, path, v) {
    const m = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .mapping */ .pq)(p, path, v, 'a mapping of header names to values, like {Authorization: "Bearer …"}');
    if (!m)
        return undefined;
    const out = {};
    let ok = true;
    for (const [k, value] of Object.entries(m)) {
        if (!HEADER_NAME.test(k)) {
            p.raw(`${(0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, k)}: is not a valid header name`);
            ok = false;
            continue;
        }
        const s = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, k), value, {
            expected: 'a header value (text on one line)',
            allowEmpty: true,
            max: 8192,
        });
        if (s === undefined)
            ok = false;
        else
            out[k] = s;
    }
    return ok ? out : undefined;
}
function readPrometheus(p, path, m) {
    (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .knownKeys */ .eE)(p, path, m, PROMETHEUS_KEYS, {
        for: 'the gate, beside prometheus:',
        interval: 'the gate, beside prometheus:',
        'no-data': 'the gate, beside prometheus:',
        'failure-limit': 'the gate, beside prometheus:',
        fresh: 'the gate, beside prometheus:',
    });
    const url = readUrl(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'url'), m.url, false);
    const query = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'query'), m.query, {
        expected: 'a PromQL query like "sum(rate(http_errors_total[1m]))"',
        multiline: true,
        max: 8192,
    });
    const queryOk = query !== undefined && (0,_net_template__WEBPACK_IMPORTED_MODULE_3__/* .checkPlaceholders */ .nV)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'query'), query, GATE_PLACEHOLDERS);
    const headers = has(m, 'headers') ? readHeaders(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'headers'), m.headers) : {};
    if (!url || !queryOk || !headers)
        return undefined;
    return { kind: 'prometheus', url: url.replace(/\/+$/, ''), query: query, headers };
}
function readHttpSource(p, path, m) {
    (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .knownKeys */ .eE)(p, path, m, HTTP_KEYS, {
        for: 'the gate, beside http:',
        interval: 'the gate, beside http:',
        'no-data': 'the gate, beside http:',
        'failure-limit': 'the gate, beside http:',
        fresh: 'the gate, beside http:',
    });
    const url = readUrl(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'url'), m.url, true);
    let method = 'GET';
    if (has(m, 'method')) {
        if (m.method === 'GET' || m.method === 'POST')
            method = m.method;
        else
            p.add((0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'method'), m.method, 'GET or POST');
    }
    const headers = has(m, 'headers') ? readHeaders(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'headers'), m.headers) : {};
    let body;
    if (has(m, 'body')) {
        body = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'body'), m.body, {
            expected: 'the request body as text',
            multiline: true,
            allowEmpty: true,
            max: 65536,
        });
        if (body !== undefined && !(0,_net_template__WEBPACK_IMPORTED_MODULE_3__/* .checkPlaceholders */ .nV)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'body'), body, GATE_PLACEHOLDERS))
            body = undefined;
        if (body !== undefined && method === 'GET')
            p.raw(`${(0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'body')}: is only sent with method: POST`);
    }
    let jsonPath = '';
    if (has(m, 'path')) {
        const text = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'path'), m.path, {
            expected: 'a path into the JSON answer like "data.errorRate" or "items[0].value"',
            allowEmpty: true,
            max: 512,
        });
        if (text !== undefined) {
            if (parseJsonPath(text))
                jsonPath = text;
            else
                p.add((0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'path'), m.path, 'a path into the JSON answer like "data.errorRate" or "items[0].value"');
        }
    }
    if (!url || !headers)
        return undefined;
    return { kind: 'http', url, method, headers, body, path: jsonPath };
}
function readCheck(p, path, m) {
    const out = {};
    let ok = true;
    for (const key of ['max', 'min']) {
        if (!has(m, key))
            continue;
        const v = m[key];
        if (typeof v === 'number' && Number.isFinite(v))
            out[key] = v;
        else {
            p.add((0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, key), v, `a number (the ${key === 'max' ? 'largest' : 'smallest'} value allowed)`);
            ok = false;
        }
    }
    if (out.max !== undefined && out.min !== undefined && out.min > out.max) {
        p.raw(`${(0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'min')}: ${out.min} is above max ${out.max} (no value could pass)`);
        ok = false;
    }
    if (has(m, 'condition')) {
        const text = (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__/* .str */ .gx)(p, (0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'condition'), m.condition, {
            expected: 'an expression on result, like "result < 0.01"',
            max: 1000,
        });
        if (text === undefined)
            ok = false;
        else {
            try {
                (0,_condition__WEBPACK_IMPORTED_MODULE_2__/* .parseCondition */ .zB)(text);
                out.condition = text;
            }
            catch (err) {
                if (!(err instanceof _condition__WEBPACK_IMPORTED_MODULE_2__/* .ConditionError */ .iG))
                    throw err;
                p.raw(`${(0,_util_fields__WEBPACK_IMPORTED_MODULE_1__.at)(path, 'condition')}: ${JSON.stringify(text)} ${err.message}`);
                ok = false;
            }
        }
    }
    return ok ? out : undefined;
}
/** "data.items[0].value" → ["data", "items", 0, "value"]; "" → []; undefined when malformed. */
function parseJsonPath(text) {
    const s = text.trim().replace(/^\$\.?/, '');
    if (s === '')
        return [];
    const out = [];
    const re = /(?:^|\.)([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
    let i = 0;
    while (i < s.length) {
        re.lastIndex = i;
        const m = re.exec(s);
        if (!m || m.index !== i)
            return undefined;
        if (m[1] !== undefined) {
            if (i > 0 && s[i] !== '.')
                return undefined;
            out.push(m[1]);
        }
        else if (m[2] !== undefined)
            out.push(Number(m[2]));
        else {
            try {
                out.push(JSON.parse(m[3]));
            }
            catch {
                return undefined;
            }
        }
        i = re.lastIndex;
    }
    return out;
}


/***/ }),

/***/ 77481:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ud: () => (/* binding */ evaluateGates)
});

// UNUSED EXPORTS: describeCheck, describeSource, evaluateGate, placeholderValues, violation

// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(26518);
// EXTERNAL MODULE: ./src/util/pool.ts
var pool = __webpack_require__(40704);
// EXTERNAL MODULE: ./src/gates/condition.ts
var gates_condition = __webpack_require__(409);
// EXTERNAL MODULE: ./src/gates/config.ts
var config = __webpack_require__(724);
// EXTERNAL MODULE: ./src/net/http.ts
var http = __webpack_require__(59663);
;// CONCATENATED MODULE: ./src/gates/prometheus.ts
// One instant query against Prometheus's HTTP API (`/api/v1/query`), read into its result type and
// data, with Prometheus's own error when it refuses: what gates and their freshness check share.

async function prometheusQuery(source, query, options) {
    const answer = await (options.request ?? http/* httpRequest */.aj)({
        url: `${source.url}/api/v1/query`,
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...source.headers },
        body: `query=${encodeURIComponent(query)}`,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        ...(options.maxBody ? { maxBody: options.maxBody } : {}),
    });
    if (answer.truncated)
        throw new Error(`Prometheus answered more than ${options.maxBody ?? 1024 * 1024} bytes to ${query}`);
    let doc;
    try {
        doc = JSON.parse(answer.body);
    }
    catch {
        throw new Error(`Prometheus answered status ${answer.status} with no JSON: ${(0,http/* excerpt */.Kb)(answer.body)}`);
    }
    if (doc.status !== 'success')
        throw new Error(`Prometheus answered status ${answer.status}: ${doc.errorType ?? 'error'}: ${doc.error ?? (0,http/* excerpt */.Kb)(answer.body)}`);
    return { resultType: doc.data?.resultType, result: doc.data?.result };
}

;// CONCATENATED MODULE: ./src/gates/fresh.ts
// Fresh samples: before a gate judges a batch, make sure what it reads was measured after the
// batch's switch. For up to a scrape interval Prometheus's latest sample of a host is still the old
// version's, and its good numbers would let a bad canary through.



/** Every target's latest scrape: Prometheus writes `up` at each scrape, in the same commit as the target's samples. */
const UP_QUERY = 'timestamp(up)';
/** How long a target that Prometheus scraped before the batch may take to be scraped again. */
const SCRAPE_WAIT_MAX_MS = 120_000;
const POLL_MS = 500;
/** `timestamp(up)` of a large Prometheus (thousands of targets) is a few MiB. */
const UP_MAX_BODY = 32 * 1024 * 1024;
/**
 * The label values that may name a host: as written, and without a port ("10.0.0.3:9100",
 * "[fd00::3]:9100"), so a static target's `instance` matches the host's address.
 */
function names(value) {
    const out = [value];
    const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
    if (v6)
        out.push(v6[1]);
    else {
        const port = /^([^:]+):\d+$/.exec(value);
        if (port)
            out.push(port[1]);
    }
    return out;
}
/**
 * Sorts the hosts by what `timestamp(up)` says of their targets: a target belongs to a host when
 * one of its labels (other than __name__ and job) is the host's name or address, with or without
 * a port. A host is fresh when every one of its targets was scraped after `sinceMs`.
 */
function scrapeStateOf(hosts, addresses, series, sinceMs) {
    const byName = new Map();
    hosts.forEach((h, i) => {
        for (const key of [h, addresses?.[i]])
            if (key)
                byName.set(key, [...(byName.get(key) ?? []), i]);
    });
    const last = hosts.map(() => undefined);
    for (const s of series) {
        const ts = Number(s.value?.[1]) * 1000;
        if (!Number.isFinite(ts))
            continue;
        const owners = new Set();
        for (const [label, value] of Object.entries(s.metric ?? {})) {
            if (label === '__name__' || label === 'job' || typeof value !== 'string')
                continue;
            for (const n of names(value))
                for (const i of byName.get(n) ?? [])
                    owners.add(i);
        }
        // The oldest latest scrape among a host's targets: the host is fresh only when all are.
        for (const i of owners)
            last[i] = last[i] === undefined ? ts : Math.min(last[i], ts);
    }
    const out = { fresh: [], stale: [], missing: [], sinceMs };
    hosts.forEach((h, i) => {
        const t = last[i];
        if (t === undefined)
            out.missing.push(h);
        else if (t > sinceMs)
            out.fresh.push(h);
        else
            out.stale.push({ host: h, lastMs: t });
    });
    return out;
}
/** One look at Prometheus: the hosts' scrape state, with `sinceMs` moved onto Prometheus's own clock. */
async function scrapeState(source, context, sinceMs, timeoutMs, signal, deps) {
    const now = deps.now ?? Date.now;
    const asked = now();
    const { resultType, result } = await prometheusQuery(source, UP_QUERY, {
        timeoutMs,
        signal,
        request: deps.request,
        maxBody: UP_MAX_BODY,
    });
    const answered = now();
    if (resultType !== 'vector' || !Array.isArray(result))
        throw new Error(`Prometheus answered ${UP_QUERY} with a ${resultType ?? 'missing'} result (expected a vector)`);
    const series = result;
    // Every sample of the answer carries the evaluation time, Prometheus's "now": the difference to
    // ours is the clocks' skew, so a runner whose clock is behind cannot take an old sample for new.
    const evalMs = Number(series[0]?.value?.[0]) * 1000;
    const skew = Number.isFinite(evalMs) ? evalMs - (asked + answered) / 2 : 0;
    return scrapeStateOf(context.hosts, context.addresses, series, sinceMs + skew);
}
function list(hosts) {
    return hosts.length <= 5 ? hosts.join(', ') : `${hosts.slice(0, 5).join(', ')} and ${hosts.length - 5} more`;
}
function missingReason(hosts, context) {
    const named = hosts.map((h) => {
        const a = context.addresses?.[context.hosts.indexOf(h)];
        return a && a !== h ? `${h} (${a})` : h;
    });
    return (`Prometheus scrapes no target of ${list(named)}: no up series has the host's name or address in a label ` +
        '(fresh: scrape needs one; for metrics that do not come from scraping the hosts, set fresh: off or a duration to wait)');
}
/**
 * Waits until the gate may judge the batch: `wait` sleeps until that long after the batch's end;
 * `scrape` polls Prometheus until every host's targets were scraped after it. A host without any
 * target is no data (the gate's no-data rule decides: fail at once, wait within `for`, or pass);
 * a target that is not scraped again within SCRAPE_WAIT_MAX_MS is an error.
 */
async function waitForFresh(gate, context, startMs, signal, deps = {}) {
    const now = deps.now ?? Date.now;
    const sleep = deps.sleep ?? pool/* sleep */.yy;
    const since = context.since ?? startMs;
    const waited = () => now() - startMs;
    if (gate.fresh.kind === 'off')
        return { ok: true, waitedMs: 0 };
    if (gate.fresh.kind === 'wait') {
        const until = since + gate.fresh.ms;
        if (until > now())
            await sleep(until - now(), signal);
        return { ok: true, waitedMs: waited() };
    }
    if (gate.source.kind !== 'prometheus')
        return { ok: true, waitedMs: 0 };
    let errors = 0;
    for (;;) {
        if (signal?.aborted)
            return { ok: true, waitedMs: waited() };
        let state;
        try {
            state = await scrapeState(gate.source, context, since, gate.timeoutMs, signal, deps);
        }
        catch (err) {
            if (signal?.aborted)
                return { ok: true, waitedMs: waited() };
            if (++errors > gate.failureLimit) {
                return {
                    ok: false,
                    verdict: 'error',
                    reason: `cannot tell whether Prometheus scraped the hosts after the batch: ${err.message}`,
                    waitedMs: waited(),
                };
            }
        }
        if (state) {
            const missing = gate.noData === 'pass' ? [] : state.missing;
            if (state.stale.length === 0 && missing.length === 0)
                return { ok: true, waitedMs: waited() };
            const t = now();
            if (missing.length && (gate.noData === 'fail' || t - startMs >= gate.forMs)) {
                return { ok: false, verdict: 'no-data', reason: missingReason(missing, context), waitedMs: waited() };
            }
            if (state.stale.length && t - since >= SCRAPE_WAIT_MAX_MS) {
                const oldest = Math.min(...state.stale.map((s) => s.lastMs));
                return {
                    ok: false,
                    verdict: 'error',
                    waitedMs: waited(),
                    reason: `Prometheus has not scraped ${list(state.stale.map((s) => s.host))} since the batch ended ${(0,duration/* formatDuration */.a)(t - since)} ago (their last scrape is from ${(0,duration/* formatDuration */.a)(Math.max(0, state.sinceMs - oldest))} before it)`,
                };
            }
        }
        await sleep(POLL_MS, signal);
    }
}

// EXTERNAL MODULE: ./src/net/template.ts
var template = __webpack_require__(70769);
;// CONCATENATED MODULE: ./src/gates/evaluate.ts








const SAMPLES_KEPT = 50;
const VALUES_PER_SAMPLE = 20;
/**
 * Evaluates every gate at once for the batch just finished. Resolves (never rejects) with ok when
 * all held; otherwise with the failed gates' messages. The first failed gate stops the others.
 */
async function evaluateGates(gates, context, log, signal, deps = {}) {
    if (gates.length === 0)
        return { ok: true, message: 'no gates', gates: [], samples: [] };
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal?.reason);
    if (signal?.aborted)
        onAbort();
    else
        signal?.addEventListener('abort', onAbort, { once: true });
    let results;
    try {
        results = await Promise.all(gates.map(async (gate) => {
            const result = await evaluateGate(gate, context, log, stop.signal, deps);
            if (!result.ok && !stop.signal.aborted)
                stop.abort(new Error(`gate "${gate.name}" failed`));
            return result;
        }));
    }
    finally {
        signal?.removeEventListener('abort', onAbort);
    }
    const cancelled = !!signal?.aborted;
    const failed = results.filter((r) => !r.ok && !r.message.startsWith('stopped'));
    const ok = !cancelled && results.every((r) => r.ok);
    const samples = results.flatMap((r) => r.samples).sort((a, b) => a.at.localeCompare(b.at));
    let message;
    if (cancelled)
        message = 'gates not finished: the rollout was cancelled';
    else if (ok)
        message = results.map((r) => r.message).join('\n');
    else
        message = failed.map((r) => r.message).join('\n');
    return { ok, cancelled: cancelled || undefined, message, gates: results, samples };
}
/** One gate's rounds over its `for` window. */
async function evaluateGate(gate, context, log, signal, deps = {}) {
    const now = deps.now ?? Date.now;
    const sleep = deps.sleep ?? pool/* sleep */.yy;
    const start = now();
    const asked = describeSource(gate.source, context);
    const expected = describeCheck(gate);
    const samples = [];
    let rounds = 0;
    let failures = 0;
    let noData = 0;
    let withData = 0;
    let firstFailure;
    const result = (ok, message) => ({
        name: gate.name,
        ok,
        asked,
        expected,
        rounds,
        failures,
        noData,
        durationMs: now() - start,
        message,
        samples: samples.slice(-SAMPLES_KEPT),
    });
    const failedMessage = (why) => `gate "${gate.name}" failed after ${(0,duration/* formatDuration */.a)(now() - start)}: ${why}\n` +
        `  asked: ${asked}\n  expected: every value ${expected}${gate.forMs ? ` for ${(0,duration/* formatDuration */.a)(gate.forMs)}` : ''}\n  values seen: ${valuesSeen(samples)}`;
    log.debug(`gate "${gate.name}": ${asked}, expecting ${expected}${gate.forMs ? ` for ${(0,duration/* formatDuration */.a)(gate.forMs)} every ${(0,duration/* formatDuration */.a)(gate.intervalMs)}` : ''}`);
    // Only samples of the new version count: wait for them first (a scrape after the batch, or a set time).
    const fresh = await waitForFresh(gate, context, start, signal, deps);
    const freshNote = fresh.waitedMs > 0
        ? ` after ${(0,duration/* formatDuration */.a)(fresh.waitedMs)} waiting for fresh samples (fresh: ${freshText(gate)})`
        : '';
    if (fresh.waitedMs > 0)
        log.debug(`gate "${gate.name}": fresh samples after ${(0,duration/* formatDuration */.a)(fresh.waitedMs)}`);
    if (!fresh.ok) {
        const t = now();
        samples.push({
            gate: gate.name,
            at: new Date(t).toISOString(),
            elapsedMs: t - start,
            verdict: fresh.verdict,
            values: [],
            reason: fresh.reason,
        });
        if (fresh.verdict === 'no-data')
            noData++;
        failures++;
        const message = failedMessage(`${fresh.verdict === 'no-data' ? 'no data' : 'no fresh samples'}: ${fresh.reason}`);
        log.warn(message);
        return result(false, message);
    }
    const roundsStart = now();
    for (;;) {
        if (signal?.aborted)
            return result(false, `stopped before a verdict: ${signal.reason instanceof Error ? signal.reason.message : 'cancelled'}`);
        const t = now();
        const sample = await queryRound(gate, context, signal, deps, t - start, t);
        if (signal?.aborted)
            return result(false, `stopped before a verdict: ${signal.reason instanceof Error ? signal.reason.message : 'cancelled'}`);
        rounds++;
        samples.push(sample);
        if (samples.length > SAMPLES_KEPT * 2)
            samples.splice(0, samples.length - SAMPLES_KEPT);
        log.debug(`gate "${gate.name}" +${(0,duration/* formatDuration */.a)(sample.elapsedMs)}: ${sample.verdict}${sample.values.length ? ` ${renderValues(sample)}` : ''}${sample.reason ? ` (${sample.reason})` : ''}`);
        let failedRound = sample.verdict === 'fail' || sample.verdict === 'error';
        if (sample.verdict === 'no-data') {
            noData++;
            if (gate.noData === 'fail')
                failedRound = true;
        }
        else if (sample.verdict !== 'error') {
            withData++;
        }
        if (failedRound) {
            failures++;
            firstFailure ??= sample;
            if (failures > gate.failureLimit) {
                const why = sample.verdict === 'no-data' ? `no data (no-data: fail)` : (sample.reason ?? sample.verdict);
                const limit = gate.failureLimit ? ` (${failures} failed rounds, failure-limit ${gate.failureLimit})` : '';
                const message = failedMessage(`${why}${limit}`);
                log.warn(message);
                return result(false, message);
            }
        }
        const next = roundsStart + rounds * gate.intervalMs;
        if (gate.forMs <= 0 || next - roundsStart > gate.forMs)
            break;
        await sleep(Math.max(0, next - now()), signal);
    }
    if (gate.noData === 'wait' && withData === 0) {
        const message = failedMessage(`no data in ${rounds} ${rounds === 1 ? 'query' : 'queries'}${gate.forMs ? ` over ${(0,duration/* formatDuration */.a)(gate.forMs)}` : ''} (no-data: wait, then fail)`);
        log.warn(message);
        return result(false, message);
    }
    const message = `gate "${gate.name}" held: ${rounds} ${rounds === 1 ? 'query' : 'queries'}${gate.forMs ? ` over ${(0,duration/* formatDuration */.a)(now() - roundsStart)}` : ''}${freshNote}, every value ${expected}` +
        `${failures ? `; ${failures} failed within failure-limit ${gate.failureLimit}` : ''}${noData ? `; ${noData} without data (no-data: ${gate.noData})` : ''}` +
        ` — values seen: ${valuesSeen(samples)}`;
    log.info(message);
    return result(true, message);
}
function freshText(gate) {
    return gate.fresh.kind === 'wait' ? (0,duration/* formatDuration */.a)(gate.fresh.ms) : gate.fresh.kind;
}
/** The values a query's placeholders take: lists joined by "|" for PromQL's =~, by "," in URLs and bodies. */
function placeholderValues(context, joiner) {
    return {
        group: context.group,
        hosts: context.hosts.join(joiner),
        addresses: (context.addresses ?? []).join(joiner),
        version: context.version,
        service: context.service ?? '',
    };
}
function describeSource(source, context) {
    if (source.kind === 'prometheus')
        return `prometheus ${(0,http/* redactUrl */.BO)(source.url)} query ${(0,template/* fill */.GS)(source.query, placeholderValues(context, '|')).replace(/\s+/g, ' ').trim()}`;
    return `${source.method} ${(0,http/* redactUrl */.BO)((0,template/* fillUrl */.T9)(source.url, placeholderValues(context, ',')))}${source.path ? ` at ${source.path}` : ''}`;
}
function describeCheck(gate) {
    const parts = [];
    if (gate.check.min !== undefined)
        parts.push(`≥ ${gate.check.min}`);
    if (gate.check.max !== undefined)
        parts.push(`≤ ${gate.check.max}`);
    if (gate.check.condition !== undefined)
        parts.push(`satisfies ${gate.check.condition}`);
    return parts.join(' and ');
}
async function queryRound(gate, context, signal, deps, elapsedMs, t) {
    const base = { gate: gate.name, at: new Date(t).toISOString(), elapsedMs };
    let values;
    try {
        values =
            gate.source.kind === 'prometheus'
                ? await queryPrometheus(gate.source, gate.timeoutMs, context, signal, deps)
                : await queryHttp(gate.source, gate.timeoutMs, context, signal, deps);
    }
    catch (err) {
        return { ...base, verdict: 'error', values: [], reason: err.message };
    }
    const kept = values.slice(0, VALUES_PER_SAMPLE);
    // NaN (0/0 with no traffic) and null say nothing about the new version: they are no data.
    const real = values.filter((v) => v.value !== null && !Number.isNaN((0,gates_condition/* asNumber */.i)(v.value)));
    if (real.length === 0)
        return {
            ...base,
            verdict: 'no-data',
            values: kept,
            reason: values.length
                ? `only ${values
                    .map((v) => String(v.value))
                    .slice(0, 3)
                    .join(', ')}`
                : undefined,
        };
    for (const v of real) {
        const why = violation(gate, v.value);
        if (why)
            return {
                ...base,
                verdict: 'fail',
                values: kept,
                reason: `${render(v.value)}${v.series ? ` ${v.series}` : ''} ${why}`,
            };
    }
    return { ...base, verdict: 'pass', values: kept };
}
/** Why a value breaks the gate's condition ("is above max 10"), or undefined when it holds. */
function violation(gate, value) {
    const { max, min, condition } = gate.check;
    if (max !== undefined || min !== undefined) {
        const n = (0,gates_condition/* asNumber */.i)(value);
        if (n === undefined || Number.isNaN(n))
            return `is not a number (expected ${describeCheck({ check: { max, min } })})`;
        if (max !== undefined && !(n <= max))
            return `is above max ${max}`;
        if (min !== undefined && !(n >= min))
            return `is below min ${min}`;
    }
    if (condition !== undefined) {
        try {
            if (!(0,gates_condition/* parseCondition */.zB)(condition).test(value))
                return `does not satisfy ${condition}`;
        }
        catch (err) {
            if (!(err instanceof gates_condition/* ConditionError */.iG))
                throw err;
            return `cannot be tested: condition ${condition} ${err.message}`;
        }
    }
    return undefined;
}
async function queryPrometheus(source, timeoutMs, context, signal, deps) {
    const { resultType: type, result } = await prometheusQuery(source, (0,template/* fill */.GS)(source.query, placeholderValues(context, '|')), { timeoutMs, signal, request: deps.request });
    if (type === 'vector' && Array.isArray(result)) {
        return result.map((s) => ({
            series: seriesName(s.metric ?? {}),
            value: (0,gates_condition/* asNumber */.i)(s.value?.[1] ?? 'NaN') ?? null,
        }));
    }
    if (type === 'scalar' && Array.isArray(result))
        return [{ value: (0,gates_condition/* asNumber */.i)(result[1]) ?? null }];
    if (type === 'string' && Array.isArray(result))
        return [{ value: String(result[1]) }];
    if (type === 'matrix')
        throw new Error('the query returns a range (matrix): use an instant vector, e.g. max_over_time(x[5m]) instead of x[5m]');
    throw new Error(`Prometheus answered an unknown result type ${JSON.stringify(type)}`);
}
async function queryHttp(source, timeoutMs, context, signal, deps) {
    const values = placeholderValues(context, ',');
    const answer = await (deps.request ?? http/* httpRequest */.aj)({
        url: (0,template/* fillUrl */.T9)(source.url, values),
        method: source.method,
        headers: {
            Accept: 'application/json',
            ...(source.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...source.headers,
        },
        body: source.body === undefined ? undefined : (0,template/* fill */.GS)(source.body, values),
        timeoutMs,
        signal,
    });
    if (answer.status < 200 || answer.status > 299)
        throw new Error(`status ${answer.status}: ${(0,http/* excerpt */.Kb)(answer.body)}`);
    let doc;
    try {
        doc = JSON.parse(answer.body);
    }
    catch {
        throw new Error(`the answer is not JSON: ${(0,http/* excerpt */.Kb)(answer.body)}`);
    }
    const path = (0,config/* parseJsonPath */.Hf)(source.path) ?? [];
    let node = doc;
    for (const key of path) {
        if (node === null || typeof node !== 'object') {
            node = undefined;
            break;
        }
        node = node[key];
    }
    if (node === undefined || node === null)
        return [];
    const list = Array.isArray(node) ? node : [node];
    return list.map((item, i) => {
        if (item === null || ['number', 'string', 'boolean'].includes(typeof item))
            return { series: Array.isArray(node) ? `[${i}]` : undefined, value: item };
        throw new Error(`${source.path || 'the answer'}${Array.isArray(node) ? `[${i}]` : ''} is ${Array.isArray(item) ? 'a list' : 'an object'}, not a value: ${(0,http/* excerpt */.Kb)(JSON.stringify(item), 80)}`);
    });
}
function seriesName(metric) {
    const { __name__: name, ...labels } = metric;
    if (!name && Object.keys(labels).length === 0)
        return undefined;
    const text = `${name ?? ''}{${Object.entries(labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',')}}`;
    return text.length > 120 ? text.slice(0, 119) + '…' : text;
}
function render(v) {
    return typeof v === 'string' ? JSON.stringify(v) : String(v);
}
function renderValues(s) {
    const shown = s.values
        .slice(0, 3)
        .map((v) => `${render(v.value)}${s.values.length > 1 && v.series ? ` ${v.series}` : ''}`);
    return shown.join(', ') + (s.values.length > 3 ? `, … (${s.values.length} values)` : '');
}
/** "+0s 0 · +1s no data · +2s 50", the last ten rounds. */
function valuesSeen(samples) {
    const last = samples.slice(-10);
    const text = last
        .map((s) => `+${(0,duration/* formatDuration */.a)(s.elapsedMs)} ${s.verdict === 'error' ? `error (${s.reason})` : s.values.length && s.verdict !== 'no-data' ? renderValues(s) : s.values.length ? `no data (${renderValues(s)})` : 'no data'}`)
        .join(' · ');
    return (samples.length > last.length ? `… ${samples.length - last.length} earlier · ` : '') + (text || 'none');
}


/***/ }),

/***/ 99017:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ runHook)
/* harmony export */ });
/* unused harmony export hookEnvironment */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(643);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(26518);
/* harmony import */ var _net_http__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(59663);
/* harmony import */ var _net_template__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(70769);
// Running a drain hook for one host: a program (execFile, never a shell) or an HTTP request, with
// the host's name and address filled in, a timeout, and a result that says what happened.





const MAX_OUTPUT = 1024 * 1024;
/**
 * Runs one hook for one host. Never throws: the caller decides what a failure means (a failed
 * before-stop fails the host's update; a failed after-healthy is a warning).
 */
async function runHook(hook, vars, log, signal, deps = {}) {
    const t0 = node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__.performance.now();
    const values = {
        host: vars.host,
        address: vars.address,
        group: vars.group,
        service: vars.service,
    };
    const what = `${hook.name} hook on ${vars.host}`;
    const done = (r) => {
        const result = { hook: hook.name, host: vars.host, durationMs: Math.round(node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__.performance.now() - t0), ...r };
        if (result.ok)
            log.info(result.message);
        else
            log.debug(`${what} failed after ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(result.durationMs)}`);
        return result;
    };
    if (signal?.aborted)
        return done({ ok: false, message: `${what}: not run, the rollout was cancelled` });
    if (hook.action.kind === 'command')
        return done(await runCommand(hook, hook.action, values, vars, what, log, signal, deps, t0));
    return done(await runHttp(hook, hook.action, values, what, signal, deps, t0));
}
function runCommand(hook, action, values, vars, what, log, signal, deps, t0) {
    const argv = action.argv.map((a) => (0,_net_template__WEBPACK_IMPORTED_MODULE_4__/* .fill */ .GS)(a, values));
    const shown = JSON.stringify(argv);
    log.debug(`${what}: running ${shown}`);
    const env = {
        ...hookEnvironment(deps.env ?? process.env, action.env ?? []),
        AVIARY_HOOK: hook.name,
        AVIARY_HOST: vars.host,
        AVIARY_ADDRESS: vars.address,
        AVIARY_GROUP: vars.group,
        AVIARY_SERVICE: vars.service,
    };
    return new Promise((resolve) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)(argv[0], argv.slice(1), {
            timeout: hook.timeoutMs,
            killSignal: 'SIGKILL',
            maxBuffer: MAX_OUTPUT,
            env,
            signal,
            windowsHide: true,
            encoding: 'utf8',
        }, (err, stdout, stderr) => {
            const elapsed = (0,_util_duration__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__.performance.now() - t0);
            const output = tail([stdout, stderr]
                .map((s) => (s ?? '').trimEnd())
                .filter(Boolean)
                .join('\n'));
            for (const line of output.split('\n'))
                if (line.trim())
                    log.debug(`${what}: ${line}`);
            if (!err)
                return resolve({
                    ok: true,
                    exitCode: 0,
                    output: output || undefined,
                    message: `${what}: ${shown} done in ${elapsed}`,
                });
            const e = err;
            let why;
            if (signal?.aborted)
                why = 'was stopped: the rollout was cancelled';
            else if (e.killed && e.signal === 'SIGKILL' && node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__.performance.now() - t0 >= hook.timeoutMs - 50)
                why = `did not finish within timeout ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(hook.timeoutMs)} and was killed`;
            else if (e.code === 'ENOENT')
                why = `could not start: ${argv[0]} was not found`;
            else if (e.code === 'EACCES')
                why = `could not start: ${argv[0]} is not executable`;
            else if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
                why = `wrote more than ${MAX_OUTPUT} bytes of output and was stopped`;
            else if (typeof e.code === 'number')
                why = `exited with code ${e.code}`;
            else if (e.signal)
                why = `was killed by ${e.signal}`;
            else
                why = `failed: ${e.message}`;
            resolve({
                ok: false,
                exitCode: typeof e.code === 'number' ? e.code : undefined,
                output: output || undefined,
                message: `${what} failed: ${shown} ${why} after ${elapsed}${output ? `:\n${indent(output)}` : ''}`,
            });
        });
    });
}
async function runHttp(hook, action, values, what, signal, deps, t0) {
    const url = (0,_net_template__WEBPACK_IMPORTED_MODULE_4__/* .fillUrl */ .T9)(action.url, values);
    const headers = Object.fromEntries(Object.entries(action.headers).map(([k, v]) => [k, (0,_net_template__WEBPACK_IMPORTED_MODULE_4__/* .fill */ .GS)(v, values)]));
    const request = {
        url,
        method: action.method,
        headers,
        body: action.body === undefined ? undefined : (0,_net_template__WEBPACK_IMPORTED_MODULE_4__/* .fill */ .GS)(action.body, values),
        timeoutMs: hook.timeoutMs,
        signal,
        maxBody: 64 * 1024,
        agent: 'aviary-hook',
    };
    try {
        const answer = await (deps.request ?? _net_http__WEBPACK_IMPORTED_MODULE_3__/* .httpRequest */ .aj)(request);
        const elapsed = (0,_util_duration__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(node_perf_hooks__WEBPACK_IMPORTED_MODULE_1__.performance.now() - t0);
        const [lo, hi] = action.expectStatus;
        const body = (0,_net_http__WEBPACK_IMPORTED_MODULE_3__/* .excerpt */ .Kb)(answer.body, 300);
        if (answer.status >= lo && answer.status <= hi)
            return {
                ok: true,
                status: answer.status,
                output: body || undefined,
                message: `${what}: ${action.method} ${url} answered ${answer.status} in ${elapsed}`,
            };
        return {
            ok: false,
            status: answer.status,
            output: body || undefined,
            message: `${what} failed: ${action.method} ${url} answered ${answer.status} after ${elapsed}, expected ${lo === hi ? lo : `${lo}-${hi}`}${body ? `: ${body}` : ''}`,
        };
    }
    catch (err) {
        return { ok: false, message: `${what} failed: ${err.message}` };
    }
}
/** What a hook may need of any machine's environment; nothing of the runner's inputs or secrets. */
const BASE_ENV = [
    'PATH',
    'HOME',
    'USER',
    'LANG',
    'LC_ALL',
    'TZ',
    'TMPDIR',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'http_proxy',
    'https_proxy',
    'no_proxy',
];
/**
 * A hook's environment: the minimal set plus the names its config lists (`env:`). The runner's
 * own environment holds every input (INPUT_PASSWORD, INPUT_SSH-KEY…) and every secret-env value.
 */
function hookEnvironment(from, names) {
    const out = {};
    for (const name of [...BASE_ENV, ...names]) {
        const v = from[name];
        if (v !== undefined)
            out[name] = v;
    }
    return out;
}
/** The last lines of a command's output, for a message. */
function tail(text, lines = 8, chars = 1500) {
    const all = text.replace(/\r/g, '').trimEnd().split('\n');
    const out = all.slice(-lines).join('\n');
    return out.length > chars ? '…' + out.slice(-chars) : (all.length > lines ? '…\n' : '') + out;
}
function indent(text) {
    return text
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n');
}


/***/ }),

/***/ 18174:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lq: () => (/* binding */ DockerHost),
/* harmony export */   qG: () => (/* binding */ dockerOf)
/* harmony export */ });
/* unused harmony exports DEFAULT_TIMEOUTS, portBindings, repositoryOf */
/* harmony import */ var tar_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(56118);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _engine__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39989);
/* harmony import */ var _docker_stream__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(92980);
/* harmony import */ var _util_pool__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(40704);
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(26518);






const DEFAULT_TIMEOUTS = { requestMs: 15_000, pullMs: 10 * 60_000, pullStallMs: 60_000 };

/** An empty image imported on each host, so that a record needs nothing pulled from any registry. */
const RECORD_IMAGE = 'aviary-lock:1';
class DockerHost {
    name;
    docker;
    untimed;
    timeouts;
    onClose;
    recordImage = false;
    /**
     * `docker` aborts requests idle for long; `untimed` is the same engine without that idle timeout,
     * for pulls and stops that may be silent for a while (they are bounded here instead).
     */
    constructor(name, docker, untimed = docker, timeouts = DEFAULT_TIMEOUTS, onClose = () => undefined) {
        this.name = name;
        this.docker = docker;
        this.untimed = untimed;
        this.timeouts = timeouts;
        this.onClose = onClose;
    }
    /** Releases the connection (pooled sockets, SSH session). */
    close() {
        this.onClose();
    }
    /**
     * One remote call, bounded in time. A failure says which step failed on which host
     * ("h2: stop container 3f2a…: socket hang up"), and keeps the engine's status code for callers.
     */
    async call(what, p, ms = this.timeouts.requestMs) {
        try {
            return await (0,_util_pool__WEBPACK_IMPORTED_MODULE_3__/* .withTimeout */ .wj)(p, ms, `${this.name}: ${what}`);
        }
        catch (err) {
            if (err instanceof _util_pool__WEBPACK_IMPORTED_MODULE_3__/* .TimeoutError */ .MU)
                throw err;
            const reason = err?.message ?? String(err);
            throw Object.assign(new Error(`${this.name}: ${what}: ${reason.replace(/^\(HTTP code \d+\) [a-z ]+ - /, '')}`), {
                statusCode: (0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(err),
                cause: err,
            });
        }
    }
    /** Every container of the service: the current one (named exactly `service`) and the kept ones. */
    async serviceContainers(service) {
        const list = await this.call('list containers', this.docker.listContainers({ all: true }));
        return (list
            // A kept name is aviary's record too: the container a first deploy replaced may carry no label.
            .filter((c) => c.Labels?.[_engine__WEBPACK_IMPORTED_MODULE_2__/* .LABEL */ .d_.service] === service ||
            c.Names.some((n) => n === `/${service}` || n.startsWith(`/${service}.old-`)))
            .map((c) => ({
            id: c.Id,
            name: (c.Names.find((n) => n.split('/').length === 2) ?? c.Names[0] ?? '').replace(/^\//, ''),
            image: c.Labels?.[_engine__WEBPACK_IMPORTED_MODULE_2__/* .LABEL */ .d_.image] || c.Image,
            imageId: c.ImageID,
            running: c.State === 'running',
            state: c.State,
            created: new Date(c.Created * 1000).toISOString(),
            labels: c.Labels ?? {},
        })));
    }
    async container(idOrName) {
        const info = await this.inspect(idOrName);
        if (!info)
            return undefined;
        const labels = info.Config.Labels ?? {};
        return {
            id: info.Id,
            name: info.Name.replace(/^\//, ''),
            image: labels[_engine__WEBPACK_IMPORTED_MODULE_2__/* .LABEL */ .d_.image] || info.Config.Image,
            imageId: info.Image,
            running: info.State.Running,
            state: info.State.Status,
            created: info.Created,
            labels,
        };
    }
    async createRecord(name, labels) {
        for (let attempt = 0;; attempt++) {
            try {
                const created = await this.call(`create record ${name}`, this.docker.createContainer({ name, Image: RECORD_IMAGE, Cmd: ['aviary-lock'], Labels: labels }));
                return created.id;
            }
            catch (err) {
                // The first record on a host: no record image there yet (created first, imported on a 404).
                if ((0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(err) === 404 && attempt === 0) {
                    await this.importRecordImage();
                    continue;
                }
                if ((0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(err) === 409)
                    throw new _engine__WEBPACK_IMPORTED_MODULE_2__/* .ConflictError */ .fK(`${this.name}: ${name} exists`);
                throw err;
            }
        }
    }
    async records(key, value) {
        const list = await this.call('list records', this.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${key}=${value}`] }) }));
        // The list gives whole seconds: take the end of that second, so that a heartbeat is never judged older than it is.
        return list.map((c) => ({
            id: c.Id,
            name: (c.Names[0] ?? '').replace(/^\//, ''),
            labels: c.Labels ?? {},
            createdMs: c.Created * 1000 + 999,
        }));
    }
    async containersByLabel(key, value) {
        const list = await this.call('list containers', this.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${key}=${value}`] }) }));
        return list.map((c) => ({
            id: c.Id,
            name: (c.Names[0] ?? '').replace(/^\//, ''),
            image: c.Image,
            imageId: c.ImageID,
            running: c.State === 'running',
            state: c.State,
            created: new Date(c.Created * 1000).toISOString(),
            labels: c.Labels ?? {},
        }));
    }
    async ensureNetwork(name, labels) {
        const found = await this.call('list networks', this.docker.listNetworks({ filters: JSON.stringify({ name: [name] }) }));
        if (found.some((n) => n.Name === name))
            return;
        try {
            await this.call(`create network ${name}`, this.docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: labels }));
        }
        catch (err) {
            if ((0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(err) !== 409)
                throw err; // made by another run a moment ago
        }
    }
    async execIn(id, argv, timeoutMs) {
        let stream;
        const release = () => stream?.destroy?.();
        return this.call(`exec ${argv[0]} in container ${(0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .short */ .h0)(id)}`, (async () => {
            const exec = await this.docker
                .getContainer(id)
                .exec({ Cmd: argv, AttachStdout: true, AttachStderr: true, Tty: false });
            stream = await exec.start({ hijack: true, stdin: false });
            const raw = await new Promise((resolve, reject) => {
                const chunks = [];
                let size = 0;
                stream.on('data', (c) => {
                    if (size < 64 * 1024)
                        chunks.push(c);
                    size += c.length;
                });
                stream.once('end', () => resolve(Buffer.concat(chunks)));
                stream.once('close', () => resolve(Buffer.concat(chunks)));
                stream.once('error', reject);
            });
            // The exit code is recorded just after the stream closes; ask again briefly if it is not yet.
            let info = await exec.inspect();
            for (let i = 0; i < 20 && (info.Running || info.ExitCode === null); i++) {
                await new Promise((r) => setTimeout(r, 20));
                info = await exec.inspect();
            }
            return { exitCode: info.ExitCode ?? -1, output: (0,_docker_stream__WEBPACK_IMPORTED_MODULE_5__/* .demuxDockerStream */ .a)(raw).text };
        })().finally(release), timeoutMs);
    }
    async putFile(id, path, content) {
        const slash = path.lastIndexOf('/');
        const tar = (0,tar_stream__WEBPACK_IMPORTED_MODULE_0__.pack)();
        tar.entry({ name: path.slice(slash + 1), mode: 0o644 }, content);
        tar.finalize();
        const chunks = [];
        for await (const c of tar)
            chunks.push(c);
        await this.call(`write ${path} into container ${(0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .short */ .h0)(id)}`, this.docker.getContainer(id).putArchive(Buffer.concat(chunks), { path: path.slice(0, slash) || '/' }));
    }
    async registryConfig() {
        return (await this.call('read the engine info', this.docker.info()))
            .RegistryConfig;
    }
    async clock() {
        const info = (await this.call('read the engine clock', this.docker.info()));
        const t = Date.parse(info.SystemTime ?? '');
        return Number.isFinite(t) ? t : Date.now();
    }
    async importRecordImage() {
        if (this.recordImage)
            return;
        const tar = (0,tar_stream__WEBPACK_IMPORTED_MODULE_0__.pack)();
        tar.entry({ name: 'aviary-lock', mode: 0o644 }, 'an aviary record container holds no program\n');
        tar.finalize();
        const [repo, tag] = RECORD_IMAGE.split(':');
        const stream = await this.call('import the record image', this.docker.importImage(tar, { repo, tag }));
        await this.call('import the record image', new Promise((resolve, reject) => this.docker.modem.followProgress(stream, (e) => (e ? reject(e) : resolve()))));
        this.recordImage = true;
    }
    /** The repository digest of a local image (sha256:…), or its image id when it has none. */
    async imageDigest(ref) {
        try {
            const info = await this.call(`inspect image ${ref}`, this.docker.getImage(ref).inspect());
            const repo = repositoryOf(ref);
            const match = (info.RepoDigests ?? []).find((d) => d.split('@')[0] === repo) ?? info.RepoDigests?.[0];
            return { id: info.Id, digest: match ? match.split('@')[1] : info.Id };
        }
        catch (err) {
            if ((0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(err) === 404)
                return undefined;
            throw err;
        }
    }
    /** Pulls an image, passing the registry credentials with this pull only (never stored on the host). */
    async pull(ref, auth) {
        const stream = await this.call(`pull ${ref}`, this.untimed.pull(ref, auth ? { authconfig: auth } : {}));
        await this.call(`pull ${ref}`, new Promise((resolve, reject) => {
            // The engine reports progress while bytes move (and "Retrying in…" when they do not); a pull
            // silent for pullStallMs has lost its host's network or its registry: cut it now, not after pullMs.
            const stallMs = this.timeouts.pullStallMs;
            let stalled;
            const moving = () => {
                clearTimeout(stalled);
                stalled = setTimeout(() => {
                    stream.destroy?.();
                    reject(new Error(`no progress for ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a)(stallMs)}: the host lost its network, or the registry stopped sending`));
                }, stallMs);
            };
            moving();
            this.untimed.modem.followProgress(stream, (err, output) => {
                clearTimeout(stalled);
                if (err)
                    return reject(err);
                const failed = (output ?? []).find((o) => o.error || o.errorDetail);
                if (failed)
                    return reject(new _errors__WEBPACK_IMPORTED_MODULE_1__/* .RunError */ .e4(failed.errorDetail?.message ?? failed.error ?? 'pull failed'));
                resolve();
            }, moving);
        }), this.timeouts.pullMs);
    }
    async create(name, image, spec, labels) {
        const { exposed, bindings } = portBindings(spec.ports);
        const env = [...Object.entries(spec.env), ...Object.entries(spec.secretEnv)].map(([k, v]) => `${k}=${v}`);
        const created = await this.call(`create container ${name}`, this.docker.createContainer({
            name,
            Image: image,
            Env: env,
            Cmd: spec.command,
            Labels: { ...spec.labels, ...labels },
            ExposedPorts: exposed,
            StopTimeout: Math.ceil(spec.stopTimeoutMs / 1000),
            HostConfig: {
                PortBindings: bindings,
                Binds: spec.volumes.length ? spec.volumes : undefined,
                RestartPolicy: { Name: spec.restart === 'no' ? '' : spec.restart },
                NetworkMode: spec.network,
            },
        }));
        return created.id;
    }
    async start(id) {
        await this.call(`start container ${(0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .short */ .h0)(id)}`, ignore304(this.docker.getContainer(id).start()));
    }
    async stop(id, timeoutMs) {
        const seconds = Math.ceil(timeoutMs / 1000);
        await this.call(`stop container ${(0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .short */ .h0)(id)}`, ignore304(this.untimed.getContainer(id).stop({ t: seconds })), timeoutMs + this.timeouts.requestMs);
    }
    async rename(id, name) {
        try {
            await this.call(`rename container ${(0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .short */ .h0)(id)} to ${name}`, this.docker.getContainer(id).rename({ name }));
        }
        catch (err) {
            // 409: the name is another container's; 400: it is this one's already (a rename race lost).
            if ((0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(err) === 409 || (0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(err) === 400)
                throw new _engine__WEBPACK_IMPORTED_MODULE_2__/* .ConflictError */ .fK(err.message);
            throw err;
        }
    }
    async remove(id) {
        try {
            await this.call(`remove container ${(0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .short */ .h0)(id)}`, this.docker.getContainer(id).remove({ force: true, v: false }));
        }
        catch (err) {
            if ((0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(err) !== 404)
                throw err;
        }
    }
    async inspect(id) {
        try {
            return await this.call(`inspect container ${(0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .short */ .h0)(id)}`, this.docker.getContainer(id).inspect());
        }
        catch (err) {
            if ((0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(err) === 404)
                return undefined;
            throw err;
        }
    }
}
/** The Engine API client behind a host, for the checks that exec in or read logs of its containers. */
function dockerOf(host) {
    if (!(host instanceof DockerHost))
        throw new Error(`${host.name}: not a Docker Engine API host`);
    return host.docker;
}
/** docker -p syntax → the engine's ExposedPorts and PortBindings. */
function portBindings(ports) {
    const exposed = {};
    const bindings = {};
    for (const p of ports) {
        const [spec, proto = 'tcp'] = p.split('/');
        const parts = spec.split(':');
        const containerPort = parts.pop();
        const hostPort = parts.pop() ?? '';
        const hostIp = parts.pop();
        const key = `${containerPort}/${proto}`;
        exposed[key] = {};
        (bindings[key] ??= []).push(hostIp ? { HostIp: hostIp, HostPort: hostPort } : { HostPort: hostPort });
    }
    return { exposed, bindings };
}
/** registry:5000/a/b:tag@sha256:… → registry:5000/a/b */
function repositoryOf(ref) {
    const noDigest = ref.split('@')[0];
    const slash = noDigest.lastIndexOf('/');
    const colon = noDigest.lastIndexOf(':');
    return colon > slash ? noDigest.slice(0, colon) : noDigest;
}
async function ignore304(p) {
    try {
        return await p;
    }
    catch (err) {
        if ((0,_engine__WEBPACK_IMPORTED_MODULE_2__/* .statusOf */ .c2)(err) === 304)
            return undefined; // already started / already stopped
        throw err;
    }
}


/***/ }),

/***/ 92980:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ demuxDockerStream)
/* harmony export */ });
// Docker's multiplexed stdout/stderr stream format (exec and logs of a container without a TTY).
/**
 * Splits a multiplexed stream into text: frames of an 8-byte header (stream 0/1/2, three zero
 * bytes, big-endian length) and a payload. Anything that is not such a frame sequence (a TTY
 * container's raw output) is returned as it is.
 */
function demuxDockerStream(raw) {
    const out = [];
    const err = [];
    const all = [];
    let offset = 0;
    while (offset < raw.length) {
        if (raw.length - offset < 8 ||
            raw[offset] > 2 ||
            raw[offset + 1] !== 0 ||
            raw[offset + 2] !== 0 ||
            raw[offset + 3] !== 0) {
            if (offset === 0) {
                const text = raw.toString('utf8');
                return { text, stdout: text, stderr: '' };
            }
            all.push(raw.subarray(offset)); // a truncated last frame: keep what there is
            break;
        }
        const size = raw.readUInt32BE(offset + 4);
        const payload = raw.subarray(offset + 8, Math.min(raw.length, offset + 8 + size));
        (raw[offset] === 2 ? err : out).push(payload);
        all.push(payload);
        offset += 8 + size;
    }
    return {
        text: Buffer.concat(all).toString('utf8'),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
    };
}


/***/ }),

/***/ 30562:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bk: () => (/* binding */ parseEndpoint),
/* harmony export */   GN: () => (/* binding */ endpointHost),
/* harmony export */   Pk: () => (/* binding */ endpointPort),
/* harmony export */   T0: () => (/* binding */ formatEndpoint),
/* harmony export */   r4: () => (/* binding */ endpointKey),
/* harmony export */   un: () => (/* binding */ parseHostAddress)
/* harmony export */ });
/* unused harmony export ENDPOINT_EXPECTED */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
// Docker endpoints as written for a host (unix://, tcp://, ssh://) and the addresses health checks use.

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*\\.?$`);
const SSH_USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/;
const SOCKET_PATH = /^\/[A-Za-z0-9._+@/-]{0,1023}$/;
const ENDPOINT_EXPECTED = 'a Docker endpoint like "tcp://10.0.0.1:2375", "ssh://deploy@web-1.example.com" or "unix:///var/run/docker.sock"';
/** A host name or IP address; IPv6 may be in brackets. Returns the bare form, or undefined. */
function parseHostAddress(text) {
    const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(bare) === 6)
        return bare.toLowerCase();
    if (bare !== text)
        return undefined;
    if ((0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(text) === 4)
        return text;
    // A dotted quad that is not an IPv4 address (10.0.0.300) is a typo, not a host name.
    if (/^[\d.]+$/.test(text))
        return undefined;
    return text.length <= 253 && HOSTNAME.test(text) ? text.replace(/\.$/, '').toLowerCase() : undefined;
}
/** Splits "host:port" where host may be a bracketed IPv6 address. */
function splitHostPort(s) {
    if (s.startsWith('[')) {
        const close = s.indexOf(']');
        if (close < 0)
            return undefined;
        const rest = s.slice(close + 1);
        if (rest !== '' && !rest.startsWith(':'))
            return undefined;
        return { host: s.slice(0, close + 1), port: rest ? rest.slice(1) : undefined };
    }
    const colon = s.lastIndexOf(':');
    if (colon < 0)
        return { host: s };
    return { host: s.slice(0, colon), port: s.slice(colon + 1) };
}
function parsePort(s) {
    if (s === undefined || !/^\d{1,5}$/.test(s))
        return undefined;
    const n = Number(s);
    return n >= 1 && n <= 65535 ? n : undefined;
}
/** An endpoint, or the reason it is not one (phrased as what was expected). */
function parseEndpoint(text) {
    const m = /^([a-z]+):\/\/(.*)$/.exec(text);
    if (!m)
        return { expected: ENDPOINT_EXPECTED };
    const [, scheme, rest] = m;
    if (scheme === 'unix') {
        return SOCKET_PATH.test(rest) && !rest.split('/').includes('..')
            ? { scheme, path: rest }
            : { expected: 'a unix socket endpoint with an absolute path, like "unix:///var/run/docker.sock"' };
    }
    if (scheme === 'tcp') {
        const hp = splitHostPort(rest);
        const host = hp && parseHostAddress(hp.host);
        const port = parsePort(hp?.port);
        if (host === undefined || port === undefined)
            return { expected: 'a tcp endpoint with a host and a port, like "tcp://10.0.0.1:2375"' };
        return { scheme, host, port };
    }
    if (scheme === 'ssh') {
        const atSign = rest.indexOf('@');
        const user = atSign > 0 ? rest.slice(0, atSign) : '';
        const hp = splitHostPort(rest.slice(atSign + 1));
        const host = hp && parseHostAddress(hp.host);
        const port = hp?.port === undefined ? undefined : parsePort(hp.port);
        if (!SSH_USER.test(user) || host === undefined || (hp?.port !== undefined && port === undefined)) {
            return {
                expected: 'an ssh endpoint with a user and a host, like "ssh://deploy@web-1.example.com" or "ssh://deploy@10.0.0.1:2222"',
            };
        }
        return { scheme, user, host, port };
    }
    return { expected: ENDPOINT_EXPECTED };
}
/** Endpoints that reach the same engine: same socket, or same host and port (ssh: user aside). */
function endpointKey(e) {
    if (e.scheme === 'unix')
        return `unix:${e.path}`;
    return `${e.scheme}:${e.host}:${e.scheme === 'ssh' ? (e.port ?? 22) : e.port}`;
}
/** The endpoint's host, as a name or for health checks; unix sockets are on this machine. */
function endpointHost(e) {
    return e.scheme === 'unix' ? 'localhost' : e.host;
}
function endpointPort(e) {
    if (e.scheme === 'unix')
        return e.path;
    return String(e.scheme === 'ssh' ? (e.port ?? 22) : e.port);
}
/** The canonical text of an endpoint (lowercased host, brackets around IPv6). */
function formatEndpoint(e) {
    if (e.scheme === 'unix')
        return `unix://${e.path}`;
    const host = e.host.includes(':') ? `[${e.host}]` : e.host;
    if (e.scheme === 'tcp')
        return `tcp://${host}:${e.port}`;
    return `ssh://${e.user}@${host}${e.port !== undefined ? `:${e.port}` : ''}`;
}


/***/ }),

/***/ 65715:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D0: () => (/* binding */ readMetricsUrl),
/* harmony export */   U6: () => (/* binding */ pushMetrics),
/* harmony export */   jQ: () => (/* binding */ rolloutFigures)
/* harmony export */ });
/* unused harmony exports metricsText, pushUrl */
/* harmony import */ var _util_fields__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61851);
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26518);
/* harmony import */ var _net_http__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(59663);



const RESULTS = ['deployed', 'partial', 'rolled-back', 'failed'];
const URL_EXPECTED = 'a Pushgateway URL like "http://pushgateway:9091"';
/** Validates `metrics-url` (file or input); undefined when absent or invalid (problem recorded). */
function readMetricsUrl(p, field, raw) {
    if (raw === undefined || raw === null || raw === '')
        return undefined;
    const text = (0,_util_fields__WEBPACK_IMPORTED_MODULE_0__/* .str */ .gx)(p, field, raw, { expected: URL_EXPECTED, max: 2048 });
    if (text === undefined)
        return undefined;
    try {
        const u = new URL(text);
        if (u.protocol !== 'http:' && u.protocol !== 'https:')
            throw new Error('scheme');
        if (u.search || u.hash)
            throw new Error('query');
    }
    catch {
        p.add(field, raw, `${URL_EXPECTED} (http:// or https://, no query)`);
        return undefined;
    }
    return text.replace(/\/+$/, '');
}
/** The figures of a finished rollout; the availability is taken from the report when it carries one. */
function rolloutFigures(report, availability, finishedAt = Date.now()) {
    const count = (r) => report.hosts.filter((h) => h.result === r).length;
    return {
        service: report.service,
        result: report.result,
        image: report.image,
        digest: report.digest,
        deployment: report.deployment,
        durationMs: report.durationMs,
        finishedAt,
        hosts: {
            total: report.hosts.length,
            updated: count('updated'),
            rolledBack: count('rolled-back'),
            restoreFailed: count('restore-failed'),
        },
        batches: report.batches.map((b) => ({
            index: b.index,
            group: b.group,
            result: b.result,
            durationMs: b.durationMs,
        })),
        availability: availability ?? report.availability,
    };
}
/** The Prometheus text exposition of the figures (what is PUT to the Pushgateway). */
function metricsText(f) {
    const out = [];
    const metric = (name, help, samples) => {
        if (!samples.length)
            return;
        out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
        for (const [labels, value] of samples)
            out.push(`${name}${labelText(labels)} ${number(value)}`);
    };
    metric('aviary_rollout_info', 'The last rollout: image, digest, deployment id and result.', [
        [{ image: f.image, digest: f.digest ?? '', deployment: f.deployment, result: f.result }, 1],
    ]);
    metric('aviary_rollout_result', 'Result of the last rollout: 1 for its result, 0 for the others.', RESULTS.map((r) => [{ result: r }, r === f.result ? 1 : 0]));
    metric('aviary_rollout_success', '1 when the last rollout deployed, 0 when it was rolled back or failed.', [
        [{}, f.result === 'deployed' ? 1 : 0],
    ]);
    metric('aviary_rollout_duration_seconds', 'Duration of the last rollout.', [[{}, f.durationMs / 1000]]);
    metric('aviary_rollout_finished_timestamp_seconds', 'When the last rollout finished (Unix time).', [
        [{}, f.finishedAt / 1000],
    ]);
    metric('aviary_rollout_hosts', 'Hosts selected by the last rollout.', [[{}, f.hosts.total]]);
    metric('aviary_rollout_hosts_updated', 'Hosts running the new version after the last rollout.', [
        [{}, f.hosts.updated],
    ]);
    metric('aviary_rollout_hosts_rolled_back', 'Hosts put back on their previous version by the last rollout.', [
        [{}, f.hosts.rolledBack],
    ]);
    metric('aviary_rollout_hosts_restore_failed', 'Hosts the last rollout could not restore (they need a human).', [
        [{}, f.hosts.restoreFailed],
    ]);
    metric('aviary_rollout_batch_duration_seconds', 'Duration of each batch of the last rollout.', f.batches
        .filter((b) => b.durationMs !== undefined)
        .map((b) => [{ batch: String(b.index), group: b.group, result: b.result }, b.durationMs / 1000]));
    const a = f.availability;
    if (a && a.overall.availability !== null) {
        const scopes = [
            ['overall', a.overall],
            ['hosts', a.hosts],
            ...(a.service ? [['service', a.service]] : []),
        ];
        const measured = scopes.filter(([, x]) => x.availability !== null);
        metric('aviary_rollout_availability_ratio', 'Availability during the last rollout: uptime / (uptime + downtime) of the probes.', measured.map(([scope, x]) => [{ scope }, x.availability]));
        metric('aviary_rollout_downtime_seconds', 'Downtime seen by the probes during the last rollout (summed over targets).', measured.map(([scope, x]) => [{ scope }, x.downtimeMs / 1000]));
        metric('aviary_rollout_probes', 'Availability probes made during the last rollout.', measured.map(([scope, x]) => [{ scope }, x.probes]));
        metric('aviary_rollout_probe_failures', 'Availability probes that failed during the last rollout.', measured.map(([scope, x]) => [{ scope }, x.failures]));
    }
    return out.join('\n') + '\n';
}
/** The Pushgateway URL of this service's group: <metrics-url>/metrics/job/<job>/service/<service>. */
function pushUrl(metricsUrl, service, job = 'aviary') {
    return `${metricsUrl.replace(/\/+$/, '')}/metrics/job/${encodeURIComponent(job)}/service/${encodeURIComponent(service)}`;
}
/**
 * PUTs the figures (replacing the service's previous push). Never throws: a monitoring outage must
 * not fail a deploy, so every failure is a warning.
 */
async function pushMetrics(metricsUrl, figures, log, options = {}) {
    const url = pushUrl(metricsUrl, figures.service, options.job);
    const shown = (0,_net_http__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(url);
    const timeoutMs = options.timeoutMs ?? 10_000;
    try {
        const answer = await (options.request ?? _net_http__WEBPACK_IMPORTED_MODULE_2__/* .httpRequest */ .aj)({
            url,
            method: 'PUT',
            body: metricsText(figures),
            timeoutMs,
            signal: options.signal,
            maxBody: 16 * 1024,
            headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' },
        });
        if (answer.status >= 200 && answer.status <= 299) {
            const message = `pushed the rollout's metrics to ${shown} in ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(answer.latencyMs)}`;
            log.info(message);
            return { ok: true, url: shown, message };
        }
        const message = `could not push the rollout's metrics: PUT ${shown} answered ${answer.status}${answer.body ? `: ${(0,_net_http__WEBPACK_IMPORTED_MODULE_2__/* .excerpt */ .Kb)(answer.body)}` : ''}`;
        log.warn(message);
        return { ok: false, url: shown, message };
    }
    catch (err) {
        const message = `could not push the rollout's metrics to ${shown}: ${err.message}`;
        log.warn(message);
        return { ok: false, url: shown, message };
    }
}
function labelText(labels) {
    const entries = Object.entries(labels);
    if (!entries.length)
        return '';
    return `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}
function number(v) {
    if (Number.isNaN(v))
        return 'NaN';
    if (v === Infinity)
        return '+Inf';
    if (v === -Infinity)
        return '-Inf';
    return String(Math.round(v * 1e6) / 1e6);
}


/***/ }),

/***/ 59663:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   Kb: () => (/* binding */ excerpt),
/* harmony export */   aj: () => (/* binding */ httpRequest),
/* harmony export */   i$: () => (/* binding */ parseStatus),
/* harmony export */   j$: () => (/* binding */ HttpError)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(643);
/* harmony import */ var node_perf_hooks__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(26518);
// One HTTP request with a hard deadline, a bounded body and cancellation: what gates, hooks, the
// availability probe and the Pushgateway push all need, and what a bare fetch() does not give.




/** A failed exchange: no answer at all (refused, reset, timed out, cancelled). The message says which. */
class HttpError extends Error {
    kind;
    constructor(message, kind) {
        super(message);
        this.kind = kind;
        this.name = 'HttpError';
    }
}
const DEFAULT_MAX_BODY = 1024 * 1024;
/** The URL without its password, for messages. */
function redactUrl(url) {
    try {
        const u = new URL(url);
        if (!u.password)
            return url;
        u.password = '***';
        return u.toString();
    }
    catch {
        return url;
    }
}
/**
 * Sends one request on a fresh connection and reads the answer. Resolves with any HTTP status;
 * rejects with an HttpError only when there is no answer. Credentials in the URL (`user:pass@`)
 * become a Basic Authorization header.
 */
function httpRequest(req) {
    let url;
    try {
        url = new URL(req.url);
    }
    catch {
        return Promise.reject(new HttpError(`${JSON.stringify(req.url)} is not a URL`, 'url'));
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        return Promise.reject(new HttpError(`${redactUrl(req.url)} is not an http:// or https:// URL`, 'url'));
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const where = `${method} ${redactUrl(req.url)}`;
    const maxBody = req.maxBody ?? DEFAULT_MAX_BODY;
    const t0 = node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now();
    return new Promise((resolve, reject) => {
        let settled = false;
        let request;
        const finish = (err, answer) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            req.signal?.removeEventListener('abort', onAbort);
            request?.destroy();
            if (err)
                reject(err);
            else
                resolve(answer);
        };
        const onAbort = () => finish(new HttpError(`${where}: cancelled`, 'aborted'));
        const timer = setTimeout(() => finish(new HttpError(`${where}: no answer within ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_3__/* .formatDuration */ .a)(req.timeoutMs)}`, 'timeout')), req.timeoutMs);
        if (req.signal?.aborted)
            return onAbort();
        req.signal?.addEventListener('abort', onAbort, { once: true });
        const headers = {
            'User-Agent': req.agent ?? 'aviary',
            Accept: '*/*',
            Connection: 'close',
            ...(req.headers ?? {}),
        };
        if (url.username || url.password) {
            const hasAuth = Object.keys(headers).some((k) => k.toLowerCase() === 'authorization');
            if (!hasAuth)
                headers.Authorization =
                    'Basic ' +
                        Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
        }
        const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
        if (body)
            headers['Content-Length'] = String(body.length);
        const options = {
            hostname: url.hostname.replace(/^\[|\]$/g, ''),
            port: url.port || undefined,
            path: url.pathname + url.search,
            method,
            agent: false,
            headers,
        };
        try {
            request = (url.protocol === 'https:' ? node_https__WEBPACK_IMPORTED_MODULE_1__ : node_http__WEBPACK_IMPORTED_MODULE_0__).request(options, (res) => {
                const chunks = [];
                let size = 0;
                res.on('data', (chunk) => {
                    if (size < maxBody)
                        chunks.push(chunk.length + size > maxBody ? chunk.subarray(0, maxBody - size) : chunk);
                    size += chunk.length;
                });
                res.once('end', () => finish(undefined, {
                    status: res.statusCode ?? 0,
                    headers: res.headers,
                    body: Buffer.concat(chunks).toString('utf8'),
                    latencyMs: Math.round(node_perf_hooks__WEBPACK_IMPORTED_MODULE_2__.performance.now() - t0),
                    truncated: size > maxBody,
                }));
                res.once('error', (err) => finish(new HttpError(`${where}: ${reason(err)}`, 'network')));
            });
        }
        catch (err) {
            return finish(new HttpError(`${where}: ${reason(err)}`, 'url'));
        }
        request.once('error', (err) => finish(new HttpError(`${where}: ${reason(err)}`, 'network')));
        request.end(body);
    });
}
function reason(err) {
    const e = err;
    switch (e?.code) {
        case 'ECONNREFUSED':
            return 'connection refused';
        case 'ECONNRESET':
            return 'connection reset';
        case 'EHOSTUNREACH':
            return 'host unreachable';
        case 'ENOTFOUND':
            return 'host name not found';
        case 'EAI_AGAIN':
            return 'host name lookup failed';
        case 'ETIMEDOUT':
            return 'connection timed out';
        default:
            return e?.message || String(err);
    }
}
/** The first line of a body, shortened, for a message. */
function excerpt(body, max = 160) {
    const line = body.replace(/\s+/g, ' ').trim();
    return line.length > max ? line.slice(0, max - 1) + '…' : line;
}
/** "200", 200, "200-299" or "2xx" → an inclusive range of HTTP statuses. */
function parseStatus(v) {
    const ok = (n) => Number.isInteger(n) && n >= 100 && n <= 599;
    if (typeof v === 'number')
        return ok(v) ? [v, v] : undefined;
    if (typeof v !== 'string')
        return undefined;
    const s = v.trim();
    let m = /^(\d{3})$/.exec(s);
    if (m)
        return ok(Number(m[1])) ? [Number(m[1]), Number(m[1])] : undefined;
    m = /^(\d{3})\s*-\s*(\d{3})$/.exec(s);
    if (m) {
        const lo = Number(m[1]);
        const hi = Number(m[2]);
        return ok(lo) && ok(hi) && lo <= hi ? [lo, hi] : undefined;
    }
    m = /^([1-5])xx$/i.exec(s);
    if (m)
        return [Number(m[1]) * 100, Number(m[1]) * 100 + 99];
    return undefined;
}


/***/ }),

/***/ 70769:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GS: () => (/* binding */ fill),
/* harmony export */   T9: () => (/* binding */ fillUrl),
/* harmony export */   nV: () => (/* binding */ checkPlaceholders)
/* harmony export */ });
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_-]*)\s*\}\}/g;
/** Records a problem for every {{name}} in text that is not one of `known`. Returns whether all were known. */
function checkPlaceholders(p, field, text, known) {
    let ok = true;
    for (const [whole, name] of text.matchAll(PLACEHOLDER)) {
        if (known.includes(name))
            continue;
        ok = false;
        p.raw(`${field}: ${whole} is not a known placeholder (expected ${known.map((k) => `{{${k}}}`).join(', ')})`);
    }
    return ok;
}
/**
 * Replaces each {{name}} by `encode(values[name])`; names without a value are left as written
 * (validation has already refused unknown ones).
 */
function fill(text, values, encode = (s) => s) {
    return text.replace(PLACEHOLDER, (whole, name) => {
        const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
        return value === undefined ? whole : encode(value);
    });
}
/**
 * Fills a URL: the values are percent-encoded, so a host name or version cannot change the URL's
 * shape (add a path segment, a query parameter or a user).
 */
function fillUrl(url, values) {
    return fill(url, values, encodeURIComponent);
}


/***/ }),

/***/ 54285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EU: () => (/* binding */ fence),
/* harmony export */   Hg: () => (/* binding */ mermaidText),
/* harmony export */   TM: () => (/* binding */ firstLine),
/* harmony export */   X1: () => (/* binding */ escapeText),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   tp: () => (/* binding */ table),
/* harmony export */   xv: () => (/* binding */ truncate)
/* harmony export */ });
// Safe GitHub-flavoured Markdown pieces for the job summary: user text (host and group names,
// image refs, error messages) must never open markup, break a table or inject HTML.
/**
 * Characters that could start markup in GFM inline text, table cells or inline HTML, as entities.
 * `|` splits table cells even inside code spans, so it is an entity too; `$` opens GitHub math.
 */
const ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    '|': '&#124;',
    '`': '&#96;',
    '\\': '&#92;',
    '*': '&#42;',
    _: '&#95;',
    '[': '&#91;',
    ']': '&#93;',
    '~': '&#126;',
    $: '&#36;',
    '#': '&#35;',
    '!': '&#33;',
};
const UNSAFE_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** User text as one line of inert inline Markdown: safe in paragraphs, headings and table cells. */
function escapeText(text) {
    return (text
        .replace(/\r?\n|\r/g, ' ')
        // Other control characters, line separators and direction overrides have no business in a
        // summary: they could confuse renderers or make text read other than it is.
        .replace(UNSAFE_CHARS, '')
        .replace(/[&<>"|`\\*_[\]~$#!]/g, (c) => ENTITIES[c]));
}
/** User text in `<code>`: monospace without Markdown code spans, whose backticks users could close. */
function code(text) {
    return `<code>${escapeText(text)}</code>`;
}
/** The first line of a text, shortened to maxChars (with "…"). */
function firstLine(text, maxChars) {
    const lines = text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
    const line = lines[0] ?? '';
    const more = lines.length > 1 ? ' …' : '';
    return truncate(line, maxChars).text + (line.length <= maxChars ? more : '');
}
/** text cut to maxChars characters; `cut` is how many were left out. */
function truncate(text, maxChars) {
    if (text.length <= maxChars)
        return { text, cut: 0 };
    // Don't split a surrogate pair: a lone half would show as a replacement character.
    let end = Math.max(0, maxChars - 1);
    if (end > 0 && /[\ud800-\udbff]/.test(text[end - 1]))
        end--;
    return { text: text.slice(0, end) + '…', cut: text.length - end };
}
/**
 * A fenced code block that no content can close: the fence is longer than any run of backticks
 * inside (CommonMark closes a fence only with at least as many backticks).
 */
function fence(text, info = '') {
    let longest = 0;
    for (const m of text.matchAll(/`+/g))
        longest = Math.max(longest, m[0].length);
    const marks = '`'.repeat(Math.max(3, longest + 1));
    // The info string is ours ("text", "mermaid"), but it must not hold backticks either.
    const body = text.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARS, '').replace(/\n+$/, '');
    return `${marks}${info.replace(/[`\s]/g, '')}\n${body}\n${marks}`;
}
/** A GFM table; cells must already be escaped (escapeText/code) or be our own markup. */
function table(headers, rows, align) {
    const sep = headers.map((_, i) => ({ l: '---', r: '--:', c: ':-:' })[align?.[i] ?? 'l']);
    const line = (cells) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
    return [line(headers), line(sep), ...rows.map(line)].join('\n');
}
/**
 * Text for a Mermaid gantt task or section name. Mermaid splits task lines on `:`, ends statements
 * at `;`, reads `#` as an entity or comment and `%%` as a comment, and renders `<…>` as HTML; only
 * letters, digits and a few inert marks survive.
 */
function mermaidText(text, maxChars = 60) {
    const clean = text
        .replace(/[^\p{L}\p{N} _.\-/()+·]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    return truncate(clean, maxChars).text || '-';
}


/***/ }),

/***/ 57994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Br: () => (/* binding */ renderSummary),
/* harmony export */   EG: () => (/* binding */ renderPlan)
/* harmony export */ });
/* unused harmony exports STEP_SUMMARY_LIMIT, formatHostsLine, versionLabel, shortDigest, imageTag, percentile, formatLatency, failingHosts */
/* harmony import */ var _availability_format__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(68996);
/* harmony import */ var _util_duration__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26518);
/* harmony import */ var _markdown__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(54285);
// The job summary of a rollout (Markdown for $GITHUB_STEP_SUMMARY) and the plain-text plan that
// dry-run prints. Failures come first; the whole stays under GitHub's 1 MiB limit by leaving
// details out, most expendable first, and saying what was left out.



/** GitHub rejects a step summary over 1 MiB; this leaves room for what other steps append. */
const STEP_SUMMARY_LIMIT = 1_000_000;
const ALL = Number.MAX_SAFE_INTEGER;
const LEVELS = [
    {
        healthyHostTables: true,
        hostRowsPerBatch: ALL,
        errorChars: 20_000,
        cellChars: 300,
        evidenceHosts: 100,
        namesPerList: ALL,
        dryRunHosts: ALL,
        warnings: 100,
        warningChars: 2000,
        timelineBars: 200,
    },
    // First the per-host tables of healthy batches go: they only say "fine" many times over.
    {
        healthyHostTables: false,
        hostRowsPerBatch: ALL,
        errorChars: 20_000,
        cellChars: 300,
        evidenceHosts: 100,
        namesPerList: ALL,
        dryRunHosts: 200,
        warnings: 100,
        warningChars: 2000,
        timelineBars: 200,
    },
    // Then error texts are shortened.
    {
        healthyHostTables: false,
        hostRowsPerBatch: ALL,
        errorChars: 2000,
        cellChars: 120,
        evidenceHosts: 20,
        namesPerList: ALL,
        dryRunHosts: 100,
        warnings: 50,
        warningChars: 500,
        timelineBars: 100,
    },
    {
        healthyHostTables: false,
        hostRowsPerBatch: 100,
        errorChars: 500,
        cellChars: 120,
        evidenceHosts: 10,
        namesPerList: 50,
        dryRunHosts: 50,
        warnings: 20,
        warningChars: 300,
        timelineBars: 100,
    },
    {
        healthyHostTables: false,
        hostRowsPerBatch: 20,
        errorChars: 200,
        cellChars: 80,
        evidenceHosts: 5,
        namesPerList: 10,
        dryRunHosts: 0,
        warnings: 10,
        warningChars: 200,
        timelineBars: 30,
    },
    {
        healthyHostTables: false,
        hostRowsPerBatch: 0,
        errorChars: 200,
        cellChars: 80,
        evidenceHosts: 3,
        namesPerList: 3,
        dryRunHosts: 0,
        warnings: 3,
        warningChars: 200,
        timelineBars: 0,
    },
];
/** GitHub-flavoured Markdown for the job summary; the entry point writes it, this only renders. */
function renderSummary(report, options = {}) {
    const maxBytes = options.maxBytes ?? STEP_SUMMARY_LIMIT;
    let text = '';
    for (const detail of LEVELS) {
        text = new SummaryWriter(report, detail).render();
        if (Buffer.byteLength(text, 'utf8') <= maxBytes)
            return text;
    }
    return cutToBytes(text, maxBytes);
}
/** One line per batch, for the log: `batch 2/4 · web · web-2 (sha256:abc… → sha256:def…), web-3 (…)`. */
function renderPlan(report) {
    const byName = new Map(report.hosts.map((h) => [h.name, h]));
    const total = report.plan.length;
    return report.plan
        .map((b) => `batch ${b.index}/${total} · ${b.group}${b.proxy ? ` · behind the proxy on :${b.proxy.port}${canaryNote(b.proxy)}` : ''} · ${formatHostsLine(b.hosts.map((name) => byName.get(name) ?? { name }))}`)
        .join('\n');
}
/** What a batch's plan says of a traffic-weighted canary: nothing, or its share. */
function canaryNote(proxy) {
    return proxy.canaryWeight ? `, canary with ${proxy.canaryWeight}% of requests first` : '';
}
/** `web-2 (sha256:abc… → sha256:def…), web-3 (nothing → 1.4)`: hosts with what replaces what. */
function formatHostsLine(hosts) {
    return hosts.map((h) => `${h.name} (${versionLabel(h.previous)} → ${versionLabel(h.next)})`).join(', ');
}
/** The shortest name of a version that still tells versions apart: short digest, else tag. */
function versionLabel(v) {
    if (v?.digest)
        return shortDigest(v.digest);
    if (v?.image)
        return imageTag(v.image) ?? v.image;
    return 'nothing';
}
/** `sha256:0123456789ab…` from a digest or a `repo@digest` reference. */
function shortDigest(digest) {
    const d = digest.includes('@') ? digest.slice(digest.lastIndexOf('@') + 1) : digest;
    const m = /^([a-z0-9]+):([a-f0-9]{12})[a-f0-9]+$/i.exec(d);
    return m ? `${m[1]}:${m[2]}…` : d;
}
/** The tag of an image reference (`reg:5000/acme/web:1.2@sha256:…` → `1.2`), if it has one. */
function imageTag(image) {
    const name = image.split('@')[0];
    const last = name.slice(name.lastIndexOf('/') + 1);
    const colon = last.lastIndexOf(':');
    return colon >= 0 ? last.slice(colon + 1) || undefined : undefined;
}
/** Nearest-rank percentile of samples (p in 0–100); undefined for no samples. */
function percentile(samples, p) {
    if (!samples.length)
        return undefined;
    const sorted = [...samples].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}
/** Latencies are often below a millisecond on a LAN: keep a decimal there. */
function formatLatency(ms) {
    if (ms === undefined || !Number.isFinite(ms))
        return '–';
    if (ms < 10)
        return `${(Math.round(ms * 10) / 10).toString()}ms`;
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    return (0,_util_duration__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(ms);
}
/** Hosts whose own check or swap failed: the cause of the rollback, not its casualties. */
function failingHosts(report) {
    const order = new Map(report.plan.flatMap((b) => b.hosts.map((h, i) => [h, b.index * 1e6 + i])));
    return report.hosts
        .filter((h) => h.result !== 'untouched' && ((h.health && !h.health.healthy) || (!h.health && !!h.error)))
        .sort((a, b) => (order.get(a.name) ?? Infinity) - (order.get(b.name) ?? Infinity));
}
const RESULT_TITLE = {
    deployed: '✅ deployed',
    partial: '⚠️ partly deployed',
    'rolled-back': '↩️ rolled back',
    failed: '❌ failed',
};
const BATCH_RESULT = {
    healthy: '✅ healthy',
    failed: '❌ failed',
    skipped: '⏭️ skipped',
    cancelled: '⏹️ cancelled',
};
const HOST_RESULT = {
    updated: '✅ updated',
    'rolled-back': '↩️ rolled back',
    'restore-failed': '**⚠️ restore failed**',
    untouched: '➖ untouched',
};
class SummaryWriter {
    report;
    d;
    notes = [];
    byName;
    t0;
    constructor(report, d) {
        this.report = report;
        this.d = d;
        this.byName = new Map(report.hosts.map((h) => [h.name, h]));
        this.t0 = Date.parse(report.startedAt);
    }
    render() {
        const r = this.report;
        const parts = [this.title()];
        if (r.result !== 'deployed')
            parts.push(this.failure());
        // Built after the sections so that it can list what they left out; shown before them.
        const body = [
            this.plan(),
            r.dryRun ? this.dryRunHosts() : '',
            this.batches(),
            this.latencies(),
            r.availability ? (0,_availability_format__WEBPACK_IMPORTED_MODULE_0__/* .availabilityMarkdown */ .j4)(r.availability).trimEnd() : '',
            this.timeline(),
            this.warnings(),
        ];
        if (this.notes.length) {
            parts.push(`> **Shortened** to stay under GitHub's 1 MiB step-summary limit: ${this.notes.join('; ')}. The report file has everything.`);
        }
        parts.push(...body);
        return parts.filter(Boolean).join('\n\n') + '\n';
    }
    title() {
        const r = this.report;
        const what = r.dryRun
            ? r.result === 'deployed'
                ? '📋 Plan (dry run — nothing changed)'
                : `${RESULT_TITLE[r.result]} (dry run — nothing changed)`
            : RESULT_TITLE[r.result];
        const image = r.digest ? `${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(r.image)} ${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(r.digest)}` : (0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(r.image);
        const lines = [`## ${what} · ${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(r.service)} · ${image} · ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(r.durationMs)}`];
        const counts = new Map();
        for (const h of r.hosts)
            counts.set(h.result, (counts.get(h.result) ?? 0) + 1);
        const tally = ['updated', 'rolled-back', 'restore-failed', 'untouched']
            .filter((k) => counts.get(k))
            .map((k) => k === 'restore-failed' ? `**${counts.get(k)} restore failed**` : `${counts.get(k)} ${k.replace('-', ' ')}`);
        const groups = new Set(r.plan.map((b) => b.group)).size;
        lines.push(`Deployment ${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(r.deployment)} by ${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(r.deployedBy)} · started ${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(r.startedAt)} · ` +
            `${r.hosts.length || r.plan.reduce((n, b) => n + b.hosts.length, 0)} host(s) in ${r.plan.length} batch(es), ${groups} group(s)` +
            (tally.length && !r.dryRun ? ` · ${tally.join(' · ')}` : ''));
        return lines.join('\n');
    }
    /** What failed, where and why: the first thing a reader of a failed run needs. */
    failure() {
        const r = this.report;
        const d = this.d;
        const out = ['### What failed'];
        const failing = failingHosts(r);
        const first = failing[0];
        if (first) {
            const where = [`group ${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(first.group)}`];
            if (first.batch !== undefined)
                where.push(`batch ${first.batch}/${r.plan.length}`);
            const others = failing.length > 1
                ? ` (and ${failing.length - 1} more: ${this.names(failing.slice(1).map((h) => h.name))})`
                : '';
            out.push(`**Failing host:** ${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(first.name)} · ${where.join(' · ')}${others}`);
            out.push(`**Check:** ${checkOf(first, d.cellChars)}`);
        }
        else {
            const phase = failedPhase(r);
            out.push(`**Failed during:** ${phase ? (0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(phase) : 'the rollout'} (no host check failed)`);
        }
        const evidence = [];
        if (r.error)
            evidence.push(this.shorten(r.error, d.errorChars));
        const quoted = failing.slice(0, d.evidenceHosts);
        const seen = new Set();
        for (const h of quoted) {
            for (const text of [h.health?.reason, h.error]) {
                // The check's reason is usually the host's error too, and the first one is in report.error.
                if (!text || seen.has(text) || r.error?.includes(text))
                    continue;
                seen.add(text);
                evidence.push(this.shorten(text.startsWith(h.name) ? text : `${h.name}: ${text}`, d.errorChars));
            }
        }
        if (failing.length > quoted.length) {
            const left = failing.length - quoted.length;
            evidence.push(`… ${left} more failing host(s) not quoted; see the report file`);
            this.notes.push(`evidence of ${left} failing host(s) not quoted`);
        }
        if (evidence.length)
            out.push('**Evidence:**\n\n' + (0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .fence */ .EU)(evidence.join('\n\n'), 'text'));
        const rolledBack = r.hosts.filter((h) => h.result === 'rolled-back');
        if (rolledBack.length)
            out.push(`**Rolled back** (${rolledBack.length}): ${this.names(rolledBack.map((h) => h.name))}`);
        const lost = r.hosts.filter((h) => h.result === 'restore-failed');
        if (lost.length) {
            // Every one of these needs a human: never leave one out.
            out.push(`**⚠️ Needs attention — could not be restored to the previous version (${lost.length}):** ${lost.map((h) => `**${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(h.name)}**`).join(', ')}`);
        }
        const untouched = r.hosts.filter((h) => h.result === 'untouched');
        if (untouched.length && !r.dryRun)
            out.push(`Untouched (${untouched.length}): ${this.names(untouched.map((h) => h.name))}`);
        return out.join('\n\n');
    }
    plan() {
        const r = this.report;
        if (!r.plan.length)
            return '';
        // Proxy mode shows how each batch switches (gapless behind the proxy, or stop-and-start).
        if (r.plan.some((b) => b.proxy)) {
            const rows = r.plan.map((b) => [
                `${b.index}/${r.plan.length}`,
                (0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(b.group),
                `${b.hosts.length}`,
                b.proxy
                    ? `behind the proxy on :${b.proxy.port} (${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(b.proxy.image)})${canaryNote(b.proxy)}`
                    : 'stop-and-start',
                this.names(b.hosts),
            ]);
            return `### Plan\n\n${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .table */ .tp)(['Batch', 'Group', 'Hosts', 'Switch', 'Names'], rows, ['r', 'l', 'r', 'l', 'l'])}`;
        }
        const rows = r.plan.map((b) => [
            `${b.index}/${r.plan.length}`,
            (0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(b.group),
            `${b.hosts.length}`,
            this.names(b.hosts),
        ]);
        return `### Plan\n\n${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .table */ .tp)(['Batch', 'Group', 'Hosts', 'Names'], rows, ['r', 'l', 'r', 'l'])}`;
    }
    /** For a dry run: what will replace what on each host. */
    dryRunHosts() {
        const r = this.report;
        if (!r.hosts.length)
            return '';
        const batchOf = new Map(r.plan.flatMap((b) => b.hosts.map((h) => [h, b.index])));
        const shown = r.hosts.slice(0, this.d.dryRunHosts);
        const rows = shown.map((h) => [
            (0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(h.name),
            (0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(h.group),
            `${batchOf.get(h.name) ?? '–'}`,
            versions(h),
        ]);
        const out = [`### What replaces what`];
        if (rows.length)
            out.push((0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .table */ .tp)(['Host', 'Group', 'Batch', 'Now → planned'], rows, ['l', 'l', 'r', 'l']));
        if (r.hosts.length > shown.length) {
            const left = r.hosts.length - shown.length;
            out.push(`… ${left} host(s) not listed; see the report file.`);
            this.notes.push(`${left} planned host(s) not listed`);
        }
        return out.join('\n\n');
    }
    batches() {
        const r = this.report;
        if (!r.batches.length)
            return '';
        const out = ['### Batches'];
        let hiddenHosts = 0;
        let hiddenBatches = 0;
        for (const b of r.batches) {
            const hosts = b.hosts.map((name) => this.byName.get(name)).filter((h) => !!h);
            // A healthy batch's hosts passed their checks; after a rollback they run the old version
            // again, which the failure block already says. A host that could not be restored is kept.
            const allFine = b.result === 'healthy' && hosts.every((h) => h.health?.healthy !== false && h.result !== 'restore-failed');
            const lines = [
                `#### Batch ${b.index}/${b.total} · ${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(b.group)} — ${BATCH_RESULT[b.result]}`,
                this.batchStats(b),
            ];
            if (allFine && !this.d.healthyHostTables) {
                hiddenHosts += hosts.length;
                hiddenBatches++;
            }
            else if (hosts.length && b.result !== 'skipped') {
                lines.push(this.hostTable(b, hosts));
            }
            out.push(lines.join('\n\n'));
        }
        const notStarted = r.plan.filter((p) => !r.batches.some((b) => b.index === p.index));
        if (notStarted.length)
            out.push(`Not started: batch ${notStarted.map((b) => `${b.index}`).join(', ')} (${notStarted.reduce((n, b) => n + b.hosts.length, 0)} host(s) untouched).`);
        if (hiddenHosts) {
            out.push(`… ${hiddenHosts} healthy host(s) in ${hiddenBatches} healthy batch(es) not listed; see the report file.`);
            this.notes.push(`${hiddenHosts} healthy hosts not listed`);
        }
        return out.join('\n\n');
    }
    batchStats(b) {
        const parts = [];
        if (b.startedAt && Number.isFinite(this.t0))
            parts.push(`started +${(0,_util_duration__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(Math.max(0, Date.parse(b.startedAt) - this.t0))}`);
        if (b.durationMs !== undefined)
            parts.push(`took ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(b.durationMs)}`);
        parts.push(`${b.healthy} healthy`, `${b.unhealthy} unhealthy`, `${b.hosts.length} host(s)`);
        return parts.join(' · ');
    }
    hostTable(b, hosts) {
        let shown = hosts;
        if (hosts.length > this.d.hostRowsPerBatch) {
            // Keep the hosts that did not end up updated: they are why the batch is worth reading.
            const keep = new Set([...hosts.filter((h) => h.result !== 'updated'), ...hosts.filter((h) => h.result === 'updated')].slice(0, this.d.hostRowsPerBatch));
            shown = hosts.filter((h) => keep.has(h));
        }
        const rows = shown.map((h) => {
            const health = h.health;
            const lat = health?.latenciesMs ?? [];
            const result = HOST_RESULT[h.result] +
                (h.error && h.result !== 'updated' ? `: ${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)((0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .firstLine */ .TM)(h.error, this.d.cellChars))}` : '');
            return [
                (0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(h.name),
                versions(h),
                result,
                health
                    ? `${health.healthy ? '✅' : '❌'} ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(health.elapsedMs)} (${health.rounds} round${health.rounds === 1 ? '' : 's'})`
                    : '–',
                lat.length ? `${formatLatency(percentile(lat, 50))} / ${formatLatency(Math.max(...lat))}` : '–',
                h.durationMs !== undefined ? (0,_util_duration__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(h.durationMs) : '–',
            ];
        });
        const out = [];
        if (rows.length)
            out.push((0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .table */ .tp)(['Host', 'Previous → new', 'Result', 'Health', 'Latency p50 / max', 'Duration'], rows, [
                'l',
                'l',
                'l',
                'l',
                'r',
                'r',
            ]));
        if (shown.length < hosts.length) {
            const left = hosts.length - shown.length;
            out.push(`… ${left} host(s) of batch ${b.index} not listed; see the report file.`);
            this.notes.push(`${left} host(s) of batch ${b.index} not listed`);
        }
        return out.join('\n\n');
    }
    latencies() {
        const r = this.report;
        const rows = [];
        const row = (label, records) => {
            const present = records.filter((x) => !!x);
            const samples = present.flatMap((x) => x.latenciesMs);
            if (!samples.length)
                return;
            const elapsed = present.map((x) => x.elapsedMs);
            rows.push([
                label,
                `${present.length}`,
                `${samples.length}`,
                formatLatency(percentile(samples, 50)),
                formatLatency(percentile(samples, 95)),
                formatLatency(Math.max(...samples)),
                (0,_util_duration__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(percentile(elapsed, 50) ?? 0),
            ]);
        };
        row('new version', r.hosts.map((h) => h.health));
        row('rollback', r.hosts.map((h) => h.rollbackHealth));
        if (!rows.length)
            return '';
        return `### Health checks\n\n${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .table */ .tp)(['Checks', 'Hosts', 'Probes', 'p50', 'p95', 'max', 'Time to verdict (p50)'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r'])}`;
    }
    /** A Mermaid gantt of phases and batches; GitHub renders ```mermaid blocks as pictures. */
    timeline() {
        const r = this.report;
        if (this.d.timelineBars === 0)
            return '';
        const lines = [];
        let n = 0;
        const bar = (name, startedAt, durationMs, tag) => {
            const start = startedAt ? Date.parse(startedAt) : NaN;
            if (!Number.isFinite(start) || durationMs === undefined || !Number.isFinite(durationMs))
                return;
            // A zero-length task draws nothing and confuses the axis: give it a millisecond.
            const end = start + Math.max(1, Math.round(durationMs));
            lines.push(`    ${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .mermaidText */ .Hg)(name)} :${tag ? `${tag}, ` : ''}t${++n}, ${Math.round(start)}, ${end}`);
        };
        const phases = Object.entries(r.phases).sort((a, b) => Date.parse(a[1].startedAt) - Date.parse(b[1].startedAt));
        if (phases.length) {
            lines.push('    section Phases');
            for (const [name, p] of phases)
                bar(name, p.startedAt, p.durationMs, name === 'rollback' ? 'crit' : undefined);
        }
        const timed = r.batches.filter((b) => b.startedAt && b.durationMs !== undefined);
        if (timed.length) {
            lines.push('    section Batches');
            // When there are too many, keep the failed ones and the earliest.
            let chosen = timed;
            if (timed.length > this.d.timelineBars) {
                const keep = new Set([...timed.filter((b) => b.result !== 'healthy'), ...timed].slice(0, this.d.timelineBars));
                chosen = timed.filter((b) => keep.has(b));
                this.notes.push(`${timed.length - chosen.length} batch(es) not drawn in the timeline`);
            }
            for (const b of chosen)
                bar(`batch ${b.index}/${b.total} ${b.group}`, b.startedAt, b.durationMs, b.result === 'healthy' ? 'done' : 'crit');
        }
        if (!n)
            return '';
        const chart = ['gantt', '    dateFormat x', '    axisFormat %M:%S', ...lines].join('\n');
        return `### Timeline\n\n${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .fence */ .EU)(chart, 'mermaid')}`;
    }
    warnings() {
        const w = this.report.warnings;
        if (!w.length)
            return '';
        const shown = w.slice(0, this.d.warnings);
        const out = ['### Warnings', shown.map((x) => `- ${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)((0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .truncate */ .xv)(x, this.d.warningChars).text)}`).join('\n')];
        if (w.length > shown.length) {
            out.push(`… ${w.length - shown.length} more warning(s); see the report file.`);
            this.notes.push(`${w.length - shown.length} warning(s) not listed`);
        }
        return out.join('\n\n');
    }
    /** Escaped host names, at most namesPerList of them, then "and N more". */
    names(list) {
        const shown = list.slice(0, this.d.namesPerList).map(_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1).join(', ');
        return list.length > this.d.namesPerList ? `${shown} and ${list.length - this.d.namesPerList} more` : shown;
    }
    shorten(text, maxChars) {
        const t = (0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .truncate */ .xv)(text, maxChars);
        if (!t.cut)
            return text;
        if (!this.notes.includes(`error texts shortened to ${maxChars} characters`))
            this.notes.push(`error texts shortened to ${maxChars} characters`);
        return `${t.text} (${t.cut} more characters; see the report file)`;
    }
}
/** `<code>1.1 sha256:abc…</code> → <code>1.2 sha256:def…</code>` */
function versions(h) {
    return `${versionCell(h.previous)} → ${versionCell(h.next)}`;
}
function versionCell(v) {
    if (!v?.image && !v?.digest)
        return 'nothing';
    const tag = v.image ? (imageTag(v.image) ?? v.image.slice(v.image.lastIndexOf('/') + 1).split('@')[0]) : undefined;
    return (0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)([tag, v.digest && shortDigest(v.digest)].filter(Boolean).join(' '));
}
/** Which check failed on a host, in words, with its last answer. */
function checkOf(h, maxChars) {
    if (h.health && !h.health.healthy) {
        const how = `health check: unhealthy after ${h.health.rounds} round(s) in ${(0,_util_duration__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(h.health.elapsedMs)}`;
        const why = h.health.reason ?? h.error;
        return why ? `${how} — ${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)((0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .firstLine */ .TM)(why, maxChars))}` : how;
    }
    return `the swap to the new container failed${h.error ? ` — ${(0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)((0,_markdown__WEBPACK_IMPORTED_MODULE_2__/* .firstLine */ .TM)(h.error, maxChars))}` : ''}`;
}
/** The phase a run stopped in when no host check failed (connect, lock, pre-pull, a gate …). */
function failedPhase(r) {
    const work = Object.entries(r.phases).filter(([name]) => name !== 'rollback' && name !== 'prune');
    work.sort((a, b) => Date.parse(a[1].startedAt) - Date.parse(b[1].startedAt));
    return work.at(-1)?.[0];
}
/**
 * Last resort when even the least detailed rendering is too large (absurdly long names): cut at a
 * blank line outside any code block so no fence is left open, and say so.
 */
function cutToBytes(text, maxBytes) {
    const notice = "\n\n… the summary was cut here to stay under GitHub's step-summary limit; see the report file.\n";
    const room = maxBytes - Buffer.byteLength(notice, 'utf8');
    let cut = 0;
    let bytes = 0;
    let fenceMark;
    for (const line of text.split('\n')) {
        const size = Buffer.byteLength(line, 'utf8') + 1;
        if (bytes + size > room)
            break;
        bytes += size;
        const m = /^(`{3,}|~{3,})/.exec(line);
        if (m) {
            if (!fenceMark)
                fenceMark = m[1];
            else if (line.trim() === fenceMark)
                fenceMark = undefined;
        }
        if (!fenceMark && line.trim() === '')
            cut = bytes;
    }
    const head = Buffer.from(text, 'utf8').subarray(0, cut).toString('utf8');
    let out = head.trimEnd() + notice;
    while (Buffer.byteLength(out, 'utf8') > maxBytes)
        out = out.slice(0, -1);
    return out;
}


/***/ }),

/***/ 31327:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  N: () => (/* binding */ RealHealthProbe)
});

// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(26518);
// EXTERNAL MODULE: ./src/util/pool.ts
var pool = __webpack_require__(40704);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
// EXTERNAL MODULE: ./src/hosts/docker-stream.ts
var docker_stream = __webpack_require__(92980);
;// CONCATENATED MODULE: ./src/health/probes.ts
// The real probes: HTTP and TCP from here to the host's address, a command inside the container
// (docker exec), and the container's state with its image HEALTHCHECK status (docker inspect).







const realProbes = { http: httpProbe, tcp: tcpProbe, command: commandProbe, container: containerState };
const BODY_LIMIT = 64 * 1024; // enough to match a health body; more is not read
const EXCERPT = 160;
const OUTPUT_LIMIT = 1000;
function hostPort(address, port) {
    return `${address.includes(':') ? `[${address}]` : address}:${port}`;
}
/**
 * GET <scheme>://<address>:<port><path> on a fresh connection (no keep-alive: every probe must
 * prove that the service accepts connections now). Latency runs to the end of the body.
 * The certificate of an https health endpoint is not verified: this checks liveness, not identity,
 * and services are addressed by IP here.
 */
function httpProbe(address, check, timeoutMs, signal) {
    const at = Date.now();
    const t0 = external_node_perf_hooks_.performance.now();
    const target = `GET ${check.scheme}://${hostPort(address, check.port)}${check.path}`;
    return new Promise((resolve) => {
        let done = false;
        let req;
        const finish = (r, latencyMs = external_node_perf_hooks_.performance.now() - t0) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            req?.destroy();
            resolve({ check: 'http', target, at, latencyMs: Math.round(latencyMs), ...r });
        };
        const onAbort = () => finish({ ok: false, error: 'aborted' });
        const timer = setTimeout(() => finish({ ok: false, error: `no answer within ${(0,duration/* formatDuration */.a)(timeoutMs)}` }), timeoutMs);
        if (signal?.aborted)
            return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        const options = {
            hostname: address,
            port: check.port,
            path: check.path,
            method: 'GET',
            agent: false,
            // Bare-LF header lines (CGI scripts, small embedded servers) are accepted, as curl and load
            // balancers accept them: a probe only reads the answer, it forwards nothing.
            insecureHTTPParser: true,
            headers: { 'User-Agent': 'aviary-health-check', Accept: '*/*', Connection: 'close' },
        };
        if (check.scheme === 'https')
            options.rejectUnauthorized = false;
        req = (check.scheme === 'https' ? external_node_https_ : external_node_http_).request(options, (res) => {
            const chunks = [];
            let size = 0;
            const evaluate = () => {
                const latencyMs = external_node_perf_hooks_.performance.now() - t0;
                const body = Buffer.concat(chunks).toString('utf8');
                const status = res.statusCode ?? 0;
                const problems = [];
                const [lo, hi] = check.status;
                if (status < lo || status > hi)
                    problems.push(`status ${status}, expected ${lo === hi ? lo : `${lo}-${hi}`}`);
                if (check.body && 'text' in check.body && !body.includes(check.body.text))
                    problems.push(`body does not contain ${JSON.stringify(check.body.text)}`);
                // "^ok$" is meant to match the body "ok\n": the regex sees the body without trailing whitespace.
                if (check.body && 'regex' in check.body && !safeRegex(check.body.regex).test(body.trimEnd()))
                    problems.push(`body does not match /${check.body.regex}/`);
                if (check.maxLatencyMs !== undefined && latencyMs > check.maxLatencyMs) {
                    problems.push(`answered in ${(0,duration/* formatDuration */.a)(latencyMs)}, more than max-latency ${(0,duration/* formatDuration */.a)(check.maxLatencyMs)}`);
                }
                finish({
                    ok: problems.length === 0,
                    status,
                    bodyExcerpt: excerpt(body),
                    error: problems.length ? problems.join('; ') : undefined,
                }, latencyMs);
            };
            res.on('data', (chunk) => {
                if (size < BODY_LIMIT)
                    chunks.push(chunk);
                size += chunk.length;
                if (size >= BODY_LIMIT)
                    evaluate();
            });
            res.once('end', evaluate);
            res.once('error', (err) => finish({ ok: false, status: res.statusCode, error: networkReason(err, hostPort(address, check.port)) }));
        });
        req.once('error', (err) => finish({ ok: false, error: networkReason(err, hostPort(address, check.port)) }));
        req.end();
    });
}
/** Opens a TCP connection to address:port and closes it at once. */
function tcpProbe(address, port, timeoutMs, signal) {
    const at = Date.now();
    const t0 = external_node_perf_hooks_.performance.now();
    const target = `tcp ${hostPort(address, port)}`;
    return new Promise((resolve) => {
        let done = false;
        const socket = external_node_net_.connect({ host: address, port });
        const finish = (ok, error) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            socket.destroy();
            resolve({ check: 'tcp', target, ok, at, latencyMs: Math.round(external_node_perf_hooks_.performance.now() - t0), error });
        };
        const onAbort = () => finish(false, 'aborted');
        const timer = setTimeout(() => finish(false, `no answer within ${(0,duration/* formatDuration */.a)(timeoutMs)}`), timeoutMs);
        if (signal?.aborted)
            return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        socket.once('connect', () => finish(true));
        socket.once('error', (err) => finish(false, networkReason(err, hostPort(address, port))));
    });
}
/** Runs the command inside the container (docker exec); exit code 0 passes. */
async function commandProbe(target, command, timeoutMs, signal) {
    const at = Date.now();
    const t0 = external_node_perf_hooks_.performance.now();
    const what = `exec ${command.join(' ')}`;
    const result = (r) => ({
        check: 'command',
        target: what,
        at,
        latencyMs: Math.round(external_node_perf_hooks_.performance.now() - t0),
        ...r,
    });
    let stream;
    const release = () => stream?.destroy?.();
    const onAbort = () => release();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
        const run = (async () => {
            const container = target.docker.getContainer(target.containerId);
            const exec = await container.exec({ Cmd: command, AttachStdout: true, AttachStderr: true, Tty: false });
            stream = await exec.start({ hijack: true, stdin: false });
            if (signal?.aborted)
                release();
            const raw = await collect(stream);
            // The exit code is recorded just after the stream closes; ask again briefly if it is not yet.
            let info = await exec.inspect();
            for (let i = 0; i < 10 && (info.Running || info.ExitCode === null); i++) {
                await new Promise((r) => setTimeout(r, 20));
                info = await exec.inspect();
            }
            return { output: (0,docker_stream/* demuxDockerStream */.a)(raw).text, exitCode: info.ExitCode ?? undefined };
        })();
        run.catch(() => undefined);
        const { output, exitCode } = await (0,pool/* withTimeout */.wj)(run, timeoutMs, what, release);
        const tail = lastChars(output.trim(), OUTPUT_LIMIT);
        if (signal?.aborted)
            return result({ ok: false, error: 'aborted', output: tail });
        if (exitCode === 0)
            return result({ ok: true, exitCode, output: tail });
        const lastLine = tail.split('\n').pop() ?? '';
        return result({
            ok: false,
            exitCode,
            output: tail,
            error: `exit code ${exitCode ?? 'unknown'}${lastLine ? `: ${lastLine.slice(0, 200)}` : ''}`,
        });
    }
    catch (err) {
        if (signal?.aborted)
            return result({ ok: false, error: 'aborted' });
        return result({ ok: false, error: dockerReason(err, timeoutMs) });
    }
    finally {
        signal?.removeEventListener('abort', onAbort);
    }
}
/** The container's state and HEALTHCHECK status, from one docker inspect. */
async function containerState(target, timeoutMs) {
    let info;
    try {
        info = await (0,pool/* withTimeout */.wj)(target.docker.getContainer(target.containerId).inspect(), timeoutMs, `inspect container`);
    }
    catch (err) {
        if (err.statusCode === 404)
            return { status: 'gone' };
        throw err;
    }
    const state = info.State;
    const health = state.Health;
    const last = health?.Log?.[health.Log.length - 1];
    return {
        status: state.Dead ? 'dead' : state.Restarting ? 'restarting' : state.Status,
        exitCode: state.ExitCode,
        oomKilled: state.OOMKilled,
        error: state.Error || undefined,
        health: health && health.Status && health.Status !== 'none'
            ? {
                status: health.Status,
                exitCode: last?.ExitCode,
                output: last ? lastChars(last.Output.trim(), OUTPUT_LIMIT) : undefined,
            }
            : undefined,
    };
}
function collect(stream) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        stream.on('data', (c) => {
            // Keep the end of a chatty command's output, not all of it.
            chunks.push(c);
            size += c.length;
            while (size > 256 * 1024 && chunks.length > 1)
                size -= chunks.shift().length;
        });
        stream.once('end', () => resolve(Buffer.concat(chunks)));
        stream.once('close', () => resolve(Buffer.concat(chunks)));
        stream.once('error', reject);
    });
}
function safeRegex(source) {
    try {
        return new RegExp(source);
    }
    catch {
        return /(?!)/;
    }
}
function excerpt(body) {
    const one = body.replace(/\s+/g, ' ').trim();
    return one.length > EXCERPT ? one.slice(0, EXCERPT - 1) + '…' : one;
}
function lastChars(text, n) {
    return text.length > n ? '…' + text.slice(-n) : text;
}
/** A network error in the words of a health check. */
function networkReason(err, where) {
    const e = err;
    switch (e?.code) {
        case 'ECONNREFUSED':
            return `connection refused by ${where} (nothing listens)`;
        case 'ECONNRESET':
            return `connection reset by ${where}`;
        case 'EHOSTUNREACH':
        case 'ENETUNREACH':
            return `no route to ${where}`;
        case 'ETIMEDOUT':
            return `no answer from ${where}`;
        case 'EPIPE':
            return `connection closed by ${where}`;
    }
    if (e?.message === 'socket hang up')
        return `${where} closed the connection without an answer`;
    if (e?.code === 'HPE_INVALID_CONSTANT' || e?.code?.startsWith('HPE_'))
        return `${where} did not answer with HTTP (${e.code})`;
    if (e?.code === 'ERR_SSL_WRONG_VERSION_NUMBER')
        return `${where} does not speak TLS (scheme https?)`;
    return e?.message ?? String(err);
}
function dockerReason(err, timeoutMs) {
    const e = err;
    if (e?.name === 'TimeoutError')
        return `no result within ${(0,duration/* formatDuration */.a)(timeoutMs)}`;
    if (e?.statusCode)
        return `the engine answered ${e.statusCode}: ${(e.json?.message ?? e.message ?? '').trim()}`;
    return e?.message ?? String(err);
}

;// CONCATENATED MODULE: ./src/health/check.ts



/** Rounds whose results an outcome keeps for the failure message. */
const KEPT_ROUNDS = 5;
/** Until the first pass, probes come fast so a service that is up in 50 ms is seen in 50 ms. */
const FIRST_RETRY_MS = 25;
/**
 * Probes the container until it is healthy or unhealthy, and never longer than `deadlineMs`.
 *
 * - A round runs every configured check at once (HTTP, TCP, command, the image's HEALTHCHECK when
 *   `dockerHealth` and the container has one) plus the container's state; it passes when all pass.
 *   A HEALTHCHECK still `starting`, with nothing failing, makes the round pending: neither kind.
 * - `healthyThreshold` passing rounds in a row → healthy; `unhealthyThreshold` failing rounds in a
 *   row → unhealthy. A pending round breaks both streaks.
 * - The first round runs at once. Until the first pass, rounds are retried quickly (25 ms,
 *   doubling, up to `intervalMs`); after it, every `intervalMs` (start to start).
 * - Failures do not count during the grace period, so that the quick first retries and a slow
 *   start cannot fail a host: the start period, or the first interval when there is none. A pass
 *   always counts.
 * - A container that has exited (or died, or was removed) fails at once, with its exit code: it
 *   will not come back by waiting.
 * - Aborting the signal ends the check with `aborted: true`.
 */
async function checkHealth(target, spec, deps = {}, signal) {
    const now = deps.now ?? Date.now;
    const sleep = deps.sleep ?? pool/* sleep */.yy;
    const probes = { ...realProbes, ...deps.probes };
    const name = target.host.name;
    const startedAt = now();
    const graceEnd = startedAt + (spec.startPeriodMs > 0 ? spec.startPeriodMs : spec.intervalMs);
    const deadlineAt = startedAt + spec.deadlineMs;
    const kept = [];
    const latencies = [];
    let rounds = 0;
    let passes = 0;
    let failures = 0;
    let everPassed = false;
    let retryMs = FIRST_RETRY_MS;
    let last;
    const outcome = (healthy, extra = {}) => ({
        healthy,
        rounds,
        startedAt,
        elapsedMs: now() - startedAt,
        results: kept.flat(),
        latencies,
        ...extra,
    });
    const aborted = () => outcome(false, { aborted: true, reason: 'the health check was cancelled' });
    for (;;) {
        if (signal?.aborted)
            return aborted();
        const roundAt = now();
        const results = await runRound(target, spec, probes, now, signal);
        if (signal?.aborted)
            return aborted();
        rounds++;
        kept.push(results);
        if (kept.length > KEPT_ROUNDS)
            kept.shift();
        for (const r of results)
            if (r.check === 'http' && r.ok)
                latencies.push(r.latencyMs);
        const verdict = judge(results);
        last = verdict;
        deps.log?.debug(`${name}: health round ${rounds} (+${(0,duration/* formatDuration */.a)(roundAt - startedAt)}): ${results.map(brief).join(', ') || 'no checks'}`);
        if (verdict.kind === 'fail' && verdict.final) {
            return outcome(false, { reason: verdict.why, check: verdict.check });
        }
        if (verdict.kind === 'pass') {
            everPassed = true;
            passes++;
            failures = 0;
            if (passes >= spec.healthyThreshold)
                return outcome(true);
        }
        else if (verdict.kind === 'pending') {
            passes = 0;
            failures = 0;
        }
        else {
            passes = 0;
            if (roundAt >= graceEnd)
                failures++;
            if (failures >= spec.unhealthyThreshold) {
                const streak = spec.unhealthyThreshold === 1 ? '' : ` (${failures} failed rounds in a row)`;
                return outcome(false, { reason: `${verdict.why}${streak}`, check: verdict.check });
            }
        }
        let wakeAt = roundAt + spec.intervalMs;
        if (!everPassed && roundAt < graceEnd) {
            // Quick retries, but the first counted round comes exactly when the grace period ends.
            wakeAt = Math.min(roundAt + Math.min(retryMs, spec.intervalMs), graceEnd);
            retryMs *= 2;
        }
        wakeAt = Math.min(wakeAt, deadlineAt);
        await sleep(Math.max(0, wakeAt - now()), signal);
        if (signal?.aborted)
            return aborted();
        if (now() >= deadlineAt) {
            const why = last.kind === 'pass' ? `only ${passes} of ${spec.healthyThreshold} passing rounds in a row` : last.why;
            return outcome(false, {
                reason: `did not become healthy within ${(0,duration/* formatDuration */.a)(spec.deadlineMs)}: ${why}`,
                check: last.kind === 'pass' ? undefined : last.check,
            });
        }
    }
}
async function runRound(target, spec, probes, now, signal) {
    const address = target.host.address;
    const at = now();
    const [container, ...checks] = await Promise.all([
        probes.container(target, spec.timeoutMs).then((state) => state, (err) => new Error(err?.message ?? String(err))),
        spec.http ? probes.http(address, spec.http, spec.timeoutMs, signal) : undefined,
        spec.tcp ? probes.tcp(address, spec.tcp.port, spec.timeoutMs, signal) : undefined,
        spec.command?.length ? probes.command(target, spec.command, spec.timeoutMs, signal) : undefined,
    ]);
    const results = checks.filter((r) => r !== undefined);
    if (container instanceof Error) {
        results.push({
            check: 'container',
            ok: false,
            latencyMs: 0,
            at,
            error: `cannot inspect the container: ${container.message}`,
        });
        return results;
    }
    if (container.status !== 'running') {
        results.push({
            check: 'container',
            ok: false,
            latencyMs: 0,
            at,
            exitCode: container.exitCode,
            error: describeState(container),
        });
    }
    if (spec.dockerHealth && container.health) {
        const h = container.health;
        results.push({
            check: 'docker-health',
            ok: h.status === 'healthy',
            pending: h.status === 'starting' ? true : undefined,
            latencyMs: 0,
            at,
            exitCode: h.exitCode,
            output: h.output,
            error: h.status === 'healthy'
                ? undefined
                : h.status === 'starting'
                    ? 'HEALTHCHECK still starting'
                    : `HEALTHCHECK reports ${h.status}${h.output ? `: ${h.output.split('\n').pop()}` : ''}`,
        });
    }
    return results;
}
function describeState(state) {
    if (state.status === 'gone')
        return 'the container no longer exists';
    const code = state.exitCode !== undefined && (state.status !== 'created' || state.exitCode !== 0)
        ? ` (exit code ${state.exitCode})`
        : '';
    const oom = state.oomKilled ? ', killed for lack of memory (OOM)' : '';
    const err = state.error ? `: ${state.error}` : '';
    switch (state.status) {
        case 'exited':
            return `the container exited with code ${state.exitCode ?? 'unknown'}${oom}${err}`;
        case 'dead':
            return `the container is dead${code}${oom}${err}`;
        case 'restarting':
            return `the container keeps restarting${code}${oom}`;
        default:
            return `the container is ${state.status}${code}${err}`;
    }
}
function judge(results) {
    const container = results.find((r) => r.check === 'container');
    if (container) {
        // exited, dead or removed will not come back by waiting; restarting might.
        const final = /exited|is dead|no longer exists/.test(container.error ?? '');
        return { kind: 'fail', why: `container: ${container.error}`, check: 'container', final };
    }
    const failed = results.find((r) => !r.ok && !r.pending);
    if (failed)
        return { kind: 'fail', why: `${failed.check}: ${failed.error ?? 'failed'}`, check: failed.check };
    const pending = results.find((r) => r.pending);
    if (pending)
        return { kind: 'pending', why: `${pending.check}: ${pending.error}`, check: pending.check };
    return { kind: 'pass' };
}
function brief(r) {
    const mark = r.ok ? 'ok' : r.pending ? 'pending' : 'FAIL';
    const what = r.status !== undefined ? ` ${r.status}` : r.exitCode !== undefined ? ` exit ${r.exitCode}` : '';
    return `${r.check}${what} ${r.latencyMs}ms ${mark}${r.ok || !r.error ? '' : ` (${r.error})`}`;
}

;// CONCATENATED MODULE: ./src/health/describe.ts



const SHOWN_RESULTS = 12; // the outcome keeps the last 5 rounds; a round holds one result per check
/** The container's last `lines` log lines (stdout and stderr, in order); never throws. */
async function containerLogs(docker, containerId, lines = 10, timeoutMs = 5000) {
    try {
        const raw = await (0,pool/* withTimeout */.wj)(docker.getContainer(containerId).logs({ stdout: true, stderr: true, tail: lines, follow: false }), timeoutMs, 'read the container logs');
        const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw), 'utf8');
        return (0,docker_stream/* demuxDockerStream */.a)(buffer)
            .text.replace(/\r/g, '')
            .split('\n')
            .filter((l, i, all) => l !== '' || i < all.length - 1)
            .slice(-lines);
    }
    catch (err) {
        return [`(could not read the container's logs: ${err.message})`];
    }
}
/** Fetches the container's last log lines and formats the failure; for a rollout's error message. */
async function describeUnhealthy(target, outcome, lines = 10) {
    return describeFailure(outcome, target.host, await containerLogs(target.docker, target.containerId, lines));
}
/**
 * h3: unhealthy after 4 rounds in 3.1s — http: status 503, expected 200-299 (3 failed rounds in a row)
 *   last results:
 *     +1.0s  http  GET http://10.0.0.3:8080/health → 503 in 4ms, body "unavailable"
 *   last log lines of the container:
 *     | listening on 8080
 */
function describeFailure(outcome, host, logs) {
    const head = outcome.aborted
        ? `${host.name}: health check cancelled after ${outcome.rounds} round${outcome.rounds === 1 ? '' : 's'} in ${(0,duration/* formatDuration */.a)(outcome.elapsedMs)}`
        : `${host.name}: unhealthy after ${outcome.rounds} round${outcome.rounds === 1 ? '' : 's'} in ${(0,duration/* formatDuration */.a)(outcome.elapsedMs)} — ${outcome.reason ?? 'health check failed'}`;
    const lines = [head];
    const recent = outcome.results.slice(-SHOWN_RESULTS);
    if (recent.length > 0) {
        lines.push('  last results:');
        for (const r of recent)
            lines.push(`    ${resultLine(r, outcome.startedAt)}`);
    }
    if (logs.length > 0) {
        lines.push(`  last log lines of the container:`);
        for (const l of logs)
            lines.push(`    | ${l.length > 300 ? l.slice(0, 299) + '…' : l}`);
    }
    else {
        lines.push('  the container logged nothing');
    }
    return lines.join('\n');
}
/** One probe result on one line: when, which check, what it asked and what came back. */
function resultLine(r, startedAt) {
    const when = `+${(0,duration/* formatDuration */.a)(Math.max(0, r.at - startedAt))}`.padEnd(7);
    const check = r.check.padEnd(14);
    const target = r.target ? `${r.target} → ` : '';
    let what;
    switch (r.check) {
        case 'http':
            what =
                r.status !== undefined
                    ? `${r.status} in ${(0,duration/* formatDuration */.a)(r.latencyMs)}${r.bodyExcerpt ? `, body ${JSON.stringify(r.bodyExcerpt)}` : ', empty body'}${r.ok ? '' : ` — ${r.error}`}`
                    : `${r.error} (after ${(0,duration/* formatDuration */.a)(r.latencyMs)})`;
            break;
        case 'tcp':
            what = r.ok ? `connected in ${(0,duration/* formatDuration */.a)(r.latencyMs)}` : `${r.error}`;
            break;
        case 'command':
            what =
                r.exitCode !== undefined
                    ? `exit ${r.exitCode} in ${(0,duration/* formatDuration */.a)(r.latencyMs)}${r.output ? `: ${oneLine(r.output)}` : ''}`
                    : `${r.error}`;
            break;
        case 'docker-health':
            what = r.ok
                ? 'healthy'
                : `${r.error}${r.output && !r.error?.includes(oneLine(r.output)) ? ` (${oneLine(r.output)})` : ''}`;
            break;
        default:
            what = r.error ?? (r.ok ? 'ok' : 'failed');
    }
    return `${when}${check}${target}${what}`;
}
function oneLine(text) {
    const t = text.replace(/\s*\n\s*/g, ' ⏎ ').trim();
    return t.length > 200 ? t.slice(0, 199) + '…' : t;
}

// EXTERNAL MODULE: ./src/hosts/docker-host.ts
var docker_host = __webpack_require__(18174);
;// CONCATENATED MODULE: ./src/rollout/health-probe.ts



class RealHealthProbe {
    log;
    constructor(log) {
        this.log = log;
    }
    async check(spec, host, containerId, health, signal, proxy) {
        const target = { host: spec, docker: (0,docker_host/* dockerOf */.qG)(host), containerId };
        const probes = proxy ? (await __webpack_require__.e(/* import() */ 70).then(__webpack_require__.bind(__webpack_require__, 99070))).proxyProbes(proxy, containerId) : undefined;
        const outcome = await checkHealth(target, health, { log: this.log, probes }, signal);
        return {
            healthy: outcome.healthy,
            reason: outcome.reason,
            message: outcome.healthy ? '' : await describeUnhealthy(target, outcome),
            elapsedMs: outcome.elapsedMs,
            rounds: outcome.rounds,
            latenciesMs: outcome.latencies,
        };
    }
}


/***/ }),

/***/ 45762:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gd: () => (/* binding */ budget),
/* harmony export */   ne: () => (/* binding */ planRollout)
/* harmony export */ });
/* unused harmony export planBatches */
/** Hosts of `total` that a percentage covers: rounded up, so "25%" of 7 hosts is 2 and never 0. */
function percentOf(percent, total) {
    // The epsilon absorbs binary fractions (7% of 100 = 7.000000000000001), which must not become 8.
    return Math.ceil((percent * total) / 100 - 1e-9);
}
/**
 * Batch sizes for a group of `hostCount` hosts, with the semantics of Ansible's `serial` list: each
 * entry is a count or a percentage of the group, the last entry repeats until every host is in a
 * batch, and no batch is larger than the hosts left.
 *
 * One difference, on purpose: Ansible truncates percentages (`int(pct / 100.0 * num_items) or 1`,
 * pct_to_int in lib/ansible/utils/helpers.py; the docs' "serial" section only promises "always 1 or
 * greater"), so "30%" of 5 hosts is 1 there. aviary rounds up (DESIGN.md), as Kubernetes does
 * for maxSurge: the batch is at least the share that was asked for, and "34%" of 3 hosts is 2 rather
 * than 1. The minimum of 1 host per batch is the same.
 */
function planBatches(hostCount, batches) {
    if (!Number.isInteger(hostCount) || hostCount <= 0)
        return [];
    const entries = batches.length > 0 ? batches : [{ percent: 100 }];
    const sizes = [];
    let remaining = hostCount;
    for (let i = 0; remaining > 0; i++) {
        const entry = entries[Math.min(i, entries.length - 1)];
        const wanted = 'count' in entry ? entry.count : percentOf(entry.percent, hostCount);
        const size = Math.min(Math.max(1, Math.floor(wanted)), remaining);
        sizes.push(size);
        remaining -= size;
    }
    return sizes;
}
/** Groups one after another in config order; within a group, hosts in file order. */
function planRollout(config) {
    const drafts = [];
    for (const group of config.groups) {
        let next = 0;
        for (const size of planBatches(group.hosts.length, group.strategy.batches)) {
            drafts.push({ group: group.name, hosts: group.hosts.slice(next, next + size) });
            next += size;
        }
    }
    return { batches: drafts.map((b, i) => ({ index: i + 1, total: drafts.length, ...b })) };
}
/**
 * How many hosts may end unhealthy before the rollout is rolled back. A percentage rounds DOWN
 * (unlike batch sizes): a budget is a limit on harm, and rounding up would allow more failures
 * than were asked for — "10%" of 5 hosts allows none, not one. Kubernetes rounds maxUnavailable down
 * for the same reason. A count above the number of hosts is simply never reached.
 */
function budget(maxUnhealthy, totalHosts) {
    if ('count' in maxUnhealthy)
        return Math.max(0, Math.floor(maxUnhealthy.count));
    return Math.max(0, Math.floor((maxUnhealthy.percent * totalHosts) / 100 + 1e-9));
}


/***/ }),

/***/ 25946:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* binding */ Rollout)
});

// UNUSED EXPORTS: CANCEL

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/hosts/engine.ts
var engine = __webpack_require__(39989);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(26518);
// EXTERNAL MODULE: ./src/util/pool.ts
var pool = __webpack_require__(40704);
// EXTERNAL MODULE: ./src/rollout/lock.ts
var rollout_lock = __webpack_require__(90678);
// EXTERNAL MODULE: ./src/rollout/plan.ts
var rollout_plan = __webpack_require__(45762);
// EXTERNAL MODULE: ./src/rollout/repair.ts
var rollout_repair = __webpack_require__(39940);
// EXTERNAL MODULE: ./src/rollout/switch.ts
var rollout_switch = __webpack_require__(82821);
// EXTERNAL MODULE: ./src/proxy/proxy.ts + 1 modules
var proxy_proxy = __webpack_require__(35372);
// EXTERNAL MODULE: ./src/rollout/records.ts
var records = __webpack_require__(53299);
// EXTERNAL MODULE: ./src/gates/evaluate.ts + 2 modules
var evaluate = __webpack_require__(77481);
// EXTERNAL MODULE: ./src/hooks/run.ts
var run = __webpack_require__(99017);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: ./src/net/http.ts
var http = __webpack_require__(59663);
;// CONCATENATED MODULE: ./src/availability/probe.ts
// Measures availability while a rollout runs: every target is probed at a fixed rate, each probe's
// interval counts as uptime or downtime, and the figures are kept per target, per batch and overall.



const MAX_OUTAGES = 20;
const PER_TARGET_BATCH_LIMIT = 200;
const DEFAULT_MAX_DURATION_MS = 6 * 3_600_000;
const OFFLINE_REASON = 'stopped by the rollout to switch containers';
class Totals {
    uptimeMs = 0;
    downtimeMs = 0;
    probes = 0;
    failures = 0;
    add(ok, ms) {
        this.probes++;
        if (ok)
            this.uptimeMs += ms;
        else {
            this.downtimeMs += ms;
            this.failures++;
        }
    }
    merge(o) {
        this.uptimeMs += o.uptimeMs;
        this.downtimeMs += o.downtimeMs;
        this.probes += o.probes;
        this.failures += o.failures;
    }
    get figures() {
        const total = this.uptimeMs + this.downtimeMs;
        return {
            uptimeMs: Math.round(this.uptimeMs),
            downtimeMs: Math.round(this.downtimeMs),
            probes: this.probes,
            failures: this.failures,
            availability: total > 0 ? this.uptimeMs / total : null,
        };
    }
}
/**
 * Probes a fixed set of targets from start() to stop(). Bounded in time (maxDurationMs), in
 * memory (counts and at most 20 outages per target, whatever the length of the rollout) and in
 * connections (maxInFlight); its timer never keeps the process alive.
 */
class AvailabilityProbe {
    options;
    timeoutMs;
    maxDurationMs;
    maxInFlight;
    now;
    probeFn;
    states = [];
    batches = new Map();
    batch = 0;
    intervalMs = 0;
    startedAt = 0;
    endedAt;
    endedBy = 'stop';
    timer;
    limitTimer;
    inFlight = 0;
    pending = new Set();
    abort = new AbortController();
    constructor(options = {}) {
        this.options = options;
        this.timeoutMs = options.timeoutMs ?? 1000;
        this.maxDurationMs = options.maxDurationMs ?? DEFAULT_MAX_DURATION_MS;
        this.maxInFlight = Math.max(1, options.maxInFlight ?? 256);
        this.now = options.now ?? Date.now;
        this.probeFn = options.probe ?? probeTarget;
    }
    get running() {
        return this.timer !== undefined;
    }
    /** Starts probing every target every intervalMs, the first probes at once. */
    start(targets, intervalMs) {
        if (this.startedAt)
            throw new Error('the availability probe was already started');
        if (!(intervalMs > 0))
            throw new Error(`the availability probe's interval must be above 0 (got ${intervalMs})`);
        const names = new Set();
        for (const t of targets) {
            if (names.has(t.name))
                throw new Error(`two availability targets are named ${JSON.stringify(t.name)}`);
            names.add(t.name);
        }
        this.intervalMs = intervalMs;
        this.startedAt = this.now();
        this.states = targets.map((target) => ({
            target,
            kind: target.kind ?? 'host',
            figures: new Totals(),
            outages: [],
            outagesDropped: 0,
            inFlight: false,
            offline: false,
        }));
        this.batchState(0);
        this.timer = setInterval(() => this.tick(), intervalMs);
        this.timer.unref();
        this.limitTimer = setTimeout(() => this.finish('time-limit'), this.maxDurationMs);
        this.limitTimer.unref();
        this.options.log?.debug(`availability: probing ${targets.length} target(s) every ${(0,duration/* formatDuration */.a)(intervalMs)}`);
        this.tick();
    }
    /** From now on, probes count for this batch (1-based); null or 0 for the time between batches. */
    markBatch(index, group) {
        this.batch = index ?? 0;
        const state = this.batchState(this.batch);
        if (group)
            state.group = group;
    }
    /**
     * The rollout takes the host down to switch its containers: until online(), the target counts as
     * down without being probed. Probing it then would be worse than useless: a connection that
     * reaches the host while the new container's network is set up makes the host's kernel wait for
     * that address (ARP) for up to a second, and the new container's first health check waits with it.
     */
    offline(name) {
        const s = this.stateOf(name);
        if (!s || s.offline || this.endedAt !== undefined)
            return;
        const t = this.now();
        if (s.last)
            this.account(s, s.last, t);
        const down = { start: t, ok: false, batch: this.batch, error: OFFLINE_REASON };
        this.transition(s, down);
        s.last = down;
        s.offline = true;
        s.offlineAt = t;
    }
    /** The switch is over: the target is probed again, at once. */
    online(name) {
        const s = this.stateOf(name);
        if (!s || !s.offline)
            return;
        s.offline = false;
        if (this.endedAt === undefined && !s.inFlight && this.inFlight < this.maxInFlight)
            this.launch(s);
    }
    /** The figures so far, without stopping. */
    snapshot() {
        return this.report(this.endedAt ?? this.now(), false);
    }
    /**
     * Stops probing and returns the figures. Probes in flight are waited for (each is bounded by its
     * timeout): a hanging probe at the end is downtime, not a gap. Safe to call more than once.
     */
    async stop() {
        this.finish('stop');
        if (this.pending.size) {
            let timer;
            const bound = new Promise((resolve) => {
                timer = setTimeout(resolve, this.timeoutMs + 250);
            });
            await Promise.race([Promise.allSettled([...this.pending]), bound]);
            clearTimeout(timer);
            this.abort.abort();
        }
        return this.report(this.endedAt, true);
    }
    finish(by) {
        if (this.endedAt !== undefined)
            return;
        this.endedAt = this.now();
        this.endedBy = by;
        if (this.timer)
            clearInterval(this.timer);
        if (this.limitTimer)
            clearTimeout(this.limitTimer);
        this.timer = undefined;
        if (by === 'time-limit')
            this.options.log?.warn(`availability: stopped probing after ${(0,duration/* formatDuration */.a)(this.maxDurationMs)} (its time limit)`);
    }
    batchState(index) {
        let b = this.batches.get(index);
        if (!b) {
            b = { index, targets: new Map() };
            this.batches.set(index, b);
        }
        return b;
    }
    tick() {
        if (this.endedAt !== undefined)
            return;
        for (const s of this.states) {
            if (s.inFlight || s.offline)
                continue;
            if (this.inFlight >= this.maxInFlight)
                break;
            this.launch(s);
        }
    }
    launch(s) {
        const probe = this.probeOne(s);
        this.pending.add(probe);
        void probe.finally(() => this.pending.delete(probe));
    }
    stateOf(name) {
        return this.states.find((s) => s.target.name === name && s.kind === 'host');
    }
    async probeOne(s) {
        const start = this.now();
        if (s.last)
            this.account(s, s.last, start);
        s.last = undefined;
        s.inFlight = true;
        this.inFlight++;
        const batch = this.batch;
        let outcome;
        try {
            outcome = await this.probeFn(s.target, this.timeoutMs, this.abort.signal);
        }
        catch (err) {
            outcome = { ok: false, error: err.message };
        }
        finally {
            s.inFlight = false;
            this.inFlight--;
        }
        const finished = { start, ok: outcome.ok, batch, error: outcome.error };
        if (s.offlineAt !== undefined && start < s.offlineAt) {
            // Sent before the host was taken down: it counts up to then, and says nothing of now.
            this.account(s, finished, s.offlineAt);
            return;
        }
        this.transition(s, finished);
        // Finished after the end (stop() waits for it): it counts up to the end.
        if (this.endedAt !== undefined)
            this.account(s, finished, this.endedAt);
        else
            s.last = finished;
    }
    /** Counts a finished probe's interval, from its start to `until` (the next probe's start, or the end). */
    account(s, probe, until) {
        const ms = Math.max(0, until - probe.start);
        s.figures.add(probe.ok, ms);
        const b = this.batchState(probe.batch);
        let t = b.targets.get(s.target.name);
        if (!t) {
            t = new Totals();
            b.targets.set(s.target.name, t);
        }
        t.add(probe.ok, ms);
        if (!probe.ok && s.current)
            s.current.durationMs += ms;
    }
    /** Opens or closes an outage when a target goes down or comes back; logs only those changes. */
    transition(s, probe) {
        if (!probe.ok) {
            if (!s.current) {
                s.current = {
                    from: new Date(probe.start).toISOString(),
                    durationMs: 0,
                    failures: 0,
                    reason: probe.error ?? 'failed',
                    batch: probe.batch || undefined,
                };
                if (s.outages.length < MAX_OUTAGES)
                    s.outages.push(s.current);
                else
                    s.outagesDropped++;
                this.options.log?.debug(`availability: ${s.target.name} is down: ${s.current.reason}`);
            }
            s.current.failures++;
        }
        else if (s.current) {
            this.options.log?.debug(`availability: ${s.target.name} is up again after ${s.current.failures} failed probe(s)`);
            s.current = undefined;
        }
    }
    report(end, final) {
        // The last finished probe of each target covers its interval up to the end.
        const pending = this.states.filter((s) => s.last);
        if (final)
            for (const s of pending) {
                this.account(s, s.last, end);
                s.last = undefined;
            }
        const extra = (s) => {
            const t = new Totals();
            t.merge(s.figures);
            if (!final && s.last)
                t.add(s.last.ok, Math.max(0, end - s.last.start));
            return t;
        };
        const targets = this.states.map((s) => ({
            name: s.target.name,
            url: s.target.url,
            kind: s.kind,
            group: s.target.group,
            ...extra(s).figures,
            outages: s.outages.map((o) => ({ ...o })),
            ...(s.outagesDropped ? { outagesDropped: s.outagesDropped } : {}),
        }));
        const sum = (filter, pick) => {
            const t = new Totals();
            for (const s of this.states)
                if (filter(s)) {
                    const x = pick(s);
                    if (x)
                        t.merge(x);
                }
            return t;
        };
        const isHost = (s) => s.kind === 'host';
        const isService = (s) => s.kind === 'service';
        const hasService = this.states.some(isService);
        const hosts = sum(isHost, extra);
        const service = hasService ? sum(isService, extra) : undefined;
        const batches = [...this.batches.values()]
            .filter((b) => b.targets.size > 0 || b.index > 0)
            .sort((a, b) => a.index - b.index)
            .map((b) => {
            const h = sum(isHost, (s) => b.targets.get(s.target.name));
            const sv = hasService ? sum(isService, (s) => b.targets.get(s.target.name)) : undefined;
            return {
                index: b.index,
                group: b.group,
                overall: (sv ?? h).figures,
                hosts: h.figures,
                ...(sv ? { service: sv.figures } : {}),
                ...(this.states.length <= PER_TARGET_BATCH_LIMIT
                    ? { targets: Object.fromEntries([...b.targets].map(([name, t]) => [name, t.figures])) }
                    : {}),
            };
        });
        return {
            intervalMs: this.intervalMs,
            timeoutMs: this.timeoutMs,
            startedAt: new Date(this.startedAt || end).toISOString(),
            durationMs: this.startedAt ? end - this.startedAt : 0,
            endedBy: this.endedBy,
            basis: hasService ? 'service' : 'hosts',
            overall: (service ?? hosts).figures,
            hosts: hosts.figures,
            ...(service ? { service: service.figures } : {}),
            targets,
            batches,
        };
    }
}
/** How late a timeout may fire before the failure says more about this process than about the target. */
const STALL_MS = 250;
/**
 * The default probe: GET for http(s) URLs (a fresh connection each time), a TCP connect for tcp://.
 * A probe whose timeout fired late failed because this process stalled (its event loop busy, or
 * the machine's CPUs taken), not surely because the target did: the answer may have been waiting
 * behind the timer. It is sent once more, at once, so that downtime is the target's own.
 */
async function probeTarget(target, timeoutMs, signal) {
    const started = performance.now();
    const outcome = await probeOnce(target, timeoutMs, signal);
    const stalled = !outcome.ok && outcome.timedOut && performance.now() - started > timeoutMs + STALL_MS;
    return stalled && !signal.aborted ? probeOnce(target, timeoutMs, signal) : outcome;
}
async function probeOnce(target, timeoutMs, signal) {
    const url = new URL(target.url);
    if (url.protocol === 'tcp:')
        return tcpConnect(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port), timeoutMs, signal);
    try {
        const answer = await (0,http/* httpRequest */.aj)({
            url: target.url,
            timeoutMs,
            signal,
            maxBody: 64 * 1024,
            agent: 'aviary-availability',
        });
        const [lo, hi] = target.status ?? [200, 399];
        if (answer.status < lo || answer.status > hi)
            return { ok: false, error: `status ${answer.status}` };
        if (target.body !== undefined && !answer.body.includes(target.body))
            return { ok: false, error: `body does not contain ${JSON.stringify(target.body)}` };
        return { ok: true };
    }
    catch (err) {
        return { ok: false, error: err.message, timedOut: err instanceof http/* HttpError */.j$ && err.kind === 'timeout' };
    }
}
function tcpConnect(host, port, timeoutMs, signal) {
    return new Promise((resolve) => {
        const socket = external_node_net_.connect({ host, port });
        let done = false;
        const finish = (r) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            signal.removeEventListener('abort', onAbort);
            socket.destroy();
            resolve(r);
        };
        const onAbort = () => finish({ ok: false, error: 'cancelled' });
        const timer = setTimeout(() => finish({ ok: false, error: `no connection within ${(0,duration/* formatDuration */.a)(timeoutMs)}`, timedOut: true }), timeoutMs);
        signal.addEventListener('abort', onAbort, { once: true });
        socket.once('connect', () => finish({ ok: true }));
        socket.once('error', (err) => finish({ ok: false, error: err.code === 'ECONNREFUSED' ? 'connection refused' : err.message }));
    });
}

// EXTERNAL MODULE: ./src/availability/config.ts
var config = __webpack_require__(57257);
// EXTERNAL MODULE: ./src/availability/format.ts
var format = __webpack_require__(68996);
;// CONCATENATED MODULE: ./src/rollout/rollout.ts















/**
 * GitHub kills a cancelled step 10 s after its SIGINT. The rollback of the hosts in flight must fit:
 * shorter health checks and hooks, and a bound on the whole; what does not fit is the post step's.
 */
const CANCEL = { budgetMs: 8_000, healthDeadlineMs: 5_000, hookTimeoutMs: 2_000, discardMs: 1_000 };
class Rollout {
    config;
    deps;
    options;
    log;
    now;
    sleep;
    report;
    states = new Map();
    digest = '';
    availability;
    lock;
    /** Set when a cancelled run's rollback did not fit in its grace: the post step finishes it. */
    unfinishedRollback = false;
    /** The unused new containers were removed (or tried): once is enough. */
    discarded = false;
    constructor(config, deps, options) {
        this.config = config;
        this.deps = deps;
        this.options = options;
        this.log = deps.log;
        this.now = deps.now ?? Date.now;
        this.sleep = deps.sleep ?? pool/* sleep */.yy;
        this.report = {
            service: config.service,
            image: config.image,
            deployment: options.deployment,
            deployedBy: options.owner.owner,
            result: 'failed',
            dryRun: !!options.dryRun,
            startedAt: new Date(this.now()).toISOString(),
            durationMs: 0,
            phases: {},
            plan: [],
            batches: [],
            hosts: [],
            warnings: [],
        };
    }
    /** Runs the rollout and returns its report; throws only for what happens before any host changes. */
    async run() {
        const started = this.now();
        const plan = (0,rollout_plan/* planRollout */.ne)(this.config);
        this.report.plan = plan.batches.map((b) => {
            const proxy = this.config.groups.find((g) => g.name === b.group)?.proxy;
            const weight = this.canaryWeight(b, plan.batches);
            return {
                index: b.index,
                group: b.group,
                hosts: b.hosts.map((h) => h.name),
                ...(proxy
                    ? { proxy: { image: proxy.image, port: proxy.port, ...(weight ? { canaryWeight: weight } : {}) } }
                    : {}),
            };
        });
        const allHosts = this.config.groups.flatMap((g) => g.hosts);
        let hosts;
        try {
            hosts = await this.phase('connect', `Connect to ${allHosts.length} host(s)`, () => this.deps.connect(allHosts, this.options.signal));
            if (this.options.dryRun) {
                await this.phase('preflight', 'Preflight', () => this.preflight(hosts, false));
                if (!this.rollingBack)
                    await this.phase('resolve', `Ask the registry for ${this.config.image}`, () => this.resolveDigest());
                this.report.result = 'deployed';
                return this.report;
            }
            // The lock comes first: what the hosts run is read under it, so no other run changes it after.
            const lock = new rollout_lock/* DeployLock */.Fc(this.config.service, allHosts.map((h) => hosts.get(h.name)), this.options.owner, {
                timeoutMs: this.config.lockTimeoutMs,
                waitMs: this.config.lockWaitMs,
                parallel: this.config.strategy.parallel,
                force: this.options.forceUnlock,
            }, this.log);
            this.options.onLock?.();
            await this.phase('lock', 'Take the deploy lock', () => lock.acquire());
            this.lock = lock;
            await this.phase('preflight', 'Preflight', () => this.preflight(hosts, true));
            if (!this.rollingBack)
                await this.phase('prepull', `Pre-pull ${this.config.image}`, () => this.prepull());
            if (this.hostStates().some((s) => s.group.proxy))
                await this.phase('proxy', 'Proxies', () => this.prepareProxies());
            if (!this.rollingBack && this.hostStates().some((s) => !s.made))
                await this.phase('create', 'Create the new containers', () => this.createRest());
            await this.options.onStart?.(this.report);
            this.startAvailability();
            const failure = await this.phase('batches', 'Rollout', () => this.runBatches(plan.batches));
            if (failure) {
                this.report.error = failure;
                await this.phase('rollback', 'Roll back', () => this.rollbackTouched());
            }
            await this.discardUnused();
            this.settle();
            await this.recordOutcome();
            if (this.report.result !== 'failed' && !this.rollingBack)
                await this.phase('prune', 'Prune old containers', () => this.pruneAll());
            if (this.rollingBack && this.report.result !== 'failed')
                await this.forgetIntents();
        }
        catch (err) {
            // A failure before any swap (connect, lock, preflight, pre-pull) changed nothing.
            this.report.error = (0,errors/* describeError */.Uc)(err);
            this.report.result = 'failed';
            this.log.error(this.report.error);
            if (this.hostStates().some((s) => s.touched)) {
                await this.phase('rollback', 'Roll back', () => this.rollbackTouched());
                await this.discardUnused();
                this.settle();
                await this.recordOutcome();
            }
        }
        finally {
            await this.discardUnused();
            if (this.availability) {
                this.report.availability = await this.availability.stop();
                this.log.info((0,format/* availabilityLine */.ys)(this.report.availability));
            }
            // A host that could not be put back (or whose rollback the cancel bound cut short) keeps the
            // lock as the record that this run is unfinished: the post step or the next run repairs it.
            if (this.lock && !this.hostStates().some((s) => s.report.result === 'restore-failed'))
                await this.lock.release();
            else
                await this.lock?.abandon();
            for (const h of hosts?.values() ?? [])
                h.close();
            this.report.durationMs = this.now() - started;
            this.report.hosts = this.hostStates().map((s) => s.report);
        }
        return this.report;
    }
    /**
     * The result, from what every host runs now: deployed only when every host runs the new version,
     * healthy; a host that could not be put back makes the run failed, naming it and what it runs.
     */
    settle() {
        const states = this.hostStates();
        const lost = states.filter((s) => s.report.result === 'restore-failed');
        const back = states.filter((s) => s.report.result === 'rolled-back');
        if (lost.length) {
            this.report.result = 'failed';
            const lines = lost.map((s) => `${s.spec.name}: ${s.report.error?.split('\n').pop() ?? 'could not be restored'}`);
            const head = `${lost.length} host(s) could not be put back on their previous version and need a look:\n  ${lines.join('\n  ')}`;
            this.report.error = this.report.error ? `${this.report.error}\n${head}` : head;
        }
        else if (this.report.error) {
            this.report.result = 'rolled-back';
        }
        else if (back.length) {
            this.report.result = 'partial';
            this.report.error = `${back.length} host(s) failed within max-unhealthy and run their previous version: ${back.map((s) => s.spec.name).join(', ')}`;
        }
        else {
            this.report.result = 'deployed';
        }
    }
    /** Records the outcome on the hosts (a heartbeat that says it), then tells the caller: nothing after this undoes it. */
    async recordOutcome() {
        // A host that could not be put back is left to the post step, which tries again.
        if (this.report.result === 'failed' || this.unfinishedRollback || !this.lock)
            return;
        await this.lock.recordOutcome(this.report.result);
        this.options.onOutcome?.(this.report);
    }
    /** After a rollback to the previous version: the intents it recorded are no longer needed. */
    async forgetIntents() {
        await (0,pool/* mapLimit */.sf)(this.hostStates().filter((s) => s.target && s.touched), this.config.strategy.parallel, async (s) => {
            const intent = (await s.host.records('aviary.record.service', this.config.service)).find((r) => r.name === (0,records/* intentName */.Cg)(this.config.service, this.options.deployment));
            if (intent)
                await s.host.remove(intent.id);
        });
    }
    async phase(name, title, fn) {
        const t0 = this.now();
        try {
            return await this.log.group(title, fn);
        }
        finally {
            this.report.phases[name] = { startedAt: new Date(t0).toISOString(), durationMs: this.now() - t0 };
        }
    }
    /**
     * Reads what each host runs now: its rollback point. Under the lock (`repair`), what dead runs
     * left half-done is first put back from their records, so the points read are healthy versions.
     */
    async preflight(hosts, repair) {
        const entries = this.config.groups.flatMap((group) => group.hosts.map((spec) => ({ group, spec })));
        // Reports list hosts in file order, whatever order the parallel preflight finishes in.
        for (const { spec } of entries)
            this.states.set(spec.name, undefined);
        // First every host's records: a dead run that recorded its outcome on any host had finished (it
        // may have died while recording it), and is then undone on none.
        const surveys = await (0,pool/* mapLimit */.sf)(entries, this.config.strategy.parallel, ({ spec }) => (0,rollout_repair/* survey */.Fr)(hosts.get(spec.name), this.config.service, [this.options.deployment]));
        const decided = (0,rollout_repair/* decidedRuns */.ZW)(surveys.flatMap((r) => (r.ok ? [r.value] : [])));
        const results = await (0,pool/* mapLimit */.sf)(entries, this.config.strategy.parallel, async ({ group, spec }, i) => {
            const host = hosts.get(spec.name);
            const surveyed = surveys[i];
            if (!surveyed.ok)
                throw surveyed.error;
            const found = surveyed.value;
            let containers = found.containers;
            if (repair && found.dead.size) {
                const repaired = await (0,rollout_repair/* repairDead */.sQ)(host, this.config.service, [...found.dead.keys()], found.records, undefined, (0,rollout_repair/* settledHere */.AN)(found, decided));
                for (const r of repaired) {
                    const line = (0,rollout_repair/* describeRepair */.D$)(spec.name, r);
                    if (line)
                        this.warn(line);
                }
                containers = await host.serviceContainers(this.config.service);
            }
            const current = containers.find((c) => c.name === this.config.service);
            const digest = current ? (await host.imageDigest(current.imageId))?.digest : undefined;
            const state = {
                spec,
                group,
                host,
                touched: false,
                point: { container: current, digest },
                report: {
                    name: spec.name,
                    group: group.name,
                    result: 'untouched',
                    previous: {
                        image: current?.image,
                        digest: current?.labels[engine/* LABEL */.d_.digest] || digest,
                        container: current && (0,engine/* short */.h0)(current.id),
                    },
                    next: { image: this.config.image },
                },
            };
            this.states.set(spec.name, state);
            const unfinished = repair ? 0 : found.dead.size;
            const note = current ? `${current.image}${current.running ? '' : ` (${current.state})`}` : 'nothing yet';
            this.log.info(`${spec.name}: runs ${note}${unfinished ? `; ${unfinished} unfinished run(s) left records, repaired when the deploy runs` : ''}`);
            return { containers };
        });
        const failures = results.flatMap((r, i) => (r.ok ? [] : [onHost(entries[i].spec.name, (0,errors/* describeError */.Uc)(r.error))]));
        if (failures.length)
            throw new errors/* RunError */.e4(`preflight failed on ${failures.length} host(s):\n  ${failures.join('\n  ')}`);
        if (this.rollingBack)
            this.findPreviousVersions(new Map(entries.map((e, i) => [
                e.spec.name,
                results[i].ok ? results[i].value.containers : [],
            ])));
    }
    /** The digest a pull would bring, without pulling: what the plan shows as the new version. */
    async resolveDigest() {
        const first = this.hostStates()[0];
        if (!first || !this.deps.registryDigest)
            return;
        try {
            this.digest = (await this.deps.registryDigest(this.config.image, first.host)) ?? '';
        }
        catch (err) {
            this.warn(`could not ask the registry for the digest of ${this.config.image}: ${(0,errors/* describeError */.Uc)(err)}`);
        }
        this.report.digest = this.digest || undefined;
        for (const s of this.hostStates())
            s.report.next = { image: this.config.image, digest: this.report.digest };
    }
    /** Every host's state, in file order (hosts whose preflight failed have none). */
    hostStates() {
        return [...this.states.values()].filter(Boolean);
    }
    get rollingBack() {
        return this.options.target === 'previous';
    }
    /**
     * For a rollback: each host's target is the container its current one replaced (the
     * `aviary.previous` label). Hosts without one, or running a version unlike the rest, are
     * reported before anything changes.
     */
    findPreviousVersions(containersByHost) {
        const states = this.hostStates();
        const missing = [];
        states.forEach((s) => {
            const current = s.point.container;
            const previousId = current?.labels[engine/* LABEL */.d_.previous];
            const target = containersByHost.get(s.spec.name)?.find((c) => c.id === previousId);
            if (!current)
                missing.push(`${s.spec.name}: runs no ${this.config.service} container`);
            else if (!previousId)
                missing.push(`${s.spec.name}: ${current.image} has no previous version recorded (it was the first deploy, or not made by aviary)`);
            else if (!target)
                missing.push(`${s.spec.name}: the previous version ${current.labels[engine/* LABEL */.d_.previousImage] || (0,engine/* short */.h0)(previousId)} is no longer kept on the host (see strategy.keep); roll to it by name with to: <image>`);
            else {
                s.target = target;
                s.report.next = {
                    image: target.image,
                    digest: target.labels[engine/* LABEL */.d_.digest] || undefined,
                    container: (0,engine/* short */.h0)(target.id),
                };
            }
        });
        if (missing.length)
            throw new errors/* RunError */.e4(`cannot roll back to the previous version on ${missing.length} host(s), nothing was changed:\n  ${missing.join('\n  ')}`);
        const byVersion = new Map();
        for (const s of states)
            byVersion.set(s.point.container.image, [...(byVersion.get(s.point.container.image) ?? []), s.spec.name]);
        if (byVersion.size > 1) {
            this.warn(`the hosts do not all run the same version, each goes back to its own previous one: ${[...byVersion].map(([image, hosts]) => `${image} on ${hosts.join(', ')}`).join('; ')}`);
        }
    }
    /** Pulls the image on every host before anything is stopped; a failure here changes nothing. */
    async prepull() {
        const states = this.hostStates();
        const results = await (0,pool/* mapLimit */.sf)(states, this.config.strategy.parallel, async (s) => {
            await (0,pool/* unlessAborted */.Wh)(s.host.pull(this.config.image, this.options.registryAuth), this.options.signal);
            const d = await s.host.imageDigest(this.config.image);
            s.report.next = { image: this.config.image, digest: d?.digest };
            // Behind a proxy the container joins the proxy's network, made in the next phase; a host whose
            // engine gives no digest is labelled with the fleet's, known once every pull is done.
            if (!s.group.proxy && d?.digest)
                await this.createNext(s);
            return d?.digest;
        }, this.options.signal);
        const failures = results.flatMap((r, i) => (r.ok ? [] : [onHost(states[i].spec.name, (0,errors/* describeError */.Uc)(r.error))]));
        if (failures.length)
            throw new errors/* RunError */.e4(`pre-pull of ${this.config.image} failed on ${failures.length} host(s), nothing was changed:\n  ${failures.join('\n  ')}`);
        this.digest = results.find((r) => r.ok && r.value)?.ok
            ? results.find((r) => r.ok && r.value).value
            : '';
        this.report.digest = this.digest;
        const made = states.filter((s) => s.made).length;
        this.log.info(`${this.config.image} is ${this.digest || 'pulled'} on ${states.length} host(s)${made ? `; ${made} new container(s) created` : ''}`);
    }
    /**
     * Creates a host's new container ahead of its batch, before anything stops: its batch then only
     * starts it. Its labels are the same as a swap's own create, so a repair works from it alike.
     */
    async createNext(s) {
        s.made = await (0,rollout_switch/* createPending */.ig)(s.host, this.swapRequest(s), s.point.container);
    }
    /** The new containers the pre-pull did not make: behind a proxy (on its network, made ready now), or without a digest of their own. */
    async createRest() {
        const states = this.hostStates().filter((s) => !s.made);
        const results = await (0,pool/* mapLimit */.sf)(states, this.config.strategy.parallel, (s) => this.createNext(s), this.options.signal);
        const failures = results.flatMap((r, i) => (r.ok ? [] : [onHost(states[i].spec.name, (0,errors/* describeError */.Uc)(r.error))]));
        if (failures.length)
            throw new errors/* RunError */.e4(`the new container of ${this.config.image} could not be created on ${failures.length} host(s); no ${this.config.service} container was changed:\n  ${failures.join('\n  ')}`);
        this.log.info(`${states.length} new container(s) created`);
    }
    /** What a host's new container is made of. */
    swapRequest(s) {
        const container = s.group.proxy ? { ...s.group.container, network: s.group.proxy.network } : s.group.container;
        return {
            service: this.config.service,
            image: this.config.image,
            digest: s.report.next.digest ?? this.digest,
            deployment: this.options.deployment,
            deployedBy: this.options.owner.owner,
            container,
        };
    }
    /**
     * The new containers of the hosts this run did not get to (a failure or a cancel before their
     * batch) are removed before the lock goes: the hosts are as they were. What a kill leaves, the
     * repair removes (restore(), or repairDead() once the outcome was recorded).
     */
    async discardUnused() {
        const unused = this.hostStates().filter((s) => s.made && !s.touched);
        if (!unused.length || this.discarded)
            return;
        this.discarded = true;
        const all = (0,pool/* mapLimit */.sf)(unused, this.config.strategy.parallel, async (s) => {
            await s.host.remove(s.made);
            s.made = undefined;
        });
        try {
            // A cancelled run has spent its grace on the rollback: what does not fit is the next run's.
            await (this.cancelling ? (0,pool/* withTimeout */.wj)(all, CANCEL.discardMs, 'the removal of the unused new containers') : all);
        }
        catch {
            // Reported below, host by host.
        }
        const left = unused.filter((s) => s.made);
        if (left.length)
            this.warn(`could not remove the unused new container on ${left.map((s) => `${s.spec.name} (${(0,engine/* short */.h0)(s.made)})`).join(', ')}; the next deploy removes it`);
    }
    /** Runs the batches in order; returns the reason to roll back, or undefined when all went well. */
    async runBatches(batches) {
        const total = this.states.size;
        const allowed = (0,rollout_plan/* budget */.gd)(this.config.strategy.maxUnhealthy, total);
        let unhealthy = 0;
        for (const batch of batches) {
            const report = {
                index: batch.index,
                total: batch.total,
                group: batch.group,
                hosts: batch.hosts.map((h) => h.name),
                result: 'skipped',
                healthy: 0,
                unhealthy: 0,
            };
            this.report.batches.push(report);
            if (this.options.signal?.aborted) {
                report.result = 'cancelled';
                return 'the rollout was cancelled';
            }
            const title = `Batch ${batch.index}/${batch.total} · ${batch.group} · ${report.hosts.join(', ')}`;
            const t0 = this.now();
            report.startedAt = new Date(t0).toISOString();
            this.availability?.markBatch(batch.index, batch.group);
            const group = this.config.groups.find((g) => g.name === batch.group);
            const weight = this.canaryWeight(batch, batches);
            const stop = new AbortController();
            const onAbort = () => stop.abort();
            this.options.signal?.addEventListener('abort', onAbort);
            let firstFailure;
            try {
                await this.log.group(title, async () => {
                    await (0,pool/* mapLimit */.sf)(batch.hosts, group.strategy.parallel, async (spec) => {
                        const s = this.states.get(spec.name);
                        s.report.batch = batch.index;
                        const ok = await this.updateHost(s, stop.signal, weight);
                        if (ok)
                            report.healthy++;
                        else {
                            report.unhealthy++;
                            unhealthy++;
                            firstFailure ??= s.report.error;
                            if (unhealthy > allowed)
                                stop.abort(); // over budget: stop waiting on the others
                        }
                        this.log.info(`batch ${batch.index}/${batch.total}: ${report.healthy}/${batch.hosts.length} healthy${report.unhealthy ? `, ${report.unhealthy} failed` : ''}`);
                    }, stop.signal);
                });
            }
            finally {
                this.options.signal?.removeEventListener('abort', onAbort);
                report.durationMs = this.now() - t0;
            }
            if (this.options.signal?.aborted) {
                report.result = 'cancelled';
                return 'the rollout was cancelled';
            }
            if (unhealthy > allowed) {
                report.result = 'failed';
                return `${firstFailure ?? 'a host failed'}\n(${unhealthy} unhealthy host(s), max-unhealthy allows ${allowed})`;
            }
            report.result = 'healthy';
            // Hosts that failed within the budget go back to their previous version now.
            await this.restoreFailedWithinBudget(batch);
            this.availability?.markBatch(null);
            if (group.gates?.length && !this.rollingBack) {
                const updated = group.hosts.filter((h) => this.states.get(h.name)?.report.result === 'updated');
                const outcome = await this.log.group(`Gates after batch ${batch.index}/${batch.total} · ${batch.group}`, () => (0,evaluate/* evaluateGates */.ud)(group.gates, {
                    group: group.name,
                    hosts: updated.map((h) => h.name),
                    addresses: updated.map((h) => h.address),
                    version: versionOf(this.config.image),
                    service: this.config.service,
                    since: t0 + (report.durationMs ?? 0),
                }, this.log, this.options.signal));
                report.gates = outcome.gates.map((g) => ({
                    name: g.name,
                    ok: g.ok,
                    message: g.message,
                    rounds: g.rounds,
                    failures: g.failures,
                    durationMs: g.durationMs,
                }));
                if (outcome.cancelled) {
                    report.result = 'cancelled';
                    return 'the rollout was cancelled';
                }
                if (!outcome.ok) {
                    report.result = 'failed';
                    return outcome.message;
                }
            }
            const sharing = batch.hosts.map((h) => this.states.get(h.name)).filter((s) => s.sharing);
            // A traffic-weighted canary is watched for the pause even in the last batch.
            if (group.strategy.pauseMs > 0 && (batch !== batches[batches.length - 1] || sharing.length)) {
                this.log.info(`pause ${(0,duration/* formatDuration */.a)(group.strategy.pauseMs)} after batch ${batch.index}${sharing.length ? `, the canary sharing ${weight}% of requests` : ''}`);
                await this.sleep(group.strategy.pauseMs, this.options.signal);
                if (this.options.signal?.aborted)
                    return 'the rollout was cancelled';
            }
            if (sharing.length) {
                const failure = await this.cutOverCanaries(sharing);
                if (failure) {
                    report.result = 'failed';
                    return failure;
                }
            }
        }
        return undefined;
    }
    /**
     * A group's first batch shares requests with the new version first when its proxy says so
     * (`canary-weight`); not on the way back (`to: previous`).
     */
    canaryWeight(batch, batches) {
        const weight = this.config.groups.find((g) => g.name === batch.group)?.proxy?.canaryWeight;
        if (!weight || this.rollingBack)
            return undefined;
        return batches.find((b) => b.group === batch.group) === batch ? weight : undefined;
    }
    /**
     * After a traffic-weighted canary's gates and pause: each of its hosts cuts over to the new
     * version alone (drain, then the old one stops). Returns the reason to roll back, if any failed.
     */
    async cutOverCanaries(sharing) {
        const results = await (0,pool/* mapLimit */.sf)(sharing, sharing[0].group.strategy.parallel, async (s) => {
            // The window may have lasted minutes: the host is first checked to be as this run left it.
            const changed = await (0,rollout_switch/* stillSharing */.bU)(s.host, s.proxy, this.config.service, this.options.deployment, s.point.container, s.sharing);
            if (changed)
                throw new errors/* RunError */.e4(`${changed}; nothing was changed`);
            await (0,rollout_switch/* cutover */.jx)(s.proxy, this.config.service, s.point.container, s.sharing, s.group.container.stopTimeoutMs);
            s.report.proxy = { ...s.report.proxy, serving: (0,engine/* short */.h0)(s.sharing) };
            s.sharing = undefined;
            this.log.info(`${s.spec.name}: the proxy serves ${this.config.image} alone`);
        });
        const failures = results.flatMap((r, i) => {
            if (r.ok)
                return [];
            const s = sharing[i];
            s.report.result = 'rolled-back'; // provisional: the rollback confirms or changes it
            s.report.error = onHost(s.spec.name, `could not cut over from the canary: ${(0,errors/* describeError */.Uc)(r.error)}`);
            this.log.error(s.report.error);
            return [s.report.error];
        });
        return failures.length ? failures.join('\n') : undefined;
    }
    /** Swaps one host and health-checks it. Returns whether it is healthy on the new version. */
    async updateHost(s, signal, canaryWeight) {
        const t0 = this.now();
        s.report.startedAt = new Date(t0).toISOString();
        try {
            if (s.point.container?.running)
                await this.hook(s, s.group.hooks?.beforeStop, true, signal);
            s.touched = true;
            if (s.proxy)
                return await this.switchBehindProxy(s, s.proxy, signal, canaryWeight);
            if (s.target) {
                s.newId = s.target.id;
                await (0,rollout_switch/* activateKept */.Qj)(s.host, this.config.service, this.options.deployment, s.point.container, s.target, s.group.container.stopTimeoutMs, this.switchWatcher(s));
            }
            const id = s.target
                ? s.target.id
                : await (0,rollout_switch/* swap */.wg)(s.host, this.swapRequest(s), s.point, (created) => {
                    s.newId = created;
                }, this.switchWatcher(s), s.made);
            s.report.next.container = (0,engine/* short */.h0)(id);
            const verdict = await this.deps.health.check(s.spec, s.host, id, s.group.health, signal);
            s.report.health = record(verdict);
            if (!verdict.healthy) {
                s.report.error = verdict.message;
                s.report.result = 'rolled-back'; // provisional: the rollback confirms or changes it
                this.log.error(verdict.message);
                return false;
            }
            s.report.result = 'updated';
            this.log.info(`${s.spec.name}: healthy on ${this.config.image} after ${(0,duration/* formatDuration */.a)(verdict.elapsedMs)}`);
            await this.hook(s, s.group.hooks?.afterHealthy, false, signal);
            return true;
        }
        catch (err) {
            s.report.error = onHost(s.spec.name, (0,errors/* describeError */.Uc)(err));
            this.log.error(s.report.error);
            return false;
        }
        finally {
            s.report.durationMs = this.now() - t0;
        }
    }
    /**
     * Proxy mode: the new container (or the kept one of a rollback) starts beside the serving one and
     * is health-checked through the proxy; only a healthy one is switched to, so the host never stops
     * answering. An unhealthy one is taken away by the rollback, the old one serving all along.
     */
    async switchBehindProxy(s, proxy, signal, canaryWeight) {
        const current = s.point.container;
        let id;
        if (s.target) {
            s.newId = s.target.id;
            await (0,rollout_switch/* stageKept */.jV)(s.host, this.config.service, this.options.deployment, current, s.target);
            id = s.target.id;
        }
        else {
            id = await (0,rollout_switch/* stage */.dw)(s.host, this.swapRequest(s), s.point, (created) => {
                s.newId = created;
            }, s.made);
        }
        s.report.next.container = (0,engine/* short */.h0)(id);
        const verdict = await this.deps.health.check(s.spec, s.host, id, s.group.health, signal, proxy);
        s.report.health = record(verdict);
        if (!verdict.healthy) {
            s.report.error = verdict.message;
            s.report.result = 'rolled-back'; // provisional: the rollback confirms or changes it
            this.log.error(verdict.message);
            return false;
        }
        if (canaryWeight && current?.running && !s.target) {
            // A traffic-weighted canary: the old version keeps the rest of the requests until the batch's gates and pause.
            await proxy.point(current.id, { id, weight: canaryWeight });
            s.sharing = id;
            s.report.proxy = { ...s.report.proxy, canary: { container: (0,engine/* short */.h0)(id), weight: canaryWeight } };
            s.report.result = 'updated';
            this.log.info(`${s.spec.name}: healthy on ${this.config.image} after ${(0,duration/* formatDuration */.a)(verdict.elapsedMs)}; the proxy sends it ${canaryWeight}% of requests until the batch's gates and pause are over`);
            await this.hook(s, s.group.hooks?.afterHealthy, false, signal);
            return true;
        }
        await (0,rollout_switch/* cutover */.jx)(proxy, this.config.service, current, id, s.group.container.stopTimeoutMs);
        s.report.proxy = { ...s.report.proxy, serving: (0,engine/* short */.h0)(id) };
        s.report.result = 'updated';
        this.log.info(`${s.spec.name}: healthy on ${s.target ? s.target.image : this.config.image} after ${(0,duration/* formatDuration */.a)(verdict.elapsedMs)}; the proxy serves it`);
        await this.hook(s, s.group.hooks?.afterHealthy, false, signal);
        return true;
    }
    /**
     * Proxy mode: every proxy host's proxy is made what the config says (installed, reconfigured or
     * upgraded, gaplessly) and points at what the host runs, before anything of the app changes.
     */
    async prepareProxies() {
        const states = this.hostStates().filter((s) => s.group.proxy);
        const results = await (0,pool/* mapLimit */.sf)(states, this.config.strategy.parallel, async (s) => {
            const { proxy, changes } = await (0,proxy_proxy.ensureProxy)(s.host, this.config.service, s.group.proxy, s.point.container, {
                registryAuth: this.options.registryAuth,
                sleep: (ms) => this.sleep(ms),
            });
            s.proxy = proxy;
            s.report.proxy = {
                image: s.group.proxy.image,
                port: s.group.proxy.port,
                serving: s.point.container && (0,engine/* short */.h0)(s.point.container.id),
                changes,
            };
            this.log.info(`${s.spec.name}: proxy ${s.group.proxy.image} on port ${s.group.proxy.port}${changes.length ? `: ${changes.join('; ')}` : ', as configured'}`);
        }, this.options.signal);
        const failures = results.flatMap((r, i) => (r.ok ? [] : [onHost(states[i].spec.name, (0,errors/* describeError */.Uc)(r.error))]));
        if (failures.length)
            throw new errors/* RunError */.e4(`the proxy could not be made ready on ${failures.length} host(s), no app container was changed:\n  ${failures.join('\n  ')}`);
    }
    async restoreFailedWithinBudget(batch) {
        const failed = batch.hosts
            .map((h) => this.states.get(h.name))
            .filter((s) => s.touched && s.report.result !== 'updated');
        if (!failed.length)
            return;
        this.warn(`${failed.map((s) => s.spec.name).join(', ')} failed within max-unhealthy: restoring their previous version`);
        await (0,pool/* mapLimit */.sf)(failed, this.config.strategy.parallel, (s) => this.restoreHost(s));
    }
    /**
     * Rolls back every host this run touched, all groups, in parallel. On the cancel path it must fit
     * in GitHub's grace: hosts still going at the bound are left, with the lock, to the post step.
     */
    async rollbackTouched() {
        const touched = this.hostStates().filter((s) => s.touched &&
            s.report.result !== 'restore-failed' &&
            !(s.report.result === 'rolled-back' && s.report.rollbackHealth));
        this.log.info(`rolling back ${touched.length} host(s): ${touched.map((s) => s.spec.name).join(', ')}`);
        const all = (0,pool/* mapLimit */.sf)(touched, this.config.strategy.parallel, (s) => this.restoreHost(s));
        if (this.cancelling) {
            try {
                await (0,pool/* withTimeout */.wj)(all, CANCEL.budgetMs, "the cancelled run's rollback");
            }
            catch {
                const left = touched.filter((s) => s.report.result !== 'rolled-back' && s.report.result !== 'restore-failed');
                this.unfinishedRollback = true;
                for (const s of left) {
                    s.report.result = 'restore-failed';
                    s.report.error = `${s.report.error ? `${s.report.error}\n` : ''}${s.spec.name}: its rollback did not finish within ${(0,duration/* formatDuration */.a)(CANCEL.budgetMs)} of the cancel; the post step finishes it`;
                }
                this.log.error(`the rollback of ${left.map((s) => s.spec.name).join(', ')} did not finish within ${(0,duration/* formatDuration */.a)(CANCEL.budgetMs)} of the cancel: the deploy lock stays, and the post step puts them back`);
                this.report.result = 'failed';
                return;
            }
        }
        else {
            await all;
        }
        const lost = touched.filter((s) => s.report.result === 'restore-failed');
        if (lost.length)
            this.log.error(`could not restore ${lost.map((s) => s.spec.name).join(', ')}: see the errors above`);
    }
    get cancelling() {
        return !!this.options.signal?.aborted;
    }
    /** The health check of a restored container: on the cancel path, short enough to fit in the grace. */
    restoreHealth(health) {
        if (!this.cancelling)
            return health;
        return {
            ...health,
            deadlineMs: Math.min(health.deadlineMs, CANCEL.healthDeadlineMs),
            intervalMs: Math.min(health.intervalMs, 250),
        };
    }
    /** Puts a host back on its rollback point, from the records on the host, and health-checks it. */
    async restoreHost(s) {
        try {
            // Out of the load balancer while the new container is replaced; back in once the old one is healthy.
            if (s.newId)
                await this.hook(s, s.group.hooks?.beforeStop, false);
            const outcome = await (0,rollout_switch/* restore */.PF)(s.host, this.config.service, this.options.deployment, this.switchWatcher(s));
            if (outcome.kind === 'lost' || outcome.kind === 'superseded')
                throw new errors/* RunError */.e4(outcome.note);
            const old = s.point.container;
            if (outcome.kind === 'emptied' || !old) {
                s.report.result = 'rolled-back';
                this.log.info(`${s.spec.name}: removed the new container (it ran nothing before)`);
                return;
            }
            // 'none': the swap never began (a hook or the create failed); the old container may still need its start.
            if (outcome.kind === 'none' && !(await s.host.container(old.id))?.running)
                await s.host.start(old.id);
            const verdict = await this.deps.health.check(s.spec, s.host, old.id, this.restoreHealth(s.group.health), undefined, s.proxy);
            if (s.proxy)
                s.report.proxy = { ...s.report.proxy, serving: (0,engine/* short */.h0)(old.id) };
            s.report.rollbackHealth = record(verdict);
            if (!verdict.healthy)
                throw new errors/* RunError */.e4(`${old.image} is running again but not healthy: ${verdict.message}`);
            s.report.result = 'rolled-back';
            this.log.info(`${s.spec.name}: back on ${old.image}, healthy`);
            await this.hook(s, s.group.hooks?.afterHealthy, false);
        }
        catch (err) {
            s.report.result = 'restore-failed';
            const now = await s.host.container(this.config.service).catch(() => undefined);
            const runs = now ? `it runs ${now.image} (${now.state})` : "nothing runs under the service's name";
            const message = `${s.spec.name}: could not restore its previous version: ${(0,errors/* describeError */.Uc)(err)}; ${runs}`;
            s.report.error = s.report.error ? `${s.report.error}\n${message}` : message;
            this.log.error(message);
        }
    }
    /** While a host switches containers the availability probe counts it down instead of probing it. */
    switchWatcher(s) {
        const probe = this.availability;
        // Behind a proxy the host never goes down for a switch: the probe measures it through the proxy.
        if (!probe || s.group.proxy)
            return undefined;
        return { stopping: () => probe.offline(s.spec.name), switched: () => probe.online(s.spec.name) };
    }
    async pruneAll() {
        await (0,pool/* mapLimit */.sf)(this.hostStates().filter((s) => s.touched), this.config.strategy.parallel, async (s) => {
            try {
                const removed = await (0,rollout_switch/* prune */.R3)(s.host, this.config.service, s.group.strategy.keep);
                if (removed.length)
                    this.log.debug(`${s.spec.name}: pruned ${removed.join(', ')}`);
            }
            catch (err) {
                this.warn(`${s.spec.name}: could not prune old containers: ${(0,errors/* describeError */.Uc)(err)}`);
            }
        });
    }
    /** Runs a drain hook; a failure throws when `must` (before-stop of an update), else warns. */
    async hook(s, hook, must, signal) {
        if (!hook)
            return;
        if (this.cancelling)
            hook = { ...hook, timeoutMs: Math.min(hook.timeoutMs, CANCEL.hookTimeoutMs) };
        const r = await (0,run/* runHook */.D)(hook, { host: s.spec.name, address: s.spec.address, group: s.group.name, service: this.config.service }, this.log, signal);
        if (r.ok)
            return;
        if (must)
            throw new errors/* RunError */.e4(r.message);
        this.warn(r.message);
    }
    startAvailability() {
        const spec = this.config.availability ?? config/* DEFAULT_AVAILABILITY */.gr;
        if (!spec.enabled)
            return;
        const targets = (0,config/* availabilityTargets */.OA)(this.config.groups, spec);
        if (!targets.length)
            return;
        this.availability = new AvailabilityProbe({ timeoutMs: spec.timeoutMs, log: this.log });
        this.availability.start(targets, spec.intervalMs);
    }
    warn(message) {
        this.report.warnings.push(message);
        this.log.warn(message);
    }
}
/** The tag or digest of an image reference, for {{version}}. */
function versionOf(image) {
    const at = image.indexOf('@');
    if (at >= 0)
        return image.slice(at + 1);
    const slash = image.lastIndexOf('/');
    const colon = image.lastIndexOf(':');
    return colon > slash ? image.slice(colon + 1) : 'latest';
}
/** A message about a host, named once at its start. */
function onHost(name, message) {
    return message.startsWith(`${name}: `) ? message : `${name}: ${message}`;
}
function record(v) {
    return {
        healthy: v.healthy,
        elapsedMs: v.elapsedMs,
        rounds: v.rounds,
        latenciesMs: v.latenciesMs,
        reason: v.healthy ? undefined : (v.reason ?? v.message),
    };
}


/***/ }),

/***/ 61851:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $R: () => (/* binding */ envValue),
/* harmony export */   E6: () => (/* binding */ commandList),
/* harmony export */   Oh: () => (/* binding */ port),
/* harmony export */   P5: () => (/* binding */ setOwn),
/* harmony export */   Wh: () => (/* binding */ int),
/* harmony export */   Yn: () => (/* binding */ stringList),
/* harmony export */   at: () => (/* binding */ at),
/* harmony export */   eE: () => (/* binding */ knownKeys),
/* harmony export */   gx: () => (/* binding */ str),
/* harmony export */   i: () => (/* binding */ dropUndefined),
/* harmony export */   lc: () => (/* binding */ bool),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   pi: () => (/* binding */ isMapping),
/* harmony export */   pq: () => (/* binding */ mapping),
/* harmony export */   vj: () => (/* binding */ amount),
/* harmony export */   ws: () => (/* binding */ scalarText),
/* harmony export */   zy: () => (/* binding */ has)
/* harmony export */ });
/* unused harmony exports MAX_STRING, AMOUNT_EXPECTED, BUDGET_EXPECTED, MAX_COUNT, closest */
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _duration__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26518);
// Small validators for config values: each checks one field and records a problem naming it.


const MAX_STRING = 4096;
/** The path of a child field: `strategy.batches[1]`, `groups.web`, `container.labels["com.acme.x"]`. */
function at(path, key) {
    if (typeof key === 'number')
        return `${path}[${key}]`;
    const plain = /^[A-Za-z0-9_-]{1,64}$/.test(key);
    const part = plain ? key : `[${JSON.stringify(key.length > 64 ? key.slice(0, 60) + '…' : key)}]`;
    if (!path)
        return part;
    return plain ? `${path}.${part}` : `${path}${part}`;
}
/** Sets an own property, so that a key such as "__proto__" stays data and never reaches a prototype. */
function setOwn(o, key, value) {
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}
/** A variable's value from an environment object, ignoring anything inherited ("constructor"). */
function envValue(env, name) {
    if (!Object.prototype.hasOwnProperty.call(env, name))
        return undefined;
    const v = env[name];
    return typeof v === 'string' && v !== '' ? v : undefined;
}
function isMapping(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** Control characters make log lines and container configs lie about what they hold. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** A string field; numbers are not strings here (quote them when you mean text). */
function str(p, path, v, rule) {
    if (typeof v !== 'string') {
        p.add(path, v, rule.expected);
        return undefined;
    }
    const max = rule.max ?? MAX_STRING;
    if (v.length > max) {
        p.raw(`${path}: a string of ${v.length} characters is too long (at most ${max}; expected ${rule.expected})`);
        return undefined;
    }
    if ((rule.multiline ? CONTROL_BUT_LINES : CONTROL).test(v)) {
        p.raw(`${path}: ${(0,_errors__WEBPACK_IMPORTED_MODULE_0__/* .show */ .WU)(v)} contains control characters (expected ${rule.expected})`);
        return undefined;
    }
    if (v === '' && !rule.allowEmpty) {
        p.add(path, v, rule.expected);
        return undefined;
    }
    if (rule.pattern && !rule.pattern.test(v)) {
        p.add(path, v, rule.expected);
        return undefined;
    }
    return v;
}
/** A scalar that becomes a string: env values and labels may be written as numbers or booleans. */
function scalarText(p, path, v, expected) {
    if (typeof v === 'number' && Number.isFinite(v))
        return String(v);
    if (typeof v === 'boolean')
        return String(v);
    if (typeof v === 'string')
        return str(p, path, v, { expected, multiline: true, allowEmpty: true });
    p.add(path, v, expected);
    return undefined;
}
/** A whole number within bounds, written as a YAML number. */
function int(p, path, v, min, max, expected) {
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max)
        return v;
    p.add(path, v, expected ?? `a whole number from ${min} to ${max}`);
    return undefined;
}
function bool(p, path, v) {
    if (typeof v === 'boolean')
        return v;
    p.add(path, v, 'true or false');
    return undefined;
}
function port(p, path, v) {
    return int(p, path, v, 1, 65535, 'a port number from 1 to 65535');
}
/** A duration in milliseconds; `positive` for the ones where zero means nothing can ever pass. */
function duration(p, path, v, positive = false) {
    const ms = (0,_duration__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E)(v);
    if (ms === undefined) {
        p.add(path, v, `a duration like "500ms", "2s" or "5m" (at most 7 days${positive ? '' : '; 0 for none'})`);
        return undefined;
    }
    if (positive && ms <= 0) {
        p.add(path, v, 'a duration greater than 0, like "2s"');
        return undefined;
    }
    return ms;
}
const AMOUNT_EXPECTED = 'a count or a percentage like "25%"';
const BUDGET_EXPECTED = 'a count of hosts (0 or more) or a percentage like "10%"';
const MAX_COUNT = 10_000;
/**
 * A batch size or a failure budget. In the file a count is a YAML number: a quoted "25" is
 * ambiguous (25 hosts or 25%?) and is rejected. Inputs are text, so `digitsAreCount` lets "25" through.
 */
function amount(p, path, v, opts) {
    const expected = opts.zero ? BUDGET_EXPECTED : AMOUNT_EXPECTED;
    const min = opts.zero ? 0 : 1;
    if (typeof v === 'number') {
        if (Number.isInteger(v) && v >= min && v <= MAX_COUNT)
            return { count: v };
        p.add(path, v, Number.isInteger(v) && v > MAX_COUNT ? `a count from ${min} to ${MAX_COUNT}` : expected);
        return undefined;
    }
    if (typeof v === 'string' && v.length <= 32) {
        const s = v.trim();
        if (opts.digitsAreCount && /^\d+$/.test(s))
            return amount(p, path, Number(s), opts);
        const m = /^(\d+(?:\.\d+)?)\s*%$/.exec(s);
        if (m) {
            const percent = Number(m[1]);
            if ((opts.zero ? percent >= 0 : percent > 0) && percent <= 100)
                return { percent };
            p.add(path, v, opts.zero ? 'a percentage from 0% to 100%' : 'a percentage above 0% and at most 100%');
            return undefined;
        }
    }
    p.add(path, v, expected);
    return undefined;
}
/** A list of strings, each checked by the same rule. */
function stringList(p, path, v, rule) {
    if (!Array.isArray(v)) {
        p.add(path, v, rule.expected);
        return undefined;
    }
    if (v.length > (rule.maxItems ?? 1000)) {
        p.raw(`${path}: a list of ${v.length} items is too long (at most ${rule.maxItems ?? 1000})`);
        return undefined;
    }
    const out = [];
    let ok = true;
    v.forEach((item, i) => {
        const s = str(p, at(path, i), item, rule);
        if (s === undefined)
            ok = false;
        else
            out.push(s);
    });
    return ok ? out : undefined;
}
/** A mapping field (a YAML list or scalar here is a problem). */
function mapping(p, path, v, expected) {
    if (isMapping(v))
        return v;
    p.add(path, v, expected);
    return undefined;
}
/** Reports every key that is not in `known`, with a suggestion when one is close. */
function knownKeys(p, path, m, known, elsewhere = {}) {
    for (const key of Object.keys(m)) {
        if (known.includes(key))
            continue;
        const guess = closest(key, known);
        const there = Object.prototype.hasOwnProperty.call(elsewhere, key) ? elsewhere[key] : undefined;
        const hint = guess
            ? ` (did you mean "${guess}"?)`
            : there
                ? ` (${key} belongs in ${there})`
                : ` (expected one of: ${known.join(', ')})`;
        p.raw(`${at(path, key)}: is not a known field${hint}`);
    }
}
/** The known word nearest to a typo: same letters with "_" for "-", a different case, or ≤ 2 edits. */
function closest(word, known) {
    if (word.length > 64)
        return undefined;
    const norm = (s) => s.toLowerCase().replace(/_/g, '-');
    const w = norm(word);
    let best;
    let bestDistance = Infinity;
    for (const k of known) {
        const d = k === w ? 0 : editDistance(w, norm(k));
        const limit = Math.max(1, Math.min(2, Math.floor(k.length / 3)));
        if (d <= limit && d < bestDistance) {
            best = k;
            bestDistance = d;
        }
    }
    return best;
}
function editDistance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const cur = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
            prev = cur;
        }
    }
    return row[b.length];
}
function has(m, key) {
    return Object.prototype.hasOwnProperty.call(m, key);
}
/** A list of strings as a command; nothing runs through a shell, so a single string is refused. */
function commandList(p, path, v, example, allowEmpty) {
    const expected = `a list of strings like ${example}`;
    if (typeof v === 'string') {
        p.add(path, v, `${expected} (no shell runs it: write each argument as its own item)`);
        return undefined;
    }
    if (!Array.isArray(v)) {
        p.add(path, v, expected);
        return undefined;
    }
    const list = stringList(p, path, v, { expected: 'a non-empty string', multiline: true, maxItems: 256 });
    if (list && !allowEmpty && list.length === 0) {
        p.add(path, v, expected);
        return undefined;
    }
    return list;
}
/** Removes keys whose value is undefined, so a spread never overwrites a value with nothing. */
function dropUndefined(o) {
    for (const key of Object.keys(o))
        if (o[key] === undefined)
            delete o[key];
    return o;
}


/***/ })

};
;