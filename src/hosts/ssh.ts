// Docker over SSH: one SSH session per host, one `docker system dial-stdio` channel per HTTP
// connection, kept alive between requests. docker-modem's own `protocol: 'ssh'` opens a new SSH
// session and a new dial-stdio process for every API call (~250 ms each here, against ~10 ms
// reusing a channel), cannot apply a request timeout to its channels, and prints Node's DEP0170
// URL warning for every non-default port.
import * as http from 'node:http';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import type { Logger } from '../log';
import { dropFreeSocket } from './idle';
import { hostKeyAlgorithms, knownKeysFor, verifyHostKey, type HostKeyVerdict } from './known-hosts';

interface Dialed {
  channel: ClientChannel;
  dead: boolean; // its dial-stdio exited or the channel closed: not usable
  stderr: string;
  onFailure?: (err: Error) => void;
}

export interface SshEndpoint {
  host: string;
  port: number;
  user: string;
}

export interface SshTransportOptions {
  hostName: string; // the host's name in aviary's messages
  privateKey?: string; // PEM text; a secret, never logged
  knownHosts?: string; // OpenSSH known_hosts text
  hostKeyCheck: boolean;
  connectTimeoutMs: number; // TCP connect + SSH handshake
  maxChannels: number; // sshd allows 10 sessions per connection by default (MaxSessions)
  log: Logger;
}

/** A failure whose message is already the reason a user should read (no code to translate). */
export class HostConnectError extends Error {
  constructor(
    message: string,
    readonly kind: 'ssh-host-key' | 'ssh-auth' | 'ssh-handshake' | 'ssh-dial' | 'ssh-key',
  ) {
    super(message);
    this.name = 'HostConnectError';
  }
}

/** One host's SSH session and the HTTP agent that tunnels the Docker API through it. */
export class SshTransport {
  readonly agent: http.Agent;
  private session?: Promise<Client>;
  private spare?: Promise<Dialed>;
  private socket?: net.Socket;
  private referenced = 0;
  private closed = false;
  private warnedUnchecked = false;

  constructor(
    readonly endpoint: SshEndpoint,
    private readonly options: SshTransportOptions,
  ) {
    const dial = () => this.dial();
    class DialStdioAgent extends http.Agent {
      createConnection(_opts: unknown, callback: (err: Error | null, socket: Duplex) => void): undefined {
        dial().then(
          (channel) => callback(null, channel),
          (err) => callback(err, undefined as never),
        );
        return undefined;
      }
    }
    this.agent = new DialStdioAgent({ keepAlive: true, maxSockets: options.maxChannels });
  }

  get label(): string {
    const { user, host, port } = this.endpoint;
    return `${user}@${host}${port === 22 ? '' : `:${port}`}`;
  }

  /** Closes the pooled channels and the SSH session; a later request would open a new one. */
  close(): void {
    this.closed = true;
    this.agent.destroy();
    this.dropSpare();
    const session = this.session;
    this.session = undefined;
    session?.then(
      (c) => c.end(),
      () => undefined,
    );
    this.socket?.destroy();
  }

  /** A channel to the host's engine, shaped enough like a net.Socket for Node's HTTP client. */
  private async dial(): Promise<Duplex> {
    if (this.closed) throw new Error(`the SSH connection to ${this.label} was closed`);
    this.referenced++; // a dial in progress holds the process like a request on a socket would
    this.updateRef();
    try {
      const client = await this.connect();
      const spare = this.spare;
      this.spare = undefined;
      let dialed = spare ? await spare.catch(() => undefined) : undefined;
      if (!dialed || dialed.dead) dialed = await this.spawn(client);
      // One channel is kept in reserve: a hijacked request (exec, attach) uses its connection up,
      // and starting dial-stdio on the host costs far more than the request itself.
      if (!this.closed) {
        const next = this.spawn(client);
        next.catch(() => undefined);
        this.spare = next;
      }
      return this.asSocket(dialed);
    } finally {
      this.referenced--;
      this.updateRef();
    }
  }

