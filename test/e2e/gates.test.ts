// Gates against a real Prometheus (Debian's) scraping real containers on the test fleet: a good
// version's metrics hold the gate, a bad version's break it with a message that shows the query,
// the values and the condition; no data behaves as configured; the HTTP gate reads any JSON API.
// Fresh samples: a bad canary whose host had good samples just before the switch is stopped on its
// own value (with fresh: off the old sample lets it through), and a host with no data says so.
import { DeployFixture, HostRef, pull } from '../support/deploy-fixture';
import { Prometheus } from '../support/monitoring';
import { evaluateGates } from '../../src/gates/evaluate';
import { readGates } from '../../src/gates/config';
import { GateContext, GateSpec } from '../../src/gates/types';
import { Problems } from '../../src/errors';
import { MemoryLogger } from '../support/memory-logger';
import { UP_QUERY } from '../../src/gates/fresh';

const SERVICE = 't-mon-gates';
const PORT = 18300;
const fx = new DeployFixture(SERVICE, PORT);
let good: HostRef;
let bad: HostRef;
let prometheus: Prometheus;

function gates(raw: unknown[]): GateSpec[] {
  const p = new Problems();
  const g = readGates(p, 'gates', raw);
  if (!g) throw new Error(p.list.join('\n'));
  return g;
}

async function run(host: HostRef, image: string): Promise<void> {
  await pull(host.docker, image);
  const c = await host.docker.createContainer({
    name: SERVICE,
    Image: image,
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: { PortBindings: { '8080/tcp': [{ HostPort: String(PORT) }] } },
  });
  await c.start();
}

beforeAll(async () => {
  good = fx.host('h4');
  bad = fx.host('h5');
  await fx.clean([good, bad]);
  const [goodImage, badImage] = await Promise.all([
    fx.image('good', { metrics: '# TYPE app_errors_total counter\napp_errors_total 0\napp_info{version="good"} 1\n' }),
    fx.image('bad', { metrics: '# TYPE app_errors_total counter\napp_errors_total 50\napp_info{version="bad"} 1\n' }),
  ]);
  await Promise.all([run(good, goodImage), run(bad, badImage)]);
  prometheus = await Prometheus.start([
    { address: `${good.address}:${PORT}`, labels: { host: 'h4' } },
    { address: `${bad.address}:${PORT}`, labels: { host: 'h5' } },
    // Scraped, but nothing listens there: up is 0 and the host has no app_errors_total.
    { address: `${fx.host('h3').address}:${PORT}`, labels: { host: 'h3' } },
  ]);
  await prometheus.waitFor('app_errors_total', (v) => v.length === 2);
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
  await fx.clean([good, bad]);
});

const ERRORS = () => ({
  name: 'app-errors',
  prometheus: { url: prometheus.url, query: 'max(app_errors_total{host=~"{{hosts}}"})', max: 10 },
  for: '2s',
  interval: '1s',
});
const context = (hosts: string[], version = 'v2'): GateContext => ({ group: 'web', hosts, version, service: SERVICE });

test('a good version holds the gate for its whole window', async () => {
  const log = new MemoryLogger();
  const t0 = Date.now();
  const out = await evaluateGates(gates([ERRORS()]), context(['h4']), log);
  expect(out.message).toMatch(
    /gate "app-errors" held: 3 queries over 2(\.\d+)?s after [\d.]+m?s waiting for fresh samples \(fresh: scrape\), every value ≤ 10/,
  );
  expect(out.ok).toBe(true);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
  expect(out.samples.map((s) => s.verdict)).toEqual(['pass', 'pass', 'pass']);
  expect(out.samples[0].values).toEqual([{ value: 0 }]);
});

test('a healthy version whose metrics break the gate fails it at once, saying what it saw', async () => {
  const log = new MemoryLogger();
  const t0 = Date.now();
  const out = await evaluateGates(gates([ERRORS()]), context(['h4', 'h5']), log);
  expect(out.ok).toBe(false);
  // At once: after the next scrape (every second here), on the first query, not after the 2 s window
  // (the one sample says so; the time bound leaves room for a loaded machine).
  expect(out.samples).toHaveLength(1);
  expect(Date.now() - t0).toBeLessThan(5000);
  expect(out.message).toContain('gate "app-errors" failed after');
  expect(out.message).toContain(': 50 is above max 10');
  expect(out.message).toContain(`asked: prometheus ${prometheus.url} query max(app_errors_total{host=~"h4|h5"})`);
  expect(out.message).toContain('expected: every value ≤ 10 for 2s');
  expect(out.message).toMatch(/values seen: \+[\d.]+m?s 50/);
  expect(log.text).toContain('warning: gate "app-errors" failed');
});

test('every series is tested: a per-host query names the host that breaks the gate', async () => {
  const out = await evaluateGates(
    gates([
      { prometheus: { url: prometheus.url, query: 'app_errors_total{host=~"{{hosts}}"}', condition: 'result < 10' } },
    ]),
    context(['h4', 'h5']),
    new MemoryLogger(),
  );
  expect(out.ok).toBe(false);
  expect(out.message).toMatch(/50 app_errors_total\{[^}]*host="h5"[^}]*\} does not satisfy result < 10/);
});

