// Whether the engine treats a registry as insecure (plain http allowed): the registry client
// follows the engine's own settings, so it talks to a registry the same way the push did.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** The part of the engine's /info that holds its registry settings. */
export interface EngineRegistryConfig {
  InsecureRegistryCIDRs?: string[] | null;
  IndexConfigs?: Record<string, { Secure?: boolean }> | null;
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

/** Whether an IPv4 address lies in a CIDR range such as 10.210.0.0/24 (IPv6 ranges are not matched). */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  if (isIP(ip) !== 4 || isIP(base) !== 4) return false;
  const bits = Number(bitsText ?? 32);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ipv4ToInt(ip) & mask) === (ipv4ToInt(base) & mask);
}

/**
 * The engine's verdict on a registry host[:port]: listed as insecure by name, or its address in
 * an insecure range (127.0.0.0/8 is one by default). Names are resolved as the engine would.
 */
export async function isInsecureRegistry(registry: string, config: EngineRegistryConfig | undefined): Promise<boolean> {
  const index = config?.IndexConfigs?.[registry];
  if (index && index.Secure === false) return true;
  const host = registry.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  const cidrs = config?.InsecureRegistryCIDRs ?? ['127.0.0.0/8'];
  if (host === 'localhost' || host === '::1') return true;
  let addresses: string[] = [host];
  if (!isIP(host)) {
    try {
      addresses = (await lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return false;
    }
  }
  return addresses.some((ip) => cidrs.some((cidr) => inCidr(ip, cidr)));
}
