// The deploy lock: one rollout of a service at a time. It is a record container under a fixed name
// on every host of the run (the engine's unique names make taking it atomic), kept alive by
// heartbeat records while its run works, and taken over only once that heartbeat has stopped: by
// renaming it to a name derived from its id, which exactly one of any number of takers can do.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { RunError } from '../errors';
import { ConflictError, HostEngine, RecordContainer, ServiceContainer, statusOf } from '../hosts/engine';
import { Logger } from '../log';
import { formatDuration } from '../util/duration';
import { mapLimit, sleep as realSleep } from '../util/pool';
import { beatName, deadName, lockName, RECORD } from './records';

export interface LockOwner {
  owner: string; // the run URL, or user@machine
  deployment: string; // the deployment id of the run holding it
  machine: string; // hostname
  boot: string; // the machine's boot id: a hostname alone does not tell two machines apart
  pid: number;
  process: string; // the process's start time: a recycled pid is another process
}

export interface LockInfo extends LockOwner {
  host: string;
  id: string;
  acquiredAt: string;
  timeoutMs: number;
  /** Since the last sign of life (the lock or its newest heartbeat), by the host engine's clock. */
  ageMs: number;
  /** How the run ended, once it knew (recorded before its clean-up). */
  outcome?: string;
}

export { lockName };

/** Who is running this: the GitHub run URL when there is one, else user@machine. */
export function currentOwner(deployment: string, env: NodeJS.ProcessEnv = process.env): LockOwner {
  const runUrl =
    env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
      ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined;
  let user = env.USER ?? 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    /* no passwd entry */
  }
  return { owner: runUrl ?? `${user}@${os.hostname()}`, deployment, ...thisProcess() };
}

function thisProcess(): Omit<LockOwner, 'owner' | 'deployment'> {
  return { machine: os.hostname(), boot: bootId(), pid: process.pid, process: processStart(process.pid) ?? '' };
}

function bootId(): string {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined when there is none. */
function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Why a held lock may be taken over, or undefined while its run may still be working. */
export function staleness(info: LockInfo, self = thisProcess()): string | undefined {
  // On the same machine the holder's process says for sure, and at once.
  if (
    info.boot &&
    info.boot === self.boot &&
    info.machine === self.machine &&
    info.pid > 0 &&
    !(info.pid === self.pid && info.process === self.process)
  ) {
    const start = processStart(info.pid);
    if (start === undefined || (info.process && start !== info.process))
      return `its process ${info.pid} on ${info.machine} is gone`;
  }
  if (info.ageMs > info.timeoutMs)
    return `its heartbeat stopped ${formatDuration(info.ageMs)} ago (lock-timeout ${formatDuration(info.timeoutMs)})`;
  return undefined;
}

export function describeHolder(info: LockInfo): string {
  return `${info.owner} (deployment ${info.deployment}, since ${info.acquiredAt}, last heartbeat ${formatDuration(info.ageMs)} ago, on host ${info.host})`;
}

/** Another run holds the lock and is alive. */
export class LockBusyError extends RunError {
  constructor(
    readonly holder: LockInfo,
    service: string,
  ) {
    super(
      `${service} is being deployed by ${describeHolder(holder)}; wait for it (lock-wait), or use force-unlock if that run is gone`,
    );
  }
}

/** The records of one service on one host, read at once. */
export interface HostRecords {
  lock?: LockInfo;
  all: RecordContainer[];
}

/** The lock held on a host, if any, with its age by the engine's clock. */
export async function readLock(host: HostEngine, service: string): Promise<LockInfo | undefined> {
  return (await readRecords(host, service)).lock;
}

export async function readRecords(host: HostEngine, service: string): Promise<HostRecords> {
  const all = await host.records(RECORD.service, service);
  const lock = all.find((r) => r.name === lockName(service));
  if (!lock) {
    // A lock left by aviary before its heartbeat (labels aviary.lock.*): it lives until it expires.
    // (A lock of today's kind found here was taken just now, after the list: the caller looks again.)
    const legacy = await host.container(lockName(service));
    return legacy && !legacy.labels[RECORD.service]
      ? { all, lock: legacyLock(host, legacy, await host.clock()) }
      : { all };
  }
  const beats = all.filter(
    (r) => r.labels[RECORD.kind] === 'beat' && r.labels[RECORD.deployment] === lock.labels[RECORD.deployment],
  );
  const last = Math.max(lock.createdMs, ...beats.map((b) => b.createdMs));
  // Who holds it now: the writer of the newest heartbeat (a post step that took its run's lock back
  // is another process than the one that created it), else the lock's creator.
  const newest = beats.reduce<RecordContainer | undefined>(
    (a, b) => (!a || b.createdMs >= a.createdMs ? b : a),
    undefined,
  );
  const l = {
    ...lock.labels,
    ...pick(newest?.labels ?? {}, [RECORD.machine, RECORD.boot, RECORD.pid, RECORD.process]),
  };
  const now = await host.clock();
  return {
    all,
    lock: {
      host: host.name,
      id: lock.id,
      owner: l[RECORD.owner] ?? 'unknown',
      deployment: l[RECORD.deployment] ?? 'unknown',
      machine: l[RECORD.machine] ?? '',
      boot: l[RECORD.boot] ?? '',
      pid: Number(l[RECORD.pid] ?? 0),
      process: l[RECORD.process] ?? '',
      acquiredAt: l[RECORD.acquiredAt] ?? new Date(lock.createdMs).toISOString(),
      timeoutMs: Number(l[RECORD.timeoutMs]) || 5 * 60_000,
      ageMs: Math.max(0, now - last),
      outcome: beats.map((b) => b.labels[RECORD.outcome]).find(Boolean),
    },
  };
}

function pick(labels: Record<string, string>, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => labels[k] !== undefined).map((k) => [k, labels[k]]));
}

