// Validation of `gates:` (top level, per group, or the deploy's `gates` input) into GateSpecs, in
// the style of src/config: every problem names its field, the value and what was expected.
import { parseDocument } from 'yaml';
import { Problems } from '../errors';
import { at, duration, int, knownKeys, Mapping, mapping, str } from '../util/fields';
import { ConditionError, parseCondition } from './condition';
import { checkPlaceholders } from '../net/template';
import { Freshness, GateCheck, GateSpec, HttpSource, NoDataRule, PrometheusSource } from './types';

export const GATE_KEYS = [
  'name',
  'prometheus',
  'http',
  'max',
  'min',
  'condition',
  'for',
  'interval',
  'failure-limit',
  'no-data',
  'timeout',
  'fresh',
] as const;
const CHECK_KEYS = ['max', 'min', 'condition'] as const;
const PROMETHEUS_KEYS = ['url', 'query', 'headers', ...CHECK_KEYS] as const;
const HTTP_KEYS = ['url', 'method', 'headers', 'body', 'path', ...CHECK_KEYS] as const;
/** The placeholders a gate's query, URL or body may use. */
export const GATE_PLACEHOLDERS = ['group', 'hosts', 'addresses', 'version', 'service'] as const;

export const GATES_MAX = 50;
export const DEFAULT_GATE_INTERVAL_MS = 5000;
export const DEFAULT_GATE_TIMEOUT_MS = 5000;
/** The longest `fresh: <duration>`: a wait longer than this is a bake time (strategy.pause). */
const FRESH_WAIT_MAX_MS = 10 * 60_000;
const FRESH_EXPECTED = 'scrape (wait for a scrape of the hosts after the batch), a duration to wait like "15s", or off';
const NO_DATA: readonly NoDataRule[] = ['wait', 'fail', 'pass'];
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;
const HTTP_URL_EXPECTED = 'an http:// or https:// URL like "http://prometheus:9090"';

function has(m: Mapping, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/**
 * Reads a `gates:` list. Returns undefined when the field is absent (null or undefined) or
 * invalid (problems recorded), and [] for an explicit empty list: no gates for this scope.
 */
export function readGates(p: Problems, path: string, raw: unknown): GateSpec[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) {
    p.add(path, raw, 'a list of gates like [{prometheus: {url: "http://prometheus:9090", query: "…", max: 0.01}}]');
    return undefined;
  }
  if (raw.length > GATES_MAX) {
    p.raw(`${path}: a list of ${raw.length} gates is too long (at most ${GATES_MAX})`);
    return undefined;
  }
  const before = p.list.length;
  const gates = raw.map((item, i) => readGate(p, at(path, i), item));
  if (p.list.length > before || gates.some((g) => g === undefined)) return undefined;
  return gates as GateSpec[];
}

/**
 * The deploy's `gates` input: YAML or JSON text holding the same list as the file's `gates:`
 * (it replaces them). Empty text gives undefined: the file's gates apply.
 */
export function readGatesInput(p: Problems, inputName: string, text: string | undefined): GateSpec[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  if (text.length > 256 * 1024) {
    p.raw(`${inputName}: is ${text.length} characters long (at most ${256 * 1024})`);
    return undefined;
  }
  const doc = parseDocument(text, { uniqueKeys: true, strict: true });
  if (doc.errors.length) {
    p.raw(`${inputName}: is not valid YAML or JSON (${doc.errors[0].message.split('\n')[0]})`);
    return undefined;
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    p.raw(`${inputName}: could not be read (${(err as Error).message.split('\n')[0]})`);
    return undefined;
  }
  return readGates(p, inputName, value);
}

/**
 * The gates that apply to a group: the `gates` input wins over everything, then the group's own
 * list (an empty list turns the top-level gates off for that group), then the top level's.
 */
export function gatesFor(top: GateSpec[] | undefined, group: GateSpec[] | undefined, input?: GateSpec[]): GateSpec[] {
  return input ?? group ?? top ?? [];
}

