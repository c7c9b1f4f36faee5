// The container, strategy and health sections: each read into the fields it sets, then merged
// (defaults ← top level ← group ← deploy inputs) by the loader.
import { Problems } from '../errors';
import { Amount, ContainerSpec, HealthSpec, HttpCheck, StrategySpec } from './types';
import {
  amount, at, bool, duration, int, knownKeys, Mapping, mapping, port, scalarText, setOwn, str, stringList,
} from './fields';

export const CONTAINER_KEYS = ['ports', 'env', 'secret-env', 'volumes', 'command', 'restart', 'stop-timeout', 'labels', 'network'] as const;
export const STRATEGY_KEYS = ['batches', 'pause', 'max-unhealthy', 'parallel', 'keep'] as const;
export const HEALTH_CHECK_KEYS = ['http', 'tcp', 'command', 'docker-health'] as const;
export const HEALTH_KEYS = [...HEALTH_CHECK_KEYS, 'start-period', 'interval', 'timeout', 'healthy-threshold', 'unhealthy-threshold', 'deadline'] as const;
const HTTP_KEYS = ['path', 'port', 'scheme', 'status', 'body', 'body-regex', 'max-latency'] as const;

/** For an unknown key: the section where it would have been right. */
export const ELSEWHERE: Record<string, string> = {
  ...Object.fromEntries(CONTAINER_KEYS.map((k) => [k, 'container'])),
  ...Object.fromEntries(STRATEGY_KEYS.map((k) => [k, 'strategy'])),
  ...Object.fromEntries(HEALTH_KEYS.map((k) => [k, 'health'])),
  command: 'container or health',
  'lock-timeout': 'the top level of the file',
  'lock-wait': 'the top level of the file',
  dns: 'a group\'s hosts, as hosts: {dns: web.internal}',
};

export const DEFAULT_STRATEGY: StrategySpec = {
  batches: [{ count: 1 }, { percent: 25 }, { percent: 100 }],
  pauseMs: 0,
  maxUnhealthy: { count: 0 },
  parallel: 32,
  keep: 3,
};
export const PARALLEL_MAX = 1024;
export const KEEP_MAX = 100;
export const BATCHES_MAX = 100;

export const DEFAULT_CONTAINER: Omit<ContainerSpec, 'secretEnv'> = {
  ports: [], env: {}, volumes: [], restart: 'unless-stopped', stopTimeoutMs: 10_000, labels: {},
};

export const DEFAULT_HEALTH_TIMING = {
  startPeriodMs: 0, intervalMs: 1000, timeoutMs: 2000, healthyThreshold: 1, unhealthyThreshold: 3, deadlineMs: 60_000,
};

/** A secret-env name and where it was declared, so a missing variable is reported at its line. */
export interface SecretRef { name: string; field: string }

export type ContainerPart = Partial<Omit<ContainerSpec, 'secretEnv'>> & { secretEnv?: SecretRef[] };
export type StrategyPart = Partial<StrategySpec>;
export type HealthChecks = Pick<HealthSpec, 'http' | 'tcp' | 'command'> & { dockerHealth?: boolean };
export type HealthPart = Partial<Omit<HealthSpec, 'http' | 'tcp' | 'command' | 'dockerHealth'>> & { checks?: HealthChecks };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_NAME_EXPECTED = 'a variable name like APP_ENV (letters, digits and "_", not starting with a digit)';
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._\/-]*$/;
const NETWORK = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const NAMED_VOLUME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const RESTART = ['no', 'always', 'unless-stopped', 'on-failure'] as const;

