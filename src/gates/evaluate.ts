// Evaluating gates after a healthy batch: each gate queries its source every `interval` for `for`,
// tests every value against its condition, and fails on its first failure beyond `failure-limit`.
import { Logger } from '../log';
import { formatDuration } from '../util/duration';
import { sleep as realSleep } from '../util/pool';
import { asNumber, ConditionError, GateValue, parseCondition } from './condition';
import { parseJsonPath } from './config';
import { excerpt, HttpAnswer, httpRequest, HttpRequest, redactUrl } from '../net/http';
import { waitForFresh } from './fresh';
import { prometheusQuery, VectorSample } from './prometheus';
import { fill, fillUrl } from '../net/template';
import {
  GateContext,
  GateOutcome,
  GateResult,
  GateSample,
  GateSpec,
  HttpSource,
  PrometheusSource,
  RoundVerdict,
} from './types';

export interface GateDeps {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  request?: (req: HttpRequest) => Promise<HttpAnswer>;
}

const SAMPLES_KEPT = 50;
const VALUES_PER_SAMPLE = 20;

/**
 * Evaluates every gate at once for the batch just finished. Resolves (never rejects) with ok when
 * all held; otherwise with the failed gates' messages. The first failed gate stops the others.
 */
export async function evaluateGates(
  gates: GateSpec[],
  context: GateContext,
  log: Logger,
  signal?: AbortSignal,
  deps: GateDeps = {},
): Promise<GateOutcome> {
  if (gates.length === 0) return { ok: true, message: 'no gates', gates: [], samples: [] };
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  let results: GateResult[];
  try {
    results = await Promise.all(
      gates.map(async (gate) => {
        const result = await evaluateGate(gate, context, log, stop.signal, deps);
        if (!result.ok && !stop.signal.aborted) stop.abort(new Error(`gate "${gate.name}" failed`));
        return result;
      }),
    );
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  const cancelled = !!signal?.aborted;
  const failed = results.filter((r) => !r.ok && !r.message.startsWith('stopped'));
  const ok = !cancelled && results.every((r) => r.ok);
  const samples = results.flatMap((r) => r.samples).sort((a, b) => a.at.localeCompare(b.at));
  let message: string;
  if (cancelled) message = 'gates not finished: the rollout was cancelled';
  else if (ok) message = results.map((r) => r.message).join('\n');
  else message = failed.map((r) => r.message).join('\n');
  return { ok, cancelled: cancelled || undefined, message, gates: results, samples };
}

/** One gate's rounds over its `for` window. */
export async function evaluateGate(
  gate: GateSpec,
  context: GateContext,
  log: Logger,
  signal: AbortSignal | undefined,
  deps: GateDeps = {},
): Promise<GateResult> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const start = now();
  const asked = describeSource(gate.source, context);
  const expected = describeCheck(gate);
  const samples: GateSample[] = [];
  let rounds = 0;
  let failures = 0;
  let noData = 0;
  let withData = 0;
  let firstFailure: GateSample | undefined;
  const result = (ok: boolean, message: string): GateResult => ({
    name: gate.name,
    ok,
    asked,
    expected,
    rounds,
    failures,
    noData,
    durationMs: now() - start,
    message,
    samples: samples.slice(-SAMPLES_KEPT),
  });
  const failedMessage = (why: string) =>
    `gate "${gate.name}" failed after ${formatDuration(now() - start)}: ${why}\n` +
    `  asked: ${asked}\n  expected: every value ${expected}${gate.forMs ? ` for ${formatDuration(gate.forMs)}` : ''}\n  values seen: ${valuesSeen(samples)}`;

  log.debug(
    `gate "${gate.name}": ${asked}, expecting ${expected}${gate.forMs ? ` for ${formatDuration(gate.forMs)} every ${formatDuration(gate.intervalMs)}` : ''}`,
  );
  // Only samples of the new version count: wait for them first (a scrape after the batch, or a set time).
  const fresh = await waitForFresh(gate, context, start, signal, deps);
  const freshNote =
    fresh.waitedMs > 0
      ? ` after ${formatDuration(fresh.waitedMs)} waiting for fresh samples (fresh: ${freshText(gate)})`
      : '';
  if (fresh.waitedMs > 0) log.debug(`gate "${gate.name}": fresh samples after ${formatDuration(fresh.waitedMs)}`);
  if (!fresh.ok) {
    const t = now();
    samples.push({
      gate: gate.name,
      at: new Date(t).toISOString(),
      elapsedMs: t - start,
      verdict: fresh.verdict,
      values: [],
      reason: fresh.reason,
    });
    if (fresh.verdict === 'no-data') noData++;
    failures++;
    const message = failedMessage(`${fresh.verdict === 'no-data' ? 'no data' : 'no fresh samples'}: ${fresh.reason}`);
    log.warn(message);
    return result(false, message);
  }
  const roundsStart = now();
  for (;;) {
    if (signal?.aborted)
      return result(
        false,
        `stopped before a verdict: ${signal.reason instanceof Error ? signal.reason.message : 'cancelled'}`,
      );
    const t = now();
    const sample = await queryRound(gate, context, signal, deps, t - start, t);
    if (signal?.aborted)
      return result(
        false,
        `stopped before a verdict: ${signal.reason instanceof Error ? signal.reason.message : 'cancelled'}`,
      );
    rounds++;
    samples.push(sample);
    if (samples.length > SAMPLES_KEPT * 2) samples.splice(0, samples.length - SAMPLES_KEPT);
    log.debug(
      `gate "${gate.name}" +${formatDuration(sample.elapsedMs)}: ${sample.verdict}${sample.values.length ? ` ${renderValues(sample)}` : ''}${sample.reason ? ` (${sample.reason})` : ''}`,
    );

    let failedRound = sample.verdict === 'fail' || sample.verdict === 'error';
    if (sample.verdict === 'no-data') {
      noData++;
      if (gate.noData === 'fail') failedRound = true;
    } else if (sample.verdict !== 'error') {
      withData++;
    }
    if (failedRound) {
      failures++;
      firstFailure ??= sample;
      if (failures > gate.failureLimit) {
        const why = sample.verdict === 'no-data' ? `no data (no-data: fail)` : (sample.reason ?? sample.verdict);
        const limit = gate.failureLimit ? ` (${failures} failed rounds, failure-limit ${gate.failureLimit})` : '';
        const message = failedMessage(`${why}${limit}`);
        log.warn(message);
        return result(false, message);
      }
    }

    const next = roundsStart + rounds * gate.intervalMs;
    if (gate.forMs <= 0 || next - roundsStart > gate.forMs) break;
    await sleep(Math.max(0, next - now()), signal);
  }

  if (gate.noData === 'wait' && withData === 0) {
    const message = failedMessage(
      `no data in ${rounds} ${rounds === 1 ? 'query' : 'queries'}${gate.forMs ? ` over ${formatDuration(gate.forMs)}` : ''} (no-data: wait, then fail)`,
    );
    log.warn(message);
    return result(false, message);
  }
  const message =
    `gate "${gate.name}" held: ${rounds} ${rounds === 1 ? 'query' : 'queries'}${gate.forMs ? ` over ${formatDuration(now() - roundsStart)}` : ''}${freshNote}, every value ${expected}` +
    `${failures ? `; ${failures} failed within failure-limit ${gate.failureLimit}` : ''}${noData ? `; ${noData} without data (no-data: ${gate.noData})` : ''}` +
    ` — values seen: ${valuesSeen(samples)}`;
  log.info(message);
  return result(true, message);
}

