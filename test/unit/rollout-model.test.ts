// Model-based crash tests of the rollout's ordering (issue 10), against the in-memory engine: for
// random fleets, plans and health verdicts, a deploy, a rollback to the previous version and a
// cancelled deploy are each cut after their k-th engine call for every k; then the post step runs
// (twice). Every host must then run exactly one container of a recorded version, healthy (or
// nothing, if it ran nothing before), the lock must be free and no record left, and no change may
// ever have come from a run that did not hold the lock. Also: runs interleaved at random, takeovers
// of a dead run's lock, and many takers of one stale lock.
import fc from 'fast-check';
import { loadConfig } from '../../src/config/load';
import { DeployConfig } from '../../src/config/types';
import { HealthSpec } from '../../src/health/types';
import { HostSpec } from '../../src/hosts/types';
import { HostEngine, LABEL } from '../../src/hosts/engine';
import { MemoryLogger } from '../support/memory-logger';
import { HealthProbe, HealthVerdict } from '../../src/rollout/health-probe';
import { DeployLock } from '../../src/rollout/lock';
import { lockOwner } from '../support/lock-owner';
import { recover } from '../../src/rollout/recover';
import { RECORD } from '../../src/rollout/records';
import { createPending, restore } from '../../src/rollout/switch';
import { RolloutReport } from '../../src/report/types';
import { Rollout } from '../../src/rollout/rollout';
import { MemoryFleet, Session } from '../support/memory-engine';

const RUNS = Number(process.env.AVIARY_MODEL_RUNS ?? 25);
const counts = { decided: 0, crashPoints: 0, postSteps: 0, interleavings: 0, takeovers: 0 };
afterAll(() => {
  console.log(
    `model: ${counts.crashPoints} crash points (${counts.decided} after the outcome was recorded), ${counts.postSteps} post steps, ${counts.interleavings} interleavings, ${counts.takeovers} takeovers explored`,
  );
});

const SERVICE = 'web';
const REPO = 'reg.example/acme/web';

interface Fleet {
  hosts: string[];
  groups: number[]; // hosts per group
  batches: string;
  keep: number;
  maxUnhealthy: number;
  history: number[]; // per host: 0 nothing, 1 runs v1, 2 runs v2 with v1 kept, 3 runs v0 started by hand (no aviary label)
  pause?: string; // strategy.pause (what watches a traffic-weighted canary)
}

const fleetArb: fc.Arbitrary<Fleet> = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    hosts: fc.constant(Array.from({ length: n }, (_, i) => `h${i + 1}`)),
    groups: fc.integer({ min: 1, max: Math.min(3, n) }).map((g) => split(n, g)),
    batches: fc.constantFrom('[1, "100%"]', '[1, "50%", "100%"]', '["100%"]', '[2]', '[1]'),
    keep: fc.integer({ min: 0, max: 3 }),
    maxUnhealthy: fc.integer({ min: 0, max: 2 }),
    history: fc.array(fc.constantFrom(0, 1, 2, 2, 3), { minLength: n, maxLength: n }),
  }),
);

function split(n: number, g: number): number[] {
  const out = Array.from({ length: g }, (_, i) => Math.floor(n / g) + (i < n % g ? 1 : 0));
  return out.filter((x) => x > 0);
}

function configOf(f: Fleet, image: string | undefined, extra = ''): DeployConfig {
  let next = 0;
  const groups = f.groups
    .map(
      (size, gi) =>
        `  g${gi + 1}:\n    hosts:\n${Array.from({ length: size }, () => {
          const name = f.hosts[next++];
          return `      - {name: ${name}, docker: "tcp://10.9.0.${next}:2375"}\n`;
        }).join('')}`,
    )
    .join('');
  const text = `service: ${SERVICE}\nimage: ${REPO}\nlock-timeout: 1h\n${extra}groups:\n${groups}strategy:\n  batches: ${f.batches}\n  keep: ${f.keep}\n  max-unhealthy: ${f.maxUnhealthy}\n${f.pause ? `  pause: ${f.pause}\n` : ''}availability: false\n`;
  return loadConfig({
    text,
    path: 'aviary.yml',
    overrides: { image },
    env: {},
    requireImageVersion: image !== undefined,
  });
}

