// The deploy benchmark behind `npm run bench` (bench/run): aviary against a plain docker-CLI script
// and an Ansible rolling update, in one run on the same hosts, image and health check; see bench/README.md.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import {
  ROOT,
  FLEET_DIR,
  readFleet,
  fleetIsUp,
  fleetUp,
  fleetDown,
  benchHosts,
  dockerfile,
  buildAndPush,
  resetHost,
  cleanHost,
  flagHost,
  waitServing,
  notServing,
  each,
  watchHealthy,
} from './lib/fleet.mjs';
import {
  timed,
  killCurrent,
  aviaryConfig,
  actionEnv,
  stateEnv,
  readReport,
  scriptHostsFile,
  ansibleInventory,
  ansibleEnv,
} from './lib/tools.mjs';
import { median, min, max, fmt, range, table } from './lib/stats.mjs';

// ------------------------------------------------------------------------------------ settings

const env = process.env;
const int = (v, d) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : d);
const list = (v, d) =>
  (v || d)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const QUICK = env.BENCH_QUICK === '1';
const S = {
  reps: int(env.BENCH_REPS, 3),
  quick: QUICK,
  sizes: QUICK
    ? [8]
    : list(env.BENCH_SIZES, '8,32,64')
        .map(Number)
        .sort((a, b) => a - b),
  fullSizes: list(env.BENCH_FULL_SIZES, '8,32').map(Number),
  images: list(env.BENCH_IMAGES, 'tiny,50mb'),
  tools: list(env.BENCH_TOOLS, 'aviary-action,aviary-cli,script,ansible'),
  scaleTools: list(env.BENCH_SCALE_TOOLS, 'aviary-action,script'),
  rollback: env.BENCH_ROLLBACK !== '0',
  rollbackReps: int(env.BENCH_ROLLBACK_REPS, int(env.BENCH_REPS, 3)),
  warmup: env.BENCH_WARMUP !== '0',
  // manage: bring the fleet up at each size and restore the size found at the start;
  // existing: use the running fleet's first N hosts, skip sizes it does not have.
  fleet: env.BENCH_FLEET || (QUICK ? 'existing' : 'manage'),
  dist: path.resolve(ROOT, env.AVIARY_DIST || 'dist'),
  service: env.BENCH_SERVICE || 'bench-app',
  port: int(env.BENCH_PORT, 18500),
  out: path.resolve(ROOT, env.BENCH_OUT || 'bench/results'),
  blobBytes: int(env.BENCH_BLOB_BYTES, 50_000_000),
  keep: env.BENCH_KEEP === '1',
  only: env.BENCH_CASES ? list(env.BENCH_CASES, '') : undefined, // e.g. 8-tiny,rollback-8
  retries: int(env.BENCH_RETRIES, 1),
  // Merged into every aviary.yml, for experiments: e.g. '{"strategy":{"parallel":64}}'.
  aviaryConfig: env.BENCH_AVIARY_CONFIG ? JSON.parse(env.BENCH_AVIARY_CONFIG) : undefined,
  // Other aviary builds or settings timed in the same run, as tools "aviary-action:<name>" or
  // "aviary-cli:<name>" in BENCH_TOOLS: '{"<name>": {"dist": "/tmp/x", "config": {...}, "node": "/path/to/node"}}'
  // ("node": another Node binary, e.g. Node 24 as GitHub runs the actions).
  variants: env.BENCH_VARIANTS ? JSON.parse(env.BENCH_VARIANTS) : {},
};
const wanted = (id) => !S.only || S.only.includes(id);
// `node bench/bench.mjs --render results.json [out.md]`: the tables again, from a saved run.
const RENDER = process.argv[2] === '--render' ? process.argv[3] : undefined;
const RB = { service: `${S.service}-rb`, port: S.port + 1, volume: `${S.service}-rb-flags` };

const WORK = RENDER ? os.tmpdir() : fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-bench-'));
// Runs use a copy of the bundle taken now: dist/ may be rebuilt while the benchmark runs.
const DIST_SOURCE = S.dist;
if (!RENDER && fs.existsSync(path.join(DIST_SOURCE, 'index.js'))) {
  fs.cpSync(DIST_SOURCE, path.join(WORK, 'dist'), { recursive: true });
  S.dist = path.join(WORK, 'dist');
  for (const [name, v] of Object.entries(S.variants)) {
    if (!v.dist) continue;
    fs.cpSync(path.resolve(ROOT, v.dist), path.join(WORK, `dist-${name}`), { recursive: true });
    v.source = v.dist;
    v.dist = path.join(WORK, `dist-${name}`);
  }
  for (const v of Object.values(S.variants)) {
    if (v.node) v.nodeVersion = execFileSync(v.node, ['--version'], { encoding: 'utf8' }).trim();
  }
}
const LOG = path.join(WORK, 'bench.log');
const NONCE = Date.now().toString(36);
const t0 = Date.now();

function say(m) {
  const line = `[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${m}`;
  console.error(line);
  if (!RENDER) fs.appendFileSync(LOG, line + '\n');
}

// ------------------------------------------------------------------------------------ results

const R = RENDER
  ? JSON.parse(fs.readFileSync(RENDER, 'utf8'))
  : {
      startedAt: new Date().toISOString(),
      settings: { ...S, targets: undefined },
      machine: machine(),
      bundle: bundleSizes(S.dist),
      startup: {},
      cases: [],
      runs: [],
      rollback: [],
      notes: [],
    };

