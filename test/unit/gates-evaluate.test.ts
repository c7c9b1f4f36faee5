// Gate evaluation: rounds over the for window, failure-limit, the no-data rules, messages that show
// the query, the values seen and the condition. Sources are fakes here (see test/e2e/gates.test.ts
// for the real Prometheus) and so is the clock.
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Problems } from '../../src/errors';
import { readGates } from '../../src/gates/config';
import { evaluateGates, GateDeps } from '../../src/gates/evaluate';
import { httpRequest, HttpAnswer, HttpRequest } from '../../src/net/http';
import { GateContext, GateSpec } from '../../src/gates/types';
import { MemoryLogger } from '../support/memory-logger';

const CONTEXT: GateContext = {
  group: 'web',
  hosts: ['h4', 'h5'],
  addresses: ['10.0.0.4', '10.0.0.5'],
  version: 'v2',
  service: 'shop',
};

/** The gates, with `fresh: off` unless given: these tests are about rounds (freshness: gates-fresh.test.ts). */
function gates(raw: unknown[]): GateSpec[] {
  const p = new Problems();
  const g = readGates(
    p,
    'gates',
    raw.map((r) => (r && typeof r === 'object' && !('fresh' in r) ? { fresh: 'off', ...r } : r)),
  );
  expect(p.list).toEqual([]);
  return g!;
}

/** A Prometheus answer with one sample per value; null gives an empty vector. */
function vector(...values: Array<number | string>): string {
  return JSON.stringify({
    status: 'success',
    data: {
      resultType: 'vector',
      result: values.map((v, i) => ({
        metric: { __name__: 'app_errors_total', host: `h${i + 4}` },
        value: [1, String(v)],
      })),
    },
  });
}

/** A fake clock, and a source that answers `bodies` in turn (the last one repeats). */
function fake(
  bodies: Array<string | Error>,
  status = 200,
): GateDeps & { requests: HttpRequest[]; clock: { t: number } } {
  const clock = { t: 1_000_000 };
  const requests: HttpRequest[] = [];
  return {
    clock,
    requests,
    now: () => clock.t,
    sleep: async (ms) => {
      clock.t += ms;
    },
    request: async (req) => {
      requests.push(req);
      const b = bodies[Math.min(requests.length - 1, bodies.length - 1)];
      clock.t += 10;
      if (b instanceof Error) throw b;
      return { status, headers: {}, body: b, latencyMs: 10, truncated: false } as HttpAnswer;
    },
  };
}

const PROM = {
  url: 'http://prom:9090',
  query: 'max(app_errors_total{host=~"{{hosts}}",group="{{group}}",version="{{version}}"})',
};

