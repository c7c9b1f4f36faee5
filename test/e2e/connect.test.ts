// Connecting to the real fleet's engines over every transport aviary supports, and the messages a
// user gets when a host cannot be reached (refused, silent, bad TLS, unknown SSH host key, bad key).
import * as fs from 'node:fs';
import { utils as sshUtils } from 'ssh2';
import { HostSpec, TlsSpec } from '../../src/hosts/types';
import { RunError } from '../../src/errors';
import {
  closeConnections,
  connectHost,
  connectHosts,
  ConnectOptions,
  Connection,
  reasonOf,
} from '../../src/hosts/connect';
import { fingerprint } from '../../src/hosts/known-hosts';
import { MemoryLogger } from '../support/memory-logger';
import { Fleet, FleetHost, loadFleet } from '../support/fleet';
import { endpoint } from '../support/endpoint';
import { formatEndpoint } from '../../src/hosts/endpoint';
import { streamEnd } from '../support/streams';

const fleet: Fleet = loadFleet();
const read = (p: string) => fs.readFileSync(p, 'utf8');
const tls = {
  ca: read(fleet.tls.ca),
  cert: read(fleet.tls.cert),
  key: read(fleet.tls.key),
  wrongCa: read(fleet.tls.wrongCa),
  wrongCert: read(fleet.tls.wrongCert),
  wrongKey: read(fleet.tls.wrongKey),
};
const ssh = {
  key: read(fleet.ssh.key),
  knownHosts: read(fleet.ssh.knownHosts),
  wrongKnownHosts: read(fleet.ssh.wrongKnownHosts),
};

const plainHost = fleet.hosts.find((h) => h.tcp)!;
const tlsHost = fleet.hosts.find((h) => h.tls)!;
const sshHost = fleet.hosts.find((h) => h.ssh)!;

function spec(h: FleetHost, docker: string, extra: Partial<HostSpec> = {}): HostSpec {
  return { name: `t-connect-${h.name}`, group: 'test', endpoint: endpoint(docker), address: h.address, ...extra };
}
function tlsSpec(over: Partial<TlsSpec> = {}): TlsSpec {
  return { ca: tls.ca, cert: tls.cert, key: tls.key, verify: true, ...over };
}
const base: ConnectOptions = { parallel: 8, timeoutMs: 5000 };
const opened: Connection[] = [];

async function connect(
  host: HostSpec,
  options: Partial<ConnectOptions> = {},
  log = new MemoryLogger(),
): Promise<Connection> {
  const c = await connectHost(host, { ...base, ...options }, log);
  opened.push(c);
  return c;
}
async function failure(
  host: HostSpec,
  options: Partial<ConnectOptions> = {},
  log = new MemoryLogger(),
): Promise<string> {
  try {
    const c = await connectHosts([host], { ...base, ...options }, log);
    closeConnections(c);
  } catch (err) {
    expect(err).toBeInstanceOf(RunError);
    return (err as Error).message;
  }
  throw new Error(`${formatEndpoint(host.endpoint)} connected, but should not have`);
}

afterAll(() => closeConnections(opened));

