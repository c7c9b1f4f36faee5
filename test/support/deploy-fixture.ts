// Shared set-up of the rollout tests: a service on a set of real fleet hosts, its config file,
// a deploy call that captures the log, and readers of what every host runs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { stringify } from 'yaml';
import { deploy, DeploySettings } from '../../src/deploy';
import { MemoryLogger } from './memory-logger';
import { RolloutReport } from '../../src/report/types';
import type { ServiceStatus } from '../../src/status';
import { Fleet, loadFleet } from './fleet';
import { buildTestImage, TestImageOptions } from './images';

export interface HostRef {
  name: string;
  address: string;
  docker: Docker;
  endpoint: string;
}

export class DeployFixture {
  readonly fleet: Fleet = loadFleet();
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-test-'));
  readonly builder = new Docker({ socketPath: '/var/run/docker.sock' });

  constructor(
    readonly service: string,
    readonly port: number,
  ) {}

  /** Fleet hosts by name (h1…), with a direct client on each host's unix socket for checking. */
  host(name: string): HostRef {
    const h = this.fleet.hosts.find((x) => x.name === name);
    if (!h) throw new Error(`no host ${name} in the test fleet`);
    return {
      name,
      address: h.address,
      docker: new Docker({ socketPath: h.socket.replace('unix://', '') }),
      endpoint: h.tcp ?? h.socket,
    };
  }

  get repository(): string {
    return `${this.fleet.registry.plain}/${this.service}/app`;
  }

  async image(tag: string, options: Omit<TestImageOptions, 'version'> & { version?: string } = {}): Promise<string> {
    return buildTestImage(
      this.builder,
      `${this.repository}:${tag}`,
      `${this.fleet.registry.plain}/${this.fleet.baseImage}`,
      { version: tag, ...options },
    );
  }

  /** Writes aviary.yml for this service; `extra` is merged over the defaults. */
  writeConfig(groups: Record<string, string[] | object>, extra: Record<string, unknown> = {}): string {
    const config = {
      service: this.service,
      image: this.repository,
      groups: Object.fromEntries(
        Object.entries(groups).map(([g, hosts]) => [g, Array.isArray(hosts) ? { hosts } : hosts]),
      ),
      container: { ports: [`${this.port}:8080`], 'stop-timeout': '2s', env: { APP_ENV: 'test' } },
      strategy: { batches: [1, '50%', '100%'], keep: 2 },
      health: {
        http: { path: '/health', port: this.port, body: 'ok' },
        interval: '200ms',
        timeout: '1s',
        'unhealthy-threshold': 2,
        deadline: '8s',
      },
      ...extra,
    };
    const file = path.join(this.dir, 'aviary.yml');
    fs.writeFileSync(file, stringify(config));
    return file;
  }

  /** `aviary status` of the fixture's config, in process. */
  async status(log = new MemoryLogger()): Promise<ServiceStatus> {
    // Loaded here, not at the top: the suites that judge only the bundle load no engine module.
    const { readStatus } = await import('../../src/status');
    return readStatus(
      {
        configPath: path.join(this.dir, 'aviary.yml'),
        overrides: {},
        dryRun: true,
        forceUnlock: false,
        registry: {},
        ssh: { hostKeyCheck: true },
      },
      log,
    );
  }

  async deploy(
    image: string,
    settings: Partial<DeploySettings> = {},
    signal?: AbortSignal,
  ): Promise<{ report: RolloutReport; log: MemoryLogger }> {
    const log = new MemoryLogger();
    const { report } = await deploy(
      {
        configPath: path.join(this.dir, 'aviary.yml'),
        overrides: { image },
        dryRun: false,
        forceUnlock: false,
        registry: {},
        ssh: { hostKeyCheck: true },
        reportFile: path.join(this.dir, 'report.json'),
        ...settings,
      },
      log,
      process.env,
      signal,
    );
    return { report, log };
  }

  /** What the service's port answers on /version at a host, or the error (no answer within 10 s: a loaded machine can stall 3 s). */
  async version(host: HostRef): Promise<string> {
    try {
      const res = await fetch(`http://${host.address}:${this.port}/version`, { signal: AbortSignal.timeout(10_000) });
      return (await res.text()).trim();
    } catch (err) {
      return `unreachable: ${(err as Error).message}`;
    }
  }

  /** Every container of the service on a host: name, id, state, image. */
  async containers(host: HostRef): Promise<Array<{ name: string; id: string; state: string; image: string }>> {
    const list = await host.docker.listContainers({ all: true });
    return list
      .filter((c) => c.Names.some((n) => n === `/${this.service}` || n.startsWith(`/${this.service}.`)))
      .map((c) => ({ name: c.Names[0].slice(1), id: c.Id, state: c.State, image: c.Image }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Removes the service's containers, its lock and the test's volumes from the hosts. */
  async clean(hosts: HostRef[]): Promise<void> {
    await Promise.all(
      hosts.map(async (h) => {
        const list = await h.docker.listContainers({ all: true });
        for (const c of list) {
          if (
            c.Labels?.['aviary.record.service'] === this.service ||
            c.Names.some(
              (n) =>
                n === `/${this.service}` || n.startsWith(`/${this.service}.`) || n === `/aviary-lock.${this.service}`,
            )
          ) {
            await h.docker
              .getContainer(c.Id)
              .remove({ force: true })
              .catch(() => undefined);
          }
        }
        const vols = await h.docker.listVolumes();
        for (const v of vols.Volumes ?? [])
          if (v.Name.startsWith(this.service))
            await h.docker
              .getVolume(v.Name)
              .remove()
              .catch(() => undefined);
      }),
    );
  }

  /** clean(), then the proxy mode's network (`aviary-<service>`) removed: a proxy-mode suite's last step. */
  async cleanProxied(hosts: HostRef[]): Promise<void> {
    await this.clean(hosts);
    await Promise.all(
      hosts.map((h) =>
        h.docker
          .getNetwork(`aviary-${this.service}`)
          .remove()
          .catch(() => undefined),
      ),
    );
  }

  /** Puts a flag file in a named volume on one host: the flaky test image fails health there. */
  async flag(host: HostRef, volume: string, file: string): Promise<void> {
    const base = `${this.fleet.registry.plain}/${this.fleet.baseImage}`;
    await pull(host.docker, base);
    const c = await host.docker.createContainer({
      Image: base,
      Cmd: ['sh', '-c', `touch /flags/${file}`],
      HostConfig: { Binds: [`${volume}:/flags`] },
    });
    await c.start();
    await c.wait();
    await c.remove();
  }
}

export async function pull(docker: Docker, ref: string): Promise<void> {
  const stream = await docker.pull(ref);
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (e: Error | null) => (e ? reject(e) : resolve())),
  );
}
