// Canary rollouts on the real fleet: first deploy, upgrades, failures in the canary and in a later
// batch, the failure budget, keep, and the lock — every host checked through its own engine.
import { DeployFixture, HostRef } from '../support/deploy-fixture';
import { waitFor } from '../support/monitoring';

const fx = new DeployFixture('t-deploy', 18100);
let web: HostRef[];
let worker: HostRef[];
let all: HostRef[];
let v1: string, v2: string, bad: string, flaky: string;

beforeAll(async () => {
  web = ['h1', 'h4', 'h5'].map((n) => fx.host(n));
  worker = ['h6', 'h7', 'h3'].map((n) => fx.host(n));
  all = [...web, ...worker];
  await fx.clean(all);
  [v1, v2, bad] = await Promise.all([fx.image('v1'), fx.image('v2'), fx.image('bad', { healthy: false })]);
  // The flaky image drops its /health where a flag file exists in the host's named volume.
  flaky = await fx.image('flaky', { failWhenFlagged: true });
  fx.writeConfig({ web: web.map((h) => h.endpoint), worker: worker.map((h) => h.endpoint) });
}, 180_000);

afterAll(() => fx.clean(all));

async function versions(hosts: HostRef[]): Promise<string[]> {
  return Promise.all(hosts.map((h) => fx.version(h)));
}

async function snapshot(hosts: HostRef[]): Promise<string> {
  return JSON.stringify(await Promise.all(hosts.map((h) => fx.containers(h))));
}

test('first deploy to hosts that run nothing yet', async () => {
  const { report, log } = await fx.deploy(v1);
  expect({ result: report.result, error: report.error }).toEqual({ result: 'deployed', error: undefined });
  expect(await versions(all)).toEqual(all.map(() => 'v1'));
  expect(report.hosts.every((h) => h.result === 'updated' && h.previous.image === undefined)).toBe(true);
  expect(log.text).toMatch(/batch 1\/4: 1\/1 healthy/);
});

