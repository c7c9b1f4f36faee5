// Scale beyond this machine, in simulation (issue 14): per-call times measured on the real fleet
// fit a latency model (bench/scale/latency.ts); a real Rollout of 1,000 and 5,000 hosts then runs
// against the in-memory engine with those latencies, in a process of its own
// on a virtual clock (bench/scale/simulate.ts, bundled by ncc), and reports the controller's CPU, memory, requests
// in flight, connections open (closed when idle, as src/hosts/idle.ts does) and the planned
// wall time. With AVIARY_SCALE_WRITE=1 the results go to
// bench/results/scale.{json,md}.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kind, KINDS, LatencyModel } from '../../bench/scale/latency';
import { endpoint } from '../support/endpoint';
import { loadFleet } from '../support/fleet';

const ROOT = path.resolve(__dirname, '../..');
const RESULTS = path.join(ROOT, 'bench/results');
const PARALLEL = 32;
// Rounds of calls measured per host: the per-call CPU is a median of 4 × ROUNDS samples.
const ROUNDS = 8;

interface SimResult {
  hosts: number;
  result: string;
  error?: string;
  updated: number;
  calls: number;
  callsByKind: Partial<Record<Kind, number>>;
  cpuMs: number;
  cpuMsPerHost: number;
  peakRssMB: number;
  baseRssMB: number;
  peakHeapMB: number;
  baseHeapMB: number;
  maxInflight: number;
  maxOpenConnections: number;
  connectionsOpened: number;
  closedIdle: number;
  closedOverCap: number;
  wallMs: number;
  plannedWallS: number;
}

const fleet = loadFleet();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-scale-'));
let measured: { model: LatencyModel; cpuMs: Record<Kind, number>; reconnect: { wallMs: number; cpuMs: number } };
const runs: Array<SimResult & { realCpuMsPerHost: number; availabilityCpuMsPerHost: number }> = [];
/** The default availability probe: every host of the rollout, every 500 ms, for the whole run (src/availability). */
const PROBE_INTERVAL_MS = 500;

beforeAll(async () => {
  const hosts = ['h1', 'h4', 'h5', 'h6']
    .map((n) => fleet.hosts.find((h) => h.name === n)!)
    .map((h) => ({ name: h.name, group: 'scale', endpoint: endpoint(h.tcp!), address: h.address }));
  // Transpiled only (-t): `npx tsc --noEmit` checks the types, and a type error anywhere in the tree
  // (ncc checks the whole project) must not stop the simulation; on a loaded machine it also takes a
  // tenth of the time.
  const ncc = ['build', path.join(ROOT, 'bench/scale/simulate.ts'), '-o', path.join(dir, 'sim'), '-q', '-t'];
  // Its errors (stdout, stderr) are in the exception.
  execFileSync(path.join(ROOT, 'node_modules/.bin/ncc'), ncc, {
    cwd: ROOT,
    stdio: 'pipe',
    encoding: 'utf8',
    timeout: 240_000,
  });
  // Measured by the same bundle in a process of its own: the controller's CPU per call without jest's.
  measured = JSON.parse(
    execFileSync(
      process.execPath,
      [
        path.join(dir, 'sim/index.js'),
        '--measure',
        JSON.stringify(hosts),
        `${fleet.registry.plain}/${fleet.baseImage}`,
        String(ROUNDS),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    ),
  );
  fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify({ model: measured.model }));
}, 400_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  // The results files change only on request: CI runs this test and must not change the tree.
  if (!runs.length || process.env.AVIARY_SCALE_WRITE !== '1') return;
  const when = new Date().toISOString();
  const { reconnect } = measured;
  const json = { when, parallel: PARALLEL, model: measured.model, cpuMsPerCall: measured.cpuMs, reconnect, runs };
  fs.writeFileSync(path.join(RESULTS, 'scale.json'), JSON.stringify(json, null, 2) + '\n');
  const rows = runs.map(
    (r) =>
      `| ${r.hosts} | ${r.result} | ${r.calls / r.hosts} | ${r.cpuMsPerHost} | ${r.realCpuMsPerHost} | ` +
      `${r.availabilityCpuMsPerHost} | ${r.peakRssMB} (${r.baseRssMB} before) | ${r.maxInflight} | ${r.maxOpenConnections} | ` +
      `${r.connectionsOpened / r.hosts} | ${r.plannedWallS} s (${Math.round((r.plannedWallS / 60) * 10) / 10} min) |`,
  );
  const model = KINDS.map(
    (k) =>
      `| ${k} | ${measured.model[k].samples} | ${measured.model[k].medianMs} | ${measured.model[k].p90Ms} | ${measured.cpuMs[k]} |`,
  );
  fs.writeFileSync(
    path.join(RESULTS, 'scale.md'),
    [
      `# Scale simulation (${when})`,
      '',
      `A real Rollout (batches [1, "25%", "100%"], parallel ${PARALLEL}) against the in-memory engine, each call delayed by the model below on a virtual clock (the planned wall time is that clock's, independent of this machine's load); one process per run. Made by test/e2e/scale-sim.test.ts.`,
      '',
      '| hosts | result | engine calls per host | controller CPU per host, simulated (ms) ' +
        "| with the real transport's CPU per call and reconnect (ms) | + the default availability probe, estimated (ms) " +
        '| peak RSS (MB) | requests in flight (max) | connections open (max) | connections opened per host | planned wall time |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      'Requests in flight are bounded by 2 × parallel (the preflight asks two things of each host at once). Connections open: ' +
        'the real transport (src/hosts/connect.ts) closes a keep-alive socket idle for 2 s, and the one idle the longest at once ' +
        'when more than `parallel` are idle (src/hosts/idle.ts); the simulation runs that same code on its virtual clock, so the ' +
        'peak is the requests in flight plus `parallel` idle ones (before that policy it was one per host: 1,000 and 5,000). ' +
        'The price: each phase that sweeps every host (connect, lock, survey, pre-pull, batch, outcome, release) reopens its ' +
        'connection, about 10 per host instead of 1.',
      `A reconnect, measured on the fleet (tcp): ${reconnect.wallMs} ms and ${reconnect.cpuMs} ms of controller CPU more than ` +
        'the same call on an open connection; counted in the real-transport column.',
      `Availability probe: with its defaults (on, every ${PROBE_INTERVAL_MS} ms, every host) it probes each host wall/interval times; estimated from the measured CPU of one HTTP probe (the health row below). It is not simulated.`,
      '',
      `## Latency model (measured on the fleet: h1, h4, h5, h6 over tcp, ${ROUNDS} rounds each, after one not counted)`,
      '',
      '| call | samples | median (ms) | p90 (ms) | controller CPU per call, median (ms) |',
      '|---|---|---|---|---|',
      ...model,
      '',
    ].join('\n'),
  );
});

