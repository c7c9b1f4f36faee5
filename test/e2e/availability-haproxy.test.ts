// Availability through a real HAProxy (Debian's) in front of three fleet hosts while each host's
// container is swapped in turn: with drain hooks (HAProxy's runtime API) no request through HAProxy
// fails; without them the same swaps show up as downtime. The probe, the hooks and HAProxy are real.
import { DeployFixture, HostRef, pull } from '../support/deploy-fixture';
import { Haproxy, waitFor } from '../support/monitoring';
import { AvailabilityProbe } from '../../src/availability/probe';
import { AvailabilityReport, AvailabilityTarget } from '../../src/availability/types';
import { formatAvailability } from '../../src/availability/format';
import { runHook } from '../../src/hooks/run';
import { HookSpec } from '../../src/hooks/types';
import { MemoryLogger } from '../support/memory-logger';

const SERVICE = 't-mon-lb';
const PORT = 18310;
const fx = new DeployFixture(SERVICE, PORT);
let hosts: HostRef[];
let haproxy: Haproxy;
let images: Record<string, string>;

async function run(host: HostRef, image: string): Promise<void> {
  const c = await host.docker.createContainer({
    name: SERVICE,
    Image: image,
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: { PortBindings: { '8080/tcp': [{ HostPort: String(PORT) }] } },
    StopTimeout: 2,
  });
  await c.start();
}

async function healthy(host: HostRef): Promise<void> {
  await waitFor(
    `${host.name} healthy`,
    async () => {
      const r = await fetch(`http://${host.address}:${PORT}/health`, { signal: AbortSignal.timeout(500) });
      return r.status === 200 ? true : undefined;
    },
    20_000,
    50,
  );
}

/** What a rollout does to one host, in the same order: before-stop, stop the old, start the new, health, after-healthy. */
async function swap(
  host: HostRef,
  image: string,
  hooks?: { beforeStop: HookSpec; afterHealthy: HookSpec },
): Promise<void> {
  const log = new MemoryLogger();
  const vars = { host: host.name, address: host.address, group: 'web', service: SERVICE };
  if (hooks) {
    const r = await runHook(hooks.beforeStop, vars, log);
    if (!r.ok) throw new Error(r.message);
  }
  const old = host.docker.getContainer(SERVICE);
  await old.stop({ t: 2 }).catch(() => undefined);
  await old.remove({ force: true });
  await run(host, image);
  await healthy(host);
  if (hooks) {
    const r = await runHook(hooks.afterHealthy, vars, log);
    if (!r.ok) throw new Error(r.message);
  }
}

async function rollout(
  image: string,
  hooks?: { beforeStop: HookSpec; afterHealthy: HookSpec },
): Promise<AvailabilityReport> {
  const targets: AvailabilityTarget[] = [
    ...hosts.map((h) => ({ name: h.name, url: `http://${h.address}:${PORT}/health`, body: 'ok', group: 'web' })),
    { name: 'haproxy', url: `${haproxy.url}/health`, kind: 'service' as const, body: 'ok' },
  ];
  // Lost means no answer within 5 s, or an error: a loaded 2-core machine stalls answers for seconds.
  const probe = new AvailabilityProbe({ timeoutMs: 5000 });
  probe.start(targets, 50);
  await new Promise((r) => setTimeout(r, 500));
  for (const [i, host] of hosts.entries()) {
    probe.markBatch(i + 1, 'web');
    await swap(host, image, hooks);
    probe.markBatch(null);
    await new Promise((r) => setTimeout(r, 300));
  }
  return probe.stop();
}

beforeAll(async () => {
  hosts = [fx.host('h4'), fx.host('h5'), fx.host('h6')];
  await fx.clean(hosts);
  images = Object.fromEntries(await Promise.all(['v1', 'v2', 'v3'].map(async (v) => [v, await fx.image(v)])));
  await Promise.all(
    hosts.map(async (h) => {
      for (const ref of Object.values(images)) await pull(h.docker, ref);
      await run(h, images.v1);
    }),
  );
  haproxy = await Haproxy.start(hosts.map((h) => ({ name: h.name, address: h.address, port: PORT })));
  await haproxy.waitAllUp(hosts.map((h) => h.name));
}, 180_000);

afterAll(async () => {
  await haproxy?.stop();
  await fx.clean(hosts);
});

test('with drain hooks, no request through HAProxy fails while every host is swapped', async () => {
  const hooks = {
    beforeStop: {
      name: 'before-stop',
      field: 'hooks.before-stop',
      action: { kind: 'command', argv: haproxy.hookCommand('drain') },
      timeoutMs: 15_000,
    } as HookSpec,
    afterHealthy: {
      name: 'after-healthy',
      field: 'hooks.after-healthy',
      action: { kind: 'command', argv: haproxy.hookCommand('ready') },
      timeoutMs: 15_000,
    } as HookSpec,
  };
  const report = await rollout(images.v2, hooks);
  console.log(
    `with drain hooks: service ${formatAvailability(report.service!)}; hosts ${formatAvailability(report.hosts)}`,
  );
  expect(report.basis).toBe('service');
  expect(report.service!.failures).toBe(0);
  expect(report.service!.availability).toBe(1);
  expect(report.overall.availability).toBe(1);
  // The hosts themselves were down during their swaps: that is what the hooks hid from users.
  expect(report.hosts.failures).toBeGreaterThan(0);
  expect(report.hosts.availability!).toBeLessThan(1);
  for (const h of hosts)
    expect(report.targets.find((t) => t.name === h.name)!.outages.length).toBeGreaterThanOrEqual(1);
  expect(report.batches.filter((b) => b.index > 0).map((b) => b.service!.failures)).toEqual([0, 0, 0]);
  for (const h of hosts) expect(await fx.version(h)).toBe('v2');
  await haproxy.waitAllUp(hosts.map((h) => h.name));
}, 120_000);

test('without drain hooks, the same swaps show as downtime through HAProxy', async () => {
  const report = await rollout(images.v3);
  console.log(
    `without hooks: service ${formatAvailability(report.service!)}; hosts ${formatAvailability(report.hosts)}; outages through haproxy: ${report.targets
      .find((t) => t.name === 'haproxy')!
      .outages.map((o) => `${o.durationMs}ms (${o.reason})`)
      .join(', ')}`,
  );
  expect(report.service!.failures).toBeGreaterThan(0);
  expect(report.service!.downtimeMs).toBeGreaterThan(0);
  expect(report.service!.availability!).toBeLessThan(1);
  const lb = report.targets.find((t) => t.name === 'haproxy')!;
  expect(lb.outages.length).toBeGreaterThanOrEqual(1);
  expect(lb.outages[0].reason).toMatch(/status 50[23]|connection|no answer/);
  // The downtime falls in the batches that swapped a host.
  expect(report.batches.filter((b) => b.index > 0).reduce((n, b) => n + b.service!.failures, 0)).toBe(
    report.service!.failures,
  );
  for (const h of hosts) expect(await fx.version(h)).toBe('v3');
}, 120_000);
