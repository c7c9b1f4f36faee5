// The controller's connections to the real fleet's engines close when idle and reopen on the next
// call (src/hosts/idle.ts): a keep-alive socket (tcp, TLS) after SOCKET_IDLE_MS; an SSH session stays
// open for the run (the lock heartbeat needs it); a silent request in flight is not cut; a reconnect
// that fails fails as a first connect would. Open connections are counted as the kernel sees them (ss).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import {
  closeConnections,
  connectHost,
  connectHosts,
  ConnectOptions,
  Connection,
  reasonOf,
} from '../../src/hosts/connect';
import { idleSockets, SOCKET_IDLE_MS } from '../../src/hosts/idle';
import { HostSpec } from '../../src/hosts/types';
import { RunError } from '../../src/errors';
import { MemoryLogger } from '../support/memory-logger';
import { DeployFixture } from '../support/deploy-fixture';
import { Fleet, FleetHost, loadFleet } from '../support/fleet';
import { endpoint } from '../support/endpoint';
import { follow } from '../support/images';
import { streamEnd } from '../support/streams';

const fleet: Fleet = loadFleet();
const read = (p: string) => fs.readFileSync(p, 'utf8');
const tls = { ca: read(fleet.tls.ca), cert: read(fleet.tls.cert), key: read(fleet.tls.key), verify: true };
const ssh = { sshKey: read(fleet.ssh.key), knownHosts: read(fleet.ssh.knownHosts) };
const byName = (n: string) => fleet.hosts.find((h) => h.name === n)!;
const plainHost = byName('h1');
const tlsHost = fleet.hosts.find((h) => h.tls)!;
const sshHost = fleet.hosts.find((h) => h.ssh)!;
const otherSshHost = [...fleet.hosts].reverse().find((h) => h.ssh)!;
const base: ConnectOptions = { parallel: 8, timeoutMs: 10_000 };
const opened: Connection[] = [];
const servers: net.Server[] = [];
const observed: string[] = [];
const fx = new DeployFixture('ic-web', 18975);

function spec(h: FleetHost, docker: string, extra: Partial<HostSpec> = {}): HostSpec {
  return { name: `ic-${h.name}`, group: 'test', endpoint: endpoint(docker), address: h.address, ...extra };
}

async function connect(
  host: HostSpec,
  options: Partial<ConnectOptions> = {},
  log = new MemoryLogger(),
): Promise<Connection> {
  const c = await connectHost(host, { ...base, ...options }, log);
  opened.push(c);
  return c;
}

/** This process's established TCP connections to address:port, from the kernel's table. */
function openTo(address: string, port: number): number {
  const out = execFileSync('ss', ['-tnpH', 'state', 'established', 'dst', `${address}:${port}`], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(`pid=${process.pid},`)).length;
}

