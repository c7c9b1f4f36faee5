// What the rollout, the lock, the repair and `status` need of one host's Docker engine: a small
// interface with one real implementation (DockerHost, over the Engine API) and an in-memory one
// for the model tests. Nothing above this file talks to dockerode.
import { ContainerSpec } from '../container/config';

/** The labels that are the rollout's records on a host (container labels cannot change once set). */
export const LABEL = {
  service: 'aviary.service',
  deployment: 'aviary.deployment',
  image: 'aviary.image',
  digest: 'aviary.digest',
  previous: 'aviary.previous',
  previousImage: 'aviary.previous-image',
  deployedBy: 'aviary.deployed-by',
  deployedAt: 'aviary.deployed-at',
} as const;

/** A container of the service on a host, as read from the engine. */
export interface ServiceContainer {
  id: string;
  name: string; // without the leading "/"
  image: string; // the reference it was created from
  imageId: string;
  running: boolean;
  state: string; // running, exited, created, restarting…
  created: string; // ISO time
  labels: Record<string, string>;
}

/**
 * A record container: made from an empty image, never started, it only carries a name and labels
 * (the deploy lock, its heartbeats, the intent of a switch to a kept container).
 */
export interface RecordContainer {
  id: string;
  name: string;
  labels: Record<string, string>;
  createdMs: number; // by the engine's clock (at most a second late, never early)
}

export interface HostEngine {
  readonly name: string;
  /** Every container of the service: the current one (named exactly `service`) and the kept ones. */
  serviceContainers(service: string): Promise<ServiceContainer[]>;
  /** One container by id or name, or undefined when there is none. */
  container(idOrName: string): Promise<ServiceContainer | undefined>;
  /** The repository digest of a local image (sha256:…), or its image id when it has none. */
  imageDigest(ref: string): Promise<{ id: string; digest: string } | undefined>;
  /** Pulls an image, passing the registry credentials with this pull only (never stored on the host). */
  pull(ref: string, auth?: object): Promise<void>;
  create(name: string, image: string, spec: ContainerSpec, labels: Record<string, string>): Promise<string>;
  start(id: string): Promise<void>;
  stop(id: string, timeoutMs: number): Promise<void>;
  /** Renames a container; fails (status 409 or 400) when the name is taken, by another or by itself. */
  rename(id: string, name: string): Promise<void>;
  /** Removes a container, running or not; a container already gone is not an error. */
  remove(id: string): Promise<void>;
  /**
   * Creates a record container under a unique name: exactly one of many concurrent creators of a
   * name wins; the others get a ConflictError.
   */
  createRecord(name: string, labels: Record<string, string>): Promise<string>;
  /** The record containers whose label `key` has `value`. */
  records(key: string, value: string): Promise<RecordContainer[]>;
  /** Every container (running or not) whose label `key` has `value`: the proxy's containers. */
  containersByLabel(key: string, value: string): Promise<ServiceContainer[]>;
  /** Creates a bridge network unless one of that name exists (the proxy mode's user network). */
  ensureNetwork(name: string, labels: Record<string, string>): Promise<void>;
  /** Runs a program inside a running container (no shell), bounded in time: its exit code and output. */
  execIn(id: string, argv: string[], timeoutMs: number): Promise<ExecResult>;
  /** Writes one file into a container, created or running (the proxy's config). */
  putFile(id: string, path: string, content: string): Promise<void>;
  /** The engine's registry settings (insecure registries and mirrors), as /info reports them. */
  registryConfig(): Promise<unknown>;
  /** The engine's own clock, in ms (lock ages are judged by the clock that stamped them). */
  clock(): Promise<number>;
  /** Releases the connection (pooled sockets, SSH session). */
  close(): void;
}

/** What a program run inside a container ended with. */
export interface ExecResult {
  exitCode: number;
  output: string; // stdout and stderr, interleaved, at most 64 KiB
}

/** The engine refused a name that is taken: the loser of a race for a record or a rename. */
export class ConflictError extends Error {
  readonly statusCode = 409;
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

export function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number })?.statusCode;
}

/** A 64-hex id as its first 12 characters; a name stays as it is. */
export function short(id: string): string {
  const hex = id.replace(/^sha256:/, '');
  return /^[0-9a-f]{64}$/.test(hex) ? hex.slice(0, 12) : id;
}
