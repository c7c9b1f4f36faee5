// Finding and repairing what dead runs left on a host, under the lock: their new containers, their
// switches to kept containers, their taken-over locks and heartbeats. Used by every run after it
// takes the lock, by the actions' post steps and by `aviary unlock`.
import { HostEngine, LABEL, RecordContainer, ServiceContainer } from '../hosts/engine';
import { pendingName, RECORD } from './records';
import { restore, RestoreOutcome, SwitchWatcher } from './switch';

export interface HostSurvey {
  containers: ServiceContainer[];
  records: RecordContainer[];
  /**
   * Deployments other than the given ones that left records here: `finished` when they recorded
   * their outcome; `orphaned` when nothing here proves them unfinished (no lock, no new container).
   */
  dead: Map<string, { finished: boolean; orphaned: boolean }>;
}

/** Reads a host's service containers and records, and which runs left them unfinished. */
export async function survey(host: HostEngine, service: string, live: string[]): Promise<HostSurvey> {
  const [containers, records] = await Promise.all([
    host.serviceContainers(service),
    host.records(RECORD.service, service),
  ]);
  const dead = new Map<string, { finished: boolean; orphaned: boolean }>();
  // What proves a run did not finish: its lock (held, or renamed dead by a taker) or a new container
  // not yet made the service's. A run releases its lock only once every host is in a final state,
  // so heartbeats or intents left without a lock are clean-up, never a reason to undo anything.
  const locked = new Set(
    records.filter((r) => r.labels[RECORD.kind] === 'lock').map((r) => r.labels[RECORD.deployment]),
  );
  const pending = new Set(
    containers.filter((c) => c.name.startsWith(`${service}.new-`)).map((c) => c.labels[LABEL.deployment]),
  );
  const note = (deployment: string | undefined) => {
    if (!deployment || live.includes(deployment) || dead.has(deployment)) return;
    dead.set(deployment, {
      finished: finished(records, deployment),
      orphaned: !locked.has(deployment) && !pending.has(deployment),
    });
  };
  // Every record but a live run's lock (a taken-over lock, renamed, is a dead run's; so is the lock
  // of the run a post step repairs, which it holds again).
  for (const r of records) note(r.labels[RECORD.deployment]);
  for (const c of containers) if (c.name.startsWith(`${service}.new-`)) note(c.labels[LABEL.deployment]);
  return { containers, records, dead };
}

/** Whether a run recorded how it ended (then its records are clean-up, not damage to repair). */
function finished(records: RecordContainer[], deployment: string): boolean {
  return records.some((r) => r.labels[RECORD.deployment] === deployment && !!r.labels[RECORD.outcome]);
}

/** The dead runs that recorded their outcome on at least one of these hosts: undone on none. */
export function decidedRuns(surveys: HostSurvey[]): string[] {
  return [...new Set(surveys.flatMap((s) => [...s.dead].filter(([, d]) => d.finished).map(([dep]) => dep)))];
}

/** The runs whose records on this host need only clean-up: decided anywhere, or orphaned here. */
export function settledHere(survey: HostSurvey, decided: string[]): string[] {
  return [...decided, ...[...survey.dead].filter(([, d]) => d.orphaned).map(([dep]) => dep)];
}

export interface RepairResult {
  deployment: string;
  outcome: RestoreOutcome | { kind: 'finished' };
}

/**
 * Puts the host back on what it ran before each of these dead runs (unless the run had finished
 * deployed), then removes their records. `keep` is a record id not to remove (the lock this run holds).
 */
export async function repairDead(
  host: HostEngine,
  service: string,
  deployments: string[],
  records: RecordContainer[],
  keep?: string,
  decided: string[] = [],
  watch?: SwitchWatcher,
): Promise<RepairResult[]> {
  const results: RepairResult[] = [];
  for (const deployment of deployments) {
    const done = finished(records, deployment) || decided.includes(deployment);
    const outcome = done ? { kind: 'finished' as const } : await restore(host, service, deployment, watch);
    // A finished run switched or put back every host it touched: a new container of it still pending was made during the pre-pull and never used.
    if (done)
      for (const c of await host.serviceContainers(service))
        if (c.name === pendingName(service, deployment) && !c.running) await host.remove(c.id);
    // Only once the host is back are the run's records removed: a repair cut short is done again.
    for (const r of records) if (r.labels[RECORD.deployment] === deployment && r.id !== keep) await host.remove(r.id);
    results.push({ deployment, outcome });
  }
  return results;
}

/** One line for the log about a repair on a host. */
export function describeRepair(host: string, r: RepairResult): string | undefined {
  switch (r.outcome.kind) {
    case 'none':
      return undefined;
    case 'finished':
      return `${host}: deployment ${r.deployment} had finished; removed its leftover records`;
    default:
      return `${r.outcome.note} (repair of deployment ${r.deployment})`;
  }
}
