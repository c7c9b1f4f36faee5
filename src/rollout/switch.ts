// The per-host steps that change what a host runs: swap in a new container, switch to a kept one,
// restore the rollback point, prune. Each is ordered so that at every instant the host's records
// (names and labels) let restore() put a recorded version back: see docs/reliability.md.
import { ContainerSpec } from '../container/config';
import { ConflictError, HostEngine, LABEL, ServiceContainer, short } from '../hosts/engine';
import { intentName, isKeptName, keptName, pendingName, RECORD } from './records';
import { HostProxy } from '../proxy/proxy';

/** What a host ran before this rollout touched it: the rollback point. */
export interface RollbackPoint {
  container?: ServiceContainer; // undefined on a host that ran nothing yet
  digest?: string;
}

export interface SwapRequest {
  service: string;
  image: string;
  digest: string;
  deployment: string;
  deployedBy: string;
  container: ContainerSpec;
}

/**
 * Told when a host's service goes down for a switch of containers (before the stop) and when the
 * switch is over (after the start, or its failure): the availability probe counts that window as
 * downtime without probing the host, see AvailabilityProbe.offline.
 */
export interface SwitchWatcher {
  stopping(): void;
  switched(): void;
}

/** A stop on the way back (the replaced container is being thrown away): short. */
const DISCARD_STOP_MS = 2_000;

/**
 * Creates a run's new container under its pending name, labelled with the deployment and the
 * container it replaces: from then on it is the record a restore works from. A rollout creates it
 * during the pre-pull, before anything stops (off the batches' critical path); an unused one is
 * removed once the run ends, and a dead run's by the repair (restore() or repairDead()).
 */
export async function createPending(
  host: HostEngine,
  req: SwapRequest,
  old: ServiceContainer | undefined,
): Promise<string> {
  return host.create(pendingName(req.service, req.deployment), req.image, req.container, {
    [LABEL.service]: req.service,
    [LABEL.deployment]: req.deployment,
    [LABEL.image]: req.image,
    [LABEL.digest]: req.digest,
    [LABEL.previous]: old?.id ?? '',
    [LABEL.previousImage]: old?.image ?? '',
    [LABEL.deployedBy]: req.deployedBy,
    [LABEL.deployedAt]: new Date().toISOString(),
  });
}

/** Whether a container is this deployment's new one, not yet made the service's. */
function isPendingOf(c: ServiceContainer, service: string, deployment: string): boolean {
  return c.name === pendingName(service, deployment) && c.labels[LABEL.deployment] === deployment;
}

/**
 * The container made during the pre-pull, checked before anything stops (another run's repair may
 * have removed it, had this run's lock been taken over), or else a new one.
 */
async function madeOrNew(
  host: HostEngine,
  req: SwapRequest,
  old: ServiceContainer | undefined,
  made: string | undefined,
): Promise<string> {
  if (made) {
    const c = await host.container(made);
    if (c && isPendingOf(c, req.service, req.deployment)) return c.id;
  }
  return createPending(host, req, old);
}

/**
 * Replaces the running container by a new one: `made`, created by createPending() during the
 * pre-pull, or else created first, under its pending name and labelled with this deployment and the
 * container it replaces: from then on it is the record a restore works from. `onCreated` learns its
 * id before anything is stopped.
 */
export async function swap(
  host: HostEngine,
  req: SwapRequest,
  point: RollbackPoint,
  onCreated: (id: string) => void,
  watch?: SwitchWatcher,
  made?: string,
): Promise<string> {
  const old = point.container;
  const id = await madeOrNew(host, req, old, made);
  onCreated(id);
  await switchTo(host, req.service, old, id, req.container.stopTimeoutMs, watch);
  return id;
}

/**
 * Proxy mode, first half of a swap: the new container (`made` during the pre-pull, or created now,
 * under its pending name, with the same labels as swap()'s, so restore() works from it alike) starts
 * beside the old one, which goes on serving through the proxy. The caller health-checks it through
 * the proxy, then cutover().
 */
export async function stage(
  host: HostEngine,
  req: SwapRequest,
  point: RollbackPoint,
  onCreated: (id: string) => void,
  made?: string,
): Promise<string> {
  const old = point.container;
  const id = await madeOrNew(host, req, old, made);
  onCreated(id);
  await host.start(id);
  return id;
}

/** Proxy mode, first half of a rollback to a kept container: the intent is recorded, then the kept container starts beside the current one. */
export async function stageKept(
  host: HostEngine,
  service: string,
  deployment: string,
  current: ServiceContainer,
  target: ServiceContainer,
): Promise<void> {
  try {
    await host.createRecord(intentName(service, deployment), {
      [RECORD.service]: service,
      [RECORD.kind]: 'intent',
      [RECORD.deployment]: deployment,
      [RECORD.from]: current.id,
      [RECORD.to]: target.id,
    });
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err; // written by an earlier attempt of this run
  }
  await host.start(target.id);
}

