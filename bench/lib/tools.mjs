// The three tools the benchmark times, each run as a child process under GNU time: aviary (the
// deploy action as GitHub runs it, and the `aviary` command), the plain docker-CLI script, and the
// Ansible rolling update. All get the same hosts, image, port, batches and health check.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { ROOT } from './fleet.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));
const YAML = require('yaml');

export const BATCHES = [1, '25%', '100%'];
export const INTERVAL_MS = 200;

/**
 * Runs `cmd args` under /usr/bin/time; output to `logFile`. Returns wall (s, measured here around
 * the child), user/sys CPU (s) and peak RSS (MB) of its process tree as GNU time reports them
 * (the RSS is that of the largest single process), the time to its first byte of output and to its
 * first log line (not a workflow command), and its exit code.
 */
export function timed(cmd, args, { env, logFile }) {
  const timeFile = `${logFile}.time`;
  return new Promise((resolve) => {
    const out = fs.createWriteStream(logFile);
    const t0 = process.hrtime.bigint();
    const secs = () => Number(process.hrtime.bigint() - t0) / 1e9;
    let firstOutput;
    let firstLogLine;
    let partial = '';
    const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, cmd, ...args], {
      env,
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    current = child;
    // A run that hangs (an engine that stopped answering) is killed, and counts as failed.
    const limit = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, RUN_TIMEOUT_MS);
    const onData = (chunk) => {
      firstOutput ??= secs();
      out.write(chunk);
      if (firstLogLine !== undefined) return;
      // The first line a user reads: workflow commands (::add-mask::, ::debug::, ::group::) are not shown as such.
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop();
      if (lines.some((l) => l.trim() && !l.startsWith('::'))) firstLogLine = secs();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      clearTimeout(limit);
      const wall = secs();
      current = undefined;
      out.end();
      const line = (fs.existsSync(timeFile) ? fs.readFileSync(timeFile, 'utf8') : '').trim().split('\n').pop() ?? '';
      const [, user, sys, rssKb] = line.split(' ').map(Number);
      resolve({ code: code ?? 1, wall, user, sys, cpu: user + sys, rssMb: rssKb / 1024, firstOutput, firstLogLine });
    });
  });
}

let current;
const RUN_TIMEOUT_MS = Number(process.env.BENCH_RUN_TIMEOUT || 600) * 1000;
/** Stops the child being timed (its whole process group): used on SIGINT. */
export function killCurrent() {
  if (current?.pid)
    try {
      process.kill(-current.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
}

// ------------------------------------------------------------------------------------- aviary

/** aviary.yml for the bench service on these hosts. */
export function aviaryConfig(hosts, { service, port, repo, tls, volumes = [], extra = {} }) {
  return YAML.stringify(
    merge(
      {
        service,
        image: repo,
        groups: {
          fleet: {
            hosts: hosts.map((h) => ({
              name: h.name,
              docker: h.endpoint,
              address: h.address,
              ...(h.tls ? { tls: { ca: tls.ca, cert: tls.cert, key: tls.key } } : {}),
            })),
          },
        },
        container: {
          ports: [`${port}:8080`],
          restart: 'unless-stopped',
          'stop-timeout': '10s',
          ...(volumes.length ? { volumes } : {}),
        },
        strategy: { batches: BATCHES, 'max-unhealthy': 0 },
        health: { http: { path: '/health', port }, interval: `${INTERVAL_MS}ms`, deadline: '60s' },
      },
      extra,
    ),
  );
}

/** `over` merged into `base`, mappings recursively (experiments: BENCH_AVIARY_CONFIG). */
function merge(base, over) {
  if (!over || typeof over !== 'object' || Array.isArray(over)) return over ?? base;
  const out = { ...base };
  for (const [k, v] of Object.entries(over))
    out[k] = base && typeof base[k] === 'object' && !Array.isArray(base[k]) ? merge(base[k], v) : v;
  return out;
}

/** The environment GitHub gives `node dist/deploy/index.js`: every input (defaults from action.yml) as INPUT_<NAME>. */
export function actionEnv(inputs, dir) {
  const meta = YAML.parse(fs.readFileSync(path.join(ROOT, 'actions/deploy/action.yml'), 'utf8'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: path.join(dir, 'github-output'),
    GITHUB_STATE: path.join(dir, 'github-state'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'step-summary.md'),
  };
  for (const f of ['github-output', 'github-state', 'step-summary.md']) fs.writeFileSync(path.join(dir, f), '');
  for (const [name, spec] of Object.entries(meta.inputs ?? {}))
    env[`INPUT_${name.toUpperCase()}`] = String(inputs[name] ?? spec.default ?? '');
  return env;
}

/** What the main step saved with core.saveState, as GitHub hands it to the post step (STATE_<name>). */
export function stateEnv(file) {
  const out = {};
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]);
      out[`STATE_${heredoc[1]}`] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      out[`STATE_${lines[i].slice(0, at)}`] = lines[i].slice(at + 1);
    }
  }
  return out;
}

/** Reads aviary's report: phases, batches, per-host times (undefined when the run wrote none). */
export function readReport(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------------------------ the script

export function scriptHostsFile(hosts, file) {
  fs.writeFileSync(file, hosts.map((h) => `${h.name} ${h.endpoint} ${h.address} ${h.tls ? 1 : 0}`).join('\n') + '\n');
  return file;
}

// ----------------------------------------------------------------------------------------- Ansible

export function ansibleInventory(hosts, { service, port, image, tls }, file) {
  const lines = ['[fleet]'];
  for (const h of hosts) {
    const tlsVars = h.tls
      ? ` docker_tls=true docker_ca=${tls.ca} docker_cert=${tls.cert} docker_key=${tls.key}`
      : ' docker_tls=false';
    lines.push(`${h.name} docker_url=${h.endpoint} addr=${h.address}${tlsVars}`);
  }
  lines.push(
    '',
    '[fleet:vars]',
    'ansible_connection=local',
    'ansible_python_interpreter=/usr/bin/python3',
    `service=${service}`,
    `port=${port}`,
    `image=${image}`,
  );
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

export function ansibleEnv() {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    ANSIBLE_RETRY_FILES_ENABLED: 'false',
    ANSIBLE_NOCOLOR: '1',
  };
}
