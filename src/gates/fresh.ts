// Fresh samples: before a gate judges a batch, make sure what it reads was measured after the
// batch's switch. For up to a scrape interval Prometheus's latest sample of a host is still the old
// version's, and its good numbers would let a bad canary through.
import { formatDuration } from '../util/duration';
import { sleep as realSleep } from '../util/pool';
import { HttpAnswer, HttpRequest } from '../net/http';
import { prometheusQuery, VectorSample } from './prometheus';
import { GateContext, GateSpec, PrometheusSource } from './types';

/** Every target's latest scrape: Prometheus writes `up` at each scrape, in the same commit as the target's samples. */
export const UP_QUERY = 'timestamp(up)';
/** How long a target that Prometheus scraped before the batch may take to be scraped again. */
export const SCRAPE_WAIT_MAX_MS = 120_000;
const POLL_MS = 500;
/** `timestamp(up)` of a large Prometheus (thousands of targets) is a few MiB. */
const UP_MAX_BODY = 32 * 1024 * 1024;

export interface FreshDeps {
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  request?: (req: HttpRequest) => Promise<HttpAnswer>;
}

/** Which of the hosts judged Prometheus has scraped since the batch ended. */
export interface ScrapeState {
  fresh: string[];
  /** Scraped, but last before the batch ended: `lastMs` is the oldest target's latest scrape (Prometheus's clock). */
  stale: Array<{ host: string; lastMs: number }>;
  /** No target of this host at all: Prometheus does not scrape it (yet). */
  missing: string[];
  /** The batch's end on Prometheus's clock. */
  sinceMs: number;
}

export type FreshOutcome =
  { ok: true; waitedMs: number } | { ok: false; verdict: 'no-data' | 'error'; reason: string; waitedMs: number };

/**
 * The label values that may name a host: as written, and without a port ("10.0.0.3:9100",
 * "[fd00::3]:9100"), so a static target's `instance` matches the host's address.
 */
function names(value: string): string[] {
  const out = [value];
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (v6) out.push(v6[1]);
  else {
    const port = /^([^:]+):\d+$/.exec(value);
    if (port) out.push(port[1]);
  }
  return out;
}

/**
 * Sorts the hosts by what `timestamp(up)` says of their targets: a target belongs to a host when
 * one of its labels (other than __name__ and job) is the host's name or address, with or without
 * a port. A host is fresh when every one of its targets was scraped after `sinceMs`.
 */
export function scrapeStateOf(
  hosts: string[],
  addresses: string[] | undefined,
  series: VectorSample[],
  sinceMs: number,
): ScrapeState {
  const byName = new Map<string, number[]>();
  hosts.forEach((h, i) => {
    for (const key of [h, addresses?.[i]]) if (key) byName.set(key, [...(byName.get(key) ?? []), i]);
  });
  const last: Array<number | undefined> = hosts.map(() => undefined);
  for (const s of series) {
    const ts = Number(s.value?.[1]) * 1000;
    if (!Number.isFinite(ts)) continue;
    const owners = new Set<number>();
    for (const [label, value] of Object.entries(s.metric ?? {})) {
      if (label === '__name__' || label === 'job' || typeof value !== 'string') continue;
      for (const n of names(value)) for (const i of byName.get(n) ?? []) owners.add(i);
    }
    // The oldest latest scrape among a host's targets: the host is fresh only when all are.
    for (const i of owners) last[i] = last[i] === undefined ? ts : Math.min(last[i]!, ts);
  }
  const out: ScrapeState = { fresh: [], stale: [], missing: [], sinceMs };
  hosts.forEach((h, i) => {
    const t = last[i];
    if (t === undefined) out.missing.push(h);
    else if (t > sinceMs) out.fresh.push(h);
    else out.stale.push({ host: h, lastMs: t });
  });
  return out;
}

