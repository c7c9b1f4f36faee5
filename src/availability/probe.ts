// Measures availability while a rollout runs: every target is probed at a fixed rate, each probe's
// interval counts as uptime or downtime, and the figures are kept per target, per batch and overall.
import * as net from 'node:net';
import { Logger } from '../log';
import { formatDuration } from '../util/duration';
import { HttpError, httpRequest } from '../net/http';
import {
  AvailabilityFigures,
  AvailabilityReport,
  AvailabilityTarget,
  BatchAvailability,
  Outage,
  ProbeOutcome,
  TargetAvailability,
} from './types';

export interface AvailabilityOptions {
  /** Per probe; default 1s. A slow probe delays that target's next one; its whole interval is downtime. */
  timeoutMs?: number;
  /** The probe stops by itself after this long (default 6h), even if stop() is never called. */
  maxDurationMs?: number;
  /** Probes in flight at once across all targets (default 256); a target not probed on a tick is probed on the next. */
  maxInFlight?: number;
  log?: Logger;
  now?: () => number;
  /** The probe of one target (default: HTTP GET or TCP connect). */
  probe?: (target: AvailabilityTarget, timeoutMs: number, signal: AbortSignal) => Promise<ProbeOutcome>;
}

const MAX_OUTAGES = 20;
const PER_TARGET_BATCH_LIMIT = 200;
export const DEFAULT_MAX_DURATION_MS = 6 * 3_600_000;

interface Finished {
  start: number;
  ok: boolean;
  batch: number;
  error?: string;
}

interface TargetState {
  target: AvailabilityTarget;
  kind: 'host' | 'service';
  figures: Totals;
  outages: Outage[];
  outagesDropped: number;
  current?: Outage; // the outage going on, when the last probe failed
  inFlight: boolean;
  last?: Finished; // the last finished probe, not yet accounted for
  offline: boolean; // taken down by the rollout itself (see offline()): not probed
  offlineAt?: number; // when it last was; a probe sent before that is out of date
}

export const OFFLINE_REASON = 'stopped by the rollout to switch containers';

class Totals {
  uptimeMs = 0;
  downtimeMs = 0;
  probes = 0;
  failures = 0;
  add(ok: boolean, ms: number): void {
    this.probes++;
    if (ok) this.uptimeMs += ms;
    else {
      this.downtimeMs += ms;
      this.failures++;
    }
  }
  merge(o: Totals): void {
    this.uptimeMs += o.uptimeMs;
    this.downtimeMs += o.downtimeMs;
    this.probes += o.probes;
    this.failures += o.failures;
  }
  get figures(): AvailabilityFigures {
    const total = this.uptimeMs + this.downtimeMs;
    return {
      uptimeMs: Math.round(this.uptimeMs),
      downtimeMs: Math.round(this.downtimeMs),
      probes: this.probes,
      failures: this.failures,
      availability: total > 0 ? this.uptimeMs / total : null,
    };
  }
}

interface BatchState {
  index: number;
  group?: string;
  targets: Map<string, Totals>;
}

/**
 * Probes a fixed set of targets from start() to stop(). Bounded in time (maxDurationMs), in
 * memory (counts and at most 20 outages per target, whatever the length of the rollout) and in
 * connections (maxInFlight); its timer never keeps the process alive.
 */
