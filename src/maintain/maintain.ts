// `maintain`: rolling maintenance of the hosts themselves (an OS update, a reboot, an engine
// upgrade). A command runs on each host over SSH in the rollout's canary batches, between the
// drain hooks; then the host's engine must answer again and the service run healthy on it (started
// if the engine came back without it); gates are checked after each batch. The wave stops by the
// rule of ./policy.ts, naming the host and the command's output. Nothing is rolled back: a
// command on a host cannot be undone, so a failed host is left as it is, drained, for a human.
import { DeploySettings, newDeploymentId, prepare } from '../deploy';
import { DeployConfig } from '../config/types';
import { describeError, InputError } from '../errors';
import { HostEngine } from '../hosts/engine';
import { Logger } from '../log';
import { runHook } from '../hooks/run';
import { evaluateGates } from '../gates/evaluate';
import { HealthProbe, RealHealthProbe } from '../rollout/health-probe';
import { budget, planRollout } from '../rollout/plan';
import { formatDuration } from '../util/duration';
import { mapLimit, sleep, withTimeout } from '../util/pool';
import { ScopedHost, selectHosts, withLockedHosts } from '../rollout/locked';
import { batchStops, overBudget } from './policy';
import { CommandResult, runOverSsh, sshTarget } from './ssh-command';

export interface MaintainSettings {
  /** One command line, run by the host user's shell as `ssh host 'line'` would (never by a shell on the runner). */
  command: string;
  hosts: string[]; // empty: every host of the selected groups
  sshUser: string; // for hosts not reached over ssh://
  commandTimeoutMs: number;
  engineTimeoutMs: number; // how long the engine may take to answer again after the command
}

export const MAINTAIN_DEFAULTS = { sshUser: 'root', commandTimeoutMs: 30 * 60_000, engineTimeoutMs: 5 * 60_000 };

export interface MaintainedHost {
  host: string;
  group: string;
  batch?: number;
  result: 'done' | 'failed' | 'skipped';
  command?: CommandResult;
  /** The service was found stopped after the command and started. */
  startedService?: boolean;
  health?: string;
  durationMs?: number;
  error?: string;
}

export interface MaintainResult {
  deployment: string;
  result: 'done' | 'stopped' | 'planned';
  batches: Array<{ index: number; total: number; group: string; hosts: string[]; failed: number; gates?: string }>;
  hosts: MaintainedHost[];
  error?: string;
}

export interface MaintainDeps {
  health?: HealthProbe;
  run?: typeof runOverSsh;
}

