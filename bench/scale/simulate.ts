// The scale simulation's controller process: a real Rollout (src/rollout) of N hosts against the
// in-memory engine, each engine call delayed by the latency model on a virtual clock (so the run
// takes only the controller's own CPU time, and the planned wall time does not depend on the load of
// this machine), and reports what the controller cost: CPU per host, peak memory, requests in
// flight, connections open (each host's keep-alive sockets, closed when idle by the same
// IdleConnections as the real transport, on the virtual clock), and the wall time the plan takes at
// the modelled latencies. Run by test/e2e/scale-sim.test.ts,
// bundled by ncc, in a process of its own so that nothing else is measured.
import * as fs from 'node:fs';
import { loadConfig } from '../../src/config/load';
import { HealthSpec } from '../../src/health/types';
import { HostSpec } from '../../src/hosts/types';
import { HostEngine, LABEL } from '../../src/hosts/engine';
import { IdleConnections, IdleTimers, SOCKET_IDLE_MS } from '../../src/hosts/idle';
import { MemoryLogger } from '../../test/support/memory-logger';
import { HealthProbe, HealthVerdict } from '../../src/rollout/health-probe';
import { Rollout } from '../../src/rollout/rollout';
import { MemoryEngine, MemoryFleet, Session } from '../../test/support/memory-engine';
import { Kind, kindOf, LatencyModel, sample } from './latency';

interface Args {
  hosts: number;
  parallel: number;
  model: string;
  batches: string;
  idleMs: number;
  maxIdle: number;
}

function parse(argv: string[]): Args {
  const get = (k: string, d: string) => {
    const i = argv.indexOf(`--${k}`);
    return i >= 0 ? argv[i + 1] : d;
  };
  const parallel = Number(get('parallel', '32'));
  return {
    hosts: Number(get('hosts', '1000')),
    parallel,
    model: get('model', ''),
    batches: get('batches', '[1, "25%", "100%"]'),
    // The real transport's policy by default; other values to see what the idle time and the cap each do.
    idleMs: Number(get('idle-ms', String(SOCKET_IDLE_MS))),
    maxIdle: Number(get('max-idle', String(parallel))),
  };
}

/**
 * Discrete-event time: a sleep is queued at now + ms; whenever everything runnable has run (one
 * macrotask turn), the earliest sleeper wakes and the clock jumps to its time. The in-memory
 * engine does no I/O, so nothing else can wake the run.
 */
class VirtualClock implements IdleTimers {
  now = 0;
  private readonly sleepers: Array<{ at: number; wake: () => void }> = [];
  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ at: this.now + ms, wake }));
  }
  /** The idle timers of the connections, on this clock. */
  set(ms: number, fire: () => void): unknown {
    const sleeper = { at: this.now + ms, wake: fire };
    this.sleepers.push(sleeper);
    return sleeper;
  }
  clear(handle: unknown): void {
    const i = this.sleepers.indexOf(handle as never);
    if (i >= 0) this.sleepers.splice(i, 1);
  }
  async drive(done: () => boolean): Promise<void> {
    while (!done()) {
      await new Promise((r) => setImmediate(r));
      if (!this.sleepers.length) continue;
      let i = 0;
      for (let j = 1; j < this.sleepers.length; j++) if (this.sleepers[j].at < this.sleepers[i].at) i = j;
      const [next] = this.sleepers.splice(i, 1);
      this.now = Math.max(this.now, next.at);
      next.wake();
    }
  }
}

/** Counts what a real controller would have open: requests in flight, and connections (see HostSockets). */
class Meter {
  inflight = 0;
  maxInflight = 0;
  open = 0;
  maxOpen = 0;
  opened = 0; // connections opened in all: the reconnects the idle policy costs
  calls = 0;
  modelledMs = 0;
  lastCallEndMs = 0; // the virtual time of the last engine call's answer
  readonly byKind: Partial<Record<Kind, number>> = {};
  count(kind: Kind): void {
    this.calls++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
  }
}