/**
 * Proxy mode, second half: the proxy serves the next container from its next request on, the
 * requests already on their way to the current one finish (drain), and only then does the current
 * one stop, kept under its kept name; the next one takes the service's name. At every instant the
 * proxy serves a running container, and the names and labels let restore() go back.
 */
export async function cutover(
  proxy: HostProxy,
  service: string,
  current: ServiceContainer | undefined,
  nextId: string,
  stopTimeoutMs: number,
): Promise<void> {
  const host = proxy.host;
  await proxy.point(nextId);
  if (current) {
    await proxy.drain();
    if (current.running) await host.stop(current.id, stopTimeoutMs);
    if (current.name === service) await host.rename(current.id, keptName(service, current.id));
  }
  await host.rename(nextId, service);
}

/**
 * Whether a host is still as a traffic-weighted canary left it before its cut-over: the current
 * container running under the service's name, this deployment's new one running under its pending
 * name, and the proxy sharing requests between them. Another run that took the lock over (a forced
 * unlock) may have repaired it meanwhile. Returns what changed, or undefined.
 */
export async function stillSharing(
  host: HostEngine,
  proxy: HostProxy,
  service: string,
  deployment: string,
  current: ServiceContainer,
  canary: string,
): Promise<string | undefined> {
  const [old, next, route] = await Promise.all([host.container(current.id), host.container(canary), proxy.route()]);
  if (!old?.running || old.name !== service) return `${host.name}: ${short(current.id)} no longer runs as ${service}`;
  if (!next?.running || !isPendingOf(next, service, deployment))
    return `${host.name}: the canary ${short(canary)} is gone or no longer this run's`;
  if (route.serving !== short(current.id) || route.canary?.id !== short(canary))
    return `${host.name}: the proxy no longer shares requests between ${short(current.id)} and the canary ${short(canary)}`;
  return undefined;
}

/**
 * Makes a kept container the service's again (a rollback to the previous version). The intent is
 * recorded first, since no label of either container says that this run switched them.
 */
export async function activateKept(
  host: HostEngine,
  service: string,
  deployment: string,
  current: ServiceContainer,
  target: ServiceContainer,
  stopTimeoutMs: number,
  watch?: SwitchWatcher,
): Promise<void> {
  try {
    await host.createRecord(intentName(service, deployment), {
      [RECORD.service]: service,
      [RECORD.kind]: 'intent',
      [RECORD.deployment]: deployment,
      [RECORD.from]: current.id,
      [RECORD.to]: target.id,
    });
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err; // written by an earlier attempt of this run
  }
  await switchTo(host, service, current, target.id, stopTimeoutMs, watch);
}

/** Stops the current container, keeps it under its kept name, gives the service's name to the next one and starts it. */
async function switchTo(
  host: HostEngine,
  service: string,
  current: ServiceContainer | undefined,
  nextId: string,
  stopTimeoutMs: number,
  watch?: SwitchWatcher,
): Promise<void> {
  watch?.stopping();
  try {
    // Even one read as exited: a restart policy may be bringing it back, and the engine cannot rename a restarting container.
    if (current) await host.stop(current.id, stopTimeoutMs);
    if (current && current.name === service) await host.rename(current.id, keptName(service, current.id));
    await host.rename(nextId, service);
    await host.start(nextId);
  } finally {
    watch?.switched();
  }
}

export type RestoreOutcome =
  | { kind: 'none' } // the deployment left nothing on this host
  | { kind: 'restored'; container: ServiceContainer; note: string } // the rollback point runs again (not yet health-checked)
  | { kind: 'emptied'; note: string } // it ran nothing before, and runs nothing again
  | { kind: 'superseded'; note: string } // a later deployment runs now: nothing of it was touched
  | { kind: 'lost'; note: string }; // the rollback point is gone: nothing was removed

/**
 * Puts a host back on what it ran before `deployment` touched it, from the records on the host
 * alone. Idempotent, and safe to cut at any instant: the deployment's container (or its intent
 * record) is removed only once the rollback point runs again under the service's name.
 */
