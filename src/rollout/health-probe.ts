// The rollout's view of health checks: one call per container that ends in a verdict with the
// message a user reads (host, check, last results, the container's last log lines).
import { HealthSpec } from '../health/types';
import { HostSpec } from '../hosts/types';
import { checkHealth } from '../health/check';
import { describeUnhealthy } from '../health/describe';
import { dockerOf } from '../hosts/docker-host';
import { HostEngine } from '../hosts/engine';
import { Logger } from '../log';
import type { HostProxy } from '../proxy/proxy';

export interface HealthVerdict {
  healthy: boolean;
  reason?: string; // the failure in one line: "http: status 404, expected 200-299"
  message: string; // the failure as the user reads it (results, log lines); '' when healthy
  elapsedMs: number;
  rounds: number;
  latenciesMs: number[];
}

export interface HealthProbe {
  /** With `proxy`, the HTTP and TCP checks go from inside the proxy container to the app's container (proxy mode). */
  check(
    spec: HostSpec,
    host: HostEngine,
    containerId: string,
    health: HealthSpec,
    signal?: AbortSignal,
    proxy?: HostProxy,
  ): Promise<HealthVerdict>;
}

export class RealHealthProbe implements HealthProbe {
  constructor(private readonly log: Logger) {}

  async check(
    spec: HostSpec,
    host: HostEngine,
    containerId: string,
    health: HealthSpec,
    signal?: AbortSignal,
    proxy?: HostProxy,
  ): Promise<HealthVerdict> {
    const target = { host: spec, docker: dockerOf(host), containerId };
    const probes = proxy ? (await import('../proxy/probe')).proxyProbes(proxy, containerId) : undefined;
    const outcome = await checkHealth(target, health, { log: this.log, probes }, signal);
    return {
      healthy: outcome.healthy,
      reason: outcome.reason,
      message: outcome.healthy ? '' : await describeUnhealthy(target, outcome),
      elapsedMs: outcome.elapsedMs,
      rounds: outcome.rounds,
      latenciesMs: outcome.latencies,
    };
  }
}
