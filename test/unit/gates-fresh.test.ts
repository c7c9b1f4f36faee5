// Fresh samples: a Prometheus gate judges a batch only on samples scraped after the batch ended.
// Prometheus and the clock are fakes here (test/e2e/gates.test.ts runs the real one): the fake
// answers `timestamp(up)` from the targets' scrape times and the gate's query from the value the
// latest scrape saw, so the old version's last sample is what an early query would read.
import { Problems } from '../../src/errors';
import { readGates } from '../../src/gates/config';
import { evaluateGates } from '../../src/gates/evaluate';
import { SCRAPE_WAIT_MAX_MS, scrapeStateOf, UP_QUERY } from '../../src/gates/fresh';
import { HttpAnswer, HttpRequest } from '../../src/net/http';
import { GateContext, GateSpec } from '../../src/gates/types';
import { MemoryLogger } from '../support/memory-logger';

const T0 = 1_700_000_000_000;
const CONTEXT: GateContext = {
  group: 'web',
  hosts: ['h4', 'h5'],
  addresses: ['10.0.0.4', '10.0.0.5'],
  version: 'v2',
  service: 'shop',
};

function gates(raw: unknown[]): GateSpec[] {
  const p = new Problems();
  const g = readGates(p, 'gates', raw);
  expect(p.list).toEqual([]);
  return g!;
}

interface Target {
  labels: Record<string, string>;
  scrapes: Array<{ at: number; errors: number }>;
}

/**
 * A Prometheus of targets scraped at given times (on its own clock: ours + skew). The gate's query
 * returns the max of the latest sample at or before "now" of every target, as an instant query does.
 */
function fakePrometheus(targets: Target[], skewMs = 0) {
  const clock = { t: T0 };
  const queries: string[] = [];
  const latest = (target: Target, now: number) => [...target.scrapes].reverse().find((s) => s.at <= now);
  const answer = (query: string): string => {
    const now = clock.t + skewMs;
    if (query === UP_QUERY) {
      const result = targets.flatMap((tg) => {
        const s = latest(tg, now);
        return s ? [{ metric: { job: 'app', ...tg.labels }, value: [now / 1000, String(s.at / 1000)] }] : [];
      });
      return JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });
    }
    const values = targets.map((tg) => latest(tg, now)?.errors).filter((v): v is number => v !== undefined);
    const result = values.length ? [{ metric: {}, value: [now / 1000, String(Math.max(...values))] }] : [];
    return JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });
  };
  return {
    clock,
    queries,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
    request: async (req: HttpRequest): Promise<HttpAnswer> => {
      const query = decodeURIComponent(req.body!.replace(/^query=/, ''));
      queries.push(query);
      clock.t += 5;
      return { status: 200, headers: {}, body: answer(query), latencyMs: 5, truncated: false };
    },
  };
}

/** A target scraped every second from T0 - 10s: errors `before` until `switchAt`, `after` from then on. */
function scraped(
  labels: Record<string, string>,
  switchAt: number,
  before: number,
  after: number,
  everyMs = 1000,
  offsetMs = 300,
): Target {
  const scrapes = [];
  for (let at = T0 - 10_000 + offsetMs; at < T0 + 300_000; at += everyMs)
    scrapes.push({ at, errors: at < switchAt ? before : after });
  return { labels, scrapes };
}

const ERRORS = {
  name: 'errors',
  prometheus: { url: 'http://prom:9090', query: 'max(app_errors_total{host=~"{{hosts}}"})', max: 10 },
};

