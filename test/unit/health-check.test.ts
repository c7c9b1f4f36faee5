// The health check's rules on a virtual clock with scripted probes: thresholds, start period,
// quick first retries, deadline, a container that exits, docker-health, cancellation, the message.
import type Dockerode from 'dockerode';
import { HealthSpec } from '../../src/health/types';
import { HostSpec } from '../../src/hosts/types';
import { checkHealth, HealthDeps } from '../../src/health/check';
import { describeFailure } from '../../src/health/describe';
import { HealthOutcome, ProbeResult } from '../../src/health/types';
import { Probes } from '../../src/health/probes';
import type { ContainerState } from '../../src/health/probes';
import { demuxDockerStream } from '../../src/hosts/docker-stream';

const host: HostSpec = {
  name: 'web-3',
  group: 'web',
  endpoint: { scheme: 'tcp', host: '10.0.0.3', port: 2375 },
  address: '10.0.0.3',
};
const target = { host, docker: {} as Dockerode, containerId: 'c0ffee' };

function spec(over: Partial<HealthSpec> = {}): HealthSpec {
  return {
    http: { path: '/health', port: 8080, scheme: 'http', status: [200, 299] },
    dockerHealth: true,
    startPeriodMs: 0,
    intervalMs: 1000,
    timeoutMs: 2000,
    healthyThreshold: 1,
    unhealthyThreshold: 3,
    deadlineMs: 60_000,
    ...over,
  };
}

/** A virtual clock: sleeping advances it at once; probes read it to script their answers. */
function harness(
  script: {
    http?: (t: number) => Partial<ProbeResult>;
    tcp?: (t: number) => Partial<ProbeResult>;
    command?: (t: number) => Partial<ProbeResult>;
    container?: (t: number) => ContainerState;
  },
  probeMs = 0,
) {
  let t = 0;
  const times: number[] = [];
  const result = (check: ProbeResult['check'], r: Partial<ProbeResult>): ProbeResult => ({
    check,
    ok: true,
    latencyMs: probeMs,
    at: t,
    ...r,
  });
  const probes: Probes = {
    http: async () => {
      times.push(t);
      const r = result('http', { status: 200, ...script.http?.(t) });
      t += probeMs;
      return r;
    },
    tcp: async () => result('tcp', script.tcp?.(t) ?? {}),
    command: async () => result('command', { exitCode: 0, ...script.command?.(t) }),
    container: async () => script.container?.(t) ?? { status: 'running' },
  };
  const deps: HealthDeps = {
    now: () => t,
    sleep: async (ms) => {
      t += ms;
    },
    probes,
  };
  return { deps, times, now: () => t };
}

const failing = (status = 503): Partial<ProbeResult> => ({
  ok: false,
  status,
  error: `status ${status}, expected 200-299`,
});

test('healthy on the first probe, at once', async () => {
  const h = harness({});
  const out = await checkHealth(target, spec(), h.deps);
  expect(out).toMatchObject({ healthy: true, rounds: 1, elapsedMs: 0 });
  expect(out.reason).toBeUndefined();
});

test('until the first pass, probes retry quickly (25ms doubling) instead of waiting an interval', async () => {
  const h = harness({ http: (t) => (t < 150 ? failing() : {}) });
  const out = await checkHealth(target, spec(), h.deps);
  expect(out.healthy).toBe(true);
  expect(h.times).toEqual([0, 25, 75, 175]);
  expect(out.elapsedMs).toBe(175);
});

test('healthy-threshold 3 needs 3 passing rounds in a row, one interval apart', async () => {
  const h = harness({});
  const out = await checkHealth(target, spec({ healthyThreshold: 3 }), h.deps);
  expect(out).toMatchObject({ healthy: true, rounds: 3, elapsedMs: 2000 });
  expect(h.times).toEqual([0, 1000, 2000]);
});

test('a failing round breaks the passing streak', async () => {
  const h = harness({ http: (t) => (t === 1000 ? failing() : {}) });
  const out = await checkHealth(target, spec({ healthyThreshold: 3 }), h.deps);
  expect(out.healthy).toBe(true);
  expect(h.times).toEqual([0, 1000, 2000, 3000, 4000]);
});

test('unhealthy-threshold 2 fails after 2 counted failures; the first interval is grace', async () => {
  const h = harness({ http: () => failing() });
  const out = await checkHealth(target, spec({ unhealthyThreshold: 2 }), h.deps);
  expect(out).toMatchObject({
    healthy: false,
    check: 'http',
    reason: 'http: status 503, expected 200-299 (2 failed rounds in a row)',
  });
  // quick uncounted retries up to the first interval, then one counted round per interval
  expect(h.times).toEqual([0, 25, 75, 175, 375, 775, 1000, 2000]);
  expect(out.elapsedMs).toBe(2000);
});

test('unhealthy-threshold 1 names no streak', async () => {
  const h = harness({ http: () => failing(500) });
  const out = await checkHealth(target, spec({ unhealthyThreshold: 1 }), h.deps);
  expect(out.reason).toBe('http: status 500, expected 200-299');
  expect(out.elapsedMs).toBe(1000);
});

