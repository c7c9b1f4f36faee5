// The rollout's metrics for the Pushgateway: the figures taken from a report, their text format,
// the URL, and a push that only ever warns (against a local server; the real one is in test/e2e).
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Problems } from '../../src/errors';
import { MemoryLogger } from '../support/memory-logger';
import { metricsText, pushMetrics, pushUrl, readMetricsUrl, rolloutFigures } from '../../src/metrics/pushgateway';
import { RolloutReport } from '../../src/report/types';
import { AvailabilityReport } from '../../src/availability/types';

const REPORT: RolloutReport = {
  service: 'shop',
  image: 'reg/shop:v2',
  digest: 'sha256:abc',
  deployment: '20240101-000000-abcd',
  deployedBy: 'ci',
  result: 'rolled-back',
  dryRun: false,
  startedAt: '2024-01-01T00:00:00.000Z',
  durationMs: 12_345,
  phases: {},
  plan: [],
  warnings: [],
  batches: [
    { index: 1, total: 2, group: 'web', hosts: ['h4'], result: 'healthy', healthy: 1, unhealthy: 0, durationMs: 1500 },
    {
      index: 2,
      total: 2,
      group: 'web',
      hosts: ['h5', 'h6'],
      result: 'failed',
      healthy: 1,
      unhealthy: 1,
      durationMs: 2250,
    },
  ],
  hosts: [
    { name: 'h4', group: 'web', result: 'rolled-back', previous: {}, next: {} },
    { name: 'h5', group: 'web', result: 'rolled-back', previous: {}, next: {} },
    { name: 'h6', group: 'web', result: 'untouched', previous: {}, next: {} },
  ],
};
const figs = (a: number) => ({
  uptimeMs: 1000 * a,
  downtimeMs: 1000 * (1 - a),
  probes: 100,
  failures: Math.round(100 * (1 - a)),
  availability: a,
});
const AVAILABILITY: AvailabilityReport = {
  intervalMs: 100,
  timeoutMs: 1000,
  startedAt: REPORT.startedAt,
  durationMs: 10_000,
  endedBy: 'stop',
  basis: 'service',
  overall: figs(1),
  hosts: figs(0.75),
  service: figs(1),
  targets: [],
  batches: [],
};

test('the figures of a report, in the Prometheus text format', () => {
  const f = rolloutFigures(REPORT, AVAILABILITY, 1_700_000_000_000);
  expect(f.hosts).toEqual({ total: 3, updated: 0, rolledBack: 2, restoreFailed: 0 });
  const text = metricsText(f);
  expect(text).toContain('# TYPE aviary_rollout_duration_seconds gauge\naviary_rollout_duration_seconds 12.345\n');
  expect(text).toContain(
    'aviary_rollout_info{image="reg/shop:v2",digest="sha256:abc",deployment="20240101-000000-abcd",result="rolled-back"} 1',
  );
  expect(text).toContain(
    'aviary_rollout_result{result="deployed"} 0\naviary_rollout_result{result="partial"} 0\naviary_rollout_result{result="rolled-back"} 1\naviary_rollout_result{result="failed"} 0',
  );
  expect(text).toContain('aviary_rollout_success 0');
  expect(text).toContain('aviary_rollout_hosts_updated 0\n');
  expect(text).toContain('aviary_rollout_hosts_rolled_back 2\n');
  expect(text).toContain('aviary_rollout_batch_duration_seconds{batch="1",group="web",result="healthy"} 1.5');
  expect(text).toContain('aviary_rollout_batch_duration_seconds{batch="2",group="web",result="failed"} 2.25');
  expect(text).toContain(
    'aviary_rollout_availability_ratio{scope="overall"} 1\naviary_rollout_availability_ratio{scope="hosts"} 0.75\naviary_rollout_availability_ratio{scope="service"} 1',
  );
  expect(text).toContain('aviary_rollout_downtime_seconds{scope="hosts"} 0.25');
  expect(text).toContain('aviary_rollout_finished_timestamp_seconds 1700000000');
  // Every sample line is name{labels} value; every metric has HELP and TYPE.
  for (const line of text.trim().split('\n'))
    expect(line).toMatch(/^(# (HELP|TYPE) aviary_\w+ .+|aviary_\w+(\{[^}]*\})? [-+\d.eInfNa]+)$/);
  expect(metricsText(rolloutFigures(REPORT))).not.toContain('availability');
});

test('label values are escaped', () => {
  const text = metricsText(rolloutFigures({ ...REPORT, image: 'a"b\\c\nd' }));
  expect(text).toContain('image="a\\"b\\\\c\\nd"');
});

test('the URL and its validation', () => {
  expect(pushUrl('http://pg:9091/', 'shop')).toBe('http://pg:9091/metrics/job/aviary/service/shop');
  const p = new Problems();
  expect(readMetricsUrl(p, 'metrics-url', 'http://pg:9091/')).toBe('http://pg:9091');
  expect(readMetricsUrl(p, 'metrics-url', undefined)).toBeUndefined();
  expect(readMetricsUrl(p, 'metrics-url', '')).toBeUndefined();
  expect(p.list).toEqual([]);
  readMetricsUrl(p, 'input metrics-url', 'pg:9091');
  readMetricsUrl(p, 'metrics-url', 'http://pg:9091/?x=1');
  expect(p.list).toEqual([
    'input metrics-url: "pg:9091" is not a Pushgateway URL like "http://pushgateway:9091" (http:// or https://, no query)',
    'metrics-url: "http://pg:9091/?x=1" is not a Pushgateway URL like "http://pushgateway:9091" (http:// or https://, no query)',
  ]);
});

describe('pushMetrics', () => {
  let server: http.Server;
  let base: string;
  let status = 200;
  const seen: Array<{ method?: string; url?: string; type?: string; auth?: string; body: string }> = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          type: req.headers['content-type'],
          auth: req.headers.authorization,
          body,
        });
        res.statusCode = status;
        res.end(status === 200 ? '' : 'text format parsing error in line 3');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test("PUTs the text to the service's group, with credentials from the URL", async () => {
    const log = new MemoryLogger();
    const u = new URL(base);
    const r = await pushMetrics(`http://ci:s3cret@${u.host}`, rolloutFigures(REPORT, AVAILABILITY), log);
    expect(r.ok).toBe(true);
    expect(r.url).toBe(`http://ci:***@${u.host}/metrics/job/aviary/service/shop`);
    expect(seen.at(-1)).toMatchObject({
      method: 'PUT',
      url: '/metrics/job/aviary/service/shop',
      type: 'text/plain; version=0.0.4; charset=utf-8',
      auth: 'Basic ' + Buffer.from('ci:s3cret').toString('base64'),
    });
    expect(seen.at(-1)!.body).toContain('aviary_rollout_hosts_rolled_back 2');
    expect(log.text).not.toContain('s3cret');
  });

  test('a refused push or an unreachable gateway only warns', async () => {
    status = 400;
    const log = new MemoryLogger();
    const r = await pushMetrics(base, rolloutFigures(REPORT), log);
    expect(r).toMatchObject({ ok: false });
    expect(log.text).toContain(
      `warning: could not push the rollout's metrics: PUT ${base}/metrics/job/aviary/service/shop answered 400: text format parsing error in line 3`,
    );
    const down = await pushMetrics('http://127.0.0.1:1', rolloutFigures(REPORT), log, { timeoutMs: 1000 });
    expect(down.message).toContain('connection refused');
    status = 200;
  });
});
