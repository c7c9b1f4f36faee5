// Per-call times of the real fleet, through the same DockerHost the rollout uses: the samples the
// scale simulation's latency model is fitted to (bench/scale/latency.ts).
import { HostSpec } from '../../src/hosts/types';
import { HostEngine, LABEL } from '../../src/hosts/engine';
import { MemoryLogger } from '../../test/support/memory-logger';
import { fit, Kind, KINDS, LatencyModel } from './latency';

const SERVICE = 'sg-scale-probe';
const PORT = 18940;

/** Per kind: wall times, and the controller's CPU for the call (nothing else runs meanwhile). */
const cpu = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;

/** False during the warm-up round, whose calls pay for compiling the code they run (JIT), once per process. */
let measuring = false;

async function timed<T>(samples: Record<Kind, number[]>, kind: Kind, fn: () => Promise<T>): Promise<T> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await fn();
  if (!measuring) return out;
  samples[kind].push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu[kind].push((c.user + c.system) / 1000);
  return out;
}

/** A call's wall time and CPU on a new connection: the idle policy (src/hosts/idle.ts) reopens one per phase of a run. */
const fresh = { wallMs: [] as number[], cpuMs: [] as number[] };

/** Runs `rounds` swaps by hand on each host (one host after another) and fits the model. */
export async function measureFleet(
  hosts: HostSpec[],
  image: string,
  rounds: number,
): Promise<{
  model: LatencyModel;
  samples: Record<Kind, number[]>;
  cpuMs: Record<Kind, number>;
  reconnect: { wallMs: number; cpuMs: number };
}> {
  const { openHosts } = await import('../../src/hosts/open');
  const samples = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<Kind, number[]>;
  const log = new MemoryLogger();
  // One round on the first host first, not counted: the first calls of a process compile the code
  // they run, which a rollout pays once, not per host; counted, it made the per-call CPU noisy.
  const plan = [
    { spec: hosts[0], r: -1 },
    ...hosts.flatMap((spec) => Array.from({ length: rounds }, (_, r) => ({ spec, r }))),
  ];
  for (const { spec, r } of plan) {
    measuring = r >= 0;
    {
      const opened = await timed(samples, 'connect', () =>
        openHosts([spec], { parallel: 1, ssh: { hostKeyCheck: false } }, log),
      );
      const host = opened.get(spec.name)! as HostEngine;
      // What an interrupted earlier run left (the names below must be free).
      for (const c of await host.serviceContainers(SERVICE)) await host.remove(c.id);
      for (const rec of await host.records('aviary.record.service', SERVICE)) await host.remove(rec.id);
      try {
        await timed(samples, 'pull', () => host.pull(image));
        await timed(samples, 'image', () => host.imageDigest(image));
        await timed(samples, 'list', () => host.serviceContainers(SERVICE));
        const id = await timed(samples, 'create', () =>
          host.create(
            `${SERVICE}.new-${r + 1}`,
            image,
            {
              ports: [`${PORT}:8080`],
              env: {},
              secretEnv: {},
              volumes: [],
              restart: 'no',
              stopTimeoutMs: 2000,
              labels: {},
              command: [
                'sh',
                '-c',
                'trap "exit 0" TERM; mkdir -p /www; echo ok > /www/health; httpd -f -p 8080 -h /www & wait',
              ],
            } as never,
            { [LABEL.service]: SERVICE },
          ),
        );
        await timed(samples, 'rename', () => host.rename(id, SERVICE));
        await timed(samples, 'start', () => host.start(id));
        await timed(samples, 'health', () => answered(spec.address, PORT));
        await timed(samples, 'inspect', () => host.container(id));
        const rec = await timed(samples, 'record', () =>
          host.createRecord(`aviary-lock.${SERVICE}.probe-${r + 1}`, { 'aviary.record.service': SERVICE }),
        );
        await timed(samples, 'records', () => host.records('aviary.record.service', SERVICE));
        await timed(samples, 'clock', () => host.clock());
        // The same call again on a new connection (as after the idle time): the reconnect's cost.
        (host as unknown as { docker: { modem: { agent: { destroy(): void } } } }).docker.modem.agent.destroy();
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await host.clock();
        const c = process.cpuUsage(c0);
        if (measuring) {
          fresh.wallMs.push(performance.now() - t0);
          fresh.cpuMs.push((c.user + c.system) / 1000);
        }
        await timed(samples, 'stop', () => host.stop(id, 2000));
        await timed(samples, 'remove', () => host.remove(id));
        await host.remove(rec);
      } finally {
        host.close();
      }
    }
  }
  // The first connect loads dockerode: not a per-call cost.
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return Math.round((s[Math.floor(s.length / 2)] ?? 0) * 100) / 100;
  };
  const reconnect = {
    wallMs: Math.max(0, Math.round((median(fresh.wallMs) - median(samples.clock)) * 100) / 100),
    cpuMs: Math.max(0, Math.round((median(fresh.cpuMs) - median(cpu.clock)) * 100) / 100),
  };
  return {
    model: Object.fromEntries(KINDS.map((k) => [k, fit(samples[k])])) as LatencyModel,
    samples,
    cpuMs: Object.fromEntries(KINDS.map((k) => [k, median(cpu[k])])) as Record<Kind, number>,
    reconnect,
  };
}

/** Until the container's HTTP server answers /health (polled every 20 ms, at most 10 s). */
async function answered(address: string, port: number): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    try {
      const res = await fetch(`http://${address}:${port}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() - t0 > 10_000) throw new Error(`${address}:${port} did not answer within 10s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export { SERVICE as PROBE_SERVICE };
