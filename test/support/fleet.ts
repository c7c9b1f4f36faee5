// The test fleet that `scripts/fleet up [N]` brings up on this machine, as described by the
// fleet.json it writes into its state dir (${AVIARY_FLEET_DIR:-/tmp/aviary-fleet}).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One Docker host of the fleet: its own network namespace, address and engine. */
export interface FleetHost {
  /** h1, h2, … */
  name: string;
  /** 10.210.0.11, .12, … */
  address: string;
  /** unix:///…/hK/docker.sock — the engine's unix socket, reachable from the root namespace. */
  socket: string;
  /** tcp://<address>:2375 (plain), or null on the TLS hosts: dockerd applies TLS to every tcp socket. */
  tcp: string | null;
  /** tcp://<address>:2376 (mutual TLS with `Fleet.tls`), on h2 and the last host; else null. */
  tls: string | null;
  /** ssh://root@<address> (key and known_hosts in `Fleet.ssh`), on h3 and the one before the last; else null. */
  ssh: string | null;
}

export interface FleetRegistry {
  /** host:port of the open registry (no auth, plain HTTP, insecure for every engine). */
  plain: string;
  /** host:port of the registry that needs `username`/`password` (htpasswd, plain HTTP). */
  auth: string;
  username: string;
  /** Random, new with every `scripts/fleet up`. */
  password: string;
}

/** Paths of PEM files: a client cert signed by the fleet's CA, and an unrelated CA + client cert. */
export interface FleetTls {
  ca: string;
  cert: string;
  key: string;
  wrongCa: string;
  wrongCert: string;
  wrongKey: string;
}

export interface FleetSsh {
  /** Private ed25519 key accepted by root on every SSH host. */
  key: string;
  /** known_hosts with the SSH hosts' real keys. */
  knownHosts: string;
  /** known_hosts listing the SSH hosts' addresses with a wrong key. */
  wrongKnownHosts: string;
}

export interface Fleet {
  /** The state dir. */
  dir: string;
  /** unix:///var/run/docker.sock — the builder engine in the root namespace. */
  builder: string;
  /** Storage driver of the host engines (overlay2, or vfs where overlay mounts fail). */
  storageDriver?: string;
  registry: FleetRegistry;
  /** aviary/busybox:base in the builder; also at `${registry.plain}/${baseImage}`. */
  baseImage: string;
  hosts: FleetHost[];
  tls: FleetTls;
  ssh: FleetSsh;
}

/** The state dir of the test fleet. */
export function fleetDir(): string {
  return process.env.AVIARY_FLEET_DIR || '/tmp/aviary-fleet';
}

/** Reads the running test fleet's fleet.json; throws when no fleet is up. */
export function loadFleet(): Fleet {
  const file = path.join(fleetDir(), 'fleet.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`test fleet not running: run \`scripts/fleet up\` (no ${file})`, { cause: e });
    }
    throw e;
  }
  let fleet: Fleet;
  try {
    fleet = JSON.parse(text) as Fleet;
  } catch (e) {
    throw new Error(
      `test fleet description ${file} is not valid JSON (${(e as Error).message}): run \`scripts/fleet up\``,
      { cause: e },
    );
  }
  if (!Array.isArray(fleet.hosts) || fleet.hosts.length === 0 || !fleet.registry) {
    throw new Error(`test fleet description ${file} is incomplete: run \`scripts/fleet up\``);
  }
  return fleet;
}