/** Polls `count` every 50 ms until it is `want`; returns the ms it took, or throws after `withinMs`. */
async function until(count: () => number, want: number, withinMs: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const n = count();
    if (n === want) return Date.now() - t0;
    if (Date.now() - t0 > withinMs)
      throw new Error(`still ${n} open connections after ${withinMs} ms (expected ${want})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A TCP forwarder on 127.0.0.1 whose target can be changed or which can stop listening. */
async function forwarder(target: {
  host: string;
  port: number;
}): Promise<{ port: number; target: typeof target; server: net.Server; drop: () => void }> {
  const state = { target, port: 0, server: undefined as unknown as net.Server, drop: () => undefined as void };
  const pipes = new Set<net.Socket>();
  // Cuts every connection it forwards now, as a network failure would (a lost SSH session).
  state.drop = () => pipes.forEach((p) => p.destroy());
  const server = net.createServer((client) => {
    const upstream = net.connect(state.target);
    pipes.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.port = (server.address() as net.AddressInfo).port;
  state.server = server;
  return state;
}

afterAll(async () => {
  closeConnections(opened);
  await fx.clean([fx.host('h1'), fx.host(sshHost.name)]);
  for (const s of servers) s.close();
  console.log(observed.join('\n'));
});

describe.each([
  ['plain tcp', () => spec(plainHost, plainHost.tcp!), {}, plainHost.address, 2375, SOCKET_IDLE_MS],
  ['TLS', () => spec(tlsHost, tlsHost.tls!, { tls }), {}, tlsHost.address, 2376, SOCKET_IDLE_MS],
] as const)('%s', (label, host, options, address, port, idleMs) => {
  test('the connection closes after the idle time, and the next call opens a new one', async () => {
    const log = new MemoryLogger();
    const c = await connect(host(), options, log);
    await Promise.all([c.docker.listContainers(), c.docker.ping(), c.docker.info()]);
    const t0 = Date.now(); // idle from here (counting with ss forks this process: slow under load)
    const afterCalls = openTo(address, port);
    expect(afterCalls).toBeGreaterThanOrEqual(1);
    await until(() => openTo(address, port), 0, idleMs + 3000);
    const closedAfter = Date.now() - t0;
    expect(closedAfter).toBeGreaterThanOrEqual(idleMs - 500);
    const ping = async () => {
      const c0 = process.cpuUsage();
      const t1 = performance.now();
      expect(await c.docker.ping()).toBeTruthy();
      const cpu = process.cpuUsage(c0);
      return `${(performance.now() - t1).toFixed(1)} ms (${((cpu.user + cpu.system) / 1000).toFixed(1)} ms CPU)`;
    };
    const reconnect = await ping();
    expect(openTo(address, port)).toBe(1);
    const reused = await ping();
    expect(openTo(address, port)).toBe(1);
    observed.push(
      `${label}: ${afterCalls} open after 3 concurrent calls, 0 after ${closedAfter} ms idle (idle time ${idleMs} ms); ` +
        `a ping then took ${reconnect} on a new connection, the next ${reused} on it; 1 open`,
    );
  }, 30_000);

  test('a silent request through `untimed` outlives the idle time; through `docker` it is still cut after requestTimeoutMs', async () => {
    const c = await connect(host(), { ...options, requestTimeoutMs: 1500 });
    // The events stream answers at once, then stays silent while nothing happens to that container.
    const quiet = { filters: { container: ['ic-none'] } };
    const untimed = await c.untimed.getEvents(quiet);
    const open = await streamEnd(untimed, idleMs + 2000);
    const during = openTo(address, port);
    expect(open).toBe('open');
    expect(during).toBeGreaterThanOrEqual(1);
    (untimed as unknown as { destroy(): void }).destroy();
    const t = Date.now();
    const timed = await c.docker.getEvents(quiet).then(
      (s) => streamEnd(s, 6000),
      () => 'cut before answering',
    );
    expect(timed).not.toBe('open');
    expect(Date.now() - t).toBeLessThan(6000);
    observed.push(
      `${label}: an untimed events stream silent for ${idleMs + 2000} ms stayed open (${during} connection(s) open meanwhile); ` +
        `through \`docker\` (requestTimeoutMs 1500) it was ${timed} after ${Date.now() - t} ms`,
    );
    expect(await c.docker.ping()).toBeTruthy();
  }, 30_000);
});

test('an SSH session stays open past the idle time: a heartbeat round must not pay a handshake per host', async () => {
  const c = await connect(spec(sshHost, sshHost.ssh!), ssh);
  expect(await c.docker.ping()).toBeTruthy();
  expect(openTo(sshHost.address, 22)).toBe(1);
  await new Promise((r) => setTimeout(r, SOCKET_IDLE_MS + 1500));
  expect(openTo(sshHost.address, 22)).toBe(1);
  const t = performance.now();
  expect(await c.docker.ping()).toBeTruthy();
  expect(openTo(sshHost.address, 22)).toBe(1);
  observed.push(
    `SSH: the session was still open after ${SOCKET_IDLE_MS + 1500} ms idle; a ping on it took ${(performance.now() - t).toFixed(1)} ms`,
  );
}, 30_000);

