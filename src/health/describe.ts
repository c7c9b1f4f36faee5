// The message a user reads when a host fails its health check: the host, the check, its last
// answers and the container's last log lines — enough to see why without logging into the host.
import type Dockerode from 'dockerode';
import type { HostSpec } from '../hosts/types';
import { formatDuration } from '../util/duration';
import { withTimeout } from '../util/pool';
import { demuxDockerStream } from '../hosts/docker-stream';
import type { HealthOutcome, HealthTarget, ProbeResult } from './types';

const SHOWN_RESULTS = 12; // the outcome keeps the last 5 rounds; a round holds one result per check

/** The container's last `lines` log lines (stdout and stderr, in order); never throws. */
export async function containerLogs(
  docker: Dockerode,
  containerId: string,
  lines = 10,
  timeoutMs = 5000,
): Promise<string[]> {
  try {
    const raw = await withTimeout(
      docker.getContainer(containerId).logs({ stdout: true, stderr: true, tail: lines, follow: false }) as Promise<
        Buffer | string
      >,
      timeoutMs,
      'read the container logs',
    );
    const buffer = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw), 'utf8');
    return demuxDockerStream(buffer)
      .text.replace(/\r/g, '')
      .split('\n')
      .filter((l, i, all) => l !== '' || i < all.length - 1)
      .slice(-lines);
  } catch (err) {
    return [`(could not read the container's logs: ${(err as Error).message})`];
  }
}

/** Fetches the container's last log lines and formats the failure; for a rollout's error message. */
export async function describeUnhealthy(target: HealthTarget, outcome: HealthOutcome, lines = 10): Promise<string> {
  return describeFailure(outcome, target.host, await containerLogs(target.docker, target.containerId, lines));
}

/**
 * h3: unhealthy after 4 rounds in 3.1s — http: status 503, expected 200-299 (3 failed rounds in a row)
 *   last results:
 *     +1.0s  http  GET http://10.0.0.3:8080/health → 503 in 4ms, body "unavailable"
 *   last log lines of the container:
 *     | listening on 8080
 */
export function describeFailure(outcome: HealthOutcome, host: HostSpec, logs: string[]): string {
  const head = outcome.aborted
    ? `${host.name}: health check cancelled after ${outcome.rounds} round${outcome.rounds === 1 ? '' : 's'} in ${formatDuration(outcome.elapsedMs)}`
    : `${host.name}: unhealthy after ${outcome.rounds} round${outcome.rounds === 1 ? '' : 's'} in ${formatDuration(outcome.elapsedMs)} — ${outcome.reason ?? 'health check failed'}`;
  const lines = [head];
  const recent = outcome.results.slice(-SHOWN_RESULTS);
  if (recent.length > 0) {
    lines.push('  last results:');
    for (const r of recent) lines.push(`    ${resultLine(r, outcome.startedAt)}`);
  }
  if (logs.length > 0) {
    lines.push(`  last log lines of the container:`);
    for (const l of logs) lines.push(`    | ${l.length > 300 ? l.slice(0, 299) + '…' : l}`);
  } else {
    lines.push('  the container logged nothing');
  }
  return lines.join('\n');
}

/** One probe result on one line: when, which check, what it asked and what came back. */
export function resultLine(r: ProbeResult, startedAt: number): string {
  const when = `+${formatDuration(Math.max(0, r.at - startedAt))}`.padEnd(7);
  const check = r.check.padEnd(14);
  const target = r.target ? `${r.target} → ` : '';
  let what: string;
  switch (r.check) {
    case 'http':
      what =
        r.status !== undefined
          ? `${r.status} in ${formatDuration(r.latencyMs)}${r.bodyExcerpt ? `, body ${JSON.stringify(r.bodyExcerpt)}` : ', empty body'}${r.ok ? '' : ` — ${r.error}`}`
          : `${r.error} (after ${formatDuration(r.latencyMs)})`;
      break;
    case 'tcp':
      what = r.ok ? `connected in ${formatDuration(r.latencyMs)}` : `${r.error}`;
      break;
    case 'command':
      what =
        r.exitCode !== undefined
          ? `exit ${r.exitCode} in ${formatDuration(r.latencyMs)}${r.output ? `: ${oneLine(r.output)}` : ''}`
          : `${r.error}`;
      break;
    case 'docker-health':
      what = r.ok
        ? 'healthy'
        : `${r.error}${r.output && !r.error?.includes(oneLine(r.output)) ? ` (${oneLine(r.output)})` : ''}`;
      break;
    default:
      what = r.error ?? (r.ok ? 'ok' : 'failed');
  }
  return `${when}${check}${target}${what}`;
}

function oneLine(text: string): string {
  const t = text.replace(/\s*\n\s*/g, ' ⏎ ').trim();
  return t.length > 200 ? t.slice(0, 199) + '…' : t;
}
