// The deploy lock: one rollout of a service at a time, held on the hosts themselves as a container
// that is created (never started) under a fixed name; the engine's unique names make taking it atomic.
import * as os from 'node:os';
import { pack } from 'tar-stream';
import { RunError } from '../errors';
import { DockerHost, statusOf } from '../hosts/docker-host';
import { Logger } from '../log';
import { mapLimit, sleep } from '../util/pool';

/** An empty image imported on each host, so that a lock needs nothing pulled from any registry. */
const LOCK_IMAGE = 'aviary-lock:1';

const L = {
  service: 'aviary.lock.service',
  owner: 'aviary.lock.owner',
  deployment: 'aviary.lock.deployment',
  machine: 'aviary.lock.machine',
  pid: 'aviary.lock.pid',
  acquiredAt: 'aviary.lock.acquired-at',
  expiresAt: 'aviary.lock.expires-at',
} as const;

export interface LockOwner {
  owner: string;        // the run URL, or user@machine
  deployment: string;   // the deployment id of the run holding it
  machine: string;
  pid: number;
}

export interface LockInfo extends LockOwner {
  host: string;
  acquiredAt: string;
  expiresAt: string;
}

export function lockName(service: string): string {
  return `aviary-lock.${service}`;
}

/** Who is running this: the GitHub run URL when there is one, else user@machine. */
export function currentOwner(deployment: string, env: NodeJS.ProcessEnv = process.env): LockOwner {
  const runUrl = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
    ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
    : undefined;
  let user = env.USER ?? 'unknown';
  try { user = os.userInfo().username; } catch { /* no passwd entry */ }
  return { owner: runUrl ?? `${user}@${os.hostname()}`, deployment, machine: os.hostname(), pid: process.pid };
}

