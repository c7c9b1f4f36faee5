// The post step (post-if: always()) of deploy, rollback and the all-in-one action: when the main
// step died before it was done, repairs from the records on the hosts what it left, reports each
// host, and fails the step when a host is left without a healthy version.
import { describeError } from '../../errors';
import { ActionsLogger, core } from '../runtime';
import { STATE } from './names';

export async function run(): Promise<void> {
  const deployment = core.getState(STATE.deployment);
  if (!deployment || core.getState(STATE.done) === 'true') return;
  const decided = core.getState(STATE.decided) === 'true';
  const log = new ActionsLogger();
  try {
    // Loaded only when there is something to do: most post steps end above, at once.
    const [{ recover }, { renderRecovery }, { readRolloutInputs }] = await Promise.all([
      import('../../deploy'),
      import('../../rollout/recover'),
      import('./rollout-inputs'),
    ]);
    const settings = readRolloutInputs();
    if (settings.dryRun) return;
    log.warn(
      decided
        ? `the step ended after deployment ${deployment} had decided its outcome: cleaning up after it, undoing nothing`
        : `the step did not finish: repairing what deployment ${deployment} left on the hosts`,
    );
    const recovery = await log.group('Repair', () => recover(settings, deployment, log, process.env, decided));
    for (const line of renderRecovery(recovery)) log.info(line);
    if (!recovery.ok) {
      const bad = recovery.hosts.filter((h) => !['fine', 'empty', 'locked'].includes(h.state));
      core.setFailed(
        `${bad.length} host(s) may be without a healthy version after deployment ${deployment}: ${bad.map((h) => `${h.host} (${h.state}: ${h.detail})`).join('; ')}`,
      );
    }
  } catch (err) {
    core.setFailed(`could not repair after deployment ${deployment}: ${describeError(err)}`);
  }
}