/** One look at Prometheus: the hosts' scrape state, with `sinceMs` moved onto Prometheus's own clock. */
export async function scrapeState(
  source: PrometheusSource,
  context: GateContext,
  sinceMs: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  deps: FreshDeps,
): Promise<ScrapeState> {
  const now = deps.now ?? Date.now;
  const asked = now();
  const { resultType, result } = await prometheusQuery(source, UP_QUERY, {
    timeoutMs,
    signal,
    request: deps.request,
    maxBody: UP_MAX_BODY,
  });
  const answered = now();
  if (resultType !== 'vector' || !Array.isArray(result))
    throw new Error(`Prometheus answered ${UP_QUERY} with a ${resultType ?? 'missing'} result (expected a vector)`);
  const series = result as VectorSample[];
  // Every sample of the answer carries the evaluation time, Prometheus's "now": the difference to
  // ours is the clocks' skew, so a runner whose clock is behind cannot take an old sample for new.
  const evalMs = Number(series[0]?.value?.[0]) * 1000;
  const skew = Number.isFinite(evalMs) ? evalMs - (asked + answered) / 2 : 0;
  return scrapeStateOf(context.hosts, context.addresses, series, sinceMs + skew);
}

function list(hosts: string[]): string {
  return hosts.length <= 5 ? hosts.join(', ') : `${hosts.slice(0, 5).join(', ')} and ${hosts.length - 5} more`;
}

function missingReason(hosts: string[], context: GateContext): string {
  const named = hosts.map((h) => {
    const a = context.addresses?.[context.hosts.indexOf(h)];
    return a && a !== h ? `${h} (${a})` : h;
  });
  return (
    `Prometheus scrapes no target of ${list(named)}: no up series has the host's name or address in a label ` +
    '(fresh: scrape needs one; for metrics that do not come from scraping the hosts, set fresh: off or a duration to wait)'
  );
}

/**
 * Waits until the gate may judge the batch: `wait` sleeps until that long after the batch's end;
 * `scrape` polls Prometheus until every host's targets were scraped after it. A host without any
 * target is no data (the gate's no-data rule decides: fail at once, wait within `for`, or pass);
 * a target that is not scraped again within SCRAPE_WAIT_MAX_MS is an error.
 */
export async function waitForFresh(
  gate: GateSpec,
  context: GateContext,
  startMs: number,
  signal: AbortSignal | undefined,
  deps: FreshDeps = {},
): Promise<FreshOutcome> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const since = context.since ?? startMs;
  const waited = () => now() - startMs;
  if (gate.fresh.kind === 'off') return { ok: true, waitedMs: 0 };
  if (gate.fresh.kind === 'wait') {
    const until = since + gate.fresh.ms;
    if (until > now()) await sleep(until - now(), signal);
    return { ok: true, waitedMs: waited() };
  }
  if (gate.source.kind !== 'prometheus') return { ok: true, waitedMs: 0 };
  let errors = 0;
  for (;;) {
    if (signal?.aborted) return { ok: true, waitedMs: waited() };
    let state: ScrapeState | undefined;
    try {
      state = await scrapeState(gate.source, context, since, gate.timeoutMs, signal, deps);
    } catch (err) {
      if (signal?.aborted) return { ok: true, waitedMs: waited() };
      if (++errors > gate.failureLimit) {
        return {
          ok: false,
          verdict: 'error',
          reason: `cannot tell whether Prometheus scraped the hosts after the batch: ${(err as Error).message}`,
          waitedMs: waited(),
        };
      }
    }
    if (state) {
      const missing = gate.noData === 'pass' ? [] : state.missing;
      if (state.stale.length === 0 && missing.length === 0) return { ok: true, waitedMs: waited() };
      const t = now();
      if (missing.length && (gate.noData === 'fail' || t - startMs >= gate.forMs)) {
        return { ok: false, verdict: 'no-data', reason: missingReason(missing, context), waitedMs: waited() };
      }
      if (state.stale.length && t - since >= SCRAPE_WAIT_MAX_MS) {
        const oldest = Math.min(...state.stale.map((s) => s.lastMs));
        return {
          ok: false,
          verdict: 'error',
          waitedMs: waited(),
          reason: `Prometheus has not scraped ${list(state.stale.map((s) => s.host))} since the batch ended ${formatDuration(t - since)} ago (their last scrape is from ${formatDuration(Math.max(0, state.sinceMs - oldest))} before it)`,
        };
      }
    }
    await sleep(POLL_MS, signal);
  }
}
