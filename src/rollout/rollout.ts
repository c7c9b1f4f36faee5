// A rollout of DESIGN.md: connect, lock, preflight (repairing what dead runs left), pre-pull,
// batches of swaps with health checks, and on any failure the rollback of every host touched; once
// the outcome is known it is recorded on the hosts before anything else (pruning, clean-up).
import { DeployConfig, GroupSpec } from '../config/types';
import { HealthSpec } from '../health/types';
import { HostSpec } from '../hosts/types';
import { describeError, RunError } from '../errors';
import { HostEngine, LABEL, ServiceContainer, short } from '../hosts/engine';
import { Logger } from '../log';
import { formatDuration } from '../util/duration';
import { mapLimit, sleep, unlessAborted, withTimeout } from '../util/pool';
import { DeployLock, LockOwner } from './lock';
import { budget, planRollout, PlannedBatch } from './plan';
import { BatchReport, HealthRecord, HostReport, RolloutReport } from '../report/types';
import { decidedRuns, describeRepair, repairDead, settledHere, survey } from './repair';
import {
  activateKept,
  createPending,
  cutover,
  prune,
  restore,
  RollbackPoint,
  stage,
  stageKept,
  stillSharing,
  swap,
  SwapRequest,
  SwitchWatcher,
} from './switch';
import { ensureProxy, HostProxy } from '../proxy/proxy';
import { intentName } from './records';
import { HealthProbe, HealthVerdict } from './health-probe';
import { evaluateGates } from '../gates/evaluate';
import { runHook } from '../hooks/run';
import { HookSpec } from '../hooks/types';
import { AvailabilityProbe } from '../availability/probe';
import { availabilityTargets, DEFAULT_AVAILABILITY } from '../availability/config';
import { availabilityLine } from '../availability/format';

export interface RolloutDeps {
  log: Logger;
  /** Opens a connection to every host (bounded by `parallel`); throws naming every host it could not reach. */
  connect(hosts: HostSpec[], signal?: AbortSignal): Promise<Map<string, HostEngine>>;
  health: HealthProbe;
  /** For a dry run: the digest the registry holds for the image, as the hosts would pull it. */
  registryDigest?: (image: string, host: HostEngine) => Promise<string | undefined>;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RolloutOptions {
  deployment: string; // this run's id, recorded in labels and the lock
  owner: LockOwner;
  registryAuth?: object; // passed with each pull; never stored on the hosts
  forceUnlock?: boolean;
  dryRun?: boolean;
  signal?: AbortSignal; // cancellation (SIGINT/SIGTERM): start nothing new, roll back, unlock
  /** `previous`: each host goes back to the container its current one replaced (a rollback). */
  target?: 'image' | 'previous';
  /** Called once the image is on every host, just before the first batch (e.g. to open a GitHub deployment). */
  onStart?: (report: RolloutReport) => Promise<void>;
  /**
   * Called as soon as the outcome is known and recorded on the hosts, before pruning and clean-up:
   * from then on a post step must not undo the rollout (the actions save `finished` here).
   */
  onOutcome?: (report: RolloutReport) => void;
  /** Called just before the lock is taken, the first step that may change a host. */
  onLock?: () => void;
}

/**
 * GitHub kills a cancelled step 10 s after its SIGINT. The rollback of the hosts in flight must fit:
 * shorter health checks and hooks, and a bound on the whole; what does not fit is the post step's.
 */
export const CANCEL = { budgetMs: 8_000, healthDeadlineMs: 5_000, hookTimeoutMs: 2_000, discardMs: 1_000 } as const;

interface HostState {
  spec: HostSpec;
  group: GroupSpec;
  host: HostEngine;
  point: RollbackPoint;
  report: HostReport;
  newId?: string; // the container this run made active
  made?: string; // the new container, created during the pre-pull (proxy mode: once the proxy is ready) and not yet used
  target?: ServiceContainer; // a rollback's kept container to make active again
  touched: boolean;
  proxy?: HostProxy; // proxy mode: the host's proxy, made what the config says before the first batch
  sharing?: string; // a traffic-weighted canary: the new container the proxy shares requests with, not yet cut over to
}

export class Rollout {
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly report: RolloutReport;
  private readonly states = new Map<string, HostState>();
  private digest = '';
  private availability?: AvailabilityProbe;
  private lock?: DeployLock;
  /** Set when a cancelled run's rollback did not fit in its grace: the post step finishes it. */
  private unfinishedRollback = false;
  /** The unused new containers were removed (or tried): once is enough. */
  private discarded = false;

  constructor(
    private readonly config: DeployConfig,
    private readonly deps: RolloutDeps,
    private readonly options: RolloutOptions,
  ) {
    this.log = deps.log;
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? sleep;
    this.report = {
      service: config.service,
      image: config.image,
      deployment: options.deployment,
      deployedBy: options.owner.owner,
      result: 'failed',
      dryRun: !!options.dryRun,
      startedAt: new Date(this.now()).toISOString(),
      durationMs: 0,
      phases: {},
      plan: [],
      batches: [],
      hosts: [],
      warnings: [],
    };
  }