function freshText(gate: GateSpec): string {
  return gate.fresh.kind === 'wait' ? formatDuration(gate.fresh.ms) : gate.fresh.kind;
}

/** The values a query's placeholders take: lists joined by "|" for PromQL's =~, by "," in URLs and bodies. */
export function placeholderValues(context: GateContext, joiner: string): Record<string, string> {
  return {
    group: context.group,
    hosts: context.hosts.join(joiner),
    addresses: (context.addresses ?? []).join(joiner),
    version: context.version,
    service: context.service ?? '',
  };
}

export function describeSource(source: PrometheusSource | HttpSource, context: GateContext): string {
  if (source.kind === 'prometheus')
    return `prometheus ${redactUrl(source.url)} query ${fill(source.query, placeholderValues(context, '|')).replace(/\s+/g, ' ').trim()}`;
  return `${source.method} ${redactUrl(fillUrl(source.url, placeholderValues(context, ',')))}${source.path ? ` at ${source.path}` : ''}`;
}

export function describeCheck(gate: Pick<GateSpec, 'check'>): string {
  const parts: string[] = [];
  if (gate.check.min !== undefined) parts.push(`≥ ${gate.check.min}`);
  if (gate.check.max !== undefined) parts.push(`≤ ${gate.check.max}`);
  if (gate.check.condition !== undefined) parts.push(`satisfies ${gate.check.condition}`);
  return parts.join(' and ');
}

