// Validation of gates: valid lists read into GateSpecs with their defaults; every problem names its field.
import { Problems } from '../../src/errors';
import { gatesFor, parseJsonPath, readGates, readGatesInput } from '../../src/gates/config';
import { GateSpec } from '../../src/gates/types';

function read(raw: unknown): { gates?: GateSpec[]; problems: string[] } {
  const p = new Problems();
  const gates = readGates(p, 'gates', raw);
  return { gates, problems: p.list };
}

describe('readGates', () => {
  test('the form of DESIGN.md: the condition inside the prometheus mapping', () => {
    const { gates, problems } = read([
      { prometheus: { url: 'http://prometheus:9090/', query: 'sum(rate(errors[1m]))', max: 0.01 } },
    ]);
    expect(problems).toEqual([]);
    expect(gates).toEqual([
      {
        name: 'sum(rate(errors[1m]))',
        field: 'gates[0]',
        source: { kind: 'prometheus', url: 'http://prometheus:9090', query: 'sum(rate(errors[1m]))', headers: {} },
        check: { max: 0.01 },
        forMs: 0,
        intervalMs: 5000,
        failureLimit: 0,
        noData: 'wait',
        timeoutMs: 5000,
        fresh: { kind: 'scrape' },
      },
    ]);
  });

  test('every field, with the condition beside the source', () => {
    const { gates, problems } = read([
      {
        name: 'errors',
        prometheus: {
          url: 'https://user:pw@prom.example.com',
          query: 'max(app_errors_total{host=~"{{hosts}}", group="{{group}}", version="{{version}}"})',
          headers: { 'X-Scope-OrgID': 'acme' },
        },
        min: 0,
        max: 10,
        condition: 'result != 5',
        for: '30s',
        interval: '5s',
        'failure-limit': 1,
        'no-data': 'fail',
        timeout: '2s',
      },
    ]);
    expect(problems).toEqual([]);
    expect(gates![0]).toMatchObject({
      name: 'errors',
      check: { min: 0, max: 10, condition: 'result != 5' },
      forMs: 30_000,
      intervalMs: 5000,
      failureLimit: 1,
      noData: 'fail',
      timeoutMs: 2000,
    });
    expect(gates![0].source).toMatchObject({ headers: { 'X-Scope-OrgID': 'acme' } });
  });

  test('an HTTP gate', () => {
    const { gates, problems } = read([
      {
        http: {
          url: 'http://monitor/api?hosts={{hosts}}',
          path: 'data.items[0].rate',
          method: 'POST',
          body: '{"v": "{{version}}"}',
          condition: 'result < 0.1',
        },
        for: '10s',
      },
    ]);
    expect(problems).toEqual([]);
    expect(gates![0]).toMatchObject({
      source: { kind: 'http', method: 'POST', path: 'data.items[0].rate', body: '{"v": "{{version}}"}' },
      forMs: 10_000,
      intervalMs: 5000,
    });
  });

  test('fresh: a Prometheus gate waits for a scrape by default; an HTTP gate does not, but may wait a set time', () => {
    const prom = { prometheus: { url: 'http://p:9090', query: 'x', max: 1 } };
    const web = { http: { url: 'http://h', max: 1 } };
    expect(read([prom]).gates![0].fresh).toEqual({ kind: 'scrape' });
    expect(read([{ ...prom, fresh: 'scrape' }]).gates![0].fresh).toEqual({ kind: 'scrape' });
    expect(read([{ ...prom, fresh: true }]).gates![0].fresh).toEqual({ kind: 'scrape' });
    expect(read([{ ...prom, fresh: 'off' }]).gates![0].fresh).toEqual({ kind: 'off' });
    expect(read([{ ...prom, fresh: false }]).gates![0].fresh).toEqual({ kind: 'off' });
    expect(read([{ ...prom, fresh: '15s' }]).gates![0].fresh).toEqual({ kind: 'wait', ms: 15_000 });
    expect(read([web]).gates![0].fresh).toEqual({ kind: 'off' });
    expect(read([{ ...web, fresh: '30s' }]).gates![0].fresh).toEqual({ kind: 'wait', ms: 30_000 });
  });

  test('the interval defaults to the for window when that is shorter than 5s', () => {
    expect(read([{ prometheus: { url: 'http://p:9090', query: 'x', max: 1 }, for: '2s' }]).gates![0].intervalMs).toBe(
      2000,
    );
  });

  test('absent is undefined, an empty list is no gates', () => {
    expect(read(undefined)).toEqual({ gates: undefined, problems: [] });
    expect(read(null)).toEqual({ gates: undefined, problems: [] });
    expect(read([])).toEqual({ gates: [], problems: [] });
  });

  test.each<[string, unknown, string]>([
    ['not a list', { prometheus: {} }, 'gates: {"prometheus":{}} is not a list of gates'],
    ['not a mapping', ['max < 1'], 'gates[0]: "max < 1" is not a gate'],
    ['no source', [{ max: 1 }], 'gates[0]: has no source (expected prometheus: {url, query} or http: {url, path})'],
    [
      'two sources',
      [{ prometheus: { url: 'http://p', query: 'x' }, http: { url: 'http://h' }, max: 1 }],
      'gates[0]: has both prometheus and http',
    ],
    [
      'no condition',
      [{ prometheus: { url: 'http://p', query: 'x' } }],
      'gates[0].prometheus: has no condition (expected max, min or condition, like max: 0.01)',
    ],
    [
      'condition in two places',
      [{ prometheus: { url: 'http://p', query: 'x', max: 1 }, min: 0 }],
      'gates[0]: min beside the source and max inside gates[0].prometheus',
    ],
    [
      'a bad URL',
      [{ prometheus: { url: 'prometheus:9090', query: 'x', max: 1 } }],
      'gates[0].prometheus.url: "prometheus:9090" is not an http:// or https:// URL',
    ],
    [
      'a missing query',
      [{ prometheus: { url: 'http://p', max: 1 } }],
      'gates[0].prometheus.query: is missing (expected a PromQL query',
    ],
    [
      'an unknown placeholder',
      [{ prometheus: { url: 'http://p', query: 'x{host="{{host}}"}', max: 1 } }],
      'gates[0].prometheus.query: {{host}} is not a known placeholder (expected {{group}}, {{hosts}}, {{addresses}}, {{version}}, {{service}})',
    ],
    [
      'a bad condition',
      [{ prometheus: { url: 'http://p', query: 'x', condition: 'result = 1' } }],
      'gates[0].prometheus.condition: "result = 1" "=" at "=" (column 8): write "==" to compare',
    ],
    [
      'max as text',
      [{ prometheus: { url: 'http://p', query: 'x', max: '0.1' } }],
      'gates[0].prometheus.max: "0.1" is not a number (the largest value allowed)',
    ],
    [
      'min above max',
      [{ prometheus: { url: 'http://p', query: 'x', max: 1, min: 2 } }],
      'gates[0].prometheus.min: 2 is above max 1 (no value could pass)',
    ],
    [
      'interval over for',
      [{ prometheus: { url: 'http://p', query: 'x', max: 1 }, for: '10s', interval: '30s' }],
      'gates[0].interval: "30s" is longer than for: "10s"',
    ],
    [
      'bad no-data',
      [{ prometheus: { url: 'http://p', query: 'x', max: 1 }, 'no-data': 'skip' }],
      'gates[0].no-data: "skip" is not wait (for data until `for` ends, then fail), fail or pass',
    ],
    [
      'bad failure-limit',
      [{ prometheus: { url: 'http://p', query: 'x', max: 1 }, 'failure-limit': -1 }],
      'gates[0].failure-limit: -1 is not a count of failed queries tolerated, from 0 to 1000',
    ],
    [
      'bad for',
      [{ prometheus: { url: 'http://p', query: 'x', max: 1 }, for: 30 }],
      'gates[0].for: 30 is not a duration like "500ms", "2s" or "5m"',
    ],
    [
      'timing inside the source',
      [{ prometheus: { url: 'http://p', query: 'x', max: 1, for: '1m' } }],
      'gates[0].prometheus.for: is not a known field (for belongs in the gate, beside prometheus:)',
    ],
    [
      'a typo',
      [{ prometheus: { url: 'http://p', query: 'x', max: 1 }, failure_limit: 1 }],
      'gates[0].failure_limit: is not a known field (did you mean "failure-limit"?)',
    ],
    [
      'a bad JSON path',
      [{ http: { url: 'http://h', path: 'a..b', max: 1 } }],
      'gates[0].http.path: "a..b" is not a path into the JSON answer',
    ],
    [
      'a body with GET',
      [{ http: { url: 'http://h', body: 'x', max: 1 } }],
      'gates[0].http.body: is only sent with method: POST',
    ],
    [
      'a bad method',
      [{ http: { url: 'http://h', method: 'DELETE', max: 1 } }],
      'gates[0].http.method: "DELETE" is not GET or POST',
    ],
    [
      'a bad header',
      [{ http: { url: 'http://h', headers: { 'a b': 'x' }, max: 1 } }],
      'gates[0].http.headers["a b"]: is not a valid header name',
    ],
    [
      'fresh: scrape on an HTTP gate',
      [{ http: { url: 'http://h', max: 1 }, fresh: 'scrape' }],
      'gates[0].fresh: "scrape" is for Prometheus gates, which can tell when a host was scraped (expected a duration to wait like "15s", or off)',
    ],
    [
      'fresh: a word',
      [{ prometheus: { url: 'http://p', query: 'x', max: 1 }, fresh: 'always' }],
      'gates[0].fresh: "always" is not scrape (wait for a scrape of the hosts after the batch), a duration to wait like "15s", or off',
    ],
    [
      'fresh: a bad duration',
      [{ prometheus: { url: 'http://p', query: 'x', max: 1 }, fresh: '15 seconds' }],
      'gates[0].fresh: "15 seconds" is not a duration like "500ms", "2s" or "5m"',
    ],
    [
      'fresh: too long',
      [{ prometheus: { url: 'http://p', query: 'x', max: 1 }, fresh: '1h' }],
      'gates[0].fresh: "1h" is not a duration of at most 10m (a longer bake time is strategy.pause)',
    ],
    [
      'fresh inside the source',
      [{ prometheus: { url: 'http://p', query: 'x', max: 1, fresh: 'off' } }],
      'gates[0].prometheus.fresh: is not a known field (fresh belongs in the gate, beside prometheus:)',
    ],
    [
      'a control character',
      [{ prometheus: { url: 'http://p', query: 'x', max: 1 }, name: 'a\u0007' }],
      'gates[0].name: "a\\u0007" contains control characters',
    ],
  ])('%s', (_title, raw, message) => {
    const { gates, problems } = read(raw);
    expect(gates).toBeUndefined();
    expect(problems.join('\n')).toContain(message);
  });

  test('reports the problems of every gate at once', () => {
    const { problems } = read([{ prometheus: { url: 'x', query: 'q', max: 1 } }, { http: { url: 'http://h' } }, 7]);
    expect(problems.map((p) => p.split(':')[0])).toEqual(['gates[0].prometheus.url', 'gates[1].http', 'gates[2]']);
  });

  test('at most 50 gates', () => {
    expect(read(Array(51).fill({ prometheus: { url: 'http://p', query: 'x', max: 1 } })).problems).toEqual([
      'gates: a list of 51 gates is too long (at most 50)',
    ]);
  });
});

