// The rollout's metrics pushed to a real Pushgateway (Debian's) and read back from it: every
// figure, a second push replacing the first, and a gateway that is down only warning.
import { Pushgateway } from '../support/monitoring';
import { MemoryLogger } from '../support/memory-logger';
import { pushMetrics, rolloutFigures } from '../../src/metrics/pushgateway';
import { RolloutReport } from '../../src/report/types';
import { AvailabilityReport } from '../../src/availability/types';

let gateway: Pushgateway;
beforeAll(async () => {
  gateway = await Pushgateway.start();
}, 60_000);
afterAll(async () => {
  await gateway?.stop();
});

const SERVICE = 't-mon-push';

function report(result: RolloutReport['result'], batches: number): RolloutReport {
  return {
    service: SERVICE,
    image: '10.210.0.2:5000/t-mon-push/app:v2',
    digest: 'sha256:' + 'b'.repeat(64),
    deployment: '20240101-000000-beef',
    deployedBy: 'test',
    result,
    dryRun: false,
    startedAt: new Date().toISOString(),
    durationMs: 8250,
    phases: {},
    plan: [],
    warnings: [],
    batches: Array.from({ length: batches }, (_, i) => ({
      index: i + 1,
      total: batches,
      group: 'web',
      hosts: [`h${i + 4}`],
      result: 'healthy' as const,
      healthy: 1,
      unhealthy: 0,
      durationMs: 1000 + i * 500,
    })),
    hosts: [
      { name: 'h4', group: 'web', result: result === 'deployed' ? 'updated' : 'rolled-back', previous: {}, next: {} },
      { name: 'h5', group: 'web', result: result === 'deployed' ? 'updated' : 'rolled-back', previous: {}, next: {} },
      { name: 'h6', group: 'web', result: result === 'deployed' ? 'updated' : 'untouched', previous: {}, next: {} },
    ],
  };
}

const AVAILABILITY: AvailabilityReport = {
  intervalMs: 100,
  timeoutMs: 1000,
  startedAt: new Date().toISOString(),
  durationMs: 8000,
  endedBy: 'stop',
  basis: 'service',
  overall: { uptimeMs: 8000, downtimeMs: 0, probes: 80, failures: 0, availability: 1 },
  hosts: { uptimeMs: 22_000, downtimeMs: 2000, probes: 240, failures: 20, availability: 22 / 24 },
  service: { uptimeMs: 8000, downtimeMs: 0, probes: 80, failures: 0, availability: 1 },
  targets: [],
  batches: [],
};

test('the pushed figures can be read back from the Pushgateway', async () => {
  const log = new MemoryLogger();
  const pushed = await pushMetrics(
    gateway.url,
    rolloutFigures(report('deployed', 3), AVAILABILITY, 1_700_000_000_000),
    log,
  );
  expect(pushed).toMatchObject({ ok: true, url: `${gateway.url}/metrics/job/aviary/service/${SERVICE}` });
  expect(log.text).toContain(`pushed the rollout's metrics to ${gateway.url}/metrics/job/aviary/service/${SERVICE}`);

  const m = await gateway.samples('aviary', SERVICE);
  expect(m.get('aviary_rollout_success')).toBe(1);
  expect(m.get('aviary_rollout_result{result="deployed"}')).toBe(1);
  expect(m.get('aviary_rollout_result{result="rolled-back"}')).toBe(0);
  expect(m.get('aviary_rollout_duration_seconds')).toBe(8.25);
  expect(m.get('aviary_rollout_hosts')).toBe(3);
  expect(m.get('aviary_rollout_hosts_updated')).toBe(3);
  expect(m.get('aviary_rollout_hosts_rolled_back')).toBe(0);
  expect(m.get('aviary_rollout_availability_ratio{scope="overall"}')).toBe(1);
  expect(m.get('aviary_rollout_availability_ratio{scope="hosts"}')).toBeCloseTo(22 / 24, 5);
  expect(m.get('aviary_rollout_downtime_seconds{scope="hosts"}')).toBe(2);
  expect(m.get('aviary_rollout_batch_duration_seconds{batch="3",group="web",result="healthy"}')).toBe(2);
  expect(m.get('aviary_rollout_finished_timestamp_seconds')).toBe(1.7e9);
  expect([...m.keys()].find((k) => k.startsWith('aviary_rollout_info'))).toContain('deployment="20240101-000000-beef"');
});

test("the next rollout's push replaces the previous one (PUT), batches included", async () => {
  await pushMetrics(gateway.url, rolloutFigures(report('rolled-back', 1)), new MemoryLogger());
  const m = await gateway.samples('aviary', SERVICE);
  expect(m.get('aviary_rollout_success')).toBe(0);
  expect(m.get('aviary_rollout_result{result="rolled-back"}')).toBe(1);
  expect(m.get('aviary_rollout_hosts_rolled_back')).toBe(2);
  expect([...m.keys()].filter((k) => k.startsWith('aviary_rollout_batch_duration_seconds'))).toEqual([
    'aviary_rollout_batch_duration_seconds{batch="1",group="web",result="healthy"}',
  ]);
  expect(m.has('aviary_rollout_availability_ratio{scope="overall"}')).toBe(false);
});

test('a Pushgateway that is down only warns', async () => {
  const log = new MemoryLogger();
  const r = await pushMetrics('http://127.0.0.1:1', rolloutFigures(report('deployed', 1)), log, { timeoutMs: 2000 });
  expect(r.ok).toBe(false);
  expect(log.text).toContain(
    "warning: could not push the rollout's metrics to http://127.0.0.1:1/metrics/job/aviary/service/t-mon-push: PUT http://127.0.0.1:1/metrics/job/aviary/service/t-mon-push: connection refused",
  );
});
