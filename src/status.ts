// `aviary status`: per group and host, what runs (version, digest, since when, by which run), the
// previous versions kept for rollback, health now, and the deploy lock — read from the hosts alone.
import { DeploySettings, prepare } from './deploy';
import { describeError } from './errors';
import { HealthSpec } from './health/types';
import { LABEL, short } from './hosts/engine';
import { openEach } from './hosts/open';
import { Logger } from './log';
import { RealHealthProbe } from './rollout/health-probe';
import { LockInfo, readLock, staleness } from './rollout/lock';
import { mapLimit } from './util/pool';
import { formatDuration } from './util/duration';

export interface VersionStatus {
  image: string;
  digest?: string;
  container: string; // short id
  since?: string; // when it was deployed (or created)
  deployedBy?: string;
  deployment?: string;
}

export interface HostStatus {
  name: string;
  group: string;
  reachable: boolean;
  error?: string;
  current?: VersionStatus & { state: string };
  previous: VersionStatus[]; // the rollback chain, newest first
  health: 'healthy' | 'unhealthy' | 'not running' | 'no container' | 'unknown';
  healthDetail?: string;
  lock?: LockInfo & { stale?: string };
  /** Proxy mode: the proxy's image and port, and the container it serves (short id, or none). */
  proxy?: {
    image: string;
    port?: string;
    serving?: string;
    servesCurrent: boolean;
    running: number;
    /** A traffic-weighted canary it shares requests with (a rollout in its canary window, or one cut short). */
    canary?: { container: string; weight: number };
  };
}

export interface ServiceStatus {
  service: string;
  hosts: HostStatus[];
}

export async function readStatus(
  settings: DeploySettings,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServiceStatus> {
  const config = prepare({ ...settings, target: 'previous' }, log, env);
  await (await import('./inventory/resolve')).resolveInventory(config, log, { env });
  const specs = config.groups.flatMap((g) => g.hosts.map((h) => ({ spec: h, group: g })));
  // Status shows what it can: every host is listed, the unreachable ones with the reason.
  const { hosts, unreachable } = await openEach(
    specs.map((s) => s.spec),
    { parallel: config.strategy.parallel, ssh: settings.ssh },
    log,
  );
  for (const reason of unreachable.values()) log.warn(reason);
  const probe = new RealHealthProbe(log);
  const results = await mapLimit(specs, config.strategy.parallel, async ({ spec, group }): Promise<HostStatus> => {
    const host = hosts.get(spec.name);
    const status: HostStatus = {
      name: spec.name,
      group: group.name,
      reachable: !!host,
      previous: [],
      health: 'unknown',
    };
    if (!host) return { ...status, error: unreachable.get(spec.name) ?? 'not reachable' };
    try {
      const containers = await host.serviceContainers(config.service);
      const version = (c: (typeof containers)[number]): VersionStatus => ({
        image: c.image,
        digest: c.labels[LABEL.digest] || undefined,
        container: short(c.id),
        since: c.labels[LABEL.deployedAt] || c.created,
        deployedBy: c.labels[LABEL.deployedBy] || undefined,
        deployment: c.labels[LABEL.deployment] || undefined,
      });
      const current = containers.find((c) => c.name === config.service);
      if (current) status.current = { ...version(current), state: current.state };
      let next = current?.labels[LABEL.previous];
      while (next && status.previous.length < 100) {
        const c = containers.find((x) => x.id === next);
        if (!c || status.previous.some((p) => p.container === short(c.id))) break;
        status.previous.push(version(c));
        next = c.labels[LABEL.previous];
      }
      if (group.proxy) status.proxy = await proxyStatus(host, config.service, current?.id);
      const lock = await readLock(host, config.service);
      if (lock) status.lock = { ...lock, stale: staleness(lock) };
      if (!current) status.health = 'no container';
      else if (!current.running) status.health = 'not running';
      else {
        const proxy = group.proxy
          ? await (await import('./proxy/proxy')).HostProxy.find(host, config.service)
          : undefined;
        const verdict = await probe.check(spec, host, current.id, quickCheck(group.health), undefined, proxy);
        status.health = verdict.healthy ? 'healthy' : 'unhealthy';
        if (!verdict.healthy) status.healthDetail = verdict.reason;
      }
    } catch (err) {
      status.error = describeError(err);
    }
    return status;
  });
  for (const h of hosts.values()) h.close();
  return {
    service: config.service,
    hosts: results.map((r) =>
      r.ok
        ? r.value
        : { name: '?', group: '?', reachable: false, previous: [], health: 'unknown', error: describeError(r.error) },
    ),
  };
}

/** Which container the service's proxy serves on a host, as its switching proxy's configuration says. */
async function proxyStatus(
  host: import('./hosts/engine').HostEngine,
  service: string,
  currentId: string | undefined,
): Promise<HostStatus['proxy']> {
  const { HostProxy, proxyContainers, PROXY_LABEL } = await import('./proxy/proxy');
  const { edge, proxies } = await proxyContainers(host, service);
  const running = proxies.filter((c) => c.running);
  const found = await HostProxy.find(host, service);
  const { serving, canary } = found ? await found.route() : {};
  return {
    image: running[0]?.image ?? proxies[0]?.image ?? 'none',
    port: edge?.labels[PROXY_LABEL.port],
    serving,
    servesCurrent: !!currentId && serving === short(currentId),
    running: running.length,
    ...(canary ? { canary: { container: canary.id, weight: canary.weight } } : {}),
  };
}

/** One look, not a wait: a single round of the group's checks, short deadline. */
function quickCheck(health: HealthSpec): HealthSpec {
  return {
    ...health,
    startPeriodMs: 0,
    healthyThreshold: 1,
    unhealthyThreshold: 1,
    deadlineMs: Math.min(health.deadlineMs, 5000),
  };
}

/** The status as a plain-text table per group, for the log and the CLI. */
export function renderStatus(status: ServiceStatus): string {
  const lines: string[] = [`${status.service}:`];
  for (const group of [...new Set(status.hosts.map((h) => h.group))]) {
    lines.push(`  group ${group}`);
    for (const h of status.hosts.filter((x) => x.group === group)) {
      const c = h.current;
      const head = c
        ? `${c.image} (${c.digest ? c.digest.slice(0, 19) : c.container}), ${c.state}, since ${c.since}${c.deployedBy ? ` by ${c.deployedBy}` : ''}`
        : 'runs nothing';
      lines.push(
        `    ${h.name}: ${h.error ? `error: ${h.error}` : `${head} — ${h.health}${h.healthDetail ? ` (${h.healthDetail})` : ''}`}`,
      );
      if (h.previous.length) lines.push(`      previous: ${h.previous.map((p) => p.image).join(' ← ')}`);
      if (h.proxy) {
        const serves = h.proxy.serving
          ? `${h.proxy.serving}${h.proxy.servesCurrent ? ` (${status.service})` : ' — NOT the container named ' + status.service}`
          : 'nothing';
        lines.push(
          `      proxy: ${h.proxy.image} on port ${h.proxy.port ?? '?'}, serves ${serves}${h.proxy.canary ? `, and ${h.proxy.canary.weight}% of requests to the canary ${h.proxy.canary.container}` : ''}${h.proxy.running === 1 ? '' : ` (${h.proxy.running} proxies running)`}`,
        );
      }
      if (h.lock)
        lines.push(
          `      locked by ${h.lock.owner} (deployment ${h.lock.deployment}, last heartbeat ${formatDuration(h.lock.ageMs)} ago)${h.lock.stale ? ` — stale: ${h.lock.stale}` : ''}`,
        );
    }
  }
  return lines.join('\n');
}
