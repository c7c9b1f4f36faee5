// actions/deploy: read inputs → roll out → set outputs. SIGINT/SIGTERM cancel the rollout cleanly.
import { outputWriter, runAction } from '../runtime';
import { OUTPUT, ROLLOUT_OUTPUTS } from '../shared/names';
import { Publisher } from '../shared/publish';
import { finishRollout, runRollout } from '../shared/rollout-step';
import { readDeployInputs } from './inputs';
import { runMode } from './modes';

export const OUTPUTS = [...ROLLOUT_OUTPUTS, OUTPUT.status] as const;

export async function run(): Promise<void> {
  await runAction(async (log) => {
    const out = outputWriter(OUTPUTS);
    const inputs = readDeployInputs();
    const { settings } = inputs;
    if (inputs.mode === 'status') {
      const { readStatus, renderStatus } = await import('../../status');
      const status = await log.group('Status', () => readStatus(settings, log));
      log.info(renderStatus(status));
      out.set(OUTPUT.status, JSON.stringify(status));
      return;
    }
    if (inputs.mode !== 'deploy') return runMode(inputs.mode, inputs, log, out);
    const publisher = new Publisher(inputs.publish, log);
    const { report } = await runRollout(settings, log, publisher);
    await finishRollout(report, settings.reportFile, publisher, {
      setOutputs: (outputs) => {
        for (const name of ROLLOUT_OUTPUTS) out.set(name, outputs[name]);
      },
    });
  });
}
