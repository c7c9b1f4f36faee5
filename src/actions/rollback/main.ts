// actions/rollback: every selected host back to the version its current one replaced (`to:
// previous`, from the records on the hosts), or to a named image, in canary batches with health checks.
import { outputsOf, errorWasLogged } from '../../deploy';
import { RunError } from '../../errors';
import { core, input, runAction } from '../runtime';
import { Publisher } from '../shared/publish';
import { readPublishInputs, readRolloutInputs } from '../shared/rollout-inputs';
import { runRollout } from '../shared/rollout-step';

export async function run(): Promise<void> {
  await runAction(async (log) => {
    const settings = readRolloutInputs();
    const to = input('to') || 'previous';
    if (to === 'previous') settings.target = 'previous';
    else settings.overrides.image = to;
    const publisher = new Publisher(readPublishInputs(), log);
    const { report } = await runRollout(settings, log, publisher);
    await publisher.finished(report);
    const outputs = outputsOf(report, settings.reportFile);
    // For a rollback, success is every host back on its previous version.
    core.setOutput('result', report.result === 'deployed' ? 'rolled-back' : 'failed');
    core.setOutput('hosts', outputs['updated-hosts']);
    core.setOutput('report-file', outputs['report-file']);
    if (errorWasLogged(report)) process.exitCode = 1; // logged with every host already
    else if (report.result !== 'deployed') throw new RunError(`the rollback stopped: ${report.error ?? report.result}; every host it touched runs what it ran before`);
  });
}
