// One host's Docker engine as the rollout sees it: the service's containers, pulls, and the swap's
// primitive steps, each bounded by a timeout so that a host cut off from the network never hangs a run.
import type Dockerode from 'dockerode';
import { ContainerSpec } from '../config/types';
import { RunError } from '../errors';
import { TimeoutError, withTimeout } from '../util/pool';
import { formatDuration } from '../util/duration';

export const LABEL = {
  service: 'aviary.service',
  deployment: 'aviary.deployment',
  image: 'aviary.image',
  digest: 'aviary.digest',
  previous: 'aviary.previous',
  previousImage: 'aviary.previous-image',
  deployedBy: 'aviary.deployed-by',
  deployedAt: 'aviary.deployed-at',
} as const;

/** A container of the service on a host, as read from the engine. */
export interface ServiceContainer {
  id: string;
  name: string;             // without the leading "/"
  image: string;            // the reference it was created from
  imageId: string;
  running: boolean;
  state: string;            // running, exited, created, restarting…
  created: string;          // ISO time
  labels: Record<string, string>;
}

export interface Timeouts {
  requestMs: number;        // one API call
  pullMs: number;           // one image pull
  pullStallMs: number;      // one image pull without a progress message from the engine
}

export const DEFAULT_TIMEOUTS: Timeouts = { requestMs: 15_000, pullMs: 10 * 60_000, pullStallMs: 60_000 };

export class DockerHost {
  /**
   * `docker` aborts requests idle for long; `untimed` is the same engine without that idle timeout,
   * for pulls and stops that may be silent for a while (they are bounded here instead).
   */
  constructor(
    readonly name: string,
    readonly docker: Dockerode,
    private readonly untimed: Dockerode = docker,
    private readonly timeouts: Timeouts = DEFAULT_TIMEOUTS,
    private readonly onClose: () => void = () => undefined,
  ) {}

  /** Releases the connection (pooled sockets, SSH session). */
  close(): void {
    this.onClose();
  }

  /**
   * One remote call, bounded in time. A failure says which step failed on which host
   * ("h2: stop container 3f2a…: socket hang up"), and keeps the engine's status code for callers.
   */
  private async call<T>(what: string, p: Promise<T>, ms = this.timeouts.requestMs): Promise<T> {
    try {
      return await withTimeout(p, ms, `${this.name}: ${what}`);
    } catch (err) {
      if (err instanceof TimeoutError) throw err;
      const reason = (err as Error)?.message ?? String(err);
      throw Object.assign(new Error(`${this.name}: ${what}: ${reason.replace(/^\(HTTP code \d+\) [a-z ]+ - /, '')}`), { statusCode: statusOf(err), cause: err });
    }
  }

