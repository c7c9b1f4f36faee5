// The shape of one `aviary` subcommand and the flag parser they share.
import { InputError } from '../errors';
import { Logger } from '../log';

export interface Flag {
  name: string;             // without the leading --
  description: string;
  boolean?: boolean;        // a switch: --name, no value
  multiple?: boolean;       // may be repeated; values collect in order
  default?: string;
  env?: string;             // environment variable read when the flag is absent
}

export interface Command {
  name: string;
  summary: string;
  usage: string;            // e.g. "aviary push [flags] TAG..."
  flags: Flag[];
  run(args: ParsedArgs, log: Logger): Promise<number | void>;
}

export interface ParsedArgs {
  /** The value of a flag (last one wins), its env fallback, its default, or undefined. */
  get(name: string): string | undefined;
  /** Every value given for a repeatable flag. */
  all(name: string): string[];
  has(name: string): boolean;
  positional: string[];
}

/** Parses argv against the command's flags; an unknown flag or a missing value is an InputError. */
export function parseArgs(command: Command, argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedArgs {
  const byName = new Map(command.flags.map((f) => [f.name, f]));
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') { positional.push(...argv.slice(i + 1)); break; }
    if (!arg.startsWith('--')) { positional.push(arg); continue; }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const flag = byName.get(name);
    if (!flag) throw new InputError(`aviary ${command.name}: unknown flag --${name} (see aviary ${command.name} --help)`);
    let value: string;
    if (flag.boolean) value = eq < 0 ? 'true' : arg.slice(eq + 1);
    else if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new InputError(`aviary ${command.name}: --${name} needs a value`);
      value = argv[++i];
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const fallback = (name: string): string | undefined => {
    const flag = byName.get(name);
    if (flag?.env && env[flag.env] !== undefined && env[flag.env] !== '') return env[flag.env];
    return flag?.default;
  };
  return {
    get: (name) => values.get(name)?.at(-1) ?? fallback(name),
    all: (name) => values.get(name) ?? (fallback(name) !== undefined ? [fallback(name)!] : []),
    has: (name) => values.has(name),
    positional,
  };
}

/** The --help text of a command. */
export function helpText(command: Command): string {
  const width = Math.max(...command.flags.map((f) => f.name.length + (f.boolean ? 0 : 8)), 10);
  const lines = [`${command.summary}`, '', `Usage: ${command.usage}`, '', 'Flags:'];
  for (const f of command.flags) {
    const left = `--${f.name}${f.boolean ? '' : ' <value>'}`;
    const extra = [f.default !== undefined ? `default: ${f.default}` : '', f.env ? `env: ${f.env}` : ''].filter(Boolean).join(', ');
    lines.push(`  ${left.padEnd(width + 4)} ${f.description}${extra ? ` (${extra})` : ''}`);
  }
  lines.push(`  ${'--help'.padEnd(width + 4)} show this help`);
  return lines.join('\n');
}
