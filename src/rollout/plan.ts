// The rollout plan: which host goes in which batch. Pure, so dry-run prints exactly what will run.
import { Amount } from '../util/fields';
import { DeployConfig } from '../config/types';
import { HostSpec } from '../hosts/types';

export interface PlannedBatch {
  index: number; // 1-based, counted across the whole rollout
  total: number; // batches in the whole rollout
  group: string;
  hosts: HostSpec[];
}

export interface Plan {
  batches: PlannedBatch[];
}

/** Hosts of `total` that a percentage covers: rounded up, so "25%" of 7 hosts is 2 and never 0. */
function percentOf(percent: number, total: number): number {
  // The epsilon absorbs binary fractions (7% of 100 = 7.000000000000001), which must not become 8.
  return Math.ceil((percent * total) / 100 - 1e-9);
}

/**
 * Batch sizes for a group of `hostCount` hosts, with the semantics of Ansible's `serial` list: each
 * entry is a count or a percentage of the group, the last entry repeats until every host is in a
 * batch, and no batch is larger than the hosts left.
 *
 * One difference, on purpose: Ansible truncates percentages (`int(pct / 100.0 * num_items) or 1`,
 * pct_to_int in lib/ansible/utils/helpers.py; the docs' "serial" section only promises "always 1 or
 * greater"), so "30%" of 5 hosts is 1 there. aviary rounds up (DESIGN.md), as Kubernetes does
 * for maxSurge: the batch is at least the share that was asked for, and "34%" of 3 hosts is 2 rather
 * than 1. The minimum of 1 host per batch is the same.
 */
export function planBatches(hostCount: number, batches: Amount[]): number[] {
  if (!Number.isInteger(hostCount) || hostCount <= 0) return [];
  const entries = batches.length > 0 ? batches : [{ percent: 100 }];
  const sizes: number[] = [];
  let remaining = hostCount;
  for (let i = 0; remaining > 0; i++) {
    const entry = entries[Math.min(i, entries.length - 1)];
    const wanted = 'count' in entry ? entry.count : percentOf(entry.percent, hostCount);
    const size = Math.min(Math.max(1, Math.floor(wanted)), remaining);
    sizes.push(size);
    remaining -= size;
  }
  return sizes;
}

/** Groups one after another in config order; within a group, hosts in file order. */
export function planRollout(config: DeployConfig): Plan {
  const drafts: Omit<PlannedBatch, 'index' | 'total'>[] = [];
  for (const group of config.groups) {
    let next = 0;
    for (const size of planBatches(group.hosts.length, group.strategy.batches)) {
      drafts.push({ group: group.name, hosts: group.hosts.slice(next, next + size) });
      next += size;
    }
  }
  return { batches: drafts.map((b, i) => ({ index: i + 1, total: drafts.length, ...b })) };
}

/**
 * How many hosts may end unhealthy before the rollout is rolled back. A percentage rounds DOWN
 * (unlike batch sizes): a budget is a limit on harm, and rounding up would allow more failures
 * than were asked for — "10%" of 5 hosts allows none, not one. Kubernetes rounds maxUnavailable down
 * for the same reason. A count above the number of hosts is simply never reached.
 */
export function budget(maxUnhealthy: Amount, totalHosts: number): number {
  if ('count' in maxUnhealthy) return Math.max(0, Math.floor(maxUnhealthy.count));
  return Math.max(0, Math.floor((maxUnhealthy.percent * totalHosts) / 100 + 1e-9));
}
