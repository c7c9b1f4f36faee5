// An in-memory fleet of Docker engines behind the HostEngine interface, for the model tests of the
// rollout's ordering: every call of a run goes through its session, which can be made to crash
// after its k-th call (the process is gone: no later call of that session reaches any host) and
// can yield at random between calls (two runs interleaved). It also checks, on every change to a
// service container, that the session changing it holds the deploy lock on that host.
import { randomBytes } from 'node:crypto';
import { ContainerSpec } from '../../src/container/config';
import {
  ConflictError,
  ExecResult,
  HostEngine,
  LABEL,
  RecordContainer,
  ServiceContainer,
} from '../../src/hosts/engine';
import { CADDYFILE, canaryOf, servedBy } from '../../src/proxy/caddyfile';
import { RECORD, lockName } from '../../src/rollout/records';

const RECORD_IMAGE = 'aviary-lock:1';

interface Box {
  id: string;
  name: string;
  image: string;
  labels: Record<string, string>;
  running: boolean;
  state: string;
  createdMs: number;
  /** Files written into the container (a proxy's Caddyfile). */
  files?: Record<string, string>;
  /** A proxy's route: the container (12 hex digits) its loaded Caddyfile sends requests to, '' for none. */
  serving?: string;
  /** A traffic-weighted canary its loaded Caddyfile shares requests with (12 hex digits), '' for none. */
  canary?: string;
}

/** A proxy loads its Caddyfile: whom it serves, and the canary it shares requests with. */
function load(b: Box): void {
  const text = b.files?.[CADDYFILE] ?? '';
  b.serving = servedBy(text) ?? '';
  b.canary = canaryOf(text)?.id ?? '';
}

export class CrashError extends Error {
  constructor() {
    super('the process was killed');
    this.name = 'CrashError';
  }
}

/** The hosts' state, shared by every session. */
export class MemoryFleet {
  readonly hosts = new Map<string, Map<string, Box>>();
  /** Names being created, by host: Docker reserves a name before the container is listed or found. */
  readonly reserved = new Map<string, Set<string>>();
  readonly violations: string[] = [];
  now = 1_700_000_000_000;
  private seq = 0;

  constructor(names: string[]) {
    for (const n of names) this.hosts.set(n, new Map());
  }

  host(name: string): Map<string, Box> {
    return this.hosts.get(name)!;
  }

  nextId(): string {
    this.seq++;
    return randomBytes(32).toString('hex');
  }

  tick(ms: number): void {
    this.now += ms;
  }

  /** A deep copy: the same starting point for each crash point. */
  clone(): MemoryFleet {
    const copy = new MemoryFleet([]);
    copy.now = this.now;
    for (const [name, boxes] of this.hosts)
      copy.hosts.set(
        name,
        new Map(
          [...boxes].map(([id, b]) => [
            id,
            { ...b, labels: { ...b.labels }, ...(b.files ? { files: { ...b.files } } : {}) },
          ]),
        ),
      );
    return copy;
  }

  /** The deployment holding the lock of `service` on a host, if any. */
  holder(host: string, service: string): string | undefined {
    for (const b of this.host(host).values()) if (b.name === lockName(service)) return b.labels[RECORD.deployment];
    return undefined;
  }
}

export interface SessionOptions {
  /** The session dies at its (crashAt+1)-th call: calls 1..crashAt happen, none after. */
  crashAt?: number;
  /** Awaited before every call: a random scheduler interleaves sessions. */
  yieldBefore?: () => Promise<void>;
  /** The deployment this session works for (checked against the lock holder on every change). */
  deployment?: string;
  /** Called before every call with its 1-based number and what it is, e.g. to fire a cancel. */
  onCall?: (n: number, what: string) => void;
}

/** One process's view of the fleet: its calls, counted, and its death. */
export class Session {
  calls = 0;
  alive = true;
  readonly trace: string[] = [];
  constructor(
    readonly fleet: MemoryFleet,
    readonly options: SessionOptions = {},
  ) {}

  async call(what: string): Promise<void> {
    if (this.options.yieldBefore) await this.options.yieldBefore();
    if (!this.alive) throw new CrashError();
    if (this.options.crashAt !== undefined && this.calls >= this.options.crashAt) {
      this.alive = false;
      throw new CrashError();
    }
    this.calls++;
    this.trace.push(what);
    this.options.onCall?.(this.calls, what);
  }

