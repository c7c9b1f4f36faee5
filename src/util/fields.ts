// Small validators for config values: each checks one field and records a problem naming it.
import { Problems, show } from '../errors';
import { parseDuration } from './duration';

/** A plain mapping from the YAML document (after the loader's own conversion). */
export type Mapping = Record<string, unknown>;

/** A batch size or budget as written: a count of hosts, or a percentage of the group (rounded up). */
export type Amount = { count: number } | { percent: number };

export interface TlsSpec {
  ca?: string; // PEM text (resolved from a file path or an environment variable name)
  cert?: string; // PEM text
  key?: string; // PEM text; a secret
  verify: boolean; // false only when the user wrote `verify: false` (warned about)
}

export const MAX_STRING = 4096;

/** The path of a child field: `strategy.batches[1]`, `groups.web`, `container.labels["com.acme.x"]`. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const plain = /^[A-Za-z0-9_-]{1,64}$/.test(key);
  const part = plain ? key : `[${JSON.stringify(key.length > 64 ? key.slice(0, 60) + '…' : key)}]`;
  if (!path) return part;
  return plain ? `${path}.${part}` : `${path}${part}`;
}

/** Sets an own property, so that a key such as "__proto__" stays data and never reaches a prototype. */
export function setOwn<T>(o: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A variable's value from an environment object, ignoring anything inherited ("constructor"). */
export function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(env, name)) return undefined;
  const v = env[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function isMapping(v: unknown): v is Mapping {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Control characters make log lines and container configs lie about what they hold. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export interface StringRule {
  expected: string; // what a valid value looks like, for the message
  pattern?: RegExp;
  max?: number; // length limit (default MAX_STRING)
  multiline?: boolean; // tabs and line breaks allowed (env values, command arguments, PEM)
  allowEmpty?: boolean;
}

/** A string field; numbers are not strings here (quote them when you mean text). */
export function str(p: Problems, path: string, v: unknown, rule: StringRule): string | undefined {
  if (typeof v !== 'string') {
    p.add(path, v, rule.expected);
    return undefined;
  }
  const max = rule.max ?? MAX_STRING;
  if (v.length > max) {
    p.raw(`${path}: a string of ${v.length} characters is too long (at most ${max}; expected ${rule.expected})`);
    return undefined;
  }
  if ((rule.multiline ? CONTROL_BUT_LINES : CONTROL).test(v)) {
    p.raw(`${path}: ${show(v)} contains control characters (expected ${rule.expected})`);
    return undefined;
  }
  if (v === '' && !rule.allowEmpty) {
    p.add(path, v, rule.expected);
    return undefined;
  }
  if (rule.pattern && !rule.pattern.test(v)) {
    p.add(path, v, rule.expected);
    return undefined;
  }
  return v;
}

/** A scalar that becomes a string: env values and labels may be written as numbers or booleans. */
export function scalarText(p: Problems, path: string, v: unknown, expected: string): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return str(p, path, v, { expected, multiline: true, allowEmpty: true });
  p.add(path, v, expected);
  return undefined;
}

/** A whole number within bounds, written as a YAML number. */
export function int(
  p: Problems,
  path: string,
  v: unknown,
  min: number,
  max: number,
  expected?: string,
): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
  p.add(path, v, expected ?? `a whole number from ${min} to ${max}`);
  return undefined;
}

export function bool(p: Problems, path: string, v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  p.add(path, v, 'true or false');
  return undefined;
}

export function port(p: Problems, path: string, v: unknown): number | undefined {
  return int(p, path, v, 1, 65535, 'a port number from 1 to 65535');
}

/** A duration in milliseconds; `positive` for the ones where zero means nothing can ever pass. */
export function duration(p: Problems, path: string, v: unknown, positive = false): number | undefined {
  const ms = parseDuration(v);
  if (ms === undefined) {
    p.add(path, v, `a duration like "500ms", "2s" or "5m" (at most 7 days${positive ? '' : '; 0 for none'})`);
    return undefined;
  }
  if (positive && ms <= 0) {
    p.add(path, v, 'a duration greater than 0, like "2s"');
    return undefined;
  }
  return ms;
}

export const AMOUNT_EXPECTED = 'a count or a percentage like "25%"';
export const BUDGET_EXPECTED = 'a count of hosts (0 or more) or a percentage like "10%"';
export const MAX_COUNT = 10_000;

