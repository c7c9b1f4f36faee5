// The rollout's figures pushed to a Prometheus Pushgateway (`metrics-url`), so that dashboards and
// alerts see every deploy: duration, result, hosts updated and rolled back, availability, batches.
import { Problems } from '../errors';
import { Logger } from '../log';
import { str } from '../util/fields';
import { formatDuration } from '../util/duration';
import { excerpt, httpRequest, HttpAnswer, HttpRequest, redactUrl } from '../net/http';
import type { AvailabilityReport } from '../availability/types';
import type { RolloutReport, RolloutResult } from '../report/types';

/** What is pushed; built from the rollout's report by rolloutFigures(). */
export interface RolloutFigures {
  service: string;
  result: RolloutResult;
  image: string;
  digest?: string;
  deployment: string;
  durationMs: number;
  finishedAt: number; // epoch ms
  hosts: { total: number; updated: number; rolledBack: number; restoreFailed: number };
  batches: Array<{ index: number; group: string; result: string; durationMs?: number }>;
  availability?: AvailabilityReport;
}

export interface PushOptions {
  timeoutMs?: number; // default 10s
  job?: string; // default "aviary"
  signal?: AbortSignal;
  request?: (req: HttpRequest) => Promise<HttpAnswer>;
}

export interface PushResult {
  ok: boolean;
  url: string; // where it was pushed (password hidden)
  message: string;
}

const RESULTS: RolloutResult[] = ['deployed', 'partial', 'rolled-back', 'failed'];
const URL_EXPECTED = 'a Pushgateway URL like "http://pushgateway:9091"';

/** Validates `metrics-url` (file or input); undefined when absent or invalid (problem recorded). */
export function readMetricsUrl(p: Problems, field: string, raw: unknown): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const text = str(p, field, raw, { expected: URL_EXPECTED, max: 2048 });
  if (text === undefined) return undefined;
  try {
    const u = new URL(text);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    if (u.search || u.hash) throw new Error('query');
  } catch {
    p.add(field, raw, `${URL_EXPECTED} (http:// or https://, no query)`);
    return undefined;
  }
  return text.replace(/\/+$/, '');
}

/** The figures of a finished rollout; the availability is taken from the report when it carries one. */
export function rolloutFigures(
  report: RolloutReport & { availability?: AvailabilityReport },
  availability?: AvailabilityReport,
  finishedAt = Date.now(),
): RolloutFigures {
  const count = (r: string) => report.hosts.filter((h) => h.result === r).length;
  return {
    service: report.service,
    result: report.result,
    image: report.image,
    digest: report.digest,
    deployment: report.deployment,
    durationMs: report.durationMs,
    finishedAt,
    hosts: {
      total: report.hosts.length,
      updated: count('updated'),
      rolledBack: count('rolled-back'),
      restoreFailed: count('restore-failed'),
    },
    batches: report.batches.map((b) => ({
      index: b.index,
      group: b.group,
      result: b.result,
      durationMs: b.durationMs,
    })),
    availability: availability ?? report.availability,
  };
}