describe('evaluateGates with Prometheus', () => {
  test('a value over max fails the gate at once, and the message shows the query, the values seen and the condition', async () => {
    const deps = fake([vector(0), vector(50)]);
    const log = new MemoryLogger();
    const out = await evaluateGates(
      gates([{ name: 'errors', prometheus: { ...PROM, max: 10 }, for: '10s', interval: '1s' }]),
      CONTEXT,
      log,
      undefined,
      deps,
    );
    expect(out.ok).toBe(false);
    expect(deps.requests).toHaveLength(2);
    expect(out.message).toContain('gate "errors" failed after 1.01s: 50 app_errors_total{host="h4"} is above max 10');
    expect(out.message).toContain(
      'asked: prometheus http://prom:9090 query max(app_errors_total{host=~"h4|h5",group="web",version="v2"})',
    );
    expect(out.message).toContain('expected: every value ≤ 10 for 10s');
    expect(out.message).toContain('values seen: +0ms 0 · +1s 50');
    expect(out.samples.map((s) => s.verdict)).toEqual(['pass', 'fail']);
    expect(deps.requests[0]).toMatchObject({ url: 'http://prom:9090/api/v1/query', method: 'POST' });
    expect(decodeURIComponent(deps.requests[0].body!.replace(/^query=/, ''))).toBe(
      'max(app_errors_total{host=~"h4|h5",group="web",version="v2"})',
    );
    expect(log.text).toContain('warning: gate "errors" failed');
  });

  test('a good value holds through the whole for window: one query at 0 and one per interval', async () => {
    const deps = fake([vector(0, 1)]);
    const out = await evaluateGates(
      gates([{ prometheus: { ...PROM, max: 10 }, for: '3s', interval: '1s' }]),
      CONTEXT,
      new MemoryLogger(),
      undefined,
      deps,
    );
    expect(out.ok).toBe(true);
    expect(deps.requests).toHaveLength(4);
    expect(out.gates[0]).toMatchObject({ ok: true, rounds: 4, failures: 0 });
    expect(out.message).toContain('held: 4 queries');
  });

  test('for: 0 is one query', async () => {
    const deps = fake([vector(3)]);
    const out = await evaluateGates(
      gates([{ prometheus: { ...PROM, min: 1, max: 5 } }]),
      CONTEXT,
      new MemoryLogger(),
      undefined,
      deps,
    );
    expect(out.ok).toBe(true);
    expect(deps.requests).toHaveLength(1);
  });

  test('failure-limit tolerates that many failed rounds', async () => {
    const bad = fake([vector(50), vector(0), vector(50), vector(0)]);
    const ok = await evaluateGates(
      gates([{ prometheus: { ...PROM, max: 10 }, for: '3s', interval: '1s', 'failure-limit': 2 }]),
      CONTEXT,
      new MemoryLogger(),
      undefined,
      bad,
    );
    expect(ok.ok).toBe(true);
    expect(ok.gates[0]).toMatchObject({ failures: 2, rounds: 4 });
    const worse = fake([vector(50), vector(0), vector(50), vector(50)]);
    const failed = await evaluateGates(
      gates([{ prometheus: { ...PROM, max: 10 }, for: '3s', interval: '1s', 'failure-limit': 2 }]),
      CONTEXT,
      new MemoryLogger(),
      undefined,
      worse,
    );
    expect(failed.ok).toBe(false);
    expect(failed.message).toContain('(3 failed rounds, failure-limit 2)');
  });

  test('every series must hold', async () => {
    const out = await evaluateGates(
      gates([{ prometheus: { ...PROM, max: 10 } }]),
      CONTEXT,
      new MemoryLogger(),
      undefined,
      fake([vector(1, 2, 30)]),
    );
    expect(out.ok).toBe(false);
    expect(out.message).toContain('30 app_errors_total{host="h6"} is above max 10');
  });

  test('a condition expression', async () => {
    const gate = gates([{ prometheus: { ...PROM, condition: 'result < 1 || result > 100' } }]);
    expect((await evaluateGates(gate, CONTEXT, new MemoryLogger(), undefined, fake([vector(0.5)]))).ok).toBe(true);
    const out = await evaluateGates(gate, CONTEXT, new MemoryLogger(), undefined, fake([vector(50)]));
    expect(out.ok).toBe(false);
    expect(out.message).toContain('does not satisfy result < 1 || result > 100');
  });

  describe('no data', () => {
    const noData = (rule?: string) =>
      gates([{ prometheus: { ...PROM, max: 10 }, for: '2s', interval: '1s', ...(rule ? { 'no-data': rule } : {}) }]);

    test('wait (the default): waits for data until for ends, then fails', async () => {
      const deps = fake([vector()]);
      const out = await evaluateGates(noData(), CONTEXT, new MemoryLogger(), undefined, deps);
      expect(out.ok).toBe(false);
      expect(deps.requests).toHaveLength(3);
      expect(out.message).toContain('no data in 3 queries over 2s (no-data: wait, then fail)');
      expect(out.message).toContain('values seen: +0ms no data');
    });

    test('wait: data that arrives within the window is judged', async () => {
      expect(
        (await evaluateGates(noData(), CONTEXT, new MemoryLogger(), undefined, fake([vector(), vector(), vector(1)])))
          .ok,
      ).toBe(true);
      expect(
        (await evaluateGates(noData(), CONTEXT, new MemoryLogger(), undefined, fake([vector(), vector(50)]))).ok,
      ).toBe(false);
    });

    test('fail: the first round without data fails', async () => {
      const deps = fake([vector()]);
      const out = await evaluateGates(noData('fail'), CONTEXT, new MemoryLogger(), undefined, deps);
      expect(out.ok).toBe(false);
      expect(deps.requests).toHaveLength(1);
      expect(out.message).toContain('no data (no-data: fail)');
    });

    test('pass: rounds without data pass', async () => {
      const out = await evaluateGates(noData('pass'), CONTEXT, new MemoryLogger(), undefined, fake([vector()]));
      expect(out.ok).toBe(true);
      expect(out.gates[0]).toMatchObject({ noData: 3, failures: 0 });
    });

    test('NaN (0/0 without traffic) is no data', async () => {
      const out = await evaluateGates(noData('fail'), CONTEXT, new MemoryLogger(), undefined, fake([vector('NaN')]));
      expect(out.ok).toBe(false);
      expect(out.samples[0]).toMatchObject({ verdict: 'no-data', reason: 'only NaN' });
    });
  });

  test('errors count as failures and say what Prometheus answered', async () => {
    const bad = fake([JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 5' })], 400);
    const out = await evaluateGates(
      gates([{ prometheus: { ...PROM, max: 1 } }]),
      CONTEXT,
      new MemoryLogger(),
      undefined,
      bad,
    );
    expect(out.message).toContain('Prometheus answered status 400: bad_data: parse error at char 5');
    const down = fake([new Error('POST http://prom:9090/api/v1/query: connection refused'), vector(0)]);
    const tolerated = await evaluateGates(
      gates([{ prometheus: { ...PROM, max: 1 }, for: '1s', interval: '1s', 'failure-limit': 1 }]),
      CONTEXT,
      new MemoryLogger(),
      undefined,
      down,
    );
    expect(tolerated.ok).toBe(true);
    const matrix = fake([JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } })]);
    expect(
      (
        await evaluateGates(
          gates([{ prometheus: { ...PROM, max: 1 } }]),
          CONTEXT,
          new MemoryLogger(),
          undefined,
          matrix,
        )
      ).message,
    ).toContain('use an instant vector');
  });

  test('scalar and string results', async () => {
    const scalar = fake([JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1, '0.5'] } })]);
    expect(
      (
        await evaluateGates(
          gates([{ prometheus: { ...PROM, max: 1 } }]),
          CONTEXT,
          new MemoryLogger(),
          undefined,
          scalar,
        )
      ).ok,
    ).toBe(true);
  });

  test('the first failed gate stops the others', async () => {
    const deps = fake([vector(50)]);
    const out = await evaluateGates(
      gates([
        { name: 'slow', prometheus: { ...PROM, min: 0 }, for: '1m', interval: '1s' },
        { name: 'fast', prometheus: { ...PROM, max: 10 } },
      ]),
      CONTEXT,
      new MemoryLogger(),
      undefined,
      deps,
    );
    expect(out.ok).toBe(false);
    expect(out.gates.map((g) => [g.name, g.ok])).toEqual([
      ['slow', false],
      ['fast', false],
    ]);
    expect(out.gates[0].message).toMatch(/^stopped before a verdict: gate "fast" failed/);
    expect(out.message).not.toContain('slow');
    expect(deps.requests.length).toBeLessThan(5);
  });

  test('a cancelled rollout stops the gates at once', async () => {
    const ac = new AbortController();
    ac.abort();
    const out = await evaluateGates(
      gates([{ prometheus: { ...PROM, max: 1 }, for: '1m', interval: '1s' }]),
      CONTEXT,
      new MemoryLogger(),
      ac.signal,
      fake([vector(0)]),
    );
    expect(out).toMatchObject({ ok: false, cancelled: true, message: 'gates not finished: the rollout was cancelled' });
  });

  test('no gates is ok', async () => {
    expect(await evaluateGates([], CONTEXT, new MemoryLogger())).toMatchObject({ ok: true, gates: [] });
  });
});