/**
 * A batch size or a failure budget. In the file a count is a YAML number: a quoted "25" is
 * ambiguous (25 hosts or 25%?) and is rejected. Inputs are text, so `digitsAreCount` lets "25" through.
 */
export function amount(
  p: Problems,
  path: string,
  v: unknown,
  opts: { zero: boolean; digitsAreCount?: boolean },
): Amount | undefined {
  const expected = opts.zero ? BUDGET_EXPECTED : AMOUNT_EXPECTED;
  const min = opts.zero ? 0 : 1;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= min && v <= MAX_COUNT) return { count: v };
    p.add(path, v, Number.isInteger(v) && v > MAX_COUNT ? `a count from ${min} to ${MAX_COUNT}` : expected);
    return undefined;
  }
  if (typeof v === 'string' && v.length <= 32) {
    const s = v.trim();
    if (opts.digitsAreCount && /^\d+$/.test(s)) return amount(p, path, Number(s), opts);
    const m = /^(\d+(?:\.\d+)?)\s*%$/.exec(s);
    if (m) {
      const percent = Number(m[1]);
      if ((opts.zero ? percent >= 0 : percent > 0) && percent <= 100) return { percent };
      p.add(path, v, opts.zero ? 'a percentage from 0% to 100%' : 'a percentage above 0% and at most 100%');
      return undefined;
    }
  }
  p.add(path, v, expected);
  return undefined;
}

/** A list of strings, each checked by the same rule. */
export function stringList(
  p: Problems,
  path: string,
  v: unknown,
  rule: StringRule & { maxItems?: number },
): string[] | undefined {
  if (!Array.isArray(v)) {
    p.add(path, v, rule.expected);
    return undefined;
  }
  if (v.length > (rule.maxItems ?? 1000)) {
    p.raw(`${path}: a list of ${v.length} items is too long (at most ${rule.maxItems ?? 1000})`);
    return undefined;
  }
  const out: string[] = [];
  let ok = true;
  v.forEach((item, i) => {
    const s = str(p, at(path, i), item, rule);
    if (s === undefined) ok = false;
    else out.push(s);
  });
  return ok ? out : undefined;
}

/** A mapping field (a YAML list or scalar here is a problem). */
export function mapping(p: Problems, path: string, v: unknown, expected: string): Mapping | undefined {
  if (isMapping(v)) return v;
  p.add(path, v, expected);
  return undefined;
}

/** Reports every key that is not in `known`, with a suggestion when one is close. */
export function knownKeys(
  p: Problems,
  path: string,
  m: Mapping,
  known: readonly string[],
  elsewhere: Record<string, string> = {},
): void {
  for (const key of Object.keys(m)) {
    if (known.includes(key)) continue;
    const guess = closest(key, known);
    const there = Object.prototype.hasOwnProperty.call(elsewhere, key) ? elsewhere[key] : undefined;
    const hint = guess
      ? ` (did you mean "${guess}"?)`
      : there
        ? ` (${key} belongs in ${there})`
        : ` (expected one of: ${known.join(', ')})`;
    p.raw(`${at(path, key)}: is not a known field${hint}`);
  }
}

/** The known word nearest to a typo: same letters with "_" for "-", a different case, or ≤ 2 edits. */
export function closest(word: string, known: readonly string[]): string | undefined {
  if (word.length > 64) return undefined;
  const norm = (s: string) => s.toLowerCase().replace(/_/g, '-');
  const w = norm(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = k === w ? 0 : editDistance(w, norm(k));
    const limit = Math.max(1, Math.min(2, Math.floor(k.length / 3)));
    if (d <= limit && d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

export function has(m: Mapping, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** A list of strings as a command; nothing runs through a shell, so a single string is refused. */
export function commandList(
  p: Problems,
  path: string,
  v: unknown,
  example: string,
  allowEmpty: boolean,
): string[] | undefined {
  const expected = `a list of strings like ${example}`;
  if (typeof v === 'string') {
    p.add(path, v, `${expected} (no shell runs it: write each argument as its own item)`);
    return undefined;
  }
  if (!Array.isArray(v)) {
    p.add(path, v, expected);
    return undefined;
  }
  const list = stringList(p, path, v, { expected: 'a non-empty string', multiline: true, maxItems: 256 });
  if (list && !allowEmpty && list.length === 0) {
    p.add(path, v, expected);
    return undefined;
  }
  return list;
}

/** Removes keys whose value is undefined, so a spread never overwrites a value with nothing. */
export function dropUndefined<T extends object>(o: T): T {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key];
  return o;
}
