// The deploy action's inputs, each read once: the shared rollout and publish inputs, the image and
// gates, the mode, and the inputs of the modes other than deploy.
import { DeploySettings } from '../../deploy';
import { InputError, show } from '../../errors';
import { parseDuration } from '../../util/duration';
import { inputReader } from '../runtime';
import { GATES_INPUTS, PUBLISH_INPUTS, ROLLOUT_INPUTS } from '../shared/names';
import { PublishSettings } from '../shared/publish';
import { readPublishInputs, readRolloutInputs } from '../shared/rollout-inputs';

/** The modes other than deploy and status, each on its own engine (./modes.ts). */
export const MODES = ['sync', 'retire', 'maintain', 'doctor'] as const;

export type Mode = 'deploy' | 'status' | (typeof MODES)[number];

export const INPUTS = [
  ...ROLLOUT_INPUTS,
  ...PUBLISH_INPUTS,
  ...GATES_INPUTS,
  'image',
  'mode',
  'hosts',
  'command',
  'ssh-user',
  'command-timeout',
] as const;

export interface DeployInputs {
  /** The rollout (or the mode's run): config, overrides, image, gates, credentials. */
  settings: DeploySettings;
  publish: PublishSettings;
  mode: Mode;
  /** Inputs of the modes other than deploy: the hosts retire, maintain and doctor act on; maintain's command. */
  modes: {
    hosts: string[];
    command: string;
    /** '' → maintain's default user. */
    sshUser: string;
    /** undefined → maintain's default; checked only in mode maintain. */
    commandTimeoutMs?: number;
  };
}

export function readDeployInputs(env: NodeJS.ProcessEnv = process.env): DeployInputs {
  const read = inputReader(INPUTS);
  const settings = readRolloutInputs(env);
  settings.overrides.image = read.text('image') || undefined;
  settings.overrides.gates = read.text('gates') || undefined;
  const publish = readPublishInputs();
  const mode = read.text('mode') || 'deploy';
  if (!isMode(mode)) throw new InputError(`input mode: ${show(mode)} is not deploy, status, ${MODES.join(', ')}`);
  const timeout = read.text('command-timeout');
  let commandTimeoutMs: number | undefined;
  if (mode === 'maintain' && timeout) {
    commandTimeoutMs = parseDuration(timeout);
    if (!commandTimeoutMs || commandTimeoutMs <= 0) {
      throw new InputError(`input command-timeout: ${JSON.stringify(timeout)} is not a duration like 90s or 30m`);
    }
  }
  const modes = {
    hosts: read.list('hosts'),
    command: read.text('command'),
    sshUser: read.text('ssh-user'),
    commandTimeoutMs,
  };
  return { settings, publish, mode, modes };
}

function isMode(mode: string): mode is Mode {
  return mode === 'deploy' || mode === 'status' || (MODES as readonly string[]).includes(mode);
}
