// A real load generator for the zero-downtime tests: one wrk (Debian's wrk 4.1) per URL, each
// connection paced by a short delay so that eight of them leave the shared cores to the fleet,
// stopped with SIGINT; a Lua `done` hook prints its counts and latencies as one JSON line.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface LoadResult {
  url: string;
  requests: number;
  /** Connect, read, write and timeout errors: requests that got no answer at all. */
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  /** Answers whose status was not 2xx or 3xx. */
  non2xx: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  seconds: number;
}

const SCRIPT = `
-- aviary test load: a short pause per connection between requests; the totals as JSON at the end
function delay() return ${'DELAY'} end
function done(summary, latency, requests)
  io.write(string.format('WRK_JSON {"requests":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d,"p50":%d,"p99":%d,"max":%d,"us":%d}\\n',
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status,
    latency:percentile(50), latency:percentile(99), latency.max, summary.duration))
end
`;

/** One phase of a test under load: how long it took and what each wrk counted. */
export interface LoadRow {
  phase: string;
  seconds: number;
  results: LoadResult[];
}

/**
 * Runs `fn` while wrk loads every URL (connected half a second before it starts, stopped half a
 * second after it ends), and adds the phase's counts to `rows`.
 */
export async function underLoad<T>(rows: LoadRow[], urls: string[], phase: string, fn: () => Promise<T>): Promise<T> {
  const load = Load.start(urls);
  await new Promise((r) => setTimeout(r, 500));
  const t0 = Date.now();
  try {
    return await fn();
  } finally {
    await new Promise((r) => setTimeout(r, 500));
    rows.push({ phase, seconds: (Date.now() - t0) / 1000, results: await load.stop() });
  }
}

export class Load {
  private constructor(private readonly runs: Array<{ url: string; child: ChildProcess; out: string[] }>) {}

  /**
   * Starts one wrk per URL: `connections` connections each, `delayMs` between a connection's requests.
   * A request unanswered after `timeoutS` (default 10) counts as lost; the latencies show the slow ones
   * (a loaded 2-core CI machine has stalled answers for 3 s without any request being lost).
   */
  static start(urls: string[], options: { connections?: number; delayMs?: number; timeoutS?: number } = {}): Load {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-load-'));
    const script = path.join(dir, 'load.lua');
    fs.writeFileSync(script, SCRIPT.replace('DELAY', String(options.delayMs ?? 3)));
    const c = String(options.connections ?? 2);
    return new Load(
      urls.map((url) => {
        const child = spawn(
          'wrk',
          ['-t1', `-c${c}`, '-d10m', '--timeout', `${options.timeoutS ?? 10}s`, '-s', script, url],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        const out: string[] = [];
        child.stdout!.on('data', (d: Buffer) => out.push(d.toString()));
        child.stderr!.on('data', (d: Buffer) => out.push(d.toString()));
        return { url, child, out };
      }),
    );
  }

  /** Stops every wrk (SIGINT: it prints its totals) and reads them. */
  async stop(): Promise<LoadResult[]> {
    return Promise.all(
      this.runs.map(
        ({ url, child, out }) =>
          new Promise<LoadResult>((resolve, reject) => {
            const timer = setTimeout(() => {
              child.kill('SIGKILL');
              reject(new Error(`wrk on ${url} did not stop: ${out.join('')}`));
            }, 10_000);
            // 'close', not 'exit': at 'exit' the last of its output (the totals) may still be in the pipe.
            child.once('close', (code, signal) => {
              clearTimeout(timer);
              const line = out
                .join('')
                .split('\n')
                .find((l) => l.startsWith('WRK_JSON '));
              if (!line)
                return reject(new Error(`wrk on ${url} printed no totals (exit ${code ?? signal}): ${out.join('')}`));
              const j = JSON.parse(line.slice('WRK_JSON '.length)) as Record<string, number>;
              resolve({
                url,
                requests: j.requests,
                socketErrors: { connect: j.connect, read: j.read, write: j.write, timeout: j.timeout },
                non2xx: j.status,
                p50Ms: j.p50 / 1000,
                p99Ms: j.p99 / 1000,
                maxMs: j.max / 1000,
                seconds: j.us / 1e6,
              });
            });
            child.kill('SIGINT');
          }),
      ),
    );
  }
}

/** Totals of a phase over every host's load. */
export function total(results: LoadResult[]): {
  requests: number;
  failed: number;
  socketErrors: number;
  non2xx: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
} {
  const socketErrors = results.reduce(
    (n, r) => n + r.socketErrors.connect + r.socketErrors.read + r.socketErrors.write + r.socketErrors.timeout,
    0,
  );
  const non2xx = results.reduce((n, r) => n + r.non2xx, 0);
  return {
    requests: results.reduce((n, r) => n + r.requests, 0),
    failed: socketErrors + non2xx,
    socketErrors,
    non2xx,
    // Per host percentiles; the phase shows the worst host's.
    p50Ms: Math.max(...results.map((r) => r.p50Ms)),
    p99Ms: Math.max(...results.map((r) => r.p99Ms)),
    maxMs: Math.max(...results.map((r) => r.maxMs)),
  };
}

/** A Markdown table of phases, for the test's log and the closing note. */
export function loadTable(rows: LoadRow[]): string {
  const lines = [
    '| phase | s | requests | failed | socket errors | non-2xx | p50 ms | p99 ms | max ms |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows) {
    const t = total(r.results);
    lines.push(
      `| ${r.phase} | ${r.seconds.toFixed(1)} | ${t.requests} | ${t.failed} | ${t.socketErrors} | ${t.non2xx} | ${t.p50Ms.toFixed(2)} | ${t.p99Ms.toFixed(1)} | ${t.maxMs.toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}