  private spawn(client: Client): Promise<Dialed> {
    return new Promise<Dialed>((resolve, reject) => {
      client.exec('docker system dial-stdio', (err, channel) => {
        if (err) {
          reject(
            new HostConnectError(
              `SSH: ${this.label} refused to run "docker system dial-stdio": ${err.message}`,
              'ssh-dial',
            ),
          );
          return;
        }
        const dialed: Dialed = { channel, dead: false, stderr: '' };
        // dial-stdio reports a failure (no docker CLI, no engine) on stderr and exits: surface that
        // instead of a bare "socket hang up".
        channel.stderr.on('data', (d: Buffer) => {
          if (dialed.stderr.length < 2000) dialed.stderr += d.toString('utf8');
        });
        channel.once('exit', (code: number | null) => {
          dialed.dead = true;
          if (code && code !== 0) {
            const detail = dialed.stderr.trim().split('\n').slice(-2).join(' ') || `exit code ${code}`;
            dialed.onFailure?.(
              new HostConnectError(`docker system dial-stdio failed on ${this.label}: ${detail}`, 'ssh-dial'),
            );
          }
        });
        channel.once('close', () => {
          dialed.dead = true;
        });
        resolve(dialed);
      });
    });
  }

  /** The host's SSH session, verified as for the Docker API (for `maintain`'s commands over ssh2 exec). */
  execSession(): Promise<Client> {
    return this.connect();
  }

  private connect(): Promise<Client> {
    if (!this.session) {
      const session = this.open();
      this.session = session;
      // A failed or lost session is forgotten, so that the next request tries again; the channels
      // pooled on a lost one are dead (a request on one would wait out its whole timeout).
      session.then(
        (c) =>
          c.once('close', () => {
            if (this.session !== session) return;
            this.session = undefined;
            this.dropChannels();
          }),
        () => {
          if (this.session === session) this.session = undefined;
        },
      );
    }
    return this.session;
  }

  private async open(): Promise<Client> {
    const { host, port, user } = this.endpoint;
    const { options } = this;
    // The TCP connection is ours, so that its errors keep their codes (ECONNREFUSED…) and so that
    // an idle session does not keep the process alive.
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host, port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(Object.assign(new Error(`connect ETIMEDOUT ${host}:${port}`), { code: 'ETIMEDOUT' }));
      }, options.connectTimeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    this.socket = socket;
    this.updateRef();

    const known = knownKeysFor(options.knownHosts ?? '', host, port);
    let verdict: HostKeyVerdict | undefined;
    const config: ConnectConfig = {
      sock: socket,
      host,
      port,
      username: user,
      readyTimeout: options.connectTimeoutMs,
      algorithms: options.hostKeyCheck ? { serverHostKey: hostKeyAlgorithms(known) as never } : undefined,
      hostVerifier: (key: Buffer) => {
        verdict = verifyHostKey(key, known, `${options.hostName} (${this.label})`);
        if (!options.hostKeyCheck) {
          if (!this.warnedUnchecked) {
            this.warnedUnchecked = true;
            options.log.warn(
              `SSH host key checking is OFF for ${options.hostName} (${this.label}): accepted ${verdict.type} ${verdict.fingerprint} without verifying it`,
            );
          }
          return true;
        }
        return verdict.ok;
      },
    };
    if (options.privateKey) config.privateKey = options.privateKey;
    else if (process.env.SSH_AUTH_SOCK) config.agent = process.env.SSH_AUTH_SOCK;

