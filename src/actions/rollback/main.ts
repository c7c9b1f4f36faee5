// actions/rollback: every selected host back to the version its current one replaced (`to:
// previous`, from the records on the hosts), or to a named image, in canary batches with health checks.
import { outputWriter, runAction } from '../runtime';
import { OUTPUT } from '../shared/names';
import { Publisher } from '../shared/publish';
import { finishRollout, runRollout } from '../shared/rollout-step';
import { readRollbackInputs } from './inputs';

export const OUTPUTS = [OUTPUT.result, OUTPUT.hosts, OUTPUT.reportFile] as const;

export async function run(): Promise<void> {
  await runAction(async (log) => {
    const out = outputWriter(OUTPUTS);
    const { settings, publish } = readRollbackInputs();
    const publisher = new Publisher(publish, log);
    const { report } = await runRollout(settings, log, publisher);
    await finishRollout(report, settings.reportFile, publisher, {
      setOutputs: (outputs) => {
        // For a rollback, success is every host back on its previous version.
        out.set(OUTPUT.result, report.result === 'deployed' ? 'rolled-back' : 'failed');
        out.set(OUTPUT.hosts, outputs[OUTPUT.updatedHosts]);
        out.set(OUTPUT.reportFile, outputs[OUTPUT.reportFile]);
      },
      failure: (r) => `the rollback stopped: ${r.error ?? r.result}; every host it touched runs what it ran before`,
    });
  });
}
