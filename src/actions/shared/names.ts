// The names the action.yml files and the entries share: the inputs several actions read, every
// output, and the keys under which a main step tells its post step how far it got.

/** Inputs of every action that rolls out (deploy, rollback, all-in-one); the post step reads them too. */
export const ROLLOUT_INPUTS = [
  'config',
  'groups',
  'batches',
  'parallel',
  'max-unhealthy',
  'pause',
  'metrics-url',
  'lock-wait',
  'dry-run',
  'force-unlock',
  'username',
  'password',
  'ssh-key',
  'ssh-known-hosts',
  'ssh-host-key-check',
  'report-file',
] as const;

/** What the rolling-out actions publish around a rollout: the job summary and a GitHub deployment. */
export const PUBLISH_INPUTS = ['summary', 'github-token', 'environment', 'environment-url'] as const;

/** The build's inputs, which the all-in-one action reads too (as docker/build-push-action names them). */
export const BUILD_INPUTS = [
  'context',
  'file',
  'tags',
  'image',
  'labels',
  'build-args',
  'target',
  'pull',
  'no-cache',
  'semver-tags',
  'latest',
  'secrets',
  'secret-files',
  'ssh',
  'cache-from',
  'cache-to',
  'platforms',
] as const;

/** Gates beside the config's, read by deploy and the all-in-one action (not rollback: a rollback is not gated). */
export const GATES_INPUTS = ['gates'] as const;

/** Every output of every action; each action's main lists the ones it sets. */
export const OUTPUT = {
  imageid: 'imageid',
  tags: 'tags',
  metadata: 'metadata',
  digest: 'digest',
  image: 'image',
  platforms: 'platforms',
  result: 'result',
  updatedHosts: 'updated-hosts',
  rolledBackHosts: 'rolled-back-hosts',
  reportFile: 'report-file',
  availability: 'availability',
  deploymentId: 'deployment-id',
  status: 'status',
  hosts: 'hosts',
} as const;

export type OutputName = (typeof OUTPUT)[keyof typeof OUTPUT];

/** The outputs of a rollout, as the engine's outputsOf names them, plus the GitHub deployment's id. */
export const ROLLOUT_OUTPUTS = [
  OUTPUT.result,
  OUTPUT.digest,
  OUTPUT.updatedHosts,
  OUTPUT.rolledBackHosts,
  OUTPUT.reportFile,
  OUTPUT.availability,
  OUTPUT.deploymentId,
] as const;

export type RolloutOutput = (typeof ROLLOUT_OUTPUTS)[number];

/** The names under which a main step tells its post step how far it got (core.saveState). */
export const STATE = {
  /** This run's deployment id: saved before any host is touched. */
  deployment: 'deployment',
  /** The rollout's outcome is recorded on the hosts: the post step must not undo it. */
  decided: 'decided',
  /** The rollout returned (lock released): the post step has nothing to do. */
  done: 'done',
} as const;
