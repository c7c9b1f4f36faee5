// `parallel` measured on the hosts themselves: 64 hosts with parallel: 8 when the fleet has them,
// otherwise every host of the fleet with parallel scaled down (8 hosts: 2). A host is in flight from
// the first change of its containers (the old one's stop; the new one was created in the pre-pull)
// to the last health-check command its engine ran in the new one (the `exec_die` event); the most
// hosts in flight at one instant must not exceed parallel.
import { DeployFixture } from '../support/deploy-fixture';
import { deployWith, hostEntry, hostProblems, inFlightOnHosts, maxOverlap } from '../support/faults';

const fx = new DeployFixture('t-fault-par', 18240);
const all = fx.fleet.hosts.map((h) => h.name);
const names = all.length >= 64 ? all.slice(0, 64) : all;
const parallel = names.length >= 64 ? 8 : Math.max(2, Math.round((8 * names.length) / 64));

beforeAll(async () => {
  await fx.clean(names.map((n) => fx.host(n)));
  fx.writeConfig(
    { web: { hosts: names.map((n) => hostEntry(fx.fleet, n)) } },
    {
      container: { ports: [`${fx.port}:8080`], 'stop-timeout': '2s' },
      strategy: { batches: [1, '100%'], parallel, keep: 1 },
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

test(`${names.length} hosts with parallel: ${parallel}: never more than ${parallel} in flight, measured on the hosts`, async () => {
  const [v1, v2] = await Promise.all([fx.image('v1'), fx.image('v2')]);
  expect((await deployWith(fx, v1)).report.result).toBe('deployed');
  const since = Date.now();
  const run = await deployWith(fx, v2);
  expect({ result: run.report.result, error: run.report.error }).toEqual({ result: 'deployed', error: undefined });
  const intervals = await inFlightOnHosts(fx, names, run.report.deployment, since - 1000, Date.now());
  expect(intervals.map((i) => i.host).sort()).toEqual([...names].sort());
  const most = maxOverlap(intervals);
  // Batch 2 holds every host but the canary: more than `parallel`, so the limit is reached, not just kept.
  expect({ most, parallel }).toEqual({ most: Math.min(parallel, names.length - 1), parallel });
  expect(await hostProblems(fx, names, ['v2'])).toEqual([]);
}, 300_000);
