// `aviary rollback`: every selected host back to its previous version (or --to an image).
import { cancelOnSignals } from '../util/cancel';
import { deploy, outputsOf } from '../deploy';
import { Command } from './command';
import { deployFlags, readDeploySettings, writeSummary } from './deploy';

export const command: Command = {
  name: 'rollback',
  summary:
    'put every selected host back on the version it ran before the current one (recorded on the hosts), in canary batches with health checks',
  usage: 'aviary rollback [flags]',
  flags: [
    { name: 'to', description: '"previous", or an image reference or tag to roll to', default: 'previous' },
    { name: 'dry-run', description: 'print which version each host would go back to, changing nothing', boolean: true },
    ...deployFlags.filter((f) => f.name !== 'image'),
  ],
  async run(args, log) {
    const settings = readDeploySettings(args, args.get('dry-run') === 'true');
    const to = args.get('to') ?? 'previous';
    if (to === 'previous') {
      settings.target = 'previous';
      settings.overrides.image = undefined;
    } else settings.overrides.image = to;
    const signal = cancelOnSignals(log);
    const { report } = await deploy(settings, log, process.env, signal);
    writeSummary(args.get('summary-file'), report);
    const outputs = outputsOf(report, settings.reportFile);
    log.info(`result=${report.result === 'deployed' ? 'rolled-back' : 'failed'}`);
    log.info(`hosts=${outputs['updated-hosts']}`);
    if (report.result !== 'deployed') {
      log.error(`the rollback stopped: ${report.error ?? report.result}`);
      return 1;
    }
    return 0;
  },
};
