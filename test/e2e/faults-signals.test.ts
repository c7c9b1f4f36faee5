// The `aviary deploy` process itself as the fault, on the real fleet: cancelled with SIGINT, SIGTERM,
// or SIGINT then SIGTERM at seeded random points of a rollout; killed with SIGKILL and followed at
// once by a second run; and two runs of the same service started at the same moment. The CLI runs
// as a child process (dist/cli.js, or AVIARY_FAULT_DIST); AVIARY_FAULT_SEEDS=… replays chosen seeds.
import { DeployFixture } from '../support/deploy-fixture';
import { containersOf, deployWith, hostEntry, hostProblems, prng, runCli, seeds } from '../support/faults';

const fx = new DeployFixture('t-fault-sig', 18220);
const HOSTS = ['h1', 'h3', 'h4', 'h5'];
const images: Record<string, string> = {};
let current = 'v1';
const next = () => (current === 'v1' ? 'v2' : 'v1');

// Points of a rollout a signal is sent after (plus a seeded delay): every phase once the lock is held.
const ANCHORS: RegExp[] = [
  /^▸ Take the deploy lock/,
  /^▸ Pre-pull/,
  /^▸ Batch 1\//,
  /^h\d: healthy on/,
  /^▸ Batch 2\//,
  /^pause /,
  /^▸ Batch 3\//,
];

function writeConfig(extra: Record<string, unknown> = {}): void {
  fx.writeConfig(
    { web: { hosts: HOSTS.map((n) => hostEntry(fx.fleet, n)) } },
    {
      container: { ports: [`${fx.port}:8080`], 'stop-timeout': '2s' },
      // The last batch lasts ≥ 0.7 s (swap + 3 passing rounds), longer than any delay below: every
      // signal lands before the rollout completes.
      strategy: { batches: [1, 1, '100%'], pause: '300ms', keep: 2 },
      health: {
        http: { path: '/health', port: fx.port, body: 'ok' },
        interval: '200ms',
        timeout: '1s',
        'healthy-threshold': 3,
        'unhealthy-threshold': 2,
        deadline: '8s',
      },
      ...extra,
    },
  );
}

beforeAll(async () => {
  await fx.clean(HOSTS.map((n) => fx.host(n)));
  [images.v1, images.v2, images.v3] = await Promise.all([fx.image('v1'), fx.image('v2'), fx.image('v3')]);
  writeConfig();
  const { report } = await deployWith(fx, images.v1);
  expect({ result: report.result, error: report.error }).toEqual({ result: 'deployed', error: undefined });
}, 180_000);

afterAll(() => fx.clean(HOSTS.map((n) => fx.host(n))), 60_000);

