import { LockOwner } from '../../src/rollout/lock';

/** A lock owner for the in-memory engine's runs: no pid or boot id, so only the heartbeat decides. */
export function lockOwner(deployment: string): LockOwner {
  return { owner: `test ${deployment}`, deployment, machine: 'model', boot: '', pid: 0, process: '' };
}
