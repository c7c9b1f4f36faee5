// The vocabulary of availability: what is probed during a rollout and how much of the time it answered.

/** One endpoint probed during the rollout: a host's health endpoint, or a service URL (a load balancer's). */
export interface AvailabilityTarget {
  name: string;
  /** http://…, https://… (GET; passes on `status`, and `body` when given) or tcp://host:port (a connection). */
  url: string;
  /** host: one of the selected hosts; service: what users reach (default host). */
  kind?: 'host' | 'service';
  group?: string;
  /** Statuses that pass (inclusive; default 200-399). */
  status?: [number, number];
  /** Text the body must contain. */
  body?: string;
}

/** Uptime and downtime of probes: each probe's interval (to the next probe) counts as up when it passed, down otherwise. */
export interface AvailabilityFigures {
  uptimeMs: number;
  downtimeMs: number;
  probes: number;
  failures: number;
  /** uptime / (uptime + downtime); null before any probe finished. */
  availability: number | null;
}

/** Failed probes in a row: one stretch of downtime of one target. */
export interface Outage {
  from: string; // ISO time of the first failed probe
  durationMs: number; // to the first probe that passed again (or the end)
  failures: number;
  reason: string; // the first failed probe's error
  batch?: number;
}

export interface TargetAvailability extends AvailabilityFigures {
  name: string;
  url: string;
  kind: 'host' | 'service';
  group?: string;
  /** The first outages (at most 20); `outagesDropped` counts the rest. */
  outages: Outage[];
  outagesDropped?: number;
}

export interface BatchAvailability {
  /** The batch's index (1-based, as in the plan); 0 for the time outside any batch (gates, pauses). */
  index: number;
  group?: string;
  overall: AvailabilityFigures;
  hosts: AvailabilityFigures;
  service?: AvailabilityFigures;
  /** Per target; kept when there are at most 200 targets. */
  targets?: Record<string, AvailabilityFigures>;
}

export interface AvailabilityReport {
  intervalMs: number;
  timeoutMs: number;
  startedAt: string;
  durationMs: number;
  endedBy: 'stop' | 'time-limit';
  /** What `overall` is: the service URLs when any were given (what users see), else the hosts. */
  basis: 'service' | 'hosts';
  overall: AvailabilityFigures;
  hosts: AvailabilityFigures;
  service?: AvailabilityFigures;
  targets: TargetAvailability[];
  batches: BatchAvailability[];
}

/** The outcome of one probe. */
export interface ProbeOutcome {
  ok: boolean;
  error?: string;
  /** It failed by its timeout: no answer in time. */
  timedOut?: boolean;
}
