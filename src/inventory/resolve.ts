// Dynamic inventory at the start of a run: every group whose hosts come from DNS or a program gets
// them now, before anything connects. A source that fails, is too slow or finds nothing ends the
// run with one error per group that names the group and the source; no host has been touched.
import { performance } from 'node:perf_hooks';
import { HostSpec } from '../hosts/types';
import { Endpoint, endpointKey, formatEndpoint, parseEndpoint, parseHostAddress } from '../hosts/endpoint';
import { InputError } from '../errors';
import { Logger } from '../log';
import { formatDuration } from '../util/duration';
import { parsePrinted, Printed, runInventoryCommand } from './command';
import { dnsReason, Found, lookupDns } from './dns';
import { InventorySource } from './types';

export const MAX_INVENTORY_HOSTS = 10_000;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$/;

export interface InventoryOptions {
  signal?: AbortSignal;
  /** The program's environment (default process.env); AVIARY_GROUP is added. */
  env?: NodeJS.ProcessEnv;
}

/** The source in words, for the log and for errors: `dns A/AAAA web.internal (server 10.0.0.2)`. */
export function describeInventory(s: InventorySource): string {
  if (s.source.kind === 'dns')
    return `dns ${s.source.record} ${s.source.name}${s.source.server ? ` (server ${s.source.server})` : ''}`;
  return `command ${JSON.stringify(s.source.argv)}`;
}

/**
 * Fills in the hosts of every group that has a source, all groups at once. Throws an InputError
 * listing every group whose source failed; the config is left unchanged then.
 */
/** The groups of a config as inventory sees them (a DeployConfig is one): some listed, some with a source to fill them from. */
export interface InventoriedConfig {
  groups: Array<{ name: string; hosts: HostSpec[]; inventory?: InventorySource }>;
}

export async function resolveInventory(
  config: InventoriedConfig,
  log: Logger,
  options: InventoryOptions = {},
): Promise<void> {
  const groups = config.groups.filter((g) => g.inventory);
  if (groups.length === 0) return;
  const results = await Promise.all(
    groups.map(async (g) => {
      const source = g.inventory!;
      const t0 = performance.now();
      try {
        const hosts = await withDeadline(
          source,
          (signal) => hostsOf(source, signal, options.env ?? process.env),
          options.signal,
        );
        return { group: g, source, hosts, ms: performance.now() - t0 };
      } catch (err) {
        return {
          group: g,
          source,
          error: `${source.field}: ${describeInventory(source)} ${(err as Error).message}; nothing was changed`,
        };
      }
    }),
  );
  const problems = results.flatMap((r) => (r.error ? [r.error] : []));
  // A host found must not be another group's (or another source's): one engine, one group.
  if (problems.length === 0) {
    const seen = new Map<string, string>();
    const names = new Map<string, string>();
    for (const g of config.groups) {
      for (const h of g.inventory ? [] : g.hosts) {
        seen.set(keyOf(h), `${g.name}/${h.name}`);
        names.set(h.name, g.name);
      }
    }
    for (const r of results) {
      for (const h of r.hosts!) {
        const other = seen.get(keyOf(h));
        const named = names.get(h.name);
        if (other)
          problems.push(
            `${r.source.field}: ${describeInventory(r.source)} found ${formatEndpoint(h.endpoint)}, which is already host ${other} (each engine may be in one group once); nothing was changed`,
          );
        else if (named)
          problems.push(
            `${r.source.field}: ${describeInventory(r.source)} found a host named ${JSON.stringify(h.name)}, which is already the name of a host of group ${named} (host names must be unique); nothing was changed`,
          );
        else {
          seen.set(keyOf(h), `${r.group.name}/${h.name}`);
          names.set(h.name, r.group.name);
        }
      }
    }
  }
  if (problems.length) throw new InputError(problems);
  for (const r of results) {
    r.group.hosts = r.hosts!;
    log.info(
      `${r.group.name}: ${r.hosts!.length} host${r.hosts!.length === 1 ? '' : 's'} from ${describeInventory(r.source)} in ${formatDuration(r.ms!)}: ${shown(r.hosts!)}`,
    );
  }
}

function keyOf(h: HostSpec): string {
  return endpointKey(h.endpoint);
}

function shown(hosts: HostSpec[]): string {
  const text = hosts
    .slice(0, 20)
    .map((h) => (h.name === h.address ? h.name : `${h.name} (${h.address})`))
    .join(', ');
  return hosts.length > 20 ? `${text}, … (${hosts.length - 20} more)` : text;
}

/** Runs `fn` with a signal that aborts at the source's deadline or with the run; rejects at the deadline whatever `fn` does. */
async function withDeadline<T>(
  source: InventorySource,
  fn: (signal: AbortSignal) => Promise<T>,
  outer?: AbortSignal,
): Promise<T> {
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const onAbort = () => stop.abort(outer?.reason);
  if (outer?.aborted) throw new Error('was not asked: the run was cancelled');
  outer?.addEventListener('abort', onAbort, { once: true });
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stop.abort(new Error('deadline'));
      reject(new Error(`gave no answer within ${formatDuration(source.timeoutMs)} (timeout)`));
    }, source.timeoutMs);
  });
  const cancelled = new Promise<never>((_, reject) =>
    stop.signal.addEventListener(
      'abort',
      () => {
        if (outer?.aborted) reject(new Error('was stopped: the run was cancelled'));
      },
      { once: true },
    ),
  );
  try {
    return await Promise.race([fn(stop.signal), deadline, cancelled]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
    if (!stop.signal.aborted) stop.abort();
  }
}

