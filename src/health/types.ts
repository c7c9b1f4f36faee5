// The vocabulary of health checks: what is probed, what one probe found, and what a check concluded.
import type Dockerode from 'dockerode';
import type { HostSpec } from '../hosts/types';

/** The new (or restored) container on one host, as the health check reaches it. */
export interface HealthTarget {
  host: HostSpec;
  docker: Dockerode;
  containerId: string;
}

export type CheckName = 'http' | 'tcp' | 'command' | 'docker-health' | 'container';

/** What one probe of one check found. */
export interface ProbeResult {
  check: CheckName;
  ok: boolean;
  /** docker-health still `starting`: neither a pass nor a failure. */
  pending?: boolean;
  /** What was probed: "GET http://10.0.0.3:8080/health", "tcp 10.0.0.3:8080", "exec /bin/ready". */
  target?: string;
  latencyMs: number;
  status?: number; // HTTP status
  bodyExcerpt?: string; // the start of the HTTP body, on one line
  exitCode?: number; // command, or the container's when it stopped
  output?: string; // the command's (or the image HEALTHCHECK's) last output
  error?: string; // why it failed, in one line
  at: number; // when the probe started (epoch ms)
}

export interface HealthOutcome {
  healthy: boolean;
  /** The check was stopped by its AbortSignal (a cancelled run): neither healthy nor proven unhealthy. */
  aborted?: boolean;
  /** Why it is not healthy: "http: status 503, expected 200-299 (3 failed rounds in a row)". */
  reason?: string;
  /** The check that decided the failure. */
  check?: CheckName;
  rounds: number;
  startedAt: number; // epoch ms
  elapsedMs: number;
  /** Every probe result of the last few rounds, oldest first. */
  results: ProbeResult[];
  /** Latencies of the passing HTTP probes, in order. */
  latencies: number[];
}

export interface HttpCheck {
  path: string; // begins with "/"
  port: number; // on the host's address
  scheme: 'http' | 'https';
  status: [number, number]; // inclusive range, e.g. [200, 299]
  body?: { text: string } | { regex: string };
  maxLatencyMs?: number;
}

export interface HealthSpec {
  http?: HttpCheck;
  tcp?: { port: number };
  command?: string[]; // run inside the new container; exit 0 = healthy
  dockerHealth: boolean; // wait for the image's own HEALTHCHECK when it has one
  startPeriodMs: number;
  intervalMs: number;
  timeoutMs: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  deadlineMs: number;
}