function readGate(p: Problems, path: string, v: unknown): GateSpec | undefined {
  const m = mapping(p, path, v, 'a gate: a mapping with prometheus: {url, query, max} or http: {url, path, max}');
  if (!m) return undefined;
  const before = p.list.length;
  knownKeys(p, path, m, GATE_KEYS);

  let source: PrometheusSource | HttpSource | undefined;
  let sourceMap: Mapping | undefined;
  let sourceField = path;
  if (has(m, 'prometheus') && has(m, 'http')) {
    p.raw(`${path}: has both prometheus and http (expected one source per gate)`);
  } else if (has(m, 'prometheus')) {
    sourceField = at(path, 'prometheus');
    sourceMap = mapping(
      p,
      sourceField,
      m.prometheus,
      'a mapping like {url: "http://prometheus:9090", query: "sum(rate(errors[1m]))"}',
    );
    if (sourceMap) source = readPrometheus(p, sourceField, sourceMap);
  } else if (has(m, 'http')) {
    sourceField = at(path, 'http');
    sourceMap = mapping(
      p,
      sourceField,
      m.http,
      'a mapping like {url: "http://monitor/api/errors?hosts={{hosts}}", path: "data.rate"}',
    );
    if (sourceMap) source = readHttpSource(p, sourceField, sourceMap);
  } else {
    p.raw(`${path}: has no source (expected prometheus: {url, query} or http: {url, path})`);
  }

  // The condition may sit in the source's mapping (as in DESIGN.md) or beside it, not in both.
  let check: GateCheck | undefined;
  const inSource = sourceMap ? CHECK_KEYS.filter((k) => has(sourceMap!, k)) : [];
  const beside = CHECK_KEYS.filter((k) => has(m, k));
  if (inSource.length && beside.length) {
    p.raw(
      `${path}: ${beside.join(', ')} beside the source and ${inSource.join(', ')} inside ${sourceField} (expected the condition in one place)`,
    );
  } else if (inSource.length || beside.length) {
    check = readCheck(p, inSource.length ? sourceField : path, inSource.length ? sourceMap! : m);
  } else if (source) {
    p.raw(`${sourceField}: has no condition (expected max, min or condition, like max: 0.01)`);
  }

  const forMs = has(m, 'for') ? duration(p, at(path, 'for'), m.for) : 0;
  let intervalMs = DEFAULT_GATE_INTERVAL_MS;
  if (has(m, 'interval')) intervalMs = duration(p, at(path, 'interval'), m.interval, true) ?? intervalMs;
  else if (forMs !== undefined && forMs > 0) intervalMs = Math.min(DEFAULT_GATE_INTERVAL_MS, forMs);
  if (has(m, 'interval') && forMs !== undefined && forMs > 0 && intervalMs > forMs) {
    p.raw(
      `${at(path, 'interval')}: ${JSON.stringify(m.interval)} is longer than for: ${JSON.stringify(m.for)} (expected at most the for window, so that it is queried more than once)`,
    );
  }
  const failureLimit = has(m, 'failure-limit')
    ? int(
        p,
        at(path, 'failure-limit'),
        m['failure-limit'],
        0,
        1000,
        'a count of failed queries tolerated, from 0 to 1000',
      )
    : 0;
  let noData: NoDataRule = 'wait';
  if (has(m, 'no-data')) {
    if (NO_DATA.includes(m['no-data'] as NoDataRule)) noData = m['no-data'] as NoDataRule;
    else p.add(at(path, 'no-data'), m['no-data'], 'wait (for data until `for` ends, then fail), fail or pass');
  }
  let timeoutMs = DEFAULT_GATE_TIMEOUT_MS;
  if (has(m, 'timeout')) {
    const t = duration(p, at(path, 'timeout'), m.timeout, true);
    if (t !== undefined && t > 300_000) p.add(at(path, 'timeout'), m.timeout, 'a duration of at most 5m');
    else if (t !== undefined) timeoutMs = t;
  }
  const fresh = readFresh(p, at(path, 'fresh'), m, source);
  const name = has(m, 'name')
    ? str(p, at(path, 'name'), m.name, { expected: 'a short name for messages, like "error-rate"', max: 100 })
    : source
      ? defaultName(source)
      : undefined;

  if (
    p.list.length > before ||
    !source ||
    !check ||
    !name ||
    !fresh ||
    forMs === undefined ||
    failureLimit === undefined
  )
    return undefined;
  return { name, field: path, source, check, forMs, intervalMs, failureLimit, noData, timeoutMs, fresh };
}

