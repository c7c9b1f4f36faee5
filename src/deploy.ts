// `deploy` behind the action and the CLI: settings → validated config → a rollout → its report.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadConfig, configSecrets, ConfigOverrides } from './config/load';
import { DeployConfig } from './config/types';
import { HostSpec } from './hosts/types';
import { InputError } from './errors';
import { Logger } from './log';
import type { SshSettings } from './hosts/open';
import { isInsecureRegistry } from './registry/insecure';
import { parseImageRef, registryOf } from './registry/reference';
import { RegistryClient } from './registry/client';
import { resolveRegistryAuth, secretForms } from './registry/credentials';
import { currentOwner } from './rollout/lock';
import { recover as recoverRun, Recovery } from './rollout/recover';
import { RolloutReport } from './report/types';
import { Rollout, RolloutDeps, RolloutOptions } from './rollout/rollout';
import { RealHealthProbe } from './rollout/health-probe';
import { renderPlan } from './report/summary';
import { pushMetrics, rolloutFigures } from './metrics/pushgateway';
import { availabilityOutput } from './availability/format';

export interface DeploySettings {
  configPath: string;
  overrides: ConfigOverrides;
  dryRun: boolean;
  forceUnlock: boolean;
  registry: { username?: string; password?: string };
  ssh: SshSettings;
  reportFile?: string;
  deployment?: string; // this run's id; made here when not given
  /** `previous`: roll every host back to the version its current one replaced (no image needed). */
  target?: 'image' | 'previous';
  /** How problems name the settings: `input max-unhealthy` for the actions, `--max-unhealthy` for the CLI. */
  inputName?: (name: string) => string;
}

export interface DeployRun {
  report: RolloutReport;
  config: DeployConfig;
}

/**
 * A deployment id: sortable by time, valid inside a container name, and unguessable enough (64
 * random bits) to stand for "this run" in the lock and in the records on the hosts.
 */
export function newDeploymentId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(8).toString('hex')}`;
}

/** Validates the config and settings before any host is touched; registers every secret with the logger. */
export function prepare(settings: DeploySettings, log: Logger, env: NodeJS.ProcessEnv): DeployConfig {
  log.secret(settings.registry.password);
  log.secret(settings.ssh.key);
  const previous = settings.target === 'previous';
  const config = loadConfig({
    path: settings.configPath,
    overrides: settings.overrides,
    env,
    requireImageVersion: !previous,
    inputName: settings.inputName,
  });
  if (previous) config.image = 'the previous version';
  for (const s of configSecrets(config)) log.secret(s);
  const name = settings.inputName ?? ((n: string) => `input ${n}`);
  if (settings.registry.password && !settings.registry.username)
    throw new InputError(
      `${name('password')}: given without ${name('username')} (expected both, or neither to use the Docker config)`,
    );
  return config;
}

export interface DeployObserver {
  /** The lock is about to be taken: hosts may change from now on. */
  locking?(): void;
  /** The image is on every host and the first batch is about to start. */
  started?(report: RolloutReport): Promise<void>;
  /** The outcome is known and recorded on the hosts: from now on nothing may undo the rollout. */
  decided?(report: RolloutReport): void;
}

export async function deploy(
  settings: DeploySettings,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
  signal?: AbortSignal,
  observer: DeployObserver = {},
): Promise<DeployRun> {
  const config = prepare(settings, log, env);
  // Groups whose hosts come from DNS or a program get them now, before anything connects (src/inventory).
  await (await import('./inventory/resolve')).resolveInventory(config, log, { signal, env });
  const auth =
    settings.target === 'previous' ? undefined : resolveRegistryAuth(config.image, settings.registry, env, log);
  for (const s of secretForms(auth)) log.secret(s);
  const cleartext = cleartextSecrets(config, !!auth);
  if (cleartext) log.warn(cleartext);
  const deployment = settings.deployment ?? newDeploymentId();
  const rollout = new Rollout(config, rolloutDeps(config, settings, auth, log), {
    ...rolloutObserver(observer),
    deployment,
    owner: currentOwner(deployment, env),
    registryAuth: auth,
    forceUnlock: settings.forceUnlock,
    dryRun: settings.dryRun,
    signal,
    target: settings.target,
  });
  log.info(
    `aviary: ${settings.target === 'previous' ? 'rolling back' : 'deploying'} ${config.image} to ${config.groups.map((g) => `${g.name} (${g.hosts.length})`).join(', ')} as ${config.service}, deployment ${deployment}`,
  );
  // Health failures quote the container's own log lines, which may print a secret-env value: the
  // report (and the summary and outputs made from it) is masked as the log is.
  const report = masked(await rollout.run(), (s) => log.mask(s));
  if (settings.dryRun) for (const line of renderPlan(report).split('\n')) log.info(line);
  else if (config.metricsUrl) await pushMetrics(config.metricsUrl, rolloutFigures(report), log);
  if (settings.reportFile) writeReport(settings.reportFile, report);
  return { report, config };
}

/** What a rollout needs of the real world: hosts over the Engine API, real health checks, the registry. */
export function rolloutDeps(
  config: DeployConfig,
  settings: DeploySettings,
  auth: object | undefined,
  log: Logger,
): RolloutDeps {
  return {
    log,
    // dockerode is loaded when the first host is opened, after the first log lines.
    connect: async (hosts: HostSpec[], cancel?: AbortSignal) =>
      (await import('./hosts/open')).openHosts(
        hosts,
        { parallel: config.strategy.parallel, ssh: settings.ssh, signal: cancel },
        log,
      ),
    health: new RealHealthProbe(log),
    registryDigest: async (image, host) => {
      const registry = registryOf(image);
      const client = new RegistryClient(registry, {
        credentials: auth,
        insecure: await isInsecureRegistry(registry, (await host.registryConfig()) as never),
        log,
        timeoutMs: 10_000,
      });
      return (await client.manifest(parseImageRef(image))).digest;
    },
  };
}

/** A deploy's observer as the rollout's callbacks. */
export function rolloutObserver(observer: DeployObserver): Pick<RolloutOptions, 'onStart' | 'onOutcome' | 'onLock'> {
  return {
    onStart: observer.started?.bind(observer),
    onOutcome: observer.decided?.bind(observer),
    onLock: observer.locking?.bind(observer),
  };
}

/**
 * Plain tcp:// carries every request in cleartext: the registry credentials sent with each pull
 * (X-Registry-Auth) and the secret-env values in each container's create. Said once, naming the
 * hosts, before anything is sent; tls: or ssh:// carries the same requests encrypted.
 */
export function cleartextSecrets(config: DeployConfig, registryAuth: boolean): string | undefined {
  const exposed = config.groups.flatMap((g) => {
    const what = [
      registryAuth && 'the registry credentials',
      Object.keys(g.container.secretEnv).length && `secret-env ${Object.keys(g.container.secretEnv).join(', ')}`,
    ].filter(Boolean);
    return what.length
      ? g.hosts
          .filter((h) => h.endpoint.scheme === 'tcp' && !h.tls)
          .map((h) => ({ host: h.name, what: what.join(' and ') }))
      : [];
  });
  if (!exposed.length) return undefined;
  const what = [...new Set(exposed.map((e) => e.what))].join('; ');
  return `${what} travel in cleartext to ${exposed.length} host(s) reached over plain tcp:// (${exposed.map((e) => e.host).join(', ')}): anyone on that network can read them; give those hosts tls: or reach them over ssh://`;
}