describe('a bad canary whose host had good samples before the switch', () => {
  // The batch ended at T0; the last scrape (T0 - 700ms) still saw the old version's 0 errors, the
  // next one (T0 + 300ms) sees the new version's 50.
  const targets = () => [scraped({ instance: '10.0.0.4:8080' }, T0, 0, 50)];
  const context = { ...CONTEXT, hosts: ['h4'], addresses: ['10.0.0.4'], since: T0 };

  test('fresh: off (the old behaviour) lets it through on the old value', async () => {
    const prom = fakePrometheus(targets());
    const out = await evaluateGates(gates([{ ...ERRORS, fresh: 'off' }]), context, new MemoryLogger(), undefined, prom);
    expect(out.ok).toBe(true);
    expect(out.samples[0].values).toEqual([{ value: 0 }]);
  });

  test('fresh: scrape (the default) waits for the next scrape and stops it on its value', async () => {
    const prom = fakePrometheus(targets());
    const out = await evaluateGates(gates([ERRORS]), context, new MemoryLogger(), undefined, prom);
    expect(out.ok).toBe(false);
    expect(out.message).toContain('gate "errors" failed after');
    expect(out.message).toContain(': 50 is above max 10');
    expect(prom.queries[0]).toBe(UP_QUERY);
    expect(prom.queries.filter((q) => q === UP_QUERY).length).toBe(2); // stale at T0, fresh 500ms later
    expect(prom.clock.t - T0).toBeGreaterThanOrEqual(300);
    expect(prom.clock.t - T0).toBeLessThan(1000);
  });

  test("fresh: a duration waits that long after the batch's end, then queries", async () => {
    const prom = fakePrometheus(targets());
    prom.clock.t = T0 + 200; // the gate starts 200ms after the batch ended
    const out = await evaluateGates(gates([{ ...ERRORS, fresh: '2s' }]), context, new MemoryLogger(), undefined, prom);
    expect(out.ok).toBe(false);
    expect(prom.queries).not.toContain(UP_QUERY);
    expect(out.samples[0].at).toBe(new Date(T0 + 2000).toISOString());
    expect(out.message).toContain('50 is above max 10');
  });

  test('the held message says how long it waited', async () => {
    const prom = fakePrometheus([scraped({ instance: '10.0.0.4:8080' }, T0, 0, 0)]);
    const out = await evaluateGates(
      gates([{ ...ERRORS, for: '2s', interval: '1s' }]),
      context,
      new MemoryLogger(),
      undefined,
      prom,
    );
    expect(out.ok).toBe(true);
    expect(out.message).toMatch(
      /held: 3 queries over 2(\.\d+)?s after 5\d\dms waiting for fresh samples \(fresh: scrape\), every value ≤ 10/,
    );
  });

  test("without since, the gate's own start is the line: a scrape after it counts", async () => {
    const prom = fakePrometheus(targets());
    const out = await evaluateGates(
      gates([ERRORS]),
      { ...context, since: undefined },
      new MemoryLogger(),
      undefined,
      prom,
    );
    expect(out.message).toContain('50 is above max 10');
  });

  test('a Prometheus clock 5s ahead of ours does not make a scrape before the switch look fresh', async () => {
    // Prometheus stamps the scrape before the switch (T0 - 700ms ours) as T0 + 4.3s: without the
    // skew taken from the answer's evaluation time it would be "after T0".
    const skew = 5000;
    const t = scraped({ instance: '10.0.0.4:8080' }, T0, 0, 50);
    const prom = fakePrometheus([{ ...t, scrapes: t.scrapes.map((s) => ({ ...s, at: s.at + skew })) }], skew);
    const out = await evaluateGates(gates([ERRORS]), context, new MemoryLogger(), undefined, prom);
    expect(out.message).toContain('50 is above max 10');
  });
});

describe('hosts that Prometheus does not scrape: no data, reported as such', () => {
  const targets = () => [scraped({ instance: '10.0.0.4:8080' }, T0, 0, 0)]; // h4 only; h5 has no target
  const context = { ...CONTEXT, since: T0 };

  test('no-data: fail fails at once, naming the host and what to do', async () => {
    const prom = fakePrometheus(targets());
    const out = await evaluateGates(
      gates([{ ...ERRORS, 'no-data': 'fail', for: '10s' }]),
      context,
      new MemoryLogger(),
      undefined,
      prom,
    );
    expect(out.ok).toBe(false);
    expect(out.message).toContain('gate "errors" failed after');
    expect(out.message).toContain(
      ": no data: Prometheus scrapes no target of h5 (10.0.0.5): no up series has the host's name or address in a label",
    );
    expect(out.message).toContain('set fresh: off or a duration to wait');
    expect(prom.clock.t - T0).toBeLessThan(100);
    expect(out.gates[0]).toMatchObject({ noData: 1, failures: 1 });
  });

  test('no-data: wait (the default) waits for a target within for, then fails with no data', async () => {
    const prom = fakePrometheus(targets());
    const out = await evaluateGates(
      gates([{ ...ERRORS, for: '3s', interval: '1s' }]),
      context,
      new MemoryLogger(),
      undefined,
      prom,
    );
    expect(out.ok).toBe(false);
    expect(out.message).toContain('no data: Prometheus scrapes no target of h5');
    expect(prom.clock.t - T0).toBeGreaterThanOrEqual(3000);
    expect(prom.queries.every((q) => q === UP_QUERY)).toBe(true);
  });

  test('a target that appears within for is waited for', async () => {
    const late = scraped({ host: 'h5' }, T0, 0, 50);
    late.scrapes = late.scrapes.filter((s) => s.at > T0 + 1500); // service discovery adds it 1.5s in
    const prom = fakePrometheus([...targets(), late]);
    const out = await evaluateGates(
      gates([{ ...ERRORS, for: '3s', interval: '1s' }]),
      context,
      new MemoryLogger(),
      undefined,
      prom,
    );
    expect(out.message).toContain('50 is above max 10');
  });

  test('no-data: pass judges without them', async () => {
    const prom = fakePrometheus(targets());
    const out = await evaluateGates(
      gates([{ ...ERRORS, 'no-data': 'pass' }]),
      context,
      new MemoryLogger(),
      undefined,
      prom,
    );
    expect(out.ok).toBe(true);
  });
});