describe('readGatesInput', () => {
  test('YAML or JSON text, named as the input', () => {
    const p = new Problems();
    expect(
      readGatesInput(p, 'input gates', '- prometheus: {url: "http://p:9090", query: up, min: 1}')![0].check,
    ).toEqual({ min: 1 });
    expect(
      readGatesInput(
        p,
        'input gates',
        '[{"http": {"url": "http://h", "path": "ok", "condition": "result == true"}}]',
      )![0].source.kind,
    ).toBe('http');
    expect(readGatesInput(p, 'input gates', '  ')).toBeUndefined();
    expect(p.list).toEqual([]);
    readGatesInput(p, 'input gates', '[{"http": ');
    readGatesInput(p, 'input gates', '- prometheus: {url: "http://p", query: up}');
    expect(p.list[0]).toMatch(/^input gates: is not valid YAML or JSON/);
    expect(p.list[1]).toBe(
      'input gates[0].prometheus: has no condition (expected max, min or condition, like max: 0.01)',
    );
  });

  test('gatesFor: the input wins, then the group, then the top level', () => {
    const g = (name: string) => [{ name } as GateSpec];
    expect(gatesFor(g('top'), undefined)).toEqual(g('top'));
    expect(gatesFor(g('top'), [])).toEqual([]);
    expect(gatesFor(g('top'), g('group'))).toEqual(g('group'));
    expect(gatesFor(g('top'), g('group'), g('input'))).toEqual(g('input'));
    expect(gatesFor(undefined, undefined)).toEqual([]);
  });
});

test.each<[string, Array<string | number> | undefined]>([
  ['', []],
  ['$', []],
  ['data', ['data']],
  ['$.data.rate', ['data', 'rate']],
  ['items[0].value', ['items', 0, 'value']],
  ['[2]', [2]],
  ['a["b.c"]', ['a', 'b.c']],
  ['a-b.c_d', ['a-b', 'c_d']],
  ['a..b', undefined],
  ['a[x]', undefined],
  ['.a', ['a']], // as jq writes it
])('parseJsonPath(%j)', (text, expected) => {
  expect(parseJsonPath(text)).toEqual(expected);
});