  /** Runs the rollout and returns its report; throws only for what happens before any host changes. */
  async run(): Promise<RolloutReport> {
    const started = this.now();
    const plan = planRollout(this.config);
    this.report.plan = plan.batches.map((b) => {
      const proxy = this.config.groups.find((g) => g.name === b.group)?.proxy;
      const weight = this.canaryWeight(b, plan.batches);
      return {
        index: b.index,
        group: b.group,
        hosts: b.hosts.map((h) => h.name),
        ...(proxy
          ? { proxy: { image: proxy.image, port: proxy.port, ...(weight ? { canaryWeight: weight } : {}) } }
          : {}),
      };
    });
    const allHosts = this.config.groups.flatMap((g) => g.hosts);
    let hosts: Map<string, HostEngine> | undefined;
    try {
      hosts = await this.phase('connect', `Connect to ${allHosts.length} host(s)`, () =>
        this.deps.connect(allHosts, this.options.signal),
      );
      if (this.options.dryRun) {
        await this.phase('preflight', 'Preflight', () => this.preflight(hosts!, false));
        if (!this.rollingBack)
          await this.phase('resolve', `Ask the registry for ${this.config.image}`, () => this.resolveDigest());
        this.report.result = 'deployed';
        return this.report;
      }
      // The lock comes first: what the hosts run is read under it, so no other run changes it after.
      const lock = new DeployLock(
        this.config.service,
        allHosts.map((h) => hosts!.get(h.name)!),
        this.options.owner,
        {
          timeoutMs: this.config.lockTimeoutMs,
          waitMs: this.config.lockWaitMs,
          parallel: this.config.strategy.parallel,
          force: this.options.forceUnlock,
        },
        this.log,
      );
      this.options.onLock?.();
      await this.phase('lock', 'Take the deploy lock', () => lock.acquire());
      this.lock = lock;
      await this.phase('preflight', 'Preflight', () => this.preflight(hosts!, true));
      if (!this.rollingBack) await this.phase('prepull', `Pre-pull ${this.config.image}`, () => this.prepull());
      if (this.hostStates().some((s) => s.group.proxy))
        await this.phase('proxy', 'Proxies', () => this.prepareProxies());
      if (!this.rollingBack && this.hostStates().some((s) => !s.made))
        await this.phase('create', 'Create the new containers', () => this.createRest());
      await this.options.onStart?.(this.report);
      this.startAvailability();
      const failure = await this.phase('batches', 'Rollout', () => this.runBatches(plan.batches));
      if (failure) {
        this.report.error = failure;
        await this.phase('rollback', 'Roll back', () => this.rollbackTouched());
      }
      await this.discardUnused();
      this.settle();
      await this.recordOutcome();
      if (this.report.result !== 'failed' && !this.rollingBack)
        await this.phase('prune', 'Prune old containers', () => this.pruneAll());
      if (this.rollingBack && this.report.result !== 'failed') await this.forgetIntents();
    } catch (err) {
      // A failure before any swap (connect, lock, preflight, pre-pull) changed nothing.
      this.report.error = describeError(err);
      this.report.result = 'failed';
      this.log.error(this.report.error);
      if (this.hostStates().some((s) => s.touched)) {
        await this.phase('rollback', 'Roll back', () => this.rollbackTouched());
        await this.discardUnused();
        this.settle();
        await this.recordOutcome();
      }
    } finally {
      await this.discardUnused();
      if (this.availability) {
        this.report.availability = await this.availability.stop();
        this.log.info(availabilityLine(this.report.availability));
      }
      // A host that could not be put back (or whose rollback the cancel bound cut short) keeps the
      // lock as the record that this run is unfinished: the post step or the next run repairs it.
      if (this.lock && !this.hostStates().some((s) => s.report.result === 'restore-failed')) await this.lock.release();
      else await this.lock?.abandon();
      for (const h of hosts?.values() ?? []) h.close();
      this.report.durationMs = this.now() - started;
      this.report.hosts = this.hostStates().map((s) => s.report);
    }
    return this.report;
  }

  /**
   * The result, from what every host runs now: deployed only when every host runs the new version,
   * healthy; a host that could not be put back makes the run failed, naming it and what it runs.
   */
  private settle(): void {
    const states = this.hostStates();
    const lost = states.filter((s) => s.report.result === 'restore-failed');
    const back = states.filter((s) => s.report.result === 'rolled-back');
    if (lost.length) {
      this.report.result = 'failed';
      const lines = lost.map((s) => `${s.spec.name}: ${s.report.error?.split('\n').pop() ?? 'could not be restored'}`);
      const head = `${lost.length} host(s) could not be put back on their previous version and need a look:\n  ${lines.join('\n  ')}`;
      this.report.error = this.report.error ? `${this.report.error}\n${head}` : head;
    } else if (this.report.error) {
      this.report.result = 'rolled-back';
    } else if (back.length) {
      this.report.result = 'partial';
      this.report.error = `${back.length} host(s) failed within max-unhealthy and run their previous version: ${back.map((s) => s.spec.name).join(', ')}`;
    } else {
      this.report.result = 'deployed';
    }
  }

