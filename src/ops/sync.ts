// `sync`: bring every host of a group to the version the group runs now (read from the hosts' own
// records, or given), as a rollout restricted to the hosts that differ: batches, health checks,
// rollback rules and the lock are the rollout's own. Hosts that already run it are not touched.
import { DeployObserver, DeploySettings, newDeploymentId, prepare, rolloutDeps, rolloutObserver } from '../deploy';
import { DeployConfig } from '../config/types';
import { describeError, RunError } from '../errors';
import { Logger } from '../log';
import { resolveRegistryAuth, secretForms } from '../registry/credentials';
import { currentOwner } from '../rollout/lock';
import { RolloutReport } from '../report/types';
import { Rollout } from '../rollout/rollout';
import { chooseVersion, HostVersion, planSync, runsTarget, SyncStep, SyncTarget } from '../rollout/sync';
import { HostEngine, LABEL } from '../hosts/engine';
import { selectHosts, withLockedHosts } from '../rollout/locked';
import { readStatus } from '../status';

export interface GroupSync {
  group: string;
  target?: SyncTarget;
  steps: SyncStep[];
  report?: RolloutReport; // the rollout of the hosts that changed, when some did
}

export interface SyncResult {
  deployment: string;
  groups: GroupSync[];
  /** in-sync: nothing to change; synced: every host that changed is healthy on the version; else failed. */
  result: 'in-sync' | 'synced' | 'planned' | 'failed';
  error?: string;
}

export async function sync(
  settings: DeploySettings,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
  observer: DeployObserver = {},
): Promise<SyncResult> {
  const given = settings.overrides.image;
  // Every field is checked before a host is read; a version, when given, is completed as deploy does.
  const config = prepare(given ? { ...settings, target: 'image' } : { ...settings, target: 'previous' }, log, env);
  await (await import('../inventory/resolve')).resolveInventory(config, log, { signal, env });
  const status = await log.group('Read what every host runs', () =>
    readStatus({ ...settings, target: 'previous' }, log, env),
  );
  // status resolves a group's DNS or program hosts once more: both lists must be the same.
  const listed = config.groups
    .flatMap((g) => g.hosts.map((h) => h.name))
    .sort()
    .join(', ');
  const read = status.hosts
    .map((h) => h.name)
    .sort()
    .join(', ');
  if (listed !== read)
    throw new RunError(
      `the groups' hosts changed while sync read them (${listed} then ${read}), nothing was changed; run sync again`,
    );
  const unreachable = status.hosts.filter((h) => !h.reachable || h.error);
  if (unreachable.length) {
    throw new RunError(
      `sync reads every host of the group first; ${unreachable.length} host(s) could not be read, nothing was changed:\n  ${unreachable.map((h) => `${h.name}: ${h.error ?? 'not reachable'}`).join('\n  ')}`,
    );
  }
  const deployment = settings.deployment ?? newDeploymentId();
  const out: SyncResult = { deployment, groups: [], result: 'in-sync' };
  const groupNames = [...new Set(status.hosts.map((h) => h.group))];
  for (const name of groupNames) {
    const hosts: HostVersion[] = status.hosts
      .filter((h) => h.group === name)
      .map((h) => ({
        name: h.name,
        image: h.current?.image,
        digest: h.current?.digest,
        since: h.current?.since,
        state: h.current?.state,
        healthy: h.health === 'healthy',
      }));
    const target = given ? givenTarget(config.image) : chooseVersion(hosts);
    if (!target) {
      out.groups.push({ group: name, steps: [] });
      out.result = 'failed';
      out.error = `group ${name}: no host runs a healthy recorded version of ${config.service} to copy (${hosts.map((h) => `${h.name}: ${h.image ? `${h.image}, ${h.healthy ? 'healthy' : h.state}` : 'nothing'}`).join('; ')}); name the version with the image input (--image)`;
      log.error(out.error);
      return out;
    }
    const steps = planSync(hosts, target);
    out.groups.push({ group: name, target, steps });
    log.info(`group ${name}: ${target.image} (${target.source})`);
    for (const s of steps) log.info(`  ${s.host}: ${s.change ? 'gets it' : 'unchanged'} — ${s.reason}`);
  }
  if (settings.dryRun) {
    out.result = out.groups.some((g) => g.steps.some((s) => s.change)) ? 'planned' : 'in-sync';
    return out;
  }
  // One deployment for every group: only the last group's outcome decides the sync. A sync killed
  // in a later group is repaired (undone) as a whole by its post step, as a multi-group deploy is.
  const last = out.groups.filter((g) => g.steps.some((s) => s.change)).at(-1);
  for (const g of out.groups) {
    const changing = new Set(g.steps.filter((s) => s.change).map((s) => s.host));
    if (!changing.size) continue;
    const groupObserver: DeployObserver = g === last ? observer : { ...observer, decided: undefined };
    // The hosts the version was read from are locked too, and read again under the lock: no other
    // run may change them between the read and the rollout (the rollout locks the hosts it changes).
    const kept = selectHosts(
      config,
      g.steps.filter((s) => !s.change).map((s) => s.host),
      'hosts',
    ).filter((h) => h.group.name === g.group);
    const rollout = () =>
      syncGroup(config, g.group, changing, g.target!, settings, deployment, log, env, signal, groupObserver);
    const report = kept.length
      ? await withLockedHosts(
          config,
          kept,
          { deployment, ssh: settings.ssh, forceUnlock: settings.forceUnlock, signal, env },
          log,
          async (hosts) => {
            await confirmUnchanged(
              hosts,
              kept.map((k) => k.spec.name),
              config.service,
              g.target!,
            );
            return rollout();
          },
        )
      : await rollout();
    g.report = report;
    if (report.result !== 'deployed') {
      out.result = 'failed';
      out.error = `group ${g.group}: ${report.result}: ${report.error ?? ''}`.trim();
      return out;
    }
    out.result = 'synced';
  }
  return out;
}

