// The deploy lock under faults, on the real fleet: a run that outlives its lock-timeout while alive,
// and a run killed mid-swap whose lock a user then removes with `aviary unlock`. The CLI runs as a
// child process (dist/cli.js, or AVIARY_FAULT_DIST).
import * as path from 'node:path';
import { DeployFixture } from '../support/deploy-fixture';
import { CliRun, containersOf, deployWith, hostEntry, hostProblems, onHostEvent, runCli } from '../support/faults';

const fx = new DeployFixture('t-fault-lock', 18230);
const HOSTS = ['h1', 'h4', 'h5'];
const images: Record<string, string> = {};

function writeConfig(extra: Record<string, unknown> = {}): void {
  fx.writeConfig(
    { web: { hosts: HOSTS.map((n) => hostEntry(fx.fleet, n)) } },
    {
      container: { ports: [`${fx.port}:8080`], 'stop-timeout': '2s' },
      strategy: { batches: [1, 1, '100%'], keep: 2 },
      health: {
        http: { path: '/health', port: fx.port, body: 'ok' },
        interval: '200ms',
        timeout: '1s',
        'healthy-threshold': 2,
        'unhealthy-threshold': 2,
        deadline: '8s',
      },
      ...extra,
    },
  );
}

beforeEach(async () => {
  await fx.clean(HOSTS.map((n) => fx.host(n)));
  writeConfig();
  if (!images.v1)
    [images.v1, images.v2, images.v3] = await Promise.all([fx.image('v1'), fx.image('v2'), fx.image('v3')]);
  const { report } = await deployWith(fx, images.v1);
  expect({ result: report.result, error: report.error }).toEqual({ result: 'deployed', error: undefined });
}, 180_000);

afterAll(() => fx.clean(HOSTS.map((n) => fx.host(n))), 60_000);

test('a run that outlives its lock-timeout while alive keeps its lock: a second deploy is refused', async () => {
  // lock-timeout 2s, and a rollout of ≥ 3 s (two pauses of 1.5 s).
  writeConfig({ 'lock-timeout': '2s', strategy: { batches: [1, 1, '100%'], pause: '1500ms', keep: 2 } });
  const first = runCli(fx, images.v2);
  await first.reach(/^▸ Take the deploy lock/);
  const locked = Date.now();
  await first.reach(/^▸ Batch 2\//);
  await new Promise((r) => setTimeout(r, Math.max(0, 2_500 - (Date.now() - locked))));
  const second = await runCli(fx, images.v3).done;
  const done = await first.done;
  const context = `--- first run (v2):\n${done.text}\n--- second run (v3), started ${Date.now() - locked} ms after the lock:\n${second.text}`;

  expect({ context, second: second.code, first: done.code }).toEqual({ context, second: 1, first: 0 });
  expect(second.text).toMatch(
    /t-fault-lock is being deployed by .*; wait for it \(lock-wait\), or use force-unlock if that run is gone/,
  );
  expect({ context, problems: await hostProblems(fx, HOSTS, ['v2']) }).toEqual({ context, problems: [] });
}, 120_000);

test('a run killed mid-swap, its lock then removed with `aviary unlock`: the next deploy repairs what it left', async () => {
  // SIGKILL the run the moment h1's engine stops the old container: h1 is left mid-swap.
  let first: CliRun | undefined;
  const events = await onHostEvent(
    fx.host('h1').docker,
    { event: ['kill'], label: [`aviary.service=${fx.service}`] },
    () => first?.signal('SIGKILL'),
  );
  try {
    first = runCli(fx, images.v2);
    expect((await first.done).signal).toBe('SIGKILL');
  } finally {
    events.stop();
  }
  expect((await containersOf(fx, ['h1'], first.deployment!)).length).toBeGreaterThan(0);

  const unlock = await new CliRun(['unlock', '--config', path.join(fx.dir, 'aviary.yml')]).done;
  expect(unlock.text.match(/took over the deploy lock of .*force-unlock was given/g)).toHaveLength(3);
  const second = await runCli(fx, images.v2).done;
  const context = `--- unlock:\n${unlock.text}\n--- second run:\n${second.text}`;
  expect({ context, code: second.code }).toEqual({ context, code: 0 });
  // Every host on v2, and nothing of the killed run left but kept old containers.
  expect({ context, problems: await hostProblems(fx, HOSTS, ['v2']) }).toEqual({ context, problems: [] });
  const left = (await containersOf(fx, HOSTS, first.deployment!)).filter((c) => !/\.old-/.test(c));
  expect({ context, left }).toEqual({ context, left: [] });
}, 120_000);