export class AvailabilityProbe {
  private readonly timeoutMs: number;
  private readonly maxDurationMs: number;
  private readonly maxInFlight: number;
  private readonly now: () => number;
  private readonly probeFn: (
    target: AvailabilityTarget,
    timeoutMs: number,
    signal: AbortSignal,
  ) => Promise<ProbeOutcome>;
  private states: TargetState[] = [];
  private batches = new Map<number, BatchState>();
  private batch = 0;
  private intervalMs = 0;
  private startedAt = 0;
  private endedAt?: number;
  private endedBy: 'stop' | 'time-limit' = 'stop';
  private timer?: NodeJS.Timeout;
  private limitTimer?: NodeJS.Timeout;
  private inFlight = 0;
  private readonly pending = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(private readonly options: AvailabilityOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.maxDurationMs = options.maxDurationMs ?? DEFAULT_MAX_DURATION_MS;
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 256);
    this.now = options.now ?? Date.now;
    this.probeFn = options.probe ?? probeTarget;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Starts probing every target every intervalMs, the first probes at once. */
  start(targets: AvailabilityTarget[], intervalMs: number): void {
    if (this.startedAt) throw new Error('the availability probe was already started');
    if (!(intervalMs > 0)) throw new Error(`the availability probe's interval must be above 0 (got ${intervalMs})`);
    const names = new Set<string>();
    for (const t of targets) {
      if (names.has(t.name)) throw new Error(`two availability targets are named ${JSON.stringify(t.name)}`);
      names.add(t.name);
    }
    this.intervalMs = intervalMs;
    this.startedAt = this.now();
    this.states = targets.map((target) => ({
      target,
      kind: target.kind ?? 'host',
      figures: new Totals(),
      outages: [],
      outagesDropped: 0,
      inFlight: false,
      offline: false,
    }));
    this.batchState(0);
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
    this.limitTimer = setTimeout(() => this.finish('time-limit'), this.maxDurationMs);
    this.limitTimer.unref();
    this.options.log?.debug(`availability: probing ${targets.length} target(s) every ${formatDuration(intervalMs)}`);
    this.tick();
  }

  /** From now on, probes count for this batch (1-based); null or 0 for the time between batches. */
  markBatch(index: number | null, group?: string): void {
    this.batch = index ?? 0;
    const state = this.batchState(this.batch);
    if (group) state.group = group;
  }

  /**
   * The rollout takes the host down to switch its containers: until online(), the target counts as
   * down without being probed. Probing it then would be worse than useless: a connection that
   * reaches the host while the new container's network is set up makes the host's kernel wait for
   * that address (ARP) for up to a second, and the new container's first health check waits with it.
   */
  offline(name: string): void {
    const s = this.stateOf(name);
    if (!s || s.offline || this.endedAt !== undefined) return;
    const t = this.now();
    if (s.last) this.account(s, s.last, t);
    const down: Finished = { start: t, ok: false, batch: this.batch, error: OFFLINE_REASON };
    this.transition(s, down);
    s.last = down;
    s.offline = true;
    s.offlineAt = t;
  }

  /** The switch is over: the target is probed again, at once. */
  online(name: string): void {
    const s = this.stateOf(name);
    if (!s || !s.offline) return;
    s.offline = false;
    if (this.endedAt === undefined && !s.inFlight && this.inFlight < this.maxInFlight) this.launch(s);
  }

  /** The figures so far, without stopping. */
  snapshot(): AvailabilityReport {
    return this.report(this.endedAt ?? this.now(), false);
  }

