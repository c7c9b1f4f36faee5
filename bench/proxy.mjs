// `npm run bench:proxy` (issue 12): the wall time of a rollout in proxy mode next to the same
// rollout in stop-and-start mode and by the plain docker-CLI script, in one run on the same hosts,
// at 8 and 32 hosts; and, with BENCH_BEFORE_DIST (a bundle built before the new containers were
// created during the pre-pull), what that gains in both modes. See bench/README.md.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ROOT,
  readFleet,
  fleetIsUp,
  fleetUp,
  benchHosts,
  dockerfile,
  buildAndPush,
  cleanHost,
  notServing,
  each,
} from './lib/fleet.mjs';
import { timed, killCurrent, aviaryConfig, readReport, scriptHostsFile } from './lib/tools.mjs';
import { median, fmt, table } from './lib/stats.mjs';

const env = process.env;
const S = {
  sizes: (env.PROXY_BENCH_SIZES || '8,32').split(',').map(Number),
  reps: Number(env.BENCH_REPS || 3),
  fleet: env.BENCH_FLEET || 'manage', // manage: scripts/fleet up N at each size, then back; existing: the running fleet
  dist: path.resolve(ROOT, env.AVIARY_DIST || 'dist'),
  before: env.BENCH_BEFORE_DIST ? path.resolve(ROOT, env.BENCH_BEFORE_DIST) : undefined,
  out: path.resolve(ROOT, env.BENCH_OUT || 'bench/results'),
};
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-proxy-bench-'));
const LOG = path.join(WORK, 'bench.log');
const NONCE = Date.now().toString(36);
const t0 = Date.now();

function say(m) {
  const line = `[proxy-bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${m}`;
  console.error(line);
  fs.appendFileSync(LOG, line + '\n');
}

// Each tool deploys its own service on its own port, so none resets another's hosts: every run
// deploys a fresh tag (built and pushed just before, so it is really pulled) over the tool's last one.
const copy = (dist, name) => {
  const to = path.join(WORK, name);
  fs.cpSync(dist, to, { recursive: true });
  return to;
};
const TOOLS = [
  { name: 'aviary, proxy', service: 'bpx', port: 18510, dist: copy(S.dist, 'dist'), proxy: true },
  { name: 'aviary, stop-and-start', service: 'bss', port: 18511, dist: path.join(WORK, 'dist') },
  { name: 'script', service: 'bsc', port: 18512 },
  ...(S.before
    ? [
        {
          name: 'aviary, proxy, create in the batch',
          service: 'bpx0',
          port: 18513,
          dist: copy(S.before, 'before'),
          proxy: true,
        },
        {
          name: 'aviary, stop-and-start, create in the batch',
          service: 'bss0',
          port: 18514,
          dist: path.join(WORK, 'before'),
        },
      ]
    : []),
];

const runs = [];

