// actions/deploy's other modes — sync, retire, maintain, doctor — on the same inputs as deploy, plus
// `hosts`, `command`, `ssh-user` and `command-timeout`. Each engine is loaded only when its mode runs.
import { DeploySettings, newDeploymentId, writeReport } from '../../deploy';
import { InputError, RunError } from '../../errors';
import { parseDuration } from '../../util/duration';
import { cancelOnSignals } from '../../util/cancel';
import { ActionsLogger, core, input, listInput } from '../runtime';
import { STATE } from '../shared/state';

export const MODES = ['sync', 'retire', 'maintain', 'doctor'] as const;

/** Runs a mode other than deploy and status; false when `mode` is none of them. */
export async function runMode(mode: string, settings: DeploySettings, log: ActionsLogger): Promise<boolean> {
  if (!(MODES as readonly string[]).includes(mode)) return false;
  const hosts = listInput('hosts');
  const report = (value: unknown) => { if (settings.reportFile) writeReport(settings.reportFile, value as never); };
  if (mode === 'sync') {
    const { sync, renderSync } = await import('../../ops/sync');
    settings.deployment = newDeploymentId();
    const result = await sync(settings, log, process.env, cancelOnSignals(log), {
      // As a deploy: the post step repairs from the hosts' records if this step dies mid-rollout.
      locking: () => core.saveState(STATE.deployment, settings.deployment),
      decided: () => core.saveState(STATE.decided, 'true'),
    });
    core.saveState(STATE.done, 'true');
    for (const line of renderSync(result)) log.info(line);
    report(result);
    core.setOutput('result', result.result);
    core.setOutput('updated-hosts', result.groups.flatMap((g) => g.report?.hosts.filter((h) => h.result === 'updated').map((h) => h.name) ?? []).join(','));
    if (result.result === 'failed') throw new RunError(result.error ?? 'sync failed');
  } else if (mode === 'retire') {
    const { retire } = await import('../../ops/retire');
    const result = await retire(settings, hosts, log, process.env, cancelOnSignals(log));
    report(result);
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
    core.setOutput('result', result.result);
    core.setOutput('updated-hosts', result.hosts.filter((h) => h.result === 'done').map((h) => h.host).join(','));
    if (result.error) throw new RunError(result.error);
  } else {
    const { doctor, renderDoctor } = await import('../../doctor/doctor');
    const result = await log.group('Doctor', () => doctor(settings, hosts, log));
    log.info(renderDoctor(result));
    report(result);
    core.setOutput('result', result.ok ? 'ok' : 'failed');
    if (!result.ok) throw new RunError('doctor: a check failed on some host (see the table above)');
  }
  return true;
}
