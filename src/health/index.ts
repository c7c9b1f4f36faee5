// Health checks of a container on a host: the check loop, its probes, and the failure message.
export { checkHealth, type HealthDeps } from './check';
export { containerLogs, describeFailure, describeUnhealthy, resultLine } from './describe';
export { realProbes, type ContainerState, type Probes } from './probes';
export type { CheckName, HealthOutcome, HealthTarget, ProbeResult } from './types';
