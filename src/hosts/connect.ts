// Opens and verifies a Docker client for every host of a rollout (unix, tcp, TLS, SSH), in
// parallel, and reports every host that cannot be reached in one error before anything changes.
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import { inspect } from 'node:util';
import Dockerode from 'dockerode';
import { Endpoint, formatEndpoint } from './endpoint';
import type { HostSpec } from './types';
import { InputError, RunError } from '../errors';
import type { Logger } from '../log';
import { formatDuration } from '../util/duration';
import { mapLimit, TimeoutError, withTimeout } from '../util/pool';
import { closeIdleSockets, idleSockets, SOCKET_IDLE_MS } from './idle';
import { HostConnectError, SshTransport } from './ssh';

export interface ConnectOptions {
  parallel: number; // hosts connected at once
  timeoutMs?: number; // per host, to open the connection and answer ping + version; default 10s
  requestTimeoutMs?: number; // idle timeout of every later request through `docker`; default 60s
  sshKey?: string; // PEM private key text; a secret
  knownHosts?: string; // OpenSSH known_hosts text
  sshHostKeyCheck?: boolean; // default true; false accepts any host key, with a warning
  signal?: AbortSignal;
}

export interface EngineInfo {
  version: string; // 20.10.24
  apiVersion: string; // 1.41
  os?: string;
  arch?: string;
}

export interface Connection {
  host: HostSpec;
  /** The client for ordinary calls: a request idle for `requestTimeoutMs` is aborted. */
  docker: Dockerode;
  /** The same transport without that idle timeout, for calls that may be silent for long:
   *  pulls, stops with a long stop timeout, log follows, waits. The caller bounds those itself. */
  untimed: Dockerode;
  engine: EngineInfo;
  /** Releases the connection's pooled sockets and SSH session. Until then they close by themselves
   *  when idle (src/hosts/idle.ts) and the next call opens them again, as the first did. */
  close(): void;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/**
 * Connects to every host, at most `options.parallel` at once. Returns the connections by host
 * name, or throws one RunError naming every host that could not be reached and why (after
 * closing the connections that did open).
 */
export async function connectHosts(
  hosts: HostSpec[],
  options: ConnectOptions,
  log: Logger,
): Promise<Map<string, Connection>> {
  log.secret(options.sshKey);
  for (const h of hosts) log.secret(h.tls?.key);
  allowIdle(options.parallel);
  const settled = await mapLimit(hosts, options.parallel, (host) => connectHost(host, options, log), options.signal);
  const connections = new Map<string, Connection>();
  if (options.signal?.aborted) {
    closeConnections(settled.flatMap((r) => (r.ok ? [r.value] : [])));
    throw new RunError('Connecting to the hosts was cancelled; nothing was changed');
  }
  const failures: Array<{ host: string; endpoint: string; reason: string }> = [];
  settled.forEach((r, i) => {
    const host = hosts[i];
    if (r.ok) connections.set(host.name, r.value);
    else failures.push({ host: host.name, endpoint: formatEndpoint(host.endpoint), reason: reasonOf(r.error) });
  });
  if (failures.length > 0) {
    closeConnections(connections);
    const lines = failures.map((f) => `  - ${f.host} (${f.endpoint}): ${f.reason}`);
    const head =
      failures.length === 1
        ? `Could not connect to host ${failures[0].host}:`
        : `Could not connect to ${failures.length} of ${hosts.length} hosts:`;
    throw new RunError([head, ...lines].join('\n'), { unreachable: failures });
  }
  return connections;
}

/** Closes every connection; safe to call twice. */
export function closeConnections(connections: Iterable<Connection> | Map<string, Connection>): void {
  const list = connections instanceof Map ? connections.values() : connections;
  for (const c of list) {
    try {
      c.close();
    } catch {
      /* closing is best effort */
    }
  }
}

/** Opens one host's Docker client and checks that its engine answers (ping + version). */
export async function connectHost(host: HostSpec, options: ConnectOptions, log: Logger): Promise<Connection> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (options.signal?.aborted) throw new RunError(`${host.name}: not connected, the run was cancelled`);
  log.secret(host.tls?.key);
  log.secret(options.sshKey);
  allowIdle(options.parallel);

  const endpoint = host.endpoint;
  const transport = openTransport(host, endpoint, options, timeoutMs, log);
  const client = (timeout: number | undefined) =>
    new Dockerode({ ...transport.modem, timeout } as Dockerode.DockerOptions);
  const docker = client(requestTimeoutMs);
  const untimed = client(undefined);
  const connection: Connection = {
    host,
    docker,
    untimed,
    engine: { version: '', apiVersion: '' },
    close: transport.close,
  };