async function queryRound(
  gate: GateSpec,
  context: GateContext,
  signal: AbortSignal | undefined,
  deps: GateDeps,
  elapsedMs: number,
  t: number,
): Promise<GateSample> {
  const base = { gate: gate.name, at: new Date(t).toISOString(), elapsedMs };
  let values: Array<{ series?: string; value: GateValue }>;
  try {
    values =
      gate.source.kind === 'prometheus'
        ? await queryPrometheus(gate.source, gate.timeoutMs, context, signal, deps)
        : await queryHttp(gate.source, gate.timeoutMs, context, signal, deps);
  } catch (err) {
    return { ...base, verdict: 'error', values: [], reason: (err as Error).message };
  }
  const kept = values.slice(0, VALUES_PER_SAMPLE);
  // NaN (0/0 with no traffic) and null say nothing about the new version: they are no data.
  const real = values.filter((v) => v.value !== null && !Number.isNaN(asNumber(v.value)));
  if (real.length === 0)
    return {
      ...base,
      verdict: 'no-data',
      values: kept,
      reason: values.length
        ? `only ${values
            .map((v) => String(v.value))
            .slice(0, 3)
            .join(', ')}`
        : undefined,
    };
  for (const v of real) {
    const why = violation(gate, v.value);
    if (why)
      return {
        ...base,
        verdict: 'fail' as RoundVerdict,
        values: kept,
        reason: `${render(v.value)}${v.series ? ` ${v.series}` : ''} ${why}`,
      };
  }
  return { ...base, verdict: 'pass', values: kept };
}

/** Why a value breaks the gate's condition ("is above max 10"), or undefined when it holds. */
export function violation(gate: Pick<GateSpec, 'check'>, value: GateValue): string | undefined {
  const { max, min, condition } = gate.check;
  if (max !== undefined || min !== undefined) {
    const n = asNumber(value);
    if (n === undefined || Number.isNaN(n))
      return `is not a number (expected ${describeCheck({ check: { max, min } })})`;
    if (max !== undefined && !(n <= max)) return `is above max ${max}`;
    if (min !== undefined && !(n >= min)) return `is below min ${min}`;
  }
  if (condition !== undefined) {
    try {
      if (!parseCondition(condition).test(value)) return `does not satisfy ${condition}`;
    } catch (err) {
      if (!(err instanceof ConditionError)) throw err;
      return `cannot be tested: condition ${condition} ${err.message}`;
    }
  }
  return undefined;
}