test('v1 → v2 in batches [1, 50%, 100%] carries the container settings and keeps the old container', async () => {
  const { report } = await fx.deploy(v2);
  expect(report.result).toBe('deployed');
  expect(report.plan.map((b) => b.hosts)).toEqual(
    [['h1'], ['h4', 'h5'], ['h6'], ['h7', 'h3']].map((names) => names.map((n) => expectedName(n))),
  );
  expect(await versions(all)).toEqual(all.map(() => 'v2'));
  for (const h of all) {
    const containers = await fx.containers(h);
    expect(containers.map((c) => [c.name.replace(/[0-9a-f]{12}$/, 'ID'), c.state])).toEqual([
      ['t-deploy', 'running'],
      ['t-deploy.old-ID', 'exited'],
    ]);
    const info = await h.docker.getContainer('t-deploy').inspect();
    expect(info.HostConfig.PortBindings).toEqual({ '8080/tcp': [{ HostIp: '', HostPort: '18100' }] });
    expect(info.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
    expect(info.Config.Env).toContain('APP_ENV=test');
    expect(info.Config.Labels['aviary.image']).toBe(v2);
    expect(info.Config.Labels['aviary.previous-image']).toBe(v1);
    expect(info.Config.Labels['aviary.digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
  }
  const hostReport = report.hosts.find((h) => h.name === expectedName('h1'))!;
  expect(hostReport.previous.image).toBe(v1);
  expect(hostReport.next.digest).toMatch(/^sha256:/);
  expect(report.phases.prepull.durationMs).toBeGreaterThanOrEqual(0);
});

test('a version whose health check fails touches only the canary, which runs the old version again', async () => {
  const before = await snapshot(all.slice(1));
  const { report } = await fx.deploy(bad);
  expect(report.result).toBe('rolled-back');
  expect(report.error).toMatch(new RegExp(`${expectedName('h1')}.*http`, 's'));
  expect(report.error).toMatch(/404/);
  expect(await versions(all)).toEqual(all.map(() => 'v2'));
  expect(await snapshot(all.slice(1))).toEqual(before);
  expect(report.hosts.find((h) => h.name === expectedName('h1'))!.result).toBe('rolled-back');
});

test('a failure that appears only in batch 2 rolls back batches 1 and 2 and never touches batch 3', async () => {
  await fx.flag(web[1], 't-deploy-flags', 'broken');
  fx.writeConfig(
    { web: web.map((h) => h.endpoint), worker: worker.map((h) => h.endpoint) },
    {
      container: {
        ports: ['18100:8080'],
        'stop-timeout': '2s',
        env: { APP_ENV: 'test' },
        volumes: ['t-deploy-flags:/flags'],
      },
    },
  );
  const untouched = await snapshot(worker);
  const { report } = await fx.deploy(flaky);
  expect(report.result).toBe('rolled-back');
  expect(report.error).toContain(expectedName('h4'));
  expect(await versions(all)).toEqual(all.map(() => 'v2'));
  expect(await snapshot(worker)).toEqual(untouched);
  expect(
    report.hosts
      .filter((h) => h.result === 'rolled-back')
      .map((h) => h.name)
      .sort(),
  ).toEqual(['h1', 'h4', 'h5'].map(expectedName).sort());
});

test('max-unhealthy: 1 lets the rollout finish with the one bad host restored, and reports it partial, naming it', async () => {
  const { report } = await fx.deploy(flaky, { overrides: { image: flaky, maxUnhealthy: '1' } });
  // Not "deployed": one host in scope does not run the new version (issue 10, honest results).
  expect({ result: report.result, error: report.error }).toMatchObject({
    result: 'partial',
    error: expect.stringContaining(expectedName('h4')),
  });
  const byHost = Object.fromEntries(report.hosts.map((h) => [h.name, h.result]));
  expect(byHost[expectedName('h4')]).toBe('rolled-back');
  expect(await versions([web[1]])).toEqual(['v2']);
  expect(await versions(all.filter((h) => h !== web[1]))).toEqual(all.filter((h) => h !== web[1]).map(() => 'flaky'));
});

test('keep: never more than 2 old containers after several deploys', async () => {
  fx.writeConfig({ web: web.map((h) => h.endpoint), worker: worker.map((h) => h.endpoint) });
  for (const image of [v1, v2, v1]) expect((await fx.deploy(image)).report.result).toBe('deployed');
  for (const h of all) {
    const containers = await fx.containers(h);
    expect(containers.filter((c) => c.state !== 'running').length).toBeLessThanOrEqual(2);
    expect(containers.filter((c) => c.state === 'running').map((c) => c.name)).toEqual(['t-deploy']);
  }
});

test('an invalid config reports every problem at once and changes nothing', async () => {
  const before = await snapshot(all);
  fx.writeConfig(
    { web: web.map((h) => h.endpoint), worker: [] },
    { strategy: { batches: [1, '250%', 'x'], parallel: 0 } },
  );
  await expect(fx.deploy(v2)).rejects.toThrow(
    /groups\.worker\.hosts[\s\S]*strategy\.batches\[1\][\s\S]*strategy\.batches\[2\][\s\S]*strategy\.parallel/,
  );
  expect(await snapshot(all)).toEqual(before);
  fx.writeConfig({ web: web.map((h) => h.endpoint), worker: worker.map((h) => h.endpoint) });
});

test('a second deploy while one runs is refused naming the holder; force-unlock takes over', async () => {
  const slow = fx.deploy(v2, { overrides: { image: v2, pause: '3s' } });
  await waitFor('the first run to hold the lock on every host', async () => {
    const held = await Promise.all(
      all.map(async (h) =>
        (await h.docker.listContainers({ all: true })).some((c) => c.Names.includes('/aviary-lock.t-deploy')),
      ),
    );
    return held.every(Boolean) || undefined;
  });
  const second = await fx.deploy(v1);
  expect(second.report.result).toBe('failed');
  expect(second.report.error).toMatch(/is being deployed by .*deployment/);
  const first = await slow;
  expect(first.report.result).toBe('deployed');
  // No lock remains after a run: a new deploy goes through.
  expect((await fx.deploy(v2)).report.result).toBe('deployed');
});

test('cancelled mid-batch: every host is back on the old version, healthy, and no lock remains', async () => {
  const cancel = new AbortController();
  const run = fx.deploy(v1, { overrides: { image: v1, pause: '2s' } }, cancel.signal);
  // Mid-batch: once the first host runs the new version (the run then pauses 2 s before the next batch).
  await waitFor(
    'a host on the new version',
    async () => ((await versions(all)).includes('v1') ? true : undefined),
    30_000,
    50,
  );
  cancel.abort(new Error('cancelled by SIGTERM'));
  const { report } = await run;
  expect(report.result).toBe('rolled-back');
  expect(await versions(all)).toEqual(all.map(() => 'v2'));
  for (const h of all)
    expect((await h.docker.listContainers({ all: true })).some((c) => c.Names.includes('/aviary-lock.t-deploy'))).toBe(
      false,
    );
});

/** Host names in reports are derived from the endpoints: the address. */
function expectedName(fleetName: string): string {
  return fx.host(fleetName).address;
}
