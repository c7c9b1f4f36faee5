// Dynamic inventory: `hosts:` as a source is validated with the file (every problem names its
// field), and a program's output becomes hosts at the start of a run, with a clear error naming the
// group and the source when it fails, is too slow or finds nothing. The programs are real processes
// (node -e …); DNS against a real dnsmasq is in test/e2e/inventory.test.ts.
import { validateConfig } from '../../src/config/load';
import { DeployConfig } from '../../src/config/types';
import { InputError } from '../../src/errors';
import { resolveInventory } from '../../src/inventory/resolve';
import { MemoryLogger } from '../support/memory-logger';
import { formatEndpoint } from '../../src/hosts/endpoint';

function config(groups: Record<string, unknown>): DeployConfig {
  return validateConfig(
    { service: 'gi-web', image: 'registry.example.com/gi/web', groups },
    { overrides: { image: 'v1' }, env: {} },
  );
}

function problems(groups: Record<string, unknown>): string[] {
  try {
    config(groups);
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  return [];
}

/** A program that prints `text` (and exits with `code`): node itself, no shell. */
const printing = (text: string, code = 0, stderr = '') => [
  process.execPath,
  '-e',
  `process.stdout.write(${JSON.stringify(text)}); process.stderr.write(${JSON.stringify(stderr)}); process.exitCode = ${code}`,
];

describe('hosts: as a source, validated with the file', () => {
  test('dns: the defaults (A and AAAA, tcp, port 2375 when resolved, 10s)', () => {
    const c = config({ web: { hosts: { dns: 'web.internal.' } } });
    expect(c.groups[0].hosts).toEqual([]);
    expect(c.groups[0].inventory).toEqual({
      field: 'groups.web.hosts',
      group: 'web',
      source: { kind: 'dns', name: 'web.internal', record: 'A/AAAA' },
      transport: 'tcp',
      timeoutMs: 10_000,
    });
  });

  test('dns: SRV through a given server, over ssh', () => {
    const c = config({
      web: {
        hosts: {
          dns: '_docker._tcp.web.internal',
          record: 'SRV',
          server: '10.0.0.2:5353',
          transport: 'ssh',
          user: 'deploy',
          timeout: '3s',
        },
      },
    });
    expect(c.groups[0].inventory).toMatchObject({
      source: { kind: 'dns', name: '_docker._tcp.web.internal', record: 'SRV', server: '10.0.0.2:5353' },
      transport: 'ssh',
      user: 'deploy',
      timeoutMs: 3000,
    });
  });

  test('command, beside a static group', () => {
    const c = config({
      web: { hosts: { command: ['/usr/local/bin/list-hosts', 'web'], port: 2376 } },
      db: { hosts: ['tcp://10.0.0.9:2375'] },
    });
    expect(c.groups[0].inventory).toMatchObject({
      source: { kind: 'command', argv: ['/usr/local/bin/list-hosts', 'web'] },
      port: 2376,
    });
    expect(c.groups[1].inventory).toBeUndefined();
    expect(c.groups[1].hosts).toHaveLength(1);
  });

  test('dns: beside hosts says where it belongs', () => {
    expect(problems({ web: { dns: 'web.internal', hosts: ['tcp://10.0.0.1:2375'] } })).toEqual([
      "groups.web.dns: is not a known field (dns belongs in a group's hosts, as hosts: {dns: web.internal})",
    ]);
  });

  test.each<[string, unknown, string]>([
    [
      'neither source',
      { port: 2375 },
      'groups.web.hosts: has neither dns nor command (expected a list of hosts like [tcp://10.0.0.1:2375], or a source',
    ],
    [
      'both sources',
      { dns: 'a.b', command: ['x'] },
      'groups.web.hosts: has both dns and command (expected one source of hosts)',
    ],
    [
      'a bad name',
      { dns: 'web internal' },
      'groups.web.hosts.dns: "web internal" is not a DNS name like "web.internal"',
    ],
    [
      'a bad record',
      { dns: 'a.b', record: 'MX' },
      'groups.web.hosts.record: "MX" is not A/AAAA (the default: both), A, AAAA or SRV',
    ],
    [
      'a bad server',
      { dns: 'a.b', server: 'dns.example.com' },
      'groups.web.hosts.server: "dns.example.com" is not a DNS server\'s IP address',
    ],
    [
      'a port with SRV',
      { dns: 'a.b', record: 'SRV', port: 2375 },
      "groups.web.hosts.port: SRV records give each host's port",
    ],
    ['a bad transport', { dns: 'a.b', transport: 'http' }, 'groups.web.hosts.transport: "http" is not tcp or ssh'],
    [
      'ssh without a user',
      { dns: 'a.b', transport: 'ssh' },
      'groups.web.hosts.user: is missing (expected the SSH user for the hosts found',
    ],
    [
      'tls with ssh',
      { dns: 'a.b', transport: 'ssh', user: 'u', tls: { ca: 'CA' } },
      'groups.web.hosts.tls: is only for transport: tcp',
    ],
    ['a user with tcp', { dns: 'a.b', user: 'u' }, 'groups.web.hosts.user: is only for transport: ssh'],
    ['record with a command', { command: ['x'], record: 'A' }, 'groups.web.hosts.record: is only for dns: sources'],
    [
      'a command as text',
      { command: 'list-hosts web' },
      'groups.web.hosts.command: "list-hosts web" is not a list of strings like ["/usr/local/bin/list-hosts", "web"] (no shell runs it',
    ],
    ['an empty command', { command: [] }, 'groups.web.hosts.command: [] is not a list of strings'],
    [
      'a long timeout',
      { dns: 'a.b', timeout: '10m' },
      'groups.web.hosts.timeout: "10m" is not a duration of at most 5m',
    ],
    ['a bad port', { dns: 'a.b', port: 70000 }, 'groups.web.hosts.port: 70000 is not a port number from 1 to 65535'],
    ['a typo', { dns: 'a.b', recrod: 'A' }, 'groups.web.hosts.recrod: is not a known field (did you mean "record"?)'],
    [
      'TLS that is not there',
      { dns: 'a.b', tls: { ca: 'NO_SUCH_CA' } },
      'groups.web.hosts.tls.ca: environment variable NO_SUCH_CA is not set',
    ],
  ])('%s', (_title, hosts, message) => {
    expect(problems({ web: { hosts } }).join('\n')).toContain(message);
  });
});

describe('resolveInventory with a program', () => {
  const resolve = async (hosts: Record<string, unknown>, others: Record<string, unknown> = {}) => {
    const c = config({ web: { hosts }, ...others });
    const log = new MemoryLogger();
    await resolveInventory(c, log);
    return { c, log, hosts: c.groups[0].hosts };
  };
  const failure = async (
    hosts: Record<string, unknown>,
    others: Record<string, unknown> = {},
  ): Promise<{ message: string; c: DeployConfig }> => {
    const c = config({ web: { hosts }, ...others });
    const err = await resolveInventory(c, new MemoryLogger()).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect(c.groups[0].hosts).toEqual([]); // nothing changed
    return { message: err!.message, c };
  };

  test('one host per line: addresses, names, ports, endpoints; comments and blank lines skipped', async () => {
    const { hosts, log } = await resolve({
      command: printing(
        '# web hosts\n10.0.0.12\n\n10.0.0.11:2380\nweb-3.example.com\ntcp://10.0.0.14:2376\n[fd00::5]\n',
      ),
    });
    expect(hosts.map((h) => [h.name, formatEndpoint(h.endpoint), h.address])).toEqual([
      ['10.0.0.11', 'tcp://10.0.0.11:2380', '10.0.0.11'],
      ['10.0.0.12', 'tcp://10.0.0.12:2375', '10.0.0.12'],
      ['10.0.0.14', 'tcp://10.0.0.14:2376', '10.0.0.14'],
      ['fd00::5', 'tcp://[fd00::5]:2375', 'fd00::5'],
      ['web-3.example.com', 'tcp://web-3.example.com:2375', 'web-3.example.com'],
    ]);
    expect(hosts.every((h) => h.group === 'web')).toBe(true);
    expect(log.text).toMatch(
      /web: 5 hosts from command \[.*\] in \d+(\.\d+)?m?s: 10\.0\.0\.11, 10\.0\.0\.12, 10\.0\.0\.14, fd00::5, web-3\.example\.com/,
    );
  });

  test("JSON: strings and mappings, or {hosts: […]}; the group's transport, port and user", async () => {
    const json = JSON.stringify({
      hosts: [
        '10.0.0.21',
        { name: 'web-2', address: '10.0.0.22' },
        { name: 'web-3', docker: 'ssh://ops@10.0.0.23:2222', address: '10.0.0.33' },
      ],
    });
    const { hosts } = await resolve({ command: printing(json), transport: 'ssh', user: 'deploy' });
    expect(hosts.map((h) => [h.name, formatEndpoint(h.endpoint), h.address])).toEqual([
      ['10.0.0.21', 'ssh://deploy@10.0.0.21', '10.0.0.21'],
      ['web-2', 'ssh://deploy@10.0.0.22', '10.0.0.22'],
      ['web-3', 'ssh://ops@10.0.0.23:2222', '10.0.0.33'],
    ]);
  });

  test('the program gets AVIARY_GROUP and no shell: its arguments are passed as written', async () => {
    const { hosts } = await resolve({
      command: [
        process.execPath,
        '-e',
        'console.log(process.env.AVIARY_GROUP === "web" && process.argv[1] === "$(x); y" ? "10.0.0.1" : "0.0.0.999")',
        '$(x); y',
      ],
    });
    expect(hosts.map((h) => h.name)).toEqual(['10.0.0.1']);
  });

  test('a repeated host is one host', async () => {
    const { hosts } = await resolve({ command: printing('10.0.0.1\n10.0.0.1\ntcp://10.0.0.1:2375\n') });
    expect(hosts).toHaveLength(1);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      'exits non-zero, with its stderr',
      { command: printing('', 3, 'no credentials for the cloud API') },
      /^groups\.web\.hosts: command \[.*\] exited with code 3: no credentials for the cloud API; nothing was changed$/,
    ],
    [
      'prints nothing',
      { command: printing('\n# none\n') },
      /^groups\.web\.hosts: command \[.*\] printed no hosts; nothing was changed$/,
    ],
    ['prints an empty JSON list', { command: printing('[]') }, /printed no hosts/],
    [
      'is not there',
      { command: ['/nonexistent/list-hosts'] },
      /^groups\.web\.hosts: command \["\/nonexistent\/list-hosts"\] could not start: \/nonexistent\/list-hosts was not found; nothing was changed$/,
    ],
    [
      'is too slow',
      { command: [process.execPath, '-e', 'setTimeout(() => {}, 10000)'], timeout: '300ms' },
      /^groups\.web\.hosts: command \[.*\] (gave no answer|did not finish) within 300ms.*; nothing was changed$/,
    ],
    [
      'prints a line that is not a host',
      { command: printing('10.0.0.1\nweb 2\n') },
      /printed line 2 "web 2", which is not a host name, an IP address \(with an optional port\) or a Docker endpoint/,
    ],
    [
      'prints a bad endpoint',
      { command: printing('["tcp://10.0.0.1"]') },
      /printed item 0 "tcp:\/\/10\.0\.0\.1", which is not a tcp endpoint with a host and a port/,
    ],
    [
      'prints a unix socket',
      { command: printing('unix:///var/run/docker.sock') },
      /a unix socket is on this machine, not a host of the group/,
    ],
    ['prints broken JSON', { command: printing('[1, ') }, /printed JSON that does not parse/],
    [
      'prints a mapping without hosts',
      { command: printing('{"items": []}') },
      /printed JSON that is neither a list of hosts nor a mapping with a "hosts" list/,
    ],
    [
      'prints a bad name',
      { command: printing('[{"name": "a b", "address": "10.0.0.1"}]') },
      /printed item 0 with a name "a b" that is not a host name/,
    ],
  ])('a program that %s is a clear error naming the group and the source', async (_title, hosts, message) => {
    const started = Date.now();
    const { message: text } = await failure(hosts);
    expect(text).toMatch(message);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a host already in another group is refused', async () => {
    const { message } = await failure({ command: printing('10.0.0.9\n') }, { db: { hosts: ['tcp://10.0.0.9:2375'] } });
    expect(message).toContain('groups.web.hosts: command');
    expect(message).toContain('found tcp://10.0.0.9:2375, which is already host db/10.0.0.9');
  });

  test('a host named like a host of another group is refused', async () => {
    const { message } = await failure(
      { command: printing('[{"name": "db-1", "docker": "tcp://10.0.0.8:2375"}]') },
      { db: { hosts: [{ name: 'db-1', docker: 'tcp://10.0.0.9:2375' }] } },
    );
    expect(message).toContain(
      'found a host named "db-1", which is already the name of a host of group db (host names must be unique)',
    );
  });

  test('every failing group is reported at once', async () => {
    const c = config({ web: { hosts: { command: printing('') } }, worker: { hosts: { command: ['/nonexistent/x'] } } });
    const err = await resolveInventory(c, new MemoryLogger()).catch((e: InputError) => e);
    expect((err as InputError).problems.map((p) => p.split(':')[0])).toEqual([
      'groups.web.hosts',
      'groups.worker.hosts',
    ]);
  });

  test('a cancelled run stops the program', async () => {
    const c = config({ web: { hosts: { command: [process.execPath, '-e', 'setTimeout(() => {}, 10000)'] } } });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 200);
    const t0 = Date.now();
    const err = await resolveInventory(c, new MemoryLogger(), { signal: stop.signal }).catch((e: Error) => e);
    expect((err as Error).message).toContain('groups.web.hosts: command');
    expect((err as Error).message).toMatch(/stopped: the run was cancelled/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  test('groups without a source are left as written', async () => {
    const c = config({ db: { hosts: ['tcp://10.0.0.9:2375'] } });
    const before = JSON.stringify(c);
    await resolveInventory(c, new MemoryLogger());
    expect(JSON.stringify(c)).toBe(before);
  });
});