describe('evaluateGates with an HTTP JSON source', () => {
  test('picks the value by path, fills placeholders percent-encoded, tests lists item by item', async () => {
    const deps = fake([JSON.stringify({ data: { rates: [0.001, 0.002] } })]);
    const out = await evaluateGates(
      gates([{ http: { url: 'http://mon/api?hosts={{hosts}}&v={{version}}', path: 'data.rates', max: 0.01 } }]),
      { ...CONTEXT, version: 'v2&x=1' },
      new MemoryLogger(),
      undefined,
      deps,
    );
    expect(out.ok).toBe(true);
    expect(deps.requests[0].url).toBe('http://mon/api?hosts=h4%2Ch5&v=v2%26x%3D1');
  });

  test('strings and booleans with a condition', async () => {
    const ok = await evaluateGates(
      gates([{ http: { url: 'http://mon/status', path: 'state', condition: 'result == "ok"' } }]),
      CONTEXT,
      new MemoryLogger(),
      undefined,
      fake(['{"state": "ok"}']),
    );
    expect(ok.ok).toBe(true);
    const bad = await evaluateGates(
      gates([{ http: { url: 'http://mon/status', path: 'healthy', condition: 'result == true' } }]),
      CONTEXT,
      new MemoryLogger(),
      undefined,
      fake(['{"healthy": false}']),
    );
    expect(bad.message).toContain('false does not satisfy result == true');
  });

  test('a missing path is no data; an object, a non-JSON answer or a bad status are errors', async () => {
    const run = (body: string, status = 200) =>
      evaluateGates(
        gates([{ http: { url: 'http://mon/x', path: 'a.b', max: 1 }, 'no-data': 'fail' }]),
        CONTEXT,
        new MemoryLogger(),
        undefined,
        fake([body], status),
      );
    expect((await run('{"a": {}}')).samples[0].verdict).toBe('no-data');
    expect((await run('{"a": {"b": {"c": 1}}}')).message).toContain('a.b is an object, not a value');
    expect((await run('<html>')).message).toContain('the answer is not JSON: <html>');
    expect((await run('{"error": "down"}', 503)).message).toContain('status 503: {"error": "down"}');
  });
});