async function deploy(tool, hosts, ctx, size, rep) {
  const tag = `${tool.service}-${size}-${rep === 0 ? 'warm' : `r${rep}`}-${NONCE}`;
  const ref = await buildAndPush(`${ctx.repo}:${tag}`, dockerfile(ctx.base, tag), LOG);
  const dir = path.join(WORK, `${size}`, `${tool.service}-${rep}`);
  fs.mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, 'run.log');
  let r;
  let report;
  if (tool.dist) {
    const config = path.join(dir, 'aviary.yml');
    const extra = {
      strategy: { keep: 1 },
      ...(tool.proxy
        ? {
            container: { ports: [] },
            health: { http: { path: '/health', port: 8080 } },
            proxy: { image: `${ctx.registry}/aviary/caddy:2.6`, port: tool.port },
          }
        : {}),
    };
    fs.writeFileSync(
      config,
      aviaryConfig(hosts, { service: tool.service, port: tool.port, repo: ctx.repo, tls: ctx.tls, extra }),
    );
    const reportFile = path.join(dir, 'report.json');
    r = await timed(
      'node',
      [path.join(tool.dist, 'cli.js'), 'deploy', '--config', config, '--image', ref, '--report-file', reportFile],
      {
        env: { PATH: env.PATH, HOME: env.HOME },
        logFile,
      },
    );
    report = readReport(reportFile);
  } else {
    r = await timed(
      'bash',
      [
        path.join(ROOT, 'bench/deploy.sh'),
        scriptHostsFile(hosts, path.join(dir, 'hosts')),
        ref,
        tool.service,
        String(tool.port),
      ],
      {
        env: {
          PATH: env.PATH,
          HOME: env.HOME,
          DOCKER_CA: ctx.tls.ca,
          DOCKER_CERT: ctx.tls.cert,
          DOCKER_KEY: ctx.tls.key,
          INTERVAL: '0.2',
          DEADLINE: '60',
        },
        logFile,
      },
    );
  }
  const missing = await notServing(hosts, tool.port, tag);
  const ok = r.code === 0 && !missing.length;
  const run = {
    size,
    rep,
    tool: tool.name,
    ok,
    wallS: r.wall,
    cpuS: r.cpu,
    phases: report
      ? Object.fromEntries(Object.entries(report.phases ?? {}).map(([k, v]) => [k, v.durationMs]))
      : undefined,
    perHostMs: report ? report.hosts.map((h) => h.durationMs ?? 0) : undefined,
    // A host's switch without its health check's wait: the containers' create (or not), stop, renames, start, cut-over.
    switchMs: report ? report.hosts.map((h) => (h.durationMs ?? 0) - (h.health?.elapsedMs ?? 0)) : undefined,
  };
  say(
    `${size} hosts, ${tool.name}${rep ? ` #${rep}` : ' (warm-up)'}: ${ok ? 'ok' : `FAILED (exit ${r.code}, not serving: ${missing.join(',') || '-'}; ${logFile})`} ${r.wall.toFixed(2)} s${run.phases ? `, batches ${run.phases.batches} ms` : ''}`,
  );
  if (!ok) throw new Error(`${tool.name} failed on ${size} hosts: see ${logFile}`);
  if (rep) runs.push(run);
}

async function clean(hosts, ctx) {
  for (const tool of TOOLS) {
    await each(hosts, 16, async (h) => {
      await cleanHost(h, { service: tool.service, repo: ctx.repo });
      await h.local
        .getNetwork(`aviary-${tool.service}`)
        .remove()
        .catch(() => undefined);
    });
  }
}