test("{{version}} selects the version's own series", async () => {
  const query = 'max(app_errors_total{host=~"{{hosts}}"} * on(host) group_left app_info{version="{{version}}"})';
  const gate = gates([{ prometheus: { url: prometheus.url, query, max: 10 }, 'no-data': 'fail' }]);
  expect((await evaluateGates(gate, context(['h4', 'h5'], 'good'), new MemoryLogger())).ok).toBe(true);
  expect((await evaluateGates(gate, context(['h4', 'h5'], 'bad'), new MemoryLogger())).message).toContain(
    '50 is above max 10',
  );
});

describe('no data', () => {
  // Rounds without data (fresh: off, so that the rounds themselves meet the missing host).
  const missing = (rule?: string) =>
    gates([
      {
        prometheus: { url: prometheus.url, query: 'max(app_errors_total{host=~"{{hosts}}"})', max: 10 },
        for: '2s',
        interval: '500ms',
        fresh: 'off',
        ...(rule ? { 'no-data': rule } : {}),
      },
    ]);

  test('fail: fails on the first query without data', async () => {
    const t0 = Date.now();
    const out = await evaluateGates(missing('fail'), context(['h9']), new MemoryLogger());
    expect(out.ok).toBe(false);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(out.message).toContain('no data (no-data: fail)');
    expect(out.message).toContain('query max(app_errors_total{host=~"h9"})');
  });

  test('pass: passes without data', async () => {
    const out = await evaluateGates(missing('pass'), context(['h9']), new MemoryLogger());
    expect(out.ok).toBe(true);
    expect(out.gates[0]).toMatchObject({ rounds: 5, noData: 5, failures: 0 });
  });

  test('wait (the default): waits for data until for ends, then fails', async () => {
    const t0 = Date.now();
    const out = await evaluateGates(missing(), context(['h9']), new MemoryLogger());
    expect(out.ok).toBe(false);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
    expect(out.message).toContain('no data in 5 queries over 2s (no-data: wait, then fail)');
  });
});

describe('no data, with fresh samples (the default)', () => {
  test('a host Prometheus does not scrape: no data, naming the host', async () => {
    const out = await evaluateGates(
      gates([{ ...ERRORS(), 'no-data': 'fail' }]),
      context(['h4', 'h9']),
      new MemoryLogger(),
    );
    expect(out.ok).toBe(false);
    expect(out.message).toContain('no data: Prometheus scrapes no target of h9');
    expect(out.message).not.toContain('above max');
  });

  test('a host scraped after the batch whose new version has no such metric: no data in every query, then the gate fails', async () => {
    const t0 = Date.now();
    const out = await evaluateGates(gates([ERRORS()]), context(['h3']), new MemoryLogger());
    expect(out.ok).toBe(false);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
    expect(out.message).toContain('no data in 3 queries over 2s (no-data: wait, then fail)');
    expect(out.message).toContain('values seen: +');
    expect(out.samples.every((s) => s.verdict === 'no-data')).toBe(true);
  });
});

test("a query Prometheus refuses fails the gate with Prometheus's own error", async () => {
  const out = await evaluateGates(
    gates([{ prometheus: { url: prometheus.url, query: 'max(app_errors_total{host=~"{{hosts}}"}', max: 1 } }]),
    context(['h4']),
    new MemoryLogger(),
  );
  expect(out.ok).toBe(false);
  expect(out.message).toMatch(/Prometheus answered status 400: bad_data: .*parse error/);
});

test('an unreachable Prometheus fails the gate once failure-limit is used up', async () => {
  const out = await evaluateGates(
    gates([
      {
        prometheus: { url: 'http://127.0.0.1:1', query: 'up', max: 1 },
        for: '1s',
        interval: '500ms',
        'failure-limit': 1,
        fresh: 'off',
      },
    ]),
    context(['h4']),
    new MemoryLogger(),
  );
  expect(out.ok).toBe(false);
  expect(out.message).toContain('connection refused (2 failed rounds, failure-limit 1)');
});

test('an unreachable Prometheus fails a fresh: scrape gate before any query, saying it cannot tell', async () => {
  const out = await evaluateGates(
    gates([{ prometheus: { url: 'http://127.0.0.1:1', query: 'up', max: 1 } }]),
    context(['h4']),
    new MemoryLogger(),
  );
  expect(out.ok).toBe(false);
  expect(out.message).toContain(
    'no fresh samples: cannot tell whether Prometheus scraped the hosts after the batch: POST http://127.0.0.1:1/api/v1/query: connection refused',
  );
});

