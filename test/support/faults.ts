// Fault injection on the real test fleet: kill and restart one host's engine, cut its link, stop the
// registry, run rollouts with a fault fired at a chosen line of their log, run the `aviary` CLI as a
// child process and signal it, and check that every host ends healthy with no lock and no leftover.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Docker from 'dockerode';
import { pack } from 'tar-stream';
import { deploy, DeploySettings, recover } from '../../src/deploy';
import { Recovery } from '../../src/rollout/recover';
import { MemoryLogger } from './memory-logger';
import { RolloutReport } from '../../src/report/types';
import { DeployFixture, HostRef } from './deploy-fixture';
import { eachLine } from './secrets';
import { Fleet, FleetHost } from './fleet';
import { follow } from './images';

const REPO = path.resolve(__dirname, '../..');
const FLEET_SCRIPT = path.join(REPO, 'scripts/fleet');

/**
 * The only hosts a fault may hit: the TLS hosts, which no other suite uses for its own faults.
 * Other engineers' suites run on the rest while these tests run.
 */
export const FAULT_HOSTS = ['h2', 'h8'] as const;
export type FaultHost = (typeof FAULT_HOSTS)[number];

// ---------------------------------------------------------------- the fleet's fault commands

/** Runs `scripts/fleet <args>` and returns its output; synchronous, so a fault fires at an exact point. */
export function fleetCommand(...args: string[]): string {
  try {
    return execFileSync('bash', [FLEET_SCRIPT, ...args], {
      encoding: 'utf8',
      timeout: 90_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`scripts/fleet ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, {
      cause: err,
    });
  }
}

function faultTarget(name: string): FaultHost {
  if (!(FAULT_HOSTS as readonly string[]).includes(name))
    throw new Error(`faults may only hit ${FAULT_HOSTS.join(' and ')}, not ${name}`);
  return name as FaultHost;
}

const injured = new Set<FaultHost>();

/** SIGKILLs the host's dockerd, as a crash would: its containers keep running until it comes back. */
export function killEngine(name: string): void {
  injured.add(faultTarget(name));
  fleetCommand('kill-engine', name);
}

export function startEngine(name: string): void {
  fleetCommand('start-engine', faultTarget(name));
}

/** Cuts the host off the network: every packet to it is dropped, so calls hang rather than fail. */
export function linkDown(name: string): void {
  injured.add(faultTarget(name));
  fleetCommand('link', name, 'down');
}

export function linkUp(name: string): void {
  fleetCommand('link', faultTarget(name), 'up');
}

/** The open registry (the one the test images come from). Everyone pulls from it: keep the window short. */
export function stopRegistry(): void {
  fleetCommand('registry', 'stop', 'plain');
}

export function startRegistry(): void {
  fleetCommand('registry', 'start', 'plain');
}

/** A client of a host through its network endpoint (TLS on h2 and the last host), the way aviary reaches it. */
export function remoteClient(fleet: Fleet, name: string): Docker {
  const h = fleet.hosts.find((x) => x.name === name)!;
  if (!h.tls) {
    const url = new URL((h.tcp ?? '').replace(/^tcp:/, 'http:'));
    return new Docker({ protocol: 'http', host: url.hostname, port: Number(url.port), timeout: 5000 });
  }
  const url = new URL(h.tls.replace(/^tcp:/, 'https:'));
  return new Docker({
    protocol: 'https',
    host: url.hostname,
    port: Number(url.port),
    ca: fs.readFileSync(fleet.tls.ca),
    cert: fs.readFileSync(fleet.tls.cert),
    key: fs.readFileSync(fleet.tls.key),
    timeout: 5000,
  });
}

/**
 * Other suites' containers that run on a fault host before a fault: a killed engine stops them
 * (Docker 20.10 without live-restore stops running containers when a crashed dockerd comes back),
 * so `heal` starts them again and the host is left as it was found.
 */
const bystanders = new Map<string, string[]>();

/**
 * Waits until no other suite holds a deploy lock on the fault hosts (they may roll out there too),
 * then records which of their containers run. Call before injecting a fault.
 */
export async function prepareFaultHosts(fleet: Fleet, service: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const name of FAULT_HOSTS) {
    const docker = unixClient(fleet, name);
    for (;;) {
      const list = await docker.listContainers({ all: true });
      const busy = list.filter(
        (c) => c.Labels?.['aviary.record.kind'] === 'lock' && c.Labels['aviary.record.service'] !== service,
      );
      if (!busy.length || Date.now() > deadline) {
        bystanders.set(
          name,
          list.filter((c) => c.State === 'running' && !ours(c.Names, service)).map((c) => c.Id),
        );
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

function ours(names: string[], service: string): boolean {
  return names.some(
    (n) =>
      n === `/${service}` ||
      n.startsWith(`/${service}.`) ||
      n === `/aviary-lock.${service}` ||
      n.startsWith(`/aviary-lock.${service}.`) ||
      n.startsWith(`/aviary-intent.${service}.`),
  );
}

function unixClient(fleet: Fleet, name: string): Docker {
  const h = fleet.hosts.find((x) => x.name === name)!;
  return new Docker({ socketPath: h.socket.replace('unix://', ''), timeout: 10_000 });
}

/**
 * Undoes every fault injected so far: links up, engines started, checked to answer through their
 * network endpoints again, and the other suites' containers running again. For afterEach.
 */
export async function heal(fleet: Fleet): Promise<void> {
  for (const name of FAULT_HOSTS) {
    if (!injured.has(name)) continue;
    linkUp(name);
    startEngine(name);
    const docker = remoteClient(fleet, name);
    let answered = false;
    for (let i = 0; i < 50 && !answered; i++) {
      answered = await docker.ping().then(
        () => true,
        () => false,
      );
      if (!answered) await new Promise((r) => setTimeout(r, 200));
    }
    if (!answered) throw new Error(`${name} does not answer on its network endpoint after healing`);
    for (const id of bystanders.get(name) ?? []) {
      const info = await docker
        .getContainer(id)
        .inspect()
        .catch(() => undefined);
      if (info && !info.State.Running)
        await docker
          .getContainer(id)
          .start()
          .catch(() => undefined);
    }
    injured.delete(name);
  }
}

// ---------------------------------------------------------------- config and images

/** A host as aviary.yml lists it: TLS hosts with their certificate files, the others by tcp://. */
export function hostEntry(
  fleet: Fleet,
  name: string,
): { name: string; docker: string; tls?: { ca: string; cert: string; key: string } } {
  const h: FleetHost | undefined = fleet.hosts.find((x) => x.name === name);
  if (!h) throw new Error(`no host ${name} in the test fleet`);
  if (h.tls) return { name, docker: h.tls, tls: { ca: fleet.tls.ca, cert: fleet.tls.cert, key: fleet.tls.key } };
  return { name, docker: h.tcp ?? h.socket };
}

/**
 * A busybox web server image (/health, /version) with a chosen main command; `cmd` runs under sh
 * after /www is made. Built on the builder engine, pushed to the fleet's registry.
 */
export async function buildServerImage(
  fx: DeployFixture,
  tag: string,
  cmd: string,
  extra: string[] = [],
): Promise<string> {
  const ref = `${fx.repository}:${tag}`;
  const base = `${fx.fleet.registry.plain}/${fx.fleet.baseImage}`;
  const dockerfile =
    [
      `FROM ${base}`,
      `RUN mkdir -p /www && echo ${tag} > /www/version && echo ok > /www/health`,
      ...extra,
      `CMD ${JSON.stringify(['sh', '-c', cmd])}`,
    ].join('\n') + '\n';
  const tar = pack();
  tar.entry({ name: 'Dockerfile' }, dockerfile);
  tar.finalize();
  const build = await fx.builder.buildImage(
    tar as unknown as NodeJS.ReadableStream,
    { t: ref, version: '1' } as Docker.ImageBuildOptions,
  );
  await follow(fx.builder, build, `build ${ref}`);
  const push = await fx.builder.getImage(ref).push({ authconfig: { serveraddress: ref.split('/')[0] } } as object);
  await follow(fx.builder, push, `push ${ref}`);
  return ref;
}

/** The server of the test images; a stop takes `stopDelay` (busybox sleep) so a fault can land inside it. */
export function serverCommand(port = 8080, stopDelay = 0): string {
  const onTerm = stopDelay > 0 ? `sleep ${stopDelay}; exit 0` : 'exit 0';
  return `trap '${onTerm}' TERM; echo serving $(cat /www/version) on ${port}; httpd -f -p ${port} -h /www & wait`;
}

// ---------------------------------------------------------------- in-process rollouts with faults

/**
 * A logger that fires a fault when a line (or a log group's title) matches: synchronously, before
 * the engine goes on, so "during the pre-pull" or "during the rollback" is exact, not a race.
 */
export class FaultLogger extends MemoryLogger {
  private readonly triggers: Array<{ re: RegExp; action: (line: string) => void; fired: boolean }> = [];
  readonly fired: Array<{ line: string; at: number }> = [];
  readonly errors: unknown[] = [];

  /** Fires `action` once, on the first line matching `re`. */
  when(re: RegExp, action: (line: string) => void): this {
    this.triggers.push({ re, action, fired: false });
    return this;
  }

  private check(): void {
    const line = this.lines[this.lines.length - 1] ?? '';
    for (const t of this.triggers) {
      if (t.fired || !t.re.test(line)) continue;
      t.fired = true;
      this.fired.push({ line, at: Date.now() });
      try {
        t.action(line);
      } catch (err) {
        this.errors.push(err);
      }
    }
  }

  info(m: string): void {
    super.info(m);
    this.check();
  }
  warn(m: string): void {
    super.warn(m);
    this.check();
  }
  error(m: string): void {
    super.error(m);
    this.check();
  }
  debug(m: string): void {
    super.debug(m);
    this.check();
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    return super.group(title, () => {
      this.check();
      return fn();
    });
  }
}

export interface FaultRun {
  report: RolloutReport;
  log: FaultLogger;
  ms: number;
}

/** A deploy of the fixture's aviary.yml in this process, through the engine the CLI and the action use. */
export async function deployWith(
  fx: DeployFixture,
  image: string,
  log: FaultLogger = new FaultLogger(),
  settings: Partial<DeploySettings> = {},
): Promise<FaultRun> {
  const t0 = Date.now();
  const { report } = await deploy(settingsFor(fx, image, settings), log, process.env);
  if (log.errors.length) throw log.errors[0];
  transcript(
    `deploy ${image} (${fx.service}, in process)`,
    `${log.text}\nresult=${report.result}\nerror: ${report.error ?? ''}`,
  );
  return { report, log, ms: Date.now() - t0 };
}

/** AVIARY_FAULT_LOG=<file>: every run's output is appended there, to read what a user sees in each fault. */
function transcript(title: string, text: string): void {
  const file = process.env.AVIARY_FAULT_LOG;
  if (file) fs.appendFileSync(file, `\n===== ${expect.getState().currentTestName ?? ''}: ${title}\n${text}\n`);
}

/** The deploy action's post step: repairs, from the records on the hosts, what `deployment` left. */
export async function recoverWith(
  fx: DeployFixture,
  deployment: string,
): Promise<{ done: string[]; recovery: Recovery; log: MemoryLogger }> {
  const log = new MemoryLogger();
  const recovery = await recover(settingsFor(fx, undefined, {}), deployment, log, process.env);
  return { done: recovery.hosts.flatMap((h) => h.repaired), recovery, log };
}

function settingsFor(fx: DeployFixture, image: string | undefined, settings: Partial<DeploySettings>): DeploySettings {
  return {
    configPath: path.join(fx.dir, 'aviary.yml'),
    overrides: { image },
    dryRun: false,
    forceUnlock: false,
    registry: {},
    ssh: { hostKeyCheck: true },
    ...settings,
  };
}

/** Calls `action` once, on the first event of a host's engine matching `filters` (docker events). */
export async function onHostEvent(
  docker: Docker,
  filters: Record<string, string[]>,
  action: () => void,
): Promise<{ stop(): void; fired(): boolean }> {
  const stream = (await docker.getEvents({
    filters: JSON.stringify(filters),
  } as object)) as unknown as NodeJS.ReadableStream & { destroy(): void };
  let fired = false;
  stream.on('data', () => {
    if (fired) return;
    fired = true;
    action();
  });
  stream.on('error', () => undefined); // the engine it listens to may be the one a fault kills
  return { stop: () => stream.destroy(), fired: () => fired };
}

// ---------------------------------------------------------------- the CLI as a child process

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  text: string;
  ms: number;
  /** The run did not end by itself within its time limit and was killed. */
  hung: boolean;
}

/**
 * The bundle the CLI runs from: dist/ (rebuilt by the lead), or AVIARY_FAULT_DIST — a directory
 * with cli.js, e.g. `npx ncc build src/index.ts -o /tmp/fault-dist -e cpu-features` plus a cli.js
 * of one line: require('./index.js').cli(process.argv.slice(2)).
 */
export function cliPath(): string {
  return path.join(process.env.AVIARY_FAULT_DIST || path.join(REPO, 'dist'), 'cli.js');
}

/** One `aviary` run: its output line by line (stdout and stderr), signals, and its end. */
export class CliRun {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  readonly started = Date.now();
  readonly done: Promise<CliResult>;
  private waiters: Array<{ re: RegExp; resolve: (line: string) => void }> = [];
  private exited = false;

  constructor(args: string[], env: NodeJS.ProcessEnv = {}, limitMs = 120_000) {
    this.child = spawn(process.execPath, [cliPath(), ...args], {
      cwd: REPO,
      env: { ...process.env, AVIARY_DEBUG: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) eachLine(stream, (line) => this.line(line));
    let hung = false;
    const limit = setTimeout(() => {
      hung = true;
      this.child.kill('SIGKILL');
    }, limitMs);
    this.done = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        clearTimeout(limit);
        this.exited = true;
        transcript(
          `aviary ${args.join(' ')}`,
          `${this.text}\n(exit code ${code}${signal ? `, killed by ${signal}` : ''})`,
        );
        for (const w of this.waiters) w.resolve('');
        resolve({ code, signal, text: this.text, ms: Date.now() - this.started, hung });
      });
    });
  }

  private line(line: string): void {
    this.lines.push(line);
    this.waiters = this.waiters.filter((w) => {
      if (!w.re.test(line)) return true;
      w.resolve(line);
      return false;
    });
  }

  get text(): string {
    return this.lines.join('\n');
  }

  /** The first line matching `re` (already printed or to come); '' when the run ends without one. */
  waitFor(re: RegExp): Promise<string> {
    const seen = this.lines.find((l) => re.test(l));
    if (seen !== undefined) return Promise.resolve(seen);
    if (this.exited) return Promise.resolve('');
    return new Promise((resolve) => this.waiters.push({ re, resolve }));
  }

  /** Like waitFor, but a run that ends without such a line fails the test, showing what it printed. */
  async reach(re: RegExp): Promise<string> {
    const line = await this.waitFor(re);
    if (!line) throw new Error(`aviary ended before printing a line matching ${re}:\n${this.text}`);
    return line;
  }

  signal(sig: NodeJS.Signals): void {
    if (!this.exited) this.child.kill(sig);
  }

  /** The deployment id the run printed on its first line. */
  get deployment(): string | undefined {
    return this.text.match(/deployment (\d{8}-\d{6}-[0-9a-f]{16})/)?.[1];
  }
}

export function runCli(fx: DeployFixture, image: string, extra: string[] = [], limitMs?: number): CliRun {
  return new CliRun(['deploy', '--config', path.join(fx.dir, 'aviary.yml'), '--image', image, ...extra], {}, limitMs);
}

// ---------------------------------------------------------------- what the hosts run

/**
 * Everything wrong with the hosts after a fault, read on the hosts themselves: the service's
 * container not running or not answering one of `versions` with a healthy /health, another of its
 * containers running, an unfinished `<service>.new-*` container, or a deploy lock left behind.
 */
/**
 * What is wrong on these hosts after a run: not exactly one healthy container of one of `versions`,
 * leftovers, a lock or records. With `lockOf`, that run's lock must remain (a run that could not
 * restore a host keeps it, as the record that it is unfinished) and its records are not counted.
 */
export async function hostProblems(
  fx: DeployFixture,
  names: string[],
  versions: string[],
  options: { lockOf?: string } = {},
): Promise<string[]> {
  const problems: string[] = [];
  await Promise.all(
    names.map(async (name) => {
      const host = fx.host(name);
      const list = await host.docker.listContainers({ all: true });
      const mine = list.filter((c) => c.Names.some((n) => n === `/${fx.service}` || n.startsWith(`/${fx.service}.`)));
      const current = mine.find((c) => c.Names.includes(`/${fx.service}`));
      if (!current) problems.push(`${name}: no ${fx.service} container`);
      else if (current.State !== 'running')
        problems.push(`${name}: ${fx.service} is ${current.State} (${current.Status})`);
      for (const c of mine) {
        const n = c.Names[0].slice(1);
        if (n.startsWith(`${fx.service}.new-`)) problems.push(`${name}: unfinished container ${n} (${c.State})`);
        else if (c !== current && c.State === 'running') problems.push(`${name}: ${n} runs besides ${fx.service}`);
      }
      const lock = list.find((c) => c.Names.includes(`/aviary-lock.${fx.service}`));
      if (options.lockOf) {
        if (lock?.Labels?.['aviary.record.deployment'] !== options.lockOf)
          problems.push(
            `${name}: the deploy lock of ${options.lockOf} is not kept (${lock ? `held by ${lock.Labels?.['aviary.record.deployment']}` : 'none'})`,
          );
      } else if (lock) problems.push(`${name}: the deploy lock aviary-lock.${fx.service} remains`);
      const records = list
        .filter(
          (c) =>
            c.Labels?.['aviary.record.service'] === fx.service &&
            c.Labels['aviary.record.deployment'] !== options.lockOf,
        )
        .map((c) => c.Names[0].slice(1));
      if (records.length) problems.push(`${name}: records remain: ${records.join(', ')}`);
      if (current?.State === 'running') {
        const version = await fx.version(host);
        if (!versions.includes(version))
          problems.push(`${name}: answers /version with ${JSON.stringify(version)}, expected ${versions.join(' or ')}`);
        const health = await get(`http://${host.address}:${fx.port}/health`);
        if (health !== 'ok') problems.push(`${name}: /health answers ${JSON.stringify(health)}`);
      }
    }),
  );
  return problems.sort();
}