if (RENDER)
  for (const k of ['reps', 'quick', 'sizes', 'fullSizes', 'images', 'tools', 'scaleTools'])
    if (R.settings?.[k] !== undefined) S[k] = R.settings[k];

function machine() {
  const v = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .trim()
        .split('\n')[0];
    } catch {
      return '?';
    }
  };
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    loadAtStart: os.loadavg().map((x) => +x.toFixed(2)),
    node: process.version,
    docker: v('docker', ['version', '--format', '{{.Server.Version}}']),
    ansible: v('ansible', ['--version']),
    dockerCollection: v('bash', [
      '-c',
      'ansible-galaxy collection list community.docker 2>/dev/null | grep community.docker',
    ]),
  };
}

function bundleSizes(dist) {
  const out = { dist: path.relative(ROOT, DIST_SOURCE) || DIST_SOURCE, files: {}, loaded: {} };
  const walk = (d) =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  const all = walk(dist);
  out.totalBytes = all.reduce((a, f) => a + fs.statSync(f).size, 0);
  out.fileCount = all.length;
  for (const p of all.filter((f) => f.endsWith('.js')).sort()) {
    const buf = fs.readFileSync(p);
    out.files[path.relative(dist, p)] = { bytes: buf.length, gzipBytes: zlib.gzipSync(buf).length };
  }
  return out;
}

// ------------------------------------------------------------------------------------ one run

const TLS = () => readFleet().tls;

function tagFor(...parts) {
  return parts
    .join('-')
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .slice(0, 120);
}

/** Times one tool deploying `ref` (serving `version`) to `hosts`; returns the run's record. */
async function runTool(tool, hosts, ref, { service, port, volumes = [], dir, preload = false }) {
  fs.mkdirSync(dir, { recursive: true });
  // Untimed runs (warm-up) list the bundle files they load.
  const loadedFile = path.join(dir, 'loaded.txt');
  const pre = preload ? ['-r', path.join(ROOT, 'bench/lib/loaded.cjs')] : [];
  const preEnv = preload ? { BENCH_LOADED_FILE: loadedFile } : {};
  const tls = TLS();
  const logFile = path.join(dir, `${tool.replace(/:/g, '-')}.log`);
  const reportFile = path.join(dir, 'report.json');
  const startedAt = Date.now();
  let r;
  let post;
  if (tool.startsWith('aviary')) {
    const [kind, variantName] = tool.split(':');
    const variant = variantName ? S.variants[variantName] : undefined;
    if (variantName && !variant) throw new Error(`${tool}: no variant ${variantName} in BENCH_VARIANTS`);
    const dist = variant?.dist ?? S.dist;
    const node = variant?.node ?? 'node';
    const config = path.join(dir, 'aviary.yml');
    const extra = { ...(S.aviaryConfig ?? {}), ...(variant?.config ?? {}) };
    fs.writeFileSync(
      config,
      aviaryConfig(hosts, { service, port, repo: ref.slice(0, ref.lastIndexOf(':')), tls, volumes, extra }),
    );
    if (kind === 'aviary-cli') {
      r = await timed(
        node,
        [...pre, path.join(dist, 'cli.js'), 'deploy', '--config', config, '--image', ref, '--report-file', reportFile],
        {
          env: { PATH: env.PATH, HOME: env.HOME, ...preEnv },
          logFile,
        },
      );
    } else {
      const e = actionEnv({ config, image: ref, 'report-file': reportFile }, dir);
      r = await timed(node, [...pre, path.join(dist, 'deploy/index.js')], { env: { ...e, ...preEnv }, logFile });
      // GitHub runs the post step after the main step (post-if: always()): timed apart.
      if (fs.existsSync(path.join(dist, 'deploy/post.js'))) {
        post = await timed(node, [path.join(dist, 'deploy/post.js')], {
          env: { ...e, ...stateEnv(e.GITHUB_STATE) },
          logFile: `${logFile}.post`,
        });
      }
    }
  } else if (tool === 'script') {
    const file = scriptHostsFile(hosts, path.join(dir, 'hosts'));
    r = await timed('bash', [path.join(ROOT, 'bench/deploy.sh'), file, ref, service, String(port)], {
      env: {
        PATH: env.PATH,
        HOME: env.HOME,
        DOCKER_CA: tls.ca,
        DOCKER_CERT: tls.cert,
        DOCKER_KEY: tls.key,
        INTERVAL: '0.2',
        DEADLINE: '60',
      },
      logFile,
    });
  } else if (tool === 'ansible') {
    const inv = ansibleInventory(hosts, { service, port, image: ref, tls }, path.join(dir, 'inventory'));
    r = await timed('ansible-playbook', ['-i', inv, path.join(ROOT, 'bench/rolling.yml')], {
      env: ansibleEnv(),
      logFile,
    });
  } else {
    throw new Error(`unknown tool ${tool}`);
  }
  if (preload && fs.existsSync(loadedFile)) {
    const files = fs
      .readFileSync(loadedFile, 'utf8')
      .trim()
      .split('\n')
      .filter((f) => f.startsWith(S.dist + path.sep));
    R.bundle.loaded[tool] = {
      files: files.map((f) => path.relative(S.dist, f)).sort(),
      bytes: files.reduce((a, f) => a + fs.statSync(f).size, 0),
    };
  }
  const report = tool.startsWith('aviary') ? readReport(reportFile) : undefined;
  return {
    tool,
    hosts: hosts.length,
    startedAt,
    ...r,
    postWall: post?.wall,
    logFile,
    report: report && summarize(report, startedAt, r.wall),
  };
}

