// `retire`: take the service off the named hosts for good — drain (the before-stop hook), stop,
// then remove its container, the kept ones (rollback points) and its records — under the deploy
// lock. The other hosts of the group are not touched.
import { DeploySettings, newDeploymentId, prepare } from '../deploy';
import { describeError, InputError, RunError } from '../errors';
import { HostEngine, LABEL } from '../hosts/engine';
import { Logger } from '../log';
import { runHook } from '../hooks/run';
import { lockName, RECORD } from '../rollout/records';
import { mapLimit } from '../util/pool';
import { ScopedHost, selectHosts, withLockedHosts } from '../rollout/locked';

export interface RetiredHost {
  host: string;
  group: string;
  ok: boolean;
  removed: string[]; // container names, records included
  error?: string;
}

export interface RetireResult {
  deployment: string;
  hosts: RetiredHost[];
  ok: boolean;
}

export async function retire(
  settings: DeploySettings,
  hostNames: string[],
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
): Promise<RetireResult> {
  const field = settings.inputName?.('hosts') ?? 'input hosts';
  // Retiring every host of every group by omission would be a disaster: the hosts must be named.
  if (!hostNames.length)
    throw new InputError(
      `${field}: empty (expected the names of the hosts to retire the service from, e.g. web-3,web-4)`,
    );
  const config = prepare({ ...settings, target: 'previous' }, log, env);
  await (await import('../inventory/resolve')).resolveInventory(config, log, { signal, env });
  const scope = selectHosts(config, hostNames, field);
  const deployment = settings.deployment ?? newDeploymentId();
  log.info(
    `aviary retire: removing ${config.service} from ${scope.map((s) => s.spec.name).join(', ')}, deployment ${deployment}`,
  );
  if (settings.dryRun)
    return {
      deployment,
      ok: true,
      hosts: scope.map((s) => ({ host: s.spec.name, group: s.group.name, ok: true, removed: [] })),
    };
  const results = await withLockedHosts(
    config,
    scope,
    { deployment, ssh: settings.ssh, forceUnlock: settings.forceUnlock, signal, env },
    log,
    (hosts) =>
      mapLimit(scope, config.strategy.parallel, (s) =>
        retireHost(hosts.get(s.spec.name)!, s, config.service, deployment, log, signal),
      ),
  );
  const hosts = results.map((r, i) =>
    r.ok
      ? r.value
      : { host: scope[i].spec.name, group: scope[i].group.name, ok: false, removed: [], error: describeError(r.error) },
  );
  for (const h of hosts) {
    if (h.ok)
      log.info(`${h.host}: retired (${h.removed.length ? `removed ${h.removed.join(', ')}` : 'it ran nothing'})`);
    else log.error(`${h.host}: ${h.error}`);
  }
  return { deployment, hosts, ok: hosts.every((h) => h.ok) };
}

async function retireHost(
  host: HostEngine,
  s: ScopedHost,
  service: string,
  deployment: string,
  log: Logger,
  signal?: AbortSignal,
): Promise<RetiredHost> {
  const containers = await host.serviceContainers(service);
  const current = containers.find((c) => c.name === service);
  if (current?.running && s.group.hooks?.beforeStop) {
    // The drain must succeed: removing a host that still takes traffic drops requests.
    const r = await runHook(
      s.group.hooks.beforeStop,
      { host: s.spec.name, address: s.spec.address, group: s.group.name, service },
      log,
      signal,
    );
    if (!r.ok) throw new RunError(`${r.message}; nothing was removed from ${s.spec.name}`);
  }
  const removed: string[] = [];
  // The current container first (stopped gracefully), then the kept ones and any half-made one.
  if (current) {
    if (current.running) await host.stop(current.id, s.group.container.stopTimeoutMs);
    await host.remove(current.id);
    removed.push(current.name);
  }
  for (const c of containers) {
    if (c.id === current?.id || c.labels[LABEL.service] !== service) continue;
    await host.remove(c.id);
    removed.push(c.name);
  }
  // Its records, except this run's own lock and heartbeats (the lock's release removes those).
  const mine = (name: string) =>
    name === lockName(service) || name.startsWith(`${lockName(service)}.beat-${deployment}-`);
  for (const r of await host.records(RECORD.service, service)) {
    if (mine(r.name)) continue;
    await host.remove(r.id);
    removed.push(r.name);
  }
  return { host: s.spec.name, group: s.group.name, ok: true, removed };
}
