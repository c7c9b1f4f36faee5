// The names under which a main step tells its post step how far it got (core.saveState).
export const STATE = {
  /** This run's deployment id: saved before any host is touched. */
  deployment: 'deployment',
  /** The rollout's outcome is recorded on the hosts: the post step must not undo it. */
  decided: 'decided',
  /** The rollout returned (lock released): the post step has nothing to do. */
  done: 'done',
} as const;