test('the measured model is plausible: every kind sampled, the health check and start the slowest', () => {
  for (const k of KINDS) expect({ k, samples: measured.model[k].samples }).toEqual({ k, samples: 4 * ROUNDS });
  expect(measured.model.create.medianMs).toBeGreaterThan(measured.model.clock.medianMs / 10);
  const lines = KINDS.map(
    (k) =>
      `${k}: median ${measured.model[k].medianMs} ms, p90 ${measured.model[k].p90Ms} ms, ` +
      `cpu ${measured.cpuMs[k]} ms`,
  );
  console.log(lines.join('\n') + `\nreconnect: +${measured.reconnect.wallMs} ms, +${measured.reconnect.cpuMs} ms cpu`);
});

test.each([1000, 5000])(
  '%i hosts: ≤ 30 ms CPU per host, ≤ 300 MB, requests and connections bounded by parallel',
  (hosts) => {
    const out = execFileSync(
      process.execPath,
      [
        '--expose-gc',
        path.join(dir, 'sim/index.js'),
        '--hosts',
        String(hosts),
        '--parallel',
        String(PARALLEL),
        '--model',
        path.join(dir, 'model.json'),
      ],
      { encoding: 'utf8', timeout: 150_000 },
    );
    const r = JSON.parse(out) as SimResult;
    // The in-memory engine costs nothing per call; the real transport's measured CPU per call is added.
    // And each connection opened after the host's first (the idle policy's reconnects) costs what one was measured to.
    const perCall = Object.entries(r.callsByKind).reduce(
      (n, [k, c]) => n + (c! / hosts) * measured.cpuMs[k as Kind],
      0,
    );
    const reconnects = ((r.connectionsOpened - hosts) / hosts) * measured.reconnect.cpuMs;
    const realCpuMsPerHost = Math.round((r.cpuMsPerHost + perCall + reconnects) * 100) / 100;
    // Not simulated (it is real HTTP): each host probed every 500 ms for the whole run, each probe as costly as a health check.
    const availabilityCpuMsPerHost = Math.round(((r.plannedWallS * 1000) / PROBE_INTERVAL_MS) * measured.cpuMs.health);
    runs.push({ ...r, realCpuMsPerHost, availabilityCpuMsPerHost });
    console.log(JSON.stringify({ ...r, realCpuMsPerHost, availabilityCpuMsPerHost }));
    expect({ result: r.result, updated: r.updated }).toEqual({ result: 'deployed', updated: hosts });
    expect(realCpuMsPerHost).toBeLessThanOrEqual(30);
    expect(r.peakRssMB).toBeLessThanOrEqual(300);
    // A host's work runs `parallel` at once; the preflight's survey asks two things of a host at once.
    expect(r.maxInflight).toBeLessThanOrEqual(2 * PARALLEL);
    // Open: those in flight, plus at most `parallel` idle (src/hosts/idle.ts), whatever the number of hosts.
    expect(r.maxOpenConnections).toBeLessThanOrEqual(3 * PARALLEL);
    expect(r.maxOpenConnections).toBeGreaterThanOrEqual(PARALLEL);
  },
  170_000,
);
