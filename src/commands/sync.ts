// `aviary sync`: bring every host of the groups to the version the group runs now (or the one given).
import { sync, renderSync } from '../ops/sync';
import { cancelOnSignals } from '../util/cancel';
import { Command } from './command';
import { deployFlags, readDeploySettings } from './deploy';

export const command: Command = {
  name: 'sync',
  summary:
    'bring every host of the groups to the version the group runs now (the newest healthy one recorded on its hosts, or IMAGE): hosts that run nothing or another version get it in canary batches, with health checks and rollback; the others are left alone',
  usage: 'aviary sync [flags] [IMAGE]',
  flags: [
    ...deployFlags.filter((f) => !['summary-file', 'report-file'].includes(f.name)),
    { name: 'dry-run', description: 'print which hosts would change and why, changing nothing', boolean: true },
  ],
  async run(args, log) {
    const settings = readDeploySettings(args, args.get('dry-run') === 'true');
    const result = await sync(settings, log, process.env, cancelOnSignals(log));
    for (const line of renderSync(result)) log.info(line);
    return result.result === 'failed' ? 1 : 0;
  },
};