/** Health by image and host: v1 and v2 are always healthy (the rollback points); the rest as drawn. */
class ModelHealth implements HealthProbe {
  constructor(
    private readonly fleet: () => MemoryFleet,
    private readonly bad: Set<string>,
  ) {}
  async check(spec: HostSpec, _host: HostEngine, id: string, _h: HealthSpec): Promise<HealthVerdict> {
    const box = this.fleet().host(spec.name).get(id);
    const image = box?.labels[LABEL.image] ?? '';
    const healthy = !!box?.running && !this.bad.has(`${spec.name} ${image}`);
    return {
      healthy,
      reason: healthy ? undefined : 'model: unhealthy',
      message: healthy ? '' : `${spec.name}: model: unhealthy`,
      elapsedMs: 1,
      rounds: 1,
      latenciesMs: [1],
    };
  }
}

interface RunResult {
  report: RolloutReport;
  decided: boolean;
  session: Session;
}

async function runRollout(
  fleet: MemoryFleet,
  config: DeployConfig,
  deployment: string,
  health: HealthProbe,
  opts: {
    crashAt?: number;
    cancelAt?: number;
    previous?: boolean;
    yieldBefore?: () => Promise<void>;
    onCall?: (what: string) => void;
    onPause?: (cancel: AbortController) => void | Promise<void>;
  } = {},
): Promise<RunResult> {
  const cancel = new AbortController();
  const session = new Session(fleet, {
    deployment,
    crashAt: opts.crashAt,
    yieldBefore: opts.yieldBefore,
    onCall: (n, what) => {
      if (n === opts.cancelAt) cancel.abort(new Error('cancelled by SIGINT'));
      opts.onCall?.(what);
    },
  });
  let decided = false;
  const names = config.groups.flatMap((g) => g.hosts.map((h) => h.name));
  const rollout = new Rollout(
    config,
    {
      log: new MemoryLogger(),
      connect: async () => session.engines(names),
      health,
      sleep: async () => {
        await opts.onPause?.(cancel);
      },
    },
    {
      deployment,
      owner: lockOwner(deployment),
      signal: cancel.signal,
      target: opts.previous ? 'previous' : 'image',
      onOutcome: () => {
        if (session.alive) decided = true;
      },
    },
  );
  const report = await rollout.run();
  return { report, decided, session };
}

async function postStep(
  fleet: MemoryFleet,
  config: DeployConfig,
  deployment: string,
  health: HealthProbe,
  decided: boolean,
) {
  counts.postSteps++;
  const session = new Session(fleet, { deployment });
  const names = config.groups.flatMap((g) => g.hosts.map((h) => h.name));
  return recover(config, session.engines(names), new Map(), {
    owner: lockOwner(deployment),
    health,
    log: new MemoryLogger(),
    decided,
  });
}

/** What each host runs under the service's name, by container id ('' for nothing). */
function running(fleet: MemoryFleet): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, boxes] of fleet.hosts) {
    const named = [...boxes.values()].filter((b) => b.name === SERVICE);
    out.set(name, named.length === 1 && named[0].running ? named[0].id : '');
  }
  return out;
}

/** The invariants every host must hold once no run is in flight. */
function checkFleet(fleet: MemoryFleet, bad: Set<string>, context: string): void {
  const problems: string[] = [...fleet.violations];
  for (const [name, boxes] of fleet.hosts) {
    const all = [...boxes.values()];
    const svc = all.filter((b) => b.labels[LABEL.service] === SERVICE || b.name === SERVICE);
    const live = svc.filter((b) => b.running);
    const named = svc.filter((b) => b.name === SERVICE);
    const ever = svc.length > 0;
    if (ever && (live.length !== 1 || named.length !== 1 || !named[0].running))
      problems.push(
        `${name}: ${live.length} running, ${named.length} named ${SERVICE} (${svc.map((b) => `${b.name}:${b.state}`).join(', ')})`,
      );
    if (live[0] && bad.has(`${name} ${live[0].labels[LABEL.image]}`))
      problems.push(`${name}: runs ${live[0].labels[LABEL.image]}, which is unhealthy`);
    if (live[0] && !live[0].labels[LABEL.deployment] && live[0].image !== `${REPO}:v0`)
      problems.push(`${name}: runs an unrecorded container`);
    for (const b of svc) if (b.name.startsWith(`${SERVICE}.new-`)) problems.push(`${name}: unfinished ${b.name}`);
    const records = all.filter((b) => b.labels[RECORD.service] === SERVICE);
    if (records.length) problems.push(`${name}: records left: ${records.map((b) => b.name).join(', ')}`);
  }
  if (problems.length) throw new Error(`${context}:\n  ${problems.join('\n  ')}`);
}