/** Where and when a seed sends its signal. */
function moment(seed: number): { anchor: RegExp; delayMs: number; rng: () => number } {
  const rng = prng(seed);
  return { anchor: ANCHORS[Math.floor(rng() * ANCHORS.length)], delayMs: Math.floor(rng() * 300), rng };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The default seeds cover every anchor once, each kind of cancel at least twice.
describe.each(seeds([1, 2, 4, 6, 7, 8, 12]))('cancelled, seed %i', (seed) => {
  test('exits non-zero within the grace period, every host back on the old version, no lock, no leftover', async () => {
    const { anchor, delayMs, rng } = moment(seed);
    const kind = (['SIGINT', 'SIGTERM', 'SIGINT+SIGTERM'] as const)[seed % 3];
    writeConfig();
    const run = runCli(fx, images[next()]);
    await run.reach(anchor);
    await sleep(delayMs);
    const signalled = Date.now();
    run.signal(kind === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
    // GitHub's cancel: SIGTERM follows SIGINT (here while the rollback runs).
    if (kind === 'SIGINT+SIGTERM') {
      await sleep(Math.floor(rng() * 800));
      run.signal('SIGTERM');
    }
    const result = await run.done;
    const context = `seed ${seed}: ${kind} ${delayMs}ms after ${anchor}\n${result.text}`;

    expect({ context, hung: result.hung, code: result.code, signal: result.signal }).toEqual({
      context,
      hung: false,
      code: 1,
      signal: null,
    });
    expect(result.text).toMatch(
      new RegExp(
        `warning: ${kind.split('+')[0]} received: starting nothing new, rolling back what this run touched, releasing the lock`,
      ),
    );
    expect(result.text).toMatch(/^result=(rolled-back|failed)$/m);
    // GitHub kills the process tree 10 s after SIGINT: the rollback must be done well before.
    expect(Date.now() - signalled).toBeLessThan(7_500);
    expect({ context, problems: await hostProblems(fx, HOSTS, [current]) }).toEqual({ context, problems: [] });
  });
});

// The default seeds: killed in batch 1 (lock expired), in batch 1 and in batch 2 (holder's process gone).
describe.each(seeds([103, 108, 102]))('killed with SIGKILL, then run again at once, seed %i', (seed) => {
  test("the second run takes over the dead run's lock, repairs the hosts it left mid-swap, and completes", async () => {
    const { anchor, delayMs, rng } = moment(seed);
    // One seed in three lets the lock expire instead (lock-timeout 1s): the other way a lock goes stale.
    const expire = rng() < 1 / 3;
    writeConfig(expire ? { 'lock-timeout': '1s' } : {});
    const first = runCli(fx, images[next()]);
    await first.reach(anchor === ANCHORS[0] ? ANCHORS[1] : anchor);
    await sleep(delayMs);
    first.signal('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    if (expire) await sleep(1_000);
    const touched = (await containersOf(fx, HOSTS, first.deployment!)).length > 0;

    const second = await runCli(fx, images[next()]).done;
    const context = `seed ${seed}: SIGKILL ${delayMs}ms after ${anchor}${expire ? ', lock expired' : ''}\n--- first run:\n${killed.text}\n--- second run:\n${second.text}`;
    expect({ context, code: second.code }).toEqual({ context, code: 0 });
    // On the same machine the dead process is seen first, expired or not; elsewhere the expiry decides.
    const stale = `(its process ${first.child.pid} on \\S+ is gone${expire ? '|its heartbeat stopped ' : ''})`;
    expect(second.text).toMatch(
      new RegExp(`warning: h1: took over the deploy lock of .*\\(deployment ${first.deployment}, .*: ${stale}`),
    );
    if (touched)
      expect(second.text).toMatch(
        new RegExp(`warning: h\\d: \\S+ runs again in place of \\S+ \\(repair of deployment ${first.deployment}\\)`),
      );
    // Every container the killed run made is gone (its kept old ones aside): repaired, then replaced.
    const left = await containersOf(fx, HOSTS, first.deployment!);
    expect({ context, left: left.filter((c) => !/\.old-/.test(c)) }).toEqual({ context, left: [] });
    current = next();
    expect({ context, problems: await hostProblems(fx, HOSTS, [current]) }).toEqual({ context, problems: [] });
  });
});

describe.each([1, 2])('two deploys started at the same moment, round %i', () => {
  test('exactly one runs; the other is refused naming the holder and changes nothing', async () => {
    writeConfig();
    const a = runCli(fx, images[next()]);
    const b = runCli(fx, images[next()]);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const context = `--- run A:\n${ra.text}\n--- run B:\n${rb.text}`;
    expect({ context, codes: [ra.code, rb.code].sort() }).toEqual({ context, codes: [0, 1] });
    const [winner, loser, refused] = ra.code === 0 ? [a, b, rb] : [b, a, ra];
    expect(refused.text).toMatch(
      /t-fault-sig is being deployed by \S+ \(deployment \d{8}-\d{6}-[0-9a-f]{16}, since .*, last heartbeat .* ago, on host h1\); wait for it \(lock-wait\), or use force-unlock if that run is gone/,
    );
    expect(refused.text).toMatch(/^result=failed$/m);
    expect(await containersOf(fx, HOSTS, loser.deployment!)).toEqual([]);
    current = next();
    expect({ context, problems: await hostProblems(fx, HOSTS, [current]) }).toEqual({ context, problems: [] });
    const deployments = await Promise.all(
      HOSTS.map(
        async (n) => (await fx.host(n).docker.getContainer(fx.service).inspect()).Config.Labels['aviary.deployment'],
      ),
    );
    expect(deployments).toEqual(HOSTS.map(() => winner.deployment));
  });
});
