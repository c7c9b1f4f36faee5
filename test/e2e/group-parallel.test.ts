// A group's own `parallel` bounds the hosts of that group's batches in flight, measured on the hosts
// themselves (as in faults-parallel): a fragile group with parallel: 1 swaps one host at a time,
// while the next group, on the top-level value, swaps all of its hosts at once.
import { DeployFixture } from '../support/deploy-fixture';
import { deployWith, hostEntry, hostProblems, inFlightOnHosts, maxOverlap } from '../support/faults';

const fx = new DeployFixture('t-group-par', 18250);
const names = fx.fleet.hosts.map((h) => h.name).slice(0, 6);
const fragile = names.slice(0, 3);
const sturdy = names.slice(3);

beforeAll(async () => {
  await fx.clean(names.map((n) => fx.host(n)));
  fx.writeConfig(
    {
      fragile: { hosts: fragile.map((n) => hostEntry(fx.fleet, n)), strategy: { parallel: 1 } },
      sturdy: { hosts: sturdy.map((n) => hostEntry(fx.fleet, n)) },
    },
    {
      container: { ports: [`${fx.port}:8080`], 'stop-timeout': '2s' },
      strategy: { batches: ['100%'], parallel: 8, keep: 1 },
      // Health through `docker exec`: every check leaves events on the host's engine.
      health: {
        command: ['sh', '-c', 'wget -q -O- http://127.0.0.1:8080/health | grep -q ok'],
        interval: '300ms',
        timeout: '2s',
        'healthy-threshold': 2,
        deadline: '20s',
      },
    },
  );
}, 60_000);

afterAll(() => fx.clean(names.map((n) => fx.host(n))), 120_000);

test('a group with parallel: 1 updates one host at a time; the next group, on the top-level value, all at once', async () => {
  const [v1, v2] = await Promise.all([fx.image('v1'), fx.image('v2')]);
  expect((await deployWith(fx, v1)).report.result).toBe('deployed');
  const since = Date.now();
  const run = await deployWith(fx, v2);
  expect({ result: run.report.result, error: run.report.error }).toEqual({ result: 'deployed', error: undefined });
  expect(run.report.batches.map((b) => [b.group, b.hosts])).toEqual([
    ['fragile', fragile],
    ['sturdy', sturdy],
  ]);
  const intervals = await inFlightOnHosts(fx, names, run.report.deployment, since - 1000, Date.now());
  expect(intervals.map((i) => i.host).sort()).toEqual([...names].sort());
  expect(maxOverlap(intervals.filter((i) => fragile.includes(i.host)))).toBe(1);
  expect(maxOverlap(intervals.filter((i) => sturdy.includes(i.host)))).toBe(sturdy.length);
  expect(await hostProblems(fx, names, ['v2'])).toEqual([]);
}, 180_000);
