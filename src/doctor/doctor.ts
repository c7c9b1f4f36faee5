// `doctor`: before a first deploy to new hosts, one look at each host, changing nothing: the engine
// answers (and its version), free disk against the image's size, clock skew against the runner,
// the published ports free or held by the service, the registry reachable from the host (the
// engine asks it for the image's manifest: GET /distribution/{name}/json), the SSH host key known.
import * as net from 'node:net';
import type Dockerode from 'dockerode';
import { DeploySettings, prepare } from '../deploy';
import { loadConfig } from '../config/load';
import { GroupSpec } from '../config/types';
import { HostSpec } from '../hosts/types';
import { describeError } from '../errors';
import { Logger } from '../log';
import { EngineRegistryConfig, isInsecureRegistry } from '../registry/insecure';
import { MANIFEST_ACCEPT, RegistryClient } from '../registry/client';
import { parseImageRef, registryOf } from '../registry/reference';
import { resolveRegistryAuth, secretForms } from '../registry/credentials';
import { mapLimit, withTimeout } from '../util/pool';
import { formatDuration } from '../util/duration';
import { runOverSsh, sshTarget } from '../maintain/ssh-command';
import { selectHosts } from '../rollout/locked';
import { knownKeysFor } from '../hosts/known-hosts';

export type Verdict = 'ok' | 'warn' | 'fail' | 'n/a';

export interface Check {
  verdict: Verdict;
  detail: string;
}

export const CHECKS = ['engine', 'disk', 'clock', 'ports', 'registry', 'ssh'] as const;
export type CheckName = (typeof CHECKS)[number];

export interface HostDoctor {
  host: string;
  group: string;
  checks: Record<CheckName, Check>;
}

export interface DoctorReport {
  service: string;
  image: string;
  imageBytes?: number; // compressed size of the image's layers, from the registry
  hosts: HostDoctor[];
  ok: boolean; // no check failed
}

/** Clock skew beyond this makes lock ages and health timings wrong: a failure. */
export const MAX_SKEW_MS = 5_000;

