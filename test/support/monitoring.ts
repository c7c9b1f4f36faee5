// Real monitoring for the tests: Prometheus, a Pushgateway and HAProxy from Debian, each started on
// 127.0.0.1 with a free port and a temporary folder, and stopped (folder removed) by the test.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export async function httpGet(url: string, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, body: await res.text() };
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A child process with its temp dir and its output, for the error message when it does not come up. */
class Daemon {
  readonly output: string[] = [];
  private exited?: Promise<void>;

  constructor(
    readonly name: string,
    readonly dir: string,
    readonly child: ChildProcess,
  ) {
    const keep = (b: Buffer) => {
      this.output.push(...b.toString().split('\n').filter(Boolean));
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async ready(url: string, timeoutMs = 30_000): Promise<void> {
    await waitFor(
      `${this.name} at ${url}`,
      async () => {
        if (!this.running)
          throw new Error(
            `${this.name} exited (${this.child.exitCode ?? this.child.signalCode}):\n${this.output.slice(-20).join('\n')}`,
          );
        const r = await httpGet(url, 1000);
        return r.status === 200 ? true : undefined;
      },
      timeoutMs,
    );
  }

  async stop(): Promise<void> {
    if (this.running) {
      this.child.kill('SIGTERM');
      const killed = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(killed);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `aviary-${name}-`));
}

// ---------------------------------------------------------------------------------------------
// Prometheus

export interface ScrapeTarget {
  address: string; // host:port
  labels: Record<string, string>;
}

export class Prometheus {
  private constructor(
    private readonly daemon: Daemon,
    readonly url: string,
  ) {}

  /** Starts Prometheus scraping `targets`' /metrics every second. */
  static async start(targets: ScrapeTarget[], scrapeIntervalMs = 1000): Promise<Prometheus> {
    const dir = tempDir('prometheus');
    const port = await freePort();
    const interval = `${scrapeIntervalMs}ms`;
    const config =
      [
        'global:',
        `  scrape_interval: ${interval}`,
        `  evaluation_interval: ${interval}`,
        'scrape_configs:',
        '  - job_name: app',
        `    scrape_interval: ${interval}`,
        `    scrape_timeout: ${Math.max(100, scrapeIntervalMs - 100)}ms`,
        '    static_configs:',
        ...targets.flatMap((t) => [
          `      - targets: [${JSON.stringify(t.address)}]`,
          `        labels: {${Object.entries(t.labels)
            .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
            .join(', ')}}`,
        ]),
      ].join('\n') + '\n';
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), config);
    const child = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const daemon = new Daemon('prometheus', dir, child);
    const url = `http://127.0.0.1:${port}`;
    try {
      await daemon.ready(`${url}/-/ready`);
      // Prometheus starts its scrape loops a few seconds after it is ready (its scrape manager
      // applies new targets every 5s): wait for every target's first scrape, up or down.
      await waitFor('the first scrape of every target', async () => {
        const r = await httpGet(`${url}/api/v1/targets`);
        const active = (JSON.parse(r.body) as { data: { activeTargets: Array<{ health: string }> } }).data
          .activeTargets;
        return active.length === targets.length && active.every((t) => t.health !== 'unknown') ? true : undefined;
      });
    } catch (err) {
      await daemon.stop();
      throw err;
    }
    return new Prometheus(daemon, url);
  }

