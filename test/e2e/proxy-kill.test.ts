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
// A traffic-weighted canary's window: the canary host shares requests, then the pause, then its cut-over.
const CANARY_ANCHORS: RegExp[] = [/^h\d: healthy on .*the proxy sends it 25% of requests/, /^pause /];
let version = 'v1';
const totals = { requests: 0, failed: 0, kills: 0, sharing: 0 };

function writeConfig(canary: boolean): void {
  fx.writeConfig(
    { web: { hosts: HOSTS.map((n) => ({ ...hostEntry(fx.fleet, n), address: fx.host(n).address })) } },
    {
      container: { 'stop-timeout': '2s' },
      strategy: { batches: [1, 1, '100%'], keep: 2, ...(canary ? { pause: '2s' } : {}) },
      health: {
        http: { path: '/health', port: 8080, body: 'ok' },
        interval: '200ms',
        timeout: '1s',
        'healthy-threshold': 2,
        'unhealthy-threshold': 2,
        deadline: '8s',
      },
      proxy: {
        image: `${fx.fleet.registry.plain}/aviary/caddy:2.6`,
        port: fx.port,
        drain: '300ms',
        ...(canary ? { 'canary-weight': '25%' } : {}),
      },
      availability: false,
    },
  );
}

beforeAll(async () => {
  await fx.clean(HOSTS.map((n) => fx.host(n)));
  [images.v1, images.v2] = await Promise.all([fx.image('v1'), fx.image('v2')]);
  writeConfig(false);
  const { report } = await deployWith(fx, images.v1);
  expect({ result: report.result, error: report.error }).toEqual({ result: 'deployed', error: undefined });
}, 120_000);

afterAll(async () => {
  console.log(
    `proxy mode killed ${totals.kills} times (${totals.sharing} of them while a proxy shared requests with a canary): ${totals.requests} requests through the proxies, ${totals.failed} failed`,
  );
  await fx.cleanProxied(HOSTS.map((n) => fx.host(n)));
}, 60_000);

/** What each host's proxy answers on /version now (or the error). */
async function answers(): Promise<string[]> {
  return Promise.all(HOSTS.map((n) => fx.version(fx.host(n))));
}

describe.each([
  ...seeds([201, 202, 203, 204, 205, 206]).map((seed) => [seed, false] as const),
  ...seeds([301, 302, 303]).map((seed) => [seed, true] as const),
])('killed with SIGKILL under load, seed %i (traffic-weighted canary: %s)', (seed, canary) => {
  test('every proxy answers at the kill; after the post step each serves the container named after the service; no request failed', async () => {
    writeConfig(canary);
    const rng = prng(seed);
    const anchors = canary ? CANARY_ANCHORS : ANCHORS;
    const anchor = anchors[seed % anchors.length];
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
      // Killed in a canary's window (within 0.6 s of its start or of its 2 s pause), the canary host's
      // proxy still shares requests with the canary: the repair must take it away.
      if (canary) {
        const sharing = (await fx.status()).hosts.some((h) => h.proxy?.canary);
        expect({ context, sharing }).toEqual({ context, sharing: true });
        totals.sharing++;
      }
      const { recovery } = await recoverWith(fx, run.deployment ?? '');
      expect({ context, ok: recovery.ok, hosts: recovery.hosts.map((h) => h.state) }).toEqual({
        context,
        ok: true,
        hosts: HOSTS.map(() => 'fine'),
      });
      const status = await fx.status();
      expect({
        context,
        hosts: status.hosts.map((h) => [h.health, h.proxy?.servesCurrent, h.proxy?.running, h.proxy?.canary]),
      }).toEqual({ context, hosts: HOSTS.map(() => ['healthy', true, 1, undefined]) });
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