function render() {
  const sizes = [...new Set(runs.map((r) => r.size))];
  const of = (size, tool) => runs.filter((r) => r.size === size && r.tool === tool);
  const rows = [];
  for (const size of sizes) {
    const script = median(of(size, 'script').map((r) => r.wallS));
    for (const tool of TOOLS) {
      const mine = of(size, tool.name);
      if (!mine.length) continue;
      const wall = median(mine.map((r) => r.wallS));
      const ph = (k) => (mine[0].phases ? fmt(median(mine.map((r) => (r.phases[k] ?? 0) / 1000)), 2) : '');
      rows.push([
        size,
        tool.name,
        mine.length,
        fmt(wall, 2),
        fmt(wall / script, 2),
        ph('prepull'),
        ph('proxy'),
        ph('create'),
        ph('batches'),
        mine[0].perHostMs ? fmt(median(mine.flatMap((r) => r.perHostMs)) / 1000, 2) : '',
        mine[0].switchMs ? fmt(median(mine.flatMap((r) => r.switchMs)) / 1000, 3) : '',
        fmt(median(mine.map((r) => r.cpuS)), 2),
      ]);
    }
  }
  const gains = [];
  for (const size of sizes)
    for (const mode of ['proxy', 'stop-and-start']) {
      const now = of(size, `aviary, ${mode}`);
      const before = of(size, `aviary, ${mode}, create in the batch`);
      if (!now.length || !before.length) continue;
      const b = (rs) => median(rs.map((r) => r.phases.batches / 1000));
      const host = (rs) => median(rs.flatMap((r) => r.switchMs)) / 1000;
      const w = (rs) => median(rs.map((r) => r.wallS));
      gains.push([
        size,
        mode,
        `${fmt(w(before), 2)} → ${fmt(w(now), 2)}`,
        `${fmt(b(before), 2)} → ${fmt(b(now), 2)} (${fmt(b(before) - b(now), 2)})`,
        `${fmt(host(before), 3)} → ${fmt(host(now), 3)} (${fmt(host(before) - host(now), 3)})`,
      ]);
    }
  return [
    `# A rollout in proxy mode, in stop-and-start mode and by the plain script (bench/proxy.mjs, ${new Date().toISOString().slice(0, 10)})`,
    '',
    `One run, the same hosts of the test fleet, the busybox test app (a fresh tag each run, so each run pulls), batches [1, "25%", "100%"], health every 200 ms, no load; ${S.reps} runs per tool and size, alternated; medians. "pre-pull", "proxy", "create", "batches": aviary's phases; "per host": a host's time in its batch; "switch": that, less its health check's wait. Each tool deploys its own service on its own port. aviary runs as \`node dist/cli.js deploy\`, with its defaults (the availability probe on, the proxy's drain 1 s). Seconds.`,
    '',
    table(
      [
        'hosts',
        'tool',
        'runs',
        'wall',
        '/ script',
        'pre-pull',
        'proxy',
        'create',
        'batches',
        'per host',
        'switch',
        'CPU',
      ],
      rows,
    ),
    '',
    ...(gains.length
      ? [
          '## The new containers created during the pre-pull',
          '',
          `Against ${env.BENCH_BEFORE_NAME || `the bundle in ${S.before}`} (each host's container created in its switch), in the same run. Before → now, and the gain in brackets. "switch per host": a host's time in its batch less its health check's wait.`,
          '',
          table(['hosts', 'mode', 'wall', 'batches', 'switch per host'], gains),
          '',
        ]
      : []),
  ].join('\n');
}

async function main() {
  const original = readFleet()?.hosts.length;
  say(
    `work dir ${WORK}; sizes ${S.sizes.join(', ')}; ${S.reps} run(s) per tool; tools: ${TOOLS.map((t) => t.name).join(' / ')}`,
  );
  try {
    for (const size of S.sizes) {
      let fleet = readFleet();
      if (S.fleet === 'manage' && !(await fleetIsUp(size, LOG))) {
        say(`scripts/fleet up ${size}…`);
        fleet = await fleetUp(size, LOG);
      }
      if (!fleet || fleet.hosts.length < size)
        throw new Error(`the fleet has ${fleet?.hosts.length ?? 0} hosts, ${size} needed`);
      const hosts = benchHosts(fleet, size);
      const ctx = {
        registry: fleet.registry.plain,
        repo: `${fleet.registry.plain}/bench/app`,
        base: `${fleet.registry.plain}/${fleet.baseImage}`,
        tls: fleet.tls,
      };
      await clean(hosts, ctx);
      try {
        for (const tool of TOOLS) await deploy(tool, hosts, ctx, size, 0);
        for (let rep = 1; rep <= S.reps; rep++) {
          const order = TOOLS.map((_, i) => TOOLS[(i + rep - 1) % TOOLS.length]);
          for (const tool of order) await deploy(tool, hosts, ctx, size, rep);
        }
      } finally {
        await clean(hosts, ctx);
      }
    }
  } finally {
    if (S.fleet === 'manage' && original && readFleet()?.hosts.length !== original) {
      say(`restoring the fleet to ${original} hosts`);
      await fleetUp(original, LOG).catch((e) => say(`could not restore the fleet: ${e.message}`));
    }
  }
  const md = render();
  fs.mkdirSync(S.out, { recursive: true });
  fs.writeFileSync(path.join(S.out, 'proxy.md'), md + '\n');
  fs.writeFileSync(path.join(S.out, 'proxy.json'), JSON.stringify({ settings: S, runs }, null, 2) + '\n');
  console.log(md);
}

process.on('SIGINT', () => {
  killCurrent();
  process.exit(130);
});
main().catch((err) => {
  say(`failed: ${err.message}`);
  process.exit(1);
});