  const started = Date.now();
  const signal = options.signal;
  let onAbort: (() => void) | undefined;
  try {
    const verify = (async () => {
      const v = await docker.version();
      connection.engine = { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
    })();
    const cancelled = new Promise<never>((_, reject) => {
      onAbort = () => reject(new RunError(`${host.name}: not connected, the run was cancelled`));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    verify.catch(() => undefined); // the timeout below may win; its later failure is not news
    cancelled.catch(() => undefined);
    await withTimeout(Promise.race([verify, cancelled]), timeoutMs, `${host.name}: connect`);
  } catch (err) {
    transport.close();
    // Errors from Node's core may come from another realm (test runners): no instanceof here.
    const e = typeof err === 'object' && err !== null ? err : new Error(String(err));
    throw Object.assign(e, { endpoint, tls: Boolean(host.tls), clientCertificate: Boolean(host.tls?.cert) });
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
  log.debug(
    `${host.name}: Docker ${connection.engine.version} (API ${connection.engine.apiVersion}) via ${formatEndpoint(endpoint)} in ${formatDuration(Date.now() - started)}`,
  );
  return connection;
}

/** A run with `parallel` n keeps n hosts in flight: that many idle connections may stay open (src/hosts/idle.ts). */
function allowIdle(parallel: number): void {
  idleSockets.allow(parallel);
}

interface Transport {
  modem: Record<string, unknown>; // dockerode options, without the timeout
  close(): void;
}

function openTransport(
  host: HostSpec,
  endpoint: Endpoint,
  options: ConnectOptions,
  timeoutMs: number,
  log: Logger,
): Transport {
  // Every modem option is set, even to undefined: docker-modem fills unset ones from DOCKER_HOST,
  // DOCKER_CERT_PATH and DOCKER_CLIENT_TIMEOUT, which would send a unix:// host to another engine.
  const base = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    username: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    pathPrefix: undefined,
    sshOptions: {},
  };
  // Free keep-alive sockets close when idle: a run keeps open about as many as it has hosts in flight.
  const pooled = <A extends http.Agent>(agent: A) => closeIdleSockets(quiet(agent), idleSockets, SOCKET_IDLE_MS);
  switch (endpoint.scheme) {
    case 'unix': {
      const agent = pooled(new http.Agent({ keepAlive: true }));
      return { modem: { ...base, socketPath: endpoint.path, protocol: 'http', agent }, close: () => agent.destroy() };
    }
    case 'tcp': {
      if (!host.tls) {
        const agent = pooled(new http.Agent({ keepAlive: true }));
        return {
          modem: { ...base, host: endpoint.host, port: endpoint.port, protocol: 'http', agent },
          close: () => agent.destroy(),
        };
      }
      const { ca, cert, key, verify } = host.tls;
      if (!verify) {
        log.warn(
          `TLS verification is OFF for ${host.name} (${formatEndpoint(endpoint)}): its certificate is not checked, so anyone on the path can impersonate this engine`,
        );
      }
      // Agent options win over request options in Node, so rejectUnauthorized must live here.
      // One secure context per host, not one per socket.
      const secureContext = tls.createSecureContext({ ca, cert, key });
      const agent = pooled(new https.Agent({ keepAlive: true, secureContext, rejectUnauthorized: verify }));
      return {
        modem: { ...base, host: endpoint.host, port: endpoint.port, protocol: 'https', agent },
        close: () => agent.destroy(),
      };
    }
    case 'ssh': {
      const check = options.sshHostKeyCheck !== false;
      if (check && !options.knownHosts) {
        // Checked later too, by the verifier; said here so the fix is obvious.
        log.debug(`${host.name}: no known_hosts given; the SSH host key cannot be verified`);
      }
      const transport = new SshTransport(
        { host: endpoint.host, port: endpoint.port ?? 22, user: endpoint.user },
        {
          hostName: host.name,
          privateKey: options.sshKey,
          knownHosts: options.knownHosts,
          hostKeyCheck: check,
          connectTimeoutMs: timeoutMs,
          maxChannels: 8,
          log,
        },
      );
      return {
        modem: {
          ...base,
          host: endpoint.host,
          port: endpoint.port ?? 22,
          protocol: 'http',
          agent: quiet(transport.agent),
        },
        close: () => transport.close(),
      };
    }
  }
}

/** The reason a host could not be reached, in words a user can act on. */
export function reasonOf(err: unknown): string {
  const e = err as Error & {
    code?: string;
    statusCode?: number;
    endpoint?: Endpoint;
    tls?: boolean;
    clientCertificate?: boolean;
    json?: { message?: string };
    reason?: string;
  };
  if (err instanceof HostConnectError || err instanceof InputError || err instanceof RunError) return err.message;
  const endpoint = e?.endpoint;
  const where = !endpoint
    ? 'the engine'
    : endpoint.scheme === 'unix'
      ? endpoint.path
      : `${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port ?? 22}`;
  if (err instanceof TimeoutError) return `no answer from ${where} within ${formatDuration(err.ms)}`;
  const message = String(e?.message ?? err)
    .replace(/\s+/g, ' ')
    .trim();
  const code = e?.code ?? '';

  switch (code) {
    case 'ECONNREFUSED':
      return endpoint?.scheme === 'unix'
        ? `no engine listens on ${where} (connection refused)`
        : `nothing listens on ${where}`;
    case 'ENOENT':
      return endpoint?.scheme === 'unix' ? `no socket at ${where}` : message;
    case 'EACCES':
      return `permission denied on ${where}`;
    case 'ETIMEDOUT':
      return `no answer from ${where} (timed out)`;
    case 'EHOSTUNREACH':
      return `no answer from ${where} (host unreachable)`;
    case 'ENETUNREACH':
      return `no answer from ${where} (network unreachable)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve ${endpoint && endpoint.scheme !== 'unix' ? endpoint.host : where}`;
    case 'ECONNRESET':
      return `${where} closed the connection${endpoint?.scheme === 'tcp' && e.tls ? ' during TLS (does it require a client certificate?)' : ''}`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'CERT_SIGNATURE_FAILURE':
      return `TLS: certificate signed by unknown authority (${where}; is tls.ca the CA that signed the engine's certificate?)`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS: the engine's certificate is not valid for ${where}: ${e.reason ?? message}`;
    case 'CERT_HAS_EXPIRED':
      return `TLS: the engine's certificate has expired (${where})`;
    case 'CERT_NOT_YET_VALID':
      return `TLS: the engine's certificate is not valid yet (${where})`;
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return `TLS: ${where} does not speak TLS (a plain tcp:// endpoint? remove its tls: section)`;
    case 'ERR_OSSL_X509_KEY_VALUES_MISMATCH':
      return 'TLS: tls.key is not the key of tls.cert';
    case 'ERR_OSSL_PEM_NO_START_LINE':
    case 'ERR_OSSL_PEM_BAD_BASE64_DECODE':
      return 'TLS: tls.ca, tls.cert or tls.key is not PEM text';
  }
  if (/wrong version number/i.test(message))
    return `TLS: ${where} does not speak TLS (a plain tcp:// endpoint? remove its tls: section)`;
  const alert = /alert (certificate required|bad certificate|certificate unknown|handshake failure|unknown ca)/i.exec(
    message,
  );
  if (alert && e.clientCertificate === false)
    return `TLS: the engine at ${where} requires a client certificate (tls.cert and tls.key)`;
  if (/certificate required/i.test(message))
    return `TLS: the engine at ${where} requires a client certificate (tls.cert and tls.key)`;
  if (/alert unknown ca/i.test(message))
    return `TLS: the engine at ${where} rejected the client certificate (signed by a CA it does not trust)`;
  if (/alert bad certificate|alert certificate unknown/i.test(message))
    return `TLS: the engine at ${where} rejected the client certificate`;
  if (
    /HTTP request to an HTTPS server/i.test(message) ||
    (e?.statusCode === 400 && /HTTPS/i.test(JSON.stringify(e.json ?? '')))
  ) {
    return `${where} expects TLS: give the host a tls: section`;
  }
  if (/socket hang up/i.test(message)) return `${where} closed the connection without an answer`;
  if (typeof e?.statusCode === 'number')
    return `the engine at ${where} answered ${e.statusCode}: ${e.json?.message ?? message}`;
  return message;
}

/** docker-modem formats every request's options with util.inspect (showHidden, depth: null) even when
 *  its debug output is off; an agent with its pooled sockets made that most of a request's CPU. */
function quiet<T extends object>(agent: T): T {
  Object.defineProperty(agent, inspect.custom, { value: () => '[Agent]' });
  return agent;
}
