// The rollback action's inputs, each read once: the shared rollout and publish inputs, and `to`.
import { DeploySettings } from '../../deploy';
import { inputReader } from '../runtime';
import { PUBLISH_INPUTS, ROLLOUT_INPUTS } from '../shared/names';
import { PublishSettings } from '../shared/publish';
import { readPublishInputs, readRolloutInputs } from '../shared/rollout-inputs';

export const INPUTS = [...ROLLOUT_INPUTS, ...PUBLISH_INPUTS, 'to'] as const;

export interface RollbackInputs {
  /** The rollout, aimed at `to`: `previous` (the records on the hosts) or an image. */
  settings: DeploySettings;
  publish: PublishSettings;
}

export function readRollbackInputs(env: NodeJS.ProcessEnv = process.env): RollbackInputs {
  const read = inputReader(INPUTS);
  const settings = readRolloutInputs(env);
  const to = read.text('to') || 'previous';
  if (to === 'previous') settings.target = 'previous';
  else settings.overrides.image = to;
  return { settings, publish: readPublishInputs() };
}
