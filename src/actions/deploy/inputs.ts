// The deploy action's inputs: the shared rollout inputs plus the image to deploy.
import { DeploySettings } from '../../deploy';
import { input } from '../runtime';
import { readRolloutInputs } from '../shared/rollout-inputs';

export function readDeployInputs(env: NodeJS.ProcessEnv = process.env): DeploySettings {
  const settings = readRolloutInputs(env);
  settings.overrides.image = input('image') || undefined;
  settings.overrides.gates = input('gates') || undefined;
  return settings;
}