/** What the benchmark keeps of aviary's report: the phase times and the per-host times. */
function summarize(report, spawnedAt, wallS) {
  const phases = Object.fromEntries(Object.entries(report.phases ?? {}).map(([k, v]) => [k, v.durationMs]));
  const engineStart = Date.parse(report.startedAt) - spawnedAt;
  const inPhases = Object.values(phases).reduce((a, b) => a + b, 0);
  return {
    result: report.result,
    error: report.error,
    durationMs: report.durationMs,
    beforeEngineMs: engineStart, // process start, bundle load, config
    afterEngineMs: wallS * 1000 - engineStart - report.durationMs, // report file, exit
    outsidePhasesMs: report.durationMs - inPhases, // lock release, closing connections
    phases,
    phaseStarts: Object.fromEntries(Object.entries(report.phases ?? {}).map(([k, v]) => [k, Date.parse(v.startedAt)])),
    batches: (report.batches ?? []).map((b) => ({
      index: b.index,
      hosts: b.hosts.length,
      ms: b.durationMs,
      result: b.result,
    })),
    hosts: (report.hosts ?? []).map((h) => ({
      name: h.name,
      batch: h.batch,
      result: h.result,
      ms: h.durationMs,
      startedAt: h.startedAt && Date.parse(h.startedAt),
      healthMs: h.health?.elapsedMs,
      healthy: h.health?.healthy,
      rounds: h.health?.rounds,
      rollbackHealthMs: h.rollbackHealth?.elapsedMs,
    })),
  };
}

// ------------------------------------------------------------------------------------ cases

let stopping = false;

/** Every host back on the baseline; retried, since other engineers' tests may restart an engine. */
async function resetAll(hosts, { service, port, baseline, repo, volumes }) {
  for (let attempt = 1; ; attempt++) {
    try {
      await each(hosts, 16, (h) => resetHost(h, { service, port, repo, baseline, volumes }));
      await waitServing(hosts, port, 'v0');
      return;
    } catch (err) {
      if (attempt >= 4) throw err;
      say(`reset failed (${err.message}): again in ${attempt * 2} s`);
      await new Promise((r) => setTimeout(r, attempt * 2000));
    }
  }
}

/** One timed deploy: a fresh image, every host back on the baseline, the tool, the check. */
async function deployRun(c, tool, rep, ctx, warm = false, attempt = 0) {
  const tag = tagFor(c.id, tool, warm ? 'warm' : `r${rep}`, NONCE);
  const ref = await buildAndPush(
    `${ctx.repo}:${tag}`,
    dockerfile(ctx.base, tag, { blobBytes: c.image === '50mb' ? S.blobBytes : 0 }),
    LOG,
  );
  await resetAll(c.hosts, { service: S.service, port: S.port, baseline: ctx.baseline, repo: ctx.repo });
  await new Promise((r) => setTimeout(r, 300));
  if (stopping) return { ok: false };
  const load = os.loadavg()[0];
  const run = await runTool(tool, c.hosts, ref, {
    service: S.service,
    port: S.port,
    dir: path.join(
      WORK,
      c.id,
      `${tool.replace(/:/g, '-')}-${warm ? 'warm' : rep}${attempt ? `-try${attempt + 1}` : ''}`,
    ),
    preload: warm && !tool.includes(':'),
  });
  const missing = await notServing(c.hosts, S.port, tag);
  run.ok = run.code === 0 && missing.length === 0;
  run.notServing = missing;
  if (!run.ok) run.failure = failureLines(run.logFile);
  Object.assign(run, { case: c.id, rep, warm, load1: +load.toFixed(2) });
  say(
    `${c.id} ${tool}${warm ? ' (warm-up)' : ` #${rep}`}: ${run.ok ? 'ok' : `FAILED (exit ${run.code}, not serving: ${missing.join(',') || '-'}; ${run.logFile}): ${run.failure}`} ${run.wall.toFixed(2)}s wall, ${run.cpu.toFixed(2)}s CPU, ${run.rssMb.toFixed(0)} MB${run.report ? `, phases ${JSON.stringify(run.report.phases)}` : ''}`,
  );
  if (!warm) R.runs.push(run);
  save();
  return run;
}

async function runCase(c, ctx) {
  say(`case ${c.id}: ${c.hosts.length} hosts, ${c.image} image, ${c.tools.join(' / ')}, ${S.reps} repetition(s)`);
  const info = {
    id: c.id,
    hosts: c.hosts.length,
    image: c.image,
    tools: c.tools,
    loadBefore: os.loadavg().map((x) => +x.toFixed(2)),
    others: await otherContainers(c.hosts),
  };
  for (let rep = 1; rep <= S.reps && !stopping; rep++) {
    // Alternate: each repetition starts with the next tool.
    const order = c.tools.map((_, i) => c.tools[(i + rep - 1) % c.tools.length]);
    for (const tool of order) {
      // A failed run stays in the results (the "ok" column) and is run once more.
      for (let attempt = 0; attempt <= S.retries && !stopping; attempt++) {
        if ((await deployRun(c, tool, rep, ctx, false, attempt)).ok) break;
      }
    }
  }
  info.loadAfter = os.loadavg().map((x) => +x.toFixed(2));
  R.cases.push(info);
}

