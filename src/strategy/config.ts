// The strategy section: batch sizes, the pause after each healthy batch, the failure budget, how many
// hosts are in flight at once and how many previous containers each host keeps.
import { Problems } from '../errors';
import { amount, Amount, at, dropUndefined, duration, has, int, knownKeys, mapping } from '../util/fields';

export interface StrategySpec {
  batches: Amount[]; // the last one repeats until the group is done
  pauseMs: number; // bake time after each healthy batch
  maxUnhealthy: Amount; // failure budget for the whole rollout
  parallel: number; // hosts in flight at once
  keep: number; // previous containers kept stopped on each host
}

export const STRATEGY_KEYS = ['batches', 'pause', 'max-unhealthy', 'parallel', 'keep'] as const;

export const DEFAULT_STRATEGY: StrategySpec = {
  batches: [{ count: 1 }, { percent: 25 }, { percent: 100 }],
  pauseMs: 0,
  maxUnhealthy: { count: 0 },
  parallel: 32,
  keep: 3,
};
export const PARALLEL_MAX = 1024;
export const KEEP_MAX = 100;
export const BATCHES_MAX = 100;

export type StrategyPart = Partial<StrategySpec>;

/** Reads a strategy section of the file (deploy inputs are read by the loader). */
export function readStrategy(
  p: Problems,
  path: string,
  v: unknown,
  elsewhere: Record<string, string> = {},
): StrategyPart {
  const m = mapping(p, path, v, 'a mapping with batches, pause, max-unhealthy, parallel, keep');
  if (!m) return {};
  knownKeys(p, path, m, STRATEGY_KEYS, elsewhere);
  const out: StrategyPart = {};
  if (has(m, 'batches')) out.batches = readBatches(p, at(path, 'batches'), m.batches, false);
  if (has(m, 'pause')) out.pauseMs = duration(p, at(path, 'pause'), m.pause);
  if (has(m, 'max-unhealthy'))
    out.maxUnhealthy = amount(p, at(path, 'max-unhealthy'), m['max-unhealthy'], { zero: true });
  if (has(m, 'parallel')) out.parallel = int(p, at(path, 'parallel'), m.parallel, 1, PARALLEL_MAX);
  if (has(m, 'keep')) out.keep = int(p, at(path, 'keep'), m.keep, 0, KEEP_MAX);
  return dropUndefined(out);
}

/** A list of batch sizes; a single size stands for a list of one (as Ansible's `serial: 3`). */
export function readBatches(p: Problems, path: string, v: unknown, fromInput: boolean): Amount[] | undefined {
  const list = Array.isArray(v)
    ? v
    : typeof v === 'number' || (typeof v === 'string' && v.trim().endsWith('%'))
      ? [v]
      : undefined;
  if (!list) {
    p.add(path, v, 'a list of batch sizes like [1, "25%", "100%"]');
    return undefined;
  }
  if (list.length === 0) {
    p.add(path, v, 'a non-empty list of batch sizes like [1, "25%", "100%"]');
    return undefined;
  }
  if (list.length > BATCHES_MAX) {
    p.raw(`${path}: a list of ${list.length} batch sizes is too long (at most ${BATCHES_MAX}; the last one repeats)`);
    return undefined;
  }
  const out: Amount[] = [];
  let ok = true;
  list.forEach((item, i) => {
    const a = amount(p, Array.isArray(v) ? at(path, i) : path, item, { zero: false, digitsAreCount: fromInput });
    if (a) out.push(a);
    else ok = false;
  });
  return ok ? out : undefined;
}

export function mergeStrategy(...parts: StrategyPart[]): StrategySpec {
  return Object.assign({}, DEFAULT_STRATEGY, ...parts);
}
