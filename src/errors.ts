// The two kinds of failure a user sees: their input is wrong, or the work itself failed.

/** Bad configuration or input: nothing was changed on any host. Holds every problem found. */
export class InputError extends Error {
  readonly problems: string[];
  constructor(problems: string[] | string) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.length === 1 ? list[0] : `${list.length} problems:\n` + list.map((p) => `  - ${p}`).join('\n'));
    this.name = 'InputError';
    this.problems = list;
  }
}

/** A build, push or rollout that failed while doing its work; the message says where and why. */
export class RunError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RunError';
  }
}

/** The message to show a user for any thrown value: never a stack trace for our own errors. */
export function describeError(err: unknown): string {
  if (err instanceof InputError || err instanceof RunError) return err.message;
  if (err instanceof Error) return err.message || String(err);
  return String(err);
}

/** Collects problems during validation, so that all of them are reported at once. */
export class Problems {
  readonly list: string[] = [];
  /** `field: "25" is not a count or a percentage like "25%"`, or `field: is missing (expected …)`. */
  add(field: string, value: unknown, expected: string): void {
    this.list.push(
      value === undefined
        ? `${field}: is missing (expected ${expected})`
        : `${field}: ${show(value)} is not ${expected}`,
    );
  }
  raw(message: string): void {
    this.list.push(message);
  }
  get any(): boolean {
    return this.list.length > 0;
  }
  throwIfAny(): void {
    if (this.any) throw new InputError(this.list);
  }
}

/** A short, single-line rendering of a user's value for an error message. */
export function show(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 80 ? s.slice(0, 76) + '…' + s.slice(-1) : s;
}
