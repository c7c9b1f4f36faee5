// SIGKILL at random instants of real runs, as GitHub's runner sends it, on the real fleet: the deploy
// action, its cancel rollback, the rollback action and the all-in-one root action run from the
// bundle (`node dist/<action>/index.js`, INPUT_* variables, a GITHUB_STATE file); the runner's
// cancel (SIGINT, then SIGTERM, then SIGKILL, with short seeded random delays so that the kill lands
// inside the step) ends each; then the post step runs as GitHub runs it (`dist/<action>/post.js`
// with STATE_* variables), and every host is read through its own engine's API: exactly one
// container named as the service, running a version a deploy recorded, healthy, and no lock.
// Besides the random instants, a deploy is cut right after each change one host's engine reports.
//
// AVIARY_KILLS=<n> sets how many random kills in all (default 30); AVIARY_KILL_SEED=<n> replays a
// run (the seed is printed); AVIARY_KILL_STEPS=0,10,next,300 chooses the variants of the kills at
// each engine change (default 0,10,next); AVIARY_KILL_REPORT=<file> receives the table of kills
// (default: the system's temp dir). The bundle is dist/ (`npm run bundle`), or the folder AVIARY_DIST names.
//
// Only the bundle runs here: the shared helpers' in-process engine (src/deploy) is never loaded, so
// this suite judges dist/ even while the source is being rewritten.
jest.mock('../../src/deploy', () => ({}));
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeployFixture } from '../support/deploy-fixture';
import { hostEntry, prng } from '../support/faults';
import {
  actionDefinition,
  ActionStep,
  cancelLikeRunner,
  startAction,
  startCli,
  startPost,
  whereAt,
} from '../support/github-runner';
import { describeEvents, followServiceEvents } from '../support/host-events';
import { allProblems, checkHosts, HostVerdict, withoutHealthyVersion } from '../support/recorded-version';

const TOTAL = Number(process.env.AVIARY_KILLS || 30);
const SEED = Number(process.env.AVIARY_KILL_SEED || Math.floor(Math.random() * 2 ** 31));
// Kills per part: the deploy and its cancel rollback take most of them.
const COUNT = {
  deploy: Math.ceil(TOTAL * 0.36),
  cancel: Math.ceil(TOTAL * 0.36),
  rollback: Math.max(1, Math.round(TOTAL * 0.14)),
  all: Math.max(1, Math.round(TOTAL * 0.14)),
};
const ATTEMPTS = 4; // a kill that comes after the run already ended is tried again, sooner

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

// Fast health settings and small fleets, so that the whole file runs in a few minutes.
function config(fx: DeployFixture, hosts: string[], extra: Record<string, unknown> = {}): string {
  return fx.writeConfig(
    { web: { hosts: hosts.map((n) => hostEntry(fx.fleet, n)) } },
    {
      container: { ports: [`${fx.port}:8080`], 'stop-timeout': '1s' },
      strategy: { batches: [1, 1, '100%'], pause: '200ms', keep: 2 },
      health: {
        http: { path: '/health', port: fx.port, body: 'ok' },
        interval: '100ms',
        timeout: '1s',
        'healthy-threshold': 2,
        'unhealthy-threshold': 2,
        deadline: '5s',
      },
      ...extra,
    },
  );
}

// ---------------------------------------------------------------- what every kill leaves behind

interface Kill {
  part: string;
  n: number;
  seed: number;
  attempt: number;
  /** ms from the start of the main step to the SIGINT, and the log group open then. */
  sigintMs: number;
  sigintIn: string;
  killMs?: number;
  /** The log group open, and the last line printed, when the SIGKILL was sent. */
  killIn: string;
  lastLine: string;
  landed: boolean;
  mainResult: string;
  post: string;
  postCode: number | null | 'none';
  hosts: number;
  withoutHealthy: string[];
  problems: string[];
  /** Record containers (heartbeats, taken-over locks, intents) the hosts still hold after the post step. */
  records: number;
  /** What the main and post steps printed, kept when something is wrong. */
  transcript?: string;
  ms: number;
}