test('start period: failures in it do not count, a pass in it does', async () => {
  const h = harness({ http: (t) => (t < 7000 ? failing() : {}) });
  const out = await checkHealth(target, spec({ startPeriodMs: 10_000, unhealthyThreshold: 1 }), h.deps);
  expect(out.healthy).toBe(true);
  expect(out.elapsedMs).toBe(7575); // 0, 25, 75, 175, 375, 775, 1575, … one interval apart after the quick retries
});

test('start period: a service that never passes fails only after it, by the threshold', async () => {
  const h = harness({ http: () => failing() });
  const out = await checkHealth(target, spec({ startPeriodMs: 5000, unhealthyThreshold: 3 }), h.deps);
  expect(out.healthy).toBe(false);
  expect(out.elapsedMs).toBe(7000); // counted at 5s, 6s, 7s
});

test('not healthy by the deadline', async () => {
  const h = harness({ http: () => failing() });
  const out = await checkHealth(target, spec({ unhealthyThreshold: 100, deadlineMs: 10_000 }), h.deps);
  expect(out).toMatchObject({
    healthy: false,
    elapsedMs: 10_000,
    reason: 'did not become healthy within 10s: http: status 503, expected 200-299',
  });
});

test('the deadline also ends a streak that is too short', async () => {
  const h = harness({});
  const out = await checkHealth(target, spec({ healthyThreshold: 5, deadlineMs: 3000 }), h.deps);
  expect(out).toMatchObject({
    healthy: false,
    reason: 'did not become healthy within 3s: only 3 of 5 passing rounds in a row',
  });
});

test('every check must pass in the same round', async () => {
  const h = harness({
    tcp: (t) => (t < 2000 ? { ok: false, error: 'connection refused by 10.0.0.3:9000 (nothing listens)' } : {}),
  });
  const out = await checkHealth(target, spec({ tcp: { port: 9000 }, command: ['/bin/ready'] }), h.deps);
  expect(out.healthy).toBe(true);
  expect(out.elapsedMs).toBe(2000);
  const lastRound = out.results
    .filter((r) => r.at === 2000)
    .map((r) => r.check)
    .sort();
  expect(lastRound).toEqual(['command', 'http', 'tcp']);
});

test('a failing command fails the round with its exit code', async () => {
  const h = harness({
    command: () => ({ ok: false, exitCode: 2, output: 'db not ready', error: 'exit code 2: db not ready' }),
  });
  const out = await checkHealth(
    target,
    spec({ http: undefined, command: ['/bin/ready'], unhealthyThreshold: 1 }),
    h.deps,
  );
  expect(out).toMatchObject({ healthy: false, check: 'command', reason: 'command: exit code 2: db not ready' });
});

test('a container that exits fails at once with its exit code, even in the start period', async () => {
  const h = harness({
    http: () => ({ ok: false, error: 'connection refused' }),
    container: (t) => (t < 75 ? { status: 'running' } : { status: 'exited', exitCode: 3 }),
  });
  const out = await checkHealth(target, spec({ startPeriodMs: 30_000 }), h.deps);
  expect(out).toMatchObject({
    healthy: false,
    check: 'container',
    reason: 'container: the container exited with code 3',
    elapsedMs: 75,
  });
  expect(out.results.at(-1)).toMatchObject({ check: 'container', ok: false, exitCode: 3 });
});

test('a container that is restarting counts as a failing round, not a final one', async () => {
  const h = harness({ container: (t) => (t < 1000 ? { status: 'restarting', exitCode: 1 } : { status: 'running' }) });
  const out = await checkHealth(target, spec(), h.deps);
  expect(out.healthy).toBe(true);
  expect(out.elapsedMs).toBe(1000);
});

test('docker-health: starting is neither, healthy passes, unhealthy fails', async () => {
  const health = (t: number) => (t < 3000 ? 'starting' : t < 5000 ? 'healthy' : 'unhealthy');
  const h = harness({
    container: (t) => ({
      status: 'running',
      health: { status: health(t), exitCode: health(t) === 'unhealthy' ? 1 : 0, output: 'wget: server returned error' },
    }),
  });
  const out = await checkHealth(target, spec({ http: undefined, healthyThreshold: 2 }), h.deps);
  expect(out).toMatchObject({ healthy: true, elapsedMs: 4000 });

  const h2 = harness({
    container: () => ({
      status: 'running',
      health: { status: 'unhealthy', exitCode: 1, output: 'wget: server returned error: HTTP/1.0 404 Not Found' },
    }),
  });
  const out2 = await checkHealth(target, spec({ http: undefined, unhealthyThreshold: 1 }), h2.deps);
  expect(out2).toMatchObject({
    healthy: false,
    check: 'docker-health',
    reason: 'docker-health: HEALTHCHECK reports unhealthy: wget: server returned error: HTTP/1.0 404 Not Found',
  });

  const h3 = harness({ container: () => ({ status: 'running', health: { status: 'starting' } }) });
  const out3 = await checkHealth(target, spec({ http: undefined, deadlineMs: 5000 }), h3.deps);
  expect(out3.reason).toBe('did not become healthy within 5s: docker-health: HEALTHCHECK still starting');
});