describe('httpRequest', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/hang') return; // never answers
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () =>
        res.end(JSON.stringify({ method: req.method, auth: req.headers.authorization ?? null, body })),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('sends the method, body and Basic credentials from the URL', async () => {
    const u = new URL(base);
    const answer = await httpRequest({
      url: `http://user:p%40ss@${u.host}/x`,
      method: 'POST',
      body: 'hello',
      timeoutMs: 2000,
    });
    expect(JSON.parse(answer.body)).toEqual({
      method: 'POST',
      auth: 'Basic ' + Buffer.from('user:p@ss').toString('base64'),
      body: 'hello',
    });
  });

  test('a hanging server is a timeout, a closed port is refused, an abort is a cancel', async () => {
    await expect(httpRequest({ url: `${base}/hang`, timeoutMs: 200 })).rejects.toThrow(/no answer within 200ms/);
    await expect(httpRequest({ url: 'http://127.0.0.1:1/', timeoutMs: 1000 })).rejects.toThrow(/connection refused/);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await expect(httpRequest({ url: `${base}/hang`, timeoutMs: 5000, signal: ac.signal })).rejects.toThrow(/cancelled/);
    await expect(httpRequest({ url: 'ftp://x/', timeoutMs: 1000 })).rejects.toThrow(/is not an http/);
  });
});
