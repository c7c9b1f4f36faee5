// The inputs deploy and rollback share, read into the engine's settings. An action that imports
// this file declares these inputs in its action.yml (test/unit/action-inputs.test.ts checks it).
import * as fs from 'node:fs';
import { DeploySettings } from '../../deploy';
import { booleanInput, input, listInput } from '../runtime';
import { PublishSettings } from './publish';

/** config, groups, strategy overrides, dry-run, force-unlock, credentials, SSH, report file. */
export function readRolloutInputs(env: NodeJS.ProcessEnv = process.env): DeploySettings {
  const knownHosts = input('ssh-known-hosts');
  return {
    configPath: input('config') || 'aviary.yml',
    overrides: {
      groups: listInput('groups'),
      batches: input('batches') || undefined,
      parallel: input('parallel') || undefined,
      maxUnhealthy: input('max-unhealthy') || undefined,
      pause: input('pause') || undefined,
      metricsUrl: input('metrics-url') || undefined,
      lockWait: input('lock-wait') || undefined,
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

/** summary, github-token, environment, environment-url. */
export function readPublishInputs(): PublishSettings {
  return {
    summary: booleanInput('summary', true),
    githubToken: input('github-token') || undefined,
    environment: input('environment') || undefined,
    environmentUrl: input('environment-url') || undefined,
  };
}