export async function maintain(
  settings: DeploySettings,
  m: MaintainSettings,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
  deps: MaintainDeps = {},
): Promise<MaintainResult> {
  const name = settings.inputName ?? ((n: string) => `input ${n}`);
  if (!m.command.trim())
    throw new InputError(
      `${name('command')}: empty (expected the command to run on each host over SSH, e.g. "apt-get -y upgrade && systemctl restart docker")`,
    );
  const config = prepare({ ...settings, target: 'previous' }, log, env);
  await (await import('../inventory/resolve')).resolveInventory(config, log, { signal, env });
  const scope = selectHosts(config, m.hosts, name('hosts'));
  const scoped: DeployConfig = {
    ...config,
    groups: config.groups
      .map((g) => ({ ...g, hosts: g.hosts.filter((h) => scope.some((s) => s.spec.name === h.name)) }))
      .filter((g) => g.hosts.length),
  };
  const plan = planRollout(scoped);
  const deployment = settings.deployment ?? newDeploymentId();
  const out: MaintainResult = {
    deployment,
    result: 'planned',
    batches: [],
    hosts: scope.map((s) => ({ host: s.spec.name, group: s.group.name, result: 'skipped' })),
  };
  for (const b of plan.batches) {
    out.batches.push({ index: b.index, total: b.total, group: b.group, hosts: b.hosts.map((h) => h.name), failed: 0 });
    for (const h of b.hosts) out.hosts.find((x) => x.host === h.name)!.batch = b.index;
  }
  const total = scope.length;
  const allowed = budget(config.strategy.maxUnhealthy, total);
  log.info(
    `aviary maintain: \`${m.command}\` on ${total} host(s) in ${plan.batches.length} batch(es) (${plan.batches.map((b) => b.hosts.length).join(', ')}), max-unhealthy ${allowed}, deployment ${deployment}`,
  );
  if (settings.dryRun) {
    for (const b of out.batches) log.info(`batch ${b.index}/${b.total} · ${b.group} · ${b.hosts.join(', ')}`);
    return out;
  }
  const health = deps.health ?? new RealHealthProbe(log);
  const run = deps.run ?? runOverSsh;
  // A host that reboots takes no heartbeat: its lock must outlive the command and the engine's return.
  const minLockTimeoutMs = m.commandTimeoutMs + m.engineTimeoutMs;
  await withLockedHosts(
    config,
    scope,
    { deployment, ssh: settings.ssh, forceUnlock: settings.forceUnlock, signal, env, minLockTimeoutMs },
    log,
    async (hosts) => {
      let failed = 0;
      for (const [i, batch] of plan.batches.entries()) {
        const summary = out.batches[i];
        if (signal?.aborted) {
          out.error = 'the maintenance was cancelled';
          break;
        }
        const group = scoped.groups.find((g) => g.name === batch.group)!;
        const stop = new AbortController();
        const onAbort = () => stop.abort();
        signal?.addEventListener('abort', onAbort);
        let first: MaintainedHost | undefined;
        try {
          await log.group(`Batch ${batch.index}/${batch.total} · ${batch.group} · ${summary.hosts.join(', ')}`, () =>
            mapLimit(
              batch.hosts,
              group.strategy.parallel,
              async (spec) => {
                const h = out.hosts.find((x) => x.host === spec.name)!;
                const s = scope.find((x) => x.spec.name === spec.name)!;
                await maintainHost(
                  hosts.get(spec.name)!,
                  s,
                  h,
                  config.service,
                  m,
                  settings,
                  health,
                  run,
                  log,
                  stop.signal,
                );
                if (h.result === 'failed') {
                  failed++;
                  summary.failed++;
                  first ??= h;
                  log.error(h.error!);
                  // Rule 1: over the budget, no further host of this batch starts.
                  if (overBudget({ total, allowed, failed })) stop.abort();
                }
              },
              stop.signal,
            ),
          );
        } finally {
          signal?.removeEventListener('abort', onAbort);
        }
        if (signal?.aborted) {
          out.error = 'the maintenance was cancelled';
          break;
        }
        if (first && batchStops({ total, allowed, failed }, batch.hosts.length, summary.failed)) {
          const why = overBudget({ total, allowed, failed })
            ? `${failed} failed host(s), max-unhealthy allows ${allowed}`
            : `every host of batch ${batch.index} failed`;
          out.error = `maintenance stopped at ${first.host} (batch ${batch.index}/${batch.total}; ${why}): ${first.error}`;
          break;
        }
        if (group.gates?.length) {
          const done = group.hosts.filter((hs) => out.hosts.find((x) => x.host === hs.name)?.result === 'done');
          const outcome = await log.group(`Gates after batch ${batch.index}/${batch.total} · ${batch.group}`, () =>
            evaluateGates(
              group.gates!,
              {
                group: group.name,
                hosts: done.map((hs) => hs.name),
                addresses: done.map((hs) => hs.address),
                version: 'maintenance',
                service: config.service,
                since: Date.now(),
              },
              log,
              signal,
            ),
          );
          summary.gates = outcome.message;
          if (!outcome.ok) {
            out.error = `maintenance stopped after batch ${batch.index}/${batch.total}: ${outcome.message}`;
            break;
          }
        }
        if (group.strategy.pauseMs > 0 && i < plan.batches.length - 1) await sleep(group.strategy.pauseMs, signal);
      }
    },
  );
  out.result = out.error ? 'stopped' : 'done';
  return out;
}

