// Availability during a rollout: probes, figures, and their rendering.
export { AvailabilityProbe, probeTarget, DEFAULT_MAX_DURATION_MS, type AvailabilityOptions } from './probe';
export { readAvailability, availabilityTargets, hostTarget, DEFAULT_AVAILABILITY, type AvailabilitySpec } from './config';
export { percent, formatAvailability, availabilityOutput, availabilityLine, availabilityMarkdown } from './format';
export type {
  AvailabilityFigures, AvailabilityReport, AvailabilityTarget, BatchAvailability, Outage, ProbeOutcome, TargetAvailability,
} from './types';
