// The vocabulary of dynamic inventory: where a group's hosts come from when they are not listed in
// the file, and how a name or address found there becomes a Docker endpoint.
import type { TlsSpec } from '../hosts/types';

/** Which DNS records hold the hosts: A and AAAA (both, the default), one of them, or SRV (target and port). */
export type DnsRecord = 'A/AAAA' | 'A' | 'AAAA' | 'SRV';

export interface DnsSource {
  kind: 'dns';
  name: string; // web.internal, or _docker._tcp.web.internal for SRV
  record: DnsRecord;
  server?: string; // "10.0.0.2" or "10.0.0.2:5353"; default: the system's resolvers
}

export interface CommandSource {
  kind: 'command';
  argv: string[]; // run without a shell; prints JSON or one host per line
}

/** A group's `hosts:` when it is a source rather than a list. Validated with the file. */
export interface InventorySource {
  field: string; // groups.web.hosts, for messages
  group: string;
  source: DnsSource | CommandSource;
  transport: 'tcp' | 'ssh'; // how a bare address becomes an endpoint
  port?: number; // default: 2375 (tcp), 2376 (tcp with tls), 22 (ssh); SRV records give their own
  user?: string; // ssh
  tls?: TlsSpec; // tcp: for every host found
  timeoutMs: number; // for the whole lookup
}
