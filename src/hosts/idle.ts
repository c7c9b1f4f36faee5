// Closes the controller's idle keep-alive sockets to host engines (unix, tcp, TLS), so that the
// number it keeps open follows the work in flight rather than the size of the fleet. SSH sessions
// are not closed when idle: see updateRef() in ssh.ts.
import type * as http from 'node:http';
import type { Duplex } from 'node:stream';

/** The clock the idle timers run on: real timers here, the scale simulation's virtual clock there. */
export interface IdleTimers {
  set(ms: number, fire: () => void): unknown;
  clear(handle: unknown): void;
}

const realTimers: IdleTimers = {
  // Unref'd: an idle connection must never keep a finished run's process alive.
  set: (ms, fire) => setTimeout(fire, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * How long a connection may stay idle before it is closed.
 *
 * A host's engine calls come back to back while it is worked on; the longest usual gap is the
 * health check's interval (1 s by default), during which the next call is one inspect away. 2 s
 * keeps a host's socket through its whole swap and costs at most one TCP (or resumed TLS)
 * handshake when the host is next touched (~0.6 ms of CPU here), also when the lock heartbeat
 * (every lock-timeout/5) writes to every locked host in turn. An SSH session is not closed so: it
 * costs a handshake and a `docker system dial-stdio` start to reopen (0.4–0.7 s, ~25 ms of CPU), and
 * a heartbeat round reopening every host's session would, on a large fleet, take longer than the
 * lock-timeout, after which another run could take a live run's lock for dead.
 * No idle time alone bounds a phase that touches every host in quick succession (connect, lock,
 * pre-pull), nor a short lock-timeout's beat (every 200 ms at least): in the scale simulation
 * (5,000 hosts, parallel 32) 200 ms still left 3,962 sockets open at once, 2 s all of them. The cap
 * below does: 96 (64 in flight + 32 idle).
 */
export const SOCKET_IDLE_MS = 2_000;

interface Entry {
  timer: unknown;
  close: () => void;
}

/**
 * The idle connections of a process: each is closed after its idle time, and when more than
 * `maxIdle` are idle at once the one idle the longest is closed at once (it is the one least
 * likely to be used again soon: a host whose work is done). A connection in use is not tracked.
 */
export class IdleConnections {
  private readonly entries = new Map<object, Entry>(); // in the order they became idle
  closedIdle = 0; // closed after their idle time
  closedOverCap = 0; // closed because too many were idle

  constructor(
    private maxIdle: number,
    private readonly timers: IdleTimers = realTimers,
  ) {}

  /** Lets at least `n` connections stay idle at once (a run with `parallel` n keeps n hosts in flight). */
  allow(n: number): void {
    this.maxIdle = Math.max(this.maxIdle, n);
  }

  get idleCount(): number {
    return this.entries.size;
  }

  /** `connection` is idle from now: `close` runs after `ms` unless it is used before (`busy`). */
  idle(connection: object, ms: number, close: () => void): void {
    this.busy(connection);
    const timer = this.timers.set(ms, () => {
      if (this.entries.get(connection)?.timer !== timer) return;
      this.entries.delete(connection);
      this.closedIdle++;
      close();
    });
    this.entries.set(connection, { timer, close });
    while (this.entries.size > this.maxIdle) {
      const [oldest, entry] = this.entries.entries().next().value as [object, Entry];
      this.entries.delete(oldest);
      this.timers.clear(entry.timer);
      this.closedOverCap++;
      entry.close();
    }
  }

  /** `connection` is in use again, or gone: it is not closed for being idle. */
  busy(connection: object): void {
    const entry = this.entries.get(connection);
    if (!entry) return;
    this.entries.delete(connection);
    this.timers.clear(entry.timer);
  }
}

/** The process's idle keep-alive sockets to host engines: one cap across all hosts, `parallel`. */
export const idleSockets = new IdleConnections(8);

/**
 * Makes a keep-alive agent hand its free sockets to `idle`: a free socket is destroyed after `ms`
 * (or sooner, over the cap), and a request after that opens a new one as the first did.
 *
 * Not Node's agent option `timeout`: that one is also set on sockets in use and turns a silent
 * request (a pull, a wait, a log follow on the untimed client) into a 'timeout' event on the
 * request, which docker-modem answers by aborting it. Here a socket in use has no idle timer at
 * all, and the request's own timeout (docker-modem's `timeout`) is left as it was.
 */
export function closeIdleSockets<A extends http.Agent>(agent: A, idle: IdleConnections, ms: number): A {
  // Node's agent returns whether it kept the socket; @types/node says void.
  type Keep = (socket: Duplex) => boolean;
  const pooled = agent as unknown as { keepSocketAlive: Keep };
  const keep = pooled.keepSocketAlive.bind(agent);
  const reuse = agent.reuseSocket.bind(agent);
  const watched = new WeakSet<Duplex>();
  pooled.keepSocketAlive = (socket: Duplex): boolean => {
    if (!keep(socket)) return false;
    if (!watched.has(socket)) {
      watched.add(socket);
      // Closed by the engine or by agent.destroy(): nothing left to close.
      socket.once('close', () => idle.busy(socket));
    }
    idle.idle(socket, ms, () => {
      dropFreeSocket(agent, socket);
      socket.destroy();
    });
    return true;
  };
  agent.reuseSocket = (socket: Duplex, request: http.ClientRequest): void => {
    idle.busy(socket);
    reuse(socket, request);
  };
  return agent;
}

/** Takes a free socket out of its agent's pool at once (the agent would only on its 'close', a tick later). */
export function dropFreeSocket(agent: http.Agent, socket: Duplex): void {
  for (const list of Object.values(agent.freeSockets)) {
    const i = list?.indexOf(socket as never) ?? -1;
    if (i >= 0) list!.splice(i, 1);
  }
}
