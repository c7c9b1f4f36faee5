// The validated shape of aviary.yml plus the deploy inputs: what the rollout engine works from.
// Everything here has passed validation; durations are milliseconds, references are resolved.
import type { GateSpec } from '../gates/types';
import type { HooksSpec } from '../hooks/types';
import type { AvailabilitySpec } from '../availability/config';
import type { InventorySource } from '../inventory/types';
import type { ProxySpec } from '../proxy/config';
import type { ContainerSpec } from '../container/config';
import type { HealthSpec } from '../health/types';
import type { HostSpec } from '../hosts/types';
import type { StrategySpec } from '../strategy/config';

export interface GroupSpec {
  name: string;
  hosts: HostSpec[]; // with `inventory`: empty until resolveInventory() fills it at the start of a run
  inventory?: InventorySource; // where the hosts come from when the file does not list them (DNS, a program)
  container: ContainerSpec;
  strategy: StrategySpec;
  health: HealthSpec;
  gates?: GateSpec[]; // checked after each healthy batch of this group
  hooks?: HooksSpec; // drain hooks around each host's swap
  proxy?: ProxySpec; // proxy mode: a proxy container owns the published port, the switch is gapless
}

export interface DeployConfig {
  service: string; // container name on every host: [a-z0-9][a-z0-9_.-]*
  image: string; // the full reference to deploy: repo:tag or repo@sha256:…
  groups: GroupSpec[]; // the selected groups, in file order
  strategy: StrategySpec; // the top-level strategy (budget, parallel)
  lockTimeoutMs: number; // how long after its run's last heartbeat a lock counts as dead
  lockWaitMs: number; // how long a run waits for a lock held by a live run (0: fails at once)
  availability?: AvailabilitySpec; // probing during the rollout
  metricsUrl?: string; // Pushgateway for the rollout's figures
}
