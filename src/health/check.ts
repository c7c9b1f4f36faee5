// The health check of one container on one host: rounds of probes until it is proven healthy or
// unhealthy, by the thresholds, start period and deadline of the group's `health:` section.
import type { HealthSpec } from './types';
import type { Logger } from '../log';
import { formatDuration } from '../util/duration';
import { sleep as realSleep } from '../util/pool';
import { realProbes, type ContainerState, type Probes } from './probes';
import type { CheckName, HealthOutcome, HealthTarget, ProbeResult } from './types';

export interface HealthDeps {
  log?: Logger;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Replaces real probes (tests of the check's logic). */
  probes?: Partial<Probes>;
}

/** Rounds whose results an outcome keeps for the failure message. */
const KEPT_ROUNDS = 5;
/** Until the first pass, probes come fast so a service that is up in 50 ms is seen in 50 ms. */
const FIRST_RETRY_MS = 25;

type RoundVerdict =
  | { kind: 'pass' }
  | { kind: 'pending'; why: string; check: CheckName }
  | { kind: 'fail'; why: string; check: CheckName; final?: boolean };

/**
 * Probes the container until it is healthy or unhealthy, and never longer than `deadlineMs`.
 *
 * - A round runs every configured check at once (HTTP, TCP, command, the image's HEALTHCHECK when
 *   `dockerHealth` and the container has one) plus the container's state; it passes when all pass.
 *   A HEALTHCHECK still `starting`, with nothing failing, makes the round pending: neither kind.
 * - `healthyThreshold` passing rounds in a row → healthy; `unhealthyThreshold` failing rounds in a
 *   row → unhealthy. A pending round breaks both streaks.
 * - The first round runs at once. Until the first pass, rounds are retried quickly (25 ms,
 *   doubling, up to `intervalMs`); after it, every `intervalMs` (start to start).
 * - Failures do not count during the grace period, so that the quick first retries and a slow
 *   start cannot fail a host: the start period, or the first interval when there is none. A pass
 *   always counts.
 * - A container that has exited (or died, or was removed) fails at once, with its exit code: it
 *   will not come back by waiting.
 * - Aborting the signal ends the check with `aborted: true`.
 */
export async function checkHealth(
  target: HealthTarget,
  spec: HealthSpec,
  deps: HealthDeps = {},
  signal?: AbortSignal,
): Promise<HealthOutcome> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const probes: Probes = { ...realProbes, ...deps.probes };
  const name = target.host.name;
  const startedAt = now();
  const graceEnd = startedAt + (spec.startPeriodMs > 0 ? spec.startPeriodMs : spec.intervalMs);
  const deadlineAt = startedAt + spec.deadlineMs;

  const kept: ProbeResult[][] = [];
  const latencies: number[] = [];
  let rounds = 0;
  let passes = 0;
  let failures = 0;
  let everPassed = false;
  let retryMs = FIRST_RETRY_MS;
  let last: RoundVerdict | undefined;

  const outcome = (healthy: boolean, extra: Partial<HealthOutcome> = {}): HealthOutcome => ({
    healthy,
    rounds,
    startedAt,
    elapsedMs: now() - startedAt,
    results: kept.flat(),
    latencies,
    ...extra,
  });
  const aborted = () => outcome(false, { aborted: true, reason: 'the health check was cancelled' });

  for (;;) {
    if (signal?.aborted) return aborted();
    const roundAt = now();
    const results = await runRound(target, spec, probes, now, signal);
    if (signal?.aborted) return aborted();
    rounds++;
    kept.push(results);
    if (kept.length > KEPT_ROUNDS) kept.shift();
    for (const r of results) if (r.check === 'http' && r.ok) latencies.push(r.latencyMs);

    const verdict = judge(results);
    last = verdict;
    deps.log?.debug(
      `${name}: health round ${rounds} (+${formatDuration(roundAt - startedAt)}): ${results.map(brief).join(', ') || 'no checks'}`,
    );

    if (verdict.kind === 'fail' && verdict.final) {
      return outcome(false, { reason: verdict.why, check: verdict.check });
    }
    if (verdict.kind === 'pass') {
      everPassed = true;
      passes++;
      failures = 0;
      if (passes >= spec.healthyThreshold) return outcome(true);
    } else if (verdict.kind === 'pending') {
      passes = 0;
      failures = 0;
    } else {
      passes = 0;
      if (roundAt >= graceEnd) failures++;
      if (failures >= spec.unhealthyThreshold) {
        const streak = spec.unhealthyThreshold === 1 ? '' : ` (${failures} failed rounds in a row)`;
        return outcome(false, { reason: `${verdict.why}${streak}`, check: verdict.check });
      }
    }

    let wakeAt = roundAt + spec.intervalMs;
    if (!everPassed && roundAt < graceEnd) {
      // Quick retries, but the first counted round comes exactly when the grace period ends.
      wakeAt = Math.min(roundAt + Math.min(retryMs, spec.intervalMs), graceEnd);
      retryMs *= 2;
    }
    wakeAt = Math.min(wakeAt, deadlineAt);
    await sleep(Math.max(0, wakeAt - now()), signal);
    if (signal?.aborted) return aborted();
    if (now() >= deadlineAt) {
      const why =
        last.kind === 'pass' ? `only ${passes} of ${spec.healthyThreshold} passing rounds in a row` : last.why;
      return outcome(false, {
        reason: `did not become healthy within ${formatDuration(spec.deadlineMs)}: ${why}`,
        check: last.kind === 'pass' ? undefined : last.check,
      });
    }
  }
}

