// `aviary retire`: drain and remove the service, its kept containers and its records from named hosts.
import { retire } from '../ops/retire';
import { cancelOnSignals } from '../util/cancel';
import { Command } from './command';
import { deployFlags, readDeploySettings } from './deploy';

export const command: Command = {
  name: 'retire',
  summary:
    'under the deploy lock, drain (before-stop hook) and remove the service, its kept containers and its records from the named hosts; the rest of the group is untouched',
  usage: 'aviary retire [flags] --hosts web-3,web-4',
  flags: [
    { name: 'hosts', description: 'hosts to retire the service from, comma-separated (required)' },
    ...deployFlags.filter((f) =>
      ['config', 'groups', 'lock-wait', 'force-unlock', 'ssh-key', 'ssh-known-hosts', 'no-ssh-host-key-check'].includes(
        f.name,
      ),
    ),
    { name: 'dry-run', description: 'print which hosts would be retired, changing nothing', boolean: true },
  ],
  async run(args, log) {
    const settings = readDeploySettings(args, args.get('dry-run') === 'true');
    const hosts = (args.get('hosts') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const result = await retire(settings, hosts, log, process.env, cancelOnSignals(log));
    return result.ok ? 0 : 1;
  },
};
