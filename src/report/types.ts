// The record of one rollout: what was planned, what each host ran before and after, timings and
// health results. Written as JSON (report-file) and read by the summary and the outputs.
import type { AvailabilityReport } from '../availability/types';

/**
 * deployed: every host in scope runs the new version, healthy. partial: every host runs a healthy
 * version, but some failed within max-unhealthy and run their previous one. rolled-back: the
 * rollout failed and every host it touched runs its previous version, healthy. failed: anything
 * else (nothing changed, or a host could not be put back: the error names it and what it runs).
 */
export type RolloutResult = 'deployed' | 'partial' | 'rolled-back' | 'failed';

export type HostResult =
  | 'untouched' // never reached by the rollout
  | 'updated' // runs the new version, healthy
  | 'rolled-back' // was updated or tried, runs its previous version again, healthy
  | 'restore-failed'; // could not be put back on its previous version: needs a human

export interface VersionRecord {
  image?: string;
  digest?: string;
  container?: string; // short id
}

export interface HealthRecord {
  healthy: boolean;
  elapsedMs: number;
  rounds: number;
  latenciesMs: number[];
  reason?: string;
}

export interface HostReport {
  name: string;
  group: string;
  batch?: number;
  result: HostResult;
  previous: VersionRecord;
  next: VersionRecord;
  health?: HealthRecord;
  rollbackHealth?: HealthRecord;
  /** Proxy mode: the proxy's image and port, the container it serves (short id) and what the run changed of it. */
  proxy?: {
    image?: string;
    port?: number;
    serving?: string;
    changes?: string[];
    /** A traffic-weighted canary the proxy shared requests with: the new container (short id) and its share in %. */
    canary?: { container: string; weight: number };
  };
  startedAt?: string;
  durationMs?: number;
  error?: string;
}

export interface BatchReport {
  index: number;
  total: number;
  group: string;
  hosts: string[];
  result: 'healthy' | 'failed' | 'skipped' | 'cancelled';
  startedAt?: string;
  durationMs?: number;
  healthy: number;
  unhealthy: number;
  gates?: Array<{ name: string; ok: boolean; message: string; rounds: number; failures: number; durationMs: number }>;
}

export interface RolloutReport {
  service: string;
  image: string;
  digest?: string;
  deployment: string;
  deployedBy: string;
  result: RolloutResult;
  dryRun: boolean;
  startedAt: string;
  durationMs: number;
  phases: Record<string, { startedAt: string; durationMs: number }>;
  /** `proxy`: the batch's group switches behind a proxy (else stop-and-start). */
  plan: Array<{
    index: number;
    group: string;
    hosts: string[];
    /** `canaryWeight`: the batch's hosts first share requests with the new version (a traffic-weighted canary). */
    proxy?: { image: string; port: number; canaryWeight?: number };
  }>;
  batches: BatchReport[];
  hosts: HostReport[];
  error?: string;
  warnings: string[];
  availability?: AvailabilityReport;
}