/** A copy of a JSON-like value with every string masked. */
function masked<T>(value: T, mask: (s: string) => string): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? mask(v) : v)));
}

export function writeReport(file: string, report: RolloutReport): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}

/**
 * Whether the rollout already logged its whole error: a failure before the first batch is logged
 * by the rollout itself, with every host and reason, so an action need not repeat it.
 */
export function errorWasLogged(report: RolloutReport): boolean {
  return report.result === 'failed' && report.batches.length === 0;
}

/** The outputs both the action and the CLI print. */
export function outputsOf(report: RolloutReport, reportFile?: string): Record<string, string> {
  return {
    result: report.result,
    digest: report.digest ?? '',
    'updated-hosts': report.hosts
      .filter((h) => h.result === 'updated')
      .map((h) => h.name)
      .join(','),
    'rolled-back-hosts': report.hosts
      .filter((h) => h.result === 'rolled-back')
      .map((h) => h.name)
      .join(','),
    'report-file': reportFile ?? '',
    availability: availabilityOutput(report.availability),
  };
}

/**
 * The post step of every action that changes hosts: when the main step died before its outcome was
 * recorded (killed, or cancelled past its grace), takes the run's lock back, puts every host it
 * touched back on its previous version from the records on the hosts, and checks every host.
 */
export async function recover(
  settings: DeploySettings,
  deployment: string,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
  decided = false,
  force = false,
): Promise<Recovery> {
  // The image does not matter to a repair: the all-in-one action's `image` is a bare repository.
  const config = prepare({ ...settings, target: 'previous' }, log, env);
  // Hosts from DNS or a program are resolved again: the post step runs a minute later at most.
  await (await import('./inventory/resolve')).resolveInventory(config, log, { env });
  const { openEach } = await import('./hosts/open');
  const { hosts, unreachable } = await openEach(
    config.groups.flatMap((g) => g.hosts),
    { parallel: config.strategy.parallel, ssh: settings.ssh },
    log,
  );
  try {
    return await recoverRun(config, hosts, unreachable, {
      owner: currentOwner(deployment, env),
      force,
      decided,
      health: new RealHealthProbe(log),
      log,
    });
  } finally {
    for (const h of hosts.values()) h.close();
  }
}