/** Why a run failed, in a line: the last error lines of its log. */
function failureLines(logFile) {
  try {
    const lines = fs
      .readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((l) => /::error::|error|fatal|failed/i.test(l));
    return lines.slice(-2).join(' / ').replace(/%0A/g, ' ').slice(0, 400) || 'no error in its log';
  } catch {
    return 'no log';
  }
}

/** Containers of others (not the bench's) running on the hosts: the machine is shared. */
async function otherContainers(hosts) {
  let n = 0;
  await each(hosts, 16, async (h) => {
    for (const c of await h.local.listContainers()) if (!c.Names.some((x) => x.startsWith(`/${S.service}`))) n++;
  });
  return n;
}

/**
 * A broken version that fails health on the hosts of batch 2 (a flag in a volume there): aviary
 * rolls back the 3 hosts it touched. Measured: from the failed check (the failing host's verdict,
 * in the report) to every touched host healthy on the old version, by the report (end of the
 * rollback phase) and by an outside probe of the hosts every 25 ms.
 */
async function rollbackCase(hosts, ctx) {
  const c = { id: `rollback-${hosts.length}`, hosts };
  say(
    `case ${c.id}: a version broken on batch 2 (${hosts[1].name}, ${hosts[2].name}), ${S.rollbackReps} repetition(s)`,
  );
  const volumes = [`${RB.volume}:/flags`];
  await each(hosts, 16, (h) =>
    resetHost(h, { service: RB.service, port: RB.port, repo: ctx.repo, baseline: ctx.baseline, volumes }),
  );
  await each([hosts[1], hosts[2]], 2, (h) => flagHost(h, RB.volume, ctx.baseline));
  const touched = hosts.slice(0, 3);
  for (let rep = 1; rep <= S.rollbackReps && !stopping; rep++) {
    const tag = tagFor(c.id, 'broken', `r${rep}`, NONCE);
    const ref = await buildAndPush(`${ctx.repo}:${tag}`, dockerfile(ctx.base, tag, { failWhenFlagged: true }), LOG);
    await resetAll(hosts, { service: RB.service, port: RB.port, repo: ctx.repo, baseline: ctx.baseline, volumes });
    await new Promise((r) => setTimeout(r, 300));
    const stopWatch = watchHealthy(touched, RB.port, 'v0', 25);
    const run = await runTool('aviary-action', hosts, ref, {
      service: RB.service,
      port: RB.port,
      volumes,
      dir: path.join(WORK, c.id, `r${rep}`),
    });
    const healthyAt = await stopWatch();
    const rpt = run.report;
    // The failure is detected when the first failing host's check gives its verdict (the others are then cancelled).
    const failed = (rpt?.hosts ?? [])
      .filter((h) => h.healthy === false)
      .sort((a, b) => a.startedAt + a.ms - (b.startedAt + b.ms));
    const detectAt = failed.length ? failed[0].startedAt + failed[0].ms : undefined;
    const rbStart = rpt?.phaseStarts?.rollback;
    const rbEnd = rbStart !== undefined ? rbStart + rpt.phases.rollback : undefined;
    const watchAll = Object.values(healthyAt).every((t) => t !== undefined)
      ? Math.max(...Object.values(healthyAt))
      : undefined;
    const missing = await notServing(hosts, RB.port, 'v0');
    const rec = {
      rep,
      ok:
        rpt?.result === 'rolled-back' &&
        missing.length === 0 &&
        rpt.hosts.filter((h) => h.result === 'rolled-back').length === 3,
      result: rpt?.result,
      rolledBack: (rpt?.hosts ?? []).filter((h) => h.result === 'rolled-back').map((h) => h.name),
      notServing: missing,
      wall: run.wall,
      detectMs: failed[0]?.healthMs, // check start → unhealthy verdict
      healthyAfterDetectMs:
        detectAt === undefined
          ? undefined
          : Object.fromEntries(
              Object.entries(healthyAt).map(([n, t]) => [n, t === undefined ? undefined : t - detectAt]),
            ),
      detectToRollbackStartMs: rbStart !== undefined && detectAt !== undefined ? rbStart - detectAt : undefined,
      rollbackPhaseMs: rpt?.phases?.rollback,
      recoveryReportMs: rbEnd !== undefined && detectAt !== undefined ? rbEnd - detectAt : undefined,
      recoveryWatchMs: watchAll !== undefined && detectAt !== undefined ? watchAll - detectAt : undefined,
      rollbackHealthMs: (rpt?.hosts ?? []).map((h) => h.rollbackHealthMs).filter((x) => x !== undefined),
      logFile: run.logFile,
      report: rpt,
    };
    say(
      `${c.id} #${rep}: ${rec.ok ? 'ok' : 'FAILED'} (${rec.result}, rolled back ${rec.rolledBack.join(',')}) recovery ${fmt(rec.recoveryReportMs, 0)} ms by the report, ${fmt(rec.recoveryWatchMs, 0)} ms seen from outside; rollback phase ${fmt(rec.rollbackPhaseMs, 0)} ms`,
    );
    R.rollback.push(rec);
    save();
  }
  await each(hosts, 16, (h) => cleanHost(h, { service: RB.service, repo: ctx.repo, volume: RB.volume }));
}

