// Rollback without naming a version, and plans that match the run: on the real fleet, the record
// of what each host ran before lives in container labels on that host and nowhere else.
import { MemoryLogger } from '../support/memory-logger';
import { renderStatus } from '../../src/status';
import { DeployFixture, HostRef } from '../support/deploy-fixture';

const fx = new DeployFixture('t-rollback', 18150);
let all: HostRef[];
let groups: Record<string, string[]>;
let v1: string, v2: string, v3: string, flaky: string;

beforeAll(async () => {
  const web = ['h1', 'h4', 'h5'].map((n) => fx.host(n));
  const worker = ['h6', 'h7'].map((n) => fx.host(n));
  all = [...web, ...worker];
  await fx.clean(all);
  [v1, v2, v3, flaky] = await Promise.all([
    fx.image('v1'),
    fx.image('v2'),
    fx.image('v3'),
    fx.image('flaky', { failWhenFlagged: true }),
  ]);
  groups = { web: web.map((h) => h.endpoint), worker: worker.map((h) => h.endpoint) };
  fx.writeConfig(groups, {
    container: { ports: ['18150:8080'], 'stop-timeout': '2s', volumes: ['t-rollback-flags:/flags'] },
    strategy: { batches: [1, '100%'], keep: 3 },
  });
}, 180_000);

afterAll(() => fx.clean(all));

const versions = (hosts: HostRef[]) => Promise.all(hosts.map((h) => fx.version(h)));
const snapshot = async () =>
  JSON.stringify(await Promise.all(all.map(async (h) => (await fx.containers(h)).map((c) => [c.name, c.id, c.state]))));

test('deploy v1, v2, v3; rollback to previous → v2 on every host; again → v1', async () => {
  for (const image of [v1, v2, v3]) expect((await fx.deploy(image)).report.result).toBe('deployed');
  expect(await versions(all)).toEqual(all.map(() => 'v3'));

  const first = await fx.deploy('', { target: 'previous', overrides: {} });
  expect({ result: first.report.result, error: first.report.error }).toEqual({ result: 'deployed', error: undefined });
  expect(await versions(all)).toEqual(all.map(() => 'v2'));
  expect(first.report.hosts.every((h) => h.previous.image === v3 && h.next.image === v2)).toBe(true);

  const second = await fx.deploy('', { target: 'previous', overrides: {} });
  expect(second.report.result).toBe('deployed');
  expect(await versions(all)).toEqual(all.map(() => 'v1'));
  // The rollback reused the kept containers: nothing was pulled or created.
  expect(second.report.phases.prepull).toBeUndefined();
});

test('a rollback whose target fails its health check stops, reports, and leaves the hosts on what they ran', async () => {
  await fx.deploy(flaky);
  await fx.deploy(v2);
  expect(await versions(all)).toEqual(all.map(() => 'v2'));
  await fx.flag(all[0], 't-rollback-flags', 'broken'); // flaky is now unhealthy on the canary host
  const before = await snapshot();
  const { report } = await fx.deploy('', { target: 'previous', overrides: {} });
  expect(report.result).toBe('rolled-back');
  expect(report.error).toContain(all[0].address);
  expect(report.error).toMatch(/http/);
  expect(await versions(all)).toEqual(all.map(() => 'v2'));
  // Only the canary was touched, and it is back on the same container under the same names.
  expect(await snapshot()).toEqual(before);
});

test('hosts with no previous version are reported before anything changes', async () => {
  const fresh = fx.host('h8');
  await fx.clean([fresh]);
  const before = await snapshot();
  fx.writeConfig(
    { ...groups, extra: [{ name: 'h8', docker: fresh.endpoint, address: fresh.address }] as never },
    {
      container: { ports: ['18150:8080'], 'stop-timeout': '2s', volumes: ['t-rollback-flags:/flags'] },
    },
  );
  const { report } = await fx.deploy('', { target: 'previous', overrides: {} });
  expect(report.result).toBe('failed');
  expect(report.error).toMatch(/nothing was changed[\s\S]*h8: runs no t-rollback container/);
  expect(await snapshot()).toEqual(before);
  fx.writeConfig(groups, {
    container: { ports: ['18150:8080'], 'stop-timeout': '2s', volumes: ['t-rollback-flags:/flags'] },
  });
});

test('dry-run on a fleet mid-life prints the plan a real run then executes, and changes nothing', async () => {
  const before = await snapshot();
  const plan = await fx.deploy(v3, { dryRun: true });
  expect(plan.report.result).toBe('deployed');
  expect(await snapshot()).toEqual(before);
  const printed = plan.log.lines.filter((l) => /^batch \d+\/\d+ · /.test(l));
  expect(printed.length).toBe(plan.report.plan.length);

  const real = await fx.deploy(v3);
  expect(real.report.result).toBe('deployed');
  expect(real.report.batches.map((b) => [b.index, b.group, b.hosts])).toEqual(
    plan.report.plan.map((b) => [b.index, b.group, b.hosts]),
  );
  // Every host's "current → new" in the plan is what the real run found and did.
  for (const h of real.report.hosts) {
    const planned = plan.report.hosts.find((p) => p.name === h.name)!;
    expect(planned.previous).toEqual(h.previous);
    expect(planned.next.digest).toBe(h.next.digest);
  }
});

test('status shows, per host, the running version, its previous ones, health now and no lock', async () => {
  const log = new MemoryLogger();
  const status = await fx.status(log);
  expect(status.hosts.map((h) => [h.name, h.current?.image, h.health, h.lock])).toEqual(
    all.map((h) => [h.address, v3, 'healthy', undefined]),
  );
  for (const h of status.hosts) {
    expect(h.current?.digest).toMatch(/^sha256:/);
    expect(h.previous[0].image).toBe(v2);
  }
  expect(renderStatus(status)).toMatch(
    /group web\n {4}10\.210\.0\.11: .*t-rollback\/app:v3 .* — healthy\n {6}previous: .*app:v2/,
  );
});