/** A rollout of the target to the changing hosts of one group: the rollout's lock, batches and rollback. */
async function syncGroup(
  config: DeployConfig,
  group: string,
  changing: Set<string>,
  target: SyncTarget,
  settings: DeploySettings,
  deployment: string,
  log: Logger,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal | undefined,
  observer: DeployObserver,
): Promise<RolloutReport> {
  const spec = config.groups.find((g) => g.name === group);
  if (!spec) throw new RunError(`group ${group}: not in the config any more`);
  const scoped: DeployConfig = {
    ...config,
    image: target.image,
    groups: [{ ...spec, hosts: spec.hosts.filter((h) => changing.has(h.name)) }],
  };
  const auth = resolveRegistryAuth(target.image, settings.registry, env, log);
  for (const s of secretForms(auth)) log.secret(s);
  const rollout = new Rollout(scoped, rolloutDeps(scoped, settings, auth, log), {
    ...rolloutObserver(observer),
    deployment,
    owner: currentOwner(deployment, env),
    registryAuth: auth,
    forceUnlock: settings.forceUnlock,
    signal,
  });
  log.info(
    `aviary sync: ${target.image} to ${changing.size} host(s) of ${group} (${[...changing].join(', ')}), deployment ${deployment}`,
  );
  try {
    return await rollout.run();
  } catch (err) {
    throw new RunError(`group ${group}: ${describeError(err)}`);
  }
}

/** Under the lock: each host that is left alone still runs the target (else another run changed it meanwhile). */
async function confirmUnchanged(
  hosts: Map<string, HostEngine>,
  names: string[],
  service: string,
  target: SyncTarget,
): Promise<void> {
  const changed: string[] = [];
  for (const name of names) {
    const c = await hosts.get(name)!.container(service);
    const now: HostVersion = {
      name,
      image: c?.image,
      digest: c?.labels[LABEL.digest] || undefined,
      state: c?.state,
      healthy: !!c?.running,
    };
    if (!c || !c.running || !runsTarget(now, target))
      changed.push(`${name} now runs ${c ? `${c.image} (${c.state})` : 'nothing'}`);
  }
  if (changed.length)
    throw new RunError(
      `the hosts changed while sync read them (another run?), nothing was changed; run sync again: ${changed.join('; ')}`,
    );
}

function givenTarget(image: string): SyncTarget {
  const at = image.indexOf('@');
  return { image, digest: at >= 0 ? image.slice(at + 1) : undefined, source: 'given' };
}

/** Plain-text lines of a sync's plan and outcome, for the log and the CLI. */
export function renderSync(result: SyncResult): string[] {
  const lines: string[] = [];
  for (const g of result.groups) {
    const changed = g.steps.filter((s) => s.change);
    lines.push(
      `group ${g.group}: ${g.target ? g.target.image : 'no version'} — ${changed.length ? `${changed.length} host(s) ${result.result === 'planned' ? 'would change' : 'changed'}: ${changed.map((s) => s.host).join(', ')}` : 'every host runs it'}${g.report ? ` (${g.report.result})` : ''}`,
    );
  }
  lines.push(`sync: ${result.result}${result.error ? `: ${result.error.split('\n')[0]}` : ''}`);
  return lines;
}
