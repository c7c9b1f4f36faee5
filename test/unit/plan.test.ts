// The rollout plan: Ansible-serial batch sizes (percentages rounded up), group order, and the failure budget.
import fc from 'fast-check';
import { loadConfig } from '../../src/config/load';
import { Amount } from '../../src/util/fields';
import { budget, planBatches, planRollout } from '../../src/rollout/plan';

/** Batch sizes as written in aviary.yml: numbers are counts, "N%" strings percentages. */
function amounts(list: (number | string)[]): Amount[] {
  return list.map((x) => (typeof x === 'number' ? { count: x } : { percent: Number(x.replace('%', '')) }));
}

const HOSTS = [1, 2, 3, 7, 8, 10, 32, 64];

// For each batch list, the expected sizes for 1, 2, 3, 7, 8, 10, 32 and 64 hosts.
const TABLE: [(number | string)[], number[][]][] = [
  [
    [1, '25%', '100%'],
    [[1], [1, 1], [1, 1, 1], [1, 2, 4], [1, 2, 5], [1, 3, 6], [1, 8, 23], [1, 16, 47]],
  ],
  [
    [1, '50%', '100%'],
    [[1], [1, 1], [1, 2], [1, 4, 2], [1, 4, 3], [1, 5, 4], [1, 16, 15], [1, 32, 31]],
  ],
  [[2], [[1], [2], [2, 1], [2, 2, 2, 1], [2, 2, 2, 2], [2, 2, 2, 2, 2], Array(16).fill(2), Array(32).fill(2)]],
  [['30%'], [[1], [1, 1], [1, 1, 1], [3, 3, 1], [3, 3, 2], [3, 3, 3, 1], [10, 10, 10, 2], [20, 20, 20, 4]]],
  [
    [1, 5, '100%'],
    [[1], [1, 1], [1, 2], [1, 5, 1], [1, 5, 2], [1, 5, 4], [1, 5, 26], [1, 5, 58]],
  ],
];

describe('planBatches', () => {
  test.each(TABLE.flatMap(([batches, sizes]) => HOSTS.map((n, i) => [JSON.stringify(batches), n, sizes[i]] as const)))(
    '%s with %i hosts → %j',
    (batches, hostCount, expected) => {
      expect(planBatches(hostCount, amounts(JSON.parse(batches)))).toEqual(expected);
    },
  );

  test.each([
    // percentages round up: a batch is at least the share asked for
    [3, ['34%'], [2, 1]],
    [9, ['12.5%'], [2, 2, 2, 2, 1]],
    [8, ['12.5%'], [1, 1, 1, 1, 1, 1, 1, 1]],
    [100, ['7%'], [7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 2]], // 7% of 100 is 7, not 8 (floating point)
    [20, ['30%'], [6, 6, 6, 2]], // the example of Ansible's docs
    [5, ['1%'], [1, 1, 1, 1, 1]], // never less than one host
    // the last entry repeats until every host is in a batch
    [10, [1, 2], [1, 2, 2, 2, 2, 1]],
    [6, [1, '10%'], [1, 1, 1, 1, 1, 1]],
    // a batch never exceeds the hosts left
    [3, [100], [3]],
    [4, [1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1]],
    [5, ['100%', 1], [5]],
    [0, [1, '25%'], []],
  ])('%i hosts with %j → %j', (hostCount, batches, expected) => {
    expect(planBatches(hostCount as number, amounts(batches as (number | string)[]))).toEqual(expected);
  });

  test('an empty batch list means one batch of every host', () => {
    expect(planBatches(4, [])).toEqual([4]);
  });

  test('every host is in exactly one batch, each of at least one host', () => {
    const amount = fc.oneof(
      fc.integer({ min: 1, max: 50 }).map((count): Amount => ({ count })),
      fc.integer({ min: 1, max: 100 }).map((percent): Amount => ({ percent })),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.array(amount, { minLength: 1, maxLength: 6 }), (n, batches) => {
        const sizes = planBatches(n, batches);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
        expect(sizes.every((s) => Number.isInteger(s) && s >= 1)).toBe(true);
        // Until the hosts run out, each batch is the size its entry asks for (percentages rounded up).
        sizes.slice(0, -1).forEach((size, i) => {
          const entry = batches[Math.min(i, batches.length - 1)];
          expect(size).toBe('count' in entry ? entry.count : Math.max(1, Math.ceil((entry.percent * n) / 100 - 1e-9)));
        });
      }),
      { seed: 20240601, numRuns: 500 },
    );
  });
});

describe('budget', () => {
  test.each([
    [{ count: 0 }, 10, 0],
    [{ count: 3 }, 10, 3],
    [{ count: 30 }, 10, 30],
    [{ percent: 0 }, 10, 0],
    [{ percent: 10 }, 5, 0], // rounds down: 10% of 5 hosts allows no failure
    [{ percent: 10 }, 10, 1],
    [{ percent: 25 }, 10, 2],
    [{ percent: 7 }, 100, 7], // not 6 (floating point)
    [{ percent: 100 }, 7, 7],
    [{ percent: 50 }, 0, 0],
  ] as [Amount, number, number][])('%j of %i hosts → %i', (maxUnhealthy, total, expected) => {
    expect(budget(maxUnhealthy, total)).toBe(expected);
  });
});

describe('planRollout', () => {
  const config = loadConfig({
    env: {},
    text: `
service: web
image: registry.example.com/acme/web:v1
strategy: {batches: [1, "50%"]}
groups:
  web:
    hosts: [tcp://10.210.0.11:2375, tcp://10.210.0.12:2375, tcp://10.210.0.13:2375, tcp://10.210.0.14:2375, tcp://10.210.0.15:2375]
  worker:
    hosts: [tcp://10.210.0.16:2375, tcp://10.210.0.17:2375]
    strategy: {batches: ["100%"]}
  cron:
    hosts: [tcp://10.210.0.18:2375]
`,
  });

  test('groups one after another in config order, hosts in file order, indexes across the rollout', () => {
    const plan = planRollout(config);
    expect(plan.batches.map((b) => [b.index, b.total, b.group, b.hosts.map((h) => h.name)])).toEqual([
      [1, 5, 'web', ['10.210.0.11']],
      [2, 5, 'web', ['10.210.0.12', '10.210.0.13', '10.210.0.14']],
      [3, 5, 'web', ['10.210.0.15']],
      [4, 5, 'worker', ['10.210.0.16', '10.210.0.17']],
      [5, 5, 'cron', ['10.210.0.18']],
    ]);
  });

  test('the batches carry the hosts themselves, so the rollout needs nothing else', () => {
    const plan = planRollout(config);
    expect(plan.batches[0].hosts[0]).toBe(config.groups[0].hosts[0]);
    expect(plan.batches.flatMap((b) => b.hosts)).toEqual(config.groups.flatMap((g) => g.hosts));
  });

  test('a config with no groups has an empty plan', () => {
    expect(planRollout({ ...config, groups: [] })).toEqual({ batches: [] });
  });
});