test("an HTTP gate reads a value out of any JSON API (here Prometheus's own)", async () => {
  const gate = gates([
    {
      name: 'errors-json',
      http: {
        url: `${prometheus.url}/api/v1/query?query=max(app_errors_total%7Bhost%3D~%22{{hosts}}%22%7D)`,
        path: 'data.result[0].value[1]',
        max: 10,
      },
    },
  ]);
  const ok = await evaluateGates(gate, context(['h4']), new MemoryLogger());
  expect(ok.ok).toBe(true);
  expect(ok.samples[0].values).toEqual([{ value: '0' }]);
  const failed = await evaluateGates(gate, context(['h5']), new MemoryLogger());
  expect(failed.ok).toBe(false);
  expect(failed.message).toContain('"50" is above max 10');
  expect(failed.message).toContain('asked: GET http://127.0.0.1:');
  expect(failed.message).toContain('at data.result[0].value[1]');
});

describe('a bad canary on a host that had good samples just before the switch', () => {
  // A Prometheus of its own that scrapes the canary every 4s: between two scrapes its latest sample
  // is the old version's, as it is for up to a scrape interval on any real Prometheus.
  const CANARY = 'gi-canary';
  const CANARY_PORT = 18310;
  const cfx = new DeployFixture(CANARY, CANARY_PORT);
  let host: HostRef;
  let slow: Prometheus;
  let goodImage: string;
  let badImage: string;

  beforeAll(async () => {
    host = cfx.host('h6');
    await cfx.clean([host]);
    [goodImage, badImage] = await Promise.all([
      cfx.image('good', { metrics: '# TYPE app_errors_total counter\napp_errors_total 0\n' }),
      cfx.image('bad', { metrics: '# TYPE app_errors_total counter\napp_errors_total 50\n' }),
    ]);
    await Promise.all([pull(host.docker, goodImage), pull(host.docker, badImage)]);
    await start(goodImage);
    slow = await Prometheus.start([{ address: `${host.address}:${CANARY_PORT}`, labels: { host: 'h6' } }], 4000);
    await slow.waitFor('app_errors_total', (v) => v.length === 1 && v[0] === 0);
  }, 120_000);

  afterAll(async () => {
    await slow?.stop();
    await cfx.clean([host]);
  });

  /** Creates the canary's container; its port is only taken when it starts. */
  function create(image: string, name = CANARY) {
    return host.docker.createContainer({
      name,
      Image: image,
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: { PortBindings: { '8080/tcp': [{ HostPort: String(CANARY_PORT) }] } },
    });
  }

  async function start(image: string): Promise<void> {
    await (await create(image)).start();
  }

  /** Prometheus's latest scrape of the canary, in seconds. */
  async function lastScrape(): Promise<number> {
    return (await slow.query(`${UP_QUERY}`))[0]?.value ?? 0;
  }

  test('is stopped on its own value, and would have passed on the old one without fresh samples', async () => {
    // Switch right after a scrape, so that the next one is about 4s away: the bad version's container
    // is created beforehand, so the switch is a remove and a start, well inside that window.
    const next = await create(badImage, `${CANARY}.next`); // (the fixture's clean removes it)
    const before = await lastScrape();
    await slow.waitFor(UP_QUERY, (v) => v[0] !== undefined && v[0] > before, 10_000);
    await host.docker.getContainer(CANARY).remove({ force: true });
    await next.start();
    const since = Date.now();
    const gate = (fresh?: string) =>
      gates([
        {
          name: 'canary-errors',
          prometheus: { url: slow.url, query: 'max(app_errors_total{host=~"{{hosts}}"})', max: 10 },
          ...(fresh ? { fresh } : {}),
        },
      ]);
    const ctx = { ...context(['h6']), since };

    const stale = await evaluateGates(gate('off'), ctx, new MemoryLogger());
    expect(stale.ok).toBe(true); // the hazard: the old version's 0
    expect(stale.samples[0].values).toEqual([{ value: 0 }]);

    const out = await evaluateGates(gate(), ctx, new MemoryLogger());
    expect(out.ok).toBe(false);
    expect(out.message).toContain('gate "canary-errors" failed after');
    expect(out.message).toContain(': 50 is above max 10');
    expect(out.message).not.toContain('no data');
    expect((await lastScrape()) * 1000).toBeGreaterThan(since);
  }, 30_000);

  test('through a rollout: the canary is rolled back on its own 50 errors, not on the old version\'s 0 nor on "no data"', async () => {
    await cfx.clean([host]);
    cfx.writeConfig(
      { web: { hosts: [{ name: 'h6', docker: host.endpoint }] } },
      {
        gates: [
          {
            name: 'canary-errors',
            prometheus: { url: slow.url, query: 'max(app_errors_total{host=~"{{hosts}}"})', max: 10 },
          },
        ],
      },
    );
    const first = await cfx.deploy(goodImage);
    expect(first.report.result).toBe('deployed');
    // Prometheus has the good version's samples of h6 now; the bad version replaces it.
    await slow.waitFor('app_errors_total', (v) => v.length === 1 && v[0] === 0);
    const t0 = Date.now();
    const { report, log } = await cfx.deploy(badImage);
    expect(report.result).toBe('rolled-back');
    expect(report.error).toContain('gate "canary-errors" failed');
    expect(report.error).toContain('50 is above max 10');
    expect(report.error).not.toContain('no data');
    expect(log.text).toMatch(/fresh samples/);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(await cfx.version(host)).toBe('good');
  }, 90_000);
});