/** A fleet with the drawn history, made by real (uncut) rollouts. */
async function setUp(f: Fleet, extra = ''): Promise<MemoryFleet> {
  const fleet = new MemoryFleet(f.hosts);
  const health = new ModelHealth(() => fleet, new Set());
  // A container started by hand before aviary came (no aviary label): the first deploy's rollback point.
  const byHand = new Session(fleet).engines(f.hosts);
  for (const [i, h] of f.hosts.entries()) {
    if (f.history[i] !== 3) continue;
    const e = byHand.get(h)!;
    await e.start(await e.create(SERVICE, `${REPO}:v0`, undefined as never, {}));
  }
  for (const [version, min] of [
    ['v1', 1],
    ['v2', 2],
  ] as const) {
    const subset = { ...f, hosts: f.hosts.filter((_, i) => f.history[i] >= min && f.history[i] !== 3) };
    if (!subset.hosts.length) continue;
    subset.groups = [subset.hosts.length];
    const r = await runRollout(
      fleet,
      configOf({ ...subset, keep: 3 }, `${REPO}:${version}`, extra),
      `setup-${version}`,
      health,
    );
    if (r.report.result !== 'deployed') throw new Error(`set-up ${version}: ${r.report.result} ${r.report.error}`);
  }
  return fleet;
}

type Op = 'deploy' | 'rollback' | 'cancel';

/** Called at every cut: before the post step (`after` false) and after it; throws on a broken invariant. */
type CutCheck = (fleet: MemoryFleet, before: Map<string, string>, context: string, after: boolean) => void;

async function crashEverywhere(
  f: Fleet,
  op: Op,
  badHosts: boolean[],
  cancelFrac: number,
  setupExtra = '',
  runExtra = setupExtra,
  onCut?: CutCheck,
): Promise<void> {
  const base = await setUp(f, setupExtra);
  const bad = new Set(f.hosts.filter((_, i) => badHosts[i]).map((h) => `${h} ${REPO}:v3`));
  const previous = op === 'rollback';
  const config = configOf(f, previous ? undefined : `${REPO}:v3`, runExtra);
  const before = running(base);
  // The uncut run: how many engine calls it makes, and an honest result.
  let current = base.clone();
  const health = new ModelHealth(() => current, bad);
  const full = await runRollout(current, config, 'run', health, { previous });
  const total = full.session.calls;
  const cancelAt = op === 'cancel' ? Math.max(1, Math.floor(total * cancelFrac)) : undefined;
  checkHonest(full.report, current, before, bad);
  for (let k = 0; k <= total; k++) {
    current = base.clone();
    counts.crashPoints++;
    const cut = await runRollout(current, config, 'run', health, { crashAt: k, cancelAt, previous });
    const context = `${op} cut after call ${k}/${total} (${cut.session.trace[k - 1] ?? 'start'}), fleet ${JSON.stringify(f)}, bad ${[...bad].join(',')}`;
    // The outcome counts as decided once the run said so, or recorded it on any host before it died.
    const decided =
      cut.decided ||
      [...current.hosts.values()].some((boxes) =>
        [...boxes.values()].some((b) => b.labels[RECORD.deployment] === 'run' && b.labels[RECORD.outcome]),
      );
    onCut?.(current, before, context, false);
    const first = await postStep(current, config, 'run', health, cut.decided);
    if (!first.ok) throw new Error(`${context}: post step not ok: ${JSON.stringify(first.hosts)}`);
    await postStep(current, config, 'run', health, cut.decided);
    if (decided) counts.decided++;
    checkFleet(current, bad, context);
    onCut?.(current, before, context, true);
    const after = running(current);
    for (const h of f.hosts) {
      const expected =
        decided && cut.report.hosts.find((x) => x.name === h)?.result === 'updated' ? undefined : before.get(h);
      if (expected !== undefined && after.get(h) !== expected)
        throw new Error(
          `${context}: ${h} runs ${after.get(h) || 'nothing'}, expected its container from before the run ${expected || '(nothing)'}${process.env.AVIARY_MODEL_DEBUG ? JSON.stringify({ trace: cut.session.trace, decided: cut.decided, report: cut.report.result, post: first.hosts }) : ''}`,
        );
    }
  }
}

/** An uncut run's result says what the hosts run. */
function checkHonest(report: RolloutReport, fleet: MemoryFleet, before: Map<string, string>, bad: Set<string>): void {
  checkFleet(fleet, bad, `uncut run (${report.result})`);
  const after = running(fleet);
  const changed = [...after].filter(([h, id]) => id !== before.get(h)).map(([h]) => h);
  if (report.result === 'deployed') expect(changed.sort()).toEqual([...after.keys()].sort());
  if (report.result === 'rolled-back') expect(changed).toEqual([]);
  const updated = report.hosts
    .filter((h) => h.result === 'updated')
    .map((h) => h.name)
    .sort();
  if (report.result !== 'failed') expect(changed.sort()).toEqual(updated);
}

