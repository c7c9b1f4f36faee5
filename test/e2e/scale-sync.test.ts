// sync and retire on real hosts: a host that joins a group gets the version the group runs (read
// from the other hosts' records, pinned by digest), the hosts that run it keep their containers;
// retire drains and removes the service, its kept containers and records from the named host only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoryLogger } from '../support/memory-logger';
import { DeploySettings } from '../../src/deploy';
import { sync } from '../../src/ops/sync';
import { retire } from '../../src/ops/retire';
import { DeployFixture, HostRef } from '../support/deploy-fixture';

const fx = new DeployFixture('sg-sync', 18910);
let a: HostRef, b: HostRef, c: HostRef;
let v1: string, v2: string;

const settings = (extra: Partial<DeploySettings> = {}): DeploySettings => ({
  configPath: path.join(fx.dir, 'aviary.yml'),
  overrides: {},
  dryRun: false,
  forceUnlock: false,
  registry: {},
  ssh: { hostKeyCheck: true },
  ...extra,
});
const hooks = () => ({
  'before-stop': { command: ['sh', '-c', `echo "drain $AVIARY_HOST" >> ${fx.dir}/hooks.log`] },
  // While the new host is checked: is the lock also held on a host that is left alone (h4)?
  'after-healthy': {
    command: [
      'sh',
      '-c',
      `echo "lock on h4: $(docker -H tcp://10.210.0.14:2375 ps -aq --filter 'name=^/aviary-lock.sg-sync$' | wc -l)" >> ${fx.dir}/hooks.log`,
    ],
  },
});

beforeAll(async () => {
  [a, b, c] = [fx.host('h4'), fx.host('h5'), fx.host('h6')];
  await fx.clean([a, b, c]);
  [v1, v2] = await Promise.all([fx.image('v1'), fx.image('v2')]);
  fx.writeConfig({ web: [a.endpoint, b.endpoint] });
  for (const image of [v1, v2]) expect((await fx.deploy(image)).report.result).toBe('deployed');
}, 180_000);

afterAll(() => fx.clean([a, b, c]));

test('a host that joins gets the version the group runs; the others are not touched', async () => {
  fx.writeConfig({ web: { hosts: [a.endpoint, b.endpoint, c.endpoint], hooks: hooks() } });
  const before = [await fx.containers(a), await fx.containers(b)];

  const plan = new MemoryLogger();
  const planned = await sync(settings({ dryRun: true }), plan);
  expect(planned.result).toBe('planned');
  expect(planned.groups[0].steps.map((s) => [s.host, s.change])).toEqual(
    [
      ['10.210.0.14', false],
      ['10.210.0.15', false],
      ['10.210.0.16', true],
    ].map(([h, ch]) => [expect.stringContaining(String(h)), ch]),
  );
  expect(planned.groups[0].steps[2].reason).toMatch(/runs nothing/);
  expect(planned.groups[0].target!.image).toMatch(/^10\.210\.0\.2:5000\/sg-sync\/app@sha256:[a-f0-9]{64}$/);
  expect(await fx.containers(c)).toEqual([]); // the dry run changed nothing

  const log = new MemoryLogger();
  const result = await sync(settings(), log);
  expect({ result: result.result, error: result.error }).toEqual({ result: 'synced', error: undefined });
  expect(await Promise.all([a, b, c].map((h) => fx.version(h)))).toEqual(['v2', 'v2', 'v2']);
  expect([await fx.containers(a), await fx.containers(b)]).toEqual(before);
  // The hosts the version was read from stay locked while the new one gets it.
  expect(fs.readFileSync(path.join(fx.dir, 'hooks.log'), 'utf8')).toContain('lock on h4: 1');
  const report = result.groups[0].report!;
  expect(report.hosts.map((h) => [h.name, h.result])).toEqual([[expect.stringContaining('10.210.0.16'), 'updated']]);

  // Run again: nothing to do.
  const again = await sync(settings(), new MemoryLogger());
  expect(again.result).toBe('in-sync');
}, 120_000);

