// The proxy of one service on one host, through the HostEngine alone (no shell on the host): the
// edge, a Caddy that owns the published port and the network namespace and is never reloaded, and
// the switching Caddy container(s) that share that namespace behind it. Installing, reconfiguring
// and upgrading are gapless: a new switching Caddy starts beside the old one on the same port
// (SO_REUSEPORT), configured before it starts, and the old one stops only once the new one
// answers. Which container the proxy serves is rewritten by every switch: see switch.ts.
import { randomBytes } from 'node:crypto';
import { ContainerSpec } from '../container/config';
import { RunError } from '../errors';
import { HostEngine, ServiceContainer, short } from '../hosts/engine';
import { sleep as realSleep } from '../util/pool';
import { ADMIN, CADDYFILE, Canary, canaryOf, caddyfile, EDGE_PORT, edgeCaddyfile, servedBy } from './caddyfile';
import { ProxySpec } from './config';

/** The labels that say what a proxy container is; with the Caddyfile inside, they are the proxy's records. */
export const PROXY_LABEL = {
  service: 'aviary.proxy.service',
  role: 'aviary.proxy.role', // "edge" (it holds the port) or "proxy" (a switching Caddy)
  port: 'aviary.proxy.port', // the published port
  network: 'aviary.proxy.network',
  appPort: 'aviary.proxy.app-port',
  drainMs: 'aviary.proxy.drain-ms',
} as const;

const EXEC_MS = 10_000;
const READY_MS = 30_000;
/** Caddy's own grace for in-flight requests is 30s (caddyfile.ts); the engine's stop waits a little longer. */
const PROXY_STOP_MS = 35_000;

export function edgeName(service: string): string {
  return `${service}.proxy-edge`;
}

function proxyName(service: string): string {
  return `${service}.proxy-${randomBytes(4).toString('hex')}`;
}

export interface ProxyContainers {
  edge?: ServiceContainer;
  proxies: ServiceContainer[];
}

export async function proxyContainers(host: HostEngine, service: string): Promise<ProxyContainers> {
  const all = await host.containersByLabel(PROXY_LABEL.service, service);
  return {
    edge: all.find((c) => c.labels[PROXY_LABEL.role] === 'edge'),
    proxies: all.filter((c) => c.labels[PROXY_LABEL.role] === 'proxy'),
  };
}

/** The running proxy of a service on a host: what a switch points, waits on and health-checks through. */
export class HostProxy {
  constructor(
    readonly host: HostEngine,
    readonly service: string,
    readonly appPort: number,
    readonly drainMs: number,
    /** Every running Caddy of the service (two only while an upgrade was cut short). */
    readonly proxies: ServiceContainer[],
    private readonly sleep: (ms: number) => Promise<void> = realSleep,
  ) {}

  /** The service's proxy on the host, from its containers' labels; undefined when none runs there. */
  static async find(
    host: HostEngine,
    service: string,
    sleep?: (ms: number) => Promise<void>,
  ): Promise<HostProxy | undefined> {
    const { proxies } = await proxyContainers(host, service);
    const running = proxies.filter((c) => c.running);
    if (!running.length) return undefined;
    const labels = running[0].labels;
    return new HostProxy(
      host,
      service,
      Number(labels[PROXY_LABEL.appPort]),
      Number(labels[PROXY_LABEL.drainMs] ?? 0),
      running,
      sleep,
    );
  }

  /** The Caddy that health checks run in (it reaches the app's containers by their id). */
  get probeContainer(): string {
    return this.proxies[0].id;
  }

  /**
   * Points every running proxy at a container (or at none: 503) and reloads it: new requests go
   * there at once. With a `canary`, the canary gets its share of them (a traffic-weighted canary).
   */
  async point(target: string | undefined, canary?: Canary): Promise<void> {
    const text = caddyfile(target, this.appPort, canary);
    for (const p of this.proxies) {
      await this.host.putFile(p.id, CADDYFILE, text);
      await reload(this.host, p.id);
    }
  }

  /** The container the proxy serves now (12 hex digits), as its Caddyfile says. */
  async serving(): Promise<string | undefined> {
    return (await this.route()).serving;
  }