export async function doctor(
  settings: DeploySettings,
  hostNames: string[],
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DoctorReport> {
  const versioned = !!settings.overrides.image;
  const config = prepare(versioned ? settings : { ...settings, target: 'previous' }, log, env);
  // Without a version given, the file's image as written (no tag: Docker's latest).
  if (!versioned)
    config.image = loadConfig({
      path: settings.configPath,
      overrides: settings.overrides,
      env,
      requireImageVersion: false,
      inputName: settings.inputName,
    }).image;
  await (await import('../inventory/resolve')).resolveInventory(config, log, { env });
  const scope = selectHosts(config, hostNames, settings.inputName?.('hosts') ?? 'input hosts');
  const auth = resolveRegistryAuth(config.image, settings.registry, env, log);
  for (const s of secretForms(auth)) log.secret(s);
  const { connectHost } = await import('../hosts/connect');
  // The image's size is asked once, of the registry as the first host's engine sees it (secure or not).
  let sizing: Promise<number | undefined> | undefined;
  const sizeOf = (docker: Dockerode) =>
    (sizing ??= (async () => {
      const info = (await docker.info()) as { RegistryConfig?: EngineRegistryConfig };
      return imageSize(config.image, auth, info.RegistryConfig, log);
    })().catch((err) => {
      log.debug(`image size: ${describeError(err)}`);
      return undefined;
    }));
  const results = await mapLimit(scope, config.strategy.parallel, async ({ spec, group }) => {
    const checks = Object.fromEntries(CHECKS.map((c) => [c, { verdict: 'n/a', detail: '' }])) as Record<
      CheckName,
      Check
    >;
    let connection;
    try {
      connection = await connectHost(
        spec,
        {
          parallel: 1,
          sshKey: settings.ssh.key,
          knownHosts: settings.ssh.knownHosts,
          sshHostKeyCheck: settings.ssh.hostKeyCheck,
        },
        log,
      );
    } catch (err) {
      const reason = describeError(err);
      checks.engine = { verdict: 'fail', detail: reason };
      if (spec.endpoint.scheme === 'ssh')
        checks.ssh = /host key|known_hosts/i.test(reason)
          ? { verdict: 'fail', detail: reason }
          : { verdict: 'n/a', detail: 'not reached' };
      return { host: spec.name, group: group.name, checks };
    }
    try {
      const docker = connection.docker;
      checks.engine = {
        verdict: 'ok',
        detail: `Docker ${connection.engine.version} (API ${connection.engine.apiVersion})`,
      };
      checks.ssh =
        spec.endpoint.scheme === 'ssh'
          ? settings.ssh.hostKeyCheck
            ? { verdict: 'ok', detail: 'known, and the host offered it' }
            : { verdict: 'warn', detail: 'not checked (host key checking is off)' }
          : {
              verdict: 'n/a',
              detail: `not reached over SSH (for maintain, root@${spec.address}:22 is ${knownKeysFor(settings.ssh.knownHosts ?? '', spec.address, 22).length ? 'in' : 'not in'} known_hosts)`,
            };
      const [disk, clock, ports, registry] = await Promise.all([
        guard(async () => checkDisk(docker, spec, config.image, await sizeOf(docker), settings, log)),
        guard(() => checkClock(docker)),
        guard(() => checkPorts(docker, spec, group, config.service)),
        guard(() => checkRegistry(docker, config.image, auth, log)),
      ]);
      Object.assign(checks, { disk, clock, ports, registry });
    } finally {
      connection.close();
    }
    return { host: spec.name, group: group.name, checks };
  });
  const hosts = results.map((r, i) =>
    r.ok
      ? r.value
      : {
          host: scope[i].spec.name,
          group: scope[i].group.name,
          checks: Object.fromEntries(
            CHECKS.map((c) => [c, { verdict: 'fail', detail: describeError(r.error) }]),
          ) as Record<CheckName, Check>,
        },
  );
  const imageBytes = sizing ? await sizing : undefined;
  return {
    service: config.service,
    image: config.image,
    imageBytes,
    hosts,
    ok: hosts.every((h) => CHECKS.every((c) => h.checks[c].verdict !== 'fail')),
  };
}

async function guard(fn: () => Promise<Check>): Promise<Check> {
  try {
    return await withTimeout(fn(), 20_000, 'the check');
  } catch (err) {
    return { verdict: 'fail', detail: describeError(err) };
  }
}

/** The image's compressed size: its layers and config, from the registry (the platform linux/amd64 of an index). */
async function imageSize(
  image: string,
  auth: ReturnType<typeof resolveRegistryAuth>,
  engineRegistries: EngineRegistryConfig | undefined,
  log: Logger,
): Promise<number | undefined> {
  const ref = parseImageRef(image);
  const registry = registryOf(image);
  const client = new RegistryClient(registry, {
    credentials: auth,
    insecure: await isInsecureRegistry(registry, engineRegistries),
    log,
    timeoutMs: 10_000,
  });
  const get = async (reference: string) => {
    const res = await client.call('GET', `/v2/${ref.repository}/manifests/${reference}`, ref.repository, {
      headers: { accept: MANIFEST_ACCEPT },
    });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    return JSON.parse(res.body.toString('utf8')) as {
      manifests?: Array<{ digest: string; platform?: { os?: string; architecture?: string } }>;
      layers?: Array<{ size: number }>;
      config?: { size: number };
    };
  };
  let m = await get(ref.digest ?? ref.tag ?? 'latest');
  if (m.manifests) {
    const pick =
      m.manifests.find((x) => x.platform?.os === 'linux' && x.platform?.architecture === 'amd64') ?? m.manifests[0];
    m = await get(pick.digest);
  }
  return (m.layers ?? []).reduce((n, l) => n + l.size, 0) + (m.config?.size ?? 0);
}

/**
 * Free space where the engine keeps its images. The Engine API does not tell it: it is read over
 * SSH (`df` on the engine's root dir) on hosts reached over ssh://. An image needs about three times
 * its compressed size while it is pulled and unpacked; already on the host, it needs nothing more.
 */
async function checkDisk(
  docker: Dockerode,
  spec: HostSpec,
  image: string,
  imageBytes: number | undefined,
  settings: DeploySettings,
  log: Logger,
): Promise<Check> {
  const info = (await docker.info()) as { DockerRootDir?: string };
  const local = (await docker
    .getImage(image)
    .inspect()
    .catch(() => undefined)) as { Size?: number } | undefined;
  const need = local ? 0 : imageBytes !== undefined ? imageBytes * 3 : undefined;
  const size = local
    ? `the image is already there (${mb(local.Size ?? 0)})`
    : imageBytes !== undefined
      ? `the image is ${mb(imageBytes)} compressed, ~${mb(need!)} to pull and unpack`
      : 'the image size is unknown';
  if (spec.endpoint.scheme !== 'ssh')
    return {
      verdict: 'n/a',
      detail: `free space unknown: the Engine API does not report it (reach the host over ssh:// to read it); ${size}`,
    };
  const root = info.DockerRootDir ?? '/var/lib/docker';
  const r = await runOverSsh(
    spec,
    sshTarget(spec, 'root'),
    `df -Pk '${root.replace(/'/g, '')}'`,
    settings.ssh,
    15_000,
    log,
  );
  const line = r.output.trim().split('\n').pop() ?? '';
  const free = Number(line.split(/\s+/)[3]) * 1024;
  if (r.exitCode !== 0 || !Number.isFinite(free))
    return { verdict: 'warn', detail: `df on ${root} failed: ${r.output.trim().slice(-200)}` };
  if (need !== undefined && free < need) return { verdict: 'fail', detail: `${mb(free)} free on ${root}; ${size}` };
  return { verdict: 'ok', detail: `${mb(free)} free on ${root}; ${size}` };
}

/** The engine's clock against the runner's, at the middle of the round trip. */
async function checkClock(docker: Dockerode): Promise<Check> {
  const before = Date.now();
  const info = (await docker.info()) as { SystemTime?: string };
  const after = Date.now();
  const remote = Date.parse(info.SystemTime ?? '');
  if (!Number.isFinite(remote)) return { verdict: 'warn', detail: 'the engine does not report its time' };
  const skew = remote - (before + after) / 2;
  const text = `${skew >= 0 ? '+' : '-'}${formatDuration(Math.abs(Math.round(skew)))} against the runner (±${formatDuration(Math.ceil((after - before) / 2))})`;
  return { verdict: Math.abs(skew) > MAX_SKEW_MS ? 'fail' : Math.abs(skew) > 1_000 ? 'warn' : 'ok', detail: text };
}

/** The host port of a `-p` spec ("8080:8080", "127.0.0.1:80:8080/tcp"), or undefined for a random one. */
export function hostPort(spec: string): number | undefined {
  const parts = spec.replace(/\/(tcp|udp|sctp)$/, '').split(':');
  if (parts.length < 2) return undefined;
  const n = Number(parts[parts.length - 2]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Each published port: held by the service (fine), by another container (fail), by something outside Docker (fail), or free. */
async function checkPorts(docker: Dockerode, spec: HostSpec, group: GroupSpec, service: string): Promise<Check> {
  const ports = group.container.ports.map(hostPort).filter((p): p is number => p !== undefined);
  if (!ports.length) return { verdict: 'n/a', detail: 'no published port' };
  const list = await docker.listContainers({ all: false });
  const out: string[] = [];
  let verdict: Verdict = 'ok';
  for (const port of ports) {
    const holder = list.find((c) => (c.Ports ?? []).some((p) => p.PublicPort === port));
    const name = holder?.Names?.[0]?.replace(/^\//, '');
    if (holder && (name === service || holder.Labels?.['aviary.service'] === service))
      out.push(`${port} held by ${service}`);
    else if (holder) {
      verdict = 'fail';
      out.push(`${port} held by container ${name}`);
    } else if (await answers(spec.address, port)) {
      verdict = 'fail';
      out.push(`${port} taken by something outside Docker`);
    } else out.push(`${port} free`);
  }
  return { verdict, detail: out.join(', ') };
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (v: boolean) => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(1_500, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** The engine asks the registry for the image's manifest (with the deploy's credentials): what a pull would do first. */
async function checkRegistry(
  docker: Dockerode,
  image: string,
  auth: ReturnType<typeof resolveRegistryAuth>,
  log: Logger,
): Promise<Check> {
  const t0 = Date.now();
  try {
    const opts = auth
      ? { authconfig: { username: auth.username, password: auth.password, serveraddress: registryOf(image) } }
      : {};
    const d = (await docker.getImage(image).distribution(opts as never)) as unknown as {
      Descriptor?: { digest?: string };
    };
    return {
      verdict: 'ok',
      detail: `${registryOf(image)} answers: ${image.split('@')[0]} is ${d.Descriptor?.digest?.slice(0, 19) ?? '?'}… (${formatDuration(Date.now() - t0)})`,
    };
  } catch (err) {
    const e = err as { statusCode?: number; json?: { message?: string }; message: string };
    log.debug(`distribution inspect: ${e.message}`);
    return {
      verdict: 'fail',
      detail: `the engine could not read the manifest of ${image} from ${registryOf(image)}: ${e.json?.message ?? e.message}`,
    };
  }
}

function mb(bytes: number): string {
  return bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GiB` : `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}

/** The report as one table: a row per host, a column per check. */
export function renderDoctor(r: DoctorReport): string {
  const mark: Record<Verdict, string> = { ok: 'ok', warn: 'WARN', fail: 'FAIL', 'n/a': '-' };
  const lines = [
    `doctor: ${r.service}, image ${r.image}${r.imageBytes !== undefined ? ` (${mb(r.imageBytes)} compressed)` : ''}`,
  ];
  for (const h of r.hosts) {
    lines.push(`${h.host} (${h.group})`);
    for (const c of CHECKS) lines.push(`  ${c.padEnd(8)} ${mark[h.checks[c].verdict].padEnd(4)} ${h.checks[c].detail}`);
  }
  lines.push(
    r.ok
      ? 'doctor: no check failed'
      : `doctor: ${r.hosts
          .filter((h) => CHECKS.some((c) => h.checks[c].verdict === 'fail'))
          .map((h) => h.host)
          .join(', ')} failed a check`,
  );
  return lines.join('\n');
}
