// The real probes: HTTP and TCP from here to the host's address, a command inside the container
// (docker exec), and the container's state with its image HEALTHCHECK status (docker inspect).
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { HttpCheck } from './types';
import { formatDuration } from '../util/duration';
import { withTimeout } from '../util/pool';
import { demuxDockerStream } from '../hosts/docker-stream';
import type { HealthTarget, ProbeResult } from './types';

/** What `docker inspect` says about the container, reduced to what the health check needs. */
export interface ContainerState {
  /** running, exited, restarting, created, paused, dead — or `gone` when the container no longer exists. */
  status: string;
  exitCode?: number;
  oomKilled?: boolean;
  error?: string; // the engine's own error (e.g. the OCI runtime's) when it could not start it
  /** The image HEALTHCHECK's status, when the container has one. */
  health?: { status: string; exitCode?: number; output?: string };
}

/** The probes a health check runs; tests of the check's logic hand in their own. */
export interface Probes {
  http(address: string, check: HttpCheck, timeoutMs: number, signal?: AbortSignal): Promise<ProbeResult>;
  tcp(address: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<ProbeResult>;
  command(target: HealthTarget, command: string[], timeoutMs: number, signal?: AbortSignal): Promise<ProbeResult>;
  container(target: HealthTarget, timeoutMs: number): Promise<ContainerState>;
}

export const realProbes: Probes = { http: httpProbe, tcp: tcpProbe, command: commandProbe, container: containerState };

const BODY_LIMIT = 64 * 1024; // enough to match a health body; more is not read
const EXCERPT = 160;
const OUTPUT_LIMIT = 1000;

function hostPort(address: string, port: number): string {
  return `${address.includes(':') ? `[${address}]` : address}:${port}`;
}

/**
 * GET <scheme>://<address>:<port><path> on a fresh connection (no keep-alive: every probe must
 * prove that the service accepts connections now). Latency runs to the end of the body.
 * The certificate of an https health endpoint is not verified: this checks liveness, not identity,
 * and services are addressed by IP here.
 */
export function httpProbe(
  address: string,
  check: HttpCheck,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const at = Date.now();
  const t0 = performance.now();
  const target = `GET ${check.scheme}://${hostPort(address, check.port)}${check.path}`;
  return new Promise((resolve) => {
    let done = false;
    let req: http.ClientRequest | undefined;
    const finish = (
      r: Omit<ProbeResult, 'check' | 'at' | 'latencyMs' | 'target'>,
      latencyMs = performance.now() - t0,
    ) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      req?.destroy();
      resolve({ check: 'http', target, at, latencyMs: Math.round(latencyMs), ...r });
    };
    const onAbort = () => finish({ ok: false, error: 'aborted' });
    const timer = setTimeout(
      () => finish({ ok: false, error: `no answer within ${formatDuration(timeoutMs)}` }),
      timeoutMs,
    );
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });

    const options: https.RequestOptions = {
      hostname: address,
      port: check.port,
      path: check.path,
      method: 'GET',
      agent: false,
      // Bare-LF header lines (CGI scripts, small embedded servers) are accepted, as curl and load
      // balancers accept them: a probe only reads the answer, it forwards nothing.
      insecureHTTPParser: true,
      headers: { 'User-Agent': 'aviary-health-check', Accept: '*/*', Connection: 'close' },
    };
    if (check.scheme === 'https') options.rejectUnauthorized = false;
    req = (check.scheme === 'https' ? https : http).request(options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const evaluate = () => {
        const latencyMs = performance.now() - t0;
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        const problems: string[] = [];
        const [lo, hi] = check.status;
        if (status < lo || status > hi) problems.push(`status ${status}, expected ${lo === hi ? lo : `${lo}-${hi}`}`);
        if (check.body && 'text' in check.body && !body.includes(check.body.text))
          problems.push(`body does not contain ${JSON.stringify(check.body.text)}`);
        // "^ok$" is meant to match the body "ok\n": the regex sees the body without trailing whitespace.
        if (check.body && 'regex' in check.body && !safeRegex(check.body.regex).test(body.trimEnd()))
          problems.push(`body does not match /${check.body.regex}/`);
        if (check.maxLatencyMs !== undefined && latencyMs > check.maxLatencyMs) {
          problems.push(
            `answered in ${formatDuration(latencyMs)}, more than max-latency ${formatDuration(check.maxLatencyMs)}`,
          );
        }
        finish(
          {
            ok: problems.length === 0,
            status,
            bodyExcerpt: excerpt(body),
            error: problems.length ? problems.join('; ') : undefined,
          },
          latencyMs,
        );
      };
      res.on('data', (chunk: Buffer) => {
        if (size < BODY_LIMIT) chunks.push(chunk);
        size += chunk.length;
        if (size >= BODY_LIMIT) evaluate();
      });
      res.once('end', evaluate);
      res.once('error', (err) =>
        finish({ ok: false, status: res.statusCode, error: networkReason(err, hostPort(address, check.port)) }),
      );
    });
    req.once('error', (err) => finish({ ok: false, error: networkReason(err, hostPort(address, check.port)) }));
    req.end();
  });
}

/** Opens a TCP connection to address:port and closes it at once. */
export function tcpProbe(address: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<ProbeResult> {
  const at = Date.now();
  const t0 = performance.now();
  const target = `tcp ${hostPort(address, port)}`;
  return new Promise((resolve) => {
    let done = false;
    const socket = net.connect({ host: address, port });
    const finish = (ok: boolean, error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ check: 'tcp', target, ok, at, latencyMs: Math.round(performance.now() - t0), error });
    };
    const onAbort = () => finish(false, 'aborted');
    const timer = setTimeout(() => finish(false, `no answer within ${formatDuration(timeoutMs)}`), timeoutMs);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish(true));
    socket.once('error', (err) => finish(false, networkReason(err, hostPort(address, port))));
  });
}

