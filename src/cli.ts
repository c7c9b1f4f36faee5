// The `aviary` command: the same engine as the actions, driven by flags instead of inputs.
import { Command, helpText, parseArgs } from './commands/command';
import { describeError } from './errors';
import { ConsoleLogger } from './log';

// Each subcommand is loaded only when it runs.
const commands: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./commands/build')).command,
  push: async () => (await import('./commands/push')).command,
  merge: async () => (await import('./commands/merge')).command,
  deploy: async () => (await import('./commands/deploy')).command,
  plan: async () => (await import('./commands/deploy')).planCommand,
  rollback: async () => (await import('./commands/rollback')).command,
  status: async () => (await import('./commands/status')).command,
  unlock: async () => (await import('./commands/status')).unlockCommand,
  sync: async () => (await import('./commands/sync')).command,
  retire: async () => (await import('./commands/retire')).command,
  maintain: async () => (await import('./commands/maintain')).command,
  doctor: async () => (await import('./commands/doctor')).command,
};

const summaries: Record<string, string> = {
  build: 'build an image through the Docker Engine API',
  push: "push an image's tags to their registry and print the digest",
  merge: 'join per-platform images into one multi-platform image (OCI index)',
  deploy: 'roll an image out in canary batches with health checks and automatic rollback',
  plan: 'print what a deploy would do, changing nothing',
  rollback: 'put every host back on its previous version, no version to name',
  status: 'what every host runs, its previous versions, health now, and the lock',
  unlock: "remove a dead run's deploy lock from every host",
  sync: 'bring every host of a group to the version the group runs now (new hosts get it)',
  retire: 'drain and remove the service, its kept containers and records from named hosts',
  maintain: 'run a command on the hosts over SSH in canary batches, then check the service',
  doctor: 'check each host before a first deploy (engine, disk, clock, ports, registry, SSH key)',
};

function usage(): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((n) => n.length));
  return [
    'aviary — build, push and roll out Docker images across server groups in canary batches',
    '',
    'Usage: aviary <command> [flags]',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${summaries[n] ?? ''}`),
    '',
    'Run `aviary <command> --help` for the flags of a command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`aviary: unknown command "${name}"\n\n${usage()}\n`);
    process.exitCode = 2;
    return;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(helpText(command) + '\n');
    return;
  }
  const log = new ConsoleLogger(undefined, { verbose: process.env.AVIARY_DEBUG === '1' });
  try {
    const code = await command.run(parseArgs(command, rest), log);
    process.exitCode = typeof code === 'number' ? code : 0;
  } catch (err) {
    log.error(describeError(err));
    process.exitCode = 1;
  }
}
