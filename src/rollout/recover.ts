// The post step's repair (and `aviary unlock`'s): for a run that did not finish, take its lock back
// (or a free one), put every host it touched back on the version it ran before, from the records
// on the hosts, then check every host: what it runs, and whether that is healthy. Goes on past
// hosts it cannot reach; the caller fails the step when any host is left without a healthy version.
import { DeployConfig, GroupSpec } from '../config/types';
import { HostSpec } from '../hosts/types';
import { describeError } from '../errors';
import { HostEngine } from '../hosts/engine';
import { Logger } from '../log';
import { mapLimit } from '../util/pool';
import { HealthProbe } from './health-probe';
import { DeployLock, describeHolder, LockOwner } from './lock';
import { lockName } from './records';
import { decidedRuns, describeRepair, HostSurvey, repairDead, settledHere, survey } from './repair';
import { ensureProxy } from '../proxy/proxy';

export interface HostRecovery {
  host: string;
  /** fine: runs a healthy version (after a repair, or untouched); empty: never ran the service; the rest need a look. */
  state: 'fine' | 'empty' | 'unhealthy' | 'unreachable' | 'locked';
  repaired: string[];
  detail: string;
}

export interface Recovery {
  hosts: HostRecovery[];
  /** No host is left without a healthy version, as far as could be seen. */
  ok: boolean;
}

export interface RecoverOptions {
  /** The run to repair; the lock is taken as this run (its own lock is adopted). */
  owner: LockOwner;
  /** `aviary unlock`: take the lock whoever holds it. */
  force?: boolean;
  /** The run had decided its outcome before it died: clean up after it, undo nothing. */
  decided?: boolean;
  health: HealthProbe;
  log: Logger;
}

/** Repairs what `owner.deployment` (and any dead run found on the way) left, then checks every host. */
export async function recover(
  config: DeployConfig,
  hosts: Map<string, HostEngine>,
  unreachable: Map<string, string>,
  options: RecoverOptions,
): Promise<Recovery> {
  const { log } = options;
  const specs = config.groups.flatMap((group) => group.hosts.map((spec) => ({ spec, group })));
  const engines = specs.map((s) => hosts.get(s.spec.name)).filter((h): h is HostEngine => !!h);
  const lock = new DeployLock(
    config.service,
    engines,
    options.owner,
    { timeoutMs: config.lockTimeoutMs, waitMs: 0, parallel: config.strategy.parallel, force: options.force },
    log,
  );
  const taken = await lock.acquireEach();
  try {
    // Every host's records first: a run that recorded its outcome on any host is undone on none.
    const surveys = new Map<string, HostSurvey>();
    await mapLimit(specs, config.strategy.parallel, async ({ spec }) => {
      const host = hosts.get(spec.name);
      if (host && taken.get(host)?.ok) surveys.set(spec.name, await survey(host, config.service, []));
    });
    const decided = decidedRuns([...surveys.values()]);
    if (options.decided) decided.push(options.owner.deployment);
    const results = await mapLimit(specs, config.strategy.parallel, async ({ spec, group }): Promise<HostRecovery> => {
      const host = hosts.get(spec.name);
      if (!host)
        return {
          host: spec.name,
          state: 'unreachable',
          repaired: [],
          detail: unreachable.get(spec.name) ?? 'not reachable',
        };
      const take = taken.get(host);
      if (take && !take.ok) {
        if (take.busy)
          return {
            host: spec.name,
            state: 'locked',
            repaired: [],
            detail: `left to ${describeHolder(take.busy)}, which holds the lock and repairs what it finds`,
          };
        return { host: spec.name, state: 'unreachable', repaired: [], detail: describeError(take.error) };
      }
      const found = surveys.get(spec.name) ?? (await survey(host, config.service, []));
      const lockId = found.records.find((r) => r.name === lockName(config.service))?.id;
      const dead = [...new Set([options.owner.deployment, ...found.dead.keys()])];
      const repaired = (
        await repairDead(host, config.service, dead, found.records, lockId, settledHere(found, decided))
      )
        .map((r) => describeRepair(spec.name, r))
        .filter((l): l is string => !!l);
      for (const line of repaired) log.warn(line);
      return { ...(await check(config, host, spec, group, options.health)), repaired };
    });
    const out = results.map((r, i) =>
      r.ok
        ? r.value
        : { host: specs[i].spec.name, state: 'unreachable' as const, repaired: [], detail: describeError(r.error) },
    );
    return { hosts: out, ok: out.every((h) => h.state === 'fine' || h.state === 'empty' || h.state === 'locked') };
  } finally {
    await lock.release();
  }
}

/** What a host runs now, and whether it answers its health check. */
async function check(
  config: DeployConfig,
  host: HostEngine,
  spec: HostSpec,
  group: GroupSpec,
  health: HealthProbe,
): Promise<Omit<HostRecovery, 'repaired'>> {
  const containers = await host.serviceContainers(config.service);
  const current = containers.find((c) => c.name === config.service);
  if (current && !current.running) await host.start(current.id);
  // Proxy mode: the proxy runs (what an install or upgrade cut short left is finished) and serves the container named after the service.
  const proxy = group.proxy ? (await ensureProxy(host, config.service, group.proxy, current)).proxy : undefined;
  if (!current) {
    return containers.length
      ? {
          host: spec.name,
          state: 'unhealthy',
          detail: `nothing runs under the name ${config.service}, although ${containers.length} kept container(s) are there`,
        }
      : {
          host: spec.name,
          state: 'empty',
          detail: `runs no ${config.service} container (it never did, or its first deploy was undone)`,
        };
  }
  const verdict = await health.check(
    spec,
    host,
    current.id,
    { ...group.health, deadlineMs: Math.min(group.health.deadlineMs, 20_000) },
    undefined,
    proxy,
  );
  return verdict.healthy
    ? { host: spec.name, state: 'fine', detail: `runs ${current.image}, healthy` }
    : {
        host: spec.name,
        state: 'unhealthy',
        detail: `runs ${current.image}, not healthy: ${verdict.reason ?? verdict.message}`,
      };
}

/** The recovery as lines for the log, one per host. */
export function renderRecovery(r: Recovery): string[] {
  return r.hosts.map(
    (h) =>
      `${h.host}: ${h.state === 'fine' ? 'ok' : h.state}: ${h.detail}${h.repaired.length ? ` (repaired: ${h.repaired.length})` : ''}`,
  );
}
