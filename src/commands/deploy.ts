// `aviary deploy` and `aviary plan`: the deploy action's engine with flags instead of inputs.
import { cancelOnSignals } from '../util/cancel';
import * as fs from 'node:fs';
import { deploy, DeploySettings, outputsOf } from '../deploy';
import { renderSummary } from '../report/summary';
import { RolloutReport } from '../report/types';
import { InputError } from '../errors';
import { Command, Flag, ParsedArgs } from './command';

export const deployFlags: Flag[] = [
  { name: 'config', description: 'config file', default: 'aviary.yml' },
  {
    name: 'image',
    description: "image to deploy: repo:tag, repo@sha256:…, or a tag/digest of the config file's image",
  },
  { name: 'groups', description: 'groups to deploy to, comma-separated (default: all)' },
  { name: 'batches', description: 'batch sizes, e.g. 1,25%,100%' },
  { name: 'parallel', description: 'hosts in flight at once' },
  { name: 'max-unhealthy', description: 'failure budget (count or percentage)' },
  { name: 'pause', description: 'bake time after each healthy batch, e.g. 30s' },
  {
    name: 'lock-wait',
    description: 'wait up to this long for the deploy lock held by another live run, e.g. 10m (default: fail at once)',
  },
  { name: 'force-unlock', description: 'take the deploy lock even if another run holds it', boolean: true },
  { name: 'username', description: "registry user for the hosts' pulls", env: 'AVIARY_REGISTRY_USERNAME' },
  {
    name: 'password-stdin',
    description: 'read the registry password from standard input (or set AVIARY_REGISTRY_PASSWORD)',
    boolean: true,
  },
  {
    name: 'ssh-key',
    description: 'file with the private key for ssh:// hosts (or set AVIARY_SSH_KEY to the key itself)',
  },
  {
    name: 'ssh-known-hosts',
    description: "known_hosts file the ssh:// hosts' keys are checked against",
    default: `${process.env.HOME ?? '~'}/.ssh/known_hosts`,
  },
  { name: 'no-ssh-host-key-check', description: 'do not check ssh:// host keys (warned about)', boolean: true },
  { name: 'report-file', description: 'write the JSON report here' },
  {
    name: 'summary-file',
    description: 'append the Markdown summary (plan, batches, timeline, failures first) here',
    env: 'GITHUB_STEP_SUMMARY',
  },
];

/** Reads the flags shared by deploy, plan and rollback into the engine's settings. */
export function readDeploySettings(
  args: ParsedArgs,
  dryRun: boolean,
  env: NodeJS.ProcessEnv = process.env,
): DeploySettings {
  const readFile = (flag: string, file: string | undefined, optional = false): string | undefined => {
    if (!file) return undefined;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (err) {
      if (optional) return undefined;
      throw new InputError(`--${flag}: cannot read ${file} (${(err as NodeJS.ErrnoException).code})`);
    }
  };
  const password =
    args.get('password-stdin') === 'true'
      ? fs.readFileSync(0, 'utf8').trim()
      : env.AVIARY_REGISTRY_PASSWORD || undefined;
  return {
    configPath: args.get('config') ?? 'aviary.yml',
    overrides: {
      image: args.has('image') || args.positional[0] ? (args.get('image') ?? args.positional[0]) : undefined,
      groups: (args.get('groups') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      batches: args.get('batches'),
      parallel: args.get('parallel'),
      maxUnhealthy: args.get('max-unhealthy'),
      pause: args.get('pause'),
      lockWait: args.get('lock-wait'),
    },
    dryRun,
    forceUnlock: args.get('force-unlock') === 'true',
    registry: { username: args.get('username'), password },
    ssh: {
      key: readFile('ssh-key', args.get('ssh-key')) ?? env.AVIARY_SSH_KEY,
      knownHosts: readFile('ssh-known-hosts', args.get('ssh-known-hosts'), !args.has('ssh-known-hosts')),
      hostKeyCheck: args.get('no-ssh-host-key-check') !== 'true',
    },
    reportFile: args.get('report-file'),
    inputName: (n) => `--${n}`,
  };
}

function makeCommand(name: 'deploy' | 'plan'): Command {
  const dryRun = name === 'plan';
  return {
    name,
    summary: dryRun
      ? 'print the plan of a deploy (batches, hosts, current → new digest) and change nothing'
      : 'roll an image out across the groups of aviary.yml in canary batches, with health checks and automatic rollback',
    usage: `aviary ${name} [flags] [IMAGE]`,
    flags: deployFlags,
    async run(args, log) {
      const settings = readDeploySettings(args, dryRun);
      const signal = cancelOnSignals(log);
      const { report } = await deploy(settings, log, process.env, signal);
      writeSummary(args.get('summary-file'), report);
      for (const [key, value] of Object.entries(outputsOf(report, settings.reportFile))) log.info(`${key}=${value}`);
      if (report.result !== 'deployed') {
        // The full evidence was logged where it happened; end with the verdict in one line.
        log.error(`${report.result}: ${(report.error ?? '').split('\n')[0]}`);
        return 1;
      }
      return 0;
    },
  };
}

export const command = makeCommand('deploy');
export const planCommand = makeCommand('plan');

/** Appends the Markdown summary to a file (GITHUB_STEP_SUMMARY when run inside a workflow). */
export function writeSummary(file: string | undefined, report: RolloutReport): void {
  if (file) fs.appendFileSync(file, renderSummary(report) + '\n');
}
