// A traffic-weighted canary on the real fleet (issue 12, the optional part): in proxy mode with
// `canary-weight: 25%`, the first batch's host sends a quarter of its requests to the new version
// until the batch's gate (an HTTP gate that measures that share through the host's proxy) passes
// and its pause ends; then it cuts over. A gate that fails in that window rolls back. wrk loads
// every host for both runs: not one request may fail.
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { DeployFixture, HostRef } from '../support/deploy-fixture';
import { LoadRow, loadTable, total, underLoad as loadPhase } from '../support/load';
import { ServiceStatus } from '../../src/status';

const SERVICE = 'pc-web';
const PORT = 18090;
const NAMES = ['h1', 'h4', 'h5', 'h6'];
// wrk's requests through the same proxy take turns too, so a sample lands at a random place in the
// round: 200 of them put the measured share within 0.25 ± 0.1 but for about 1 in 1,000 runs.
const SAMPLES = 200;
jest.setTimeout(150_000);

const fx = new DeployFixture(SERVICE, PORT);
const hosts: HostRef[] = NAMES.map((n) => fx.host(n));
const canaryHost = hosts[0];
const rows: LoadRow[] = [];
let images: Record<'v1' | 'v2' | 'v3', string>;

// The gate's endpoint: each query sends SAMPLES requests, one after another, through the canary
// host's proxy and answers the share that the version being deployed served. The first query of a
// run also reads `aviary status`, which must show the canary the proxy shares requests with.
let deploying = '';
const measured: Array<{ version: string; share: number }> = [];
let statusInWindow: ServiceStatus | undefined;
const gateServer = http.createServer((req, res) => {
  void (async () => {
    let hits = 0;
    for (let i = 0; i < SAMPLES; i++) if ((await fx.version(canaryHost)) === deploying) hits++;
    measured.push({ version: deploying, share: hits / SAMPLES });
    statusInWindow ??= await fx.status();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ share: hits / SAMPLES }));
  })();
});

function config(check: { min?: number; max?: number }): void {
  const { port } = gateServer.address() as AddressInfo;
  fx.writeConfig(
    { web: { hosts: hosts.map((h) => ({ name: h.name, docker: h.endpoint, address: h.address })) } },
    {
      container: { 'stop-timeout': '2s', env: { APP_ENV: 'test' } },
      strategy: { batches: [1, '100%'], keep: 2, pause: '2s' },
      health: {
        http: { path: '/health', port: 8080, body: 'ok' },
        interval: '200ms',
        timeout: '1s',
        'unhealthy-threshold': 2,
        deadline: '8s',
      },
      gates: [
        {
          name: 'canary share',
          timeout: '60s',
          http: { url: `http://127.0.0.1:${port}/share`, path: 'share', ...check },
        },
      ],
      proxy: { image: `${fx.fleet.registry.plain}/aviary/caddy:2.6`, port: PORT, 'canary-weight': '25%' },
      availability: { interval: '100ms', timeout: '5s' },
    },
  );
}

const underLoad = <T>(phase: string, fn: () => Promise<T>): Promise<T> =>
  loadPhase(
    rows,
    hosts.map((h) => `http://${h.address}:${PORT}/version`),
    phase,
    fn,
  );

const versions = () => Promise.all(hosts.map((h) => fx.version(h)));

beforeAll(async () => {
  await new Promise<void>((r) => gateServer.listen(0, '127.0.0.1', r));
  await fx.clean(hosts);
  const [v1, v2, v3] = await Promise.all([fx.image('v1'), fx.image('v2'), fx.image('v3')]);
  images = { v1, v2, v3 };
  config({ min: 0 });
  const { report } = await fx.deploy(images.v1);
  if (report.result !== 'deployed') throw new Error(`set-up deploy: ${report.result}: ${report.error}`);
});

afterAll(async () => {
  if (rows.length)
    console.log(`traffic-weighted canary, wrk through each of ${hosts.length} hosts:\n${loadTable(rows)}`);
  console.log(`canary shares measured by the gate: ${JSON.stringify(measured)}`);
  gateServer.close();
  await fx.cleanProxied(hosts);
});

test('the canary host sends 25 % of its requests to the new version until its gate passes, then all of them', async () => {
  // The gate runs after both batches: in the canary's window it sees a quarter, after the full switch all.
  config({ min: 0.1 });
  deploying = 'v2';
  statusInWindow = undefined;
  const { report, log } = await underLoad('canary 25 % → rollout v1 → v2', () => fx.deploy(images.v2));
  expect(report.result).toBe('deployed');
  expect(report.plan.map((b) => b.proxy?.canaryWeight)).toEqual([25, undefined]);
  // The gate measured the share through the proxy: round robin over 3 of v1 and 1 of v2 (the availability probe's requests take turns too).
  const shares = measured.filter((m) => m.version === 'v2').map((m) => m.share);
  expect(shares).toHaveLength(2);
  expect(shares[0]).toBeGreaterThanOrEqual(0.15);
  expect(shares[0]).toBeLessThanOrEqual(0.35);
  expect(shares[1]).toBe(1);
  expect(report.batches.map((b) => b.gates?.[0]?.ok)).toEqual([true, true]);
  expect(report.hosts[0].proxy?.canary).toEqual({ container: report.hosts[0].next.container, weight: 25 });
  expect(report.hosts.slice(1).every((h) => h.proxy?.canary === undefined)).toBe(true);
  // `aviary status` in the window: the canary host's proxy still serves v1 and shares a quarter with the canary.
  const h1 = statusInWindow!.hosts.find((h) => h.name === 'h1')!;
  expect(h1.proxy?.canary).toEqual({ container: report.hosts[0].next.container, weight: 25 });
  expect(h1.current?.image).toBe(images.v1);
  expect(log.text).toContain('h1: the proxy serves');
  expect(await versions()).toEqual(NAMES.map(() => 'v2'));
  expect(report.hosts.every((h) => h.proxy?.serving === h.next.container)).toBe(true);
  expect(report.availability?.overall.availability).toBe(1);
  expect(total(rows[rows.length - 1].results)).toMatchObject({ failed: 0, socketErrors: 0, non2xx: 0 });
});

test('a gate that fails in the canary window rolls back: the old version serves alone again', async () => {
  config({ max: 0 });
  deploying = 'v3';
  const { report } = await underLoad('canary 25 %, gate fails → rollback', () => fx.deploy(images.v3));
  expect(report.result).toBe('rolled-back');
  expect(report.error).toContain('canary share');
  const shares = measured.filter((m) => m.version === 'v3').map((m) => m.share);
  expect(shares).toHaveLength(1);
  expect(shares[0]).toBeGreaterThan(0);
  expect(await versions()).toEqual(NAMES.map(() => 'v2'));
  const status = await fx.status();
  for (const h of status.hosts) {
    expect(h.health).toBe('healthy');
    expect(h.proxy?.canary).toBeUndefined();
    expect(h.proxy?.servesCurrent).toBe(true);
  }
  expect(report.availability?.overall.availability).toBe(1);
  expect(total(rows[rows.length - 1].results)).toMatchObject({ failed: 0, socketErrors: 0, non2xx: 0 });
});
