// Opens every host of a run once (in parallel, verified) and hands the rollout a DockerHost for each.
import { HostSpec } from './types';
import { Logger } from '../log';
import { connectHosts } from './connect';
import { DockerHost } from './docker-host';
import { mapLimit } from '../util/pool';

/** How ssh:// hosts are reached: the key, and the known_hosts their keys are checked against. */
export interface SshSettings {
  key?: string; // PEM/OpenSSH private key text; a secret
  knownHosts?: string; // known_hosts lines
  hostKeyCheck: boolean; // false only on an explicit opt-out, which is warned about
}

export interface OpenOptions {
  parallel: number;
  ssh: SshSettings;
  signal?: AbortSignal;
}

export async function openHosts(
  hosts: HostSpec[],
  options: OpenOptions,
  log: Logger,
): Promise<Map<string, DockerHost>> {
  const connections = await connectHosts(
    hosts,
    {
      parallel: options.parallel,
      sshKey: options.ssh.key,
      knownHosts: options.ssh.knownHosts,
      sshHostKeyCheck: options.ssh.hostKeyCheck,
      signal: options.signal,
    },
    log,
  );
  const opened = new Map<string, DockerHost>();
  for (const [name, c] of connections) {
    log.debug(`${name}: Docker ${c.engine.version} (API ${c.engine.apiVersion})`);
    opened.set(name, new DockerHost(name, c.docker, c.untimed, undefined, () => c.close()));
  }
  return opened;
}

/** Opens each host on its own, going on past those that cannot be reached (for status and repairs). */
export async function openEach(
  hosts: HostSpec[],
  options: OpenOptions,
  log: Logger,
): Promise<{ hosts: Map<string, DockerHost>; unreachable: Map<string, string> }> {
  const opened = new Map<string, DockerHost>();
  const unreachable = new Map<string, string>();
  const results = await mapLimit(hosts, options.parallel, (h) => openHosts([h], { ...options, parallel: 1 }, log));
  results.forEach((r, i) => {
    if (r.ok) for (const [k, v] of r.value) opened.set(k, v);
    else unreachable.set(hosts[i].name, (r.error as Error).message);
  });
  return { hosts: opened, unreachable };
}