  /** Records the outcome on the hosts (a heartbeat that says it), then tells the caller: nothing after this undoes it. */
  private async recordOutcome(): Promise<void> {
    // A host that could not be put back is left to the post step, which tries again.
    if (this.report.result === 'failed' || this.unfinishedRollback || !this.lock) return;
    await this.lock.recordOutcome(this.report.result);
    this.options.onOutcome?.(this.report);
  }

  /** After a rollback to the previous version: the intents it recorded are no longer needed. */
  private async forgetIntents(): Promise<void> {
    await mapLimit(
      this.hostStates().filter((s) => s.target && s.touched),
      this.config.strategy.parallel,
      async (s) => {
        const intent = (await s.host.records('aviary.record.service', this.config.service)).find(
          (r) => r.name === intentName(this.config.service, this.options.deployment),
        );
        if (intent) await s.host.remove(intent.id);
      },
    );
  }

  private async phase<T>(name: string, title: string, fn: () => Promise<T>): Promise<T> {
    const t0 = this.now();
    try {
      return await this.log.group(title, fn);
    } finally {
      this.report.phases[name] = { startedAt: new Date(t0).toISOString(), durationMs: this.now() - t0 };
    }
  }

  /**
   * Reads what each host runs now: its rollback point. Under the lock (`repair`), what dead runs
   * left half-done is first put back from their records, so the points read are healthy versions.
   */
  private async preflight(hosts: Map<string, HostEngine>, repair: boolean): Promise<void> {
    const entries = this.config.groups.flatMap((group) => group.hosts.map((spec) => ({ group, spec })));
    // Reports list hosts in file order, whatever order the parallel preflight finishes in.
    for (const { spec } of entries) this.states.set(spec.name, undefined as unknown as HostState);
    // First every host's records: a dead run that recorded its outcome on any host had finished (it
    // may have died while recording it), and is then undone on none.
    const surveys = await mapLimit(entries, this.config.strategy.parallel, ({ spec }) =>
      survey(hosts.get(spec.name)!, this.config.service, [this.options.deployment]),
    );
    const decided = decidedRuns(surveys.flatMap((r) => (r.ok ? [r.value] : [])));
    const results = await mapLimit(entries, this.config.strategy.parallel, async ({ group, spec }, i) => {
      const host = hosts.get(spec.name)!;
      const surveyed = surveys[i];
      if (!surveyed.ok) throw surveyed.error;
      const found = surveyed.value;
      let containers = found.containers;
      if (repair && found.dead.size) {
        const repaired = await repairDead(
          host,
          this.config.service,
          [...found.dead.keys()],
          found.records,
          undefined,
          settledHere(found, decided),
        );
        for (const r of repaired) {
          const line = describeRepair(spec.name, r);
          if (line) this.warn(line);
        }
        containers = await host.serviceContainers(this.config.service);
      }
      const current = containers.find((c) => c.name === this.config.service);
      const digest = current ? (await host.imageDigest(current.imageId))?.digest : undefined;
      const state: HostState = {
        spec,
        group,
        host,
        touched: false,
        point: { container: current, digest },
        report: {
          name: spec.name,
          group: group.name,
          result: 'untouched',
          previous: {
            image: current?.image,
            digest: current?.labels[LABEL.digest] || digest,
            container: current && short(current.id),
          },
          next: { image: this.config.image },
        },
      };
      this.states.set(spec.name, state);
      const unfinished = repair ? 0 : found.dead.size;
      const note = current ? `${current.image}${current.running ? '' : ` (${current.state})`}` : 'nothing yet';
      this.log.info(
        `${spec.name}: runs ${note}${unfinished ? `; ${unfinished} unfinished run(s) left records, repaired when the deploy runs` : ''}`,
      );
      return { containers };
    });
    const failures = results.flatMap((r, i) => (r.ok ? [] : [onHost(entries[i].spec.name, describeError(r.error))]));
    if (failures.length)
      throw new RunError(`preflight failed on ${failures.length} host(s):\n  ${failures.join('\n  ')}`);
    if (this.rollingBack)
      this.findPreviousVersions(
        new Map(
          entries.map((e, i) => [
            e.spec.name,
            results[i].ok ? (results[i] as { value: { containers: ServiceContainer[] } }).value.containers : [],
          ]),
        ),
      );
  }

  /** The digest a pull would bring, without pulling: what the plan shows as the new version. */
  private async resolveDigest(): Promise<void> {
    const first = this.hostStates()[0];
    if (!first || !this.deps.registryDigest) return;
    try {
      this.digest = (await this.deps.registryDigest(this.config.image, first.host)) ?? '';
    } catch (err) {
      this.warn(`could not ask the registry for the digest of ${this.config.image}: ${describeError(err)}`);
    }
    this.report.digest = this.digest || undefined;
    for (const s of this.hostStates()) s.report.next = { image: this.config.image, digest: this.report.digest };
  }

  /** Every host's state, in file order (hosts whose preflight failed have none). */
  private hostStates(): HostState[] {
    return [...this.states.values()].filter(Boolean);
  }

