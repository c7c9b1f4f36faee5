// The validated shape of aviary.yml plus the deploy inputs: what the rollout engine works from.
// Everything here has passed validation; durations are milliseconds, references are resolved.
import type { GateSpec } from '../gates/types';
import type { HooksSpec } from '../hooks/types';
import type { AvailabilitySpec } from '../availability/config';
import type { InventorySource } from '../inventory/types';
import type { ProxySpec } from '../proxy/config';

/** A batch size or budget as written: a count of hosts, or a percentage of the group (rounded up). */
export type Amount = { count: number } | { percent: number };

export interface TlsSpec {
  ca?: string;    // PEM text (resolved from a file path or an environment variable name)
  cert?: string;  // PEM text
  key?: string;   // PEM text; a secret
  verify: boolean; // false only when the user wrote `verify: false` (warned about)
}

export interface HostSpec {
  name: string;      // as written, or derived from the endpoint ("10.0.0.3", "web-2.example.com")
  group: string;
  docker: string;    // unix:///path, tcp://host:port, ssh://user@host[:port]
  address: string;   // where health checks go; default: the endpoint's host (127.0.0.1 for unix://)
  tls?: TlsSpec;
}

export interface HttpCheck {
  path: string;              // begins with "/"
  port: number;              // on the host's address
  scheme: 'http' | 'https';
  status: [number, number];  // inclusive range, e.g. [200, 299]
  body?: { text: string } | { regex: string };
  maxLatencyMs?: number;
}

export interface HealthSpec {
  http?: HttpCheck;
  tcp?: { port: number };
  command?: string[];        // run inside the new container; exit 0 = healthy
  dockerHealth: boolean;     // wait for the image's own HEALTHCHECK when it has one
  startPeriodMs: number;
  intervalMs: number;
  timeoutMs: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  deadlineMs: number;
}

export interface ContainerSpec {
  ports: string[];                 // docker -p syntax: "8080:8080", "127.0.0.1:80:8080/tcp"
  env: Record<string, string>;
  secretEnv: Record<string, string>; // name → value read from the environment; values are secrets
  volumes: string[];               // docker -v syntax
  command?: string[];              // default: the image's
  restart: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  stopTimeoutMs: number;
  labels: Record<string, string>;
  network?: string;
}

export interface StrategySpec {
  batches: Amount[];        // the last one repeats until the group is done
  pauseMs: number;          // bake time after each healthy batch
  maxUnhealthy: Amount;     // failure budget for the whole rollout
  parallel: number;         // hosts in flight at once
  keep: number;             // previous containers kept stopped on each host
}

export interface GroupSpec {
  name: string;
  hosts: HostSpec[];        // with `inventory`: empty until resolveInventory() fills it at the start of a run
  inventory?: InventorySource;  // where the hosts come from when the file does not list them (DNS, a program)
  container: ContainerSpec;
  strategy: StrategySpec;
  health: HealthSpec;
  gates?: GateSpec[];       // checked after each healthy batch of this group
  hooks?: HooksSpec;        // drain hooks around each host's swap
  proxy?: ProxySpec;        // proxy mode: a proxy container owns the published port, the switch is gapless
}

export interface DeployConfig {
  service: string;          // container name on every host: [a-z0-9][a-z0-9_.-]*
  image: string;            // the full reference to deploy: repo:tag or repo@sha256:…
  groups: GroupSpec[];      // the selected groups, in file order
  strategy: StrategySpec;   // the top-level strategy (budget, parallel)
  lockTimeoutMs: number;    // how long after its run's last heartbeat a lock counts as dead
  lockWaitMs: number;       // how long a run waits for a lock held by a live run (0: fails at once)
  availability?: AvailabilitySpec;  // probing during the rollout
  metricsUrl?: string;      // Pushgateway for the rollout's figures
}
