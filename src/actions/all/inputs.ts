// The all-in-one action's inputs, each read once: the build's, the push's registry and retries, and
// the shared rollout, gates and publish inputs.
import { BuildSettings } from '../../build/settings';
import { DeploySettings } from '../../deploy';
import { Logger } from '../../log';
import { readBuildInputs } from '../build/inputs';
import { inputReader } from '../runtime';
import { BUILD_INPUTS, GATES_INPUTS, PUBLISH_INPUTS, ROLLOUT_INPUTS } from '../shared/names';
import { PublishSettings } from '../shared/publish';
import { readPublishInputs, readRolloutInputs } from '../shared/rollout-inputs';

// username and password are in ROLLOUT_INPUTS: the same credentials push the image and pull it on the hosts.
export const INPUTS = [
  ...BUILD_INPUTS,
  ...ROLLOUT_INPUTS,
  ...GATES_INPUTS,
  ...PUBLISH_INPUTS,
  'registry',
  'retries',
] as const;

export interface AllInputs {
  build: BuildSettings;
  /** Raw: the push's settings are parsed with the tags the build made (push/settings.ts). */
  push: { registry: string; retries: string };
  /** The rollout; its image is the digest the push reports. */
  rollout: DeploySettings;
  publish: PublishSettings;
}

/** `log` gets the password as a secret before anything is validated, so that no later line can carry it. */
export function readAllInputs(log?: Pick<Logger, 'secret'>, env: NodeJS.ProcessEnv = process.env): AllInputs {
  const read = inputReader(INPUTS);
  log?.secret(read.text('password'));
  const build = readBuildInputs();
  const rollout = readRolloutInputs(env);
  rollout.overrides.gates = read.text('gates') || undefined;
  return {
    build,
    rollout,
    publish: readPublishInputs(),
    push: { registry: read.text('registry'), retries: read.text('retries') },
  };
}