  /**
   * Stops probing and returns the figures. Probes in flight are waited for (each is bounded by its
   * timeout): a hanging probe at the end is downtime, not a gap. Safe to call more than once.
   */
  async stop(): Promise<AvailabilityReport> {
    this.finish('stop');
    if (this.pending.size) {
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.timeoutMs + 250);
      });
      await Promise.race([Promise.allSettled([...this.pending]), bound]);
      clearTimeout(timer);
      this.abort.abort();
    }
    return this.report(this.endedAt!, true);
  }

  private finish(by: 'stop' | 'time-limit'): void {
    if (this.endedAt !== undefined) return;
    this.endedAt = this.now();
    this.endedBy = by;
    if (this.timer) clearInterval(this.timer);
    if (this.limitTimer) clearTimeout(this.limitTimer);
    this.timer = undefined;
    if (by === 'time-limit')
      this.options.log?.warn(
        `availability: stopped probing after ${formatDuration(this.maxDurationMs)} (its time limit)`,
      );
  }

  private batchState(index: number): BatchState {
    let b = this.batches.get(index);
    if (!b) {
      b = { index, targets: new Map() };
      this.batches.set(index, b);
    }
    return b;
  }

  private tick(): void {
    if (this.endedAt !== undefined) return;
    for (const s of this.states) {
      if (s.inFlight || s.offline) continue;
      if (this.inFlight >= this.maxInFlight) break;
      this.launch(s);
    }
  }

  private launch(s: TargetState): void {
    const probe = this.probeOne(s);
    this.pending.add(probe);
    void probe.finally(() => this.pending.delete(probe));
  }

  private stateOf(name: string): TargetState | undefined {
    return this.states.find((s) => s.target.name === name && s.kind === 'host');
  }

  private async probeOne(s: TargetState): Promise<void> {
    const start = this.now();
    if (s.last) this.account(s, s.last, start);
    s.last = undefined;
    s.inFlight = true;
    this.inFlight++;
    const batch = this.batch;
    let outcome: ProbeOutcome;
    try {
      outcome = await this.probeFn(s.target, this.timeoutMs, this.abort.signal);
    } catch (err) {
      outcome = { ok: false, error: (err as Error).message };
    } finally {
      s.inFlight = false;
      this.inFlight--;
    }
    const finished: Finished = { start, ok: outcome.ok, batch, error: outcome.error };
    if (s.offlineAt !== undefined && start < s.offlineAt) {
      // Sent before the host was taken down: it counts up to then, and says nothing of now.
      this.account(s, finished, s.offlineAt);
      return;
    }
    this.transition(s, finished);
    // Finished after the end (stop() waits for it): it counts up to the end.
    if (this.endedAt !== undefined) this.account(s, finished, this.endedAt);
    else s.last = finished;
  }

  /** Counts a finished probe's interval, from its start to `until` (the next probe's start, or the end). */
  private account(s: TargetState, probe: Finished, until: number): void {
    const ms = Math.max(0, until - probe.start);
    s.figures.add(probe.ok, ms);
    const b = this.batchState(probe.batch);
    let t = b.targets.get(s.target.name);
    if (!t) {
      t = new Totals();
      b.targets.set(s.target.name, t);
    }
    t.add(probe.ok, ms);
    if (!probe.ok && s.current) s.current.durationMs += ms;
  }

  /** Opens or closes an outage when a target goes down or comes back; logs only those changes. */
  private transition(s: TargetState, probe: Finished): void {
    if (!probe.ok) {
      if (!s.current) {
        s.current = {
          from: new Date(probe.start).toISOString(),
          durationMs: 0,
          failures: 0,
          reason: probe.error ?? 'failed',
          batch: probe.batch || undefined,
        };
        if (s.outages.length < MAX_OUTAGES) s.outages.push(s.current);
        else s.outagesDropped++;
        this.options.log?.debug(`availability: ${s.target.name} is down: ${s.current.reason}`);
      }
      s.current.failures++;
    } else if (s.current) {
      this.options.log?.debug(`availability: ${s.target.name} is up again after ${s.current.failures} failed probe(s)`);
      s.current = undefined;
    }
  }

  private report(end: number, final: boolean): AvailabilityReport {
    // The last finished probe of each target covers its interval up to the end.
    const pending = this.states.filter((s) => s.last);
    if (final)
      for (const s of pending) {
        this.account(s, s.last!, end);
        s.last = undefined;
      }
    const extra = (s: TargetState): Totals => {
      const t = new Totals();
      t.merge(s.figures);
      if (!final && s.last) t.add(s.last.ok, Math.max(0, end - s.last.start));
      return t;
    };
    const targets: TargetAvailability[] = this.states.map((s) => ({
      name: s.target.name,
      url: s.target.url,
      kind: s.kind,
      group: s.target.group,
      ...extra(s).figures,
      outages: s.outages.map((o) => ({ ...o })),
      ...(s.outagesDropped ? { outagesDropped: s.outagesDropped } : {}),
    }));
    const sum = (filter: (s: TargetState) => boolean, pick: (s: TargetState) => Totals | undefined): Totals => {
      const t = new Totals();
      for (const s of this.states)
        if (filter(s)) {
          const x = pick(s);
          if (x) t.merge(x);
        }
      return t;
    };
    const isHost = (s: TargetState) => s.kind === 'host';
    const isService = (s: TargetState) => s.kind === 'service';
    const hasService = this.states.some(isService);
    const hosts = sum(isHost, extra);
    const service = hasService ? sum(isService, extra) : undefined;
    const batches: BatchAvailability[] = [...this.batches.values()]
      .filter((b) => b.targets.size > 0 || b.index > 0)
      .sort((a, b) => a.index - b.index)
      .map((b) => {
        const h = sum(isHost, (s) => b.targets.get(s.target.name));
        const sv = hasService ? sum(isService, (s) => b.targets.get(s.target.name)) : undefined;
        return {
          index: b.index,
          group: b.group,
          overall: (sv ?? h).figures,
          hosts: h.figures,
          ...(sv ? { service: sv.figures } : {}),
          ...(this.states.length <= PER_TARGET_BATCH_LIMIT
            ? { targets: Object.fromEntries([...b.targets].map(([name, t]) => [name, t.figures])) }
            : {}),
        };
      });
    return {
      intervalMs: this.intervalMs,
      timeoutMs: this.timeoutMs,
      startedAt: new Date(this.startedAt || end).toISOString(),
      durationMs: this.startedAt ? end - this.startedAt : 0,
      endedBy: this.endedBy,
      basis: hasService ? 'service' : 'hosts',
      overall: (service ?? hosts).figures,
      hosts: hosts.figures,
      ...(service ? { service: service.figures } : {}),
      targets,
      batches,
    };
  }
}

