// Validation of `hooks:` (top level or per group) into HooksSpec, in the style of src/config.
import { Problems } from '../errors';
import { at, duration, knownKeys, Mapping, mapping, str, stringList } from '../util/fields';
import { parseStatus } from '../net/http';
import { checkPlaceholders } from '../net/template';
import { CommandAction, HookName, HooksSpec, HookSpec, HttpAction } from './types';

export const HOOK_KEYS = ['before-stop', 'after-healthy'] as const;
const ACTION_KEYS = ['command', 'http', 'timeout', 'env'] as const;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HTTP_KEYS = ['url', 'method', 'headers', 'body', 'expect-status'] as const;
/** The placeholders a hook's command, URL, headers and body may use. */
export const HOOK_PLACEHOLDERS = ['host', 'address', 'group', 'service'] as const;
export const DEFAULT_HOOK_TIMEOUT_MS = 30_000;
const MAX_HOOK_TIMEOUT_MS = 10 * 60_000;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;
const COMMAND_EXAMPLE = '["/usr/local/bin/lb-drain", "{{host}}"]';

function has(m: Mapping, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** Reads a `hooks:` mapping; undefined when absent or invalid (problems recorded). */
export function readHooks(p: Problems, path: string, raw: unknown): HooksSpec | undefined {
  if (raw === undefined || raw === null) return undefined;
  const m = mapping(
    p,
    path,
    raw,
    'a mapping with before-stop and/or after-healthy, like {before-stop: {command: […]}}',
  );
  if (!m) return undefined;
  const before = p.list.length;
  knownKeys(p, path, m, HOOK_KEYS);
  const out: HooksSpec = {};
  if (has(m, 'before-stop')) out.beforeStop = readHook(p, at(path, 'before-stop'), 'before-stop', m['before-stop']);
  if (has(m, 'after-healthy'))
    out.afterHealthy = readHook(p, at(path, 'after-healthy'), 'after-healthy', m['after-healthy']);
  if (p.list.length > before) return undefined;
  return dropUndefined(out);
}

/** A group's hooks over the top level's, hook by hook: a group may override just one of them. */
export function mergeHooks(top: HooksSpec | undefined, group: HooksSpec | undefined): HooksSpec {
  return dropUndefined({
    beforeStop: group?.beforeStop ?? top?.beforeStop,
    afterHealthy: group?.afterHealthy ?? top?.afterHealthy,
  });
}

function readHook(p: Problems, path: string, name: HookName, v: unknown): HookSpec | undefined {
  // Short form: a list is the command.
  if (Array.isArray(v) || typeof v === 'string') {
    const action = readCommand(p, path, v);
    return action && { name, field: path, action, timeoutMs: DEFAULT_HOOK_TIMEOUT_MS };
  }
  const m = mapping(p, path, v, `a command like ${COMMAND_EXAMPLE}, or a mapping with command: or http:, and timeout:`);
  if (!m) return undefined;
  knownKeys(p, path, m, ACTION_KEYS);
  let action: CommandAction | HttpAction | undefined;
  if (has(m, 'command') && has(m, 'http')) p.raw(`${path}: has both command and http (expected one of them)`);
  else if (has(m, 'command')) action = readCommand(p, at(path, 'command'), m.command);
  else if (has(m, 'http')) action = readHttpAction(p, at(path, 'http'), m.http);
  else p.raw(`${path}: has neither command nor http (expected command: ${COMMAND_EXAMPLE} or http: {url: …})`);
  let timeoutMs = DEFAULT_HOOK_TIMEOUT_MS;
  if (has(m, 'timeout')) {
    const t = duration(p, at(path, 'timeout'), m.timeout, true);
    if (t !== undefined && t > MAX_HOOK_TIMEOUT_MS) p.add(at(path, 'timeout'), m.timeout, 'a duration of at most 10m');
    else if (t !== undefined) timeoutMs = t;
  }
  if (has(m, 'env')) {
    const names =
      stringList(p, at(path, 'env'), m.env, {
        expected: 'an environment variable name like "LB_TOKEN"',
        maxItems: 64,
      }) ?? [];
    names.forEach((n, i) => {
      if (!ENV_NAME.test(n)) p.add(at(at(path, 'env'), i), n, 'an environment variable name like "LB_TOKEN"');
    });
    if (action?.kind === 'command') action.env = names.filter((n) => ENV_NAME.test(n));
    else if (names.length)
      p.raw(`${at(path, 'env')}: only a command hook runs with an environment (expected command: with env:)`);
  }
  return action && { name, field: path, action, timeoutMs };
}

function readCommand(p: Problems, path: string, v: unknown): CommandAction | undefined {
  if (typeof v === 'string') {
    p.add(path, v, `a list of strings like ${COMMAND_EXAMPLE} (no shell runs it: write each argument as its own item)`);
    return undefined;
  }
  const argv = stringList(p, path, v, { expected: 'a non-empty string', multiline: true, maxItems: 256 });
  if (!argv) return undefined;
  if (argv.length === 0) {
    p.add(path, v, `a list of strings like ${COMMAND_EXAMPLE}`);
    return undefined;
  }
  let ok = true;
  argv.forEach((arg, i) => {
    if (!checkPlaceholders(p, at(path, i), arg, HOOK_PLACEHOLDERS)) ok = false;
  });
  if (/\{\{/.test(argv[0])) {
    p.raw(
      `${at(path, 0)}: the program must not come from a placeholder (expected a fixed path like "/usr/local/bin/lb-drain")`,
    );
    ok = false;
  }
  return ok ? { kind: 'command', argv } : undefined;
}

function readHttpAction(p: Problems, path: string, v: unknown): HttpAction | undefined {
  const m = mapping(p, path, v, 'a mapping like {url: "http://lb:8080/servers/{{host}}/drain", method: POST}');
  if (!m) return undefined;
  knownKeys(p, path, m, HTTP_KEYS);
  let ok = true;
  const url = str(p, at(path, 'url'), m.url, { expected: 'an http:// or https:// URL', max: 2048 });
  if (url === undefined) ok = false;
  else if (!checkPlaceholders(p, at(path, 'url'), url, HOOK_PLACEHOLDERS)) ok = false;
  else {
    try {
      const u = new URL(url.replace(/\{\{\s*[A-Za-z0-9_-]*\s*\}\}/g, 'x'));
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
    } catch {
      p.add(at(path, 'url'), m.url, 'an http:// or https:// URL');
      ok = false;
    }
  }
  let method: HttpAction['method'] = 'POST';
  if (has(m, 'method')) {
    if ((METHODS as readonly unknown[]).includes(m.method)) method = m.method as HttpAction['method'];
    else {
      p.add(at(path, 'method'), m.method, METHODS.join(', '));
      ok = false;
    }
  }
  const headers: Record<string, string> = {};
  if (has(m, 'headers')) {
    const hm = mapping(p, at(path, 'headers'), m.headers, 'a mapping of header names to values');
    if (!hm) ok = false;
    else
      for (const [k, value] of Object.entries(hm)) {
        if (!HEADER_NAME.test(k)) {
          p.raw(`${at(at(path, 'headers'), k)}: is not a valid header name`);
          ok = false;
          continue;
        }
        const s = str(p, at(at(path, 'headers'), k), value, {
          expected: 'a header value (text on one line)',
          allowEmpty: true,
          max: 8192,
        });
        if (s === undefined || !checkPlaceholders(p, at(at(path, 'headers'), k), s, HOOK_PLACEHOLDERS)) ok = false;
        else headers[k] = s;
      }
  }
  let body: string | undefined;
  if (has(m, 'body')) {
    body = str(p, at(path, 'body'), m.body, {
      expected: 'the request body as text',
      multiline: true,
      allowEmpty: true,
      max: 65536,
    });
    if (body === undefined || !checkPlaceholders(p, at(path, 'body'), body, HOOK_PLACEHOLDERS)) ok = false;
  }
  let expectStatus: [number, number] = [200, 299];
  if (has(m, 'expect-status')) {
    const s = parseStatus(m['expect-status']);
    if (s) expectStatus = s;
    else {
      p.add(at(path, 'expect-status'), m['expect-status'], 'a status like 200, "200-299" or "2xx"');
      ok = false;
    }
  }
  return ok ? { kind: 'http', url: url!, method, headers, body, expectStatus } : undefined;
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}
