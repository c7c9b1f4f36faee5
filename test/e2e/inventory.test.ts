// Dynamic inventory against a real DNS server: Debian's dnsmasq, started here on the test fleet's
// network (the bridge's own address, 10.210.0.1, where every host can reach it) with records that
// point at fleet hosts h4 and h5. A group resolved from A records and one from SRV
// records are planned and deployed to those two hosts; a name that does not exist and a server
// that never answers fail the run before any host is touched, naming the group and the source.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as dgram from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { DeployFixture, HostRef } from '../support/deploy-fixture';
import { freePort, waitFor } from '../support/monitoring';
import { InputError } from '../../src/errors';

const SERVICE = 'gi-inventory';
const PORT = 18320;
const fx = new DeployFixture(SERVICE, PORT);
let h4: HostRef;
let h5: HostRef;
let dns: { child: ChildProcess; server: string; output: string[] };
let v1: string;
let v2: string;

/** The fleet bridge's address in the root namespace (scripts/fleet: avbr0 holds 10.210.0.1/24). */
const BRIDGE = '10.210.0.1';

/** dnsmasq answering only for gi.test (no upstream, no /etc/hosts, nothing read from /etc). */
async function startDnsmasq(records: string[]): Promise<typeof dns> {
  const port = await freePort();
  const child = spawn(
    'dnsmasq',
    [
      '--keep-in-foreground',
      '--conf-file=/dev/null',
      '--pid-file=',
      '--user=root',
      '--no-resolv',
      '--no-hosts',
      `--listen-address=${BRIDGE}`,
      '--bind-interfaces',
      `--port=${port}`,
      '--local=/gi.test/',
      '--log-facility=-',
      ...records,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  child.stdout?.on('data', (b: Buffer) => output.push(b.toString()));
  child.stderr?.on('data', (b: Buffer) => output.push(b.toString()));
  const server = `${BRIDGE}:${port}`;
  const resolver = new Resolver({ timeout: 500, tries: 1 });
  resolver.setServers([server]);
  await waitFor(
    `dnsmasq on ${server}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`dnsmasq exited: ${output.join('')}`);
      return (await resolver.resolve4('web.gi.test')).length ? true : undefined;
    },
    10_000,
  );
  return { child, server, output };
}

beforeAll(async () => {
  h4 = fx.host('h4');
  h5 = fx.host('h5');
  await fx.clean([h4, h5]);
  dns = await startDnsmasq([
    `--host-record=web.gi.test,${h4.address}`,
    `--host-record=web.gi.test,${h5.address}`,
    `--host-record=h4.gi.test,${h4.address}`,
    `--host-record=h5.gi.test,${h5.address}`,
    '--srv-host=_docker._tcp.web.gi.test,h4.gi.test,2375',
    '--srv-host=_docker._tcp.web.gi.test,h5.gi.test,2375',
    // The fleet's SSH hosts (sshd on port 22, DOCKER_HOST set for the session).
    ...fx.fleet.hosts.filter((h) => h.ssh).map((h) => `--host-record=ssh.gi.test,${h.address}`),
  ]);
  [v1, v2] = await Promise.all([fx.image('v1'), fx.image('v2')]);
}, 120_000);

afterAll(async () => {
  dns?.child.kill('SIGTERM');
  await fx.clean([h4, h5]);
});

const byDns = (extra: Record<string, unknown> = {}) => ({
  web: { hosts: { dns: 'web.gi.test', server: dns.server, timeout: '2s', ...extra } },
});
const bySrv = () => ({ web: { hosts: { dns: '_docker._tcp.web.gi.test', record: 'SRV', server: dns.server } } });

test("plan shows the hosts a group's SRV records name, and changes nothing", async () => {
  fx.writeConfig(bySrv());
  const { report, log } = await fx.deploy(v1, { dryRun: true });
  expect(log.text).toMatch(
    new RegExp(
      `web: 2 hosts from dns SRV _docker\\._tcp\\.web\\.gi\\.test \\(server ${dns.server.replace(/\./g, '\\.')}\\) in [\\d.]+m?s: h4\\.gi\\.test \\(${h4.address.replace(/\./g, '\\.')}\\), h5\\.gi\\.test \\(${h5.address.replace(/\./g, '\\.')}\\)`,
    ),
  );
  expect(report.hosts.map((h) => h.name).sort()).toEqual(['h4.gi.test', 'h5.gi.test']);
  expect(log.text).toContain('h4.gi.test');
  expect(await fx.containers(h4)).toEqual([]);
  expect(await fx.containers(h5)).toEqual([]);
}, 60_000);

test('a deploy through a group resolved from A records reaches both hosts', async () => {
  fx.writeConfig(byDns({ port: 2375 }));
  const { report, log } = await fx.deploy(v1);
  expect(report.error ?? '').toBe('');
  expect(report.result).toBe('deployed');
  expect(log.text).toContain(`web: 2 hosts from dns A/AAAA web.gi.test (server ${dns.server})`);
  expect(report.hosts.map((h) => [h.name, h.result]).sort()).toEqual([
    [h4.address, 'updated'],
    [h5.address, 'updated'],
  ]);
  expect(await fx.version(h4)).toBe('v1');
  expect(await fx.version(h5)).toBe('v1');
}, 120_000);

test('a deploy through SRV records (each target at the port its record gives) moves both hosts on', async () => {
  fx.writeConfig(bySrv());
  const { report } = await fx.deploy(v2);
  expect(report.result).toBe('deployed');
  expect(report.hosts.map((h) => h.name).sort()).toEqual(['h4.gi.test', 'h5.gi.test']);
  expect(await fx.version(h4)).toBe('v2');
  expect(await fx.version(h5)).toBe('v2');
}, 120_000);

test("the group's transport: hosts found in DNS reached over SSH (plan)", async () => {
  const sshHosts = fx.fleet.hosts.filter((h) => h.ssh);
  expect(sshHosts.length).toBeGreaterThanOrEqual(2);
  fx.writeConfig({ web: { hosts: { dns: 'ssh.gi.test', server: dns.server, transport: 'ssh', user: 'root' } } });
  const { report, log } = await fx.deploy(v1, {
    dryRun: true,
    ssh: {
      key: fs.readFileSync(fx.fleet.ssh.key, 'utf8'),
      knownHosts: fs.readFileSync(fx.fleet.ssh.knownHosts, 'utf8'),
      hostKeyCheck: true,
    },
  });
  expect(report.error ?? '').toBe('');
  expect(log.text).toContain(`web: ${sshHosts.length} hosts from dns A/AAAA ssh.gi.test (server ${dns.server})`);
  expect(report.hosts.map((h) => h.name).sort()).toEqual(sshHosts.map((h) => h.address).sort());
  // Planned means connected: each engine answered over SSH (the plan reads what it runs).
  expect(log.text).toMatch(new RegExp(`${sshHosts[0].address.replace(/\./g, '\\.')}: runs `));
}, 60_000);

describe('a source that fails ends the run before any host is touched', () => {
  async function refused(groups: Record<string, object>): Promise<InputError> {
    fx.writeConfig(groups);
    const before = await Promise.all([fx.containers(h4), fx.containers(h5)]);
    const err = await fx.deploy(v1).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect(await Promise.all([fx.containers(h4), fx.containers(h5)])).toEqual(before);
    expect([await fx.version(h4), await fx.version(h5)]).toEqual(['v2', 'v2']);
    return err as InputError;
  }

  test('a name that does not exist', async () => {
    const err = await refused({ web: { hosts: { dns: 'nothing.gi.test', server: dns.server } } });
    expect(err.message).toBe(
      `groups.web.hosts: dns A/AAAA nothing.gi.test (server ${dns.server}) failed: no such name (NXDOMAIN) (ENOTFOUND); nothing was changed`,
    );
  }, 30_000);

  test('a name without records of the type asked for', async () => {
    const err = await refused({ web: { hosts: { dns: 'web.gi.test', record: 'AAAA', server: dns.server } } });
    expect(err.message).toContain(
      `groups.web.hosts: dns AAAA web.gi.test (server ${dns.server}) failed: no records of that type (ENODATA)`,
    );
  }, 30_000);

  test('a server that never answers: bounded by the timeout', async () => {
    // A UDP socket that reads queries and answers none: a DNS server that hangs.
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    const server = `127.0.0.1:${silent.address().port}`;
    try {
      const t0 = Date.now();
      const err = await refused({ web: { hosts: { dns: 'web.gi.test', server, timeout: '1s' } } });
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(err.message).toMatch(
        new RegExp(
          `^groups\\.web\\.hosts: dns A/AAAA web\\.gi\\.test \\(server ${server.replace(/\./g, '\\.')}\\) (gave no answer within 1s \\(timeout\\)|failed: no answer from the server \\(ETIMEOUT\\)); nothing was changed$`,
        ),
      );
    } finally {
      silent.close();
    }
  }, 30_000);
});