export async function restore(
  host: HostEngine,
  service: string,
  deployment: string,
  watch?: SwitchWatcher,
): Promise<RestoreOutcome> {
  const containers = await host.serviceContainers(service);
  const intent = (await host.records(RECORD.service, service)).find(
    (r) => r.labels[RECORD.kind] === 'intent' && r.labels[RECORD.deployment] === deployment,
  );
  const made = containers.filter((c) => c.labels[LABEL.deployment] === deployment);
  // The container this deployment made the service's (its new one, or a kept one it switched to) and the one it replaced.
  const active = intent
    ? containers.find((c) => c.id === intent.labels[RECORD.to])
    : (made.find((c) => c.name === service) ?? made[0]);
  const pointId = intent ? intent.labels[RECORD.from] : active?.labels[LABEL.previous];
  if (!active && !intent) return { kind: 'none' };
  const discard = !intent;
  const current = containers.find((c) => c.name === service);
  // A rollback point not made by aviary (the `docker run` it replaced) carries no label: found by its id.
  const point = containers.find((c) => c.id === pointId) ?? (pointId ? await host.container(pointId) : undefined);
  const forget = async () => {
    if (discard) for (const c of made) await host.remove(c.id);
    if (intent) await host.remove(intent.id);
  };

  // Behind a proxy the way back is gapless too: the rollback point answers before the proxy serves it.
  const proxy = await HostProxy.find(host, service);

  if (current && current.id !== active?.id && current.id !== pointId) {
    // Another deployment runs now (it repaired this one, or replaced it): its records are not ours to touch.
    if (discard) for (const c of made) if (c.name === pendingName(service, deployment)) await host.remove(c.id);
    if (intent) await host.remove(intent.id);
    return {
      kind: 'superseded',
      note: `${host.name}: ${current.image} of deployment ${current.labels[LABEL.deployment] || 'unknown'} runs now; nothing of it was touched`,
    };
  }
  if (!pointId) {
    // It ran nothing before this deployment: take the deployment's container away.
    if (proxy) await proxy.point(undefined);
    watch?.stopping();
    try {
      for (const c of made) await host.remove(c.id);
    } finally {
      watch?.switched();
    }
    return {
      kind: 'emptied',
      note: `${host.name}: removed ${service} of deployment ${deployment} (it ran nothing before)`,
    };
  }
  // Made during the pre-pull and never used: it never passed a health check.
  const unused = active?.state === 'created' && active.name === pendingName(service, deployment);
  if (!point) {
    if (unused) {
      await forget();
      return {
        kind: 'lost',
        note: `${host.name}: the rollback point ${short(pointId)} is gone (pruned or removed by hand); the unused new container of deployment ${deployment} was removed, and nothing was started`,
      };
    }
    // Nothing to go back to: better the deployment's version than nothing under the service's name.
    if (active && !current) {
      await host.rename(active.id, service);
      await host.start(active.id);
    }
    if (active && proxy) await proxy.point(active.id);
    return {
      kind: 'lost',
      note: `${host.name}: the rollback point ${short(pointId)} is gone (pruned or removed by hand); ${active ? `${active.image} (${active.state}) was left in place` : 'nothing was removed'}`,
    };
  }
  if (unused && point.running && point.name === service) {
    // The run never started this host's new container: only that goes.
    await forget();
    return {
      kind: 'restored',
      container: point,
      note: `${host.name}: removed the unused new container of deployment ${deployment}; ${point.image} runs as before`,
    };
  }
  if (proxy) {
    if (!point.running) {
      await host.start(point.id);
      await proxy.ready(point.id);
    }
    // Always reloaded: a run cut between writing the proxy's file and reloading it left the file ahead of what it serves.
    await proxy.point(point.id);
    if (active) {
      if (active.running) await proxy.drain();
      await host.stop(active.id, DISCARD_STOP_MS);
      if (active.name === service)
        await host.rename(active.id, discard ? pendingName(service, deployment) : keptName(service, active.id));
    }
    if (point.name !== service) await host.rename(point.id, service);
    await forget();
    return {
      kind: 'restored',
      container: { ...point, name: service, running: true, state: 'running' },
      note: `${host.name}: ${point.image} runs again${active ? ` in place of ${active.image}` : ''}, served by the proxy`,
    };
  }
  watch?.stopping();
  try {
    if (active && active.name === service) {
      // Even one listed as not running: a crash-looping container is `restarting`, and the engine cannot rename it.
      await host.stop(active.id, DISCARD_STOP_MS);
      await host.rename(active.id, discard ? pendingName(service, deployment) : keptName(service, active.id));
    }
    if (point.name !== service) await host.rename(point.id, service);
    await host.start(point.id);
  } finally {
    watch?.switched();
  }
  await forget();
  return {
    kind: 'restored',
    container: { ...point, name: service, running: true, state: 'running' },
    note: `${host.name}: ${point.image} runs again${active ? ` in place of ${active.image}` : ''}`,
  };
}

/**
 * Removes the kept containers beyond `keep`, oldest first; the chain of `previous` labels from the
 * current container is what stays. Only kept containers (stopped, under a kept name) are ever removed.
 */
export async function prune(host: HostEngine, service: string, keep: number): Promise<string[]> {
  const containers = await host.serviceContainers(service);
  const current = containers.find((c) => c.name === service);
  const chain: string[] = [];
  let next = current?.labels[LABEL.previous];
  while (next && chain.length < keep && !chain.includes(next)) {
    const c = containers.find((x) => x.id === next);
    if (!c) break;
    chain.push(c.id);
    next = c.labels[LABEL.previous];
  }
  const kept = containers.filter((c) => c.id !== current?.id && !c.running && isKeptName(service, c.name));
  const others = kept.filter((c) => !chain.includes(c.id)).sort((a, b) => b.created.localeCompare(a.created));
  const keepIds = new Set([...chain, ...others.slice(0, Math.max(0, keep - chain.length)).map((c) => c.id)]);
  const removed: string[] = [];
  for (const c of kept) {
    if (keepIds.has(c.id)) continue;
    await host.remove(c.id);
    removed.push(c.name);
  }
  return removed;
}
