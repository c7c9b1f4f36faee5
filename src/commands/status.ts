// `aviary status` and `aviary unlock`: read what every host runs; remove a dead run's lock.
import { prepare } from '../deploy';
import { openHosts } from '../hosts/open';
import { forceUnlock } from '../rollout/lock';
import { repair } from '../rollout/swap';
import { mapLimit } from '../util/pool';
import { readStatus, renderStatus } from '../status';
import { Command } from './command';
import { deployFlags, readDeploySettings } from './deploy';

const connectionFlags = deployFlags.filter((f) => ['config', 'groups', 'ssh-key', 'ssh-known-hosts', 'no-ssh-host-key-check'].includes(f.name));

export const command: Command = {
  name: 'status',
  summary: 'show, per group and host, the running version and digest, since when and by whom, the previous versions kept, health now, and the lock',
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
  summary: 'remove the deploy lock of the service from every host, whoever holds it (for a run known to be gone), and put back the hosts that run left half-done',
  usage: 'aviary unlock [flags]',
  flags: connectionFlags,
  async run(args, log) {
    const settings = readDeploySettings(args, true);
    const config = prepare({ ...settings, target: 'previous' }, log, process.env);
    const hosts = await openHosts(config.groups.flatMap((g) => g.hosts), { parallel: config.strategy.parallel, ssh: settings.ssh }, log);
    try {
      const removed = await forceUnlock(config.service, [...hosts.values()], log);
      log.info(removed.length ? `removed the lock from ${removed.length} host(s)` : 'no lock was held');
      // The lock was the record of what its run touched: put those hosts back before it is gone for good.
      for (const deployment of new Set(removed.map((l) => l.deployment))) {
        await mapLimit([...hosts.values()], config.strategy.parallel, async (host) => {
          const line = await repair(host, config.service, deployment);
          if (line) log.warn(line);
        });
      }
    } finally {
      for (const h of hosts.values()) h.close();
    }
  },
};
