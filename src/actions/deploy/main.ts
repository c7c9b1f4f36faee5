// actions/deploy: read inputs → roll out → set outputs. SIGINT/SIGTERM cancel the rollout cleanly.
import { outputsOf, errorWasLogged } from '../../deploy';
import { InputError, RunError, show } from '../../errors';
import { core, input, runAction } from '../runtime';
import { Publisher } from '../shared/publish';
import { readPublishInputs } from '../shared/rollout-inputs';
import { runRollout } from '../shared/rollout-step';
import { readDeployInputs } from './inputs';
import { MODES, runMode } from './modes';

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
    if (await runMode(mode, settings, log)) return;
    if (mode !== 'deploy') throw new InputError(`input mode: ${show(mode)} is not deploy, status, ${MODES.join(', ')}`);
    const publisher = new Publisher(readPublishInputs(), log);
    const { report } = await runRollout(settings, log, publisher);
    await publisher.finished(report);
    for (const [name, value] of Object.entries(outputsOf(report, settings.reportFile))) core.setOutput(name, value);
    core.setOutput('deployment-id', publisher.githubDeploymentId);
    if (errorWasLogged(report)) process.exitCode = 1; // logged with every host already
    else if (report.result !== 'deployed') throw new RunError(report.error ?? `the rollout ended ${report.result}`);
  });
}
