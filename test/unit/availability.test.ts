// Availability probing: the accounting of uptime and downtime per target, per batch and overall
// (on a fake clock), real probes against a local server, the config and the rendering.
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Problems } from '../../src/errors';
import { availabilityTargets, hostTarget, readAvailability } from '../../src/availability/config';
import { availabilityMarkdown, availabilityOutput, formatAvailability, percent } from '../../src/availability/format';
import { AvailabilityProbe, OFFLINE_REASON, probeTarget } from '../../src/availability/probe';
import { AvailabilityTarget } from '../../src/availability/types';
import { GroupSpec } from '../../src/config/types';
import { MemoryLogger } from '../support/memory-logger';

describe('AvailabilityProbe accounting', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  test('each probe counts its interval as up or down, per target, per batch and overall', async () => {
    const t0 = Date.now();
    // Host a is down from 250ms to 450ms (its probes at 300 and 400 fail); the service never fails.
    const probe = jest.fn(async (target: AvailabilityTarget) => {
      const t = Date.now() - t0;
      return target.name === 'a' && t >= 250 && t < 450 ? { ok: false, error: 'connection refused' } : { ok: true };
    });
    const p = new AvailabilityProbe({ probe });
    p.start(
      [
        { name: 'a', url: 'http://a/health' },
        { name: 'b', url: 'http://b/health' },
        { name: 'lb', url: 'http://lb/', kind: 'service' },
      ],
      100,
    );
    await jest.advanceTimersByTimeAsync(150);
    p.markBatch(1, 'web');
    await jest.advanceTimersByTimeAsync(350); // 500
    p.markBatch(null);
    await jest.advanceTimersByTimeAsync(50); // 550
    p.markBatch(2, 'web');
    await jest.advanceTimersByTimeAsync(450); // 1000
    const r = await p.stop();

    // Probes at 0, 100, …, 1000: the last one, just as it stops, covers no time.
    expect(probe).toHaveBeenCalledTimes(33);
    const a = r.targets.find((t) => t.name === 'a')!;
    expect(a).toMatchObject({
      uptimeMs: 800,
      downtimeMs: 200,
      probes: 11,
      failures: 2,
      availability: 0.8,
      kind: 'host',
    });
    expect(a.outages).toEqual([
      { from: new Date(t0 + 300).toISOString(), durationMs: 200, failures: 2, reason: 'connection refused', batch: 1 },
    ]);
    expect(r.hosts).toEqual({ uptimeMs: 1800, downtimeMs: 200, probes: 22, failures: 2, availability: 0.9 });
    expect(r.service).toEqual({ uptimeMs: 1000, downtimeMs: 0, probes: 11, failures: 0, availability: 1 });
    expect(r.basis).toBe('service');
    expect(r.overall).toEqual(r.service);
    expect(r.durationMs).toBe(1000);
    const batch1 = r.batches.find((b) => b.index === 1)!;
    expect(batch1).toMatchObject({
      group: 'web',
      hosts: { uptimeMs: 600, downtimeMs: 200, probes: 8, failures: 2 },
      overall: { availability: 1 },
    });
    // Batch 1 holds the probes started from 150ms to 500ms (the tick at 500 comes before markBatch(null)).
    expect(batch1.targets!.a).toEqual({ uptimeMs: 200, downtimeMs: 200, probes: 4, failures: 2, availability: 0.5 });
    expect(r.batches.map((b) => [b.index, b.hosts.probes])).toEqual([
      [0, 4],
      [1, 8],
      [2, 10],
    ]);
    // Stopping twice changes nothing.
    expect(await p.stop()).toEqual(r);
  });

  test("a slow probe delays its target's next one and its whole interval counts", async () => {
    const probe = jest.fn(async () => {
      await new Promise((r) => setTimeout(r, 250));
      return { ok: false, error: 'no answer within 250ms' };
    });
    const p = new AvailabilityProbe({ probe, timeoutMs: 250 });
    p.start([{ name: 'a', url: 'http://a/' }], 100);
    await jest.advanceTimersByTimeAsync(1000);
    // The probe in flight at the end is waited for and counts up to the end: no gap in the figures.
    const stopped = p.stop();
    await jest.advanceTimersByTimeAsync(300);
    const r = await stopped;
    expect(probe).toHaveBeenCalledTimes(4); // at 0, 300, 600, 900 (each took 250ms, the next tick came after)
    expect(r.targets[0]).toMatchObject({ downtimeMs: 1000, uptimeMs: 0, probes: 4, failures: 4 });
    expect(r.targets[0].outages).toEqual([expect.objectContaining({ durationMs: 1000, failures: 4 })]);
    expect(r.overall.availability).toBe(0);
  });

  test('a host the rollout takes down is counted down, not probed, and probed again at once when it is back', async () => {
    const t0 = Date.now();
    const probe = jest.fn(async (target: AvailabilityTarget) => {
      // A slow probe of a, sent at 300ms, is still out when the switch starts at 350ms.
      if (target.name === 'a' && Date.now() - t0 === 300) await new Promise((r) => setTimeout(r, 80));
      return { ok: true };
    });
    const p = new AvailabilityProbe({ probe });
    p.start(
      [
        { name: 'a', url: 'http://a/' },
        { name: 'b', url: 'http://b/' },
      ],
      100,
    );
    await jest.advanceTimersByTimeAsync(350);
    p.offline('a');
    p.offline('a'); // twice changes nothing
    p.offline('nobody'); // not a target: ignored
    await jest.advanceTimersByTimeAsync(280); // 630: ticks at 400, 500, 600 skip a
    const calls = () => probe.mock.calls.filter(([t]) => t.name === 'a').length;
    expect(calls()).toBe(4); // 0, 100, 200, 300
    p.online('a'); // probed at once, at 630
    expect(calls()).toBe(5);
    await jest.advanceTimersByTimeAsync(370); // 1000
    const r = await p.stop();
    const a = r.targets.find((t) => t.name === 'a')!;
    // Up until the switch (the late answer of the 300ms probe counts up to 350ms), down 350–630.
    expect(a).toMatchObject({ uptimeMs: 720, downtimeMs: 280, failures: 1 });
    expect(a.outages).toEqual([
      { from: new Date(t0 + 350).toISOString(), durationMs: 280, failures: 1, reason: OFFLINE_REASON },
    ]);
    expect(r.targets.find((t) => t.name === 'b')).toMatchObject({ uptimeMs: 1000, downtimeMs: 0 });
  });

  test('stops by itself at its time limit, and its timer keeps nothing alive', async () => {
    const log = new MemoryLogger();
    const p = new AvailabilityProbe({ probe: async () => ({ ok: true }), maxDurationMs: 300, log });
    p.start([{ name: 'a', url: 'http://a/' }], 100);
    await jest.advanceTimersByTimeAsync(1000);
    expect(p.running).toBe(false);
    const r = await p.stop();
    expect(r).toMatchObject({ endedBy: 'time-limit', durationMs: 300 });
    expect(r.overall.probes).toBe(3);
    expect(log.text).toContain('stopped probing after 300ms');
  });

  test('snapshot() gives the figures so far; no probe yet is n/a', async () => {
    const p = new AvailabilityProbe({ probe: async () => ({ ok: true }) });
    expect(() => p.start([], 0)).toThrow('interval must be above 0');
    p.start(
      [
        { name: 'a', url: 'http://a/' },
        { name: 'a', url: 'http://b/' },
      ].slice(0, 1),
      100,
    );
    await jest.advanceTimersByTimeAsync(250);
    expect(p.snapshot().overall).toMatchObject({ uptimeMs: 250, probes: 3, availability: 1 });
    await p.stop();
    expect(() => p.start([], 100)).toThrow('already started');
    expect(() =>
      new AvailabilityProbe().start(
        [
          { name: 'x', url: 'http://x/' },
          { name: 'x', url: 'http://y/' },
        ],
        100,
      ),
    ).toThrow('two availability targets are named "x"');
  });
});