const kills: Kill[] = [];

/**
 * The rollback action's kills need its post step: they are skipped, said so, while its action.yml
 * declares none and the bundle has none; a post step declared but missing from the bundle fails.
 */
const rollbackPost = ((): { run: boolean; why: string } => {
  const def = actionDefinition('actions/rollback');
  const file = def.post ?? path.join(path.dirname(def.main), 'post.js');
  if (fs.existsSync(file)) return { run: true, why: '' };
  if (!def.post)
    return {
      run: false,
      why: `actions/rollback/action.yml declares no post step and ${path.relative(process.cwd(), file)} is absent`,
    };
  return { run: true, why: '' }; // declared: the runner would run it, and the tests fail where it is missing
})();
const fileStarted = Date.now();

function describeKill(k: Kill): string {
  return (
    `${k.part} #${k.n} (seed ${k.seed}, attempt ${k.attempt}): SIGINT at ${k.sigintMs} ms in «${k.sigintIn}»; ` +
    (k.landed
      ? `SIGKILL at ${k.killMs} ms in «${k.killIn}» after «${k.lastLine}»`
      : `no SIGKILL: the step ended first (${k.mainResult})`) +
    `; post ${k.post} (exit ${k.postCode}); ${k.hosts - k.withoutHealthy.length}/${k.hosts} hosts on a healthy recorded version` +
    (k.records ? `; ${k.records} record container(s) left` : '')
  );
}

afterAll(() => {
  const landed = kills.filter((k) => k.landed);
  const summary = [
    `crash-kill: seed ${SEED}; ${landed.length} SIGKILLs landed in ${kills.length} runs; ` +
      `${landed.reduce((s, k) => s + k.hosts, 0)} host checks after a kill, ${landed.reduce((s, k) => s + k.withoutHealthy.length, 0)} without a healthy recorded version; ` +
      `${kills.reduce((s, k) => s + k.problems.length, 0)} problems in all; ${kills.filter((k) => k.records).length} runs left record containers besides a lock (heartbeats, taken-over locks, intents: not counted as problems)`,
    ...Object.entries(groupBy(landed, (k) => k.part)).map(
      ([part, ks]) =>
        `  ${part}: ${ks.length} kills, ${ks.reduce((s, k) => s + k.withoutHealthy.length, 0)} of ${ks.reduce((s, k) => s + k.hosts, 0)} hosts without a healthy recorded version, median run ${median(ks.map((k) => k.ms))} ms; interrupted in: ${summarize(ks.map((k) => k.killIn))}`,
    ),
    ...(rollbackPost.run ? [] : [`  rollback: SKIPPED, ${rollbackPost.why}`]),
    `  ${Math.round((Date.now() - fileStarted) / 1000)} s in all`,
  ];
  const lines = [
    ...summary,
    ...kills.map(describeKill),
    ...kills.flatMap((k) => [
      ...k.problems.map((p) => `  ${k.part} #${k.n}: ${p}`),
      ...(k.transcript ? [k.transcript] : []),
    ]),
  ];
  const file = process.env.AVIARY_KILL_REPORT || path.join(os.tmpdir(), 'aviary-crash-kill.txt');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  console.log(`${summary.join('\n')}\n(every kill: ${file})`);
});

