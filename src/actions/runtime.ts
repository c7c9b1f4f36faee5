// What every action entry shares: the @actions/core logger, input readers, and the failure handler.
import * as core from '@actions/core';
import { describeError, InputError, show } from '../errors';
import { Logger, Masker, neutralizeCommands } from '../log';

/** The engine's Logger on top of @actions/core: groups, annotations, and masking of secrets. */
export class ActionsLogger implements Logger {
  private readonly masker = new Masker();
  private readonly registered = new Set<string>();
  info(m: string): void { core.info(this.clean(m)); }
  warn(m: string): void { core.warning(this.clean(m)); }
  error(m: string): void { core.error(this.clean(m)); }
  debug(m: string): void { core.debug(this.clean(m)); }
  mask(text: string): string { return this.masker.mask(text); }
  secret(v: string | undefined): void {
    // Hosts sharing a TLS or SSH key pass the same secret once each: the runner needs it once.
    if (!v || this.registered.has(v)) return;
    this.registered.add(v);
    core.setSecret(v);
    // The runner masks line by line: a multi-line secret (a PEM key) must be registered by lines too.
    for (const line of v.split(/\r?\n/)) if (line.trim().length >= 8 && line.trim() !== v) core.setSecret(line.trim());
    this.masker.add(v);
  }
  group<T>(title: string, fn: () => Promise<T>): Promise<T> { return core.group(this.clean(title).replace(/\s+/g, ' '), fn); }

  private clean(text: string): string {
    return neutralizeCommands(this.masker.mask(text));
  }
}

/** The raw text of an input ('' when not given). Every input an action reads goes through here. */
export function input(name: string): string {
  return core.getInput(name).trim();
}

/** A true/false input; anything else is a user error naming the input. */
export function booleanInput(name: string, fallback: boolean): boolean {
  const raw = input(name).toLowerCase();
  if (raw === '') return fallback;
  if (['true', 'yes', '1', 'on'].includes(raw)) return true;
  if (['false', 'no', '0', 'off'].includes(raw)) return false;
  throw new InputError(`input ${name}: ${show(raw)} is not true or false`);
}

/** A list input: one item per line or comma-separated; blank items dropped. */
export function listInput(name: string, separator: RegExp = /[\n,]/): string[] {
  return input(name).split(separator).map((s) => s.trim()).filter((s) => s !== '');
}

/** Runs an action's body; any failure becomes a failed step with a message, never a stack trace. */
export async function runAction(body: (log: ActionsLogger) => Promise<void>): Promise<void> {
  const log = new ActionsLogger();
  try {
    await body(log);
  } catch (err) {
    // setFailed writes past our logger: mask and neutralise its message here.
    const message = neutralizeCommands(log.mask(describeError(err)));
    if (!(err instanceof Error) || err.name === 'Error' || err.name === 'TypeError') log.debug(String((err as Error)?.stack ?? err));
    core.setFailed(message);
    process.exitCode = 1;
  }
}

export { core };
