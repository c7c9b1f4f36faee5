// Validation of `availability:` and the targets it gives: each selected host's health endpoint,
// plus the service URLs (a load balancer's) that show what users saw during the rollout.
import { Problems } from '../errors';
import { at, bool, duration, knownKeys, Mapping, mapping, str } from '../util/fields';
import { parseStatus } from '../net/http';
import type { HealthSpec } from '../health/types';
import type { HostSpec } from '../hosts/types';
import { AvailabilityTarget } from './types';

export interface AvailabilitySpec {
  enabled: boolean;
  intervalMs: number;
  timeoutMs: number;
  /** Probe every selected host's health endpoint. */
  hosts: boolean;
  /** Service URLs probed as well, kind "service". */
  urls: AvailabilityTarget[];
}

export const DEFAULT_AVAILABILITY: AvailabilitySpec = {
  enabled: true,
  intervalMs: 500,
  timeoutMs: 1000,
  hosts: true,
  urls: [],
};
const KEYS = ['interval', 'timeout', 'hosts', 'urls'] as const;
const URL_KEYS = ['name', 'url', 'status', 'body'] as const;
const URLS_MAX = 100;
const URL_EXPECTED = 'an http://, https:// or tcp:// URL like "http://lb.example.com/health"';

function has(m: Mapping, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** Reads `availability:` (a mapping, or false to turn probing off); absent gives the defaults. */
export function readAvailability(p: Problems, path: string, raw: unknown): AvailabilitySpec | undefined {
  if (raw === undefined || raw === null) return { ...DEFAULT_AVAILABILITY, urls: [] };
  if (raw === false) return { ...DEFAULT_AVAILABILITY, enabled: false, urls: [] };
  const m = mapping(p, path, raw, 'a mapping like {interval: 500ms, urls: ["http://lb.example.com/health"]}, or false');
  if (!m) return undefined;
  const before = p.list.length;
  knownKeys(p, path, m, KEYS);
  const out: AvailabilitySpec = { ...DEFAULT_AVAILABILITY, urls: [] };
  if (has(m, 'interval')) {
    const ms = duration(p, at(path, 'interval'), m.interval, true);
    if (ms !== undefined && ms < 50) p.add(at(path, 'interval'), m.interval, 'a duration of at least 50ms');
    else if (ms !== undefined && ms > 60_000) p.add(at(path, 'interval'), m.interval, 'a duration of at most 1m');
    else if (ms !== undefined) out.intervalMs = ms;
  }
  if (has(m, 'timeout')) {
    const ms = duration(p, at(path, 'timeout'), m.timeout, true);
    if (ms !== undefined && ms > 60_000) p.add(at(path, 'timeout'), m.timeout, 'a duration of at most 1m');
    else if (ms !== undefined) out.timeoutMs = ms;
  }
  if (has(m, 'hosts')) out.hosts = bool(p, at(path, 'hosts'), m.hosts) ?? true;
  if (has(m, 'urls')) {
    const field = at(path, 'urls');
    if (!Array.isArray(m.urls)) p.add(field, m.urls, 'a list of URLs, or of {name, url, status, body}');
    else if (m.urls.length > URLS_MAX)
      p.raw(`${field}: a list of ${m.urls.length} URLs is too long (at most ${URLS_MAX})`);
    else {
      const names = new Map<string, string>();
      m.urls.forEach((item, i) => {
        const t = readUrl(p, at(field, i), item);
        if (!t) return;
        const other = names.get(t.name);
        if (other)
          p.raw(
            `${at(field, i)}: the name ${JSON.stringify(t.name)} is also the name of ${other} (set name: to tell them apart)`,
          );
        names.set(t.name, at(field, i));
        out.urls.push(t);
      });
    }
  }
  return p.list.length > before ? undefined : out;
}

function readUrl(p: Problems, path: string, v: unknown): AvailabilityTarget | undefined {
  const m: Mapping | undefined =
    typeof v === 'string' ? { url: v } : mapping(p, path, v, `${URL_EXPECTED}, or a mapping {name, url, status, body}`);
  if (!m) return undefined;
  if (typeof v !== 'string') knownKeys(p, path, m, URL_KEYS);
  const urlField = typeof v === 'string' ? path : at(path, 'url');
  const url = str(p, urlField, m.url, { expected: URL_EXPECTED, max: 2048 });
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
    if (!['http:', 'https:', 'tcp:'].includes(parsed.protocol)) throw new Error('scheme');
    if (parsed.protocol === 'tcp:' && !parsed.port) throw new Error('port');
  } catch {
    p.add(urlField, url, URL_EXPECTED + (url.startsWith('tcp:') ? ' (with a port)' : ''));
    return undefined;
  }
  const target: AvailabilityTarget = { name: parsed.host, url, kind: 'service' };
  if (has(m, 'name')) {
    const name = str(p, at(path, 'name'), m.name, { expected: 'a short name like "lb"', max: 100 });
    if (name === undefined) return undefined;
    target.name = name;
  }
  if (has(m, 'status')) {
    const s = parseStatus(m.status);
    if (!s) {
      p.add(at(path, 'status'), m.status, 'a status like 200, "200-299" or "2xx"');
      return undefined;
    }
    target.status = s;
  }
  if (has(m, 'body')) {
    const b = str(p, at(path, 'body'), m.body, {
      expected: 'the text the answer must contain, like "ok"',
      multiline: true,
    });
    if (b === undefined) return undefined;
    target.body = b;
  }
  return target;
}

/** What a target is made from: a group's hosts, its health checks and its proxy's port (a GroupSpec has them). */
export interface ProbedGroup {
  name: string;
  hosts: HostSpec[];
  health: Pick<HealthSpec, 'http' | 'tcp'>;
  proxy?: { port: number };
}

/** The health endpoint of one host as an availability target: its HTTP check, else its TCP check. */
export function hostTarget(host: HostSpec, group: ProbedGroup): AvailabilityTarget | undefined {
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
export function availabilityTargets(groups: ProbedGroup[], spec: AvailabilitySpec): AvailabilityTarget[] {
  const out: AvailabilityTarget[] = [];
  const names = new Set<string>();
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
  for (const u of spec.urls) out.push(names.has(u.name) ? { ...u, name: `${u.name} (service)` } : u);
  return out;
}
