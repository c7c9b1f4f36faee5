// The inputs deploy, rollback and the all-in-one action share (ROLLOUT_INPUTS, PUBLISH_INPUTS), read
// into the engine's settings. The post step reads the rollout ones again to repair a run.
import * as fs from 'node:fs';
import { DeploySettings } from '../../deploy';
import { inputReader } from '../runtime';
import { PUBLISH_INPUTS, ROLLOUT_INPUTS } from './names';
import { PublishSettings } from './publish';

/** config, groups, strategy overrides, dry-run, force-unlock, credentials, SSH, report file. */
export function readRolloutInputs(env: NodeJS.ProcessEnv = process.env): DeploySettings {
  const read = inputReader(ROLLOUT_INPUTS);
  const knownHosts = read.text('ssh-known-hosts');
  return {
    configPath: read.text('config') || 'aviary.yml',
    overrides: {
      groups: read.list('groups'),
      batches: read.text('batches') || undefined,
      parallel: read.text('parallel') || undefined,
      maxUnhealthy: read.text('max-unhealthy') || undefined,
      pause: read.text('pause') || undefined,
      metricsUrl: read.text('metrics-url') || undefined,
      lockWait: read.text('lock-wait') || undefined,
    },
    dryRun: read.flag('dry-run', false),
    forceUnlock: read.flag('force-unlock', false),
    registry: { username: read.text('username') || undefined, password: read.text('password') || undefined },
    ssh: {
      key: read.text('ssh-key') || env.AVIARY_SSH_KEY || undefined,
      // A path is read; anything else is taken as known_hosts lines.
      knownHosts:
        knownHosts && !knownHosts.includes(' ') && fs.existsSync(knownHosts)
          ? fs.readFileSync(knownHosts, 'utf8')
          : knownHosts || undefined,
      hostKeyCheck: read.flag('ssh-host-key-check', true),
    },
    reportFile: read.text('report-file') || undefined,
  };
}

/** summary, github-token, environment, environment-url. */
export function readPublishInputs(): PublishSettings {
  const read = inputReader(PUBLISH_INPUTS);
  return {
    summary: read.flag('summary', true),
    githubToken: read.text('github-token') || undefined,
    environment: read.text('environment') || undefined,
    environmentUrl: read.text('environment-url') || undefined,
  };
}