  /** The container the proxy serves now and the canary it shares requests with, as its Caddyfile says. */
  async route(): Promise<{ serving?: string; canary?: Canary }> {
    const r = await this.host.execIn(this.probeContainer, ['cat', CADDYFILE], EXEC_MS);
    return r.exitCode === 0 ? { serving: servedBy(r.output), canary: canaryOf(r.output) } : {};
  }

  /** Whether the container accepts connections on the app's port, as seen from the proxy; polled until `deadlineMs`. */
  async ready(id: string, deadlineMs = READY_MS): Promise<boolean> {
    const end = Date.now() + deadlineMs;
    for (let wait = 25; ; wait = Math.min(wait * 2, 500)) {
      // A refused connection is retried; an engine that cannot run the probe at all fails the step.
      const r = await this.host.execIn(
        this.probeContainer,
        ['nc', '-w', '1', short(id), String(this.appPort)],
        EXEC_MS,
      );
      if (r.exitCode === 0) return true;
      if (Date.now() >= end) return false;
      await this.sleep(wait);
    }
  }

  /** Lets the requests that the old route took finish before its container stops. */
  async drain(): Promise<void> {
    if (this.drainMs > 0) await this.sleep(this.drainMs);
  }
}

async function reload(host: HostEngine, id: string): Promise<void> {
  const r = await host.execIn(
    id,
    ['caddy', 'reload', '--config', CADDYFILE, '--adapter', 'caddyfile', '--address', ADMIN],
    EXEC_MS,
  );
  if (r.exitCode !== 0)
    throw new RunError(
      `${host.name}: the proxy ${short(id)} refused its new configuration (caddy reload exited ${r.exitCode}): ${lastLine(r.output)}`,
    );
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.slice(0, 300) ?? '';
}

function baseSpec(over: Partial<ContainerSpec>): ContainerSpec {
  return {
    ports: [],
    env: {},
    secretEnv: {},
    volumes: [],
    restart: 'unless-stopped',
    stopTimeoutMs: PROXY_STOP_MS,
    labels: {},
    ...over,
  };
}

export interface EnsureOptions {
  registryAuth?: object;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Makes the host's proxy what `spec` says, serving `current` (the container named after the
 * service), without losing a request: installs it on a host without one, upgrades it when its
 * image or settings changed (new Caddy beside the old one, then the old one stops gracefully),
 * removes what an upgrade cut short left, and points it at `current`. Returns what it changed.
 */