  private get rollingBack(): boolean {
    return this.options.target === 'previous';
  }

  /**
   * For a rollback: each host's target is the container its current one replaced (the
   * `aviary.previous` label). Hosts without one, or running a version unlike the rest, are
   * reported before anything changes.
   */
  private findPreviousVersions(containersByHost: Map<string, ServiceContainer[]>): void {
    const states = this.hostStates();
    const missing: string[] = [];
    states.forEach((s) => {
      const current = s.point.container;
      const previousId = current?.labels[LABEL.previous];
      const target = containersByHost.get(s.spec.name)?.find((c) => c.id === previousId);
      if (!current) missing.push(`${s.spec.name}: runs no ${this.config.service} container`);
      else if (!previousId)
        missing.push(
          `${s.spec.name}: ${current.image} has no previous version recorded (it was the first deploy, or not made by aviary)`,
        );
      else if (!target)
        missing.push(
          `${s.spec.name}: the previous version ${current.labels[LABEL.previousImage] || short(previousId)} is no longer kept on the host (see strategy.keep); roll to it by name with to: <image>`,
        );
      else {
        s.target = target;
        s.report.next = {
          image: target.image,
          digest: target.labels[LABEL.digest] || undefined,
          container: short(target.id),
        };
      }
    });
    if (missing.length)
      throw new RunError(
        `cannot roll back to the previous version on ${missing.length} host(s), nothing was changed:\n  ${missing.join('\n  ')}`,
      );
    const byVersion = new Map<string, string[]>();
    for (const s of states)
      byVersion.set(s.point.container!.image, [...(byVersion.get(s.point.container!.image) ?? []), s.spec.name]);
    if (byVersion.size > 1) {
      this.warn(
        `the hosts do not all run the same version, each goes back to its own previous one: ${[...byVersion].map(([image, hosts]) => `${image} on ${hosts.join(', ')}`).join('; ')}`,
      );
    }
  }

  /** Pulls the image on every host before anything is stopped; a failure here changes nothing. */
  private async prepull(): Promise<void> {
    const states = this.hostStates();
    const results = await mapLimit(
      states,
      this.config.strategy.parallel,
      async (s) => {
        await unlessAborted(s.host.pull(this.config.image, this.options.registryAuth), this.options.signal);
        const d = await s.host.imageDigest(this.config.image);
        s.report.next = { image: this.config.image, digest: d?.digest };
        // Behind a proxy the container joins the proxy's network, made in the next phase; a host whose
        // engine gives no digest is labelled with the fleet's, known once every pull is done.
        if (!s.group.proxy && d?.digest) await this.createNext(s);
        return d?.digest;
      },
      this.options.signal,
    );
    const failures = results.flatMap((r, i) => (r.ok ? [] : [onHost(states[i].spec.name, describeError(r.error))]));
    if (failures.length)
      throw new RunError(
        `pre-pull of ${this.config.image} failed on ${failures.length} host(s), nothing was changed:\n  ${failures.join('\n  ')}`,
      );
    this.digest = results.find((r) => r.ok && r.value)?.ok
      ? (results.find((r) => r.ok && r.value) as { value: string }).value
      : '';
    this.report.digest = this.digest;
    const made = states.filter((s) => s.made).length;
    this.log.info(
      `${this.config.image} is ${this.digest || 'pulled'} on ${states.length} host(s)${made ? `; ${made} new container(s) created` : ''}`,
    );
  }

  /**
   * Creates a host's new container ahead of its batch, before anything stops: its batch then only
   * starts it. Its labels are the same as a swap's own create, so a repair works from it alike.
   */
  private async createNext(s: HostState): Promise<void> {
    s.made = await createPending(s.host, this.swapRequest(s), s.point.container);
  }

  /** The new containers the pre-pull did not make: behind a proxy (on its network, made ready now), or without a digest of their own. */
  private async createRest(): Promise<void> {
    const states = this.hostStates().filter((s) => !s.made);
    const results = await mapLimit(
      states,
      this.config.strategy.parallel,
      (s) => this.createNext(s),
      this.options.signal,
    );
    const failures = results.flatMap((r, i) => (r.ok ? [] : [onHost(states[i].spec.name, describeError(r.error))]));
    if (failures.length)
      throw new RunError(
        `the new container of ${this.config.image} could not be created on ${failures.length} host(s); no ${this.config.service} container was changed:\n  ${failures.join('\n  ')}`,
      );
    this.log.info(`${states.length} new container(s) created`);
  }

  /** What a host's new container is made of. */
  private swapRequest(s: HostState): SwapRequest {
    const container = s.group.proxy ? { ...s.group.container, network: s.group.proxy.network } : s.group.container;
    return {
      service: this.config.service,
      image: this.config.image,
      digest: s.report.next.digest ?? this.digest,
      deployment: this.options.deployment,
      deployedBy: this.options.owner.owner,
      container,
    };
  }