/**
 * `fresh:` — judge only samples taken after the batch's switch. A Prometheus gate waits for a
 * scrape by default: without it, the old version's last good sample could let a bad canary
 * through. An HTTP gate knows nothing of scrapes; it may wait a fixed time.
 */
function readFresh(
  p: Problems,
  path: string,
  m: Mapping,
  source: PrometheusSource | HttpSource | undefined,
): Freshness | undefined {
  const prometheus = has(m, 'prometheus');
  if (!has(m, 'fresh')) return prometheus ? { kind: 'scrape' } : { kind: 'off' };
  const v = m.fresh;
  if (v === false || v === 'off') return { kind: 'off' };
  if (v === true || v === 'scrape') {
    if (prometheus) return { kind: 'scrape' };
    if (source || has(m, 'http'))
      p.raw(
        `${path}: ${JSON.stringify(v)} is for Prometheus gates, which can tell when a host was scraped (expected a duration to wait like "15s", or off)`,
      );
    return undefined;
  }
  if (typeof v === 'string' && /^\s*\d/.test(v)) {
    const ms = duration(p, path, v, true);
    if (ms === undefined) return undefined;
    if (ms > FRESH_WAIT_MAX_MS) {
      p.add(path, v, 'a duration of at most 10m (a longer bake time is strategy.pause)');
      return undefined;
    }
    return { kind: 'wait', ms };
  }
  p.add(path, v, FRESH_EXPECTED);
  return undefined;
}

function defaultName(source: PrometheusSource | HttpSource): string {
  const text =
    source.kind === 'prometheus'
      ? source.query.replace(/\s+/g, ' ').trim()
      : `${source.url}${source.path ? ` ${source.path}` : ''}`;
  return text.length > 60 ? text.slice(0, 59) + '…' : text;
}

function readUrl(p: Problems, path: string, v: unknown, placeholders: boolean): string | undefined {
  const text = str(p, path, v, { expected: HTTP_URL_EXPECTED, max: 2048 });
  if (text === undefined) return undefined;
  if (placeholders && !checkPlaceholders(p, path, text, GATE_PLACEHOLDERS)) return undefined;
  try {
    const u = new URL(text.replace(/\{\{\s*[A-Za-z0-9_-]*\s*\}\}/g, 'x'));
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
  } catch {
    p.add(path, v, HTTP_URL_EXPECTED);
    return undefined;
  }
  return text;
}

function readHeaders(p: Problems, path: string, v: unknown): Record<string, string> | undefined {
  const m = mapping(p, path, v, 'a mapping of header names to values, like {Authorization: "Bearer …"}');
  if (!m) return undefined;
  const out: Record<string, string> = {};
  let ok = true;
  for (const [k, value] of Object.entries(m)) {
    if (!HEADER_NAME.test(k)) {
      p.raw(`${at(path, k)}: is not a valid header name`);
      ok = false;
      continue;
    }
    const s = str(p, at(path, k), value, {
      expected: 'a header value (text on one line)',
      allowEmpty: true,
      max: 8192,
    });
    if (s === undefined) ok = false;
    else out[k] = s;
  }
  return ok ? out : undefined;
}

function readPrometheus(p: Problems, path: string, m: Mapping): PrometheusSource | undefined {
  knownKeys(p, path, m, PROMETHEUS_KEYS, {
    for: 'the gate, beside prometheus:',
    interval: 'the gate, beside prometheus:',
    'no-data': 'the gate, beside prometheus:',
    'failure-limit': 'the gate, beside prometheus:',
    fresh: 'the gate, beside prometheus:',
  });
  const url = readUrl(p, at(path, 'url'), m.url, false);
  const query = str(p, at(path, 'query'), m.query, {
    expected: 'a PromQL query like "sum(rate(http_errors_total[1m]))"',
    multiline: true,
    max: 8192,
  });
  const queryOk = query !== undefined && checkPlaceholders(p, at(path, 'query'), query, GATE_PLACEHOLDERS);
  const headers = has(m, 'headers') ? readHeaders(p, at(path, 'headers'), m.headers) : {};
  if (!url || !queryOk || !headers) return undefined;
  return { kind: 'prometheus', url: url.replace(/\/+$/, ''), query: query!, headers };
}