/** One host: drain, the command, the engine back, the service running and healthy, undrain. */
async function maintainHost(
  host: HostEngine,
  s: ScopedHost,
  h: MaintainedHost,
  service: string,
  m: MaintainSettings,
  settings: DeploySettings,
  health: HealthProbe,
  run: typeof runOverSsh,
  log: Logger,
  signal: AbortSignal,
): Promise<void> {
  const t0 = Date.now();
  const fail = (message: string) => {
    h.result = 'failed';
    h.error = message.startsWith(`${h.host}: `) ? message : `${h.host}: ${message}`;
  };
  try {
    const before = await host.container(service);
    const context = { host: s.spec.name, address: s.spec.address, group: s.group.name, service };
    if (before?.running && s.group.hooks?.beforeStop) {
      const r = await runHook(s.group.hooks.beforeStop, context, log, signal);
      if (!r.ok) return fail(`${r.message}; the command was not run`);
    }
    log.info(`${h.host}: running \`${m.command}\``);
    const result = await run(s.spec, sshTarget(s.spec, m.sshUser), m.command, settings.ssh, m.commandTimeoutMs, log);
    h.command = result;
    if (result.lost) {
      // A reboot ends the session under the command: wait for the engine to go away, then to come back.
      log.warn(
        `${h.host}: the SSH session ended without an exit status (the host is restarting?): waiting for its engine to go away and come back`,
      );
      await waitForEngineGone(host, ENGINE_GONE_MS, signal);
    } else if (result.exitCode !== 0) {
      const how = result.timedOut
        ? `did not finish within ${formatDuration(m.commandTimeoutMs)}`
        : result.exitCode === null
          ? `ended by ${result.signal ?? 'a lost session'}`
          : `exited with code ${result.exitCode}`;
      return fail(
        `\`${m.command}\` ${how} after ${formatDuration(result.durationMs)}; its output:\n${indent(lastLines(result.output, 20))}`,
      );
    }
    log.info(`${h.host}: the command ended after ${formatDuration(result.durationMs)}`);
    const waited = await waitForEngine(host, m.engineTimeoutMs, signal);
    if (waited === undefined)
      return fail(`its engine did not answer within ${formatDuration(m.engineTimeoutMs)} after the command`);
    if (!before) {
      h.health = 'the service was not on this host';
    } else {
      const now = await host.container(service);
      if (!now) return fail(`the engine answers, but the ${service} container (${before.image}) is gone`);
      if (!now.running) {
        log.warn(`${h.host}: the engine came back without ${service} running (${now.state}): starting it`);
        await host.start(now.id);
        h.startedService = true;
      }
      const verdict = await health.check(s.spec, host, now.id, s.group.health, signal);
      if (!verdict.healthy) return fail(`the engine answers again, but ${service} is not healthy: ${verdict.message}`);
      h.health = `healthy after ${formatDuration(verdict.elapsedMs)}`;
      if (s.group.hooks?.afterHealthy) {
        const r = await runHook(s.group.hooks.afterHealthy, context, log, signal);
        if (!r.ok) log.warn(r.message);
      }
    }
    h.result = 'done';
    log.info(
      `${h.host}: done (engine back after ${formatDuration(waited)}${h.startedService ? `, ${service} started again` : ''}; ${h.health})`,
    );
  } catch (err) {
    fail(describeError(err));
  } finally {
    h.durationMs = Date.now() - t0;
  }
}

/** After a lost session, how long the engine may go on answering before the host is taken as not restarting after all. */
export const ENGINE_GONE_MS = 30_000;

/** Polls the engine until it stops answering (or the time is up). */
async function waitForEngineGone(host: HostEngine, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs && !signal?.aborted) {
    try {
      await withTimeout(host.clock(), 2_000, "the engine's answer");
    } catch {
      return;
    }
    await sleep(250, signal);
  }
}

/** Polls the engine until it answers; the time it took, or undefined at the deadline. */
async function waitForEngine(host: HostEngine, timeoutMs: number, signal?: AbortSignal): Promise<number | undefined> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs && !signal?.aborted) {
    try {
      await withTimeout(host.clock(), 3_000, "the engine's answer");
      return Date.now() - t0;
    } catch {
      await sleep(500, signal);
    }
  }
  return undefined;
}

function lastLines(text: string, n: number): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  return (lines.length > n ? ['…', ...lines.slice(-n)] : lines).join('\n') || '(no output)';
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  | ${l}`)
    .join('\n');
}

export function renderMaintain(r: MaintainResult): string[] {
  const lines = r.hosts.map(
    (h) =>
      `${h.host} (batch ${h.batch ?? '-'}): ${h.result}${h.result === 'done' ? ` — ${h.health ?? ''}${h.startedService ? '; service started again' : ''}` : h.error ? ` — ${h.error.split('\n')[0]}` : ''}`,
  );
  lines.push(`maintain: ${r.result}${r.error ? `: ${r.error.split('\n')[0]}` : ''}`);
  return lines;
}
