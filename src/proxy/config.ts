// Validation of `proxy:` (top level or per group) into ProxySpec, in the style of src/config: the
// proxy mode, where a proxy container on each host owns the published port (docs/proxy.md).
import { Problems } from '../errors';
import { at, duration, knownKeys, Mapping, mapping, port, str } from '../util/fields';
import { IMAGE_EXPECTED, parseImageRef } from '../registry/image-ref';
import type { ContainerSpec } from '../container/config';
import type { HealthSpec } from '../health/types';

export interface ProxySpec {
  image: string; // the proxy's image (Caddy 2.6 or later, with busybox's wget and sh)
  port: number; // published on the host's address by the proxy
  appPort: number; // where the app listens inside its container, reached by the proxy
  network: string; // the user network the proxy and the app's containers share
  drainMs: number; // after the proxy points at the new container, before the old one stops
  /** A traffic-weighted canary: on the group's first batch the new version gets this share of requests (1–99 %) until the batch's gates pass and its pause ends. */
  canaryWeight?: number;
}

/** As written in one section: a top-level one, a group's (merged over it), or `false` (no proxy). */
export type ProxyPart = Partial<ProxySpec> | false;

export const PROXY_KEYS = ['image', 'port', 'app-port', 'network', 'drain', 'canary-weight'] as const;
export const DEFAULT_DRAIN_MS = 1_000;
const MAX_DRAIN_MS = 5 * 60_000;
const NETWORK = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const WEIGHT_EXPECTED = 'a whole percentage from 1% to 99%, like "10%"';
const EXPECTED = 'a mapping like {image: registry.example.com/aviary/caddy:2.6, port: 80}, or false';

function has(m: Mapping, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** Reads a `proxy:` section; undefined when absent (or invalid: the problems are recorded). */
export function readProxy(p: Problems, path: string, raw: unknown): ProxyPart | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw === false) return false;
  const m = mapping(p, path, raw, EXPECTED);
  if (!m) return undefined;
  const before = p.list.length;
  knownKeys(p, path, m, PROXY_KEYS);
  const out: Partial<ProxySpec> = {};
  if (has(m, 'image')) {
    const text = str(p, at(path, 'image'), m.image, { expected: IMAGE_EXPECTED, max: 512 });
    if (text !== undefined && !parseImageRef(text)) p.add(at(path, 'image'), m.image, IMAGE_EXPECTED);
    else if (text !== undefined) out.image = text;
  }
  if (has(m, 'port')) out.port = port(p, at(path, 'port'), m.port);
  if (has(m, 'app-port')) out.appPort = port(p, at(path, 'app-port'), m['app-port']);
  if (has(m, 'network'))
    out.network = str(p, at(path, 'network'), m.network, {
      expected: 'a Docker network name like "aviary-web"',
      pattern: NETWORK,
      max: 63,
    });
  if (has(m, 'drain')) {
    const ms = duration(p, at(path, 'drain'), m.drain);
    if (ms !== undefined && ms > MAX_DRAIN_MS) p.add(at(path, 'drain'), m.drain, 'a duration of at most 5m');
    else if (ms !== undefined) out.drainMs = ms;
  }
  if (has(m, 'canary-weight')) {
    const w = /^\s*(\d{1,2})\s*%\s*$/.exec(typeof m['canary-weight'] === 'string' ? m['canary-weight'] : '');
    if (w && Number(w[1]) >= 1) out.canaryWeight = Number(w[1]);
    else p.add(at(path, 'canary-weight'), m['canary-weight'], WEIGHT_EXPECTED);
  }
  // An invalid section is its own problems only (not also "proxy.image: is missing" after them).
  if (p.list.length > before) return undefined;
  for (const k of Object.keys(out) as Array<keyof ProxySpec>) if (out[k] === undefined) delete out[k];
  return out;
}

export interface ProxyContext {
  service: string;
  group: string; // for messages: groups.<name>
  topField: string; // "proxy"
  groupField: string; // "groups.web.proxy"
  container: ContainerSpec;
  containerField: string; // where the group's container section is written ("container" or "groups.web.container")
  health: HealthSpec;
  /** The group has gates or a pause after its batches: what judges a traffic-weighted canary. */
  judged: boolean;
}

/**
 * A group's proxy: its own section merged field by field over the top level's; none when neither
 * has one or the group says `proxy: false`. Checks what only the whole can tell: an image, the
 * app's port, and that the app's containers publish no port (the proxy owns it).
 */
export function resolveProxy(
  p: Problems,
  top: ProxyPart | undefined,
  group: ProxyPart | undefined,
  ctx: ProxyContext,
): ProxySpec | undefined {
  if (group === false || (group === undefined && (top === undefined || top === false))) return undefined;
  const merged: Partial<ProxySpec> = { ...(top || {}), ...(group || {}) };
  const field = group !== undefined ? ctx.groupField : ctx.topField;
  let ok = true;
  if (!merged.image) {
    p.raw(
      `${at(field, 'image')}: is missing (expected the proxy's image, like "registry.example.com/aviary/caddy:2.6"; see docs/proxy.md)`,
    );
    ok = false;
  }
  const appPort = merged.appPort ?? ctx.health.http?.port ?? ctx.health.tcp?.port;
  if (appPort === undefined) {
    p.raw(
      `${at(field, 'app-port')}: is missing (expected the port the app listens on inside its container, like 8080; the health check's http or tcp port is the default)`,
    );
    ok = false;
  }
  if (ctx.container.ports.length) {
    p.raw(
      `${at(ctx.containerField, 'ports')}: the group ${ctx.group} runs behind the proxy, which owns the published port (${at(field, 'port')}: ${merged.port ?? 80}): remove ports, or turn the proxy off for the group with proxy: false`,
    );
    ok = false;
  }
  const network = merged.network ?? `aviary-${ctx.service}`.slice(0, 63);
  if (ctx.container.network && ctx.container.network !== network) {
    p.raw(
      `${at(ctx.containerField, 'network')}: ${JSON.stringify(ctx.container.network)} is not the proxy's network ${JSON.stringify(network)} (behind the proxy the app's containers join ${at(field, 'network')}; leave container.network out)`,
    );
    ok = false;
  }
  if (merged.canaryWeight !== undefined && !ctx.judged) {
    const written = group && group.canaryWeight !== undefined ? ctx.groupField : ctx.topField;
    p.raw(
      `${at(written, 'canary-weight')}: the group ${ctx.group} has no gates and no strategy.pause: nothing would judge the canary's share of requests (add gates, or a pause like "1m" to watch it)`,
    );
    ok = false;
  }
  if (!ok) return undefined;
  return {
    image: merged.image!,
    port: merged.port ?? 80,
    appPort: appPort!,
    network,
    drainMs: merged.drainMs ?? DEFAULT_DRAIN_MS,
    ...(merged.canaryWeight !== undefined ? { canaryWeight: merged.canaryWeight } : {}),
  };
}