async function get(url: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok ? (await res.text()).trim() : `HTTP ${res.status}`;
  } catch (err) {
    return `unreachable: ${(err as Error).message}`;
  }
}

/** Id and start time of the service's containers on each host: equal before and after = nothing was touched. */
export async function containerSnapshot(fx: DeployFixture, names: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const name of names) {
    const host: HostRef = fx.host(name);
    const list = await host.docker.listContainers({ all: true });
    const mine = list
      .filter((c) => c.Names.some((n) => n === `/${fx.service}` || n.startsWith(`/${fx.service}.`)))
      .sort((a, b) => a.Id.localeCompare(b.Id));
    out[name] = await Promise.all(
      mine.map(async (c) => {
        const info = await host.docker.getContainer(c.Id).inspect();
        return `${info.Name.slice(1)} ${c.Id.slice(0, 12)} ${info.State.Status} started ${info.State.StartedAt}`;
      }),
    );
  }
  return out;
}

/** Containers on the hosts that a deployment made (its label): none should outlive a repair. */
export async function containersOf(fx: DeployFixture, names: string[], deployment: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of names) {
    const list = await fx
      .host(name)
      .docker.listContainers({ all: true, filters: { label: [`aviary.deployment=${deployment}`] } });
    for (const c of list) out.push(`${name}: ${c.Names[0].slice(1)} (${c.State})`);
  }
  return out;
}

