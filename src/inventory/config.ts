// Validation of a group's `hosts:` written as a source (`{dns: …}` or `{command: […]}`) instead of
// a list, in the style of src/config: every problem names its field, the value and what was expected.
import { isIP } from 'node:net';
import { Problems } from '../errors';
import { at, duration, knownKeys, Mapping, port, str, stringList } from '../util/fields';
import { parseHostAddress } from '../hosts/endpoint';
import { CommandSource, DnsRecord, DnsSource, InventorySource } from './types';

export const INVENTORY_KEYS = [
  'dns',
  'command',
  'record',
  'server',
  'transport',
  'port',
  'user',
  'tls',
  'timeout',
] as const;
const RECORDS: readonly DnsRecord[] = ['A/AAAA', 'A', 'AAAA', 'SRV'];
export const DEFAULT_INVENTORY_TIMEOUT_MS = 10_000;
const MAX_INVENTORY_TIMEOUT_MS = 5 * 60_000;
const SSH_USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/;
const DNS_NAME =
  /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\.?$/;
export const INVENTORY_EXPECTED =
  'a list of hosts like [tcp://10.0.0.1:2375], or a source: {dns: web.internal, port: 2375} or {command: ["/usr/local/bin/list-hosts", "web"]}';

function has(m: Mapping, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/**
 * Reads a source of hosts; the `tls:` mapping is read by the caller (with the static hosts' TLS).
 * Undefined when invalid (problems recorded).
 */
export function readInventory(
  p: Problems,
  path: string,
  m: Mapping,
  group: string,
): Omit<InventorySource, 'tls'> | undefined {
  const before = p.list.length;
  knownKeys(p, path, m, INVENTORY_KEYS);
  let source: DnsSource | CommandSource | undefined;
  if (has(m, 'dns') && has(m, 'command')) p.raw(`${path}: has both dns and command (expected one source of hosts)`);
  else if (has(m, 'dns')) source = readDns(p, path, m);
  else if (has(m, 'command')) source = readCommand(p, at(path, 'command'), m.command);
  else p.raw(`${path}: has neither dns nor command (expected ${INVENTORY_EXPECTED})`);
  if (source?.kind !== 'dns') {
    for (const key of ['record', 'server'] as const)
      if (has(m, key)) p.raw(`${at(path, key)}: is only for dns: sources`);
  }

  let transport: InventorySource['transport'] = 'tcp';
  if (has(m, 'transport')) {
    if (m.transport === 'tcp' || m.transport === 'ssh') transport = m.transport;
    else
      p.add(at(path, 'transport'), m.transport, 'tcp or ssh (how the hosts found are reached; tcp with tls: for TLS)');
  }
  const portNumber = has(m, 'port') ? port(p, at(path, 'port'), m.port) : undefined;
  if (portNumber !== undefined && source?.kind === 'dns' && source.record === 'SRV')
    p.raw(`${at(path, 'port')}: SRV records give each host's port (expected no port: with record: SRV)`);
  let user: string | undefined;
  if (transport === 'ssh') {
    if (!has(m, 'user'))
      p.add(at(path, 'user'), undefined, 'the SSH user for the hosts found, like "deploy" (transport: ssh)');
    else
      user = str(p, at(path, 'user'), m.user, {
        expected: 'an SSH user name like "deploy"',
        pattern: SSH_USER,
        max: 32,
      });
    if (has(m, 'tls')) p.raw(`${at(path, 'tls')}: is only for transport: tcp (SSH has its own keys)`);
  } else if (has(m, 'user')) {
    p.raw(`${at(path, 'user')}: is only for transport: ssh`);
  }
  let timeoutMs = DEFAULT_INVENTORY_TIMEOUT_MS;
  if (has(m, 'timeout')) {
    const t = duration(p, at(path, 'timeout'), m.timeout, true);
    if (t !== undefined && t > MAX_INVENTORY_TIMEOUT_MS)
      p.add(at(path, 'timeout'), m.timeout, 'a duration of at most 5m');
    else if (t !== undefined) timeoutMs = t;
  }
  if (p.list.length > before || !source) return undefined;
  return {
    field: path,
    group,
    source,
    transport,
    ...(portNumber !== undefined ? { port: portNumber } : {}),
    ...(user ? { user } : {}),
    timeoutMs,
  };
}

function readDns(p: Problems, path: string, m: Mapping): DnsSource | undefined {
  const field = at(path, 'dns');
  const name = str(p, field, m.dns, {
    expected: 'a DNS name like "web.internal" (or "_docker._tcp.web.internal" with record: SRV)',
    pattern: DNS_NAME,
    max: 254,
  });
  let record: DnsRecord = 'A/AAAA';
  if (has(m, 'record')) {
    if (RECORDS.includes(m.record as DnsRecord)) record = m.record as DnsRecord;
    else p.add(at(path, 'record'), m.record, 'A/AAAA (the default: both), A, AAAA or SRV');
  }
  let server: string | undefined;
  if (has(m, 'server')) {
    const text = str(p, at(path, 'server'), m.server, {
      expected: 'a DNS server\'s IP address, with an optional port, like "10.0.0.2" or "10.0.0.2:5353"',
      max: 64,
    });
    if (text !== undefined) {
      server = dnsServer(text);
      if (!server)
        p.add(
          at(path, 'server'),
          m.server,
          'a DNS server\'s IP address, with an optional port, like "10.0.0.2" or "10.0.0.2:5353"',
        );
    }
  }
  if (!name) return undefined;
  return { kind: 'dns', name: name.replace(/\.$/, ''), record, ...(server ? { server } : {}) };
}

/** "10.0.0.2", "10.0.0.2:53", "fd00::2", "[fd00::2]:53" in the form Node's resolver takes; undefined otherwise. */
export function dnsServer(text: string): string | undefined {
  if (isIP(text)) return text;
  const m = /^(\[[^\]]+\]|[\d.]+):(\d{1,5})$/.exec(text);
  if (!m) return undefined;
  const host = parseHostAddress(m[1]);
  const n = Number(m[2]);
  if (!host || !isIP(host) || n < 1 || n > 65535) return undefined;
  return m[1].startsWith('[') ? `[${host}]:${n}` : `${host}:${n}`;
}

function readCommand(p: Problems, path: string, v: unknown): CommandSource | undefined {
  const example = '["/usr/local/bin/list-hosts", "web"]';
  if (typeof v === 'string') {
    p.add(path, v, `a list of strings like ${example} (no shell runs it: write each argument as its own item)`);
    return undefined;
  }
  const argv = stringList(p, path, v, { expected: 'a non-empty string', maxItems: 256 });
  if (!argv) return undefined;
  if (argv.length === 0) {
    p.add(path, v, `a list of strings like ${example}`);
    return undefined;
  }
  return { kind: 'command', argv };
}