describe('crash at every engine call, then the post step (twice)', () => {
  test.each<Op>(['deploy', 'rollback', 'cancel'])(
    '%s',
    async (op) => {
      await fc.assert(
        fc.asyncProperty(
          fleetArb,
          fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
          fc.double({ min: 0.05, max: 0.95, noNaN: true }),
          async (f, badHosts, cancelFrac) => {
            if (op === 'rollback') f = { ...f, history: f.history.map(() => 2) };
            await crashEverywhere(f, op, badHosts, cancelFrac);
          },
        ),
        { numRuns: RUNS, seed: Number(process.env.AVIARY_MODEL_SEED ?? 1010) },
      );
    },
    300_000,
  );
});

describe('two runs interleaved at random against one fleet', () => {
  test('never both change hosts; the fleet ends on one healthy recorded version per host', async () => {
    await fc.assert(
      fc.asyncProperty(
        fleetArb,
        fc.infiniteStream(fc.integer({ min: 0, max: 3 })),
        fc.boolean(),
        async (f, yields, wait) => {
          counts.interleavings++;
          const fleet = await setUp(f);
          const health = new ModelHealth(() => fleet, new Set());
          const yieldBefore = async () => {
            for (let i = yields.next().value; i > 0; i--) await new Promise((r) => setImmediate(r));
          };
          const extra = wait ? 'lock-wait: 1m\n' : '';
          const [a, b] = await Promise.all([
            runRollout(fleet, configOf(f, `${REPO}:v3`, extra), 'run-a', health, { yieldBefore }),
            runRollout(fleet, configOf(f, `${REPO}:v4`, extra), 'run-b', health, { yieldBefore }),
          ]);
          expect(fleet.violations).toEqual([]);
          const results = [a.report.result, b.report.result];
          if (wait) expect(results).toEqual(['deployed', 'deployed']);
          else expect(results).toContain('deployed');
          for (const r of [a, b])
            if (r.report.result === 'failed') expect(r.report.error).toMatch(/is being deployed by test run-/);
          checkFleet(fleet, new Set(), `interleaved ${results.join('/')}`);
        },
      ),
      { numRuns: RUNS * 2, seed: 77 },
    );
  }, 300_000);
});

