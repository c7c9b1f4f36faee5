// The container section: how each host runs the service's container (ports, env, volumes, command,
// restart policy, labels, network), read from aviary.yml and merged group over top level over defaults.
import { Problems } from '../errors';
import {
  at,
  commandList,
  dropUndefined,
  duration,
  has,
  knownKeys,
  mapping,
  scalarText,
  setOwn,
  str,
  stringList,
} from '../util/fields';

export interface ContainerSpec {
  ports: string[]; // docker -p syntax: "8080:8080", "127.0.0.1:80:8080/tcp"
  env: Record<string, string>;
  secretEnv: Record<string, string>; // name → value read from the environment; values are secrets
  volumes: string[]; // docker -v syntax
  command?: string[]; // default: the image's
  restart: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  stopTimeoutMs: number;
  labels: Record<string, string>;
  network?: string;
}

export const CONTAINER_KEYS = [
  'ports',
  'env',
  'secret-env',
  'volumes',
  'command',
  'restart',
  'stop-timeout',
  'labels',
  'network',
] as const;

export const DEFAULT_CONTAINER: Omit<ContainerSpec, 'secretEnv'> = {
  ports: [],
  env: {},
  volumes: [],
  restart: 'unless-stopped',
  stopTimeoutMs: 10_000,
  labels: {},
};

/** A secret-env name and where it was declared, so a missing variable is reported at its line. */
export interface SecretRef {
  name: string;
  field: string;
}

export type ContainerPart = Partial<Omit<ContainerSpec, 'secretEnv'>> & { secretEnv?: SecretRef[] };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_NAME_EXPECTED = 'a variable name like APP_ENV (letters, digits and "_", not starting with a digit)';
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const NETWORK = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const NAMED_VOLUME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const RESTART = ['no', 'always', 'unless-stopped', 'on-failure'] as const;

/** `elsewhere`: for a key of another section, which one (the loader knows them all). */
export function readContainer(
  p: Problems,
  path: string,
  v: unknown,
  elsewhere: Record<string, string> = {},
): ContainerPart {
  const m = mapping(
    p,
    path,
    v,
    'a mapping with ports, env, secret-env, volumes, command, restart, stop-timeout, labels, network',
  );
  if (!m) return {};
  knownKeys(p, path, m, CONTAINER_KEYS, elsewhere);
  const out: ContainerPart = {};
  if (has(m, 'ports')) out.ports = readPorts(p, at(path, 'ports'), m.ports);
  if (has(m, 'env'))
    out.env = readStringMap(
      p,
      at(path, 'env'),
      m.env,
      'a mapping of variable names to values, like {APP_ENV: production}',
      ENV_NAME,
      ENV_NAME_EXPECTED,
    );
  if (has(m, 'secret-env')) {
    const list = Array.isArray(m['secret-env'])
      ? stringList(p, at(path, 'secret-env'), m['secret-env'], {
          expected: ENV_NAME_EXPECTED,
          pattern: ENV_NAME,
          max: 255,
          maxItems: 1000,
        })
      : void p.add(at(path, 'secret-env'), m['secret-env'], 'a list of variable names like [DATABASE_URL]');
    if (list) out.secretEnv = list.map((name, i) => ({ name, field: at(at(path, 'secret-env'), i) }));
  }
  if (has(m, 'volumes')) out.volumes = readVolumes(p, at(path, 'volumes'), m.volumes);
  if (has(m, 'command'))
    out.command = commandList(p, at(path, 'command'), m.command, '["/app/server", "--port", "8080"]', true);
  if (has(m, 'restart')) {
    const r = m.restart;
    if (typeof r === 'string' && (RESTART as readonly string[]).includes(r))
      out.restart = r as ContainerSpec['restart'];
    else p.add(at(path, 'restart'), r, `one of ${RESTART.join(', ')}`);
  }
  if (has(m, 'stop-timeout')) out.stopTimeoutMs = duration(p, at(path, 'stop-timeout'), m['stop-timeout']);
  if (has(m, 'labels')) {
    const labels = readStringMap(
      p,
      at(path, 'labels'),
      m.labels,
      'a mapping of label names to values, like {com.example.team: web}',
      LABEL_KEY,
      'a label name like "com.example.team"',
    );
    if (labels) {
      for (const key of Object.keys(labels)) {
        if (key.startsWith('aviary.'))
          p.add(
            at(at(path, 'labels'), key),
            key,
            'a label of your own (aviary.* labels hold the deploy record and are written by aviary)',
          );
      }
      out.labels = labels;
    }
  }
  if (has(m, 'network'))
    out.network = str(p, at(path, 'network'), m.network, {
      expected: 'a Docker network name like "web"',
      pattern: NETWORK,
      max: 255,
    });
  return dropUndefined(out);
}