/** Runs the command inside the container (docker exec); exit code 0 passes. */
export async function commandProbe(
  target: HealthTarget,
  command: string[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const at = Date.now();
  const t0 = performance.now();
  const what = `exec ${command.join(' ')}`;
  const result = (r: Omit<ProbeResult, 'check' | 'at' | 'latencyMs' | 'target'>): ProbeResult => ({
    check: 'command',
    target: what,
    at,
    latencyMs: Math.round(performance.now() - t0),
    ...r,
  });
  let stream: NodeJS.ReadWriteStream | undefined;
  const release = () => (stream as unknown as { destroy?: () => void } | undefined)?.destroy?.();
  const onAbort = () => release();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const run = (async () => {
      const container = target.docker.getContainer(target.containerId);
      const exec = await container.exec({ Cmd: command, AttachStdout: true, AttachStderr: true, Tty: false });
      stream = await exec.start({ hijack: true, stdin: false });
      if (signal?.aborted) release();
      const raw = await collect(stream);
      // The exit code is recorded just after the stream closes; ask again briefly if it is not yet.
      let info = await exec.inspect();
      for (let i = 0; i < 10 && (info.Running || info.ExitCode === null); i++) {
        await new Promise((r) => setTimeout(r, 20));
        info = await exec.inspect();
      }
      return { output: demuxDockerStream(raw).text, exitCode: info.ExitCode ?? undefined };
    })();
    run.catch(() => undefined);
    const { output, exitCode } = await withTimeout(run, timeoutMs, what, release);
    const tail = lastChars(output.trim(), OUTPUT_LIMIT);
    if (signal?.aborted) return result({ ok: false, error: 'aborted', output: tail });
    if (exitCode === 0) return result({ ok: true, exitCode, output: tail });
    const lastLine = tail.split('\n').pop() ?? '';
    return result({
      ok: false,
      exitCode,
      output: tail,
      error: `exit code ${exitCode ?? 'unknown'}${lastLine ? `: ${lastLine.slice(0, 200)}` : ''}`,
    });
  } catch (err) {
    if (signal?.aborted) return result({ ok: false, error: 'aborted' });
    return result({ ok: false, error: dockerReason(err, timeoutMs) });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The container's state and HEALTHCHECK status, from one docker inspect. */
export async function containerState(target: HealthTarget, timeoutMs: number): Promise<ContainerState> {
  let info: Awaited<ReturnType<ReturnType<HealthTarget['docker']['getContainer']>['inspect']>>;
  try {
    info = await withTimeout(target.docker.getContainer(target.containerId).inspect(), timeoutMs, `inspect container`);
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return { status: 'gone' };
    throw err;
  }
  const state = info.State;
  const health = (state as { Health?: { Status: string; Log?: Array<{ ExitCode: number; Output: string }> } }).Health;
  const last = health?.Log?.[health.Log.length - 1];
  return {
    status: state.Dead ? 'dead' : state.Restarting ? 'restarting' : state.Status,
    exitCode: state.ExitCode,
    oomKilled: state.OOMKilled,
    error: state.Error || undefined,
    health:
      health && health.Status && health.Status !== 'none'
        ? {
            status: health.Status,
            exitCode: last?.ExitCode,
            output: last ? lastChars(last.Output.trim(), OUTPUT_LIMIT) : undefined,
          }
        : undefined,
  };
}

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (c: Buffer) => {
      // Keep the end of a chatty command's output, not all of it.
      chunks.push(c);
      size += c.length;
      while (size > 256 * 1024 && chunks.length > 1) size -= chunks.shift()!.length;
    });
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('close', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

function safeRegex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    return /(?!)/;
  }
}

function excerpt(body: string): string {
  const one = body.replace(/\s+/g, ' ').trim();
  return one.length > EXCERPT ? one.slice(0, EXCERPT - 1) + '…' : one;
}

function lastChars(text: string, n: number): string {
  return text.length > n ? '…' + text.slice(-n) : text;
}

/** A network error in the words of a health check. */
export function networkReason(err: unknown, where: string): string {
  const e = err as { code?: string; message?: string };
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${where} (nothing listens)`;
    case 'ECONNRESET':
      return `connection reset by ${where}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to ${where}`;
    case 'ETIMEDOUT':
      return `no answer from ${where}`;
    case 'EPIPE':
      return `connection closed by ${where}`;
  }
  if (e?.message === 'socket hang up') return `${where} closed the connection without an answer`;
  if (e?.code === 'HPE_INVALID_CONSTANT' || e?.code?.startsWith('HPE_'))
    return `${where} did not answer with HTTP (${e.code})`;
  if (e?.code === 'ERR_SSL_WRONG_VERSION_NUMBER') return `${where} does not speak TLS (scheme https?)`;
  return e?.message ?? String(err);
}

function dockerReason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; statusCode?: number; json?: { message?: string }; message?: string };
  if (e?.name === 'TimeoutError') return `no result within ${formatDuration(timeoutMs)}`;
  if (e?.statusCode) return `the engine answered ${e.statusCode}: ${(e.json?.message ?? e.message ?? '').trim()}`;
  return e?.message ?? String(err);
}