function has(m: Mapping, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** A list of strings as a command; nothing runs through a shell, so a single string is refused. */
function commandList(p: Problems, path: string, v: unknown, example: string, allowEmpty: boolean): string[] | undefined {
  const expected = `a list of strings like ${example}`;
  if (typeof v === 'string') {
    p.add(path, v, `${expected} (no shell runs it: write each argument as its own item)`);
    return undefined;
  }
  if (!Array.isArray(v)) { p.add(path, v, expected); return undefined; }
  const list = stringList(p, path, v, { expected: 'a non-empty string', multiline: true, maxItems: 256 });
  if (list && !allowEmpty && list.length === 0) { p.add(path, v, expected); return undefined; }
  return list;
}

// ---------------------------------------------------------------------------------------------
// container

export function readContainer(p: Problems, path: string, v: unknown): ContainerPart {
  const m = mapping(p, path, v, 'a mapping with ports, env, secret-env, volumes, command, restart, stop-timeout, labels, network');
  if (!m) return {};
  knownKeys(p, path, m, CONTAINER_KEYS, ELSEWHERE);
  const out: ContainerPart = {};
  if (has(m, 'ports')) out.ports = readPorts(p, at(path, 'ports'), m.ports);
  if (has(m, 'env')) out.env = readStringMap(p, at(path, 'env'), m.env, 'a mapping of variable names to values, like {APP_ENV: production}', ENV_NAME, ENV_NAME_EXPECTED);
  if (has(m, 'secret-env')) {
    const list = Array.isArray(m['secret-env'])
      ? stringList(p, at(path, 'secret-env'), m['secret-env'], { expected: ENV_NAME_EXPECTED, pattern: ENV_NAME, max: 255, maxItems: 1000 })
      : void p.add(at(path, 'secret-env'), m['secret-env'], 'a list of variable names like [DATABASE_URL]');
    if (list) out.secretEnv = list.map((name, i) => ({ name, field: at(at(path, 'secret-env'), i) }));
  }
  if (has(m, 'volumes')) out.volumes = readVolumes(p, at(path, 'volumes'), m.volumes);
  if (has(m, 'command')) out.command = commandList(p, at(path, 'command'), m.command, '["/app/server", "--port", "8080"]', true);
  if (has(m, 'restart')) {
    const r = m.restart;
    if (typeof r === 'string' && (RESTART as readonly string[]).includes(r)) out.restart = r as ContainerSpec['restart'];
    else p.add(at(path, 'restart'), r, `one of ${RESTART.join(', ')}`);
  }
  if (has(m, 'stop-timeout')) out.stopTimeoutMs = duration(p, at(path, 'stop-timeout'), m['stop-timeout']);
  if (has(m, 'labels')) {
    const labels = readStringMap(p, at(path, 'labels'), m.labels, 'a mapping of label names to values, like {com.example.team: web}', LABEL_KEY, 'a label name like "com.example.team"');
    if (labels) {
      for (const key of Object.keys(labels)) {
        if (key.startsWith('aviary.')) p.add(at(at(path, 'labels'), key), key, 'a label of your own (aviary.* labels hold the deploy record and are written by aviary)');
      }
      out.labels = labels;
    }
  }
  if (has(m, 'network')) out.network = str(p, at(path, 'network'), m.network, { expected: 'a Docker network name like "web"', pattern: NETWORK, max: 255 });
  return dropUndefined(out);
}

function readStringMap(p: Problems, path: string, v: unknown, expected: string, keyPattern: RegExp, keyExpected: string): Record<string, string> | undefined {
  const m = mapping(p, path, v, expected);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  let ok = true;
  for (const [key, value] of Object.entries(m)) {
    if (key.length > 255 || !keyPattern.test(key)) { p.add(at(path, key), key, keyExpected); ok = false; continue; }
    const text = scalarText(p, at(path, key), value, 'a string, a number or true/false');
    if (text === undefined) ok = false; else setOwn(out, key, text);
  }
  return ok ? out : undefined;
}

/** docker -p syntax: [ip:][hostPort[-end]:]containerPort[-end][/tcp|udp|sctp]. */
export function parsePortSpec(spec: string): string | undefined {
  let rest = spec;
  let proto = '';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    proto = rest.slice(slash + 1);
    if (!['tcp', 'udp', 'sctp'].includes(proto)) return 'the protocol must be tcp, udp or sctp';
    rest = rest.slice(0, slash);
  }
  let ip: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']:');
    if (close < 0) return 'an IPv6 address goes in brackets: [::1]:8080:8080';
    ip = rest.slice(1, close);
    rest = rest.slice(close + 2);
    if (!/^[0-9a-fA-F:]+$/.test(ip)) return 'the IP address is not valid';
  }
  const parts = rest.split(':');
  if (ip === undefined && parts.length === 3) {
    ip = parts.shift()!;
    if (!/^(\d{1,3}\.){3}\d{1,3}$/.test(ip) || ip.split('.').some((o) => Number(o) > 255)) return 'the IP address is not valid';
  }
  if (parts.length > 2 || (ip !== undefined && parts.length !== 2)) return 'expected [ip:][hostPort:]containerPort';
  const ranges: [number, number][] = [];
  for (const [i, part] of parts.entries()) {
    if (part === '' && i === 0 && parts.length === 2 && ip !== undefined) continue; // ip::80 → any host port
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!m) return 'ports are numbers from 1 to 65535';
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo < 1 || hi > 65535 || lo > hi) return 'ports are numbers from 1 to 65535, ranges low-high';
    ranges.push([lo, hi]);
  }
  if (ranges.length === 2) {
    const [host, container] = ranges;
    const hostSize = host[1] - host[0];
    const containerSize = container[1] - container[0];
    if (containerSize !== 0 && hostSize !== containerSize) return 'the host and container port ranges differ in size';
  }
  return undefined;
}