  /**
   * The new containers of the hosts this run did not get to (a failure or a cancel before their
   * batch) are removed before the lock goes: the hosts are as they were. What a kill leaves, the
   * repair removes (restore(), or repairDead() once the outcome was recorded).
   */
  private async discardUnused(): Promise<void> {
    const unused = this.hostStates().filter((s) => s.made && !s.touched);
    if (!unused.length || this.discarded) return;
    this.discarded = true;
    const all = mapLimit(unused, this.config.strategy.parallel, async (s) => {
      await s.host.remove(s.made!);
      s.made = undefined;
    });
    try {
      // A cancelled run has spent its grace on the rollback: what does not fit is the next run's.
      await (this.cancelling ? withTimeout(all, CANCEL.discardMs, 'the removal of the unused new containers') : all);
    } catch {
      // Reported below, host by host.
    }
    const left = unused.filter((s) => s.made);
    if (left.length)
      this.warn(
        `could not remove the unused new container on ${left.map((s) => `${s.spec.name} (${short(s.made!)})`).join(', ')}; the next deploy removes it`,
      );
  }

  /** Runs the batches in order; returns the reason to roll back, or undefined when all went well. */
  private async runBatches(batches: PlannedBatch[]): Promise<string | undefined> {
    const total = this.states.size;
    const allowed = budget(this.config.strategy.maxUnhealthy, total);
    let unhealthy = 0;
    for (const batch of batches) {
      const report: BatchReport = {
        index: batch.index,
        total: batch.total,
        group: batch.group,
        hosts: batch.hosts.map((h) => h.name),
        result: 'skipped',
        healthy: 0,
        unhealthy: 0,
      };
      this.report.batches.push(report);
      if (this.options.signal?.aborted) {
        report.result = 'cancelled';
        return 'the rollout was cancelled';
      }
      const title = `Batch ${batch.index}/${batch.total} · ${batch.group} · ${report.hosts.join(', ')}`;
      const t0 = this.now();
      report.startedAt = new Date(t0).toISOString();
      this.availability?.markBatch(batch.index, batch.group);
      const group = this.config.groups.find((g) => g.name === batch.group)!;
      const weight = this.canaryWeight(batch, batches);
      const stop = new AbortController();
      const onAbort = () => stop.abort();
      this.options.signal?.addEventListener('abort', onAbort);
      let firstFailure: string | undefined;
      try {
        await this.log.group(title, async () => {
          await mapLimit(
            batch.hosts,
            group.strategy.parallel,
            async (spec) => {
              const s = this.states.get(spec.name)!;
              s.report.batch = batch.index;
              const ok = await this.updateHost(s, stop.signal, weight);
              if (ok) report.healthy++;
              else {
                report.unhealthy++;
                unhealthy++;
                firstFailure ??= s.report.error;
                if (unhealthy > allowed) stop.abort(); // over budget: stop waiting on the others
              }
              this.log.info(
                `batch ${batch.index}/${batch.total}: ${report.healthy}/${batch.hosts.length} healthy${report.unhealthy ? `, ${report.unhealthy} failed` : ''}`,
              );
            },
            stop.signal,
          );
        });
      } finally {
        this.options.signal?.removeEventListener('abort', onAbort);
        report.durationMs = this.now() - t0;
      }
      if (this.options.signal?.aborted) {
        report.result = 'cancelled';
        return 'the rollout was cancelled';
      }
      if (unhealthy > allowed) {
        report.result = 'failed';
        return `${firstFailure ?? 'a host failed'}\n(${unhealthy} unhealthy host(s), max-unhealthy allows ${allowed})`;
      }
      report.result = 'healthy';
      // Hosts that failed within the budget go back to their previous version now.
      await this.restoreFailedWithinBudget(batch);
      this.availability?.markBatch(null);
      if (group.gates?.length && !this.rollingBack) {
        const updated = group.hosts.filter((h) => this.states.get(h.name)?.report.result === 'updated');
        const outcome = await this.log.group(`Gates after batch ${batch.index}/${batch.total} · ${batch.group}`, () =>
          evaluateGates(
            group.gates!,
            {
              group: group.name,
              hosts: updated.map((h) => h.name),
              addresses: updated.map((h) => h.address),
              version: versionOf(this.config.image),
              service: this.config.service,
              since: t0 + (report.durationMs ?? 0),
            },
            this.log,
            this.options.signal,
          ),
        );
        report.gates = outcome.gates.map((g) => ({
          name: g.name,
          ok: g.ok,
          message: g.message,
          rounds: g.rounds,
          failures: g.failures,
          durationMs: g.durationMs,
        }));
        if (outcome.cancelled) {
          report.result = 'cancelled';
          return 'the rollout was cancelled';
        }
        if (!outcome.ok) {
          report.result = 'failed';
          return outcome.message;
        }
      }
      const sharing = batch.hosts.map((h) => this.states.get(h.name)!).filter((s) => s.sharing);
      // A traffic-weighted canary is watched for the pause even in the last batch.
      if (group.strategy.pauseMs > 0 && (batch !== batches[batches.length - 1] || sharing.length)) {
        this.log.info(
          `pause ${formatDuration(group.strategy.pauseMs)} after batch ${batch.index}${sharing.length ? `, the canary sharing ${weight}% of requests` : ''}`,
        );
        await this.sleep(group.strategy.pauseMs, this.options.signal);
        if (this.options.signal?.aborted) return 'the rollout was cancelled';
      }
      if (sharing.length) {
        const failure = await this.cutOverCanaries(sharing);
        if (failure) {
          report.result = 'failed';
          return failure;
        }
      }
    }
    return undefined;
  }