describe('the lock of a dead run', () => {
  test('is kept while its heartbeat is fresh, taken over once it stops, and the dead run is undone unless it had finished', async () => {
    await fc.assert(
      fc.asyncProperty(fleetArb, async (f) => {
        const base = await setUp(f);
        const probe = await runRollout(
          base.clone(),
          configOf(f, `${REPO}:v3`),
          'dead',
          new ModelHealth(() => base, new Set()),
        );
        // Killed after each of its engine calls in turn, its clean-up included.
        for (let crashAt = 1; crashAt < probe.session.calls; crashAt++) {
          counts.takeovers++;
          const fleet = base.clone();
          const health = new ModelHealth(() => fleet, new Set());
          const dead = await runRollout(fleet, configOf(f, `${REPO}:v3`), 'dead', health, { crashAt });
          const context = `takeover after a crash at ${crashAt} (${dead.session.trace[crashAt - 1]})`;
          // Fresh: the next run is refused, naming the holder, and changes nothing.
          const early = await runRollout(fleet, configOf(f, `${REPO}:v4`), 'early', health);
          const held = f.hosts.some((h) => fleet.holder(h, SERVICE) === 'dead');
          if (held)
            expect({ context, error: early.report.error }).toEqual({
              context,
              error: expect.stringMatching(/is being deployed by test dead/),
            });
          const finished =
            dead.decided ||
            [...fleet.hosts.values()].some((boxes) =>
              [...boxes.values()].some((b) => b.labels[RECORD.deployment] === 'dead' && b.labels[RECORD.outcome]),
            );
          fleet.tick(61 * 60_000);
          const next = await runRollout(fleet, configOf(f, `${REPO}:v4`), 'next', health);
          expect({ context, result: next.report.result }).toEqual({ context, result: 'deployed' });
          // What the next run found and replaced: the dead run's v3 where it had finished, not what ran before it.
          if (finished && early.report.result !== 'deployed') {
            for (const h of next.report.hosts) {
              if (dead.report.hosts.find((x) => x.name === h.name)?.result === 'updated')
                expect({ context, host: h.name, previous: h.previous.image }).toEqual({
                  context,
                  host: h.name,
                  previous: `${REPO}:v3`,
                });
            }
          }
          expect(fleet.violations).toEqual([]);
          checkFleet(fleet, new Set(), context);
          for (const h of f.hosts)
            expect(fleet.host(h).get(running(fleet).get(h)!)?.labels[LABEL.image]).toBe(`${REPO}:v4`);
        }
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: 5 },
    );
  }, 300_000);

  test('20 concurrent takers of one stale lock: exactly one wins, and every other names it', async () => {
    for (let round = 0; round < 40; round++) {
      const fleet = new MemoryFleet(['h1', 'h2', 'h3']);
      const stale = new Session(fleet);
      const log = new MemoryLogger();
      const first = new DeployLock(
        SERVICE,
        [...stale.engines(['h1', 'h2', 'h3']).values()],
        lockOwner('gone'),
        { timeoutMs: 60_000, waitMs: 0, parallel: 8 },
        log,
      );
      await first.acquire();
      stale.alive = false; // killed: no heartbeat, no release
      fleet.tick(5 * 60_000);
      let seed = round + 1;
      const rnd = () => {
        seed = (seed * 48271) % 2147483647;
        return seed;
      };
      const takers = Array.from({ length: 20 }, (_, i) => {
        const s = new Session(fleet, {
          yieldBefore: async () => {
            for (let j = rnd() % 4; j > 0; j--) await new Promise((r) => setImmediate(r));
          },
        });
        return new DeployLock(
          SERVICE,
          [...s.engines(['h1', 'h2', 'h3']).values()],
          lockOwner(`taker-${i}`),
          { timeoutMs: 60_000, waitMs: 0, parallel: 8 },
          log,
        )
          .acquire()
          .then(
            () => ({ deployment: `taker-${i}`, won: true, error: '' }),
            (err: Error) => ({ deployment: `taker-${i}`, won: false, error: err.message }),
          );
      });
      const results = await Promise.all(takers);
      expect(results.filter((r) => r.won).length).toBe(1);
      const holders = new Set(['h1', 'h2', 'h3'].map((h) => fleet.holder(h, SERVICE)));
      expect(holders.size).toBe(1);
      // Each loser says who holds the lock: the winner, by its deployment.
      const winner = results.find((r) => r.won)!.deployment;
      const unnamed = results.filter((r) => !r.won && !r.error.includes(`deployment ${winner},`));
      expect({ round, unnamed }).toEqual({ round, unnamed: [] });
      counts.takeovers += 20;
    }
  });
});

// Proxy mode (issue 12): the same crash at every engine call, with every group behind a proxy. At
// every instant each proxy must serve a running container (on a host that ran one before the run);
// once the post step has run, exactly one proxy runs per host, beside its port holder, and serves
// the container named after the service. Also a deploy that upgrades the proxy itself, cut anywhere.
describe('proxy mode: crash at every engine call, then the post step (twice)', () => {
  const PROXY = (image: string) =>
    `proxy: {image: "reg.example/aviary/caddy:${image}", port: 80, app-port: 8080, drain: 0s}\n`;

  const checkProxies: CutCheck = (fleet, before, context, after) => {
    const problems: string[] = [];
    for (const [name, boxes] of fleet.hosts) {
      const all = [...boxes.values()];
      const proxies = all.filter((b) => b.labels['aviary.proxy.role'] === 'proxy' && b.running);
      const holder = all.find((b) => b.labels['aviary.proxy.role'] === 'edge');
      const ranBefore = !!before.get(name);
      if (ranBefore && !proxies.length) problems.push(`${name}: no proxy runs`);
      if (ranBefore && !holder?.running) problems.push(`${name}: the port holder does not run`);
      for (const p of proxies) {
        const target = p.serving ? all.find((b) => b.id.startsWith(p.serving!)) : undefined;
        if (ranBefore && !target?.running)
          problems.push(
            `${name}: the proxy ${p.name} serves ${p.serving ? `${p.serving} (${target ? target.state : 'gone'})` : 'nothing'}`,
          );
        const canary = p.canary ? all.find((b) => b.id.startsWith(p.canary!)) : undefined;
        if (p.canary && !canary?.running)
          problems.push(
            `${name}: the proxy ${p.name} shares requests with ${p.canary} (${canary ? canary.state : 'gone'})`,
          );
        if (after && p.canary) problems.push(`${name}: the proxy ${p.name} still shares requests with ${p.canary}`);
      }
      if (!after) continue;
      const named = all.find((b) => b.name === SERVICE);
      // A host that ran nothing before, and nothing after, needs no proxy yet.
      if (proxies.length !== 1 && (ranBefore || named))
        problems.push(`${name}: ${proxies.length} proxies run after the post step`);
      const leftovers = all.filter((b) => b.labels['aviary.proxy.role'] === 'proxy' && !b.running);
      if (leftovers.length) problems.push(`${name}: stopped proxies left: ${leftovers.map((b) => b.name).join(', ')}`);
      for (const p of proxies)
        if ((p.serving || undefined) !== named?.id.slice(0, 12))
          problems.push(
            `${name}: the proxy serves ${p.serving || 'nothing'}, not ${named ? `${SERVICE} (${named.id.slice(0, 12)})` : 'nothing'}`,
          );
    }
    if (problems.length)
      throw new Error(
        `${context} (proxy mode, ${after ? 'after' : 'before'} the post step):\n  ${problems.join('\n  ')}`,
      );
  };

  test.each<Op | 'upgrade' | 'canary'>(['deploy', 'rollback', 'cancel', 'upgrade', 'canary'])(
    '%s',
    async (op) => {
      await fc.assert(
        fc.asyncProperty(
          fleetArb,
          fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
          fc.double({ min: 0.05, max: 0.95, noNaN: true }),
          async (f, badHosts, cancelFrac) => {
            if (op === 'rollback') f = { ...f, history: f.history.map(() => 2) };
            // A container started by hand holds the port the proxy needs: moving such a host to proxy mode is not modelled here.
            else f = { ...f, history: f.history.map((h) => (h === 3 ? 1 : h)) };
            // A traffic-weighted canary: each group's first batch shares requests with the new version until its pause ends.
            if (op === 'canary') f = { ...f, pause: '1s' };
            await crashEverywhere(
              f,
              op === 'upgrade' || op === 'canary' ? 'deploy' : op,
              badHosts,
              cancelFrac,
              PROXY('2.6'),
              op === 'canary'
                ? PROXY('2.6').replace('drain: 0s', 'drain: 0s, canary-weight: 25%')
                : PROXY(op === 'upgrade' ? '2.7' : '2.6'),
              checkProxies,
            );
          },
        ),
        { numRuns: Math.ceil(RUNS / 2), seed: Number(process.env.AVIARY_MODEL_SEED ?? 1212) },
      );
    },
    300_000,
  );
});

// The new containers are made during the pre-pull (issue 12): before anything stops, so that a
// batch only starts them. Those of hosts a run never reached are removed when it ends, and a dead
// run's by the post step, without stopping what the host runs.
describe('the new containers made during the pre-pull', () => {
  const f: Fleet = {
    hosts: ['h1', 'h2', 'h3', 'h4'],
    groups: [4],
    batches: '[1, "100%"]',
    keep: 3,
    maxUnhealthy: 0,
    history: [1, 1, 1, 1],
  };
  const modes = [
    ['stop-and-start', ''],
    ['proxy', 'proxy: {image: "reg.example/aviary/caddy:2.6", port: 80, app-port: 8080, drain: 0s}\n'],
  ] as const;
  const index = (trace: string[], re: RegExp) => trace.findIndex((t) => re.test(t));

  test.each(modes)(
    '%s: every host gets its new container before the first stop, and no batch creates one',
    async (_mode, extra) => {
      const fleet = await setUp(f, extra);
      const health = new ModelHealth(() => fleet, new Set());
      const run = await runRollout(fleet, configOf(f, `${REPO}:v3`, extra), 'run', health);
      expect(run.report.result).toBe('deployed');
      const trace = run.session.trace;
      const creates = trace.map((t, i) => [t, i] as const).filter(([t]) => / create web\.new-run$/.test(t));
      expect(creates.map(([t]) => t.split(' ')[0]).sort()).toEqual(f.hosts);
      const firstStop = index(trace, / stop /);
      expect(firstStop).toBeGreaterThan(0);
      for (const [, i] of creates) expect(i).toBeLessThan(firstStop);
      checkFleet(fleet, new Set(), 'deployed');
    },
  );

  test.each(modes)(
    '%s: a failed canary leaves no new container on the hosts it never reached, none of them started',
    async (_mode, extra) => {
      const fleet = await setUp(f, extra);
      const bad = new Set([`h1 ${REPO}:v3`]);
      const before = running(fleet);
      const run = await runRollout(fleet, configOf(f, `${REPO}:v3`, extra), 'run', new ModelHealth(() => fleet, bad));
      expect(run.report.result).toBe('rolled-back');
      expect(running(fleet)).toEqual(before);
      const made = run.session.trace.filter((t) => / create web\.new-run$/.test(t)).length;
      expect(made).toBe(4);
      // Only the canary's new container ever started.
      expect(run.session.trace.filter((t) => /^h[234] start /.test(t))).toEqual([]);
      checkFleet(fleet, bad, 'rolled back');
    },
  );

  test.each(modes)(
    '%s: a run killed right after them: the post step removes them and stops nothing',
    async (_mode, extra) => {
      const base = await setUp(f, extra);
      const config = configOf(f, `${REPO}:v3`, extra);
      const health = new ModelHealth(() => fleet, new Set());
      let fleet = base.clone();
      const full = await runRollout(fleet, config, 'run', health);
      const lastCreate = full.session.trace.map((t) => / create web\.new-run$/.test(t)).lastIndexOf(true);
      fleet = base.clone();
      const before = running(fleet);
      const cut = await runRollout(fleet, config, 'run', health, { crashAt: lastCreate + 1 });
      expect(cut.session.trace.filter((t) => / create web\.new-run$/.test(t)).length).toBe(4);
      const session = new Session(fleet, { deployment: 'run' });
      const recovery = await recover(config, session.engines(f.hosts), new Map(), {
        owner: lockOwner('run'),
        health,
        log: new MemoryLogger(),
      });
      expect(recovery.ok).toBe(true);
      for (const h of recovery.hosts)
        expect(h.repaired).toEqual([
          expect.stringMatching(
            new RegExp(`^${h.host}: removed the unused new container of deployment run; ${REPO}:v1 runs as before`),
          ),
        ]);
      expect(session.trace.filter((t) => / (stop|start) /.test(t))).toEqual([]);
      expect(running(fleet)).toEqual(before);
      checkFleet(fleet, new Set(), 'after the post step');
    },
  );

  test.each(modes)(
    '%s: one removed before its batch (a repair after a takeover) is made again, and the host switches',
    async (_mode, extra) => {
      const fleet = await setUp(f, extra);
      let removed = '';
      const run = await runRollout(
        fleet,
        configOf(f, `${REPO}:v3`, extra),
        'run',
        new ModelHealth(() => fleet, new Set()),
        {
          onCall: (what) => {
            // As batch 1 starts h1's container, another hand removes h4's, made during the pre-pull.
            if (removed || !/^h1 start /.test(what)) return;
            const box = [...fleet.host('h4').values()].find((b) => b.name === `${SERVICE}.new-run`)!;
            removed = box.id;
            fleet.host('h4').delete(box.id);
          },
        },
      );
      expect(removed).not.toBe('');
      expect(run.report.result).toBe('deployed');
      expect(run.session.trace.filter((t) => t === 'h4 create web.new-run')).toHaveLength(2);
      expect(fleet.host('h4').get(running(fleet).get('h4')!)?.labels[LABEL.image]).toBe(`${REPO}:v3`);
      checkFleet(fleet, new Set(), 'deployed');
    },
  );

  test("a dead run's unused one is never started, even when nothing else is left to run", async () => {
    const fleet = await setUp(f);
    const byHand = new Session(fleet).engines(['h1']).get('h1')!;
    const current = (await byHand.container(SERVICE))!;
    await createPending(
      byHand,
      {
        service: SERVICE,
        image: `${REPO}:v9`,
        digest: '',
        deployment: 'dead',
        deployedBy: 'test',
        container: undefined as never,
      },
      current,
    );
    fleet.host('h1').delete(current.id); // the rollback point removed by hand
    const next = await runRollout(fleet, configOf(f, `${REPO}:v3`), 'next', new ModelHealth(() => fleet, new Set()));
    expect(next.session.trace.filter((t) => /^h1 (start|rename) /.test(t)).length).toBeGreaterThan(0);
    expect(next.report.warnings).toContainEqual(
      expect.stringMatching(
        /^h1: the rollback point \w+ is gone .*the unused new container of deployment dead was removed, and nothing was started/,
      ),
    );
    expect(next.report.hosts.find((h) => h.name === 'h1')?.previous.image).toBeUndefined();
    expect(next.report.result).toBe('deployed');
    expect([...fleet.host('h1').values()].some((b) => b.labels[LABEL.image] === `${REPO}:v9`)).toBe(false);
    checkFleet(fleet, new Set(), 'deployed');
  });

  describe('a traffic-weighted canary (proxy mode)', () => {
    const canary = { ...f, batches: '[1, "100%"]', pause: '1s' };
    const extra =
      'proxy: {image: "reg.example/aviary/caddy:2.6", port: 80, app-port: 8080, drain: 0s, canary-weight: 25%}\n';
    const proxies = (fleet: MemoryFleet, h: string) =>
      [...fleet.host(h).values()].filter((b) => b.labels['aviary.proxy.role'] === 'proxy' && b.running);
    const image = (fleet: MemoryFleet, h: string, id?: string) =>
      [...fleet.host(h).values()].find((b) => !!id && b.id.startsWith(id))?.labels[LABEL.image];

    test('the first batch shares 25 % of requests with the new version during its pause, then cuts over', async () => {
      const fleet = await setUp(canary, extra);
      const seen: string[] = [];
      const run = await runRollout(
        fleet,
        configOf(canary, `${REPO}:v3`, extra),
        'run',
        new ModelHealth(() => fleet, new Set()),
        {
          onPause: () => {
            for (const h of f.hosts)
              for (const p of proxies(fleet, h))
                seen.push(
                  `${h} serves ${image(fleet, h, p.serving)}${p.canary ? `, canary ${image(fleet, h, p.canary)}` : ''}`,
                );
          },
        },
      );
      expect(run.report.result).toBe('deployed');
      expect(run.report.plan.map((b) => b.proxy?.canaryWeight)).toEqual([25, undefined]);
      // During the first batch's pause, only its host shares requests, both versions running.
      expect(seen).toEqual([
        `h1 serves ${REPO}:v1, canary ${REPO}:v3`,
        `h2 serves ${REPO}:v1`,
        `h3 serves ${REPO}:v1`,
        `h4 serves ${REPO}:v1`,
      ]);
      expect(run.report.hosts[0].proxy?.canary).toEqual({ container: expect.any(String), weight: 25 });
      for (const h of f.hosts)
        expect(proxies(fleet, h).map((p) => image(fleet, h, p.serving) + (p.canary || ''))).toEqual([`${REPO}:v3`]);
      checkFleet(fleet, new Set(), 'deployed');
    });

    test('cancelled in its window, the canary is taken away and the old version serves alone', async () => {
      const fleet = await setUp(canary, extra);
      const before = running(fleet);
      const run = await runRollout(
        fleet,
        configOf(canary, `${REPO}:v3`, extra),
        'run',
        new ModelHealth(() => fleet, new Set()),
        {
          onPause: (cancel) => cancel.abort(new Error('cancelled by SIGINT')),
        },
      );
      expect(run.report.result).toBe('rolled-back');
      expect(running(fleet)).toEqual(before);
      for (const h of f.hosts)
        expect(proxies(fleet, h).map((p) => image(fleet, h, p.serving) + (p.canary || ''))).toEqual([`${REPO}:v1`]);
      checkFleet(fleet, new Set(), 'rolled back');
    });

    test('repaired by another run in its window (a forced unlock), the canary host is left as found: it fails, and the rollback keeps it serving', async () => {
      const fleet = await setUp(canary, extra);
      const before = running(fleet);
      let repaired = false;
      const run = await runRollout(
        fleet,
        configOf(canary, `${REPO}:v3`, extra),
        'run',
        new ModelHealth(() => fleet, new Set()),
        {
          onPause: async () => {
            if (repaired) return;
            repaired = true;
            // What a taker's repair does with this live run's records on h1.
            await restore(new Session(fleet).engines(['h1']).get('h1')!, SERVICE, 'run');
          },
        },
      );
      expect(repaired).toBe(true);
      expect(run.report.result).toBe('rolled-back');
      expect(run.report.error).toMatch(
        /h1: could not cut over from the canary: h1: the canary \w+ is gone or no longer this run's; nothing was changed/,
      );
      expect(running(fleet)).toEqual(before);
      for (const h of f.hosts)
        expect(proxies(fleet, h).map((p) => image(fleet, h, p.serving) + (p.canary || ''))).toEqual([`${REPO}:v1`]);
      checkFleet(fleet, new Set(), 'rolled back');
    });

    test('without gates or a pause the config is refused, naming the field', () => {
      expect(() => configOf({ ...canary, pause: undefined }, `${REPO}:v3`, extra)).toThrow(
        /proxy\.canary-weight: the group g1 has no gates and no strategy\.pause/,
      );
    });
  });
});