// ---------------------------------------------------------------- seeded randomness and host-side timing

/** mulberry32: a small seeded generator, so a failing fuzz case can be run again by its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeds for the fuzzed cases: AVIARY_FAULT_SEEDS="1,2,3" replays chosen ones. */
export function seeds(defaults: number[]): number[] {
  const given = process.env.AVIARY_FAULT_SEEDS;
  return given
    ? given
        .split(',')
        .map((s) => Number(s.trim()))
        .filter(Number.isFinite)
    : defaults;
}

export interface InFlight {
  host: string;
  from: number; // ns: the engine's first event of the switch (the old container's kill or stop, the new one's rename or start)
  to: number; // ns: the engine's last event of its health check (`exec_die` of the health command)
}

/** The container events of a switch: what happens to a host from its batch on (its new container is created earlier, in the pre-pull). */
const SWITCH_EVENTS = new Set(['kill', 'stop', 'rename', 'start']);

/**
 * When each host was in flight, from its own engine's event log: from the first change of the
 * service's containers after the new one was created (the old one's stop, or the new one's rename
 * or start) to the end of the last health-check command run in the new one (docker exec). All are
 * events on the host, timestamped by its engine; aviary's own log plays no part.
 */
export async function inFlightOnHosts(
  fx: DeployFixture,
  names: string[],
  deployment: string,
  since: number,
  until: number,
): Promise<InFlight[]> {
  const out: InFlight[] = [];
  await Promise.all(
    names.map(async (name) => {
      const docker = fx.host(name).docker;
      const stream = (await docker.getEvents({
        since: Math.floor(since / 1000),
        until: Math.ceil(until / 1000) + 1,
        filters: JSON.stringify({ type: ['container'], label: [`aviary.service=${fx.service}`] }),
      } as object)) as unknown as NodeJS.ReadableStream;
      const text = await new Promise<string>((resolve, reject) => {
        let buf = '';
        stream.on('data', (d: Buffer) => {
          buf += d.toString('utf8');
        });
        stream.on('end', () => resolve(buf));
        stream.on('error', reject);
      });
      const events = text
        .split('\n')
        .filter(Boolean)
        .map(
          (l) =>
            JSON.parse(l) as {
              Action: string;
              timeNano: number;
              id: string;
              Actor: { Attributes: Record<string, string> };
            },
        );
      const created = events.find(
        (e) => e.Action === 'create' && e.Actor.Attributes['aviary.deployment'] === deployment,
      );
      if (!created) return;
      const first = events.find((e) => e.timeNano >= created.timeNano && SWITCH_EVENTS.has(e.Action));
      const execs = events.filter((e) => e.id === created.id && e.Action.startsWith('exec_die'));
      if (first && execs.length)
        out.push({ host: name, from: first.timeNano, to: Math.max(...execs.map((e) => e.timeNano)) });
    }),
  );
  return out.sort((a, b) => a.from - b.from);
}

/** The most intervals that overlap at one instant. */
export function maxOverlap(intervals: Array<{ from: number; to: number }>): number {
  const points = intervals
    .flatMap((i) => [
      { t: i.from, d: 1 },
      { t: i.to, d: -1 },
    ])
    .sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let max = 0;
  for (const p of points) {
    now += p.d;
    max = Math.max(max, now);
  }
  return max;
}