function readHttpSource(p: Problems, path: string, m: Mapping): HttpSource | undefined {
  knownKeys(p, path, m, HTTP_KEYS, {
    for: 'the gate, beside http:',
    interval: 'the gate, beside http:',
    'no-data': 'the gate, beside http:',
    'failure-limit': 'the gate, beside http:',
    fresh: 'the gate, beside http:',
  });
  const url = readUrl(p, at(path, 'url'), m.url, true);
  let method: HttpSource['method'] = 'GET';
  if (has(m, 'method')) {
    if (m.method === 'GET' || m.method === 'POST') method = m.method;
    else p.add(at(path, 'method'), m.method, 'GET or POST');
  }
  const headers = has(m, 'headers') ? readHeaders(p, at(path, 'headers'), m.headers) : {};
  let body: string | undefined;
  if (has(m, 'body')) {
    body = str(p, at(path, 'body'), m.body, {
      expected: 'the request body as text',
      multiline: true,
      allowEmpty: true,
      max: 65536,
    });
    if (body !== undefined && !checkPlaceholders(p, at(path, 'body'), body, GATE_PLACEHOLDERS)) body = undefined;
    if (body !== undefined && method === 'GET') p.raw(`${at(path, 'body')}: is only sent with method: POST`);
  }
  let jsonPath = '';
  if (has(m, 'path')) {
    const text = str(p, at(path, 'path'), m.path, {
      expected: 'a path into the JSON answer like "data.errorRate" or "items[0].value"',
      allowEmpty: true,
      max: 512,
    });
    if (text !== undefined) {
      if (parseJsonPath(text)) jsonPath = text;
      else p.add(at(path, 'path'), m.path, 'a path into the JSON answer like "data.errorRate" or "items[0].value"');
    }
  }
  if (!url || !headers) return undefined;
  return { kind: 'http', url, method, headers, body, path: jsonPath };
}

function readCheck(p: Problems, path: string, m: Mapping): GateCheck | undefined {
  const out: GateCheck = {};
  let ok = true;
  for (const key of ['max', 'min'] as const) {
    if (!has(m, key)) continue;
    const v = m[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
    else {
      p.add(at(path, key), v, `a number (the ${key === 'max' ? 'largest' : 'smallest'} value allowed)`);
      ok = false;
    }
  }
  if (out.max !== undefined && out.min !== undefined && out.min > out.max) {
    p.raw(`${at(path, 'min')}: ${out.min} is above max ${out.max} (no value could pass)`);
    ok = false;
  }
  if (has(m, 'condition')) {
    const text = str(p, at(path, 'condition'), m.condition, {
      expected: 'an expression on result, like "result < 0.01"',
      max: 1000,
    });
    if (text === undefined) ok = false;
    else {
      try {
        parseCondition(text);
        out.condition = text;
      } catch (err) {
        if (!(err instanceof ConditionError)) throw err;
        p.raw(`${at(path, 'condition')}: ${JSON.stringify(text)} ${err.message}`);
        ok = false;
      }
    }
  }
  return ok ? out : undefined;
}

/** "data.items[0].value" → ["data", "items", 0, "value"]; "" → []; undefined when malformed. */
export function parseJsonPath(text: string): Array<string | number> | undefined {
  const s = text.trim().replace(/^\$\.?/, '');
  if (s === '') return [];
  const out: Array<string | number> = [];
  const re = /(?:^|\.)([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let i = 0;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m || m.index !== i) return undefined;
    if (m[1] !== undefined) {
      if (i > 0 && s[i] !== '.') return undefined;
      out.push(m[1]);
    } else if (m[2] !== undefined) out.push(Number(m[2]));
    else {
      try {
        out.push(JSON.parse(m[3]) as string);
      } catch {
        return undefined;
      }
    }
    i = re.lastIndex;
  }
  return out;
}