describe('transports', () => {
  test('unix socket', async () => {
    const c = await connect(spec(plainHost, plainHost.socket));
    expect(c.engine.version).toMatch(/^\d+\.\d+/);
    expect(c.engine.apiVersion).toMatch(/^1\.\d+$/);
    expect(Array.isArray(await c.docker.listContainers())).toBe(true);
  });

  test('DOCKER_HOST, DOCKER_CERT_PATH and DOCKER_CLIENT_TIMEOUT in the environment do not redirect a host', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      DOCKER_HOST: 'tcp://10.210.0.99:2375',
      DOCKER_CLIENT_TIMEOUT: '1',
      DOCKER_TLS_VERIFY: '1',
    });
    try {
      const c = await connect(spec(plainHost, plainHost.socket));
      expect(c.engine.version).toBeTruthy();
      expect((await c.docker.info()).Name).toBeTruthy();
    } finally {
      for (const k of ['DOCKER_HOST', 'DOCKER_CLIENT_TIMEOUT', 'DOCKER_TLS_VERIFY'])
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
    }
  });

  test('plain tcp', async () => {
    const c = await connect(spec(plainHost, plainHost.tcp!));
    expect(c.engine.apiVersion).toMatch(/^1\.\d+$/);
    expect((await c.docker.info()).Name).toBeTruthy();
  });

  test('TLS with the fleet client certificate', async () => {
    const log = new MemoryLogger();
    const c = await connect(spec(tlsHost, tlsHost.tls!, { tls: tlsSpec() }), {}, log);
    expect(c.engine.apiVersion).toMatch(/^1\.\d+$/);
    expect(Array.isArray(await c.untimed.listImages())).toBe(true);
    expect(log.text).not.toMatch(/warning/);
  });

  test('TLS verify: false warns loudly, names the host, and connects even with the wrong CA', async () => {
    const log = new MemoryLogger();
    const c = await connect(spec(tlsHost, tlsHost.tls!, { tls: tlsSpec({ ca: tls.wrongCa, verify: false }) }), {}, log);
    expect(c.engine.version).toBeTruthy();
    expect(log.lines.filter((l) => l.startsWith('warning:'))).toEqual([
      expect.stringMatching(new RegExp(`TLS verification is OFF for t-connect-${tlsHost.name} \\(${tlsHost.tls}\\)`)),
    ]);
  });

  test('SSH with the fleet key and known_hosts; later calls reuse the session', async () => {
    const log = new MemoryLogger();
    const started = Date.now();
    const c = await connect(spec(sshHost, sshHost.ssh!), { sshKey: ssh.key, knownHosts: ssh.knownHosts }, log);
    const connectMs = Date.now() - started;
    expect(c.engine.apiVersion).toMatch(/^1\.\d+$/);
    expect(Array.isArray(await c.docker.listContainers({ all: true }))).toBe(true);
    const t = Date.now();
    for (let i = 0; i < 5; i++) await c.docker.ping();
    const perCall = (Date.now() - t) / 5;
    // A new SSH session per call costs ~250 ms here; a reused dial-stdio channel a few ms.
    expect(perCall).toBeLessThan(150);
    await Promise.all([c.docker.listContainers(), c.docker.listImages(), c.docker.version(), c.untimed.ping()]);
    expect(log.text).not.toMatch(/warning/);
    console.log(`ssh: connect ${connectMs} ms, then ${perCall.toFixed(1)} ms per ping`);
  });

  test('through `docker` a request idle longer than requestTimeoutMs is cut; through `untimed` it is not (SSH channel)', async () => {
    // Not much shorter: a request on a just-started dial-stdio channel waits for the docker CLI to
    // start on the host, a few hundred ms on this loaded machine.
    const c = await connect(spec(sshHost, sshHost.ssh!), {
      sshKey: ssh.key,
      knownHosts: ssh.knownHosts,
      requestTimeoutMs: 1500,
    });
    // The events stream answers at once, then stays silent until something happens on the host.
    const t = Date.now();
    // On a loaded machine the cut may come before the engine's first answer: the request then fails.
    const timed = await c.docker.getEvents({ filters: { container: ['t-connect-none'] } }).then(
      (s) => streamEnd(s, 5000),
      () => 'cut before answering',
    );
    expect(timed).not.toBe('open');
    expect(Date.now() - t).toBeLessThan(6000);
    const untimed = await c.untimed.getEvents({ filters: { container: ['t-connect-none'] } });
    expect(await streamEnd(untimed, 2500)).toBe('open');
    (untimed as unknown as { destroy(): void }).destroy();
    expect(await c.docker.ping()).toBeTruthy(); // the session survives a cut request
  });

  test('SSH with host key checking off warns with the fingerprint it accepted', async () => {
    const log = new MemoryLogger();
    const c = await connect(
      spec(sshHost, sshHost.ssh!),
      { sshKey: ssh.key, knownHosts: ssh.wrongKnownHosts, sshHostKeyCheck: false },
      log,
    );
    expect(c.engine.version).toBeTruthy();
    expect(log.text).toMatch(
      new RegExp(
        `warning: SSH host key checking is OFF for t-connect-${sshHost.name} \\(root@${sshHost.address}\\): accepted ssh-ed25519 SHA256:${realFingerprint().slice(7).replace(/[+/]/g, '\\$&')}`,
      ),
    );
  });
});

