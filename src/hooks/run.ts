// Running a drain hook for one host: a program (execFile, never a shell) or an HTTP request, with
// the host's name and address filled in, a timeout, and a result that says what happened.
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Logger } from '../log';
import { formatDuration } from '../util/duration';
import { excerpt, httpRequest, HttpAnswer, HttpRequest } from '../net/http';
import { fill, fillUrl } from '../net/template';
import { CommandAction, HookResult, HookSpec, HookVars, HttpAction } from './types';

export interface HookDeps {
  request?: (req: HttpRequest) => Promise<HttpAnswer>;
  env?: NodeJS.ProcessEnv;
}

const MAX_OUTPUT = 1024 * 1024;

/**
 * Runs one hook for one host. Never throws: the caller decides what a failure means (a failed
 * before-stop fails the host's update; a failed after-healthy is a warning).
 */
export async function runHook(
  hook: HookSpec,
  vars: HookVars,
  log: Logger,
  signal?: AbortSignal,
  deps: HookDeps = {},
): Promise<HookResult> {
  const t0 = performance.now();
  const values: Record<string, string> = {
    host: vars.host,
    address: vars.address,
    group: vars.group,
    service: vars.service,
  };
  const what = `${hook.name} hook on ${vars.host}`;
  const done = (r: Omit<HookResult, 'hook' | 'host' | 'durationMs'>): HookResult => {
    const result = { hook: hook.name, host: vars.host, durationMs: Math.round(performance.now() - t0), ...r };
    if (result.ok) log.info(result.message);
    else log.debug(`${what} failed after ${formatDuration(result.durationMs)}`);
    return result;
  };
  if (signal?.aborted) return done({ ok: false, message: `${what}: not run, the rollout was cancelled` });
  if (hook.action.kind === 'command')
    return done(await runCommand(hook, hook.action, values, vars, what, log, signal, deps, t0));
  return done(await runHttp(hook, hook.action, values, what, signal, deps, t0));
}

function runCommand(
  hook: HookSpec,
  action: CommandAction,
  values: Record<string, string>,
  vars: HookVars,
  what: string,
  log: Logger,
  signal: AbortSignal | undefined,
  deps: HookDeps,
  t0: number,
): Promise<Omit<HookResult, 'hook' | 'host' | 'durationMs'>> {
  const argv = action.argv.map((a) => fill(a, values));
  const shown = JSON.stringify(argv);
  log.debug(`${what}: running ${shown}`);
  const env = {
    ...hookEnvironment(deps.env ?? process.env, action.env ?? []),
    AVIARY_HOOK: hook.name,
    AVIARY_HOST: vars.host,
    AVIARY_ADDRESS: vars.address,
    AVIARY_GROUP: vars.group,
    AVIARY_SERVICE: vars.service,
  };
  return new Promise((resolve) => {
    execFile(
      argv[0],
      argv.slice(1),
      {
        timeout: hook.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_OUTPUT,
        env,
        signal,
        windowsHide: true,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        const elapsed = formatDuration(performance.now() - t0);
        const output = tail(
          [stdout, stderr]
            .map((s) => (s ?? '').trimEnd())
            .filter(Boolean)
            .join('\n'),
        );
        for (const line of output.split('\n')) if (line.trim()) log.debug(`${what}: ${line}`);
        if (!err)
          return resolve({
            ok: true,
            exitCode: 0,
            output: output || undefined,
            message: `${what}: ${shown} done in ${elapsed}`,
          });
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number };
        let why: string;
        if (signal?.aborted) why = 'was stopped: the rollout was cancelled';
        else if (e.killed && e.signal === 'SIGKILL' && performance.now() - t0 >= hook.timeoutMs - 50)
          why = `did not finish within timeout ${formatDuration(hook.timeoutMs)} and was killed`;
        else if (e.code === 'ENOENT') why = `could not start: ${argv[0]} was not found`;
        else if (e.code === 'EACCES') why = `could not start: ${argv[0]} is not executable`;
        else if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
          why = `wrote more than ${MAX_OUTPUT} bytes of output and was stopped`;
        else if (typeof e.code === 'number') why = `exited with code ${e.code}`;
        else if (e.signal) why = `was killed by ${e.signal}`;
        else why = `failed: ${e.message}`;
        resolve({
          ok: false,
          exitCode: typeof e.code === 'number' ? e.code : undefined,
          output: output || undefined,
          message: `${what} failed: ${shown} ${why} after ${elapsed}${output ? `:\n${indent(output)}` : ''}`,
        });
      },
    );
  });
}

async function runHttp(
  hook: HookSpec,
  action: HttpAction,
  values: Record<string, string>,
  what: string,
  signal: AbortSignal | undefined,
  deps: HookDeps,
  t0: number,
): Promise<Omit<HookResult, 'hook' | 'host' | 'durationMs'>> {
  const url = fillUrl(action.url, values);
  const headers = Object.fromEntries(Object.entries(action.headers).map(([k, v]) => [k, fill(v, values)]));
  const request = {
    url,
    method: action.method,
    headers,
    body: action.body === undefined ? undefined : fill(action.body, values),
    timeoutMs: hook.timeoutMs,
    signal,
    maxBody: 64 * 1024,
    agent: 'aviary-hook',
  };
  try {
    const answer = await (deps.request ?? httpRequest)(request);
    const elapsed = formatDuration(performance.now() - t0);
    const [lo, hi] = action.expectStatus;
    const body = excerpt(answer.body, 300);
    if (answer.status >= lo && answer.status <= hi)
      return {
        ok: true,
        status: answer.status,
        output: body || undefined,
        message: `${what}: ${action.method} ${url} answered ${answer.status} in ${elapsed}`,
      };
    return {
      ok: false,
      status: answer.status,
      output: body || undefined,
      message: `${what} failed: ${action.method} ${url} answered ${answer.status} after ${elapsed}, expected ${lo === hi ? lo : `${lo}-${hi}`}${body ? `: ${body}` : ''}`,
    };
  } catch (err) {
    return { ok: false, message: `${what} failed: ${(err as Error).message}` };
  }
}

/** What a hook may need of any machine's environment; nothing of the runner's inputs or secrets. */
const BASE_ENV = [
  'PATH',
  'HOME',
  'USER',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];

/**
 * A hook's environment: the minimal set plus the names its config lists (`env:`). The runner's
 * own environment holds every input (INPUT_PASSWORD, INPUT_SSH-KEY…) and every secret-env value.
 */
export function hookEnvironment(from: NodeJS.ProcessEnv, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...BASE_ENV, ...names]) {
    const v = from[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** The last lines of a command's output, for a message. */
function tail(text: string, lines = 8, chars = 1500): string {
  const all = text.replace(/\r/g, '').trimEnd().split('\n');
  const out = all.slice(-lines).join('\n');
  return out.length > chars ? '…' + out.slice(-chars) : (all.length > lines ? '…\n' : '') + out;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