/** How late a timeout may fire before the failure says more about this process than about the target. */
const STALL_MS = 250;

/**
 * The default probe: GET for http(s) URLs (a fresh connection each time), a TCP connect for tcp://.
 * A probe whose timeout fired late failed because this process stalled (its event loop busy, or
 * the machine's CPUs taken), not surely because the target did: the answer may have been waiting
 * behind the timer. It is sent once more, at once, so that downtime is the target's own.
 */
export async function probeTarget(
  target: AvailabilityTarget,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ProbeOutcome> {
  const started = performance.now();
  const outcome = await probeOnce(target, timeoutMs, signal);
  const stalled = !outcome.ok && outcome.timedOut && performance.now() - started > timeoutMs + STALL_MS;
  return stalled && !signal.aborted ? probeOnce(target, timeoutMs, signal) : outcome;
}

async function probeOnce(target: AvailabilityTarget, timeoutMs: number, signal: AbortSignal): Promise<ProbeOutcome> {
  const url = new URL(target.url);
  if (url.protocol === 'tcp:')
    return tcpConnect(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port), timeoutMs, signal);
  try {
    const answer = await httpRequest({
      url: target.url,
      timeoutMs,
      signal,
      maxBody: 64 * 1024,
      agent: 'aviary-availability',
    });
    const [lo, hi] = target.status ?? [200, 399];
    if (answer.status < lo || answer.status > hi) return { ok: false, error: `status ${answer.status}` };
    if (target.body !== undefined && !answer.body.includes(target.body))
      return { ok: false, error: `body does not contain ${JSON.stringify(target.body)}` };
    return { ok: true };
  } catch (err) {
    return { ok: false, error: (err as Error).message, timedOut: err instanceof HttpError && err.kind === 'timeout' };
  }
}

function tcpConnect(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let done = false;
    const finish = (r: ProbeOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(r);
    };
    const onAbort = () => finish({ ok: false, error: 'cancelled' });
    const timer = setTimeout(
      () => finish({ ok: false, error: `no connection within ${formatDuration(timeoutMs)}`, timedOut: true }),
      timeoutMs,
    );
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish({ ok: true }));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      finish({ ok: false, error: err.code === 'ECONNREFUSED' ? 'connection refused' : err.message }),
    );
  });
}
