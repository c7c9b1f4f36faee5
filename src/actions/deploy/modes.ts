// actions/deploy's other modes — sync, retire, maintain, doctor — on the same inputs as deploy, plus
// `hosts`, `command`, `ssh-user` and `command-timeout`. Each engine is loaded only when its mode runs.
import { newDeploymentId, writeReport } from '../../deploy';
import { RunError } from '../../errors';
import { cancelOnSignals } from '../../util/cancel';
import * as fs from 'node:fs';
import { ActionsLogger, core, OutputWriter } from '../runtime';
import { OUTPUT, STATE } from '../shared/names';
import { DeployInputs, MODES } from './inputs';

/** The outputs a mode sets: `result`, and the hosts it changed. */
type ModeOutputs = OutputWriter<typeof OUTPUT.result | typeof OUTPUT.updatedHosts>;

/** Runs a mode other than deploy and status. */
export async function runMode(
  mode: (typeof MODES)[number],
  inputs: DeployInputs,
  log: ActionsLogger,
  out: ModeOutputs,
): Promise<void> {
  const { settings } = inputs;
  if (mode !== 'doctor') {
    // The modes that take the deploy lock: if this step dies, the post step repairs and unlocks as for a deploy.
    settings.deployment = newDeploymentId();
    core.saveState(STATE.deployment, settings.deployment);
  }
  await run(mode, inputs, log, out);
}

/**
 * Runs the mode. Each mode that locks saves `done` once it returned with nothing left for the post
 * step; a host left half-done, or an error on the way, leaves the post step to look again.
 */
async function run(
  mode: (typeof MODES)[number],
  inputs: DeployInputs,
  log: ActionsLogger,
  out: ModeOutputs,
): Promise<void> {
  const {
    settings,
    modes: { hosts },
  } = inputs;
  const report = (value: unknown) => {
    if (settings.reportFile) writeReport(settings.reportFile, value as never);
  };
  const summaries = await import('../../ops/summary');
  const summary = (markdown: string) => {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file || !inputs.publish.summary) return;
    try {
      fs.appendFileSync(file, log.mask(markdown) + '\n');
    } catch (err) {
      log.warn(`could not write the job summary: ${(err as Error).message}`);
    }
  };
  if (mode === 'sync') {
    const { sync, renderSync } = await import('../../ops/sync');
    const result = await sync(settings, log, process.env, cancelOnSignals(log), {
      // As a deploy: once the outcome is recorded on the hosts, the post step must not undo it.
      decided: () => core.saveState(STATE.decided, 'true'),
    });
    for (const line of renderSync(result)) log.info(line);
    report(result);
    summary(summaries.syncSummary(result));
    out.set(OUTPUT.result, result.result);
    const updated = result.groups.flatMap(
      (g) => g.report?.hosts.filter((h) => h.result === 'updated').map((h) => h.name) ?? [],
    );
    out.set(OUTPUT.updatedHosts, updated.join(','));
    if (!result.groups.some((g) => g.report?.hosts.some((h) => h.result === 'restore-failed')))
      core.saveState(STATE.done, 'true');
    if (result.result === 'failed') throw new RunError(result.error ?? 'sync failed');
  } else if (mode === 'retire') {
    const { retire } = await import('../../ops/retire');
    const result = await retire(settings, hosts, log, process.env, cancelOnSignals(log));
    core.saveState(STATE.done, 'true');
    report(result);
    summary(summaries.retireSummary(result));
    out.set(OUTPUT.result, result.ok ? 'retired' : 'failed');
    out.set(
      OUTPUT.updatedHosts,
      result.hosts
        .filter((h) => h.ok)
        .map((h) => h.host)
        .join(','),
    );
    if (!result.ok)
      throw new RunError(
        result.hosts
          .filter((h) => !h.ok)
          .map((h) => `${h.host}: ${h.error}`)
          .join('\n'),
      );
  } else if (mode === 'maintain') {
    const { maintain, MAINTAIN_DEFAULTS, renderMaintain } = await import('../../maintain/maintain');
    const { command, sshUser, commandTimeoutMs } = inputs.modes;
    const result = await maintain(
      settings,
      {
        ...MAINTAIN_DEFAULTS,
        command,
        hosts,
        sshUser: sshUser || MAINTAIN_DEFAULTS.sshUser,
        commandTimeoutMs: commandTimeoutMs ?? MAINTAIN_DEFAULTS.commandTimeoutMs,
      },
      log,
      process.env,
      cancelOnSignals(log),
    );
    for (const line of renderMaintain(result)) log.info(line);
    report(result);
    summary(summaries.maintainSummary(result));
    out.set(OUTPUT.result, result.result);
    out.set(
      OUTPUT.updatedHosts,
      result.hosts
        .filter((h) => h.result === 'done')
        .map((h) => h.host)
        .join(','),
    );
    // Nothing of maintain is undone: a stopped wave leaves no record for the post step.
    core.saveState(STATE.done, 'true');
    if (result.error) throw new RunError(result.error);
  } else {
    const { doctor, renderDoctor } = await import('../../doctor/doctor');
    const result = await log.group('Doctor', () => doctor(settings, hosts, log));
    log.info(renderDoctor(result));
    report(result);
    summary(summaries.doctorSummary(result));
    out.set(OUTPUT.result, result.ok ? 'ok' : 'failed');
    if (!result.ok) throw new RunError('doctor: a check failed on some host (see the table above)');
  }
}
