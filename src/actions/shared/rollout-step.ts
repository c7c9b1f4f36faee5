// The part of deploy, rollback and the all-in-one action that runs a rollout: it tells the post
// step, through the step's state, how far it got (see ./post.ts), and cancels on SIGINT/SIGTERM.
import { deploy, DeployRun, DeploySettings, newDeploymentId } from '../../deploy';
import { RolloutReport } from '../../report/types';
import { cancelOnSignals } from '../../util/cancel';
import { ActionsLogger, core } from '../runtime';
import { Publisher } from './publish';
import { STATE } from './state';

export async function runRollout(settings: DeploySettings, log: ActionsLogger, publisher: Publisher): Promise<DeployRun> {
  settings.deployment = newDeploymentId();
  const signal = cancelOnSignals(log);
  const run = await deploy(settings, log, process.env, signal, {
    // Before the first host is touched: the post step repairs from the hosts' records if this step dies.
    locking: () => core.saveState(STATE.deployment, settings.deployment),
    started: (r) => publisher.started(r),
    // From here on nothing (report file, summary, GitHub API) may undo the rollout.
    decided: () => core.saveState(STATE.decided, 'true'),
  });
  if (!leftUnfinished(run.report)) core.saveState(STATE.done, 'true');
  return run;
}

/** A host that could not be put back (or whose rollback was cut short) is the post step's to try again. */
function leftUnfinished(report: RolloutReport): boolean {
  return report.hosts.some((h) => h.result === 'restore-failed');
}
