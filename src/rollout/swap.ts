// The per-host steps of a rollout: swap the service's container for one of the new image (keeping
// the old one stopped and renamed as the rollback point), restore it, repair what a dead run left,
// and prune the kept containers beyond `keep`.
import { ContainerSpec } from '../config/types';
import { RunError } from '../errors';
import { DockerHost, LABEL, ServiceContainer, short } from '../hosts/docker-host';

/** What a host ran before this rollout touched it: the rollback point. */
export interface RollbackPoint {
  container?: ServiceContainer;  // undefined on a host that ran nothing yet
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

/** The name a replaced container is kept under. */
export function keptName(service: string, id: string): string {
  return `${service}.old-${short(id)}`;
}

function pendingName(service: string, deployment: string): string {
  return `${service}.new-${deployment}`;
}

/**
 * Replaces the running container by a new one: create (while the old one still serves), then
 * switch to it. Returns the new container's id; `onCreated` learns it before anything is stopped,
 * so that a failure in any later step can be undone.
 */
export async function swap(host: DockerHost, req: SwapRequest, point: RollbackPoint, onCreated: (id: string) => void, watch?: SwitchWatcher): Promise<string> {
  const old = point.container;
  const labels: Record<string, string> = {
    [LABEL.service]: req.service,
    [LABEL.deployment]: req.deployment,
    [LABEL.image]: req.image,
    [LABEL.digest]: req.digest,
    [LABEL.previous]: old?.id ?? '',
    [LABEL.previousImage]: old?.image ?? '',
    [LABEL.deployedBy]: req.deployedBy,
    [LABEL.deployedAt]: new Date().toISOString(),
  };
  const id = await host.create(pendingName(req.service, req.deployment), req.image, req.container, labels);
  onCreated(id);
  await activate(host, req.service, old, id, req.container.stopTimeoutMs, watch);
  return id;
}

/**
 * Makes `nextId` the service's running container: stops the current one and keeps it under its
 * kept name, gives the service's name to the next one and starts it. Used both for a new
 * container and for a kept one (a rollback to the previous version).
 */
export async function activate(host: DockerHost, service: string, current: ServiceContainer | undefined, nextId: string, stopTimeoutMs: number, watch?: SwitchWatcher): Promise<void> {
  watch?.stopping();
  try {
    if (current?.running) await host.stop(current.id, stopTimeoutMs);
    if (current && current.name !== keptName(service, current.id)) await host.rename(current.id, keptName(service, current.id));
    await host.rename(nextId, service);
    await host.start(nextId);
  } finally {
    watch?.switched();
  }
}

/**
 * Puts the host back on its rollback point. The container this run made active is removed when
 * the run created it, or stopped and kept again when it was a kept one (a rollback's target);
 * then the rollback point gets the service's name back and is started. The caller health-checks it.
 */
export async function restore(host: DockerHost, service: string, activeId: string | undefined, point: RollbackPoint, discardActive = true, watch?: SwitchWatcher): Promise<void> {
  watch?.stopping();
  try {
    await switchBack(host, service, activeId, point, discardActive);
  } finally {
    watch?.switched();
  }
}

async function switchBack(host: DockerHost, service: string, activeId: string | undefined, point: RollbackPoint, discardActive: boolean): Promise<void> {
  if (activeId) {
    if (discardActive) await host.remove(activeId);
    else {
      await host.stop(activeId, 10_000);
      await host.rename(activeId, keptName(service, activeId));
    }
  }
  const old = point.container;
  if (!old) return;
  const now = await host.inspect(old.id);
  if (!now) throw new RunError(`${host.name}: the rollback point ${old.name} (${short(old.id)}) is gone`);
  if (now.Name.replace(/^\//, '') !== service) {
    // A container someone else started under the service's name would block the rename.
    const squatter = await host.inspect(service);
    if (squatter && squatter.Id !== old.id) await host.remove(squatter.Id);
    await host.rename(old.id, service);
  }
  if (!now.State.Running) await host.start(old.id);
}

/**
 * Repairs a host left by a run that died (killed, or its machine lost): every container that run
 * created is removed and the container it replaced is running again under the service's name.
 * Returns a line describing what it did, or undefined when there was nothing to repair.
 */
export async function repair(host: DockerHost, service: string, deadDeployment: string): Promise<string | undefined> {
  const containers = await host.serviceContainers(service);
  const left = containers.filter((c) => c.labels[LABEL.deployment] === deadDeployment);
  if (!left.length) return undefined;
  const previousId = left.map((c) => c.labels[LABEL.previous]).find(Boolean);
  for (const c of left) await host.remove(c.id);
  const previous = containers.find((c) => c.id === previousId);
  if (previous) {
    await restore(host, service, undefined, { container: previous });
    return `${host.name}: removed ${left.length} container(s) of deployment ${deadDeployment}, ${previous.image} running again`;
  }
  return `${host.name}: removed ${left.length} container(s) of deployment ${deadDeployment}; it ran nothing before`;
}

/** Removes the oldest kept containers beyond `keep`; the chain of `previous` labels is what stays. */
export async function prune(host: DockerHost, service: string, keep: number): Promise<string[]> {
  const containers = await host.serviceContainers(service);
  const current = containers.find((c) => c.name === service);
  // Walk the chain of rollback points from the current container: those are the ones worth keeping.
  const chain: string[] = [];
  let next = current?.labels[LABEL.previous];
  while (next && chain.length < keep && !chain.includes(next)) {
    const c = containers.find((x) => x.id === next);
    if (!c) break;
    chain.push(c.id);
    next = c.labels[LABEL.previous];
  }
  const kept = containers.filter((c) => c.id !== current?.id && !c.running);
  // Then, if the chain is shorter than `keep`, the newest of the others.
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