  engines(names: string[]): Map<string, MemoryEngine> {
    return new Map(names.map((n) => [n, new MemoryEngine(n, this)]));
  }
}

function notFound(what: string): Error {
  return Object.assign(new Error(`No such container: ${what}`), { statusCode: 404 });
}

export class MemoryEngine implements HostEngine {
  constructor(
    readonly name: string,
    private readonly session: Session,
  ) {}

  private get boxes(): Map<string, Box> {
    return this.session.fleet.host(this.name);
  }

  private get reserving(): Set<string> {
    const all = this.session.fleet.reserved;
    if (!all.has(this.name)) all.set(this.name, new Set());
    return all.get(this.name)!;
  }

  private find(idOrName: string): Box | undefined {
    return (
      this.boxes.get(idOrName) ??
      [...this.boxes.values()].find((b) => b.name === idOrName || (idOrName.length >= 12 && b.id.startsWith(idOrName)))
    );
  }

  /** A change to a service container must come from the lock's holder. */
  private guard(box: Box | undefined, what: string): void {
    const service = box?.labels[LABEL.service];
    const mine = this.session.options.deployment;
    if (!service || !mine) return;
    const holder = this.session.fleet.holder(this.name, service);
    if (holder !== mine)
      this.session.fleet.violations.push(
        `${this.name}: ${what} of ${box!.name} by ${mine} while the lock is ${holder ?? 'free'}`,
      );
  }

  private view(b: Box): ServiceContainer {
    return {
      id: b.id,
      name: b.name,
      image: b.labels[LABEL.image] || b.image,
      imageId: `sha256:${b.image}`,
      running: b.running,
      state: b.state,
      created: new Date(b.createdMs).toISOString(),
      labels: { ...b.labels },
    };
  }

  async serviceContainers(service: string): Promise<ServiceContainer[]> {
    await this.session.call(`${this.name} list`);
    return [...this.boxes.values()]
      .filter((b) => b.labels[LABEL.service] === service || b.name === service || b.name.startsWith(`${service}.old-`))
      .map((b) => this.view(b));
  }

  async container(idOrName: string): Promise<ServiceContainer | undefined> {
    await this.session.call(`${this.name} inspect ${idOrName}`);
    const b = this.find(idOrName);
    return b && this.view(b);
  }

  async imageDigest(ref: string): Promise<{ id: string; digest: string } | undefined> {
    await this.session.call(`${this.name} image ${ref}`);
    return { id: `sha256:${ref}`, digest: `sha256:${Buffer.from(ref).toString('hex').padEnd(64, '0').slice(0, 64)}` };
  }

  async pull(ref: string): Promise<void> {
    await this.session.call(`${this.name} pull ${ref}`);
  }

  async create(name: string, image: string, _spec: ContainerSpec, labels: Record<string, string>): Promise<string> {
    await this.session.call(`${this.name} create ${name}`);
    if (this.find(name)) throw new ConflictError(`${this.name}: ${name} exists`);
    const box: Box = {
      id: this.session.fleet.nextId(),
      name,
      image,
      labels: { ...labels },
      running: false,
      state: 'created',
      createdMs: this.session.fleet.now,
    };
    this.guard(box, 'create');
    this.boxes.set(box.id, box);
    return box.id;
  }

  async start(id: string): Promise<void> {
    await this.session.call(`${this.name} start ${id.slice(0, 6)}`);
    const b = this.find(id);
    if (!b) throw notFound(id);
    if (b.image === RECORD_IMAGE) throw new Error('a record has no program');
    this.guard(b, 'start');
    b.running = true;
    b.state = 'running';
    // A proxy loads the Caddyfile it finds when it starts.
    if (b.files?.[CADDYFILE] !== undefined) load(b);
  }

  async stop(id: string): Promise<void> {
    await this.session.call(`${this.name} stop ${id.slice(0, 6)}`);
    const b = this.find(id);
    if (!b) throw notFound(id);
    this.guard(b, 'stop');
    if (b.running) {
      b.running = false;
      b.state = 'exited';
    }
  }

