// maintain on the fleet's SSH hosts (h3, h7): a command that really restarts each host's Docker
// engine through SSH, in canary batches with drain hooks; the service (restart: "no", so the
// engine comes back without it) is started again and health-checked. And commands that fail on
// one host: the wave stops there, naming the host and the command's output, by aviary's rule.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { DeploySettings } from '../../src/deploy';
import { MemoryLogger } from '../support/memory-logger';
import { maintain, MAINTAIN_DEFAULTS, MaintainSettings } from '../../src/maintain/maintain';
import { DeployFixture, HostRef } from '../support/deploy-fixture';

const fx = new DeployFixture('sg-maint', 18920);
const FLEET = path.resolve(__dirname, '../../scripts/fleet');
let h3: HostRef, h7: HostRef;
const sshHost = (name: string) => {
  const h = fx.fleet.hosts.find((x) => x.name === name)!;
  return { name, docker: h.ssh!, address: h.address };
};
const ssh = () => ({
  key: fs.readFileSync(fx.fleet.ssh.key, 'utf8'),
  knownHosts: fs.readFileSync(fx.fleet.ssh.knownHosts, 'utf8'),
  hostKeyCheck: true,
});
const settings = (extra: Partial<DeploySettings> = {}): DeploySettings => ({
  configPath: path.join(fx.dir, 'aviary.yml'),
  overrides: {},
  dryRun: false,
  forceUnlock: false,
  registry: {},
  ssh: ssh(),
  ...extra,
});
const m = (command: string, extra: Partial<MaintainSettings> = {}): MaintainSettings => ({
  ...MAINTAIN_DEFAULTS,
  command,
  hosts: [],
  engineTimeoutMs: 90_000,
  ...extra,
});
const hookLog = () => path.join(fx.dir, 'hooks.log');
const enginePid = (name: string) => fs.readFileSync(path.join(fx.fleet.dir, name, 'docker.pid'), 'utf8').trim();

function config(extra: Record<string, unknown> = {}) {
  fx.writeConfig(
    {
      web: {
        hosts: [sshHost('h3'), sshHost('h7')],
        hooks: {
          'before-stop': { command: ['sh', '-c', `echo "drain $AVIARY_HOST" >> ${hookLog()}`] },
          'after-healthy': { command: ['sh', '-c', `echo "undrain $AVIARY_HOST" >> ${hookLog()}`] },
        },
      },
    },
    {
      container: { ports: [`${fx.port}:8080`], 'stop-timeout': '2s', restart: 'no' },
      strategy: { batches: [1, '100%'], keep: 1 },
      ...extra,
    },
  );
}

beforeAll(async () => {
  [h3, h7] = [fx.host('h3'), fx.host('h7')];
  await fx.clean([h3, h7]);
  config();
  const v1 = await fx.image('v1');
  expect((await fx.deploy(v1, { ssh: ssh() })).report.result).toBe('deployed');
}, 180_000);

afterAll(async () => {
  // Whatever happened above, the two engines answer again before the next test file runs.
  for (const h of ['h3', 'h7']) execFileSync(FLEET, ['start-engine', h], { stdio: 'ignore', timeout: 120_000 });
  await fx.clean([h3, h7]);
}, 180_000);

test("a command that restarts each host's engine through SSH, host by host; the service is started again and healthy", async () => {
  fs.writeFileSync(hookLog(), '');
  const pids = [enginePid('h3'), enginePid('h7')];
  const log = new MemoryLogger();
  // The SSH session of a fleet host has DOCKER_HOST=unix://<state>/hN/docker.sock; restart-engine sits beside it.
  const result = await maintain(settings(), m('"$(dirname "${DOCKER_HOST#unix://}")/restart-engine"'), log);
  expect({ result: result.result, error: result.error }).toEqual({ result: 'done', error: undefined });
  expect(result.batches.map((b) => b.hosts)).toEqual([['h3'], ['h7']]);
  expect([enginePid('h3'), enginePid('h7')].map((p, i) => p !== pids[i])).toEqual([true, true]); // really restarted
  expect(result.hosts.map((h) => [h.host, h.result, h.startedService])).toEqual([
    ['h3', 'done', true],
    ['h7', 'done', true],
  ]);
  expect(result.hosts[0].command!.output).toMatch(/the engine of h3 answers/);
  expect(await Promise.all([h3, h7].map((h) => fx.version(h)))).toEqual(['v1', 'v1']);
  expect(fs.readFileSync(hookLog(), 'utf8').trim().split('\n')).toEqual([
    'drain h3',
    'undrain h3',
    'drain h7',
    'undrain h7',
  ]);
  // The lock was released.
  const locks = (await h3.docker.listContainers({ all: true })).filter((c) =>
    c.Names.includes(`/aviary-lock.${fx.service}`),
  );
  expect(locks).toEqual([]);
}, 170_000);

