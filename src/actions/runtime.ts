// What every action entry shares: the @actions/core logger, typed inputs and outputs, the failure handler.
import * as core from '@actions/core';
import { describeError, InputError, show } from '../errors';
import { Logger, Masker, neutralizeCommands } from '../log';

/** The engine's Logger on top of @actions/core: groups, annotations, and masking of secrets. */
export class ActionsLogger implements Logger {
  private readonly masker = new Masker();
  private readonly registered = new Set<string>();
  info(m: string): void {
    core.info(this.clean(m));
  }
  warn(m: string): void {
    core.warning(this.clean(m));
  }
  error(m: string): void {
    core.error(this.clean(m));
  }
  debug(m: string): void {
    core.debug(this.clean(m));
  }
  mask(text: string): string {
    return this.masker.mask(text);
  }
  secret(v: string | undefined): void {
    // Hosts sharing a TLS or SSH key pass the same secret once each: the runner needs it once.
    if (!v || this.registered.has(v)) return;
    this.registered.add(v);
    core.setSecret(v);
    // The runner masks line by line: a multi-line secret (a PEM key) must be registered by lines too.
    for (const line of v.split(/\r?\n/)) if (line.trim().length >= 8 && line.trim() !== v) core.setSecret(line.trim());
    this.masker.add(v);
  }
  group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    return core.group(this.clean(title).replace(/\s+/g, ' '), fn);
  }

  private clean(text: string): string {
    return neutralizeCommands(this.masker.mask(text));
  }
}

/** The raw text of an input ('' when not given). Every input an action reads goes through here. */
function input(name: string): string {
  return core.getInput(name).trim();
}

/** A true/false input; anything else is a user error naming the input. */
function booleanInput(name: string, fallback: boolean): boolean {
  const raw = input(name).toLowerCase();
  if (raw === '') return fallback;
  if (['true', 'yes', '1', 'on'].includes(raw)) return true;
  if (['false', 'no', '0', 'off'].includes(raw)) return false;
  throw new InputError(`input ${name}: ${show(raw)} is not true or false`);
}

/** A list input: one item per line or comma-separated; blank items dropped. */
function listInput(name: string, separator: RegExp = /[\n,]/): string[] {
  return input(name)
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Reads the inputs of one list (an action's INPUTS, or a shared group of them): no other name type-checks. */
export interface InputReader<N extends string> {
  /** The raw text ('' when not given). */
  text(name: N): string;
  /** true/false (yes/no, 1/0, on/off); empty → fallback; anything else is an InputError naming the input. */
  flag(name: N, fallback: boolean): boolean;
  /** One item per line or comma-separated (or split by `separator`); blank items dropped. */
  list(name: N, separator?: RegExp): string[];
}

/** The reader of the inputs `names` lists; an inputs module passes the list that its action.yml is tested against. */
export function inputReader<N extends string>(names: readonly N[]): InputReader<N> {
  void names; // the list types the reader: reading a name it lacks is a compile error
  return { text: input, flag: booleanInput, list: listInput };
}

/** Sets the outputs of one list (an action's OUTPUTS): no other name type-checks. */
export interface OutputWriter<N extends string> {
  set(name: N, value: string): void;
}

/** The writer of the outputs `names` lists; an action's main passes the list that its action.yml is tested against. */
export function outputWriter<N extends string>(names: readonly N[]): OutputWriter<N> {
  void names;
  return { set: (name, value) => core.setOutput(name, value) };
}

/** Runs an action's body; any failure becomes a failed step with a message, never a stack trace. */
export async function runAction(body: (log: ActionsLogger) => Promise<void>): Promise<void> {
  const log = new ActionsLogger();
  try {
    await body(log);
  } catch (err) {
    // setFailed writes past our logger: mask and neutralise its message here.
    const message = neutralizeCommands(log.mask(describeError(err)));
    if (!(err instanceof Error) || err.name === 'Error' || err.name === 'TypeError')
      log.debug(String((err as Error)?.stack ?? err));
    core.setFailed(message);
    process.exitCode = 1;
  }
}

export { core };