export async function ensureProxy(
  host: HostEngine,
  service: string,
  spec: ProxySpec,
  current: ServiceContainer | undefined,
  options: EnsureOptions = {},
): Promise<{ proxy: HostProxy; changes: string[] }> {
  const changes: string[] = [];
  const sleep = options.sleep ?? realSleep;
  await host.ensureNetwork(spec.network, { [PROXY_LABEL.service]: service });
  const found = await proxyContainers(host, service);
  if (!(await host.imageDigest(spec.image))) await host.pull(spec.image, options.registryAuth);

  let edge = found.edge;
  if (
    edge &&
    (edge.labels[PROXY_LABEL.port] !== String(spec.port) || edge.labels[PROXY_LABEL.network] !== spec.network)
  ) {
    throw new RunError(
      `${host.name}: the proxy of ${service} publishes port ${edge.labels[PROXY_LABEL.port]} on network ${edge.labels[PROXY_LABEL.network]}, the config says ${spec.port} on ${spec.network}: moving the published port cannot be gapless; remove ${edgeName(service)} and the ${service}.proxy-* containers to let aviary make them again (see docs/proxy.md)`,
    );
  }
  let restartProxies = false;
  if (!edge) {
    const labels = {
      [PROXY_LABEL.service]: service,
      [PROXY_LABEL.role]: 'edge',
      [PROXY_LABEL.port]: String(spec.port),
      [PROXY_LABEL.network]: spec.network,
    };
    const id = await host.create(
      edgeName(service),
      spec.image,
      baseSpec({ ports: [`${spec.port}:${EDGE_PORT}`], network: spec.network }),
      labels,
    );
    await host.putFile(id, CADDYFILE, edgeCaddyfile());
    try {
      await host.start(id);
    } catch (err) {
      await host.remove(id);
      const message = (err as Error).message ?? String(err);
      if (!/already allocated|address already in use/i.test(message)) throw err;
      throw new RunError(
        `${host.name}: port ${spec.port} is published by another container (the service's own, from stop-and-start mode?), so the proxy cannot take it: see "Turning proxy mode on" in docs/proxy.md (${message})`,
      );
    }
    edge = {
      id,
      name: edgeName(service),
      image: spec.image,
      imageId: '',
      running: true,
      state: 'running',
      created: new Date().toISOString(),
      labels,
    };
    changes.push(`published port ${spec.port} (${edgeName(service)})`);
  } else if (!edge.running) {
    // The switching proxies joined the edge's network namespace, which died with it: they start again in the new one.
    await host.start(edge.id);
    restartProxies = true;
    changes.push(`started ${edgeName(service)} again`);
  }

  const wanted = (c: ServiceContainer) =>
    c.running &&
    c.image === spec.image &&
    c.labels[PROXY_LABEL.appPort] === String(spec.appPort) &&
    c.labels[PROXY_LABEL.drainMs] === String(spec.drainMs) &&
    !restartProxies;
  let keep = found.proxies.find(wanted);
  // An edge the engine restarted on its own has a new network namespace; a switching proxy left in
  // the old one no longer reaches it (nor the edge it): it is replaced like an outdated one.
  if (keep && (await host.execIn(keep.id, ['nc', '-w', '1', '127.0.0.1', String(EDGE_PORT)], EXEC_MS)).exitCode !== 0) {
    changes.push(`the proxy ${short(keep.id)} had lost the edge's network (the edge restarted)`);
    keep = undefined;
  }
  const route = current?.id;
  if (!keep) {
    // Configured before it starts, so it serves the right container from its first request.
    const labels = {
      [PROXY_LABEL.service]: service,
      [PROXY_LABEL.role]: 'proxy',
      [PROXY_LABEL.appPort]: String(spec.appPort),
      [PROXY_LABEL.drainMs]: String(spec.drainMs),
    };
    const name = proxyName(service);
    const id = await host.create(name, spec.image, baseSpec({ network: `container:${edge.id}` }), labels);
    await host.putFile(id, CADDYFILE, caddyfile(route, spec.appPort));
    await host.start(id);
    await waitAnswering(host, id, sleep);
    keep = {
      id,
      name,
      image: spec.image,
      imageId: '',
      running: true,
      state: 'running',
      created: new Date().toISOString(),
      labels,
    };
    const old = found.proxies.filter((c) => c.running);
    changes.push(
      old.length
        ? `upgraded the proxy to ${spec.image} (${old.map((c) => c.image).join(', ')} before)`
        : `installed the proxy ${spec.image}`,
    );
  }
  // The others stop gracefully (Caddy finishes their in-flight requests) once the kept one answers.
  for (const c of found.proxies) {
    if (c.id === keep.id) continue;
    if (c.running) await host.stop(c.id, PROXY_STOP_MS);
    await host.remove(c.id);
  }
  const proxy = new HostProxy(host, service, spec.appPort, spec.drainMs, [keep], sleep);
  // Reloaded even when its file already names the route: a run cut between the write and the
  // reload left the file ahead of what the proxy serves (Caddy skips a reload that changes nothing).
  const serving = await proxy.serving();
  await proxy.point(route);
  if (serving !== (route && short(route)))
    changes.push(`pointed the proxy at ${route ? `${current!.name} (${short(route)})` : 'nothing'}`);
  return { proxy, changes };
}

/** A new Caddy answers once its admin endpoint takes a configuration: a reload of the one it started with. */
async function waitAnswering(host: HostEngine, id: string, sleep: (ms: number) => Promise<void>): Promise<void> {
  const end = Date.now() + READY_MS;
  for (let wait = 25; ; wait = Math.min(wait * 2, 500)) {
    const r = await host.execIn(
      id,
      ['caddy', 'reload', '--config', CADDYFILE, '--adapter', 'caddyfile', '--address', ADMIN],
      EXEC_MS,
    );
    if (r.exitCode === 0) return;
    const now = await host.container(id);
    if (!now?.running)
      throw new RunError(
        `${host.name}: the new proxy ${short(id)} (${now?.state ?? 'gone'}) did not start: ${lastLine(r.output)}`,
      );
    if (Date.now() >= end)
      throw new RunError(
        `${host.name}: the new proxy ${short(id)} did not answer within ${READY_MS / 1000}s: ${lastLine(r.output)}`,
      );
    await sleep(wait);
  }
}