test('retire removes the service, its kept containers and records from the named host only', async () => {
  // c gets a kept container too: v1 then v2 again.
  fx.writeConfig({ web: { hosts: [a.endpoint, b.endpoint, c.endpoint], hooks: hooks() } });
  expect((await fx.deploy(v1, { overrides: { image: v1, groups: [] } })).report.result).toBe('deployed');
  expect((await fx.deploy(v2)).report.result).toBe('deployed');
  expect((await fx.containers(c)).length).toBeGreaterThan(1);
  const before = [await fx.containers(a), await fx.containers(b)];
  const name = (await sync(settings({ dryRun: true }), new MemoryLogger())).groups[0].steps[2].host;

  await expect(retire(settings(), ['nope'], new MemoryLogger())).rejects.toThrow(
    /input hosts: "nope" is not a host of web/,
  );
  await expect(retire(settings(), [], new MemoryLogger())).rejects.toThrow(/input hosts: empty/);

  const log = new MemoryLogger();
  const result = await retire(settings(), [name], log);
  expect(result.ok).toBe(true);
  expect(result.hosts[0].removed.length).toBeGreaterThan(1);
  expect(await fx.containers(c)).toEqual([]);
  const records = (await c.docker.listContainers({ all: true })).filter(
    (x) => x.Labels?.['aviary.record.service'] === fx.service,
  );
  expect(records).toEqual([]);
  expect([await fx.containers(a), await fx.containers(b)]).toEqual(before);
  expect(fs.readFileSync(path.join(fx.dir, 'hooks.log'), 'utf8')).toContain(`drain ${name}`);
  expect(await fx.version(c)).toMatch(/unreachable/);
}, 120_000);

test('sync refuses when no host runs a healthy version, naming each host', async () => {
  fx.writeConfig({ web: [c.endpoint] });
  const result = await sync(settings(), new MemoryLogger());
  expect(result.result).toBe('failed');
  expect(result.error).toMatch(
    /no host runs a healthy recorded version of sg-sync to copy \(\S+: nothing\); name the version/,
  );
}, 60_000);

test("hosts from a program (an autoscaling group's list): the host that appears in it gets the version", async () => {
  const list = path.join(fx.dir, 'hosts.txt');
  fs.writeFileSync(list, `# the group's instances\n${a.address}\n${b.address}\n`);
  fx.writeConfig({ web: { hosts: { command: ['cat', list] } } });
  expect((await sync(settings(), new MemoryLogger())).result).toBe('in-sync');

  fs.appendFileSync(list, `${c.address}\n`);
  const log = new MemoryLogger();
  const result = await sync(settings(), log);
  expect({ result: result.result, error: result.error }).toEqual({ result: 'synced', error: undefined });
  expect(log.text).toMatch(/web: 3 hosts from command/);
  expect(result.groups[0].steps.map((st) => [st.host, st.change])).toEqual([
    [a.address, false],
    [b.address, false],
    [c.address, true],
  ]);
  expect(await fx.version(c)).toBe('v2');

  // The instance is going away: retire it by the name the program gives it.
  expect((await retire(settings(), [c.address], new MemoryLogger())).ok).toBe(true);
  expect(await fx.containers(c)).toEqual([]);
}, 120_000);

test('a new host where the version fails its health check is rolled back to running nothing; the others are untouched', async () => {
  const flaky = await fx.image('flaky', { failWhenFlagged: true });
  const container = { ports: [`${fx.port}:8080`], 'stop-timeout': '2s', volumes: ['sg-sync-flags:/flags'] };
  fx.writeConfig({ web: [a.endpoint, b.endpoint] }, { container });
  expect((await fx.deploy(flaky)).report.result).toBe('deployed');
  await fx.flag(c, 'sg-sync-flags', 'broken');
  fx.writeConfig({ web: [a.endpoint, b.endpoint, c.endpoint] }, { container });
  const before = [await fx.containers(a), await fx.containers(b)];

  const result = await sync(settings(), new MemoryLogger());
  expect(result.result).toBe('failed');
  expect(result.error).toMatch(/^group web: rolled-back: .*10\.210\.0\.16.*404/s);
  expect(result.groups[0].report!.hosts.map((h) => h.result)).toEqual(['rolled-back']);
  expect(await fx.containers(c)).toEqual([]);
  expect([await fx.containers(a), await fx.containers(b)]).toEqual(before);
  expect(await Promise.all([a, b].map((h) => fx.version(h)))).toEqual(['flaky', 'flaky']);
}, 120_000);
