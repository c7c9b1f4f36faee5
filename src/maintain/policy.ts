// When a maintenance wave stops: aviary's answer to Ansible's serial + max_fail_percentage. Pure.
//
// Ansible counts failures per batch against max_fail_percentage, but also ends the play when every
// host of a batch failed, whatever the percentage (ansible#76915: with serial: 1, or a canary of
// one, max_fail_percentage: 100 cannot keep a play going). aviary's rule, stated in hosts:
//   1. Failures are counted over the whole wave against max-unhealthy (a count, or a percentage of
//      the hosts in scope rounded down — the rollout's budget). The failure that goes over it stops
//      the wave: no further host starts; hosts already running the command finish and are checked.
//   2. A batch whose hosts all failed stops the wave even within the budget (a command that fails
//      everywhere it ran is broken, not the hosts) — unless the budget allows every host in scope
//      to fail (max-unhealthy: 100%, or a count ≥ the hosts): that is how to say "run it on every
//      host whatever happens", which Ansible cannot express.
//   3. A failing gate after a batch stops the wave.

export interface WaveCount {
  total: number; // hosts in scope
  allowed: number; // the budget: failures allowed over the whole wave
  failed: number; // failures so far, this batch included
}

/** Rule 1: after a failure, may another host start? */
export function overBudget(c: WaveCount): boolean {
  return c.failed > c.allowed;
}

/** Rule 2: a batch that ended with every one of its hosts failed. */
export function batchStops(c: WaveCount, batchSize: number, batchFailed: number): boolean {
  if (overBudget(c)) return true;
  const unlimited = c.allowed >= c.total;
  return !unlimited && batchSize > 0 && batchFailed === batchSize;
}
