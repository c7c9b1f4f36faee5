// The frame that retire and maintain share with a rollout: open the hosts in scope (all or none),
// take the service's deploy lock on them, do the work, release the lock, close the connections.
import { DeployConfig, GroupSpec } from '../config/types';
import { HostSpec } from '../hosts/types';
import { InputError } from '../errors';
import { HostEngine } from '../hosts/engine';
import type { SshSettings } from '../hosts/open';
import { Logger } from '../log';
import { currentOwner, DeployLock } from './lock';

export interface ScopedHost {
  spec: HostSpec;
  group: GroupSpec;
}

/**
 * The hosts a command acts on: the named ones (each must be a host of the selected groups; an
 * unknown name is refused before anything is touched), or every host of those groups.
 */
export function selectHosts(config: DeployConfig, names: string[], field: string): ScopedHost[] {
  const all = config.groups.flatMap((group) => group.hosts.map((spec) => ({ spec, group })));
  if (!names.length) return all;
  const unknown = names.filter((n) => !all.some((h) => h.spec.name === n));
  if (unknown.length) {
    throw new InputError(
      `${field}: ${unknown.map((n) => JSON.stringify(n)).join(', ')} ${unknown.length > 1 ? 'are not hosts' : 'is not a host'} of ${config.groups.map((g) => g.name).join(', ')} (expected one of ${all.map((h) => h.spec.name).join(', ')})`,
    );
  }
  return all.filter((h) => names.includes(h.spec.name));
}

export interface LockedOptions {
  deployment: string;
  ssh: SshSettings;
  forceUnlock?: boolean;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  /** At least this lock-timeout: a host may not answer (nor take a heartbeat) for this long, e.g. while it reboots. */
  minLockTimeoutMs?: number;
}

export async function withLockedHosts<T>(
  config: DeployConfig,
  scope: ScopedHost[],
  options: LockedOptions,
  log: Logger,
  work: (hosts: Map<string, HostEngine>) => Promise<T>,
): Promise<T> {
  const { openHosts } = await import('../hosts/open');
  const hosts = await openHosts(
    scope.map((s) => s.spec),
    { parallel: config.strategy.parallel, ssh: options.ssh, signal: options.signal },
    log,
  );
  const lock = new DeployLock(
    config.service,
    scope.map((s) => hosts.get(s.spec.name)!),
    currentOwner(options.deployment, options.env ?? process.env),
    {
      timeoutMs: Math.max(config.lockTimeoutMs, options.minLockTimeoutMs ?? 0),
      waitMs: config.lockWaitMs,
      parallel: config.strategy.parallel,
      force: options.forceUnlock,
    },
    log,
  );
  try {
    await log.group('Take the deploy lock', () => lock.acquire());
    return await work(hosts);
  } finally {
    await lock.release();
    for (const h of hosts.values()) h.close();
  }
}