/**
 * One host's keep-alive agent as src/hosts/connect.ts sets it up: a call takes the most recently
 * freed socket (Node's 'lifo') or opens one; a freed socket goes to the IdleConnections, which
 * closes it after its idle time or when too many are idle (src/hosts/idle.ts's closeIdleSockets).
 */
class HostSockets {
  private readonly free: object[] = [];
  constructor(
    private readonly m: Meter,
    private readonly idle: IdleConnections,
    private readonly idleMs: number,
  ) {}
  take(): object {
    const socket = this.free.pop();
    if (socket) {
      this.idle.busy(socket);
      return socket;
    }
    this.m.opened++;
    this.m.open++;
    this.m.maxOpen = Math.max(this.m.maxOpen, this.m.open);
    return {};
  }
  release(socket: object): void {
    this.free.push(socket);
    this.idle.idle(socket, this.idleMs, () => this.drop(socket));
  }
  /** The agent's destroy() at the end of the run. */
  closeAll(): void {
    for (const socket of [...this.free]) {
      this.idle.busy(socket);
      this.drop(socket);
    }
  }
  private drop(socket: object): void {
    const i = this.free.indexOf(socket);
    if (i >= 0) {
      this.free.splice(i, 1);
      this.m.open--;
    }
  }
}

class TimedSession extends Session {
  readonly sockets = new Map<string, HostSockets>();
  constructor(
    fleet: MemoryFleet,
    private readonly m: Meter,
    private readonly model: LatencyModel,
    private readonly clock: VirtualClock,
    private readonly idle: IdleConnections,
    private readonly idleMs: number,
  ) {
    super(fleet, {});
  }
  async call(what: string): Promise<void> {
    const kind = kindOf(what);
    this.m.count(kind);
    this.m.inflight++;
    this.m.maxInflight = Math.max(this.m.maxInflight, this.m.inflight);
    const host = what.slice(0, what.indexOf(' '));
    let agent = this.sockets.get(host);
    if (!agent) this.sockets.set(host, (agent = new HostSockets(this.m, this.idle, this.idleMs)));
    const socket = agent.take();
    const ms = sample(this.model[kind]);
    this.m.modelledMs += ms;
    try {
      await this.clock.sleep(ms);
    } finally {
      this.m.inflight--;
      this.m.lastCallEndMs = this.clock.now;
      agent.release(socket);
    }
  }
}

class MeteredEngine extends MemoryEngine {
  constructor(
    name: string,
    private readonly timed: TimedSession,
  ) {
    super(name, timed);
  }
  close(): void {
    this.timed.sockets.get(this.name)?.closeAll();
  }
}

class ModelHealth implements HealthProbe {
  constructor(
    private readonly model: LatencyModel,
    private readonly clock: VirtualClock,
    private readonly m: Meter,
  ) {}
  async check(_spec: HostSpec, _host: HostEngine, _id: string, _h: HealthSpec): Promise<HealthVerdict> {
    const ms = sample(this.model.health);
    this.m.count('health');
    this.m.modelledMs += ms;
    this.m.inflight++;
    this.m.maxInflight = Math.max(this.m.maxInflight, this.m.inflight);
    await this.clock.sleep(ms);
    this.m.inflight--;
    return { healthy: true, message: '', elapsedMs: ms, rounds: 1, latenciesMs: [ms] };
  }
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const model = JSON.parse(fs.readFileSync(args.model, 'utf8')).model as LatencyModel;
  const names = Array.from({ length: args.hosts }, (_, i) => `h${i + 1}`);
  const fleet = new MemoryFleet(names);
  // Every host runs v1 (one container, recorded), as before a real deploy.
  for (const n of names) {
    const id = fleet.nextId();
    fleet.host(n).set(id, {
      id,
      name: 'web',
      image: 'v1',
      labels: { [LABEL.service]: 'web', [LABEL.image]: 'reg.example/acme/web:v1', [LABEL.deployment]: 'setup' },
      running: true,
      state: 'running',
      createdMs: fleet.now,
    });
  }
  const hostsYaml = names
    .map((n, i) => `      - {name: ${n}, docker: "tcp://10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:2375"}\n`)
    .join('');
  const text = `service: web\nimage: reg.example/acme/web\nlock-timeout: 1h\ngroups:\n  web:\n    hosts:\n${hostsYaml}strategy:\n  batches: ${args.batches}\n  parallel: ${args.parallel}\n  keep: 3\navailability: false\n`;
  const config = loadConfig({
    text,
    path: 'aviary.yml',
    overrides: { image: 'reg.example/acme/web:v2' },
    env: {},
    requireImageVersion: true,
  });

