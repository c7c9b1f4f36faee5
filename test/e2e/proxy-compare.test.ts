// The same load as test/e2e/proxy.test.ts through the same 8 hosts, with the same rollout, failed
// canary and rollback, in stop-and-start mode (the app publishes its port itself): the difference
// that the proxy mode makes. Each host is dark between the old container's stop and the new one's
// first answer, and wrk counts the requests that met it.
import { DeployFixture, HostRef } from '../support/deploy-fixture';
import { LoadRow, loadTable, total, underLoad as loadPhase } from '../support/load';

const SERVICE = 'px-plain';
const PORT = 18081;
const NAMES = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8'];
jest.setTimeout(170_000);

const fx = new DeployFixture(SERVICE, PORT);
const hosts: HostRef[] = NAMES.map((n) => fx.host(n));
const rows: LoadRow[] = [];
let images: Record<'v1' | 'v2' | 'bad', string>;

const underLoad = <T>(phase: string, fn: () => Promise<T>): Promise<T> =>
  loadPhase(
    rows,
    hosts.map((h) => `http://${h.address}:${PORT}/version`),
    phase,
    fn,
  );

beforeAll(async () => {
  await fx.clean(hosts);
  const [v1, v2, bad] = await Promise.all([fx.image('v1'), fx.image('v2'), fx.image('bad', { healthy: false })]);
  images = { v1, v2, bad };
  fx.writeConfig(
    { web: { hosts: hosts.map((h) => ({ name: h.name, docker: h.endpoint, address: h.address })) } },
    { availability: { interval: '100ms' } },
  );
  const { report } = await fx.deploy(images.v1);
  if (report.result !== 'deployed') throw new Error(`set-up deploy: ${report.result}: ${report.error}`);
});

afterAll(async () => {
  if (rows.length) console.log(`stop-and-start mode, wrk through each of ${hosts.length} hosts:\n${loadTable(rows)}`);
  await fx.clean(hosts);
});

test('a rollout of 8 hosts in stop-and-start mode loses requests on every host', async () => {
  const { report } = await underLoad('rollout v1 → v2, 8 hosts', () => fx.deploy(images.v2));
  expect(report.result).toBe('deployed');
  const results = rows[rows.length - 1].results;
  expect(results.filter((r) => total([r]).failed > 0).length).toBeGreaterThanOrEqual(6);
  expect(report.availability?.overall.availability).toBeLessThan(1);
});

test('a failed canary in stop-and-start mode loses requests on the canary', async () => {
  const { report } = await underLoad('failed canary (v3 unhealthy), automatic rollback', () => fx.deploy(images.bad));
  expect(report.result).toBe('rolled-back');
  const results = rows[rows.length - 1].results;
  expect(total([results[0]]).failed).toBeGreaterThan(0);
});

test('a rollback to the previous version in stop-and-start mode loses requests', async () => {
  const { report } = await underLoad('rollback to: previous (v2 → v1)', () =>
    fx.deploy('', { target: 'previous', overrides: {} }),
  );
  expect(report.result).toBe('deployed');
  expect(total(rows[rows.length - 1].results).failed).toBeGreaterThan(0);
});

test('turning proxy mode on where the app publishes the port: one clear error, nothing of the app changed', async () => {
  const before = await Promise.all(hosts.map((h) => fx.version(h)));
  fx.writeConfig(
    { web: { hosts: hosts.map((h) => ({ name: h.name, docker: h.endpoint, address: h.address })) } },
    {
      container: { 'stop-timeout': '2s' },
      availability: false,
      health: { http: { path: '/health', port: 8080, body: 'ok' }, interval: '200ms', timeout: '1s', deadline: '8s' },
      proxy: { image: `${fx.fleet.registry.plain}/aviary/caddy:2.6`, port: PORT },
    },
  );
  const { report } = await fx.deploy(images.v2);
  expect(report.result).toBe('failed');
  expect(report.error).toMatch(/the proxy could not be made ready on 8 host\(s\), no app container was changed/);
  expect(report.error).toMatch(
    new RegExp(`h1: port ${PORT} is published by another container .*Turning proxy mode on`),
  );
  expect(await Promise.all(hosts.map((h) => fx.version(h)))).toEqual(before);
  for (const h of hosts)
    expect((await fx.containers(h)).map((c) => c.name).filter((n) => n.includes('.proxy-'))).toEqual([]);
  await Promise.all(
    hosts.map((h) =>
      h.docker
        .getNetwork(`aviary-${SERVICE}`)
        .remove()
        .catch(() => undefined),
    ),
  );
});