function readStringMap(
  p: Problems,
  path: string,
  v: unknown,
  expected: string,
  keyPattern: RegExp,
  keyExpected: string,
): Record<string, string> | undefined {
  const m = mapping(p, path, v, expected);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  let ok = true;
  for (const [key, value] of Object.entries(m)) {
    if (key.length > 255 || !keyPattern.test(key)) {
      p.add(at(path, key), key, keyExpected);
      ok = false;
      continue;
    }
    const text = scalarText(p, at(path, key), value, 'a string, a number or true/false');
    if (text === undefined) ok = false;
    else setOwn(out, key, text);
  }
  return ok ? out : undefined;
}

/** docker -p syntax: [ip:][hostPort[-end]:]containerPort[-end][/tcp|udp|sctp]. */
export function parsePortSpec(spec: string): string | undefined {
  let rest = spec;
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    const proto = rest.slice(slash + 1);
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
    if (!/^(\d{1,3}\.){3}\d{1,3}$/.test(ip) || ip.split('.').some((o) => Number(o) > 255))
      return 'the IP address is not valid';
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
  if (!Array.isArray(v)) {
    p.add(path, v, 'a list of port mappings like ["8080:8080"]');
    return undefined;
  }
  const out: string[] = [];
  let ok = true;
  v.forEach((item, i) => {
    const expected = 'a port mapping like "8080:8080", "127.0.0.1:80:8080" or "53/udp"';
    const spec =
      typeof item === 'number' && Number.isInteger(item)
        ? String(item)
        : str(p, at(path, i), item, { expected, max: 128 });
    if (spec === undefined) {
      ok = false;
      return;
    }
    const why = parsePortSpec(spec);
    if (why) {
      p.add(at(path, i), item, `${expected} (${why})`);
      ok = false;
      return;
    }
    out.push(spec);
  });
  return ok ? out : undefined;
}

function readVolumes(p: Problems, path: string, v: unknown): string[] | undefined {
  if (!Array.isArray(v)) {
    p.add(path, v, 'a list of volumes like ["/srv/web/data:/data"]');
    return undefined;
  }
  const expected =
    'a volume like "/srv/data:/data", "data:/data" or "/srv/conf:/etc/app:ro" (source:absolute-destination[:ro|rw])';
  const out: string[] = [];
  let ok = true;
  v.forEach((item, i) => {
    const spec = str(p, at(path, i), item, { expected, max: 4096 });
    if (spec === undefined) {
      ok = false;
      return;
    }
    const parts = spec.split(':');
    const [src, dst, mode] = parts;
    const good =
      (parts.length === 2 || parts.length === 3) &&
      (src.startsWith('/') || NAMED_VOLUME.test(src)) &&
      dst?.startsWith('/') &&
      (mode === undefined || mode === 'ro' || mode === 'rw') &&
      !/[\s,]/.test(spec);
    if (!good) {
      p.add(at(path, i), item, expected);
      ok = false;
      return;
    }
    out.push(spec);
  });
  return ok ? out : undefined;
}

/** Group over top level over defaults, field by field; env and labels key by key, secret-env joined. */
export function mergeContainer(
  top: ContainerPart,
  group: ContainerPart,
): Omit<ContainerSpec, 'secretEnv'> & { secretEnv: SecretRef[] } {
  const merged = { ...DEFAULT_CONTAINER, ...top, ...group };
  const secrets = new Map<string, SecretRef>();
  for (const ref of [...(top.secretEnv ?? []), ...(group.secretEnv ?? [])])
    if (!secrets.has(ref.name)) secrets.set(ref.name, ref);
  const command = merged.command && merged.command.length > 0 ? merged.command : undefined;
  return dropUndefined({
    ...merged,
    env: { ...top.env, ...group.env },
    labels: { ...top.labels, ...group.labels },
    secretEnv: [...secrets.values()],
    command,
  });
}
