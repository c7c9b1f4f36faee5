// actions/deploy post step (post-if: always()): repairs what a killed main step left half-done.
// Like actions/checkout's post step it only ever warns; it never fails the job.
import { describeError } from '../../errors';
import { ActionsLogger, core } from '../runtime';

export async function run(): Promise<void> {
  const deployment = core.getState('deployment');
  if (!deployment || core.getState('finished') === 'true') return;
  const log = new ActionsLogger();
  try {
    // Loaded only when there is something to repair: most post steps end above, at once.
    const [{ recover }, { readDeployInputs }] = await Promise.all([import('../../deploy'), import('./inputs')]);
    const settings = readDeployInputs();
    if (settings.dryRun) return;
    log.warn(`the deploy step did not finish: repairing what deployment ${deployment} left on the hosts`);
    const done = await recover(settings, deployment, log);
    log.info(done.length ? done.join('\n') : 'nothing to repair: every host runs its recorded version');
  } catch (err) {
    log.warn(`could not repair after deployment ${deployment}: ${describeError(err)}`);
  }
}