function readPorts(p: Problems, path: string, v: unknown): string[] | undefined {
  if (!Array.isArray(v)) { p.add(path, v, 'a list of port mappings like ["8080:8080"]'); return undefined; }
  const out: string[] = [];
  let ok = true;
  v.forEach((item, i) => {
    const expected = 'a port mapping like "8080:8080", "127.0.0.1:80:8080" or "53/udp"';
    const spec = typeof item === 'number' && Number.isInteger(item) ? String(item) : str(p, at(path, i), item, { expected, max: 128 });
    if (spec === undefined) { ok = false; return; }
    const why = parsePortSpec(spec);
    if (why) { p.add(at(path, i), item, `${expected} (${why})`); ok = false; return; }
    out.push(spec);
  });
  return ok ? out : undefined;
}

function readVolumes(p: Problems, path: string, v: unknown): string[] | undefined {
  if (!Array.isArray(v)) { p.add(path, v, 'a list of volumes like ["/srv/web/data:/data"]'); return undefined; }
  const expected = 'a volume like "/srv/data:/data", "data:/data" or "/srv/conf:/etc/app:ro" (source:absolute-destination[:ro|rw])';
  const out: string[] = [];
  let ok = true;
  v.forEach((item, i) => {
    const spec = str(p, at(path, i), item, { expected, max: 4096 });
    if (spec === undefined) { ok = false; return; }
    const parts = spec.split(':');
    const [src, dst, mode] = parts;
    const good = (parts.length === 2 || parts.length === 3)
      && (src.startsWith('/') || NAMED_VOLUME.test(src))
      && dst?.startsWith('/')
      && (mode === undefined || mode === 'ro' || mode === 'rw')
      && !/[\s,]/.test(spec);
    if (!good) { p.add(at(path, i), item, expected); ok = false; return; }
    out.push(spec);
  });
  return ok ? out : undefined;
}

// ---------------------------------------------------------------------------------------------
// strategy

/** Reads a strategy section of the file (deploy inputs are read by the loader). */
export function readStrategy(p: Problems, path: string, v: unknown): StrategyPart {
  const m = mapping(p, path, v, 'a mapping with batches, pause, max-unhealthy, parallel, keep');
  if (!m) return {};
  knownKeys(p, path, m, STRATEGY_KEYS, ELSEWHERE);
  const out: StrategyPart = {};
  if (has(m, 'batches')) out.batches = readBatches(p, at(path, 'batches'), m.batches, false);
  if (has(m, 'pause')) out.pauseMs = duration(p, at(path, 'pause'), m.pause);
  if (has(m, 'max-unhealthy')) out.maxUnhealthy = amount(p, at(path, 'max-unhealthy'), m['max-unhealthy'], { zero: true });
  if (has(m, 'parallel')) out.parallel = int(p, at(path, 'parallel'), m.parallel, 1, PARALLEL_MAX);
  if (has(m, 'keep')) out.keep = int(p, at(path, 'keep'), m.keep, 0, KEEP_MAX);
  return dropUndefined(out);
}