function groupBy<T>(xs: T[], key: (x: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const x of xs) (out[key(x)] ??= []).push(x);
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

function summarize(xs: string[]): string {
  const counts = groupBy(
    xs.map((x) => x.replace(/ · .*$/, '').replace(/\d+\/\d+/, 'n/N')),
    (x) => x,
  );
  return Object.entries(counts)
    .map(([k, v]) => `${k} ×${v.length}`)
    .join(', ');
}

/**
 * One run of an action killed as the runner kills it, then its post step, then the hosts read.
 * `sigintAt` waits in the main step until the moment of the SIGINT; `times` are the delays to the
 * SIGTERM and the SIGKILL. Returns the kill's record; the hosts' problems are in it.
 */
async function killAndRepair(
  part: string,
  n: number,
  seed: number,
  attempt: number,
  fx: DeployFixture,
  hosts: string[],
  versions: string[],
  main: ActionStep,
  sigintAt: (main: ActionStep) => Promise<void>,
  times: { termAfterMs?: number; killAfterMs: number },
): Promise<Kill> {
  await sigintAt(main);
  if (!main.exited) await cancelLikeRunner(main, times);
  return settle(part, n, seed, attempt, fx, hosts, versions, main);
}

/**
 * After the main step ended (killed or not): the post step as the runner runs it, then every
 * host read. The instants come from the signals the test sent the main step.
 */
async function settle(
  part: string,
  n: number,
  seed: number,
  attempt: number,
  fx: DeployFixture,
  hosts: string[],
  versions: string[],
  main: ActionStep,
  note = '',
): Promise<Kill> {
  const result = await main.done;
  const sigint = main.sent.find((x) => x.signal === 'SIGINT')?.at;
  const kill = main.sent.find((x) => x.signal === 'SIGKILL')?.at;
  const landed = kill !== undefined && result.signal === 'SIGKILL';
  const sigintWhere = whereAt(main, sigint ?? main.ended!);
  const killWhere = whereAt(main, kill ?? main.ended!);
  const mainResult =
    result.code !== null
      ? `exit ${result.code}, ${main.outputs().result ?? 'no result'}`
      : `killed by ${result.signal}`;

  const post = await startPost(main, {}, { limitMs: 60_000 }).done;
  const verdicts: HostVerdict[] = await checkHosts(fx, hosts, versions);
  const postNote =
    post.text
      .split('\n')
      .filter((l) => /^::(warning|error)::|repair|nothing to repair/.test(l))
      .slice(0, 3)
      .join(' | ') || 'nothing printed';
  const record: Kill = {
    part,
    n,
    seed,
    attempt,
    sigintMs: (sigint ?? main.ended!) - main.started,
    sigintIn: sigint === undefined ? '(no SIGINT)' : sigintWhere.group,
    killMs: landed ? kill - main.started : undefined,
    killIn: `${killWhere.group}${note ? ` (${note})` : ''}`,
    lastLine: killWhere.last.slice(0, 160),
    landed,
    mainResult,
    post: postNote.slice(0, 300),
    postCode: post.code,
    hosts: hosts.length,
    withoutHealthy: withoutHealthyVersion(verdicts),
    records: verdicts.reduce((n, v) => n + v.records.length, 0),
    problems: [
      ...allProblems(verdicts),
      ...(result.hung ? ['the main step did not end within 90 s of its start, cancel or not'] : []),
      ...(post.hung ? ['the post step did not end within 60 s'] : []),
      // Every host here answers: a post step that could not do its work failed, whatever the hosts show.
      ...post.text
        .split('\n')
        .filter((l) => /could not (repair|read|load|open|connect)/i.test(l))
        .map((l) => `the post step could not do its work: ${l}`),
      // The post step fails only when it left a host without a healthy version; with every host fine it must pass.
      ...(post.code !== 0 && !withoutHealthyVersion(verdicts).length
        ? [`the post step failed (exit ${post.code}) although every host is fine:\n${post.text}`]
        : []),
    ],
    ms: Date.now() - main.started,
  };
  kills.push(record);
  if (record.problems.length) record.transcript = `--- main step:\n${main.text}\n--- post step:\n${post.text}`;
  return record;
}

/** What most hosts answer on /version (the version a next run should replace). */
async function majority(fx: DeployFixture, hosts: string[]): Promise<string> {
  const seen = await Promise.all(hosts.map((n) => fx.version(fx.host(n))));
  const counts = groupBy(seen, (v) => v);
  return Object.entries(counts).sort((a, b) => b[1].length - a[1].length)[0][0];
}

/** Puts a service back on one version everywhere, from nothing, through the CLI of the bundle. */
async function reset(fx: DeployFixture, hosts: string[], image: string): Promise<void> {
  await fx.clean(hosts.map((n) => fx.host(n)));
  const run = await startCli(['deploy', '--config', path.join(fx.dir, 'aviary.yml'), '--image', image], {
    limitMs: 90_000,
  }).done;
  if (run.code !== 0) throw new Error(`could not deploy ${image} to start from (exit ${run.code}):\n${run.text}`);
}

/** The kill left every host repaired (else `putBack` restores the fleet for the next test), and it landed mid-run. */
async function expectLandedAndRepaired(kill: Kill, putBack: () => Promise<unknown>): Promise<void> {
  try {
    const context = `${describeKill(kill)}\n${kill.transcript ?? ''}`;
    expect({ context, problems: kill.problems }).toEqual({ context, problems: [] });
  } finally {
    if (kill.problems.length) await putBack();
  }
  expect({ landed: kill.landed, context: describeKill(kill) }).toEqual({ landed: true, context: describeKill(kill) });
}

// ---------------------------------------------------------------- the deploy action and its cancel rollback

describe('the deploy action', () => {
  const fx = new DeployFixture('ck-kill', 18710);
  const HOSTS = ['h1', 'h4', 'h5', 'h6'];
  const images: Record<string, string> = {};
  // When, in ms from the start of the main step, a deploy of this fleet takes its lock, starts its first batch, and ends.
  const timing = { lock: 0, batch: 0, end: 0 };

  beforeAll(async () => {
    console.log(
      `crash-kill: seed ${SEED} (AVIARY_KILL_SEED=${SEED} replays it), ${TOTAL} kills: ${JSON.stringify(COUNT)}`,
    );
    config(fx, HOSTS);
    [images.v1, images.v2] = await Promise.all([fx.image('v1'), fx.image('v2')]);
    await reset(fx, HOSTS, images.v1);
    // One deploy through the action, not cancelled: how long its steps take, to aim the kills.
    const run = deployStep(images.v2);
    const result = await run.done;
    expect({ text: run.text, code: result.code, result: run.outputs().result }).toEqual({
      text: run.text,
      code: 0,
      result: 'deployed',
    });
    const at = (re: RegExp) => (run.lines.find((l) => re.test(l.text))?.at ?? run.started) - run.started;
    Object.assign(timing, { lock: at(/Take the deploy lock/), batch: at(/Batch 1\//), end: result.ms });
    console.log(
      `crash-kill: a deploy of ${HOSTS.length} hosts through the action: lock at ${timing.lock} ms, batch 1 at ${timing.batch} ms, done at ${timing.end} ms`,
    );
  }, 180_000);

  afterAll(() => fx.clean(HOSTS.map((n) => fx.host(n))), 60_000);

  function deployStep(image: string): ActionStep {
    return startAction(
      'actions/deploy',
      {
        config: path.join(fx.dir, 'aviary.yml'),
        image,
        'report-file': path.join(fx.dir, 'report.json'),
        summary: 'false',
      },
      {},
      { limitMs: 90_000 },
    );
  }

  async function next(): Promise<string> {
    return (await majority(fx, HOSTS)) === 'v2' ? images.v1 : images.v2;
  }

  // (a) A kill at a random instant of the deploy: from the lock to the end, the SIGKILL shortly
  // after the SIGINT, so that it lands in whatever step the deploy was in.
  test.each(range(COUNT.deploy))(
    'SIGKILL at a random instant of a deploy, then the post step: every host on a healthy recorded version (%i)',
    async (n) => {
      const seed = SEED + n * 7919;
      const rng = prng(seed);
      let kill: Kill | undefined;
      for (let attempt = 1; attempt <= ATTEMPTS && !kill?.landed; attempt++) {
        const shrink = 0.6 ** (attempt - 1);
        const at = timing.lock + rng() * (timing.end - timing.lock) * shrink;
        const killAfterMs = Math.floor(rng() * 150 * shrink);
        const main = deployStep(await next());
        kill = await killAndRepair(
          'deploy',
          n,
          seed,
          attempt,
          fx,
          HOSTS,
          ['v1', 'v2'],
          main,
          async (m) => {
            await m.reach(/deploying/);
            await sleep(Math.max(0, at - (Date.now() - m.started)));
          },
          { killAfterMs },
        );
        if (kill.problems.length) break;
      }
      await expectLandedAndRepaired(kill!, () => reset(fx, HOSTS, images.v1));
    },
    120_000,
  );

  // (b) A kill inside the cancel rollback: SIGINT in a random instant of the batches, then the
  // runner's SIGTERM and SIGKILL after short random delays, while the rollback runs.
  test.each(range(COUNT.cancel))(
    'SIGKILL inside the cancel rollback, then the post step: every host on a healthy recorded version (%i)',
    async (n) => {
      const seed = SEED + 100_003 + n * 7919;
      const rng = prng(seed);
      let kill: Kill | undefined;
      for (let attempt = 1; attempt <= ATTEMPTS && !kill?.landed; attempt++) {
        const shrink = 0.5 ** (attempt - 1);
        const at = timing.batch + rng() * (timing.end - timing.batch) * 0.85 * shrink;
        const termAfterMs = Math.floor(rng() * 600 * shrink);
        const killAfterMs = Math.floor(rng() * 600 * shrink);
        const main = deployStep(await next());
        kill = await killAndRepair(
          'cancel',
          n,
          seed,
          attempt,
          fx,
          HOSTS,
          ['v1', 'v2'],
          main,
          async (m) => {
            await m.reach(/Batch 1\//);
            await sleep(Math.max(0, at - (Date.now() - m.started)));
          },
          { termAfterMs, killAfterMs },
        );
        if (kill.problems.length) break;
      }
      await expectLandedAndRepaired(kill!, () => reset(fx, HOSTS, images.v1));
    },
    120_000,
  );

  // (c) Every step boundary on one host, in turn, from h1's own engine: the SIGINT right after the
  // k-th change it reports (create, stop, rename, start…), and the SIGKILL at once (a kill between
  // two engine calls of the swap), 10 ms later (while the engine still works on the next call: a
  // start it finishes after the process is gone), at the next change h1 reports (one step into the
  // cancel rollback; after 1 s without one, then), or 300 ms later (the cancel rollback under way).
  // k runs until a deploy makes fewer changes on h1.
  // AVIARY_KILL_STEPS picks the variants (default 0,10,next: "300" adds the last, at ~25 s).
  const LATER = (
    [
      ['at once', 0],
      ['10 ms later', 10],
      ["at h1's next change", 'next'],
      ['300 ms later', 300],
    ] as const
  ).filter(([, later]) => (process.env.AVIARY_KILL_STEPS || '0,10,next').split(',').includes(String(later)));
  test.each(LATER)(
    'SIGINT right after each change of h1 in turn, SIGKILL %s, then the post step: every host on a healthy recorded version',
    async (label, later) => {
      const bad: string[] = [];
      let landed = 0;
      for (let k = 1; k <= 20; k++) {
        let main: ActionStep | undefined;
        let timer: NodeJS.Timeout | undefined;
        const follower = await followServiceEvents(fx.host('h1').docker, fx.service, (_e, i) => {
          if (i === k) {
            main?.signal('SIGINT');
            if (later === 0) main?.signal('SIGKILL');
            else timer = setTimeout(() => main?.signal('SIGKILL'), later === 'next' ? 1_000 : later);
          } else if (later === 'next' && i === k + 1) {
            clearTimeout(timer);
            main?.signal('SIGKILL');
          }
        });
        try {
          main = deployStep(await next());
          await main.done;
        } finally {
          clearTimeout(timer);
        }
        const seen = describeEvents(follower.events);
        follower.stop();
        if (seen.length < k) break; // this deploy made fewer than k changes on h1: every one was tried
        const at = `SIGINT at h1 change ${k}: ${seen[k - 1]}; then ${seen.slice(k, k + 3).join(', ') || 'nothing'}`;
        const kill = await settle(`h1 change k, SIGKILL ${label}`, k, 0, 1, fx, HOSTS, ['v1', 'v2'], main, at);
        if (kill.landed) landed++;
        if (kill.problems.length) {
          bad.push(`${describeKill(kill)}\n  ${kill.problems.join('\n  ')}\n${kill.transcript}`);
          await reset(fx, HOSTS, images.v1);
        }
      }
      console.log(`crash-kill: SIGINT after each change of h1, SIGKILL ${label}: ${landed} kills landed`);
      expect(bad).toEqual([]);
      expect(landed).toBeGreaterThan(0);
    },
    240_000,
  );
});

// ---------------------------------------------------------------- the rollback action

describe('the rollback action', () => {
  const fx = new DeployFixture('ck-rb', 18711);
  const HOSTS = ['h3', 'h6', 'h7'];
  const images: Record<string, string> = {};
  const post = rollbackPost.run;
  const timing = { start: 0, end: 0 };

  beforeAll(async () => {
    if (!post)
      console.warn(`crash-kill: the rollback action's kills are SKIPPED: ${rollbackPost.why} (issue 10 asks for one)`);
    config(fx, HOSTS);
    [images.v1, images.v2] = await Promise.all([fx.image('v1'), fx.image('v2')]);
    await reset(fx, HOSTS, images.v1);
    const run = await startCli(['deploy', '--config', path.join(fx.dir, 'aviary.yml'), '--image', images.v2], {
      limitMs: 90_000,
    }).done;
    expect({ text: run.text, code: run.code }).toEqual({ text: run.text, code: 0 });
    // One rollback through the action, not cancelled, to aim the kills; then forward again.
    const step = rollbackStep('previous');
    const result = await step.done;
    expect({ text: step.text, code: result.code, result: step.outputs().result }).toEqual({
      text: step.text,
      code: 0,
      result: 'rolled-back',
    });
    timing.start = (step.lines.find((l) => /Take the deploy lock/.test(l.text))?.at ?? step.started) - step.started;
    timing.end = result.ms;
  }, 180_000);

  afterAll(() => fx.clean(HOSTS.map((n) => fx.host(n))), 60_000);

  function rollbackStep(to: string): ActionStep {
    return startAction(
      'actions/rollback',
      {
        config: path.join(fx.dir, 'aviary.yml'),
        to,
        'report-file': path.join(fx.dir, 'report.json'),
        summary: 'false',
      },
      {},
      { limitMs: 90_000 },
    );
  }

  (post ? test.each(range(COUNT.rollback)) : test.skip.each(range(COUNT.rollback)))(
    'SIGKILL at a random instant of a rollback, then its post step: every host on a healthy recorded version (%i)',
    async (n) => {
      const seed = SEED + 200_003 + n * 7919;
      const rng = prng(seed);
      let kill: Kill | undefined;
      for (let attempt = 1; attempt <= ATTEMPTS && !kill?.landed; attempt++) {
        const shrink = 0.6 ** (attempt - 1);
        const at = timing.start + rng() * (timing.end - timing.start) * shrink;
        const termAfterMs = rng() < 0.5 ? undefined : Math.floor(rng() * 300 * shrink);
        const killAfterMs = Math.floor(rng() * 300 * shrink);
        // On v1 (a first deploy, nothing before it) the rollback goes to v2 by name; on v2, to `previous`.
        const to = (await majority(fx, HOSTS)) === 'v2' ? 'previous' : images.v2;
        const main = rollbackStep(to);
        kill = await killAndRepair(
          'rollback',
          n,
          seed,
          attempt,
          fx,
          HOSTS,
          ['v1', 'v2'],
          main,
          async (m) => {
            await m.reach(/rolling back|deploying/);
            await sleep(Math.max(0, at - (Date.now() - m.started)));
          },
          { termAfterMs, killAfterMs },
        );
        if (kill.problems.length) break;
      }
      await expectLandedAndRepaired(kill!, async () => {
        await reset(fx, HOSTS, images.v1);
        await startCli(['deploy', '--config', path.join(fx.dir, 'aviary.yml'), '--image', images.v2], {
          limitMs: 90_000,
        }).done;
      });
    },
    120_000,
  );
});

// ---------------------------------------------------------------- the all-in-one root action

describe('the all-in-one root action', () => {
  const fx = new DeployFixture('ck-all', 18712);
  const HOSTS = ['h1', 'h5', 'h7'];
  const context = path.join(fx.dir, 'app');
  const timing = { batch: 0, end: 0 };

  beforeAll(async () => {
    config(fx, HOSTS);
    fs.mkdirSync(context, { recursive: true });
    fs.writeFileSync(
      path.join(context, 'Dockerfile'),
      [
        `FROM ${fx.fleet.registry.plain}/${fx.fleet.baseImage}`,
        'ARG VERSION',
        'RUN mkdir -p /www && echo $VERSION > /www/version && echo ok > /www/health',
        `CMD ["sh", "-c", "trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait"]`,
      ].join('\n') + '\n',
    );
    await fx.clean(HOSTS.map((n) => fx.host(n)));
    // A first run through the root action (build, push, deploy), not cancelled: how long it takes.
    const step = allStep('a');
    const result = await step.done;
    expect({ text: step.text, code: result.code, result: step.outputs().result }).toEqual({
      text: step.text,
      code: 0,
      result: 'deployed',
    });
    timing.batch = (step.lines.find((l) => /Batch 1\//.test(l.text))?.at ?? step.started) - step.started;
    timing.end = result.ms;
  }, 180_000);

  afterAll(() => fx.clean(HOSTS.map((n) => fx.host(n))), 60_000);

  /** The root action as a workflow calls it: a repository in `image`, the tags from the commit. */
  function allStep(version: string): ActionStep {
    const sha = (version === 'a' ? 'a' : 'b').repeat(40);
    return startAction(
      '.',
      {
        context,
        image: fx.repository,
        'build-args': `VERSION=${version}`,
        config: path.join(fx.dir, 'aviary.yml'),
        'report-file': path.join(fx.dir, 'report.json'),
        summary: 'false',
      },
      {
        GITHUB_SHA: sha,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_REPOSITORY: 'acme/ck',
        GITHUB_SERVER_URL: 'https://github.com',
        DOCKER_HOST: 'unix:///var/run/docker.sock',
      },
      { limitMs: 120_000 },
    );
  }

  test.each(range(COUNT.all))(
    "SIGKILL at a random instant of its rollout, then its post step (runs.post of action.yml, with the root action's inputs): every host on a healthy recorded version (%i)",
    async (n) => {
      const seed = SEED + 300_007 + n * 7919;
      const rng = prng(seed);
      let kill: Kill | undefined;
      for (let attempt = 1; attempt <= ATTEMPTS && !kill?.landed; attempt++) {
        const shrink = 0.6 ** (attempt - 1);
        const after = rng() * (timing.end - timing.batch) * shrink;
        const termAfterMs = rng() < 0.5 ? undefined : Math.floor(rng() * 300 * shrink);
        const killAfterMs = Math.floor(rng() * 300 * shrink);
        const version = (await majority(fx, HOSTS)) === 'a' ? 'b' : 'a';
        const main = allStep(version);
        kill = await killAndRepair(
          'all-in-one',
          n,
          seed,
          attempt,
          fx,
          HOSTS,
          ['a', 'b'],
          main,
          async (m) => {
            await m.reach(/Batch 1\//);
            await sleep(after);
          },
          { termAfterMs, killAfterMs },
        );
        if (kill.problems.length) break;
      }
      await expectLandedAndRepaired(kill!, async () => {
        await fx.clean(HOSTS.map((h) => fx.host(h)));
        await allStep('a').done;
      });
    },
    150_000,
  );
});