/** Process start → first output: bare node, `aviary --help`, and the post step (no work to do). */
async function startupCase() {
  const dir = path.join(WORK, 'startup');
  fs.mkdirSync(dir, { recursive: true });
  const nodeRuns = [];
  const helpRuns = [];
  for (let i = 0; i < 5; i++) {
    nodeRuns.push(
      await timed('node', ['-e', 'console.log(1)'], { env: { PATH: env.PATH }, logFile: path.join(dir, 'node.log') }),
    );
    helpRuns.push(
      await timed('node', [path.join(S.dist, 'cli.js'), 'deploy', '--help'], {
        env: { PATH: env.PATH },
        logFile: path.join(dir, 'help.log'),
      }),
    );
  }
  R.startup = {
    bareNodeFirstOutputS: median(nodeRuns.map((r) => r.firstOutput)),
    cliHelpFirstOutputS: median(helpRuns.map((r) => r.firstOutput)),
    cliHelpCpuS: median(helpRuns.map((r) => r.cpu)),
  };
}

// ------------------------------------------------------------------------------------ main

async function ensureFleet(n) {
  const f = readFleet();
  if (S.fleet === 'existing') {
    if (!f || f.hosts.length < n) {
      say(`skipping ${n} hosts: the running fleet has ${f?.hosts.length ?? 0} (BENCH_FLEET=existing)`);
      return undefined;
    }
    return f;
  }
  if (await fleetIsUp(n, LOG)) return f;
  say(`bringing up the test fleet with ${n} hosts (scripts/fleet up ${n})…`);
  const t = Date.now();
  const fleet = await fleetUp(n, LOG);
  say(`fleet of ${n} hosts up in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  R.notes.push(`fleet of ${n} hosts brought up in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  return fleet;
}

async function contextFor(fleet) {
  const registry = fleet.registry.plain;
  const repo = `${registry}/bench/app`;
  const base = `${registry}/${fleet.baseImage}`;
  const baseline = `${repo}:v0`;
  await buildAndPush(baseline, dockerfile(base, 'v0'), LOG);
  return { repo, base, baseline };
}

async function main() {
  for (const f of [path.join(S.dist, 'index.js'), path.join(S.dist, 'deploy/index.js'), path.join(S.dist, 'cli.js')]) {
    if (!fs.existsSync(f)) throw new Error(`no aviary bundle: ${f} is missing (npm run bundle, or set AVIARY_DIST)`);
  }
  const original = readFleet()?.hosts.length;
  say(
    `work dir ${WORK}; bundle ${DIST_SOURCE} (copied); sizes ${S.sizes.join(', ')}; ${S.reps} repetition(s); fleet: ${S.fleet}${original ? ` (running: ${original} hosts)` : ''}`,
  );
  await startupCase();
  let lastFleet;
  try {
    for (const size of S.sizes) {
      if (stopping) break;
      const fleet = await ensureFleet(size);
      if (!fleet) continue;
      lastFleet = fleet;
      const ctx = await contextFor(fleet);
      const all = benchHosts(fleet, size);
      const cases = [];
      if (S.fullSizes.includes(size)) {
        for (const image of S.images) cases.push({ id: `${size}-${image}`, hosts: all, image, tools: S.tools });
      } else {
        cases.push({ id: `${size}-tiny`, hosts: all, image: 'tiny', tools: S.scaleTools });
        cases.push({ id: `8of${size}-tiny`, hosts: all.slice(0, 8), image: 'tiny', tools: ['aviary-action'] });
      }
      if (S.warmup && cases.some((c) => wanted(c.id))) {
        const warmTools = [...new Set(cases.filter((c) => wanted(c.id)).flatMap((c) => c.tools))];
        say(`warm-up on ${size} hosts: ${warmTools.join(', ')} (not counted)`);
        for (const tool of warmTools)
          if (!stopping) await deployRun({ ...cases[0], image: 'tiny', id: `${size}-warmup` }, tool, 0, ctx, true);
      }
      for (const c of cases) if (!stopping && wanted(c.id)) await runCase(c, ctx);
      if (S.rollback && size === Math.min(...S.sizes) && size >= 8 && !stopping && wanted('rollback-8'))
        await rollbackCase(all.slice(0, 8), ctx);
      await each(all, 16, (h) => cleanHost(h, { service: S.service, repo: ctx.repo }));
    }
  } finally {
    if (lastFleet) {
      const hosts = benchHosts(readFleet() ?? lastFleet, (readFleet() ?? lastFleet).hosts.length);
      await each(hosts, 16, (h) =>
        cleanHost(h, { service: S.service, repo: `${lastFleet.registry.plain}/bench/app` }),
      ).catch(() => undefined);
      await each(hosts, 16, (h) =>
        cleanHost(h, { service: RB.service, repo: `${lastFleet.registry.plain}/bench/app`, volume: RB.volume }),
      ).catch(() => undefined);
    }
    if (stopping && S.fleet === 'manage') {
      say('interrupted: the fleet is left as it is (scripts/fleet up 8 restores the usual one)');
    } else if (S.fleet === 'manage' && env.BENCH_RESTORE !== '0') {
      const now = readFleet()?.hosts.length;
      if (original && now !== original) {
        say(`restoring the test fleet to ${original} hosts (scripts/fleet up ${original})…`);
        await fleetUp(original, LOG).catch((e) => say(`could not restore the fleet: ${e.message}`));
      } else if (!original && now) {
        say('taking down the fleet the bench brought up (scripts/fleet down)');
        await fleetDown(LOG);
      }
    }
  }
}

// ------------------------------------------------------------------------------------ output

function rows(caseId, tool) {
  return R.runs.filter((r) => r.case === caseId && r.tool === tool);
}

function ms(x) {
  return fmt(x, 0);
}

function render() {
  const out = [];
  const m = R.machine;
  out.push('# aviary deploy benchmark', '');
  out.push(
    `Run ${R.startedAt} → ${R.finishedAt}; ${S.reps} repetition(s) per tool, tools alternated; bundle \`${R.bundle.dist}\`.`,
  );
  for (const [name, v] of Object.entries(R.settings?.variants ?? {}))
    out.push(
      `Variant \`${name}\`: bundle ${v.source ?? 'the same'}${v.config ? `, aviary.yml + ${JSON.stringify(v.config)}` : ''}${v.node ? `, node ${v.nodeVersion ?? v.node}` : ''}.`,
    );
  out.push(
    `Machine: ${m.cpus} CPU (${m.cpuModel}), ${m.memGiB} GiB, load ${m.loadAtStart.join(' / ')} at start, ${R.machine.loadAtEnd?.join(' / ')} at end; node ${m.node}, Docker ${m.docker}, ${m.ansible}, ${m.dockerCollection}.`,
  );
  out.push(
    'All host engines share these cores: the work itself grows with the fleet here. Batches [1, 25%, 100%], HTTP GET /health every 200 ms; wall = process start to exit.',
  );
  out.push('');

  // Main table.
  const caseIds = [...new Set(R.runs.map((r) => r.case))];
  const body = [];
  for (const id of caseIds) {
    const scriptMed = median(
      rows(id, 'script')
        .filter((r) => r.ok)
        .map((r) => r.wall),
    );
    const ansibleMed = median(
      rows(id, 'ansible')
        .filter((r) => r.ok)
        .map((r) => r.wall),
    );
    for (const tool of [...new Set(R.runs.filter((r) => r.case === id).map((r) => r.tool))]) {
      const rs = rows(id, tool);
      const ok = rs.filter((r) => r.ok);
      const wall = median(ok.map((r) => r.wall));
      const isAviary = tool.startsWith('aviary');
      body.push([
        id,
        tool,
        `${ok.length}/${rs.length}`,
        fmt(wall),
        range(ok.map((r) => r.wall)),
        fmt(median(ok.map((r) => r.cpu))),
        ms(median(ok.map((r) => (r.cpu * 1000) / r.hosts))),
        fmt(median(ok.map((r) => r.rssMb)), 0),
        isAviary ? fmt(median(ok.map((r) => r.firstLogLine))) : '',
        isAviary && scriptMed ? fmt(wall / scriptMed) : '',
        isAviary && ansibleMed ? fmt(wall / ansibleMed) : '',
        isAviary && ansibleMed ? `${fmt(ansibleMed / wall, 1)}×` : '',
      ]);
    }
  }
  out.push('## Wall time, CPU, memory', '');
  out.push(
    table(
      [
        'case',
        'tool',
        'ok',
        'wall s (median)',
        'min–max',
        'CPU s',
        'CPU ms/host',
        'peak RSS MB',
        'start→1st log s',
        'aviary/script',
        'aviary/Ansible',
        'faster than Ansible',
      ],
      body,
    ),
  );
  out.push(
    '',
    "CPU = user+sys of the tool's whole process tree (GNU time); peak RSS = its largest single process. The 8of64 case is 8 hosts of the 64-host fleet, in the same run as the 64-host case.",
  );

  // Phases.
  const ph = [];
  for (const id of caseIds) {
    for (const tool of [
      ...new Set(R.runs.filter((r) => r.case === id && r.tool.startsWith('aviary')).map((r) => r.tool)),
    ]) {
      const rs = rows(id, tool).filter((r) => r.ok && r.report);
      if (!rs.length) continue;
      const p = (name) => ms(median(rs.map((r) => r.report.phases[name])));
      const b = (i) => ms(median(rs.map((r) => r.report.batches[i]?.ms)));
      ph.push([
        id,
        tool,
        fmt(median(rs.map((r) => r.wall))),
        ms(median(rs.map((r) => r.report.beforeEngineMs))),
        p('connect'),
        p('preflight'),
        p('lock'),
        p('prepull'),
        b(0),
        b(1),
        b(2),
        p('prune'),
        ms(median(rs.map((r) => r.report.outsidePhasesMs))),
        ms(median(rs.map((r) => r.report.afterEngineMs))),
        fmt(median(rs.map((r) => r.postWall))),
      ]);
    }
  }
  out.push('', "## Where aviary's time goes (medians, ms)", '');
  out.push(
    table(
      [
        'case',
        'tool',
        'wall s',
        'start→engine',
        'connect',
        'preflight',
        'lock',
        'prepull',
        'batch 1',
        'batch 2',
        'batch 3',
        'prune',
        'unlock+close',
        'report+exit',
        'post step s',
      ],
      ph,
    ),
  );
  out.push(
    '',
    "start→engine: process start, bundle load, config; unlock+close: the engine's time outside its phases; post step: `dist/deploy/post.js` as GitHub runs it after the main step (not in wall).",
  );

  const hostRows = [];
  for (const id of caseIds) {
    const rs = rows(id, 'aviary-action').filter((r) => r.ok && r.report);
    if (!rs.length) continue;
    const hs = rs.flatMap((r) => r.report.hosts);
    for (const batch of [...new Set(hs.map((h) => h.batch))].sort()) {
      const bh = hs.filter((h) => h.batch === batch);
      hostRows.push([
        id,
        batch,
        bh.length / rs.length,
        ms(median(bh.map((h) => h.ms - (h.healthMs ?? 0)))),
        ms(max(bh.map((h) => h.ms - (h.healthMs ?? 0)))),
        ms(median(bh.map((h) => h.healthMs))),
        ms(max(bh.map((h) => h.healthMs))),
        fmt(median(bh.map((h) => h.rounds)), 1),
      ]);
    }
  }
  out.push('', '## aviary per host (aviary-action runs): swap (create, stop, rename, start) and health check, ms', '');
  out.push(
    table(
      ['case', 'batch', 'hosts', 'swap median', 'swap max', 'health median', 'health max', 'probe rounds'],
      hostRows,
    ),
  );

  if (R.rollback.length) {
    const ok = R.rollback.filter((r) => r.ok);
    out.push('', '## Rollback: a version broken on batch 2 of 8 hosts (aviary-action), ms', '');
    out.push(
      table(
        [
          'runs ok',
          'detect (check start→verdict)',
          'verdict→rollback start',
          'rollback phase',
          'verdict→all 3 healthy on old (report)',
          'same, seen from outside',
          'min–max (report)',
          'rollback health checks',
        ],
        [
          [
            `${ok.length}/${R.rollback.length}`,
            ms(median(ok.map((r) => r.detectMs))),
            ms(median(ok.map((r) => r.detectToRollbackStartMs))),
            ms(median(ok.map((r) => r.rollbackPhaseMs))),
            ms(median(ok.map((r) => r.recoveryReportMs))),
            ms(median(ok.map((r) => r.recoveryWatchMs))),
            range(
              ok.map((r) => r.recoveryReportMs),
              0,
            ),
            ms(median(ok.flatMap((r) => r.rollbackHealthMs))),
          ],
        ],
      ),
    );
  }

  out.push('', '## Start-up and bundle', '');
  out.push(
    `Process start → first output: bare \`node -e\` ${fmt(R.startup.bareNodeFirstOutputS, 3)} s; \`aviary deploy --help\` ${fmt(R.startup.cliHelpFirstOutputS, 3)} s (${fmt(R.startup.cliHelpCpuS, 3)} s CPU); the deploy runs' first log line is in the table above.`,
    '',
  );
  const loadedBy = (f) =>
    Object.entries(R.bundle.loaded)
      .filter(([, l]) => l.files.includes(f))
      .map(([t]) => t)
      .join(', ');
  out.push(
    table(
      ['file', 'bytes', 'gzip bytes', 'loaded by a deploy'],
      Object.entries(R.bundle.files).map(([f, s]) => [`${R.bundle.dist}/${f}`, s.bytes, s.gzipBytes, loadedBy(f)]),
    ),
  );
  out.push(
    '',
    `${R.bundle.dist}/ in all: ${R.bundle.fileCount} files, ${R.bundle.totalBytes} bytes (with licenses, proto files and ssh2's pagent.exe).`,
  );
  for (const [tool, l] of Object.entries(R.bundle.loaded))
    out.push(`A deploy by ${tool} loads ${l.files.length} file(s) of the bundle, ${l.bytes} bytes.`);

  out.push('', '## Targets', '');
  out.push(table(['target', 'measured', 'met?'], targets()));

  out.push('', '## Cases', '');
  out.push(
    table(
      ['case', 'hosts', 'image', 'load before', 'load after', "others' containers on the hosts"],
      R.cases.map((c) => [c.id, c.hosts, c.image, c.loadBefore.join(' '), c.loadAfter?.join(' '), c.others]),
    ),
  );
  if (R.notes.length) out.push('', ...R.notes.map((n) => `- ${n}`));
  return out.join('\n') + '\n';
}

function targets() {
  const med = (id, tool) =>
    median(
      rows(id, tool)
        .filter((r) => r.ok)
        .map((r) => r.wall),
    );
  const t = [];
  const yes = (b) => (b === undefined ? '–' : b ? 'yes' : 'NO');
  for (const size of S.fullSizes) {
    for (const image of S.images) {
      const id = `${size}-${image}`;
      for (const tool of [
        ...new Set(R.runs.filter((r) => r.case === id && r.tool.startsWith('aviary')).map((r) => r.tool)),
      ]) {
        const a = med(id, tool);
        const s = med(id, 'script');
        const an = med(id, 'ansible');
        if (a === undefined) continue;
        if (s !== undefined) t.push([`${id} ${tool}: ≤ 0.9× the script`, `${fmt(a / s)}×`, yes(a / s <= 0.9)]);
        if (an !== undefined)
          t.push([`${id} ${tool}: ≥ 4× faster than Ansible`, `${fmt(an / a, 1)}×`, yes(an / a >= 4)]);
      }
    }
  }
  const big = Math.max(...S.sizes);
  const a64 = med(`${big}-tiny`, 'aviary-action');
  const a8 = med('8-tiny', 'aviary-action');
  const a8of = med(`8of${big}-tiny`, 'aviary-action');
  if (big > 8 && a64 !== undefined && a8 !== undefined)
    t.push([`${big} hosts ≤ 1.5× the 8-host time (8-host fleet run)`, `${fmt(a64 / a8)}×`, yes(a64 / a8 <= 1.5)]);
  if (a64 !== undefined && a8of !== undefined)
    t.push([
      `${big} hosts ≤ 1.5× the 8-host time (8 hosts of the same ${big}-host fleet)`,
      `${fmt(a64 / a8of)}×`,
      yes(a64 / a8of <= 1.5),
    ]);
  const s64 = med(`${big}-tiny`, 'script');
  const s8 = med('8-tiny', 'script');
  if (big > 8 && s64 !== undefined && s8 !== undefined)
    t.push([`(reference) the script, ${big} vs 8 hosts`, `${fmt(s64 / s8)}×`, '']);
  for (const id of [...new Set(R.runs.filter((r) => r.tool.startsWith('aviary')).map((r) => r.case))]) {
    const v = median(
      rows(id, 'aviary-action')
        .filter((r) => r.ok)
        .map((r) => (r.cpu * 1000) / r.hosts),
    );
    if (v !== undefined) t.push([`aviary CPU ≤ 30 ms per host (${id}, action)`, `${fmt(v, 0)} ms`, yes(v <= 30)]);
  }
  // What one more host costs, without the start-up every run pays once: 64 hosts against 8 of them, same fleet.
  const cpuBig = median(
    rows(`${big}-tiny`, 'aviary-action')
      .filter((r) => r.ok)
      .map((r) => r.cpu),
  );
  const cpu8of = median(
    rows(`8of${big}-tiny`, 'aviary-action')
      .filter((r) => r.ok)
      .map((r) => r.cpu),
  );
  if (big > 8 && cpuBig !== undefined && cpu8of !== undefined) {
    const marginal = ((cpuBig - cpu8of) * 1000) / (big - 8);
    t.push([
      `aviary CPU ≤ 30 ms per host (each host beyond 8: ${big} hosts against 8 of them)`,
      `${fmt(marginal, 0)} ms`,
      yes(marginal <= 30),
    ]);
  }
  const rss = median(
    rows(`${big}-tiny`, 'aviary-action')
      .filter((r) => r.ok)
      .map((r) => r.rssMb),
  );
  if (rss !== undefined) t.push([`peak memory ≤ 150 MB at ${big} hosts`, `${fmt(rss, 0)} MB`, yes(rss <= 150)]);
  const rb = median(R.rollback.filter((r) => r.ok).map((r) => r.recoveryReportMs));
  const rbw = median(R.rollback.filter((r) => r.ok).map((r) => r.recoveryWatchMs));
  if (rb !== undefined)
    t.push([
      'rollback of 3 hosts: healthy on the old version ≤ 1.5 s after the failure is detected',
      `${fmt(rb / 1000)} s (outside: ${fmt(rbw / 1000)} s)`,
      yes(Math.max(rb, rbw ?? 0) <= 1500),
    ]);
  for (const tool of [...new Set(R.runs.filter((r) => r.tool.startsWith('aviary')).map((r) => r.tool))]) {
    const rs = R.runs.filter((r) => r.ok && r.tool === tool);
    const f = median(rs.map((r) => r.firstLogLine));
    if (f !== undefined)
      t.push([
        `process start → first log line ≤ 0.25 s (${tool})`,
        `${fmt(f, 3)} s (max ${fmt(max(rs.map((r) => r.firstLogLine)), 3)}; first byte ${fmt(median(rs.map((r) => r.firstOutput)), 3)} s)`,
        yes(f <= 0.25),
      ]);
  }
  return t;
}

/** The results so far, after every run: an interrupted benchmark keeps what it measured. */
function save() {
  fs.mkdirSync(S.out, { recursive: true });
  fs.writeFileSync(
    path.join(S.out, 'partial.json'),
    JSON.stringify(R, (k, v) => (k === 'logFile' && !S.keep ? undefined : v), 1) + '\n',
  );
}

/** Writes the tables and the JSON: latest.* after a complete run, interrupted.* otherwise. */
function finish(complete) {
  R.finishedAt = new Date().toISOString();
  R.complete = complete;
  R.machine.loadAtEnd = os.loadavg().map((x) => +x.toFixed(2));
  if (!complete) R.notes.push(`interrupted at ${R.finishedAt}: the tables hold the runs finished by then`);
  const md = render();
  const name = complete ? 'latest' : 'interrupted';
  fs.mkdirSync(S.out, { recursive: true });
  fs.writeFileSync(path.join(S.out, `${name}.md`), md);
  fs.writeFileSync(
    path.join(S.out, `${name}.json`),
    JSON.stringify(R, (k, v) => (k === 'logFile' && !S.keep ? undefined : v), 1) + '\n',
  );
  fs.rmSync(path.join(S.out, 'partial.json'), { force: true });
  process.stdout.write('\n' + md);
  console.error(
    `\nwritten: ${path.relative(ROOT, path.join(S.out, `${name}.md`))}, ${path.relative(ROOT, path.join(S.out, `${name}.json`))}${S.keep ? `; logs and reports kept in ${WORK}` : ''}`,
  );
}

if (RENDER) {
  const md = render();
  if (process.argv[4]) fs.writeFileSync(process.argv[4], md);
  process.stdout.write(md);
} else {
  let interrupted = 0;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      interrupted++;
      stopping = true;
      killCurrent();
      say(
        `${sig}: stopping: removing the bench's containers, writing what was measured${interrupted > 1 ? ' (again: exiting now)' : ''}`,
      );
      if (interrupted > 1) {
        try {
          finish(false);
        } catch {
          /* nothing to write */
        }
        process.exit(130);
      }
    });
  }

  main().then(
    () => {
      finish(!stopping);
      if (!S.keep) fs.rmSync(WORK, { recursive: true, force: true });
      process.exitCode = stopping ? 130 : 0;
    },
    (err) => {
      say(`failed: ${err.stack ?? err}`);
      try {
        finish(false);
      } catch {
        /* nothing to write */
      }
      console.error(`logs kept in ${WORK}`);
      process.exitCode = 1;
    },
  );
}
void min;
void FLEET_DIR;
