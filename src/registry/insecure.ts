// Whether the engine treats a registry as insecure (plain http allowed): the registry client
// follows the engine's own settings, so it talks to a registry the same way the push did.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** The part of the engine's /info that holds its registry settings. */
export interface EngineRegistryConfig {
  InsecureRegistryCIDRs?: string[] | null;
  IndexConfigs?: Record<string, { Secure?: boolean }> | null;
}

/** The engine's insecure ranges (IPv4 and IPv6 CIDRs, or single addresses) as one BlockList; malformed entries match nothing. */
function insecureRanges(cidrs: string[]): BlockList {
  const ranges = new BlockList();
  for (const cidr of cidrs) {
    const [base, bits] = cidr.split('/');
    const family = isIP(base);
    if (!family) continue;
    const type = family === 6 ? 'ipv6' : 'ipv4';
    try {
      if (bits === undefined) ranges.addAddress(base, type);
      else if (/^\d+$/.test(bits)) ranges.addSubnet(base, Number(bits), type);
    } catch {
      // A prefix longer than the family allows (10.0.0.0/33): the engine would not have accepted it either.
    }
  }
  return ranges;
}

/** Whether an IPv4 or IPv6 address lies in a CIDR range such as 10.210.0.0/24 or fd00::/8. */
export function inCidr(ip: string, cidr: string): boolean {
  return matches(insecureRanges([cidr]), ip);
}

function matches(ranges: BlockList, ip: string): boolean {
  const family = isIP(ip);
  // An IPv4 range also matches the IPv4-mapped form (::ffff:10.0.0.1) that a lookup may return.
  return family !== 0 && ranges.check(ip, family === 6 ? 'ipv6' : 'ipv4');
}

/** The host of a registry as the engine names it: host, host:port, [v6] or [v6]:port. */
function registryHost(registry: string): string {
  if (isIP(registry)) return registry;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(registry);
  return bracketed ? bracketed[1] : registry.replace(/:\d+$/, '');
}

/**
 * The engine's verdict on a registry host[:port]: listed as insecure by name, or its address in
 * an insecure range (127.0.0.0/8 is one by default). Names are resolved as the engine would.
 */
export async function isInsecureRegistry(registry: string, config: EngineRegistryConfig | undefined): Promise<boolean> {
  const index = config?.IndexConfigs?.[registry];
  if (index && index.Secure === false) return true;
  const host = registryHost(registry);
  if (host === 'localhost' || host === '::1') return true;
  const ranges = insecureRanges(config?.InsecureRegistryCIDRs ?? ['127.0.0.0/8']);
  let addresses: string[] = [host];
  if (!isIP(host)) {
    try {
      addresses = (await lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return false;
    }
  }
  return addresses.some((ip) => matches(ranges, ip));
}