test('a target that is not scraped again fails the gate after the longest wait, saying so', async () => {
  const stuck = scraped({ instance: '10.0.0.4:8080' }, T0, 0, 0);
  stuck.scrapes = stuck.scrapes.filter((s) => s.at < T0);
  const prom = fakePrometheus([stuck]);
  const out = await evaluateGates(
    gates([ERRORS]),
    { ...CONTEXT, hosts: ['h4'], addresses: ['10.0.0.4'], since: T0 },
    new MemoryLogger(),
    undefined,
    prom,
  );
  expect(out.ok).toBe(false);
  expect(prom.clock.t - T0).toBeGreaterThanOrEqual(SCRAPE_WAIT_MAX_MS);
  expect(out.message).toMatch(
    /no fresh samples: Prometheus has not scraped h4 since the batch ended 2m(\.\d+s)? ago \(their last scrape is from 70\dms before it\)/,
  );
});

test('a Prometheus that refuses the freshness query fails the gate with its error once failure-limit is used up', async () => {
  const prom = fakePrometheus([]);
  let calls = 0;
  const request = async (req: HttpRequest): Promise<HttpAnswer> => {
    calls++;
    return calls === 1 ? { status: 503, headers: {}, body: 'down', latencyMs: 1, truncated: false } : prom.request(req);
  };
  const tolerant = await evaluateGates(
    gates([{ ...ERRORS, 'failure-limit': 1, 'no-data': 'pass' }]),
    { ...CONTEXT, since: T0 },
    new MemoryLogger(),
    undefined,
    { ...prom, request },
  );
  expect(tolerant.ok).toBe(true);
  calls = 0;
  const out = await evaluateGates(gates([ERRORS]), { ...CONTEXT, since: T0 }, new MemoryLogger(), undefined, {
    ...prom,
    request,
  });
  expect(out.message).toContain(
    'no fresh samples: cannot tell whether Prometheus scraped the hosts after the batch: Prometheus answered status 503 with no JSON: down',
  );
});

describe("scrapeStateOf: which targets are a host's", () => {
  const series = (labels: Record<string, string>, seconds: number) => ({
    metric: labels,
    value: [0, String(seconds)] as [number, string],
  });
  const since = 100_000;

  test.each<[string, Record<string, string>, 'fresh' | 'missing']>([
    ['instance with a port is the address', { instance: '10.0.0.4:9100' }, 'fresh'],
    ['instance without a port', { instance: '10.0.0.4' }, 'fresh'],
    ['a label of its own with the name', { host: 'h4', instance: 'web.example.com:80' }, 'fresh'],
    ['the name with a port', { node: 'h4:9100' }, 'fresh'],
    ['the job does not count', { job: 'h4', instance: 'x:1' }, 'missing'],
    ['a longer name is another host', { instance: 'h44:9100' }, 'missing'],
    ['nothing of it', { instance: '10.0.0.40:9100' }, 'missing'],
  ])('%s', (_title, labels, expected) => {
    const state = scrapeStateOf(['h4'], ['10.0.0.4'], [series(labels, 101)], since);
    expect(state[expected]).toEqual(['h4']);
  });

  test('IPv6 targets', () => {
    expect(scrapeStateOf(['v6'], ['fd00::4'], [series({ instance: '[fd00::4]:9100' }, 101)], since).fresh).toEqual([
      'v6',
    ]);
  });

  test('a host is fresh only when all its targets are', () => {
    const state = scrapeStateOf(
      ['h4', 'h5'],
      ['10.0.0.4', '10.0.0.5'],
      [
        series({ instance: '10.0.0.4:8080' }, 101),
        series({ instance: '10.0.0.4:9100' }, 99.5),
        series({ instance: '10.0.0.5:8080' }, 100.2),
      ],
      since,
    );
    expect(state).toEqual({ fresh: ['h5'], stale: [{ host: 'h4', lastMs: 99_500 }], missing: [], sinceMs: since });
  });
});
