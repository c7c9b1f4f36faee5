// The latency model of the scale simulation: per kind of engine call, a log-normal distribution
// fitted to the times measured on the real fleet (median and 90th percentile), sampled per call.

/** The kinds of HostEngine calls, as test/support/memory-engine.ts names them, plus the health check. */
export const KINDS = [
  'list',
  'inspect',
  'image',
  'pull',
  'create',
  'start',
  'stop',
  'rename',
  'remove',
  'record',
  'records',
  'clock',
  'connect',
  'health',
] as const;
export type Kind = (typeof KINDS)[number];

export interface Fit {
  samples: number;
  medianMs: number;
  p90Ms: number;
  mu: number; // of ln(ms)
  sigma: number;
}

export type LatencyModel = Record<Kind, Fit>;

export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i];
}

/** A log-normal through the median and the 90th percentile (z(0.9) = 1.2816). */
export function fit(samplesMs: number[]): Fit {
  const s = [...samplesMs].sort((a, b) => a - b);
  const median = Math.max(0.05, quantile(s, 0.5));
  const p90 = Math.max(median, quantile(s, 0.9));
  const mu = Math.log(median);
  return { samples: s.length, medianMs: round(median), p90Ms: round(p90), mu, sigma: (Math.log(p90) - mu) / 1.2816 };
}

/** A draw from the fitted distribution (Box-Muller), in ms. */
export function sample(f: Fit, random: () => number = Math.random): number {
  const u = Math.max(1e-12, random());
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  return Math.exp(f.mu + f.sigma * z);
}

/** The kind of a memory-engine call from its trace text: "h12 rename 3f2a1c web" → rename. */
export function kindOf(what: string): Kind {
  const word = what.split(' ')[1] ?? '';
  if (word === 'list' && what.split(' ').length > 2) return 'list';
  return (KINDS as readonly string[]).includes(word) ? (word as Kind) : 'inspect';
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