async function hostsOf(source: InventorySource, signal: AbortSignal, env: NodeJS.ProcessEnv): Promise<HostSpec[]> {
  let hosts: HostSpec[];
  if (source.source.kind === 'dns') {
    let found: Found[];
    try {
      found = await lookupDns(source.source, source.timeoutMs, signal);
    } catch (err) {
      throw new Error(`failed: ${dnsReason(err)}`, { cause: err });
    }
    hosts = found.map((f) =>
      hostFrom(source, f.name, { scheme: source.transport, host: f.address, port: f.port }, f.address),
    );
    if (hosts.length === 0) throw new Error('found no hosts');
  } else {
    const out = await runInventoryCommand(
      source.source,
      source.timeoutMs,
      { ...env, AVIARY_GROUP: source.group },
      signal,
    );
    hosts = printedHosts(source, parsePrinted(out.stdout));
    if (hosts.length === 0)
      throw new Error(
        `printed no hosts${out.stderr.trim() ? ` (stderr: ${out.stderr.trim().split('\n').slice(-1)[0].slice(0, 200)})` : ''}`,
      );
  }
  if (hosts.length > MAX_INVENTORY_HOSTS)
    throw new Error(`found ${hosts.length} hosts (at most ${MAX_INVENTORY_HOSTS})`);
  // One host per engine (DNS may repeat an address), in a stable order: the plan must not shuffle
  // between runs because a server rotates its answers.
  const unique = new Map<string, HostSpec>();
  for (const h of hosts) if (!unique.has(keyOf(h))) unique.set(keyOf(h), h);
  const names = new Set<string>();
  for (const h of unique.values()) {
    if (names.has(h.name))
      throw new Error(`found two hosts named ${JSON.stringify(h.name)} (expected one name per host)`);
    names.add(h.name);
  }
  return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/** A host from a name and an address: the group's transport, port (or the record's), user and TLS. */
function hostFrom(
  source: InventorySource,
  name: string,
  at: { scheme: 'tcp' | 'ssh'; host: string; port?: number },
  address: string,
): HostSpec {
  const port = at.port ?? source.port;
  const endpoint: Endpoint =
    at.scheme === 'ssh'
      ? { scheme: 'ssh', user: source.user!, host: at.host, ...(port !== undefined && port !== 22 ? { port } : {}) }
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
function printedHosts(source: InventorySource, printed: Printed[]): HostSpec[] {
  return printed.map((p) => {
    const where = p.line !== undefined ? `line ${p.line}` : `item ${p.index}`;
    const bad = (what: string) => new Error(`printed ${where} ${what}`);
    let text: unknown = p.text;
    let name: string | undefined;
    let address: string | undefined;
    if (p.text === undefined) {
      if (p.name !== undefined && (typeof p.name !== 'string' || !HOST_NAME.test(p.name)))
        throw bad(`with a name ${JSON.stringify(p.name)} that is not a host name like "web-1"`);
      name = p.name as string | undefined;
      if (p.address !== undefined) {
        address = typeof p.address === 'string' ? parseHostAddress(p.address) : undefined;
        if (!address) throw bad(`with an address ${JSON.stringify(p.address)} that is not a host name or IP address`);
      }
      text = p.docker ?? p.address;
      if (text === undefined)
        throw bad(
          'without docker or address (expected {name, docker: "tcp://10.0.0.3:2375"} or {name, address: "10.0.0.3"})',
        );
    }
    if (typeof text !== 'string') throw bad(`${JSON.stringify(text)}, which is not a host`);
    const shownText = JSON.stringify(text.length > 80 ? text.slice(0, 79) + '…' : text);
    if (text.includes('://')) {
      const e = parseEndpoint(text);
      if ('expected' in e) throw bad(`${shownText}, which is not ${e.expected}`);
      if (e.scheme === 'unix') throw bad(`${shownText}: a unix socket is on this machine, not a host of the group`);
      if (e.scheme === 'tcp' && source.tls)
        return { name: name ?? e.host, group: source.group, endpoint: e, address: address ?? e.host, tls: source.tls };
      return { name: name ?? e.host, group: source.group, endpoint: e, address: address ?? e.host };
    }
    const m = /^(\[[^\]]+\]|[^:\s]+)(?::(\d{1,5}))?$/.exec(text);
    const host = m ? parseHostAddress(m[1]) : undefined;
    const port = m?.[2] !== undefined ? Number(m[2]) : undefined;
    if (!host || (port !== undefined && (port < 1 || port > 65535)))
      throw bad(
        `${shownText}, which is not a host name, an IP address (with an optional port) or a Docker endpoint like "tcp://10.0.0.1:2375"`,
      );
    return hostFrom(source, name ?? host, { scheme: source.transport, host, port }, address ?? host);
  });
}
