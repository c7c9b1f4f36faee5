// Gates against a real Prometheus (Debian's) scraping real containers on the test fleet: a good
// version's metrics hold the gate, a bad version's break it with a message that shows the query,
// the values and the condition; no data behaves as configured; the HTTP gate reads any JSON API.
import { DeployFixture, HostRef, pull } from '../support/deploy-fixture';
import { Prometheus } from '../support/monitoring';
import { evaluateGates } from '../../src/gates/evaluate';
import { readGates } from '../../src/gates/config';
import { GateContext, GateSpec } from '../../src/gates/types';
import { Problems } from '../../src/errors';
import { MemoryLogger } from '../../src/log';

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
    name: SERVICE, Image: image,
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
  ]);
  await prometheus.waitFor('app_errors_total', (v) => v.length === 2);
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
  await fx.clean([good, bad]);
});

const ERRORS = () => ({ name: 'app-errors', prometheus: { url: prometheus.url, query: 'max(app_errors_total{host=~"{{hosts}}"})', max: 10 }, for: '2s', interval: '1s' });
const context = (hosts: string[], version = 'v2'): GateContext => ({ group: 'web', hosts, version, service: SERVICE });

test('a good version holds the gate for its whole window', async () => {
  const log = new MemoryLogger();
  const t0 = Date.now();
  const out = await evaluateGates(gates([ERRORS()]), context(['h4']), log);
  expect(out.message).toMatch(/gate "app-errors" held: 3 queries over 2(\.\d+)?s, every value ≤ 10/);
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
  expect(Date.now() - t0).toBeLessThan(1500);
  expect(out.message).toContain('gate "app-errors" failed after');
  expect(out.message).toContain(': 50 is above max 10');
  expect(out.message).toContain(`asked: prometheus ${prometheus.url} query max(app_errors_total{host=~"h4|h5"})`);
  expect(out.message).toContain('expected: every value ≤ 10 for 2s');
  expect(out.message).toContain('values seen: +0ms 50');
  expect(log.text).toContain('warning: gate "app-errors" failed');
});

test('every series is tested: a per-host query names the host that breaks the gate', async () => {
  const out = await evaluateGates(gates([{ prometheus: { url: prometheus.url, query: 'app_errors_total{host=~"{{hosts}}"}', condition: 'result < 10' } }]), context(['h4', 'h5']), new MemoryLogger());
  expect(out.ok).toBe(false);
  expect(out.message).toMatch(/50 app_errors_total\{[^}]*host="h5"[^}]*\} does not satisfy result < 10/);
});

test('{{version}} selects the version\'s own series', async () => {
  const query = 'max(app_errors_total{host=~"{{hosts}}"} * on(host) group_left app_info{version="{{version}}"})';
  const gate = gates([{ prometheus: { url: prometheus.url, query, max: 10 }, 'no-data': 'fail' }]);
  expect((await evaluateGates(gate, context(['h4', 'h5'], 'good'), new MemoryLogger())).ok).toBe(true);
  expect((await evaluateGates(gate, context(['h4', 'h5'], 'bad'), new MemoryLogger())).message).toContain('50 is above max 10');
});

describe('no data', () => {
  const missing = (rule?: string) => gates([{
    prometheus: { url: prometheus.url, query: 'max(app_errors_total{host=~"{{hosts}}"})', max: 10 }, for: '2s', interval: '500ms', ...(rule ? { 'no-data': rule } : {}),
  }]);

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

test('a query Prometheus refuses fails the gate with Prometheus\'s own error', async () => {
  const out = await evaluateGates(gates([{ prometheus: { url: prometheus.url, query: 'max(app_errors_total{host=~"{{hosts}}"}', max: 1 } }]), context(['h4']), new MemoryLogger());
  expect(out.ok).toBe(false);
  expect(out.message).toMatch(/Prometheus answered status 400: bad_data: .*parse error/);
});

test('an unreachable Prometheus fails the gate once failure-limit is used up', async () => {
  const out = await evaluateGates(gates([{ prometheus: { url: 'http://127.0.0.1:1', query: 'up', max: 1 }, for: '1s', interval: '500ms', 'failure-limit': 1 }]), context(['h4']), new MemoryLogger());
  expect(out.ok).toBe(false);
  expect(out.message).toContain('connection refused (2 failed rounds, failure-limit 1)');
});

test('an HTTP gate reads a value out of any JSON API (here Prometheus\'s own)', async () => {
  const gate = gates([{
    name: 'errors-json',
    http: { url: `${prometheus.url}/api/v1/query?query=max(app_errors_total%7Bhost%3D~%22{{hosts}}%22%7D)`, path: 'data.result[0].value[1]', max: 10 },
  }]);
  const ok = await evaluateGates(gate, context(['h4']), new MemoryLogger());
  expect(ok.ok).toBe(true);
  expect(ok.samples[0].values).toEqual([{ value: '0' }]);
  const failed = await evaluateGates(gate, context(['h5']), new MemoryLogger());
  expect(failed.ok).toBe(false);
  expect(failed.message).toContain('"50" is above max 10');
  expect(failed.message).toContain('asked: GET http://127.0.0.1:');
  expect(failed.message).toContain('at data.result[0].value[1]');
});