  /**
   * A group's first batch shares requests with the new version first when its proxy says so
   * (`canary-weight`); not on the way back (`to: previous`).
   */
  private canaryWeight(batch: PlannedBatch, batches: PlannedBatch[]): number | undefined {
    const weight = this.config.groups.find((g) => g.name === batch.group)?.proxy?.canaryWeight;
    if (!weight || this.rollingBack) return undefined;
    return batches.find((b) => b.group === batch.group) === batch ? weight : undefined;
  }

  /**
   * After a traffic-weighted canary's gates and pause: each of its hosts cuts over to the new
   * version alone (drain, then the old one stops). Returns the reason to roll back, if any failed.
   */
  private async cutOverCanaries(sharing: HostState[]): Promise<string | undefined> {
    const results = await mapLimit(sharing, sharing[0].group.strategy.parallel, async (s) => {
      // The window may have lasted minutes: the host is first checked to be as this run left it.
      const changed = await stillSharing(
        s.host,
        s.proxy!,
        this.config.service,
        this.options.deployment,
        s.point.container!,
        s.sharing!,
      );
      if (changed) throw new RunError(`${changed}; nothing was changed`);
      await cutover(s.proxy!, this.config.service, s.point.container, s.sharing!, s.group.container.stopTimeoutMs);
      s.report.proxy = { ...s.report.proxy, serving: short(s.sharing!) };
      s.sharing = undefined;
      this.log.info(`${s.spec.name}: the proxy serves ${this.config.image} alone`);
    });
    const failures = results.flatMap((r, i) => {
      if (r.ok) return [];
      const s = sharing[i];
      s.report.result = 'rolled-back'; // provisional: the rollback confirms or changes it
      s.report.error = onHost(s.spec.name, `could not cut over from the canary: ${describeError(r.error)}`);
      this.log.error(s.report.error);
      return [s.report.error];
    });
    return failures.length ? failures.join('\n') : undefined;
  }

  /** Swaps one host and health-checks it. Returns whether it is healthy on the new version. */
  private async updateHost(s: HostState, signal: AbortSignal, canaryWeight?: number): Promise<boolean> {
    const t0 = this.now();
    s.report.startedAt = new Date(t0).toISOString();
    try {
      if (s.point.container?.running) await this.hook(s, s.group.hooks?.beforeStop, true, signal);
      s.touched = true;
      if (s.proxy) return await this.switchBehindProxy(s, s.proxy, signal, canaryWeight);
      if (s.target) {
        s.newId = s.target.id;
        await activateKept(
          s.host,
          this.config.service,
          this.options.deployment,
          s.point.container!,
          s.target,
          s.group.container.stopTimeoutMs,
          this.switchWatcher(s),
        );
      }
      const id = s.target
        ? s.target.id
        : await swap(
            s.host,
            this.swapRequest(s),
            s.point,
            (created) => {
              s.newId = created;
            },
            this.switchWatcher(s),
            s.made,
          );
      s.report.next.container = short(id);
      const verdict = await this.deps.health.check(s.spec, s.host, id, s.group.health, signal);
      s.report.health = record(verdict);
      if (!verdict.healthy) {
        s.report.error = verdict.message;
        s.report.result = 'rolled-back'; // provisional: the rollback confirms or changes it
        this.log.error(verdict.message);
        return false;
      }
      s.report.result = 'updated';
      this.log.info(`${s.spec.name}: healthy on ${this.config.image} after ${formatDuration(verdict.elapsedMs)}`);
      await this.hook(s, s.group.hooks?.afterHealthy, false, signal);
      return true;
    } catch (err) {
      s.report.error = onHost(s.spec.name, describeError(err));
      this.log.error(s.report.error);
      return false;
    } finally {
      s.report.durationMs = this.now() - t0;
    }
  }