/** Why a held lock may be taken over, or undefined when its holder may still be running. */
export function staleness(info: LockInfo, now = Date.now()): string | undefined {
  // On this machine the holder's process says for sure: a live run keeps its lock past expiry.
  if (info.machine === os.hostname() && info.pid > 0 && info.pid !== process.pid) {
    return processAlive(info.pid) ? undefined : `its process ${info.pid} on ${info.machine} is gone`;
  }
  if (Date.parse(info.expiresAt) < now) return `it expired at ${info.expiresAt}`;
  return undefined;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function describeHolder(info: LockInfo): string {
  return `${info.owner} (deployment ${info.deployment}, since ${info.acquiredAt}, expires ${info.expiresAt}, on host ${info.host})`;
}

export class DeployLock {
  private held = new Map<DockerHost, string | undefined>();  // the lock container this run created, by host

  constructor(
    private readonly service: string,
    private readonly hosts: DockerHost[],
    private readonly me: LockOwner,
    private readonly timeoutMs: number,
    private readonly log: Logger,
    private readonly parallel = 32,
  ) {}

  /**
   * Takes the lock on every host. The first host decides between runs that start together (whoever
   * creates the lock there wins); the rest are taken in parallel. Returns the stale locks it took
   * over, whose runs may have left hosts mid-swap.
   */
  async acquire(force = false): Promise<LockInfo[]> {
    const [first, ...rest] = this.hosts;
    const takenOver: LockInfo[] = [];
    try {
      if (first) await this.take(first, force, takenOver);
      const results = await mapLimit(rest, this.parallel, (h) => this.take(h, force, takenOver));
      const failed = results.find((r) => !r.ok);
      if (failed && !failed.ok) throw failed.error;
    } catch (err) {
      await this.release();
      throw err;
    }
    return takenOver;
  }

  private async take(host: DockerHost, force: boolean, takenOver: LockInfo[]): Promise<void> {
    for (let attempt = 0; attempt < 7; attempt++) {
      try {
        const created = await host.docker.createContainer({
          name: lockName(this.service),
          Image: LOCK_IMAGE,
          Cmd: ['aviary-lock'],
          Labels: this.labels(),
        });
        this.held.set(host, created.id);
        return;
      } catch (err) {
        // The first lock on a host: no lock image there yet.
        if (statusOf(err) === 404) { await ensureLockImage(host); continue; }
        if (statusOf(err) !== 409) throw new RunError(`${host.name}: could not take the deploy lock: ${(err as Error).message}`);
      }
      const holder = await readLock(host, this.service);
      if (!holder) {
        // Released in between, or another run's create is still in progress: back off and look again.
        await sleep(100 * 2 ** attempt);
        continue;
      }
      if (holder.deployment === this.me.deployment) { this.held.set(host, undefined); return; }
      const stale = staleness(holder);
      if (!force && !stale) {
        throw new RunError(`${this.service} is being deployed by ${describeHolder(holder)}; wait for it, or use force-unlock if that run is gone`);
      }
      this.log.warn(`${host.name}: taking over the deploy lock of ${describeHolder(holder)}: ${force ? 'force-unlock was given' : stale}`);
      takenOver.push(holder);
      await host.remove(lockName(this.service));
    }
    throw new RunError(`${host.name}: another run is taking the deploy lock of ${this.service} at the same moment; try again`);
  }

  private labels(): Record<string, string> {
    const now = Date.now();
    return {
      [L.service]: this.service,
      [L.owner]: this.me.owner,
      [L.deployment]: this.me.deployment,
      [L.machine]: this.me.machine,
      [L.pid]: String(this.me.pid),
      [L.acquiredAt]: new Date(now).toISOString(),
      [L.expiresAt]: new Date(now + this.timeoutMs).toISOString(),
    };
  }

  /** Removes this run's lock from every host where it holds it; never throws (it runs on every exit path). */
  async release(): Promise<void> {
    const hosts = [...this.held.keys()];
    await mapLimit(hosts, this.parallel, async (host) => {
      try {
        // The container this run created is removed by its id: another run's lock is never touched.
        const id = this.held.get(host);
        if (id) { await host.remove(id); this.held.delete(host); return; }
        const holder = await readLock(host, this.service);
        if (holder && holder.deployment !== this.me.deployment) return;
        await host.remove(lockName(this.service));
        this.held.delete(host);
      } catch (err) {
        this.log.warn(`${host.name}: could not release the deploy lock: ${(err as Error).message}`);
      }
    });
  }
}

/** The lock held on a host, if any. */
export async function readLock(host: DockerHost, service: string): Promise<LockInfo | undefined> {
  const info = await host.inspect(lockName(service));
  if (!info) return undefined;
  const l = info.Config.Labels ?? {};
  return {
    host: host.name,
    owner: l[L.owner] ?? 'unknown',
    deployment: l[L.deployment] ?? 'unknown',
    machine: l[L.machine] ?? '',
    pid: Number(l[L.pid] ?? 0),
    acquiredAt: l[L.acquiredAt] ?? '',
    expiresAt: l[L.expiresAt] ?? '',
  };
}

/** Removes the lock from every host whatever its holder; returns the holders it removed. */
export async function forceUnlock(service: string, hosts: DockerHost[], log: Logger): Promise<LockInfo[]> {
  const removed: LockInfo[] = [];
  await mapLimit(hosts, 32, async (host) => {
    const holder = await readLock(host, service);
    if (!holder) return;
    log.warn(`${host.name}: removing the deploy lock of ${describeHolder(holder)}`);
    await host.remove(lockName(service));
    removed.push(holder);
  });
  return removed;
}

const imported = new WeakSet<DockerHost>();

async function ensureLockImage(host: DockerHost): Promise<void> {
  if (imported.has(host)) return;
  try {
    await host.docker.getImage(LOCK_IMAGE).inspect();
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
    const tar = pack();
    tar.entry({ name: 'aviary-lock', mode: 0o644 }, 'an aviary deploy lock holds no program\n');
    tar.finalize();
    const [repo, tag] = LOCK_IMAGE.split(':');
    const stream = await host.docker.importImage(tar as unknown as NodeJS.ReadableStream, { repo, tag });
    await new Promise<void>((resolve, reject) => host.docker.modem.followProgress(stream, (e: Error | null) => (e ? reject(e) : resolve())));
  }
  imported.add(host);
}