/** A list of batch sizes; a single size stands for a list of one (as Ansible's `serial: 3`). */
export function readBatches(p: Problems, path: string, v: unknown, fromInput: boolean): Amount[] | undefined {
  const list = Array.isArray(v) ? v : typeof v === 'number' || (typeof v === 'string' && v.trim().endsWith('%')) ? [v] : undefined;
  if (!list) { p.add(path, v, 'a list of batch sizes like [1, "25%", "100%"]'); return undefined; }
  if (list.length === 0) { p.add(path, v, 'a non-empty list of batch sizes like [1, "25%", "100%"]'); return undefined; }
  if (list.length > BATCHES_MAX) { p.raw(`${path}: a list of ${list.length} batch sizes is too long (at most ${BATCHES_MAX}; the last one repeats)`); return undefined; }
  const out: Amount[] = [];
  let ok = true;
  list.forEach((item, i) => {
    const a = amount(p, Array.isArray(v) ? at(path, i) : path, item, { zero: false, digitsAreCount: fromInput });
    if (a) out.push(a); else ok = false;
  });
  return ok ? out : undefined;
}

// ---------------------------------------------------------------------------------------------
// health

export function readHealth(p: Problems, path: string, v: unknown): HealthPart {
  const m = mapping(p, path, v, 'a mapping with http, tcp, command, docker-health and timings');
  if (!m) return {};
  knownKeys(p, path, m, HEALTH_KEYS, ELSEWHERE);
  const out: HealthPart = {};
  if (HEALTH_CHECK_KEYS.some((k) => has(m, k))) {
    const checks: HealthChecks = {};
    if (has(m, 'http')) checks.http = readHttp(p, at(path, 'http'), m.http);
    if (has(m, 'tcp')) {
      const tcp = mapping(p, at(path, 'tcp'), m.tcp, 'a mapping like {port: 8080}');
      if (tcp) {
        knownKeys(p, at(path, 'tcp'), tcp, ['port']);
        const n = port(p, at(at(path, 'tcp'), 'port'), tcp.port);
        if (n !== undefined) checks.tcp = { port: n };
      }
    }
    if (has(m, 'command')) checks.command = commandList(p, at(path, 'command'), m.command, '["/bin/check"]', false);
    if (has(m, 'docker-health')) checks.dockerHealth = bool(p, at(path, 'docker-health'), m['docker-health']);
    out.checks = dropUndefined(checks);
  }
  if (has(m, 'start-period')) out.startPeriodMs = duration(p, at(path, 'start-period'), m['start-period']);
  if (has(m, 'interval')) out.intervalMs = duration(p, at(path, 'interval'), m.interval, true);
  if (has(m, 'timeout')) out.timeoutMs = duration(p, at(path, 'timeout'), m.timeout, true);
  if (has(m, 'healthy-threshold')) out.healthyThreshold = int(p, at(path, 'healthy-threshold'), m['healthy-threshold'], 1, 100);
  if (has(m, 'unhealthy-threshold')) out.unhealthyThreshold = int(p, at(path, 'unhealthy-threshold'), m['unhealthy-threshold'], 1, 100);
  if (has(m, 'deadline')) out.deadlineMs = duration(p, at(path, 'deadline'), m.deadline, true);
  return dropUndefined(out);
}

/** "200", 200, "200-299" or "2xx" → an inclusive range of HTTP statuses. */
export function parseStatus(v: unknown): [number, number] | undefined {
  const ok = (n: number) => Number.isInteger(n) && n >= 100 && n <= 599;
  if (typeof v === 'number') return ok(v) ? [v, v] : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  let m = /^(\d{3})$/.exec(s);
  if (m) return ok(Number(m[1])) ? [Number(m[1]), Number(m[1])] : undefined;
  m = /^(\d{3})\s*-\s*(\d{3})$/.exec(s);
  if (m) {
    const lo = Number(m[1]);
    const hi = Number(m[2]);
    return ok(lo) && ok(hi) && lo <= hi ? [lo, hi] : undefined;
  }
  m = /^([1-5])xx$/i.exec(s);
  if (m) return [Number(m[1]) * 100, Number(m[1]) * 100 + 99];
  return undefined;
}