  /**
   * Proxy mode: the new container (or the kept one of a rollback) starts beside the serving one and
   * is health-checked through the proxy; only a healthy one is switched to, so the host never stops
   * answering. An unhealthy one is taken away by the rollback, the old one serving all along.
   */
  private async switchBehindProxy(
    s: HostState,
    proxy: HostProxy,
    signal: AbortSignal,
    canaryWeight?: number,
  ): Promise<boolean> {
    const current = s.point.container;
    let id: string;
    if (s.target) {
      s.newId = s.target.id;
      await stageKept(s.host, this.config.service, this.options.deployment, current!, s.target);
      id = s.target.id;
    } else {
      id = await stage(
        s.host,
        this.swapRequest(s),
        s.point,
        (created) => {
          s.newId = created;
        },
        s.made,
      );
    }
    s.report.next.container = short(id);
    const verdict = await this.deps.health.check(s.spec, s.host, id, s.group.health, signal, proxy);
    s.report.health = record(verdict);
    if (!verdict.healthy) {
      s.report.error = verdict.message;
      s.report.result = 'rolled-back'; // provisional: the rollback confirms or changes it
      this.log.error(verdict.message);
      return false;
    }
    if (canaryWeight && current?.running && !s.target) {
      // A traffic-weighted canary: the old version keeps the rest of the requests until the batch's gates and pause.
      await proxy.point(current.id, { id, weight: canaryWeight });
      s.sharing = id;
      s.report.proxy = { ...s.report.proxy, canary: { container: short(id), weight: canaryWeight } };
      s.report.result = 'updated';
      this.log.info(
        `${s.spec.name}: healthy on ${this.config.image} after ${formatDuration(verdict.elapsedMs)}; the proxy sends it ${canaryWeight}% of requests until the batch's gates and pause are over`,
      );
      await this.hook(s, s.group.hooks?.afterHealthy, false, signal);
      return true;
    }
    await cutover(proxy, this.config.service, current, id, s.group.container.stopTimeoutMs);
    s.report.proxy = { ...s.report.proxy, serving: short(id) };
    s.report.result = 'updated';
    this.log.info(
      `${s.spec.name}: healthy on ${s.target ? s.target.image : this.config.image} after ${formatDuration(verdict.elapsedMs)}; the proxy serves it`,
    );
    await this.hook(s, s.group.hooks?.afterHealthy, false, signal);
    return true;
  }

  /**
   * Proxy mode: every proxy host's proxy is made what the config says (installed, reconfigured or
   * upgraded, gaplessly) and points at what the host runs, before anything of the app changes.
   */
  private async prepareProxies(): Promise<void> {
    const states = this.hostStates().filter((s) => s.group.proxy);
    const results = await mapLimit(
      states,
      this.config.strategy.parallel,
      async (s) => {
        const { proxy, changes } = await ensureProxy(s.host, this.config.service, s.group.proxy!, s.point.container, {
          registryAuth: this.options.registryAuth,
          sleep: (ms) => this.sleep(ms),
        });
        s.proxy = proxy;
        s.report.proxy = {
          image: s.group.proxy!.image,
          port: s.group.proxy!.port,
          serving: s.point.container && short(s.point.container.id),
          changes,
        };
        this.log.info(
          `${s.spec.name}: proxy ${s.group.proxy!.image} on port ${s.group.proxy!.port}${changes.length ? `: ${changes.join('; ')}` : ', as configured'}`,
        );
      },
      this.options.signal,
    );
    const failures = results.flatMap((r, i) => (r.ok ? [] : [onHost(states[i].spec.name, describeError(r.error))]));
    if (failures.length)
      throw new RunError(
        `the proxy could not be made ready on ${failures.length} host(s), no app container was changed:\n  ${failures.join('\n  ')}`,
      );
  }

  private async restoreFailedWithinBudget(batch: PlannedBatch): Promise<void> {
    const failed = batch.hosts
      .map((h) => this.states.get(h.name)!)
      .filter((s) => s.touched && s.report.result !== 'updated');
    if (!failed.length) return;
    this.warn(
      `${failed.map((s) => s.spec.name).join(', ')} failed within max-unhealthy: restoring their previous version`,
    );
    await mapLimit(failed, this.config.strategy.parallel, (s) => this.restoreHost(s));
  }

  /**
   * Rolls back every host this run touched, all groups, in parallel. On the cancel path it must fit
   * in GitHub's grace: hosts still going at the bound are left, with the lock, to the post step.
   */
  private async rollbackTouched(): Promise<void> {
    const touched = this.hostStates().filter(
      (s) =>
        s.touched &&
        s.report.result !== 'restore-failed' &&
        !(s.report.result === 'rolled-back' && s.report.rollbackHealth),
    );
    this.log.info(`rolling back ${touched.length} host(s): ${touched.map((s) => s.spec.name).join(', ')}`);
    const all = mapLimit(touched, this.config.strategy.parallel, (s) => this.restoreHost(s));
    if (this.cancelling) {
      try {
        await withTimeout(all, CANCEL.budgetMs, "the cancelled run's rollback");
      } catch {
        const left = touched.filter((s) => s.report.result !== 'rolled-back' && s.report.result !== 'restore-failed');
        this.unfinishedRollback = true;
        for (const s of left) {
          s.report.result = 'restore-failed';
          s.report.error = `${s.report.error ? `${s.report.error}\n` : ''}${s.spec.name}: its rollback did not finish within ${formatDuration(CANCEL.budgetMs)} of the cancel; the post step finishes it`;
        }
        this.log.error(
          `the rollback of ${left.map((s) => s.spec.name).join(', ')} did not finish within ${formatDuration(CANCEL.budgetMs)} of the cancel: the deploy lock stays, and the post step puts them back`,
        );
        this.report.result = 'failed';
        return;
      }
    } else {
      await all;
    }
    const lost = touched.filter((s) => s.report.result === 'restore-failed');
    if (lost.length)
      this.log.error(`could not restore ${lost.map((s) => s.spec.name).join(', ')}: see the errors above`);
  }

  private get cancelling(): boolean {
    return !!this.options.signal?.aborted;
  }

