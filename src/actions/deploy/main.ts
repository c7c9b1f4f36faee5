// actions/deploy: read inputs → roll out → set outputs. SIGINT/SIGTERM cancel the rollout cleanly.
import { cancelOnSignals } from '../../util/cancel';
import { deploy, newDeploymentId, outputsOf, errorWasLogged } from '../../deploy';
import { InputError, RunError, show } from '../../errors';
import { core, input, runAction } from '../runtime';
import { Publisher } from '../shared/publish';
import { readPublishInputs } from '../shared/rollout-inputs';
import { readDeployInputs } from './inputs';

export async function run(): Promise<void> {
  await runAction(async (log) => {
    const settings = readDeployInputs();
    const mode = input('mode') || 'deploy';
    if (mode === 'status') {
      const { readStatus, renderStatus } = await import('../../status');
      const status = await log.group('Status', () => readStatus(settings, log));
      log.info(renderStatus(status));
      core.setOutput('status', JSON.stringify(status));
      return;
    }
    if (mode !== 'deploy') throw new InputError(`input mode: ${show(mode)} is not deploy or status`);
    const publisher = new Publisher(readPublishInputs(), log);
    const signal = cancelOnSignals(log);
    // The post step repairs from the hosts' records if this step dies before it finishes.
    settings.deployment = newDeploymentId();
    core.saveState('deployment', settings.deployment);
    const { report } = await deploy(settings, log, process.env, signal, publisher);
    core.saveState('finished', 'true');
    await publisher.finished(report);
    for (const [name, value] of Object.entries(outputsOf(report, settings.reportFile))) core.setOutput(name, value);
    core.setOutput('deployment-id', publisher.githubDeploymentId);
    if (errorWasLogged(report)) process.exitCode = 1; // logged with every host already
    else if (report.result !== 'deployed') throw new RunError(report.error ?? `the rollout ended ${report.result}`);
  });
}
