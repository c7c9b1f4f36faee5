// The health section: which checks decide that a new container is healthy (http, tcp, command, the
// image's own HEALTHCHECK) and their timings, merged group over top level over defaults.
import { Problems } from '../errors';
import { parseStatus } from '../net/http';
import {
  at,
  bool,
  commandList,
  dropUndefined,
  duration,
  has,
  int,
  knownKeys,
  mapping,
  port,
  str,
} from '../util/fields';
import type { HealthSpec, HttpCheck } from './types';

export const HEALTH_CHECK_KEYS = ['http', 'tcp', 'command', 'docker-health'] as const;
export const HEALTH_KEYS = [
  ...HEALTH_CHECK_KEYS,
  'start-period',
  'interval',
  'timeout',
  'healthy-threshold',
  'unhealthy-threshold',
  'deadline',
] as const;
const HTTP_KEYS = ['path', 'port', 'scheme', 'status', 'body', 'body-regex', 'max-latency'] as const;

export const DEFAULT_HEALTH_TIMING = {
  startPeriodMs: 0,
  intervalMs: 1000,
  timeoutMs: 2000,
  healthyThreshold: 1,
  unhealthyThreshold: 3,
  deadlineMs: 60_000,
};

export type HealthChecks = Pick<HealthSpec, 'http' | 'tcp' | 'command'> & { dockerHealth?: boolean };
export type HealthPart = Partial<Omit<HealthSpec, 'http' | 'tcp' | 'command' | 'dockerHealth'>> & {
  checks?: HealthChecks;
};

export function readHealth(p: Problems, path: string, v: unknown, elsewhere: Record<string, string> = {}): HealthPart {
  const m = mapping(p, path, v, 'a mapping with http, tcp, command, docker-health and timings');
  if (!m) return {};
  knownKeys(p, path, m, HEALTH_KEYS, elsewhere);
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
  if (has(m, 'healthy-threshold'))
    out.healthyThreshold = int(p, at(path, 'healthy-threshold'), m['healthy-threshold'], 1, 100);
  if (has(m, 'unhealthy-threshold'))
    out.unhealthyThreshold = int(p, at(path, 'unhealthy-threshold'), m['unhealthy-threshold'], 1, 100);
  if (has(m, 'deadline')) out.deadlineMs = duration(p, at(path, 'deadline'), m.deadline, true);
  return dropUndefined(out);
}

function readHttp(p: Problems, path: string, v: unknown): HttpCheck | undefined {
  const m = mapping(p, path, v, 'a mapping like {path: /health, port: 8080}');
  if (!m) return undefined;
  knownKeys(p, path, m, HTTP_KEYS);
  let ok = true;
  const check = <T>(x: T | undefined): T | undefined => {
    if (x === undefined) ok = false;
    return x;
  };
  const urlPath = has(m, 'path')
    ? check(
        str(p, at(path, 'path'), m.path, {
          expected: 'a URL path like "/health" (starting with "/", no spaces)',
          pattern: /^\/[\x21-\x7e]*$/,
          max: 2048,
        }),
      )
    : '/';
  const portNumber = check(port(p, at(path, 'port'), m.port));
  let scheme: HttpCheck['scheme'] = 'http';
  if (has(m, 'scheme')) {
    if (m.scheme === 'http' || m.scheme === 'https') scheme = m.scheme;
    else {
      p.add(at(path, 'scheme'), m.scheme, 'http or https');
      ok = false;
    }
  }
  let status: [number, number] = [200, 299];
  if (has(m, 'status')) {
    const s = parseStatus(m.status);
    if (s) status = s;
    else {
      p.add(at(path, 'status'), m.status, 'a status like 200, "200-299" or "2xx"');
      ok = false;
    }
  }
  let body: HttpCheck['body'];
  if (has(m, 'body') && has(m, 'body-regex')) {
    p.raw(`${at(path, 'body')}: give body or body-regex, not both`);
    ok = false;
  } else if (has(m, 'body')) {
    const text = check(
      str(p, at(path, 'body'), m.body, { expected: 'the text the response must contain, like "ok"', multiline: true }),
    );
    if (text !== undefined) body = { text };
  } else if (has(m, 'body-regex')) {
    const re = check(
      str(p, at(path, 'body-regex'), m['body-regex'], {
        expected: 'a regular expression like "^ok$"',
        multiline: true,
      }),
    );
    if (re !== undefined) {
      try {
        new RegExp(re);
        body = { regex: re };
      } catch (err) {
        p.add(
          at(path, 'body-regex'),
          re,
          `a valid regular expression (${String((err as Error).message)
            .split('\n')[0]
            .slice(0, 120)})`,
        );
        ok = false;
      }
    }
  }
  const maxLatencyMs = has(m, 'max-latency')
    ? check(duration(p, at(path, 'max-latency'), m['max-latency'], true))
    : undefined;
  if (!ok || urlPath === undefined || portNumber === undefined) return undefined;
  return dropUndefined({ path: urlPath, port: portNumber, scheme, status, body, maxLatencyMs });
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