  async rename(id: string, name: string): Promise<void> {
    await this.session.call(`${this.name} rename ${id.slice(0, 6)} ${name}`);
    const b = this.find(id);
    if (!b) throw notFound(id);
    if (b.name === name) throw new ConflictError('Renaming a container with the same name as its current name');
    if (this.find(name) || this.reserving.has(name)) throw new ConflictError(`${name} is in use`);
    this.guard(b, 'rename');
    b.name = name;
  }

  async remove(id: string): Promise<void> {
    await this.session.call(`${this.name} remove ${id.slice(0, 6)}`);
    const b = this.find(id);
    if (!b) return;
    this.guard(b, 'remove');
    this.boxes.delete(b.id);
  }

  async createRecord(name: string, labels: Record<string, string>): Promise<string> {
    await this.session.call(`${this.name} record ${name}`);
    if (this.find(name) || this.reserving.has(name)) throw new ConflictError(`${this.name}: ${name} exists`);
    // As Docker does: the name is taken at once, the container is listed only once created. The
    // daemon finishes a create its client died during, so a crash cannot cut this pause.
    if (this.session.options.yieldBefore) {
      this.reserving.add(name);
      await this.session.options.yieldBefore();
      this.reserving.delete(name);
    }
    const box: Box = {
      id: this.session.fleet.nextId(),
      name,
      image: RECORD_IMAGE,
      labels: { ...labels },
      running: false,
      state: 'created',
      createdMs: this.session.fleet.now,
    };
    this.boxes.set(box.id, box);
    return box.id;
  }

  async records(key: string, value: string): Promise<RecordContainer[]> {
    await this.session.call(`${this.name} records`);
    return [...this.boxes.values()]
      .filter((b) => b.labels[key] === value)
      .map((b) => ({ id: b.id, name: b.name, labels: { ...b.labels }, createdMs: b.createdMs }));
  }

  async registryConfig(): Promise<unknown> {
    return {};
  }

  async containersByLabel(key: string, value: string): Promise<ServiceContainer[]> {
    await this.session.call(`${this.name} list ${key}`);
    return [...this.boxes.values()].filter((b) => b.labels[key] === value).map((b) => this.view(b));
  }

  async ensureNetwork(name: string): Promise<void> {
    await this.session.call(`${this.name} network ${name}`);
  }

  /** The programs a switch runs in a proxy container: cat, caddy reload, nc and wget, against the fleet's boxes. */
  async execIn(id: string, argv: string[]): Promise<ExecResult> {
    await this.session.call(`${this.name} exec ${argv[0]} ${id.slice(0, 6)}`);
    const b = this.find(id);
    if (!b) throw notFound(id);
    if (!b.running) throw Object.assign(new Error(`Container ${id} is not running`), { statusCode: 409 });
    if (argv[0] === 'busybox' && argv[1] === 'timeout') argv = argv.slice(3); // busybox timeout <s> <program…>
    const up = (target: string | undefined) =>
      !!target && [...this.boxes.values()].some((x) => x.running && x.id.startsWith(target));
    switch (argv[0]) {
      case 'cat':
        return b.files?.[argv[1]] !== undefined
          ? { exitCode: 0, output: b.files[argv[1]] }
          : { exitCode: 1, output: `cat: can't open '${argv[1]}'` };
      case 'caddy':
        load(b);
        return { exitCode: 0, output: '' };
      // 127.0.0.1: the edge, in the namespace every proxy of the model shares with it.
      case 'nc':
        return { exitCode: argv[3] === '127.0.0.1' || up(argv[3]) ? 0 : 1, output: '' };
      case 'wget': {
        const host = /http:\/\/([^:/]+)/.exec(argv[argv.length - 1])?.[1];
        return up(host)
          ? { exitCode: 0, output: '  HTTP/1.1 200 OK\nok' }
          : { exitCode: 1, output: "wget: can't connect to remote host: Connection refused" };
      }
      default:
        return { exitCode: 127, output: `${argv[0]}: not found` };
    }
  }

  async putFile(id: string, path: string, content: string): Promise<void> {
    await this.session.call(`${this.name} put ${path} ${id.slice(0, 6)}`);
    const b = this.find(id);
    if (!b) throw notFound(id);
    b.files = { ...b.files, [path]: content };
  }

  async clock(): Promise<number> {
    await this.session.call(`${this.name} clock`);
    return this.session.fleet.now;
  }

  close(): void {
    /* nothing held */
  }
}