async function queryPrometheus(
  source: PrometheusSource,
  timeoutMs: number,
  context: GateContext,
  signal: AbortSignal | undefined,
  deps: GateDeps,
): Promise<Array<{ series?: string; value: GateValue }>> {
  const { resultType: type, result } = await prometheusQuery(
    source,
    fill(source.query, placeholderValues(context, '|')),
    { timeoutMs, signal, request: deps.request },
  );
  if (type === 'vector' && Array.isArray(result)) {
    return (result as VectorSample[]).map((s) => ({
      series: seriesName(s.metric ?? {}),
      value: asNumber(s.value?.[1] ?? 'NaN') ?? null,
    }));
  }
  if (type === 'scalar' && Array.isArray(result)) return [{ value: asNumber(result[1] as string) ?? null }];
  if (type === 'string' && Array.isArray(result)) return [{ value: String(result[1]) }];
  if (type === 'matrix')
    throw new Error(
      'the query returns a range (matrix): use an instant vector, e.g. max_over_time(x[5m]) instead of x[5m]',
    );
  throw new Error(`Prometheus answered an unknown result type ${JSON.stringify(type)}`);
}

async function queryHttp(
  source: HttpSource,
  timeoutMs: number,
  context: GateContext,
  signal: AbortSignal | undefined,
  deps: GateDeps,
): Promise<Array<{ series?: string; value: GateValue }>> {
  const values = placeholderValues(context, ',');
  const answer = await (deps.request ?? httpRequest)({
    url: fillUrl(source.url, values),
    method: source.method,
    headers: {
      Accept: 'application/json',
      ...(source.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...source.headers,
    },
    body: source.body === undefined ? undefined : fill(source.body, values),
    timeoutMs,
    signal,
  });
  if (answer.status < 200 || answer.status > 299) throw new Error(`status ${answer.status}: ${excerpt(answer.body)}`);
  let doc: unknown;
  try {
    doc = JSON.parse(answer.body);
  } catch {
    throw new Error(`the answer is not JSON: ${excerpt(answer.body)}`);
  }
  const path = parseJsonPath(source.path) ?? [];
  let node: unknown = doc;
  for (const key of path) {
    if (node === null || typeof node !== 'object') {
      node = undefined;
      break;
    }
    node = (node as Record<string | number, unknown>)[key as string];
  }
  if (node === undefined || node === null) return [];
  const list = Array.isArray(node) ? node : [node];
  return list.map((item, i) => {
    if (item === null || ['number', 'string', 'boolean'].includes(typeof item))
      return { series: Array.isArray(node) ? `[${i}]` : undefined, value: item as GateValue };
    throw new Error(
      `${source.path || 'the answer'}${Array.isArray(node) ? `[${i}]` : ''} is ${Array.isArray(item) ? 'a list' : 'an object'}, not a value: ${excerpt(JSON.stringify(item), 80)}`,
    );
  });
}

function seriesName(metric: Record<string, string>): string | undefined {
  const { __name__: name, ...labels } = metric;
  if (!name && Object.keys(labels).length === 0) return undefined;
  const text = `${name ?? ''}{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',')}}`;
  return text.length > 120 ? text.slice(0, 119) + '…' : text;
}

function render(v: GateValue): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function renderValues(s: GateSample): string {
  const shown = s.values
    .slice(0, 3)
    .map((v) => `${render(v.value)}${s.values.length > 1 && v.series ? ` ${v.series}` : ''}`);
  return shown.join(', ') + (s.values.length > 3 ? `, … (${s.values.length} values)` : '');
}

/** "+0s 0 · +1s no data · +2s 50", the last ten rounds. */
function valuesSeen(samples: GateSample[]): string {
  const last = samples.slice(-10);
  const text = last
    .map(
      (s) =>
        `+${formatDuration(s.elapsedMs)} ${s.verdict === 'error' ? `error (${s.reason})` : s.values.length && s.verdict !== 'no-data' ? renderValues(s) : s.values.length ? `no data (${renderValues(s)})` : 'no data'}`,
    )
    .join(' · ');
  return (samples.length > last.length ? `… ${samples.length - last.length} earlier · ` : '') + (text || 'none');
}