    const client = new Client();
    return new Promise<Client>((resolve, reject) => {
      let ready = false;
      client.once('ready', () => {
        ready = true;
        resolve(client);
      });
      client.on('error', (err: Error & { level?: string }) => {
        if (ready) {
          options.log.debug(`${options.hostName}: SSH session lost: ${err.message}`);
          return;
        }
        socket.destroy();
        reject(this.explainSshError(err, verdict));
      });
      client.once('close', () => {
        socket.destroy();
        if (!ready)
          reject(
            new HostConnectError(`SSH: ${this.label} closed the connection during the handshake`, 'ssh-handshake'),
          );
      });
      try {
        client.connect(config);
      } catch (err) {
        // ssh2 throws synchronously for a key it cannot parse; its message never contains the key.
        socket.destroy();
        reject(new HostConnectError(`the SSH private key cannot be used: ${(err as Error).message}`, 'ssh-key'));
      }
    });
  }

  private explainSshError(err: Error & { level?: string; code?: string }, verdict?: HostKeyVerdict): Error {
    if (verdict && !verdict.ok && /verification failed|Host denied/i.test(err.message)) {
      return new HostConnectError(verdict.reason, 'ssh-host-key');
    }
    if (err.level === 'client-authentication') {
      const how = this.options.privateKey
        ? 'the key given is not accepted'
        : 'no SSH key was given (ssh-key input or AVIARY_SSH_KEY) and no agent accepted';
      return new HostConnectError(`SSH authentication failed for ${this.label}: ${how}`, 'ssh-auth');
    }
    if (err.level === 'client-timeout') {
      return Object.assign(new Error(`no SSH handshake from ${this.label} within ${this.options.connectTimeoutMs}ms`), {
        code: 'ETIMEDOUT',
      });
    }
    if (err.code) return err;
    return new HostConnectError(`SSH: ${err.message}`, 'ssh-handshake');
  }

  // Node's HTTP client and agent call these socket methods; a channel lacks them.
  private asSocket(dialed: Dialed): Duplex {
    const { channel } = dialed;
    const ch = channel as ClientChannel & Partial<net.Socket> & { [k: string]: unknown };
    let idleMs = 0;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (idleMs > 0) {
        timer = setTimeout(() => ch.emit('timeout'), idleMs);
        timer.unref();
      }
    };
    const push = ch.push.bind(ch);
    ch.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (timer) arm();
      return push(chunk, encoding);
    };
    const write = ch.write.bind(ch) as (...args: unknown[]) => boolean;
    (ch as { write: unknown }).write = (...args: unknown[]) => {
      if (timer) arm();
      return write(...args);
    };
    ch.setTimeout = ((ms: number, cb?: () => void) => {
      idleMs = ms;
      // As net.Socket does: 0 with a callback removes it (Node's HTTP client relies on that).
      if (cb) {
        if (ms === 0) ch.removeListener('timeout', cb);
        else ch.once('timeout', cb);
      }
      arm();
      return ch;
    }) as never;
    ch.setNoDelay = (() => ch) as never;
    ch.setKeepAlive = (() => ch) as never;
    let referenced = true;
    this.referenced++;
    this.updateRef();
    ch.ref = (() => {
      if (!referenced) {
        referenced = true;
        this.referenced++;
        this.updateRef();
      }
      return ch;
    }) as never;
    ch.unref = (() => {
      if (referenced) {
        referenced = false;
        this.referenced--;
        this.updateRef();
      }
      return ch;
    }) as never;

    dialed.onFailure = (err) => ch.destroy(err);
    channel.once('close', () => {
      if (timer) clearTimeout(timer);
      if (referenced) {
        referenced = false;
        this.referenced--;
        this.updateRef();
      }
    });
    return ch as unknown as Duplex;
  }

  /** Destroys the channels pooled for reuse and the spare one: a new session makes its own. */
  private dropChannels(): void {
    for (const list of Object.values(this.agent.freeSockets)) {
      for (const channel of [...(list ?? [])]) {
        dropFreeSocket(this.agent, channel);
        channel.destroy();
      }
    }
    this.dropSpare();
  }

  /** Destroys the channel kept in reserve for the next request. */
  private dropSpare(): void {
    const spare = this.spare;
    this.spare = undefined;
    spare?.then(
      (d) => d.channel.destroy(),
      () => undefined,
    );
  }

  // The TCP socket keeps the process alive only while a channel is in use, so that a forgotten
  // close() never keeps a finished run from exiting. The session itself stays open until close():
  // a run's lock heartbeat writes to every locked host every lock-timeout/5, and reopening an SSH
  // session costs a handshake (0.4-0.7 s, ~25 ms of CPU), which on a large fleet would slow the
  // heartbeat's round past the lock-timeout (src/hosts/idle.ts closes idle sockets only).
  private updateRef(): void {
    if (!this.socket) return;
    if (this.referenced > 0) this.socket.ref();
    else this.socket.unref();
  }
}
