// The logger the engine writes through: the actions back it with @actions/core, the CLI with stdout.
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** Runs fn inside a collapsible log group; the group is closed even when fn throws. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** Registers a secret: it is replaced by *** in every later line. */
  secret(value: string | undefined): void;
  /** Text with every registered secret replaced, for what is written elsewhere than the log (report, summary). */
  mask(text: string): string;
}

/**
 * Text read from hosts or given by users may hold lines that the runner would take as workflow
 * commands (`::error::`, `::add-mask::`, `##[group]`, even after leading blanks). Such lines get a
 * zero-width space in front: they print the same, and the runner ignores them.
 */
export function neutralizeCommands(text: string): string {
  return text.replace(/^(\s*)(::|##\[)/gm, '$1\u200b$2');
}

/** Replaces every registered secret in text; shared by all loggers and by error reporting. */
export class Masker {
  private readonly secrets = new Set<string>();

  add(value: string | undefined): void {
    if (!value || value.length < 3) return;
    this.secrets.add(value);
    // Multi-line secrets (PEM keys) are also masked line by line, as they may be logged in parts.
    for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) this.secrets.add(line.trim());
  }

  mask(text: string): string {
    let out = text;
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
    return out;
  }
}

/** A logger for the command line and tests: plain lines on stdout/stderr, groups as headers. */
export class ConsoleLogger implements Logger {
  constructor(
    private readonly masker = new Masker(),
    private readonly options: { verbose?: boolean; out?: (line: string) => void; err?: (line: string) => void } = {},
  ) {}

  private out(line: string): void {
    (this.options.out ?? ((l: string) => process.stdout.write(l + '\n')))(neutralizeCommands(this.masker.mask(line)));
  }
  private err(line: string): void {
    (this.options.err ?? ((l: string) => process.stderr.write(l + '\n')))(neutralizeCommands(this.masker.mask(line)));
  }

  info(message: string): void {
    this.out(message);
  }
  mask(text: string): string {
    return this.masker.mask(text);
  }
  warn(message: string): void {
    this.err(`warning: ${message}`);
  }
  error(message: string): void {
    this.err(`error: ${message}`);
  }
  debug(message: string): void {
    if (this.options.verbose) this.out(`  ${message}`);
  }
  secret(value: string | undefined): void {
    this.masker.add(value);
  }

  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.out(`▸ ${title.replace(/\s+/g, ' ')}`);
    return fn();
  }
}