  /** Every container of the service: the current one (named exactly `service`) and the kept ones. */
  async serviceContainers(service: string): Promise<ServiceContainer[]> {
    const list = await this.call('list containers', this.docker.listContainers({ all: true }));
    return list
      .filter((c) => c.Labels?.[LABEL.service] === service || c.Names.some((n) => n === `/${service}`))
      .map((c) => ({
        id: c.Id,
        name: (c.Names.find((n) => n.split('/').length === 2) ?? c.Names[0] ?? '').replace(/^\//, ''),
        image: c.Labels?.[LABEL.image] || c.Image,
        imageId: c.ImageID,
        running: c.State === 'running',
        state: c.State,
        created: new Date(c.Created * 1000).toISOString(),
        labels: c.Labels ?? {},
      }));
  }

  /** The repository digest of a local image (sha256:…), or its image id when it has none. */
  async imageDigest(ref: string): Promise<{ id: string; digest: string } | undefined> {
    try {
      const info = await this.call(`inspect image ${ref}`, this.docker.getImage(ref).inspect());
      const repo = repositoryOf(ref);
      const match = (info.RepoDigests ?? []).find((d) => d.split('@')[0] === repo) ?? info.RepoDigests?.[0];
      return { id: info.Id, digest: match ? match.split('@')[1] : info.Id };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  /** Pulls an image, passing the registry credentials with this pull only (never stored on the host). */
  async pull(ref: string, auth?: object): Promise<void> {
    const stream = await this.call(`pull ${ref}`, this.untimed.pull(ref, auth ? { authconfig: auth } : {}) as Promise<NodeJS.ReadableStream>);
    await this.call(`pull ${ref}`, new Promise<void>((resolve, reject) => {
      // The engine reports progress while bytes move (and "Retrying in…" when they do not); a pull
      // silent for pullStallMs has lost its host's network or its registry: cut it now, not after pullMs.
      const stallMs = this.timeouts.pullStallMs;
      let stalled: NodeJS.Timeout | undefined;
      const moving = () => {
        clearTimeout(stalled);
        stalled = setTimeout(() => {
          (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
          reject(new Error(`no progress for ${formatDuration(stallMs)}: the host lost its network, or the registry stopped sending`));
        }, stallMs);
      };
      moving();
      this.untimed.modem.followProgress(stream, (err: Error | null, output: Array<{ error?: string; errorDetail?: { message?: string } }>) => {
        clearTimeout(stalled);
        if (err) return reject(err);
        const failed = (output ?? []).find((o) => o.error || o.errorDetail);
        if (failed) return reject(new RunError(failed.errorDetail?.message ?? failed.error ?? 'pull failed'));
        resolve();
      }, moving);
    }), this.timeouts.pullMs);
  }

  async create(name: string, image: string, spec: ContainerSpec, labels: Record<string, string>): Promise<string> {
    const { exposed, bindings } = portBindings(spec.ports);
    const env = [...Object.entries(spec.env), ...Object.entries(spec.secretEnv)].map(([k, v]) => `${k}=${v}`);
    const created = await this.call(`create container ${name}`, this.docker.createContainer({
      name,
      Image: image,
      Env: env,
      Cmd: spec.command,
      Labels: { ...spec.labels, ...labels },
      ExposedPorts: exposed,
      StopTimeout: Math.ceil(spec.stopTimeoutMs / 1000),
      HostConfig: {
        PortBindings: bindings,
        Binds: spec.volumes.length ? spec.volumes : undefined,
        RestartPolicy: { Name: spec.restart === 'no' ? '' : spec.restart },
        NetworkMode: spec.network,
      },
    }));
    return created.id;
  }

  async start(id: string): Promise<void> {
    await this.call(`start container ${short(id)}`, ignore304(this.docker.getContainer(id).start()));
  }

  async stop(id: string, timeoutMs: number): Promise<void> {
    const seconds = Math.ceil(timeoutMs / 1000);
    await this.call(`stop container ${short(id)}`, ignore304(this.untimed.getContainer(id).stop({ t: seconds })), timeoutMs + this.timeouts.requestMs);
  }

  async rename(id: string, name: string): Promise<void> {
    await this.call(`rename container ${short(id)} to ${name}`, this.docker.getContainer(id).rename({ name }));
  }

  async remove(id: string): Promise<void> {
    try {
      await this.call(`remove container ${short(id)}`, this.docker.getContainer(id).remove({ force: true, v: false }));
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
  }

  async inspect(id: string): Promise<Dockerode.ContainerInspectInfo | undefined> {
    try {
      return await this.call(`inspect container ${short(id)}`, this.docker.getContainer(id).inspect());
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }
}

/** docker -p syntax → the engine's ExposedPorts and PortBindings. */
export function portBindings(ports: string[]): { exposed: Record<string, object>; bindings: Record<string, Array<{ HostIp?: string; HostPort: string }>> } {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp?: string; HostPort: string }>> = {};
  for (const p of ports) {
    const [spec, proto = 'tcp'] = p.split('/');
    const parts = spec.split(':');
    const containerPort = parts.pop()!;
    const hostPort = parts.pop() ?? '';
    const hostIp = parts.pop();
    const key = `${containerPort}/${proto}`;
    exposed[key] = {};
    (bindings[key] ??= []).push(hostIp ? { HostIp: hostIp, HostPort: hostPort } : { HostPort: hostPort });
  }
  return { exposed, bindings };
}

/** registry:5000/a/b:tag@sha256:… → registry:5000/a/b */
export function repositoryOf(ref: string): string {
  const noDigest = ref.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** A 64-hex id as its first 12 characters; a name stays as it is. */
export function short(id: string): string {
  const hex = id.replace(/^sha256:/, '');
  return /^[0-9a-f]{64}$/.test(hex) ? hex.slice(0, 12) : id;
}

export function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number })?.statusCode;
}

async function ignore304<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (statusOf(err) === 304) return undefined; // already started / already stopped
    throw err;
  }
}