async function runRound(
  target: HealthTarget,
  spec: HealthSpec,
  probes: Probes,
  now: () => number,
  signal?: AbortSignal,
): Promise<ProbeResult[]> {
  const address = target.host.address;
  const at = now();
  const [container, ...checks] = await Promise.all([
    probes.container(target, spec.timeoutMs).then(
      (state): ContainerState | Error => state,
      (err: unknown): ContainerState | Error => new Error((err as Error)?.message ?? String(err)),
    ),
    spec.http ? probes.http(address, spec.http, spec.timeoutMs, signal) : undefined,
    spec.tcp ? probes.tcp(address, spec.tcp.port, spec.timeoutMs, signal) : undefined,
    spec.command?.length ? probes.command(target, spec.command, spec.timeoutMs, signal) : undefined,
  ]);
  const results = checks.filter((r): r is ProbeResult => r !== undefined);

  if (container instanceof Error) {
    results.push({
      check: 'container',
      ok: false,
      latencyMs: 0,
      at,
      error: `cannot inspect the container: ${container.message}`,
    });
    return results;
  }
  if (container.status !== 'running') {
    results.push({
      check: 'container',
      ok: false,
      latencyMs: 0,
      at,
      exitCode: container.exitCode,
      error: describeState(container),
    });
  }
  if (spec.dockerHealth && container.health) {
    const h = container.health;
    results.push({
      check: 'docker-health',
      ok: h.status === 'healthy',
      pending: h.status === 'starting' ? true : undefined,
      latencyMs: 0,
      at,
      exitCode: h.exitCode,
      output: h.output,
      error:
        h.status === 'healthy'
          ? undefined
          : h.status === 'starting'
            ? 'HEALTHCHECK still starting'
            : `HEALTHCHECK reports ${h.status}${h.output ? `: ${h.output.split('\n').pop()}` : ''}`,
    });
  }
  return results;
}

function describeState(state: ContainerState): string {
  if (state.status === 'gone') return 'the container no longer exists';
  const code =
    state.exitCode !== undefined && (state.status !== 'created' || state.exitCode !== 0)
      ? ` (exit code ${state.exitCode})`
      : '';
  const oom = state.oomKilled ? ', killed for lack of memory (OOM)' : '';
  const err = state.error ? `: ${state.error}` : '';
  switch (state.status) {
    case 'exited':
      return `the container exited with code ${state.exitCode ?? 'unknown'}${oom}${err}`;
    case 'dead':
      return `the container is dead${code}${oom}${err}`;
    case 'restarting':
      return `the container keeps restarting${code}${oom}`;
    default:
      return `the container is ${state.status}${code}${err}`;
  }
}

function judge(results: ProbeResult[]): RoundVerdict {
  const container = results.find((r) => r.check === 'container');
  if (container) {
    // exited, dead or removed will not come back by waiting; restarting might.
    const final = /exited|is dead|no longer exists/.test(container.error ?? '');
    return { kind: 'fail', why: `container: ${container.error}`, check: 'container', final };
  }
  const failed = results.find((r) => !r.ok && !r.pending);
  if (failed) return { kind: 'fail', why: `${failed.check}: ${failed.error ?? 'failed'}`, check: failed.check };
  const pending = results.find((r) => r.pending);
  if (pending) return { kind: 'pending', why: `${pending.check}: ${pending.error}`, check: pending.check };
  return { kind: 'pass' };
}

function brief(r: ProbeResult): string {
  const mark = r.ok ? 'ok' : r.pending ? 'pending' : 'FAIL';
  const what = r.status !== undefined ? ` ${r.status}` : r.exitCode !== undefined ? ` exit ${r.exitCode}` : '';
  return `${r.check}${what} ${r.latencyMs}ms ${mark}${r.ok || !r.error ? '' : ` (${r.error})`}`;
}