  global.gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  const baseRss = process.memoryUsage().rss;
  const m = new Meter();
  const clock = new VirtualClock();
  // As connectHosts: one cap for the process, raised to the run's `parallel`.
  const idle = new IdleConnections(0, clock);
  idle.allow(args.maxIdle);
  const session = new TimedSession(fleet, m, model, clock, idle, args.idleMs);
  let peakRss = baseRss;
  let peakHeap = baseHeap;
  const sampler = setInterval(() => {
    const u = process.memoryUsage();
    peakRss = Math.max(peakRss, u.rss);
    peakHeap = Math.max(peakHeap, u.heapUsed);
  }, 50);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rollout = new Rollout(
    config,
    {
      log: new MemoryLogger(),
      connect: async (hosts) => {
        // As openHosts: one connect (a version call) per host, `parallel` at once.
        const engines = new Map<string, MeteredEngine>();
        const queue = [...hosts];
        await Promise.all(
          Array.from({ length: args.parallel }, async () => {
            for (let h = queue.shift(); h; h = queue.shift()) {
              const e = new MeteredEngine(h.name, session);
              await session.call(`${h.name} connect`);
              engines.set(h.name, e);
            }
          }),
        );
        return engines;
      },
      health: new ModelHealth(model, clock, m),
      sleep: async () => undefined,
    },
    {
      deployment: 'scale',
      owner: { owner: 'scale', deployment: 'scale', machine: 'bench', boot: '', pid: process.pid, process: '' },
    },
  );
  let finished = false;
  const running = rollout.run().finally(() => {
    finished = true;
  });
  await clock.drive(() => finished);
  const report = await running;
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const u = process.memoryUsage();
  peakRss = Math.max(peakRss, u.rss);
  peakHeap = Math.max(peakHeap, u.heapUsed);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(
    JSON.stringify({
      hosts: args.hosts,
      parallel: args.parallel,
      batches: report.plan.length,
      result: report.result,
      error: report.error,
      updated: report.hosts.filter((h) => h.result === 'updated').length,
      calls: m.calls,
      callsByKind: m.byKind,
      cpuMs: Math.round(cpuMs),
      cpuMsPerHost: Math.round((cpuMs / args.hosts) * 100) / 100,
      peakRssMB: Math.round(peakRss / 1048576),
      baseRssMB: Math.round(baseRss / 1048576),
      peakHeapMB: Math.round(peakHeap / 1048576),
      baseHeapMB: Math.round(baseHeap / 1048576),
      maxInflight: m.maxInflight,
      maxOpenConnections: m.maxOpen,
      connectionsOpened: m.opened,
      idleMs: args.idleMs,
      maxIdle: args.maxIdle,
      closedIdle: idle.closedIdle,
      closedOverCap: idle.closedOverCap,
      // At the modelled latencies the run takes the virtual time (to its last engine answer: an idle timer
      // may fire after it), plus the controller's CPU where it is the bottleneck.
      wallMs: Math.round(wallMs),
      plannedWallS: Math.round(Math.max(m.lastCallEndMs, cpuMs) / 100) / 10,
    }) + '\n',
  );
}

/** `--measure HOSTS_JSON IMAGE ROUNDS`: the per-call times of the real fleet, measured in this same bundled process. */
async function measureMain(argv: string[]): Promise<void> {
  const [hostsJson, image, rounds] = argv;
  const { measureFleet } = await import('./measure');
  const out = await measureFleet(JSON.parse(hostsJson), image, Number(rounds));
  process.stdout.write(JSON.stringify({ model: out.model, cpuMs: out.cpuMs, reconnect: out.reconnect }) + '\n');
}

const argv = process.argv.slice(2);
(argv[0] === '--measure' ? measureMain(argv.slice(1)) : main()).catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