function legacyLock(host: HostEngine, c: ServiceContainer, now: number): LockInfo {
  const l = c.labels;
  const acquired = Date.parse(l['aviary.lock.acquired-at'] ?? c.created);
  const expires = Date.parse(l['aviary.lock.expires-at'] ?? '') || acquired;
  return {
    host: host.name,
    id: c.id,
    owner: l['aviary.lock.owner'] ?? 'unknown',
    deployment: l['aviary.lock.deployment'] ?? 'unknown',
    machine: l['aviary.lock.machine'] ?? '',
    boot: '',
    pid: Number(l['aviary.lock.pid'] ?? 0),
    process: '',
    acquiredAt: new Date(acquired).toISOString(),
    timeoutMs: Math.max(0, expires - acquired),
    ageMs: Math.max(0, now - acquired),
  };
}

export interface LockSettings {
  timeoutMs: number; // how long after its last heartbeat a lock counts as dead
  waitMs: number; // how long to wait for a live holder before giving up (lock-wait)
  parallel: number;
  force?: boolean; // force-unlock: take it whatever its holder
  sleep?: (ms: number) => Promise<void>;
}

/** What taking the lock on one host came to, for a caller that goes on past hosts it cannot lock. */
export type HostTake = { ok: true; takenOver?: LockInfo } | { ok: false; busy?: LockInfo; error: Error };

export class DeployLock {
  private readonly held = new Map<HostEngine, string>(); // the lock record this run holds, by host
  private readonly beats = new Map<HostEngine, Set<string>>(); // its heartbeat records not yet removed, by host
  private beatCount = 0;
  private outcome?: string; // once recorded, every later heartbeat carries it
  private adopted = false; // a lock of this deployment taken back (a post step): beat at once, as its new holder
  private timer?: NodeJS.Timeout;
  private beating?: Promise<void>;

  constructor(
    private readonly service: string,
    private readonly hosts: HostEngine[],
    private readonly me: LockOwner,
    private readonly settings: LockSettings,
    private readonly log: Logger,
  ) {}

  /** The heartbeat's period: several beats fit in a lock-timeout, so one slow beat never lets it lapse. */
  get beatMs(): number {
    return Math.min(60_000, Math.max(200, Math.floor(this.settings.timeoutMs / 5)));
  }

