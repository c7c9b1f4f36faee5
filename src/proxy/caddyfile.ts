// The proxy's whole configuration, as the Caddyfile aviary writes into each proxy container, and
// the one fact read back from it: which container the proxy serves.
import { short } from '../hosts/engine';

export const CADDYFILE = '/etc/caddy/Caddyfile';
/** The admin endpoint on a unix socket inside each proxy container: two of them share a network namespace during an upgrade. */
export const ADMIN = 'unix//run/caddy-admin.sock';
/** The port the edge listens on inside the shared network namespace; it is the one published. */
export const EDGE_PORT = 80;
/** The port the switching proxies listen on, on the namespace's loopback only, behind the edge. */
export const SWITCH_PORT = 81;

/**
 * The edge's Caddyfile, written once when it is made and never reloaded: clients' keep-alive
 * connections end on the edge, which a reload would close (an idle one closed under a client's
 * next request is an error to wrk and to many clients). A request that meets a switching proxy
 * mid-reload or mid-upgrade (an idle upstream connection closed, a listener going away) is retried
 * by the edge: Go's transport retries on a closed idle connection, and lb_try_duration a failed dial.
 */
export function edgeCaddyfile(): string {
  return `# written by aviary (docs/proxy.md): the edge owns the published port and is never reloaded\n{\n\tadmin off\n\tauto_https off\n\tgrace_period 30s\n}\n:${EDGE_PORT} {\n\treverse_proxy 127.0.0.1:${SWITCH_PORT} {\n\t\tlb_try_duration 10s\n\t\tlb_try_interval 50ms\n\t}\n}\n`;
}

/** A traffic-weighted canary: the new container beside the one served, with its share of requests in percent. */
export interface Canary {
  id: string;
  weight: number;
}

/**
 * A switching proxy's Caddyfile: it sends every request from the edge to `target` (a container's id, resolved by Docker's DNS
 * on the proxy's network), or answers 503 when the host runs no version yet. A dial error is
 * retried for a while (lb_try_duration) instead of failing the request; on a reload, the old
 * configuration's requests finish within the grace period while new ones take the new route.
 * With a `canary`, the upstreams list the target and the canary in the ratio of their shares
 * (10 %: nine of one, one of the other), taken in turn (Caddy 2.6 has no weights of its own); a
 * request that cannot reach one is retried on the next.
 */
export function caddyfile(target: string | undefined, appPort: number, canary?: Canary): string {
  let site = '\trespond "no version of this service runs here yet" 503\n';
  if (target) {
    const upstreams = (canary ? inRatio(target, canary) : [short(target)]).map((u) => `${u}:${appPort}`);
    const note = canary ? `\t# canary ${short(canary.id)} ${canary.weight}%\n` : '';
    const policy = canary ? '\t\tlb_policy round_robin\n' : '';
    site = `${note}\treverse_proxy ${upstreams.join(' ')} {\n${policy}\t\tlb_try_duration 5s\n\t\tlb_try_interval 100ms\n\t}\n`;
  }
  return `# written by aviary (docs/proxy.md): every switch rewrites it and reloads the proxy\n{\n\tadmin ${ADMIN}\n\tauto_https off\n\tgrace_period 30s\n}\n:${SWITCH_PORT} {\n\tbind 127.0.0.1\n${site}}\n`;
}

/** The target and the canary, each listed as often as its share asks (25 %: three of one, one of the other). */
function inRatio(target: string, canary: Canary): string[] {
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  const g = gcd(canary.weight, 100 - canary.weight);
  return [
    ...Array<string>((100 - canary.weight) / g).fill(short(target)),
    ...Array<string>(canary.weight / g).fill(short(canary.id)),
  ];
}

/** The container (12 hex digits of its id) a Caddyfile of ours sends requests to; undefined for none. */
export function servedBy(text: string): string | undefined {
  return /^\s*reverse_proxy\s+([0-9a-f]{12}):\d+/m.exec(text)?.[1];
}

/** The canary a Caddyfile of ours shares requests with (12 hex digits of its id), and its share. */
export function canaryOf(text: string): Canary | undefined {
  const m = /^\s*# canary ([0-9a-f]{12}) (\d+)%$/m.exec(text);
  return m ? { id: m[1], weight: Number(m[2]) } : undefined;
}