/** The Prometheus text exposition of the figures (what is PUT to the Pushgateway). */
export function metricsText(f: RolloutFigures): string {
  const out: string[] = [];
  const metric = (name: string, help: string, samples: Array<[Record<string, string>, number]>) => {
    if (!samples.length) return;
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const [labels, value] of samples) out.push(`${name}${labelText(labels)} ${number(value)}`);
  };
  metric('aviary_rollout_info', 'The last rollout: image, digest, deployment id and result.', [
    [{ image: f.image, digest: f.digest ?? '', deployment: f.deployment, result: f.result }, 1],
  ]);
  metric(
    'aviary_rollout_result',
    'Result of the last rollout: 1 for its result, 0 for the others.',
    RESULTS.map((r) => [{ result: r }, r === f.result ? 1 : 0]),
  );
  metric('aviary_rollout_success', '1 when the last rollout deployed, 0 when it was rolled back or failed.', [
    [{}, f.result === 'deployed' ? 1 : 0],
  ]);
  metric('aviary_rollout_duration_seconds', 'Duration of the last rollout.', [[{}, f.durationMs / 1000]]);
  metric('aviary_rollout_finished_timestamp_seconds', 'When the last rollout finished (Unix time).', [
    [{}, f.finishedAt / 1000],
  ]);
  metric('aviary_rollout_hosts', 'Hosts selected by the last rollout.', [[{}, f.hosts.total]]);
  metric('aviary_rollout_hosts_updated', 'Hosts running the new version after the last rollout.', [
    [{}, f.hosts.updated],
  ]);
  metric('aviary_rollout_hosts_rolled_back', 'Hosts put back on their previous version by the last rollout.', [
    [{}, f.hosts.rolledBack],
  ]);
  metric('aviary_rollout_hosts_restore_failed', 'Hosts the last rollout could not restore (they need a human).', [
    [{}, f.hosts.restoreFailed],
  ]);
  metric(
    'aviary_rollout_batch_duration_seconds',
    'Duration of each batch of the last rollout.',
    f.batches
      .filter((b) => b.durationMs !== undefined)
      .map((b) => [{ batch: String(b.index), group: b.group, result: b.result }, b.durationMs! / 1000]),
  );
  const a = f.availability;
  if (a && a.overall.availability !== null) {
    const scopes: Array<[string, typeof a.overall]> = [
      ['overall', a.overall],
      ['hosts', a.hosts],
      ...(a.service ? [['service', a.service] as [string, typeof a.overall]] : []),
    ];
    const measured = scopes.filter(([, x]) => x.availability !== null);
    metric(
      'aviary_rollout_availability_ratio',
      'Availability during the last rollout: uptime / (uptime + downtime) of the probes.',
      measured.map(([scope, x]) => [{ scope }, x.availability!]),
    );
    metric(
      'aviary_rollout_downtime_seconds',
      'Downtime seen by the probes during the last rollout (summed over targets).',
      measured.map(([scope, x]) => [{ scope }, x.downtimeMs / 1000]),
    );
    metric(
      'aviary_rollout_probes',
      'Availability probes made during the last rollout.',
      measured.map(([scope, x]) => [{ scope }, x.probes]),
    );
    metric(
      'aviary_rollout_probe_failures',
      'Availability probes that failed during the last rollout.',
      measured.map(([scope, x]) => [{ scope }, x.failures]),
    );
  }
  return out.join('\n') + '\n';
}

/** The Pushgateway URL of this service's group: <metrics-url>/metrics/job/<job>/service/<service>. */
export function pushUrl(metricsUrl: string, service: string, job = 'aviary'): string {
  return `${metricsUrl.replace(/\/+$/, '')}/metrics/job/${encodeURIComponent(job)}/service/${encodeURIComponent(service)}`;
}

/**
 * PUTs the figures (replacing the service's previous push). Never throws: a monitoring outage must
 * not fail a deploy, so every failure is a warning.
 */
export async function pushMetrics(
  metricsUrl: string,
  figures: RolloutFigures,
  log: Logger,
  options: PushOptions = {},
): Promise<PushResult> {
  const url = pushUrl(metricsUrl, figures.service, options.job);
  const shown = redactUrl(url);
  const timeoutMs = options.timeoutMs ?? 10_000;
  try {
    const answer = await (options.request ?? httpRequest)({
      url,
      method: 'PUT',
      body: metricsText(figures),
      timeoutMs,
      signal: options.signal,
      maxBody: 16 * 1024,
      headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' },
    });
    if (answer.status >= 200 && answer.status <= 299) {
      const message = `pushed the rollout's metrics to ${shown} in ${formatDuration(answer.latencyMs)}`;
      log.info(message);
      return { ok: true, url: shown, message };
    }
    const message = `could not push the rollout's metrics: PUT ${shown} answered ${answer.status}${answer.body ? `: ${excerpt(answer.body)}` : ''}`;
    log.warn(message);
    return { ok: false, url: shown, message };
  } catch (err) {
    const message = `could not push the rollout's metrics to ${shown}: ${(err as Error).message}`;
    log.warn(message);
    return { ok: false, url: shown, message };
  }
}

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (!entries.length) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}

function number(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(Math.round(v * 1e6) / 1e6);
}