describe('AvailabilityProbe with real probes', () => {
  let server: http.Server;
  let base: string;
  let up = true;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.statusCode = up ? 200 : 503;
      res.end(up ? 'ok' : 'down');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('HTTP status and body, and TCP connections', async () => {
    const p = new AvailabilityProbe({ timeoutMs: 500 });
    p.start(
      [
        { name: 'app', url: `${base}/health`, body: 'ok' },
        { name: 'port', url: `tcp://127.0.0.1:${new URL(base).port}` },
        { name: 'closed', url: 'tcp://127.0.0.1:1' },
      ],
      25,
    );
    await new Promise((r) => setTimeout(r, 200));
    up = false;
    await new Promise((r) => setTimeout(r, 150));
    up = true;
    await new Promise((r) => setTimeout(r, 200));
    const r = await p.stop();
    const [app, port, closed] = r.targets;
    expect(app.failures).toBeGreaterThan(0);
    expect(app.availability!).toBeGreaterThan(0.4);
    expect(app.availability!).toBeLessThan(0.9);
    expect(app.outages[0].reason).toBe('status 503');
    expect(port).toMatchObject({ failures: 0, availability: 1 });
    expect(closed).toMatchObject({ availability: 0 });
    expect(closed.outages[0].reason).toBe('connection refused');
    expect(r.basis).toBe('hosts');
  });

  test("a probe whose timeout fired late because this process stalled is sent again: the stall is not the target's downtime", async () => {
    const busy = (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        /* the event loop is blocked */
      }
    };
    for (const url of [`${base}/health`, `tcp://127.0.0.1:${new URL(base).port}`]) {
      const pending = probeTarget({ name: 'app', url }, 100, new AbortController().signal);
      busy(500); // the 100 ms timer is due before the answer is read
      expect(await pending).toEqual({ ok: true });
    }
    // A target that really does not answer in time still fails (once resent, by its own timeout).
    const silent = http.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const started = Date.now();
    const outcome = await probeTarget(
      { name: 'silent', url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/` },
      100,
      new AbortController().signal,
    );
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
    expect(outcome).toMatchObject({
      ok: false,
      timedOut: true,
      error: expect.stringMatching(/no answer within 100ms/),
    });
    expect(Date.now() - started).toBeLessThan(350);
  });
});

describe('availability config', () => {
  const read = (raw: unknown) => {
    const p = new Problems();
    return { spec: readAvailability(p, 'availability', raw), problems: p.list };
  };

  test('defaults, false, and every field', () => {
    expect(read(undefined).spec).toEqual({ enabled: true, intervalMs: 500, timeoutMs: 1000, hosts: true, urls: [] });
    expect(read(false).spec!.enabled).toBe(false);
    expect(
      read({
        interval: '200ms',
        timeout: '2s',
        hosts: false,
        urls: [
          'http://lb.example.com/health',
          { name: 'lb2', url: 'tcp://10.0.0.9:80' },
          { url: 'https://x/', status: '2xx', body: 'ok' },
        ],
      }),
    ).toEqual({
      problems: [],
      spec: {
        enabled: true,
        intervalMs: 200,
        timeoutMs: 2000,
        hosts: false,
        urls: [
          { name: 'lb.example.com', url: 'http://lb.example.com/health', kind: 'service' },
          { name: 'lb2', url: 'tcp://10.0.0.9:80', kind: 'service' },
          { name: 'x', url: 'https://x/', kind: 'service', status: [200, 299], body: 'ok' },
        ],
      },
    });
  });

  test.each<[unknown, string]>([
    [{ interval: '10ms' }, 'availability.interval: "10ms" is not a duration of at least 50ms'],
    [{ urls: 'http://lb/' }, 'availability.urls: "http://lb/" is not a list of URLs'],
    [{ urls: ['lb:80'] }, 'availability.urls[0]: "lb:80" is not an http://, https:// or tcp:// URL'],
    [
      { urls: ['tcp://lb'] },
      'availability.urls[0]: "tcp://lb" is not an http://, https:// or tcp:// URL like "http://lb.example.com/health" (with a port)',
    ],
    [
      { urls: ['http://lb/a', 'http://lb/b'] },
      'availability.urls[1]: the name "lb" is also the name of availability.urls[0]',
    ],
    [{ url: ['http://lb/'] }, 'availability.url: is not a known field (did you mean "urls"?)'],
    [true, 'availability: true is not a mapping'],
  ])('%j', (raw, message) => {
    const { spec, problems } = read(raw);
    expect(spec).toBeUndefined();
    expect(problems.join('\n')).toContain(message);
  });

  test("targets: each host's HTTP health endpoint (or TCP port), then the service URLs", () => {
    const group = (name: string, health: Partial<GroupSpec['health']>, hosts: string[]): GroupSpec => ({
      name,
      hosts: hosts.map((h, i) => ({
        name: h,
        group: name,
        endpoint: { scheme: 'tcp', host: h, port: 2375 },
        address: i === 1 ? 'fd00::1' : `10.0.0.${i + 1}`,
      })),
      health: health as GroupSpec['health'],
      container: {} as GroupSpec['container'],
      strategy: {} as GroupSpec['strategy'],
    });
    const web = group(
      'web',
      { http: { path: '/health', port: 8080, scheme: 'http', status: [200, 299], body: { text: 'ok' } } },
      ['w1', 'w2'],
    );
    const worker = group('worker', { tcp: { port: 9000 } }, ['k1']);
    const batch = group('batch', { command: ['/bin/ready'] }, ['b1']);
    expect(hostTarget(web.hosts[1], web)).toEqual({
      name: 'w2',
      kind: 'host',
      group: 'web',
      url: 'http://[fd00::1]:8080/health',
      status: [200, 299],
      body: 'ok',
    });
    const targets = availabilityTargets([web, worker, batch], {
      enabled: true,
      intervalMs: 500,
      timeoutMs: 1000,
      hosts: true,
      urls: [{ name: 'w1', url: 'http://lb/', kind: 'service' }],
    });
    expect(targets.map((t) => [t.name, t.url])).toEqual([
      ['w1', 'http://10.0.0.1:8080/health'],
      ['w2', 'http://[fd00::1]:8080/health'],
      ['k1', 'tcp://10.0.0.1:9000'],
      ['w1 (service)', 'http://lb/'],
    ]);
  });
});

describe('availability rendering', () => {
  test('percent never rounds a loss up to 100%', () => {
    expect(percent(1)).toBe('100%');
    expect(percent(0.99999)).toBe('99.999%');
    expect(percent(0.9999999)).toBe('99.9999%');
    expect(percent(0.99531)).toBe('99.53%');
    expect(percent(0.5)).toBe('50%');
    expect(percent(null)).toBe('n/a');
  });

  test('the output, a line and the summary table', () => {
    const f = { uptimeMs: 9500, downtimeMs: 500, probes: 100, failures: 5, availability: 0.95 };
    expect(formatAvailability(f)).toBe('95% (500ms down of 10s; 5 of 100 probes failed)');
    const report = {
      intervalMs: 100,
      timeoutMs: 1000,
      startedAt: '2024-01-01T00:00:00.000Z',
      durationMs: 10_000,
      endedBy: 'stop' as const,
      basis: 'hosts' as const,
      overall: f,
      hosts: f,
      targets: [
        {
          name: 'h|1',
          url: 'http://h1/',
          kind: 'host' as const,
          ...f,
          outages: [
            { from: '2024-01-01T00:00:01.000Z', durationMs: 500, failures: 5, reason: 'connection refused', batch: 1 },
          ],
        },
      ],
      batches: [{ index: 1, group: 'web', overall: f, hosts: f }],
    };
    expect(availabilityOutput(report)).toBe('95');
    expect(availabilityOutput(undefined)).toBe('');
    const md = availabilityMarkdown(report);
    expect(md).toContain('| overall (hosts) | 95% | 9.5s | 500ms | 100 | 5 |');
    expect(md).toContain('| batch 1 · web | 95% |');
    expect(md).toContain('| h\\|1 | 95% |');
    expect(md).toContain(
      '- h\\|1: down 500ms from 2024-01-01T00:00:01.000Z (batch 1), 5 failed probe(s): connection refused',
    );
  });
});
