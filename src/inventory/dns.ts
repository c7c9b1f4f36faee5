// Looking a group's hosts up in DNS: A/AAAA records (each address a host) or SRV records (each
// target, at its own port), through the system's resolvers or a given server, within a deadline.
import { Resolver } from 'node:dns/promises';
import { DnsSource } from './types';

/** One host found: its name, the address to reach it at, and the port when the record gave one. */
export interface Found {
  name: string;
  address: string;
  port?: number;
}

const DNS_ERRORS: Record<string, string> = {
  ENOTFOUND: 'no such name (NXDOMAIN)',
  ENODATA: 'no records of that type',
  ESERVFAIL: 'the server failed (SERVFAIL)',
  EREFUSED: 'the server refused the query',
  ETIMEOUT: 'no answer from the server',
  ECONNREFUSED: 'the server refused the connection',
  ECANCELLED: 'cancelled',
};

/** The DNS error in words, keeping its code. */
export function dnsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code && DNS_ERRORS[code] ? `${DNS_ERRORS[code]} (${code})` : ((err as Error)?.message ?? String(err));
}

function empty(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ENODATA' || code === 'ENOTFOUND';
}

/** Addresses of a name, A and/or AAAA; a name without one of the two types is not an error. */
async function addresses(resolver: Resolver, name: string, record: 'A/AAAA' | 'A' | 'AAAA'): Promise<string[]> {
  const lookups: Array<Promise<string[]>> = [];
  if (record !== 'AAAA') lookups.push(resolver.resolve4(name));
  if (record !== 'A') lookups.push(resolver.resolve6(name));
  const settled = await Promise.allSettled(lookups);
  const out: string[] = [];
  const errors: unknown[] = [];
  for (const s of settled) {
    if (s.status === 'fulfilled') out.push(...s.value);
    else if (!empty(s.reason)) errors.push(s.reason);
  }
  if (out.length === 0 && errors.length) throw errors[0];
  if (out.length === 0) {
    const first = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult | undefined;
    if (first) throw first.reason;
  }
  return out;
}

/**
 * The hosts a DNS source names. `timeoutMs` bounds each query (the resolver's own timeout, one
 * retry); the caller bounds the whole lookup and cancels it through `signal`.
 */
export async function lookupDns(source: DnsSource, timeoutMs: number, signal?: AbortSignal): Promise<Found[]> {
  const resolver = new Resolver({ timeout: Math.max(100, Math.floor(timeoutMs / 2)), tries: 2 });
  if (source.server) resolver.setServers([source.server]);
  const cancel = () => resolver.cancel();
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    if (source.record !== 'SRV') {
      return (await addresses(resolver, source.name, source.record)).map((a) => ({ name: a, address: a }));
    }
    const records = await resolver.resolveSrv(source.name);
    // Every target, at its own port; a target's address comes from the same server (the system's
    // resolver may not know the names a private DNS serves).
    const found = await Promise.all(
      records.map(async (r) => {
        const target = r.name.replace(/\.$/, '').toLowerCase();
        let list: string[];
        try {
          list = await addresses(resolver, target, 'A/AAAA');
        } catch (err) {
          throw new Error(`SRV target ${target}: ${dnsReason(err)}`, { cause: err });
        }
        return list.map((a) => ({ name: list.length === 1 ? target : a, address: a, port: r.port }));
      }),
    );
    return found.flat();
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}
