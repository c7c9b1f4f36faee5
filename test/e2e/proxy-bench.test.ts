// The wall time of a rollout of 8 hosts in proxy mode next to the same rollout in stop-and-start
// mode, in the same run, on the same hosts, alternating, with no load: what the gapless switch
// costs in time. With PROXY_BENCH_WRITE=1 it writes bench/results/proxy-8.{md,json}.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeployFixture, HostRef } from '../support/deploy-fixture';

const NAMES = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8'];
const REPS = Number(process.env.PROXY_BENCH_REPS ?? 3);
jest.setTimeout(175_000);

interface Mode {
  name: string;
  fx: DeployFixture;
  hosts: HostRef[];
  extra: Record<string, unknown>;
}

const proxied = new DeployFixture('px-bench-p', 18082);
const plain = new DeployFixture('px-bench-s', 18083);
const strategy = { batches: [1, '25%', '100%'], keep: 2 };
const modes: Mode[] = [
  {
    name: 'proxy',
    fx: proxied,
    hosts: NAMES.map((n) => proxied.host(n)),
    extra: {
      container: { 'stop-timeout': '2s' },
      strategy,
      availability: false,
      health: {
        http: { path: '/health', port: 8080, body: 'ok' },
        interval: '200ms',
        timeout: '1s',
        'unhealthy-threshold': 2,
        deadline: '20s',
      },
      proxy: { image: `${proxied.fleet.registry.plain}/aviary/caddy:2.6`, port: 18082 },
    },
  },
  {
    name: 'stop-and-start',
    fx: plain,
    hosts: NAMES.map((n) => plain.host(n)),
    extra: { strategy, availability: false },
  },
];
const runs: Array<{ mode: string; rep: number; wallMs: number; batchesMs: number; perHostMs: number[] }> = [];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

beforeAll(async () => {
  for (const m of modes) {
    await m.fx.clean(m.hosts);
    m.fx.writeConfig(
      { web: { hosts: m.hosts.map((h) => ({ name: h.name, docker: h.endpoint, address: h.address })) } },
      m.extra,
    );
    const { report } = await m.fx.deploy(await m.fx.image('v0'));
    if (report.result !== 'deployed') throw new Error(`${m.name} set-up: ${report.error}`);
  }
});

afterAll(async () => {
  for (const m of modes) await m.fx.cleanProxied(m.hosts);
});

test(`a rollout of 8 hosts, ${REPS} times per mode, alternating`, async () => {
  for (let rep = 1; rep <= REPS; rep++) {
    for (const m of rep % 2 ? modes : [...modes].reverse()) {
      const image = await m.fx.image(`r${rep}`);
      const { report } = await m.fx.deploy(image);
      expect(report.result).toBe('deployed');
      runs.push({
        mode: m.name,
        rep,
        wallMs: report.durationMs,
        batchesMs: report.phases.batches?.durationMs ?? 0,
        perHostMs: report.hosts.map((h) => h.durationMs ?? 0),
      });
    }
  }
  const rows = modes.map((m) => {
    const mine = runs.filter((r) => r.mode === m.name);
    return {
      mode: m.name,
      runs: mine.length,
      wallS: median(mine.map((r) => r.wallMs)) / 1000,
      batchesS: median(mine.map((r) => r.batchesMs)) / 1000,
      perHostS: median(mine.flatMap((r) => r.perHostMs)) / 1000,
    };
  });
  const md = [
    `# Proxy mode against stop-and-start: a rollout of 8 hosts (test/e2e/proxy-bench.test.ts, ${new Date().toISOString().slice(0, 10)})`,
    '',
    '`PROXY_BENCH_WRITE=1 npx jest --runInBand test/e2e/proxy-bench.test.ts` writes this file. Same run, same fleet hosts, same image sizes (the busybox test app), batches [1, "25%", "100%"], no load; medians.',
    '',
    '| mode | runs | wall s | batches s | per host s |',
    '|---|--:|--:|--:|--:|',
    ...rows.map(
      (r) => `| ${r.mode} | ${r.runs} | ${r.wallS.toFixed(1)} | ${r.batchesS.toFixed(1)} | ${r.perHostS.toFixed(2)} |`,
    ),
    '',
    `Proxy mode / stop-and-start, wall: ${(rows[0].wallS / rows[1].wallS).toFixed(2)}x.`,
    '',
  ].join('\n');
  if (process.env.PROXY_BENCH_WRITE) {
    const dir = path.join(__dirname, '../../bench/results');
    fs.writeFileSync(path.join(dir, 'proxy-8.md'), md);
    fs.writeFileSync(path.join(dir, 'proxy-8.json'), JSON.stringify({ rows, runs }, null, 2) + '\n');
  }
  console.log(md);
  expect(rows.every((r) => r.runs === REPS)).toBe(true);
});
