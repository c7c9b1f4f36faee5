// The shape of one `aviary` subcommand, and its flags read through node:util's parseArgs.
import { parseArgs as parseFlags } from 'node:util';
import { InputError } from '../errors';
import { Logger } from '../log';

export interface Flag {
  name: string; // without the leading --
  description: string;
  boolean?: boolean; // a switch: --name, no value
  multiple?: boolean; // may be repeated; values collect in order
  default?: string;
  env?: string; // environment variable read when the flag is absent
}

export interface Command {
  name: string;
  summary: string;
  usage: string; // e.g. "aviary push [flags] TAG..."
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

/**
 * Parses argv against the command's flags with node:util's parseArgs; an unknown flag or a missing
 * value is an InputError. Flags may repeat (the last value wins for get()); `--` ends the flags.
 */
export function parseArgs(command: Command, argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedArgs {
  const byName = new Map(command.flags.map((f) => [f.name, f]));
  // util's parseArgs refuses a value on a boolean option, but our switches take one (--pull=false):
  // the value is cut off here and read back from argv by the token's index.
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const args = argv.map((arg, i) => {
    const eq = arg.indexOf('=');
    return i < end && arg.startsWith('--') && eq > 2 && byName.get(arg.slice(2, eq))?.boolean ? arg.slice(0, eq) : arg;
  });
  const options = Object.fromEntries(
    command.flags.map((f) => [f.name, { type: f.boolean ? 'boolean' : 'string', multiple: !!f.multiple } as const]),
  );
  let tokens;
  try {
    ({ tokens } = parseFlags({ args, options, strict: true, allowPositionals: true, tokens: true }));
  } catch (err) {
    throw flagError(command.name, err);
  }
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positional.push(token.value);
    if (token.kind !== 'option') continue;
    const raw = argv[token.index];
    const value = token.value ?? (raw.includes('=') ? raw.slice(raw.indexOf('=') + 1) : 'true');
    values.set(token.name, [...(values.get(token.name) ?? []), value]);
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

/** util's parse errors in our words: the flag, what was expected, where to look. */
function flagError(command: string, err: unknown): unknown {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) return err;
  const message = (err as Error).message;
  const flag = /'(--?[^'\s,=]+)/.exec(message)?.[1];
  const problem = (text: string) => new InputError(`aviary ${command}: ${text}`);
  if (!flag) return problem(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return problem(`unknown flag ${flag} (see aviary ${command} --help)`);
  // "ambiguous": the next word starts with a dash, so util takes it for a flag rather than this value.
  if (/ambiguous/.test(message)) {
    return problem(`${flag} needs a value (write ${flag}=-VALUE for a value that starts with -)`);
  }
  if (/missing/.test(message)) return problem(`${flag} needs a value`);
  return problem(message);
}

/** The --help text of a command. */
export function helpText(command: Command): string {
  const width = Math.max(...command.flags.map((f) => f.name.length + (f.boolean ? 0 : 8)), 10);
  const lines = [`${command.summary}`, '', `Usage: ${command.usage}`, '', 'Flags:'];
  for (const f of command.flags) {
    const left = `--${f.name}${f.boolean ? '' : ' <value>'}`;
    const extra = [f.default !== undefined ? `default: ${f.default}` : '', f.env ? `env: ${f.env}` : '']
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${left.padEnd(width + 4)} ${f.description}${extra ? ` (${extra})` : ''}`);
  }
  lines.push(`  ${'--help'.padEnd(width + 4)} show this help`);
  return lines.join('\n');
}
