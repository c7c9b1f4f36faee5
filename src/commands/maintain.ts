// `aviary maintain`: a command on every host over SSH, in canary batches, the service checked after each.
import { InputError } from '../errors';
import { maintain, MAINTAIN_DEFAULTS, MaintainSettings, renderMaintain } from '../maintain/maintain';
import { commandLine } from '../maintain/ssh-command';
import { cancelOnSignals } from '../util/cancel';
import { parseDuration } from '../util/duration';
import { Command, ParsedArgs } from './command';
import { deployFlags, readDeploySettings } from './deploy';

export const command: Command = {
  name: 'maintain',
  summary:
    'run a command on the hosts over SSH in canary batches (batches, parallel, max-unhealthy), drain hooks around each host; then wait for its engine, check the service runs healthy (starting it if needed) and the gates; stop at the first failure over the budget',
  usage: 'aviary maintain [flags] -- COMMAND [ARG...]',
  flags: [
    ...deployFlags.filter((f) =>
      [
        'config',
        'groups',
        'batches',
        'parallel',
        'max-unhealthy',
        'pause',
        'lock-wait',
        'force-unlock',
        'ssh-key',
        'ssh-known-hosts',
        'no-ssh-host-key-check',
      ].includes(f.name),
    ),
    { name: 'hosts', description: 'only these hosts, comma-separated (default: every host of the groups)' },
    { name: 'ssh-user', description: 'SSH user for hosts not reached over ssh://', default: MAINTAIN_DEFAULTS.sshUser },
    { name: 'command-timeout', description: 'how long the command may run on a host', default: '30m' },
    {
      name: 'engine-timeout',
      description: "how long the host's engine may take to answer again after the command",
      default: '5m',
    },
    { name: 'dry-run', description: 'print the batches, changing nothing', boolean: true },
  ],
  async run(args, log) {
    const settings = readDeploySettings(args, args.get('dry-run') === 'true');
    const result = await maintain(settings, readMaintainFlags(args), log, process.env, cancelOnSignals(log));
    for (const line of renderMaintain(result)) log.info(line);
    if (result.error) log.error(result.error);
    return result.result === 'stopped' ? 1 : 0;
  },
};

function readMaintainFlags(args: ParsedArgs): MaintainSettings {
  const duration = (flag: string): number => {
    const ms = parseDuration(args.get(flag));
    if (ms === undefined || ms <= 0)
      throw new InputError(`--${flag}: ${JSON.stringify(args.get(flag))} is not a duration like 90s or 10m`);
    return ms;
  };
  // One word is taken as the command line itself (it may hold `&&`); several are quoted word by word.
  const words = args.positional;
  return {
    command: words.length === 1 ? words[0] : commandLine(words),
    hosts: (args.get('hosts') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    sshUser: args.get('ssh-user') ?? MAINTAIN_DEFAULTS.sshUser,
    commandTimeoutMs: duration('command-timeout'),
    engineTimeoutMs: duration('engine-timeout'),
  };
}