  /** An instant query's vector as {labels → value}. */
  async query(promql: string): Promise<Array<{ metric: Record<string, string>; value: number }>> {
    const r = await httpGet(`${this.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const doc = JSON.parse(r.body) as {
      status: string;
      data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    if (doc.status !== 'success') throw new Error(`query ${promql}: ${r.body}`);
    return doc.data.result.map((s) => ({ metric: s.metric, value: Number(s.value[1]) }));
  }

  /** Waits until the query returns a value satisfying `ok`. */
  async waitFor(promql: string, ok: (values: number[]) => boolean, timeoutMs = 30_000): Promise<number[]> {
    return waitFor(
      `${promql} in Prometheus`,
      async () => {
        const values = (await this.query(promql)).map((s) => s.value);
        return ok(values) ? values : undefined;
      },
      timeoutMs,
      250,
    );
  }

  stop(): Promise<void> {
    return this.daemon.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Pushgateway

export class Pushgateway {
  private constructor(
    private readonly daemon: Daemon,
    readonly url: string,
  ) {}

  static async start(): Promise<Pushgateway> {
    const dir = tempDir('pushgateway');
    const port = await freePort();
    const child = spawn('prometheus-pushgateway', [`--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: dir,
    });
    const daemon = new Daemon('pushgateway', dir, child);
    const url = `http://127.0.0.1:${port}`;
    try {
      await daemon.ready(`${url}/-/ready`);
    } catch (err) {
      await daemon.stop();
      throw err;
    }
    return new Pushgateway(daemon, url);
  }

  /** The samples the Pushgateway exposes on /metrics for a grouping (job, service), by "name{labels}". */
  async samples(job: string, service: string): Promise<Map<string, number>> {
    const r = await httpGet(`${this.url}/metrics`);
    const out = new Map<string, number>();
    for (const line of r.body.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)$/.exec(line);
      if (!m) continue;
      const labels = m[2] ?? '';
      if (!labels.includes(`job="${job}"`) || !labels.includes(`service="${service}"`)) continue;
      // Drop the grouping labels, which the Pushgateway adds to every sample.
      const rest = labels
        .slice(1, -1)
        .split(/,(?=[a-zA-Z_]+=")/)
        .filter((l) => l && !l.startsWith('job=') && !l.startsWith('service=') && !l.startsWith('instance='));
      out.set(`${m[1]}${rest.length ? `{${rest.join(',')}}` : ''}`, Number(m[3]));
    }
    return out;
  }

  stop(): Promise<void> {
    return this.daemon.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// HAProxy

export interface Backend {
  name: string; // the server's name in HAProxy: the host's name (h4), so hooks can use {{host}}
  address: string;
  port: number;
}

/**
 * HAProxy in front of a group: one frontend on 127.0.0.1, one backend `app` with every host as a
 * server, HTTP health checks on /health, and the runtime API on a unix socket at level admin.
 * Without drain hooks it sends traffic to a host until its health check fails (`fall 2`), and
 * does not retry elsewhere (`retries 0`), as a plain setup would: a swap then shows as errors.
 */
export class Haproxy {
  private constructor(
    private readonly daemon: Daemon,
    readonly url: string,
    readonly socket: string,
    readonly hookScript: string,
  ) {}

  static async start(backends: Backend[]): Promise<Haproxy> {
    const dir = tempDir('haproxy');
    const port = await freePort();
    const socket = path.join(dir, 'admin.sock');
    const config =
      [
        'global',
        `  stats socket ${socket} mode 600 level admin`,
        '  log stderr format raw local0 err',
        'defaults',
        '  mode http',
        '  log global',
        '  retries 0',
        '  timeout connect 1s',
        '  timeout client 5s',
        '  timeout server 5s',
        'frontend web',
        `  bind 127.0.0.1:${port}`,
        '  default_backend app',
        'backend app',
        '  balance roundrobin',
        '  option httpchk GET /health',
        '  http-check expect status 200',
        '  default-server inter 500ms fall 2 rise 1',
        ...backends.map((b) => `  server ${b.name} ${b.address}:${b.port} check`),
      ].join('\n') + '\n';
    fs.writeFileSync(path.join(dir, 'haproxy.cfg'), config);
    const hookScript = path.join(dir, 'haproxy-hook.js');
    fs.writeFileSync(hookScript, HOOK_SCRIPT);
    const check = spawn('haproxy', ['-c', '-q', '-f', path.join(dir, 'haproxy.cfg')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const checkOut: string[] = [];
    check.stdout?.on('data', (b: Buffer) => checkOut.push(b.toString()));
    check.stderr?.on('data', (b: Buffer) => checkOut.push(b.toString()));
    const code = await new Promise<number | null>((resolve) => check.once('exit', resolve));
    if (code !== 0) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`haproxy config is invalid:\n${checkOut.join('')}`);
    }
    const child = spawn('haproxy', ['-db', '-f', path.join(dir, 'haproxy.cfg')], { stdio: ['ignore', 'pipe', 'pipe'] });
    const daemon = new Daemon('haproxy', dir, child);
    const proxy = new Haproxy(daemon, `http://127.0.0.1:${port}`, socket, hookScript);
    try {
      await waitFor('haproxy runtime API', async () => {
        if (!daemon.running) throw new Error(`haproxy exited:\n${daemon.output.slice(-20).join('\n')}`);
        return (await proxy.command('show info')).includes('Name: HAProxy') ? true : undefined;
      });
    } catch (err) {
      await daemon.stop();
      throw err;
    }
    return proxy;
  }

  /** Sends one command to the runtime API and returns its answer. */
  command(cmd: string): Promise<string> {
    return runtimeCommand(this.socket, cmd);
  }

  /** Each server's operational state: "UP", "DOWN", "MAINT", "DRAIN", … as `show stat` reports it. */
  async states(): Promise<Record<string, string>> {
    const csv = await this.command('show stat');
    const out: Record<string, string> = {};
    for (const line of csv.split('\n')) {
      const f = line.split(',');
      if (f[0] === 'app' && f[1] !== 'BACKEND' && f[1] !== 'FRONTEND' && f[17]) out[f[1]] = f[17];
    }
    return out;
  }

  async waitAllUp(names: string[], timeoutMs = 20_000): Promise<void> {
    await waitFor(
      `haproxy servers ${names.join(', ')} UP`,
      async () => {
        const s = await this.states();
        return names.every((n) => s[n] === 'UP') ? true : undefined;
      },
      timeoutMs,
    );
  }

  /** The argv of a drain hook: `drain` takes {{host}} out (maint, then waits for its sessions to end), `ready` puts it back (and waits until it is UP). */
  hookCommand(action: 'drain' | 'ready'): string[] {
    return [process.execPath, this.hookScript, this.socket, action, '{{host}}'];
  }

  stop(): Promise<void> {
    return this.daemon.stop();
  }
}

function runtimeCommand(socket: string, cmd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = net.connect(socket);
    let out = '';
    const timer = setTimeout(() => {
      c.destroy();
      reject(new Error(`haproxy runtime API: no answer to ${cmd}`));
    }, 3000);
    c.on('connect', () => c.write(cmd + '\n'));
    c.on('data', (b) => {
      out += b.toString();
    });
    c.on('end', () => {
      clearTimeout(timer);
      resolve(out);
    });
    c.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** The drain hook the tests give aviary: a plain program (no shell) talking to HAProxy's runtime API. */
const HOOK_SCRIPT = `// aviary test drain hook: node haproxy-hook.js <socket> drain|ready <server>
const net = require('node:net');
const [socket, action, server] = process.argv.slice(2);
const send = (cmd) => new Promise((resolve, reject) => {
  const c = net.connect(socket);
  let out = '';
  c.on('connect', () => c.write(cmd + '\\n'));
  c.on('data', (b) => { out += b; });
  c.on('end', () => resolve(out));
  c.on('error', reject);
});
const stat = async () => {
  for (const line of (await send('show stat')).split('\\n')) {
    const f = line.split(',');
    if (f[0] === 'app' && f[1] === server) return { sessions: Number(f[4]), status: f[17] };
  }
  throw new Error('no server app/' + server);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  const state = action === 'drain' ? 'maint' : 'ready';
  const answer = (await send('set server app/' + server + ' state ' + state)).trim();
  if (answer) throw new Error(answer);
  const deadline = Date.now() + 10000;
  for (;;) {
    const s = await stat();
    if (action === 'drain' ? s.sessions === 0 : s.status === 'UP') { console.log(server + ': ' + s.status + ', ' + s.sessions + ' session(s)'); return; }
    if (Date.now() > deadline) throw new Error(server + ' is ' + s.status + ' with ' + s.sessions + ' session(s) after 10s');
    await sleep(50);
  }
})().catch((err) => { console.error(err.message); process.exit(1); });
`;