test('docker-health: false ignores the image HEALTHCHECK', async () => {
  const h = harness({ container: () => ({ status: 'running', health: { status: 'unhealthy' } }) });
  const out = await checkHealth(target, spec({ dockerHealth: false }), h.deps);
  expect(out.healthy).toBe(true);
});

test('no checks configured: a running container is healthy', async () => {
  const h = harness({});
  const out = await checkHealth(target, spec({ http: undefined, dockerHealth: false }), h.deps);
  expect(out).toMatchObject({ healthy: true, rounds: 1 });
});

test('latencies of the passing HTTP probes are kept; results of the last 5 rounds only', async () => {
  const h = harness({ http: (t) => (t < 9000 ? failing() : {}) }, 12);
  const out = await checkHealth(target, spec({ unhealthyThreshold: 100, healthyThreshold: 2 }), h.deps);
  expect(out.healthy).toBe(true);
  expect(out.latencies).toEqual([12, 12]);
  expect(out.results).toHaveLength(5);
  expect(out.rounds).toBeGreaterThan(5);
});

test('cancelling ends the check with an aborted outcome', async () => {
  const controller = new AbortController();
  const h = harness({
    http: (t) => {
      if (t >= 3000) controller.abort();
      return failing();
    },
  });
  const out = await checkHealth(target, spec({ unhealthyThreshold: 100 }), h.deps, controller.signal);
  expect(out).toMatchObject({ healthy: false, aborted: true });
  const already = await checkHealth(target, spec(), h.deps, controller.signal);
  expect(already).toMatchObject({ healthy: false, aborted: true, rounds: 0 });
});

describe('describeFailure', () => {
  const outcome: HealthOutcome = {
    healthy: false,
    check: 'http',
    reason: 'http: status 503, expected 200-299 (3 failed rounds in a row)',
    rounds: 9,
    startedAt: 1_000_000,
    elapsedMs: 3100,
    latencies: [],
    results: [1000, 2000, 3000].map((d) => ({
      check: 'http' as const,
      ok: false,
      target: 'GET http://10.0.0.3:8080/health',
      latencyMs: 4,
      status: 503,
      bodyExcerpt: 'Service Unavailable',
      error: 'status 503, expected 200-299',
      at: 1_000_000 + d,
    })),
  };

  test('names the host, the check, the last answers and the log lines', () => {
    expect(describeFailure(outcome, host, ['listening on 8080', 'error: database is down'])).toBe(
      [
        'web-3: unhealthy after 9 rounds in 3.1s — http: status 503, expected 200-299 (3 failed rounds in a row)',
        '  last results:',
        '    +1s    http          GET http://10.0.0.3:8080/health → 503 in 4ms, body "Service Unavailable" — status 503, expected 200-299',
        '    +2s    http          GET http://10.0.0.3:8080/health → 503 in 4ms, body "Service Unavailable" — status 503, expected 200-299',
        '    +3s    http          GET http://10.0.0.3:8080/health → 503 in 4ms, body "Service Unavailable" — status 503, expected 200-299',
        '  last log lines of the container:',
        '    | listening on 8080',
        '    | error: database is down',
      ].join('\n'),
    );
  });

  test('command and container results show exit codes and output', () => {
    const text = describeFailure(
      {
        ...outcome,
        check: 'container',
        reason: 'container: the container exited with code 3',
        results: [
          {
            check: 'command',
            ok: false,
            target: 'exec /bin/ready',
            latencyMs: 30,
            exitCode: 1,
            output: 'not ready\nretry later',
            error: 'exit code 1: retry later',
            at: 1_000_100,
          },
          {
            check: 'container',
            ok: false,
            latencyMs: 0,
            exitCode: 3,
            error: 'the container exited with code 3',
            at: 1_000_200,
          },
        ],
      },
      host,
      [],
    );
    expect(text).toContain('exec /bin/ready → exit 1 in 30ms: not ready ⏎ retry later');
    expect(text).toContain('container     the container exited with code 3');
    expect(text).toContain('the container logged nothing');
  });
});

test('demuxDockerStream splits stdout and stderr frames, and passes raw TTY output through', () => {
  const frame = (stream: number, text: string) => {
    const payload = Buffer.from(text);
    const header = Buffer.alloc(8);
    header[0] = stream;
    header.writeUInt32BE(payload.length, 4);
    return Buffer.concat([header, payload]);
  };
  const mixed = Buffer.concat([frame(1, 'starting\n'), frame(2, 'fatal: no config\n'), frame(1, 'bye\n')]);
  expect(demuxDockerStream(mixed)).toEqual({
    text: 'starting\nfatal: no config\nbye\n',
    stdout: 'starting\nbye\n',
    stderr: 'fatal: no config\n',
  });
  expect(demuxDockerStream(Buffer.from('plain tty output\n')).text).toBe('plain tty output\n');
  expect(demuxDockerStream(Buffer.alloc(0)).text).toBe('');
});