/** The SHA256 fingerprint of the SSH host's real key, from the fleet's correct known_hosts. */
function realFingerprint(): string {
  const line = ssh.knownHosts.split('\n').find((l) => l.startsWith(sshHost.address + ' '))!;
  return fingerprint(Buffer.from(line.split(/\s+/)[2], 'base64'));
}

describe('failures name the host and the reason', () => {
  test('nothing listens on the port', async () => {
    const message = await failure(spec(plainHost, `tcp://${plainHost.address}:2999`));
    expect(message).toBe(
      `Could not connect to host t-connect-${plainHost.name}:\n  - t-connect-${plainHost.name} (tcp://${plainHost.address}:2999): nothing listens on ${plainHost.address}:2999`,
    );
  });

  test('an address where no host answers fails within the timeout', async () => {
    const started = Date.now();
    const message = await failure(spec(plainHost, 'tcp://10.210.0.99:2375', { name: 't-connect-ghost' }), {
      timeoutMs: 2000,
    });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(message).toMatch(/t-connect-ghost \(tcp:\/\/10\.210\.0\.99:2375\): no answer from 10\.210\.0\.99:2375/);
  });

  test('a unix socket that does not exist', async () => {
    const message = await failure(spec(plainHost, 'unix:///tmp/aviary-no-such.sock'));
    expect(message).toMatch(/no socket at \/tmp\/aviary-no-such\.sock/);
  });

  test('TLS with the wrong CA', async () => {
    const message = await failure(spec(tlsHost, tlsHost.tls!, { tls: tlsSpec({ ca: tls.wrongCa }) }));
    expect(message).toMatch(
      new RegExp(`t-connect-${tlsHost.name} \\(${tlsHost.tls}\\): TLS: certificate signed by unknown authority`),
    );
  });

  test('TLS without a client certificate', async () => {
    const message = await failure(spec(tlsHost, tlsHost.tls!, { tls: tlsSpec({ cert: undefined, key: undefined }) }));
    expect(message).toMatch(
      new RegExp(
        `t-connect-${tlsHost.name} \\(${tlsHost.tls}\\): TLS: the engine at ${tlsHost.address}:2376 requires a client certificate \\(tls.cert and tls.key\\)$`,
      ),
    );
  });

  test('TLS with a client certificate from another CA', async () => {
    const message = await failure(
      spec(tlsHost, tlsHost.tls!, { tls: tlsSpec({ cert: tls.wrongCert, key: tls.wrongKey }) }),
    );
    expect(message).toMatch(/TLS: the engine at .* rejected the client certificate/);
  });

  test('plain HTTP to the TLS port', async () => {
    const message = await failure(spec(tlsHost, tlsHost.tls!));
    expect(message).toMatch(/expects TLS: give the host a tls: section|closed the connection/);
  });

  test('TLS to a plain endpoint', async () => {
    const message = await failure(spec(plainHost, plainHost.tcp!, { tls: tlsSpec() }));
    expect(message).toMatch(
      new RegExp(
        `: TLS: ${plainHost.address}:2375 does not speak TLS \\(a plain tcp:// endpoint\\? remove its tls: section\\)$`,
      ),
    );
  });

  test('SSH host whose key differs from known_hosts: names host, key type and the fingerprint seen', async () => {
    const message = await failure(spec(sshHost, sshHost.ssh!), { sshKey: ssh.key, knownHosts: ssh.wrongKnownHosts });
    expect(message).toContain(
      `SSH host key of t-connect-${sshHost.name} (root@${sshHost.address}) does not match known_hosts: it offered ssh-ed25519 ${realFingerprint()}`,
    );
  });

  test('SSH host missing from known_hosts', async () => {
    const message = await failure(spec(sshHost, sshHost.ssh!), { sshKey: ssh.key, knownHosts: '' });
    expect(message).toContain(
      `SSH host t-connect-${sshHost.name} (root@${sshHost.address}) is not in known_hosts; it offered ssh-ed25519 ${realFingerprint()}`,
    );
  });

  test('SSH key that the host does not accept', async () => {
    const stranger = sshUtils.generateKeyPairSync('ed25519').private;
    const log = new MemoryLogger();
    const message = await failure(spec(sshHost, sshHost.ssh!), { sshKey: stranger, knownHosts: ssh.knownHosts }, log);
    expect(message).toContain(`SSH authentication failed for root@${sshHost.address}`);
    expect(message).not.toContain('PRIVATE KEY');
  });

  test('an SSH key that is not a key: the message never shows it', async () => {
    const message = await failure(spec(sshHost, sshHost.ssh!), {
      sshKey: 'not-a-key-but-a-secret-value',
      knownHosts: ssh.knownHosts,
    });
    expect(message).toMatch(/the SSH private key cannot be used/);
    expect(message).not.toContain('not-a-key-but-a-secret-value');
  });

  test('several unreachable hosts are reported at once, in parallel, and the others are not kept open', async () => {
    const hosts: HostSpec[] = [
      spec(plainHost, plainHost.tcp!, { name: 't-connect-ok' }),
      spec(plainHost, `tcp://${plainHost.address}:2999`, { name: 't-connect-refused' }),
      spec(plainHost, 'tcp://10.210.0.99:2375', { name: 't-connect-ghost' }),
      spec(tlsHost, tlsHost.tls!, { name: 't-connect-badca', tls: tlsSpec({ ca: tls.wrongCa }) }),
      spec(sshHost, sshHost.ssh!, { name: 't-connect-badkey' }),
    ];
    const started = Date.now();
    let error: RunError | undefined;
    try {
      await connectHosts(
        hosts,
        { ...base, timeoutMs: 2000, sshKey: ssh.key, knownHosts: ssh.wrongKnownHosts },
        new MemoryLogger(),
      );
    } catch (err) {
      error = err as RunError;
    }
    expect(Date.now() - started).toBeLessThan(4000);
    expect(error).toBeInstanceOf(RunError);
    const lines = error!.message.split('\n');
    expect(lines[0]).toBe('Could not connect to 4 of 5 hosts:');
    expect(lines.slice(1).map((l) => l.replace(/\(.*$/, '').trim())).toEqual([
      '- t-connect-refused',
      '- t-connect-ghost',
      '- t-connect-badca',
      '- t-connect-badkey',
    ]);
    expect(error!.details.unreachable).toHaveLength(4);
  });

  test('all good hosts connect at once and come back by name', async () => {
    const hosts = fleet.hosts.map((h) => (h.tcp ? spec(h, h.tcp) : spec(h, h.socket)));
    const conns = await connectHosts(hosts, { ...base, parallel: 3 }, new MemoryLogger());
    opened.push(...conns.values());
    expect([...conns.keys()]).toEqual(hosts.map((h) => h.name));
    for (const c of conns.values()) expect(c.engine.apiVersion).toMatch(/^1\.\d+$/);
  });

  test('a cancelled run connects to nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      connectHosts([spec(plainHost, plainHost.tcp!)], { ...base, signal: controller.signal }, new MemoryLogger()),
    ).rejects.toThrow('Connecting to the hosts was cancelled; nothing was changed');
  });

  test('reasonOf keeps messages of unknown errors', () => {
    expect(reasonOf(new Error('something odd'))).toBe('something odd');
  });
});