function readHttp(p: Problems, path: string, v: unknown): HttpCheck | undefined {
  const m = mapping(p, path, v, 'a mapping like {path: /health, port: 8080}');
  if (!m) return undefined;
  knownKeys(p, path, m, HTTP_KEYS);
  let ok = true;
  const check = <T>(x: T | undefined): T | undefined => { if (x === undefined) ok = false; return x; };
  const urlPath = has(m, 'path')
    ? check(str(p, at(path, 'path'), m.path, { expected: 'a URL path like "/health" (starting with "/", no spaces)', pattern: /^\/[\x21-\x7e]*$/, max: 2048 }))
    : '/';
  const portNumber = check(port(p, at(path, 'port'), m.port));
  let scheme: HttpCheck['scheme'] = 'http';
  if (has(m, 'scheme')) {
    if (m.scheme === 'http' || m.scheme === 'https') scheme = m.scheme;
    else { p.add(at(path, 'scheme'), m.scheme, 'http or https'); ok = false; }
  }
  let status: [number, number] = [200, 299];
  if (has(m, 'status')) {
    const s = parseStatus(m.status);
    if (s) status = s;
    else { p.add(at(path, 'status'), m.status, 'a status like 200, "200-299" or "2xx"'); ok = false; }
  }
  let body: HttpCheck['body'];
  if (has(m, 'body') && has(m, 'body-regex')) {
    p.raw(`${at(path, 'body')}: give body or body-regex, not both`);
    ok = false;
  } else if (has(m, 'body')) {
    const text = check(str(p, at(path, 'body'), m.body, { expected: 'the text the response must contain, like "ok"', multiline: true }));
    if (text !== undefined) body = { text };
  } else if (has(m, 'body-regex')) {
    const re = check(str(p, at(path, 'body-regex'), m['body-regex'], { expected: 'a regular expression like "^ok$"', multiline: true }));
    if (re !== undefined) {
      try {
        new RegExp(re);
        body = { regex: re };
      } catch (err) {
        p.add(at(path, 'body-regex'), re, `a valid regular expression (${String((err as Error).message).split('\n')[0].slice(0, 120)})`);
        ok = false;
      }
    }
  }
  const maxLatencyMs = has(m, 'max-latency') ? check(duration(p, at(path, 'max-latency'), m['max-latency'], true)) : undefined;
  if (!ok || urlPath === undefined || portNumber === undefined) return undefined;
  return dropUndefined({ path: urlPath, port: portNumber, scheme, status, body, maxLatencyMs });
}

// ---------------------------------------------------------------------------------------------
// merging

/** Group over top level over defaults, field by field; env and labels key by key, secret-env joined. */
export function mergeContainer(top: ContainerPart, group: ContainerPart): Omit<ContainerSpec, 'secretEnv'> & { secretEnv: SecretRef[] } {
  const merged = { ...DEFAULT_CONTAINER, ...top, ...group };
  const secrets = new Map<string, SecretRef>();
  for (const ref of [...(top.secretEnv ?? []), ...(group.secretEnv ?? [])]) if (!secrets.has(ref.name)) secrets.set(ref.name, ref);
  const command = merged.command && merged.command.length > 0 ? merged.command : undefined;
  return dropUndefined({
    ...merged,
    env: { ...top.env, ...group.env },
    labels: { ...top.labels, ...group.labels },
    secretEnv: [...secrets.values()],
    command,
  });
}

export function mergeStrategy(...parts: StrategyPart[]): StrategySpec {
  return Object.assign({}, DEFAULT_STRATEGY, ...parts);
}

/** Timings merge field by field; a group that names any check replaces the whole set of checks. */
export function mergeHealth(top: HealthPart, group: HealthPart): HealthSpec {
  const checks = group.checks ?? top.checks ?? {};
  const { checks: _a, ...topTiming } = top;
  const { checks: _b, ...groupTiming } = group;
  return dropUndefined({
    ...DEFAULT_HEALTH_TIMING,
    ...topTiming,
    ...groupTiming,
    http: checks.http,
    tcp: checks.tcp,
    command: checks.command,
    dockerHealth: checks.dockerHealth ?? true,
  });
}

/** Removes keys whose value is undefined, so a spread never overwrites a value with nothing. */
export function dropUndefined<T extends object>(o: T): T {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key];
  return o;
}