  /** The health check of a restored container: on the cancel path, short enough to fit in the grace. */
  private restoreHealth(health: HealthSpec): HealthSpec {
    if (!this.cancelling) return health;
    return {
      ...health,
      deadlineMs: Math.min(health.deadlineMs, CANCEL.healthDeadlineMs),
      intervalMs: Math.min(health.intervalMs, 250),
    };
  }

  /** Puts a host back on its rollback point, from the records on the host, and health-checks it. */
  private async restoreHost(s: HostState): Promise<void> {
    try {
      // Out of the load balancer while the new container is replaced; back in once the old one is healthy.
      if (s.newId) await this.hook(s, s.group.hooks?.beforeStop, false);
      const outcome = await restore(s.host, this.config.service, this.options.deployment, this.switchWatcher(s));
      if (outcome.kind === 'lost' || outcome.kind === 'superseded') throw new RunError(outcome.note);
      const old = s.point.container;
      if (outcome.kind === 'emptied' || !old) {
        s.report.result = 'rolled-back';
        this.log.info(`${s.spec.name}: removed the new container (it ran nothing before)`);
        return;
      }
      // 'none': the swap never began (a hook or the create failed); the old container may still need its start.
      if (outcome.kind === 'none' && !(await s.host.container(old.id))?.running) await s.host.start(old.id);
      const verdict = await this.deps.health.check(
        s.spec,
        s.host,
        old.id,
        this.restoreHealth(s.group.health),
        undefined,
        s.proxy,
      );
      if (s.proxy) s.report.proxy = { ...s.report.proxy, serving: short(old.id) };
      s.report.rollbackHealth = record(verdict);
      if (!verdict.healthy) throw new RunError(`${old.image} is running again but not healthy: ${verdict.message}`);
      s.report.result = 'rolled-back';
      this.log.info(`${s.spec.name}: back on ${old.image}, healthy`);
      await this.hook(s, s.group.hooks?.afterHealthy, false);
    } catch (err) {
      s.report.result = 'restore-failed';
      const now = await s.host.container(this.config.service).catch(() => undefined);
      const runs = now ? `it runs ${now.image} (${now.state})` : "nothing runs under the service's name";
      const message = `${s.spec.name}: could not restore its previous version: ${describeError(err)}; ${runs}`;
      s.report.error = s.report.error ? `${s.report.error}\n${message}` : message;
      this.log.error(message);
    }
  }

  /** While a host switches containers the availability probe counts it down instead of probing it. */
  private switchWatcher(s: HostState): SwitchWatcher | undefined {
    const probe = this.availability;
    // Behind a proxy the host never goes down for a switch: the probe measures it through the proxy.
    if (!probe || s.group.proxy) return undefined;
    return { stopping: () => probe.offline(s.spec.name), switched: () => probe.online(s.spec.name) };
  }

  private async pruneAll(): Promise<void> {
    await mapLimit(
      this.hostStates().filter((s) => s.touched),
      this.config.strategy.parallel,
      async (s) => {
        try {
          const removed = await prune(s.host, this.config.service, s.group.strategy.keep);
          if (removed.length) this.log.debug(`${s.spec.name}: pruned ${removed.join(', ')}`);
        } catch (err) {
          this.warn(`${s.spec.name}: could not prune old containers: ${describeError(err)}`);
        }
      },
    );
  }

  /** Runs a drain hook; a failure throws when `must` (before-stop of an update), else warns. */
  private async hook(s: HostState, hook: HookSpec | undefined, must: boolean, signal?: AbortSignal): Promise<void> {
    if (!hook) return;
    if (this.cancelling) hook = { ...hook, timeoutMs: Math.min(hook.timeoutMs, CANCEL.hookTimeoutMs) };
    const r = await runHook(
      hook,
      { host: s.spec.name, address: s.spec.address, group: s.group.name, service: this.config.service },
      this.log,
      signal,
    );
    if (r.ok) return;
    if (must) throw new RunError(r.message);
    this.warn(r.message);
  }

  private startAvailability(): void {
    const spec = this.config.availability ?? DEFAULT_AVAILABILITY;
    if (!spec.enabled) return;
    const targets = availabilityTargets(this.config.groups, spec);
    if (!targets.length) return;
    this.availability = new AvailabilityProbe({ timeoutMs: spec.timeoutMs, log: this.log });
    this.availability.start(targets, spec.intervalMs);
  }

  private warn(message: string): void {
    this.report.warnings.push(message);
    this.log.warn(message);
  }
}

/** The tag or digest of an image reference, for {{version}}. */
function versionOf(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1);
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(colon + 1) : 'latest';
}

/** A message about a host, named once at its start. */
function onHost(name: string, message: string): string {
  return message.startsWith(`${name}: `) ? message : `${name}: ${message}`;
}

function record(v: HealthVerdict): HealthRecord {
  return {
    healthy: v.healthy,
    elapsedMs: v.elapsedMs,
    rounds: v.rounds,
    latenciesMs: v.latenciesMs,
    reason: v.healthy ? undefined : (v.reason ?? v.message),
  };
}
