// The part of deploy, rollback and the all-in-one action that runs a rollout and ends the step: it tells
// the post step, through the step's state, how far it got (see ./post.ts), cancels on SIGINT/SIGTERM,
// and sets the outputs and the step's exit the same way for the three.
import { deploy, DeployRun, DeploySettings, errorWasLogged, newDeploymentId, outputsOf } from '../../deploy';
import { RunError } from '../../errors';
import { RolloutReport } from '../../report/types';
import { cancelOnSignals } from '../../util/cancel';
import { ActionsLogger, core } from '../runtime';
import { OUTPUT, RolloutOutput, STATE } from './names';
import { Publisher } from './publish';

export async function runRollout(
  settings: DeploySettings,
  log: ActionsLogger,
  publisher: Publisher,
): Promise<DeployRun> {
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

/** A rollout's outputs by name: the engine's (as the CLI prints them too) and the GitHub deployment's id. */
export type RolloutOutputs = Record<RolloutOutput, string>;

export interface RolloutEnd {
  /** Sets the action's outputs from the rollout's (each action picks and names its own). */
  setOutputs(outputs: RolloutOutputs): void;
  /** The step's error when the rollout did not end deployed (and the engine has not logged it). */
  failure?(report: RolloutReport): string;
}

/**
 * The end of every rolling-out step: the GitHub deployment's last status and the job summary, the
 * outputs, then the exit. An error the engine already logged with every host fails the step with exit
 * code 1 and no second message; any other end than deployed fails it with `failure`'s message.
 */
export async function finishRollout(
  report: RolloutReport,
  reportFile: string | undefined,
  publisher: Publisher,
  end: RolloutEnd,
): Promise<void> {
  await publisher.finished(report);
  end.setOutputs(rolloutOutputs(report, reportFile, publisher.githubDeploymentId));
  if (errorWasLogged(report))
    process.exitCode = 1; // logged with every host already
  else if (report.result !== 'deployed')
    throw new RunError(end.failure?.(report) ?? report.error ?? `the rollout ended ${report.result}`);
}

/** outputsOf names its outputs as ROLLOUT_OUTPUTS does (test/unit/rollout-step.test.ts checks it). */
export function rolloutOutputs(
  report: RolloutReport,
  reportFile: string | undefined,
  deploymentId: string,
): RolloutOutputs {
  return {
    ...(outputsOf(report, reportFile) as Omit<RolloutOutputs, typeof OUTPUT.deploymentId>),
    [OUTPUT.deploymentId]: deploymentId,
  };
}