  /**
   * Takes the lock on every host, waiting up to `waitMs` for a live holder. The first host decides
   * between runs that start together; the rest are taken in parallel. Returns the dead runs' locks
   * it took over: their hosts may be mid-switch.
   */
  async acquire(): Promise<LockInfo[]> {
    const sleep = this.settings.sleep ?? realSleep;
    const deadline = Date.now() + this.settings.waitMs;
    for (let round = 0; ; round++) {
      try {
        const takenOver: LockInfo[] = [];
        const [first, ...rest] = this.hosts;
        if (first) pushTaken(takenOver, await this.take(first));
        // Beat from the first host on: taking many hosts may outlast a short lock-timeout.
        await this.startHeartbeat();
        const t0 = Date.now();
        const results = await mapLimit(rest, this.settings.parallel, (h) => this.take(h));
        for (const r of results) {
          if (!r.ok) throw r.error;
          pushTaken(takenOver, r.value);
        }
        if (this.adopted || Date.now() - t0 > this.beatMs) await this.beat();
        return takenOver;
      } catch (err) {
        await this.release();
        const left = deadline - Date.now();
        if (!(err instanceof LockBusyError) || left <= 0) throw err;
        if (round === 0)
          this.log.info(
            `waiting up to ${formatDuration(left)} (lock-wait) for the deploy lock: ${describeHolder(err.holder)}`,
          );
        await sleep(Math.min(left, Math.min(5_000, 250 * 2 ** round)));
      }
    }
  }

  /** Takes the lock on each host it can, going on past hosts that fail (for the post step). */
  async acquireEach(): Promise<Map<HostEngine, HostTake>> {
    const out = new Map<HostEngine, HostTake>();
    // Beat from the start: a host taken early must not lapse while later ones are taken (each may
    // wait out a race with other takers).
    await this.startHeartbeat();
    const results = await mapLimit(this.hosts, this.settings.parallel, (h) => this.take(h));
    results.forEach((r, i) => {
      if (r.ok) out.set(this.hosts[i], { ok: true, takenOver: r.value });
      else
        out.set(this.hosts[i], {
          ok: false,
          busy: r.error instanceof LockBusyError ? r.error.holder : undefined,
          error: r.error as Error,
        });
    });
    if (!this.held.size) await this.abandon();
    else if (this.adopted) await this.beat(); // its run's lock taken back: this process holds it now
    return out;
  }

  private async take(host: HostEngine): Promise<LockInfo | undefined> {
    for (let attempt = 0; attempt < 8; attempt++) {
      try {
        this.held.set(host, await host.createRecord(lockName(this.service), this.labels()));
        return undefined;
      } catch (err) {
        if (!(err instanceof ConflictError))
          throw new RunError(`${host.name}: could not take the deploy lock: ${(err as Error).message}`);
      }
      const holder = await readLock(host, this.service);
      if (!holder) {
        await realSleep(20 * 2 ** attempt);
        continue;
      } // released in between: try again
      // This run's own lock (a post step, or a retry): it is ours to keep.
      if (holder.deployment === this.me.deployment) {
        this.held.set(host, holder.id);
        this.adopted = true;
        return undefined;
      }
      const stale = staleness(holder);
      if (!this.settings.force && !stale) throw new LockBusyError(holder, this.service);
      try {
        // The compare-and-swap: only one taker can rename this very container to this name.
        await host.rename(holder.id, deadName(this.service, holder.id));
      } catch (err) {
        // Another taker won it: its rename or its new lock may still be under way, so wait a little.
        if (err instanceof ConflictError || statusOf(err) === 404) {
          await realSleep(20 * 2 ** attempt);
          continue;
        }
        throw err;
      }
      this.log.warn(
        `${host.name}: took over the deploy lock of ${describeHolder(holder)}: ${this.settings.force ? 'force-unlock was given' : stale}`,
      );
      await this.takeFreed(host);
      return holder;
    }
    throw new RunError(
      `${host.name}: other runs are taking the deploy lock of ${this.service} at the same moment; try again`,
    );
  }

