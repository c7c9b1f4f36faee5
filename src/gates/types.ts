// The vocabulary of gates: what a gate asks a monitoring system, what it expects, and what an
// evaluation after a batch found.
import type { GateValue } from './condition';

/** What a round without data means: fail it, pass it, or wait for data until `for` ends (then fail). */
export type NoDataRule = 'fail' | 'pass' | 'wait';

/**
 * How a gate makes sure it judges the new version, not the old one's last samples:
 * - `scrape` (Prometheus only): before its first query, wait until Prometheus holds a sample of
 *   `up` newer than the batch's end for every target of the hosts judged (a target belongs to a
 *   host when one of its labels is the host's name or address, with or without a port);
 * - `wait`: wait this long after the batch's end (a scrape interval, or a push or cache period);
 * - `off`: query at once.
 */
export type Freshness = { kind: 'scrape' } | { kind: 'wait'; ms: number } | { kind: 'off' };

/** A Prometheus instant query (`/api/v1/query`). */
export interface PrometheusSource {
  kind: 'prometheus';
  url: string; // the server's base URL: http://prometheus:9090
  query: string; // PromQL, with {{group}}, {{hosts}}, {{addresses}}, {{version}}, {{service}}
  headers: Record<string, string>;
}

/** Any HTTP endpoint answering JSON; `path` picks the value tested ("data.errorRate", "items[0].value"). */
export interface HttpSource {
  kind: 'http';
  url: string; // placeholders are filled in percent-encoded
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  path: string; // "" = the whole answer
}

/** What every value must satisfy; at least one of the three is set. */
export interface GateCheck {
  max?: number; // value ≤ max
  min?: number; // value ≥ min
  condition?: string; // an expression on `result`, see condition.ts
}

export interface GateSpec {
  name: string;
  field: string; // where it was written (gates[0]), for messages
  source: PrometheusSource | HttpSource;
  check: GateCheck;
  forMs: number; // the condition must hold for this long (0: one query)
  intervalMs: number; // between queries within `for`
  failureLimit: number; // failed rounds tolerated; one more fails the gate
  noData: NoDataRule;
  timeoutMs: number; // per query
  fresh: Freshness; // default: scrape for Prometheus, off for HTTP
}

/** Who the gate is about: the batch just finished. */
export interface GateContext {
  group: string;
  /** The hosts to judge, by name: those of the group updated so far (or just the batch's). */
  hosts: string[];
  /** Their addresses, in the same order; {{addresses}} (empty when not given). */
  addresses?: string[];
  /** The tag or digest being deployed. */
  version: string;
  service?: string;
  /**
   * When the batch ended (ms since the epoch): a gate with `fresh:` judges only samples newer
   * than this. Default: when the gate's evaluation starts (later, so stricter).
   */
  since?: number;
}

export type RoundVerdict = 'pass' | 'fail' | 'no-data' | 'error';

/** One query of one gate and what it returned. */
export interface GateSample {
  gate: string;
  at: string; // ISO time of the query
  elapsedMs: number; // since the gate's evaluation started
  verdict: RoundVerdict;
  values: Array<{ series?: string; value: GateValue }>;
  /** Why the round failed: the offending value and the condition, or the error. */
  reason?: string;
}

export interface GateResult {
  name: string;
  ok: boolean;
  /** What was asked: `prometheus http://p:9090 query max(errors{host=~"h1"})`. */
  asked: string;
  /** The condition in words: `≤ 10`, `result < 0.01`. */
  expected: string;
  rounds: number;
  failures: number;
  noData: number;
  durationMs: number;
  message: string;
  /** The rounds' results, oldest first (at most the last 50). */
  samples: GateSample[];
}

export interface GateOutcome {
  ok: boolean;
  /** Cancelled by the signal before a verdict: neither passed nor failed on its merits. */
  cancelled?: boolean;
  /** One line per gate; for a failed gate: the query, the values seen and the condition. */
  message: string;
  gates: GateResult[];
  /** Every gate's samples together, in time order. */
  samples: GateSample[];
}