test('a command that takes the host away under its session (as a reboot does): aviary waits for the engine to go and come back', async () => {
  const pid = enginePid('h7');
  // The session's sshd is killed at once; a second later, detached, the engine restarts.
  const reboot = `setsid sh -c 'sleep 1; exec "$(dirname "\${DOCKER_HOST#unix://}")/restart-engine"' >/dev/null 2>&1 </dev/null & sleep 0.2; kill -9 $PPID`;
  const log = new MemoryLogger();
  const result = await maintain(settings(), m(reboot, { hosts: ['h7'] }), log);
  expect({ result: result.result, error: result.error }).toEqual({ result: 'done', error: undefined });
  expect(result.hosts[0]).toMatchObject({ host: 'h7', result: 'done', startedService: true, command: { lost: true } });
  expect(log.text).toMatch(/h7: the SSH session ended without an exit status/);
  expect(enginePid('h7')).not.toBe(pid);
  expect(await fx.version(h7)).toBe('v1');
}, 120_000);

const failOnH7 = 'case "$DOCKER_HOST" in *h7*) echo "apt: disk full on this host" >&2; exit 3;; esac; echo updated';
const failOnH3 = failOnH7.replace('*h7*', '*h3*');

test('a command that fails on one host stops the wave there, naming the host and its output; that host stays drained', async () => {
  fs.writeFileSync(hookLog(), '');
  const result = await maintain(settings(), m(failOnH7), new MemoryLogger());
  expect(result.result).toBe('stopped');
  expect(result.error).toMatch(
    /^maintenance stopped at h7 \(batch 2\/2; 1 failed host\(s\), max-unhealthy allows 0\): h7: `.*` exited with code 3 after .*; its output:\n {2}\| apt: disk full on this host$/,
  );
  expect(result.hosts.map((h) => h.result)).toEqual(['done', 'failed']);
  expect(fs.readFileSync(hookLog(), 'utf8').trim().split('\n')).toEqual(['drain h3', 'undrain h3', 'drain h7']);
}, 60_000);

test('a canary batch that fails entirely stops the wave within the budget; max-unhealthy 100% runs on every host', async () => {
  config({ strategy: { batches: [1, '100%'], keep: 1, 'max-unhealthy': 1 } });
  const within = await maintain(settings(), m(failOnH3), new MemoryLogger());
  expect(within.result).toBe('stopped');
  expect(within.error).toMatch(/^maintenance stopped at h3 \(batch 1\/2; every host of batch 1 failed\)/);
  expect(within.hosts.map((h) => h.result)).toEqual(['failed', 'skipped']);

  config({ strategy: { batches: [1, '100%'], keep: 1, 'max-unhealthy': '100%' } });
  const all = await maintain(settings(), m(failOnH3), new MemoryLogger());
  expect({ result: all.result, hosts: all.hosts.map((h) => h.result) }).toEqual({
    result: 'done',
    hosts: ['failed', 'done'],
  });
  config();
}, 60_000);

test('a gate that fails after the canary batch stops the wave: the next host is not touched', async () => {
  const asked: string[] = [];
  const server = http.createServer((req, res) => {
    asked.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ errors: 5 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  try {
    config({
      gates: [
        { name: 'errors', http: { url: `http://127.0.0.1:${port}/errors?hosts={{hosts}}`, path: 'errors' }, max: 0 },
      ],
    });
    fs.writeFileSync(hookLog(), '');
    const result = await maintain(settings(), m('true'), new MemoryLogger());
    expect(result.result).toBe('stopped');
    expect(result.error).toMatch(/^maintenance stopped after batch 1\/2: .*errors/);
    expect(result.hosts.map((h) => h.result)).toEqual(['done', 'skipped']);
    expect(asked).toEqual(expect.arrayContaining(['/errors?hosts=h3']));
    expect(fs.readFileSync(hookLog(), 'utf8').trim().split('\n')).toEqual(['drain h3', 'undrain h3']);
  } finally {
    server.close();
    config();
  }
}, 60_000);

test('bad input is refused before any host is touched', async () => {
  await expect(maintain(settings(), m('  '), new MemoryLogger())).rejects.toThrow(/input command: empty/);
  await expect(maintain(settings(), m('true', { hosts: ['h9'] }), new MemoryLogger())).rejects.toThrow(
    /input hosts: "h9" is not a host of web/,
  );
});