  /**
   * After a takeover: the name is free, but a run that had not seen the dead lock may take it first.
   * The engine reserves a name before it lists the container, so a conflict with no lock in sight
   * is another run's create still under way: look again until it shows.
   */
  private async takeFreed(host: HostEngine): Promise<void> {
    for (let attempt = 0; attempt < 8; attempt++) {
      try {
        this.held.set(host, await host.createRecord(lockName(this.service), this.labels()));
        return;
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err;
      }
      const holder = await readLock(host, this.service);
      if (holder?.deployment === this.me.deployment) {
        this.held.set(host, holder.id);
        this.adopted = true;
        return;
      }
      if (holder) throw new LockBusyError(holder, this.service);
      await realSleep(20 * 2 ** attempt);
    }
    throw new RunError(
      `${host.name}: the deploy lock of ${this.service} changed hands while it was taken over; try again`,
    );
  }

  private labels(extra: Record<string, string> = {}, kind = 'lock'): Record<string, string> {
    return {
      [RECORD.service]: this.service,
      [RECORD.kind]: kind,
      [RECORD.deployment]: this.me.deployment,
      [RECORD.owner]: this.me.owner,
      [RECORD.machine]: this.me.machine,
      [RECORD.boot]: this.me.boot,
      [RECORD.pid]: String(this.me.pid),
      [RECORD.process]: this.me.process,
      [RECORD.acquiredAt]: new Date().toISOString(),
      [RECORD.timeoutMs]: String(this.settings.timeoutMs),
      ...extra,
    };
  }

  private async startHeartbeat(): Promise<void> {
    if (this.timer) return;
    if (this.adopted) await this.beat();
    this.timer = setInterval(() => {
      this.beating ??= this.beat().finally(() => {
        this.beating = undefined;
      });
    }, this.beatMs);
    this.timer.unref();
  }

  /** One heartbeat on every held host: a new record first, then the earlier ones go. */
  private async beat(): Promise<void> {
    const n = ++this.beatCount;
    await mapLimit([...this.held.keys()], this.settings.parallel, async (host) => {
      const mine = this.beats.get(host) ?? new Set<string>();
      this.beats.set(host, mine);
      try {
        const id = await host.createRecord(
          beatName(this.service, this.me.deployment, n),
          this.labels(this.outcome ? { [RECORD.outcome]: this.outcome } : {}, 'beat'),
        );
        mine.add(id);
        for (const old of [...mine]) {
          if (old === id) continue;
          await host.remove(old);
          mine.delete(old);
        }
      } catch (err) {
        this.log.warn(
          `${host.name}: could not renew the deploy lock (it lapses after lock-timeout without a heartbeat): ${(err as Error).message}`,
        );
      }
    });
  }

  /**
   * Records on every held host how the run ended, before anything else happens: a run killed in
   * its clean-up is then not undone by the repair of the next one.
   */
  async recordOutcome(outcome: string): Promise<void> {
    await this.beating;
    this.outcome = outcome;
    await this.beat();
  }

  /** Stops the heartbeat and keeps the lock: it lapses after lock-timeout, for the post step or the next run to take. */
  async abandon(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
  }

  /** Removes this run's lock and heartbeat from every host where it holds them; never throws (it runs on every exit path). */
  async release(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
    await mapLimit([...this.held.keys()], this.settings.parallel, async (host) => {
      try {
        // The lock first, by its id (another run's lock is never touched): heartbeats left without
        // a lock are clean-up for the next run, never a reason to undo anything (repair.ts survey).
        await host.remove(this.held.get(host)!);
        this.held.delete(host);
        for (const beat of [...(this.beats.get(host) ?? [])]) await host.remove(beat);
        this.beats.delete(host);
      } catch (err) {
        this.log.warn(`${host.name}: could not release the deploy lock: ${(err as Error).message}`);
      }
    });
  }

  /** The hosts where this run holds the lock. */
  get holds(): HostEngine[] {
    return [...this.held.keys()];
  }
}

function pushTaken(list: LockInfo[], taken: LockInfo | undefined): void {
  if (taken) list.push(taken);
}
