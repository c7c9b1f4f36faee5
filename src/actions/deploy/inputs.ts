// The deploy action's inputs, read once into the settings the engine takes.
import * as fs from 'node:fs';
import { DeploySettings } from '../../deploy';
import { booleanInput, input, listInput } from '../runtime';

export function readDeployInputs(env: NodeJS.ProcessEnv = process.env): DeploySettings {
  const knownHosts = input('ssh-known-hosts');
  return {
    configPath: input('config') || 'aviary.yml',
    overrides: {
      image: input('image') || undefined,
      groups: listInput('groups'),
      batches: input('batches') || undefined,
      parallel: input('parallel') || undefined,
      maxUnhealthy: input('max-unhealthy') || undefined,
      pause: input('pause') || undefined,
    },
    dryRun: booleanInput('dry-run', false),
    forceUnlock: booleanInput('force-unlock', false),
    registry: { username: input('username') || undefined, password: input('password') || undefined },
    ssh: {
      key: input('ssh-key') || env.AVIARY_SSH_KEY || undefined,
      // A path is read; anything else is taken as known_hosts lines.
      knownHosts: knownHosts && !knownHosts.includes(' ') && fs.existsSync(knownHosts) ? fs.readFileSync(knownHosts, 'utf8') : knownHosts || undefined,
      hostKeyCheck: booleanInput('ssh-host-key-check', true),
    },
    reportFile: input('report-file') || undefined,
  };
}
