// Docker endpoints as written for a host (unix://, tcp://, ssh://) and the addresses health checks use.
import { isIP } from 'node:net';

export type Endpoint =
  | { scheme: 'unix'; path: string }
  | { scheme: 'tcp'; host: string; port: number }
  | { scheme: 'ssh'; user: string; host: string; port?: number };

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*\\.?$`);
const SSH_USER = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/;
const SOCKET_PATH = /^\/[A-Za-z0-9._+@/-]{0,1023}$/;

export const ENDPOINT_EXPECTED =
  'a Docker endpoint like "tcp://10.0.0.1:2375", "ssh://deploy@web-1.example.com" or "unix:///var/run/docker.sock"';

/** A host name or IP address; IPv6 may be in brackets. Returns the bare form, or undefined. */
export function parseHostAddress(text: string): string | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIP(bare) === 6) return bare.toLowerCase();
  if (bare !== text) return undefined;
  if (isIP(text) === 4) return text;
  // A dotted quad that is not an IPv4 address (10.0.0.300) is a typo, not a host name.
  if (/^[\d.]+$/.test(text)) return undefined;
  return text.length <= 253 && HOSTNAME.test(text) ? text.replace(/\.$/, '').toLowerCase() : undefined;
}

/** Splits "host:port" where host may be a bracketed IPv6 address. */
function splitHostPort(s: string): { host: string; port?: string } | undefined {
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return undefined;
    const rest = s.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return undefined;
    return { host: s.slice(0, close + 1), port: rest ? rest.slice(1) : undefined };
  }
  const colon = s.lastIndexOf(':');
  if (colon < 0) return { host: s };
  return { host: s.slice(0, colon), port: s.slice(colon + 1) };
}

function parsePort(s: string | undefined): number | undefined {
  if (s === undefined || !/^\d{1,5}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** An endpoint, or the reason it is not one (phrased as what was expected). */
export function parseEndpoint(text: string): Endpoint | { expected: string } {
  const m = /^([a-z]+):\/\/(.*)$/.exec(text);
  if (!m) return { expected: ENDPOINT_EXPECTED };
  const [, scheme, rest] = m;
  if (scheme === 'unix') {
    return SOCKET_PATH.test(rest) && !rest.split('/').includes('..')
      ? { scheme, path: rest }
      : { expected: 'a unix socket endpoint with an absolute path, like "unix:///var/run/docker.sock"' };
  }
  if (scheme === 'tcp') {
    const hp = splitHostPort(rest);
    const host = hp && parseHostAddress(hp.host);
    const port = parsePort(hp?.port);
    if (host === undefined || port === undefined)
      return { expected: 'a tcp endpoint with a host and a port, like "tcp://10.0.0.1:2375"' };
    return { scheme, host, port };
  }
  if (scheme === 'ssh') {
    const atSign = rest.indexOf('@');
    const user = atSign > 0 ? rest.slice(0, atSign) : '';
    const hp = splitHostPort(rest.slice(atSign + 1));
    const host = hp && parseHostAddress(hp.host);
    const port = hp?.port === undefined ? undefined : parsePort(hp.port);
    if (!SSH_USER.test(user) || host === undefined || (hp?.port !== undefined && port === undefined)) {
      return {
        expected:
          'an ssh endpoint with a user and a host, like "ssh://deploy@web-1.example.com" or "ssh://deploy@10.0.0.1:2222"',
      };
    }
    return { scheme, user, host, port };
  }
  return { expected: ENDPOINT_EXPECTED };
}

/** Endpoints that reach the same engine: same socket, or same host and port (ssh: user aside). */
export function endpointKey(e: Endpoint): string {
  if (e.scheme === 'unix') return `unix:${e.path}`;
  return `${e.scheme}:${e.host}:${e.scheme === 'ssh' ? (e.port ?? 22) : e.port}`;
}

/** The endpoint's host, as a name or for health checks; unix sockets are on this machine. */
export function endpointHost(e: Endpoint): string {
  return e.scheme === 'unix' ? 'localhost' : e.host;
}

export function endpointPort(e: Endpoint): string {
  if (e.scheme === 'unix') return e.path;
  return String(e.scheme === 'ssh' ? (e.port ?? 22) : e.port);
}

/** The canonical text of an endpoint (lowercased host, brackets around IPv6). */
export function formatEndpoint(e: Endpoint): string {
  if (e.scheme === 'unix') return `unix://${e.path}`;
  const host = e.host.includes(':') ? `[${e.host}]` : e.host;
  if (e.scheme === 'tcp') return `tcp://${host}:${e.port}`;
  return `ssh://${e.user}@${host}${e.port !== undefined ? `:${e.port}` : ''}`;
}