test('a container wait over SSH longer than the idle time returns the exit code', async () => {
  const c = await connect(spec(sshHost, sshHost.ssh!), ssh);
  const image = `${fleet.registry.plain}/${fleet.baseImage}`;
  const name = `ic-wait-${process.pid}`;
  const cmd = ['sh', '-c', `sleep ${Math.ceil(SOCKET_IDLE_MS / 1000) + 2}; exit 3`];
  // A fresh fleet's host has no image yet (this file may run first).
  await follow(c.untimed, await c.untimed.pull(image), `pull ${image}`);
  const container = await c.untimed.createContainer({ name, Image: image, Cmd: cmd });
  try {
    await container.start();
    const t = Date.now();
    const result = await c.untimed.getContainer(container.id).wait();
    expect(result.StatusCode).toBe(3);
    expect(Date.now() - t).toBeGreaterThan(SOCKET_IDLE_MS);
  } finally {
    await c.docker.getContainer(container.id).remove({ force: true });
  }
}, 30_000);

describe('a reconnect that fails fails as a first connect does', () => {
  test('tcp: the engine stopped listening', async () => {
    const fwd = await forwarder({ host: plainHost.address, port: 2375 });
    const c = await connect(spec(plainHost, `tcp://127.0.0.1:${fwd.port}`));
    await until(() => openTo('127.0.0.1', fwd.port), 0, SOCKET_IDLE_MS + 3000);
    await new Promise((r) => fwd.server.close(r));
    const err = await c.docker.ping().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(reasonOf(Object.assign(err as object, { endpoint: c.host.endpoint }))).toBe(
      `nothing listens on 127.0.0.1:${fwd.port}`,
    );
  }, 30_000);

  test("SSH: a lost session is reopened on the next call, the host key checked again: a changed one is refused with the first connect's message", async () => {
    const fwd = await forwarder({ host: sshHost.address, port: 22 });
    const key = ssh.knownHosts
      .split('\n')
      .find((l) => l.startsWith(`${sshHost.address} `))!
      .split(/\s+/)
      .slice(1)
      .join(' ');
    const knownHosts = `[127.0.0.1]:${fwd.port} ${key}\n`;
    const host = spec(sshHost, `ssh://root@127.0.0.1:${fwd.port}`, { name: 'ic-moved' });
    const c = await connect(host, { ...ssh, knownHosts });
    expect(await c.docker.ping()).toBeTruthy();
    fwd.drop();
    await until(() => openTo('127.0.0.1', fwd.port), 0, 3000);
    await new Promise((r) => setTimeout(r, 200)); // the session's 'close' reaches the transport
    // Another machine now answers at that address: its key is not the one known.
    fwd.target = { host: otherSshHost.address, port: 22 };
    const err = await c.docker.ping().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeDefined();
    const midRun = reasonOf(err);
    let first = '';
    try {
      closeConnections(await connectHosts([host], { ...base, ...ssh, knownHosts }, new MemoryLogger()));
    } catch (e) {
      expect(e).toBeInstanceOf(RunError);
      first = (e as Error).message;
    }
    expect(first).toContain(`ic-moved (ssh://root@127.0.0.1:${fwd.port}): ${midRun}`);
    expect(midRun).toMatch(/host key/i);
    observed.push(`SSH reconnect to a changed host key: ${midRun}`);
  }, 40_000);
});

test('a run over more hosts than `parallel` keeps at most `parallel` idle connections, not one per host', async () => {
  const tcpHosts = fleet.hosts.filter((h) => h.tcp);
  // 24 hosts as a rollout sees them (two names per engine, each its own connection), 8 at once.
  const specs = Array.from({ length: 24 }, (_, i) => {
    const h = tcpHosts[i % tcpHosts.length];
    return spec(h, h.tcp!, { name: `ic-many-${i}` });
  });
  const connections = await connectHosts(specs, { ...base, parallel: 8 }, new MemoryLogger());
  opened.push(...connections.values());
  const count = () => tcpHosts.reduce((n, h) => n + openTo(h.address, 2375), 0);
  const rightAfter = count();
  expect(rightAfter).toBeLessThanOrEqual(8);
  expect(idleSockets.idleCount).toBeLessThanOrEqual(8);
  await Promise.all([...connections.values()].map((c) => c.docker.ping()));
  const afterPings = count();
  expect(afterPings).toBeLessThanOrEqual(8);
  await until(count, 0, SOCKET_IDLE_MS + 3000);
  observed.push(
    `24 hosts connected 8 at once: ${rightAfter} connections open right after (one per host before idle closing), ` +
      `${afterPings} after one ping each, 0 after the idle time`,
  );
}, 30_000);
