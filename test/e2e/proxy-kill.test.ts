// Proxy mode's crash safety on the real fleet: `aviary deploy` (the bundle, as a child process) is
// killed with SIGKILL at seeded instants of a proxy-mode rollout while wrk sends requests through
// every host's proxy. At the kill, every proxy must still answer (it serves a running container);
// after the post step (recover, in-process) every proxy serves the container named after the
// service, healthy; and wrk must have seen no failed request at all. AVIARY_FAULT_SEEDS replays seeds.
import { DeployFixture } from '../support/deploy-fixture';
import { deployWith, hostEntry, prng, recoverWith, runCli, seeds } from '../support/faults';
import { Load, total } from '../support/load';

const fx = new DeployFixture('px-kill', 18084);
const HOSTS = ['h1', 'h3', 'h4', 'h5'];
const images: Record<string, string> = {};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Points of a proxy-mode rollout a kill is sent after (plus a seeded delay).
const ANCHORS: RegExp[] = [
  /^▸ Proxies/,
  /^▸ Batch 1\//,
  /^h\d: healthy on .*the proxy serves it/,
  /^▸ Batch 2\//,
  /^▸ Batch 3\//,
];
let version = 'v1';
const totals = { requests: 0, failed: 0, kills: 0 };

beforeAll(async () => {
  await fx.clean(HOSTS.map((n) => fx.host(n)));
  [images.v1, images.v2] = await Promise.all([fx.image('v1'), fx.image('v2')]);
  fx.writeConfig(
    { web: { hosts: HOSTS.map((n) => ({ ...hostEntry(fx.fleet, n), address: fx.host(n).address })) } },
    {
      container: { 'stop-timeout': '2s' },
      strategy: { batches: [1, 1, '100%'], keep: 2 },
      health: {
        http: { path: '/health', port: 8080, body: 'ok' },
        interval: '200ms',
        timeout: '1s',
        'healthy-threshold': 2,
        'unhealthy-threshold': 2,
        deadline: '8s',
      },
      proxy: { image: `${fx.fleet.registry.plain}/aviary/caddy:2.6`, port: fx.port, drain: '300ms' },
      availability: false,
    },
  );
  const { report } = await deployWith(fx, images.v1);
  expect({ result: report.result, error: report.error }).toEqual({ result: 'deployed', error: undefined });
}, 120_000);

afterAll(async () => {
  console.log(
    `proxy mode killed ${totals.kills} times: ${totals.requests} requests through the proxies, ${totals.failed} failed`,
  );
  await fx.clean(HOSTS.map((n) => fx.host(n)));
  await Promise.all(
    HOSTS.map((n) =>
      fx
        .host(n)
        .docker.getNetwork('aviary-px-kill')
        .remove()
        .catch(() => undefined),
    ),
  );
}, 60_000);

/** What each host's proxy answers on /version now (or the error). */
async function answers(): Promise<string[]> {
  return Promise.all(HOSTS.map((n) => fx.version(fx.host(n))));
}

describe.each(seeds([201, 202, 203, 204, 205, 206]))('killed with SIGKILL under load, seed %i', (seed) => {
  test('every proxy answers at the kill; after the post step each serves the container named after the service; no request failed', async () => {
    const rng = prng(seed);
    const anchor = ANCHORS[seed % ANCHORS.length];
    const delayMs = Math.floor(rng() * 600);
    const next = version === 'v1' ? 'v2' : 'v1';
    const load = Load.start(HOSTS.map((n) => `http://${fx.host(n).address}:${fx.port}/version`));
    await sleep(300);
    let context = `seed ${seed}: SIGKILL ${delayMs}ms after ${anchor}`;
    try {
      const run = runCli(fx, images[next]);
      await run.reach(anchor);
      await sleep(delayMs);
      run.signal('SIGKILL');
      const killed = await run.done;
      totals.kills++;
      context += `\n${killed.text}`;
      expect({ context, signal: killed.signal }).toEqual({ context, signal: 'SIGKILL' }); // killed mid-run, not after it ended
      // At the kill, before any repair: every proxy serves a running container.
      const now = await answers();
      expect({ context, now: now.map((v) => /^v[12]$/.test(v)) }).toEqual({ context, now: HOSTS.map(() => true) });
      const { recovery } = await recoverWith(fx, run.deployment ?? '');
      expect({ context, ok: recovery.ok, hosts: recovery.hosts.map((h) => h.state) }).toEqual({
        context,
        ok: true,
        hosts: HOSTS.map(() => 'fine'),
      });
      const status = await fx.status();
      expect({ context, hosts: status.hosts.map((h) => [h.health, h.proxy?.servesCurrent, h.proxy?.running]) }).toEqual(
        { context, hosts: HOSTS.map(() => ['healthy', true, 1]) },
      );
      const after = await answers();
      if (after.every((v) => v === next)) version = next;
    } finally {
      await sleep(300);
      const t = total(await load.stop());
      totals.requests += t.requests;
      totals.failed += t.failed;
      expect({ context, failed: t.failed, socketErrors: t.socketErrors, non2xx: t.non2xx }).toEqual({
        context,
        failed: 0,
        socketErrors: 0,
        non2xx: 0,
      });
    }
  }, 60_000);
});
