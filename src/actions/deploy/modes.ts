// actions/deploy's other modes — sync, retire, maintain, doctor — on the same inputs as deploy, plus
// `hosts`, `command`, `ssh-user` and `command-timeout`. Each engine is loaded only when its mode runs.
import { DeploySettings, newDeploymentId, writeReport } from '../../deploy';
import { InputError, RunError } from '../../errors';
import { parseDuration } from '../../util/duration';
import { cancelOnSignals } from '../../util/cancel';
import * as fs from 'node:fs';
import { ActionsLogger, booleanInput, core, input, listInput } from '../runtime';
import { STATE } from '../shared/state';

export const MODES = ['sync', 'retire', 'maintain', 'doctor'] as const;

/** Runs a mode other than deploy and status; false when `mode` is none of them. */
export async function runMode(mode: string, settings: DeploySettings, log: ActionsLogger): Promise<boolean> {
  if (!(MODES as readonly string[]).includes(mode)) return false;
  const hosts = listInput('hosts');
  if (mode !== 'doctor') {
    // The modes that take the deploy lock: if this step dies, the post step repairs and unlocks as for a deploy.
    settings.deployment = newDeploymentId();
    core.saveState(STATE.deployment, settings.deployment);
  }
  await run(mode, settings, hosts, log);
  return true;
}

/**
 * Runs the mode. Each mode that locks saves `done` once it returned with nothing left for the post
 * step; a host left half-done, or an error on the way, leaves the post step to look again.
 */
async function run(mode: string, settings: DeploySettings, hosts: string[], log: ActionsLogger): Promise<void> {
  const report = (value: unknown) => { if (settings.reportFile) writeReport(settings.reportFile, value as never); };
  const summaries = await import('../../ops/summary');
  const summary = (markdown: string) => {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file || !booleanInput('summary', true)) return;
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
    core.setOutput('result', result.result);
    core.setOutput('updated-hosts', result.groups.flatMap((g) => g.report?.hosts.filter((h) => h.result === 'updated').map((h) => h.name) ?? []).join(','));
    if (!result.groups.some((g) => g.report?.hosts.some((h) => h.result === 'restore-failed'))) core.saveState(STATE.done, 'true');
    if (result.result === 'failed') throw new RunError(result.error ?? 'sync failed');
  } else if (mode === 'retire') {
    const { retire } = await import('../../ops/retire');
    const result = await retire(settings, hosts, log, process.env, cancelOnSignals(log));
    core.saveState(STATE.done, 'true');
    report(result);
    summary(summaries.retireSummary(result));
    core.setOutput('result', result.ok ? 'retired' : 'failed');
    core.setOutput('updated-hosts', result.hosts.filter((h) => h.ok).map((h) => h.host).join(','));
    if (!result.ok) throw new RunError(result.hosts.filter((h) => !h.ok).map((h) => `${h.host}: ${h.error}`).join('\n'));
  } else if (mode === 'maintain') {
    const { maintain, MAINTAIN_DEFAULTS, renderMaintain } = await import('../../maintain/maintain');
    const timeout = input('command-timeout');
    const commandTimeoutMs = timeout ? parseDuration(timeout) : MAINTAIN_DEFAULTS.commandTimeoutMs;
    if (!commandTimeoutMs || commandTimeoutMs <= 0) throw new InputError(`input command-timeout: ${JSON.stringify(timeout)} is not a duration like 90s or 30m`);
    const result = await maintain(settings, {
      ...MAINTAIN_DEFAULTS, command: input('command'), hosts, sshUser: input('ssh-user') || MAINTAIN_DEFAULTS.sshUser, commandTimeoutMs,
    }, log, process.env, cancelOnSignals(log));
    for (const line of renderMaintain(result)) log.info(line);
    report(result);
    summary(summaries.maintainSummary(result));
    core.setOutput('result', result.result);
    core.setOutput('updated-hosts', result.hosts.filter((h) => h.result === 'done').map((h) => h.host).join(','));
    // Nothing of maintain is undone: a stopped wave leaves no record for the post step.
    core.saveState(STATE.done, 'true');
    if (result.error) throw new RunError(result.error);
  } else {
    const { doctor, renderDoctor } = await import('../../doctor/doctor');
    const result = await log.group('Doctor', () => doctor(settings, hosts, log));
    log.info(renderDoctor(result));
    report(result);
    summary(summaries.doctorSummary(result));
    core.setOutput('result', result.ok ? 'ok' : 'failed');
    if (!result.ok) throw new RunError('doctor: a check failed on some host (see the table above)');
  }
}
