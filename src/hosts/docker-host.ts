// One host's Docker engine as the rollout sees it (HostEngine) over the Engine API: the service's
// containers, pulls, the switch's primitive steps and the record containers, each bounded by a
// timeout so that a host cut off from the network never hangs a run.
import type Dockerode from 'dockerode';
import { pack } from 'tar-stream';
import { ContainerSpec } from '../container/config';
import { RunError } from '../errors';
import {
  ConflictError,
  ExecResult,
  HostEngine,
  LABEL,
  RecordContainer,
  ServiceContainer,
  short,
  statusOf,
} from './engine';
import { demuxDockerStream } from './docker-stream';
import { TimeoutError, withTimeout } from '../util/pool';
import { formatDuration } from '../util/duration';

export interface Timeouts {
  requestMs: number; // one API call
  pullMs: number; // one image pull
  pullStallMs: number; // one image pull without a progress message from the engine
}

export const DEFAULT_TIMEOUTS: Timeouts = { requestMs: 15_000, pullMs: 10 * 60_000, pullStallMs: 60_000 };

export { LABEL, short, statusOf };
export type { ServiceContainer };

/** An empty image imported on each host, so that a record needs nothing pulled from any registry. */
const RECORD_IMAGE = 'aviary-lock:1';

export class DockerHost implements HostEngine {
  private recordImage = false;
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
      throw Object.assign(new Error(`${this.name}: ${what}: ${reason.replace(/^\(HTTP code \d+\) [a-z ]+ - /, '')}`), {
        statusCode: statusOf(err),
        cause: err,
      });
    }
  }

  /** Every container of the service: the current one (named exactly `service`) and the kept ones. */
  async serviceContainers(service: string): Promise<ServiceContainer[]> {
    const list = await this.call('list containers', this.docker.listContainers({ all: true }));
    return (
      list
        // A kept name is aviary's record too: the container a first deploy replaced may carry no label.
        .filter(
          (c) =>
            c.Labels?.[LABEL.service] === service ||
            c.Names.some((n) => n === `/${service}` || n.startsWith(`/${service}.old-`)),
        )
        .map((c) => ({
          id: c.Id,
          name: (c.Names.find((n) => n.split('/').length === 2) ?? c.Names[0] ?? '').replace(/^\//, ''),
          image: c.Labels?.[LABEL.image] || c.Image,
          imageId: c.ImageID,
          running: c.State === 'running',
          state: c.State,
          created: new Date(c.Created * 1000).toISOString(),
          labels: c.Labels ?? {},
        }))
    );
  }

  async container(idOrName: string): Promise<ServiceContainer | undefined> {
    const info = await this.inspect(idOrName);
    if (!info) return undefined;
    const labels = info.Config.Labels ?? {};
    return {
      id: info.Id,
      name: info.Name.replace(/^\//, ''),
      image: labels[LABEL.image] || info.Config.Image,
      imageId: info.Image,
      running: info.State.Running,
      state: info.State.Status,
      created: info.Created,
      labels,
    };
  }

  async createRecord(name: string, labels: Record<string, string>): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        const created = await this.call(
          `create record ${name}`,
          this.docker.createContainer({ name, Image: RECORD_IMAGE, Cmd: ['aviary-lock'], Labels: labels }),
        );
        return created.id;
      } catch (err) {
        // The first record on a host: no record image there yet (created first, imported on a 404).
        if (statusOf(err) === 404 && attempt === 0) {
          await this.importRecordImage();
          continue;
        }
        if (statusOf(err) === 409) throw new ConflictError(`${this.name}: ${name} exists`);
        throw err;
      }
    }
  }

  async records(key: string, value: string): Promise<RecordContainer[]> {
    const list = await this.call(
      'list records',
      this.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${key}=${value}`] }) }),
    );
    // The list gives whole seconds: take the end of that second, so that a heartbeat is never judged older than it is.
    return list.map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? '').replace(/^\//, ''),
      labels: c.Labels ?? {},
      createdMs: c.Created * 1000 + 999,
    }));
  }

  async containersByLabel(key: string, value: string): Promise<ServiceContainer[]> {
    const list = await this.call(
      'list containers',
      this.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${key}=${value}`] }) }),
    );
    return list.map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? '').replace(/^\//, ''),
      image: c.Image,
      imageId: c.ImageID,
      running: c.State === 'running',
      state: c.State,
      created: new Date(c.Created * 1000).toISOString(),
      labels: c.Labels ?? {},
    }));
  }

  async ensureNetwork(name: string, labels: Record<string, string>): Promise<void> {
    const found = await this.call(
      'list networks',
      this.docker.listNetworks({ filters: JSON.stringify({ name: [name] }) }),
    );
    if (found.some((n) => n.Name === name)) return;
    try {
      await this.call(
        `create network ${name}`,
        this.docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: labels }),
      );
    } catch (err) {
      if (statusOf(err) !== 409) throw err; // made by another run a moment ago
    }
  }

  async execIn(id: string, argv: string[], timeoutMs: number): Promise<ExecResult> {
    let stream: NodeJS.ReadableStream | undefined;
    const release = () => (stream as unknown as { destroy?: () => void } | undefined)?.destroy?.();
    return this.call(
      `exec ${argv[0]} in container ${short(id)}`,
      (async () => {
        const exec = await this.docker
          .getContainer(id)
          .exec({ Cmd: argv, AttachStdout: true, AttachStderr: true, Tty: false });
        stream = await exec.start({ hijack: true, stdin: false });
        const raw = await new Promise<Buffer>((resolve, reject) => {
          const chunks: Buffer[] = [];
          let size = 0;
          stream!.on('data', (c: Buffer) => {
            if (size < 64 * 1024) chunks.push(c);
            size += c.length;
          });
          stream!.once('end', () => resolve(Buffer.concat(chunks)));
          stream!.once('close', () => resolve(Buffer.concat(chunks)));
          stream!.once('error', reject);
        });
        // The exit code is recorded just after the stream closes; ask again briefly if it is not yet.
        let info = await exec.inspect();
        for (let i = 0; i < 20 && (info.Running || info.ExitCode === null); i++) {
          await new Promise((r) => setTimeout(r, 20));
          info = await exec.inspect();
        }
        return { exitCode: info.ExitCode ?? -1, output: demuxDockerStream(raw).text };
      })().finally(release),
      timeoutMs,
    );
  }

  async putFile(id: string, path: string, content: string): Promise<void> {
    const slash = path.lastIndexOf('/');
    const tar = pack();
    tar.entry({ name: path.slice(slash + 1), mode: 0o644 }, content);
    tar.finalize();
    const chunks: Buffer[] = [];
    for await (const c of tar as unknown as AsyncIterable<Buffer>) chunks.push(c);
    await this.call(
      `write ${path} into container ${short(id)}`,
      this.docker.getContainer(id).putArchive(Buffer.concat(chunks), { path: path.slice(0, slash) || '/' }),
    );
  }

  async registryConfig(): Promise<unknown> {
    return ((await this.call('read the engine info', this.docker.info())) as { RegistryConfig?: unknown })
      .RegistryConfig;
  }

  async clock(): Promise<number> {
    const info = (await this.call('read the engine clock', this.docker.info())) as { SystemTime?: string };
    const t = Date.parse(info.SystemTime ?? '');
    return Number.isFinite(t) ? t : Date.now();
  }

  private async importRecordImage(): Promise<void> {
    if (this.recordImage) return;
    const tar = pack();
    tar.entry({ name: 'aviary-lock', mode: 0o644 }, 'an aviary record container holds no program\n');
    tar.finalize();
    const [repo, tag] = RECORD_IMAGE.split(':');
    const stream = await this.call(
      'import the record image',
      this.docker.importImage(tar as unknown as NodeJS.ReadableStream, { repo, tag }),
    );
    await this.call(
      'import the record image',
      new Promise<void>((resolve, reject) =>
        this.docker.modem.followProgress(stream, (e: Error | null) => (e ? reject(e) : resolve())),
      ),
    );
    this.recordImage = true;
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
    const stream = await this.call(
      `pull ${ref}`,
      this.untimed.pull(ref, auth ? { authconfig: auth } : {}) as Promise<NodeJS.ReadableStream>,
    );
    await this.call(
      `pull ${ref}`,
      new Promise<void>((resolve, reject) => {
        // The engine reports progress while bytes move (and "Retrying in…" when they do not); a pull
        // silent for pullStallMs has lost its host's network or its registry: cut it now, not after pullMs.
        const stallMs = this.timeouts.pullStallMs;
        let stalled: NodeJS.Timeout | undefined;
        const moving = () => {
          clearTimeout(stalled);
          stalled = setTimeout(() => {
            (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
            reject(
              new Error(
                `no progress for ${formatDuration(stallMs)}: the host lost its network, or the registry stopped sending`,
              ),
            );
          }, stallMs);
        };
        moving();
        this.untimed.modem.followProgress(
          stream,
          (err: Error | null, output: Array<{ error?: string; errorDetail?: { message?: string } }>) => {
            clearTimeout(stalled);
            if (err) return reject(err);
            const failed = (output ?? []).find((o) => o.error || o.errorDetail);
            if (failed) return reject(new RunError(failed.errorDetail?.message ?? failed.error ?? 'pull failed'));
            resolve();
          },
          moving,
        );
      }),
      this.timeouts.pullMs,
    );
  }

  async create(name: string, image: string, spec: ContainerSpec, labels: Record<string, string>): Promise<string> {
    const { exposed, bindings } = portBindings(spec.ports);
    const env = [...Object.entries(spec.env), ...Object.entries(spec.secretEnv)].map(([k, v]) => `${k}=${v}`);
    const created = await this.call(
      `create container ${name}`,
      this.docker.createContainer({
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
      }),
    );
    return created.id;
  }

  async start(id: string): Promise<void> {
    await this.call(`start container ${short(id)}`, ignore304(this.docker.getContainer(id).start()));
  }

  async stop(id: string, timeoutMs: number): Promise<void> {
    const seconds = Math.ceil(timeoutMs / 1000);
    await this.call(
      `stop container ${short(id)}`,
      ignore304(this.untimed.getContainer(id).stop({ t: seconds })),
      timeoutMs + this.timeouts.requestMs,
    );
  }

  async rename(id: string, name: string): Promise<void> {
    try {
      await this.call(`rename container ${short(id)} to ${name}`, this.docker.getContainer(id).rename({ name }));
    } catch (err) {
      // 409: the name is another container's; 400: it is this one's already (a rename race lost).
      if (statusOf(err) === 409 || statusOf(err) === 400) throw new ConflictError((err as Error).message);
      throw err;
    }
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

/** The Engine API client behind a host, for the checks that exec in or read logs of its containers. */
export function dockerOf(host: HostEngine): Dockerode {
  if (!(host instanceof DockerHost)) throw new Error(`${host.name}: not a Docker Engine API host`);
  return host.docker;
}

/** docker -p syntax → the engine's ExposedPorts and PortBindings. */
export function portBindings(ports: string[]): {
  exposed: Record<string, object>;
  bindings: Record<string, Array<{ HostIp?: string; HostPort: string }>>;
} {
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

async function ignore304<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (statusOf(err) === 304) return undefined; // already started / already stopped
    throw err;
  }
}
