// `aviary status` and `aviary unlock`: read what every host runs; remove a dead run's lock.
import { newDeploymentId, recover } from '../deploy';
import { renderRecovery } from '../rollout/recover';
import { readStatus, renderStatus } from '../status';
import { Command } from './command';
import { deployFlags, readDeploySettings } from './deploy';

const connectionFlags = deployFlags.filter((f) =>
  ['config', 'groups', 'ssh-key', 'ssh-known-hosts', 'no-ssh-host-key-check'].includes(f.name),
);

export const command: Command = {
  name: 'status',
  summary:
    'show, per group and host, the running version and digest, since when and by whom, the previous versions kept, health now, and the lock',
  usage: 'aviary status [flags]',
  flags: [...connectionFlags, { name: 'json', description: 'print JSON instead of text', boolean: true }],
  async run(args, log) {
    const status = await readStatus(readDeploySettings(args, true), log);
    log.info(args.get('json') === 'true' ? JSON.stringify(status, null, 2) : renderStatus(status));
    return status.hosts.every((h) => h.reachable && !h.error) ? 0 : 1;
  },
};

export const unlockCommand: Command = {
  name: 'unlock',
  summary:
    'take the deploy lock of the service from whoever holds it (for a run known to be gone), put back the hosts that run left half-done, check every host, and release the lock',
  usage: 'aviary unlock [flags]',
  flags: connectionFlags,
  async run(args, log) {
    const settings = readDeploySettings(args, true);
    // As a run of its own: the holder's lock is taken over (force), its records repaired, then released.
    const recovery = await recover(settings, newDeploymentId(), log, process.env, false, true);
    for (const line of renderRecovery(recovery)) log.info(line);
    return recovery.ok ? 0 : 1;
  },
};
