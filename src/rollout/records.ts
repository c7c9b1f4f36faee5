// The names and labels of the records a rollout keeps on each host. With the service containers'
// own labels (hosts/engine.ts LABEL) they are all that a repair needs: see docs/reliability.md.
import { short } from '../hosts/engine';

/** The name a replaced container is kept under (a rollback point). */
export function keptName(service: string, id: string): string {
  return `${service}.old-${short(id)}`;
}

/** The name of a run's new container until it becomes the service's. */
export function pendingName(service: string, deployment: string): string {
  return `${service}.new-${deployment}`;
}

export function isKeptName(service: string, name: string): boolean {
  return name.startsWith(`${service}.old-`);
}

/**
 * Record containers (never started, made from an empty image): the deploy lock, its heartbeats,
 * a lock taken over from a dead run (kept until that run's hosts are repaired), and the intent of
 * a switch to a kept container. All carry the service and the deployment they belong to.
 */
export const RECORD = {
  service: 'aviary.record.service',
  kind: 'aviary.record.kind',
  deployment: 'aviary.record.deployment',
  // the lock's holder
  owner: 'aviary.record.owner',
  machine: 'aviary.record.machine',
  boot: 'aviary.record.boot',
  pid: 'aviary.record.pid',
  process: 'aviary.record.process',
  acquiredAt: 'aviary.record.acquired-at',
  timeoutMs: 'aviary.record.timeout-ms',
  // a heartbeat that also says how the run ended
  outcome: 'aviary.record.outcome',
  // an intent: put `from` back if the run dies after switching to `to`
  from: 'aviary.record.from',
  to: 'aviary.record.to',
} as const;

export type RecordKind = 'lock' | 'beat' | 'dead' | 'intent';

export function lockName(service: string): string {
  return `aviary-lock.${service}`;
}

export function beatName(service: string, deployment: string, n: number): string {
  return `aviary-lock.${service}.beat-${deployment}-${n}`;
}

/** A dead run's lock, renamed by the one run that took it over (the rename is the atomic step). */
export function deadName(service: string, lockId: string): string {
  return `aviary-lock.${service}.dead-${short(lockId)}`;
}

export function intentName(service: string, deployment: string): string {
  return `aviary-intent.${service}.${deployment}`;
}
