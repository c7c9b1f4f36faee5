// Health checks against real containers on the fleet: every check type passing and failing,
// thresholds, start period, deadline, a container that exits at once, and the failure message.
import * as fs from 'node:fs';
import Docker from 'dockerode';
import { HealthSpec, HttpCheck } from '../../src/health/types';
import { HostSpec } from '../../src/hosts/types';
import { closeConnections, connectHost, Connection } from '../../src/hosts/connect';
import { checkHealth } from '../../src/health/check';
import { containerLogs, describeUnhealthy } from '../../src/health/describe';
import { HealthOutcome, HealthTarget } from '../../src/health/types';
import { MemoryLogger } from '../support/memory-logger';
import { Fleet, FleetHost, loadFleet } from '../support/fleet';
import { endpoint } from '../support/endpoint';

const fleet: Fleet = loadFleet();
const image = `${fleet.registry.plain}/${fleet.baseImage}`;
const web = fleet.hosts.find((h) => h.tcp)!; // a plain host, reached through its unix socket
const sshHost = fleet.hosts.find((h) => h.ssh)!; // the command check through an SSH connection
const dockerOf = (h: FleetHost) => new Docker({ socketPath: h.socket.replace('unix://', '') });
const engines = new Map<string, Docker>([
  [web.name, dockerOf(web)],
  [sshHost.name, dockerOf(sshHost)],
]);
const hostSpec = (h: FleetHost): HostSpec => ({
  name: h.name,
  group: 'test',
  endpoint: endpoint(h.socket),
  address: h.address,
});

// Serves /health ("ok"), /degraded, /cgi-bin/slow (answers after 1s); any other path is a 404.
const SERVE = [
  'mkdir -p /www/cgi-bin',
  'echo ok > /www/health',
  'echo "status: degraded" > /www/degraded',
  `printf '#!/bin/sh\\nsleep 1\\necho "Content-Type: text/plain"\\necho\\necho slow ok\\n' > /www/cgi-bin/slow`,
  'chmod +x /www/cgi-bin/slow',
  'echo "serving on 8080"',
  'trap "exit 0" TERM',
  'httpd -f -p 8080 -h /www & wait',
].join('; ');

async function pull(docker: Docker): Promise<void> {
  const stream = await docker.pull(image);
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())),
  );
}

async function removeOurs(docker: Docker): Promise<void> {
  const list = await docker.listContainers({ all: true });
  await Promise.all(
    list
      .filter((c) => c.Names.some((n) => n.startsWith('/t-health-')))
      .map((c) =>
        docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
  );
}

/** Creates and starts a container; returns its id and when its start returned. */
async function run(
  h: FleetHost,
  name: string,
  script: string,
  port?: number,
  extra: Partial<Docker.ContainerCreateOptions> = {},
): Promise<{ id: string; startedAt: number }> {
  const docker = engines.get(h.name)!;
  await docker
    .getContainer(name)
    .remove({ force: true })
    .catch(() => undefined);
  const c = await docker.createContainer({
    name,
    Image: image,
    Cmd: ['sh', '-c', script],
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: port ? { PortBindings: { '8080/tcp': [{ HostPort: String(port) }] } } : {},
    ...extra,
  });
  await c.start();
  return { id: c.id, startedAt: Date.now() };
}

function spec(over: Partial<HealthSpec> = {}): HealthSpec {
  return {
    dockerHealth: true,
    startPeriodMs: 0,
    intervalMs: 200,
    timeoutMs: 2000,
    healthyThreshold: 1,
    unhealthyThreshold: 2,
    deadlineMs: 20_000,
    ...over,
  };
}
const http = (port: number, over: Partial<HttpCheck> = {}): HttpCheck => ({
  path: '/health',
  port,
  scheme: 'http',
  status: [200, 299],
  ...over,
});

let webTarget: HealthTarget;
const timings: string[] = [];
const connections: Connection[] = [];

beforeAll(async () => {
  await Promise.all(
    [...engines.values()].map(async (d) => {
      await removeOurs(d);
      await pull(d);
    }),
  );
  const { id } = await run(web, 't-health-web', SERVE, 18001);
  webTarget = { host: hostSpec(web), docker: engines.get(web.name)!, containerId: id };
  // Wait until it serves, so that each check below sees a ready service.
  const ready = await checkHealth(webTarget, spec({ http: http(18001) }));
  expect(ready.healthy).toBe(true);
}, 120_000);

afterAll(async () => {
  closeConnections(connections);
  await Promise.all([...engines.values()].map(removeOurs));
  if (timings.length) console.log(timings.join('\n'));
});

async function check(over: Partial<HealthSpec>, target = webTarget): Promise<HealthOutcome> {
  return checkHealth(target, spec(over), { log: new MemoryLogger() });
}

describe('http', () => {
  test('status range, body substring, body regex and max latency pass on a healthy endpoint', async () => {
    const out = await check({ http: http(18001, { body: { text: 'ok' }, maxLatencyMs: 1000 }), healthyThreshold: 2 });
    expect(out).toMatchObject({ healthy: true, rounds: 2 });
    expect(out.latencies).toHaveLength(2);
    expect(out.results.at(-1)).toMatchObject({
      check: 'http',
      ok: true,
      status: 200,
      bodyExcerpt: 'ok',
      target: `GET http://${web.address}:18001/health`,
    });
    expect((await check({ http: http(18001, { body: { regex: '^ok$' } }) })).healthy).toBe(true);
  });

  test('a status outside the range fails; a range that includes it passes', async () => {
    const out = await check({ http: http(18001, { path: '/missing' }) });
    expect(out).toMatchObject({
      healthy: false,
      check: 'http',
      reason: 'http: status 404, expected 200-299 (2 failed rounds in a row)',
    });
    expect((await check({ http: http(18001, { path: '/missing', status: [404, 404] }) })).healthy).toBe(true);
  });

  test('a body without the text, or not matching the regex, fails', async () => {
    const text = await check({ http: http(18001, { path: '/degraded', body: { text: 'ok' } }) });
    expect(text.reason).toBe('http: body does not contain "ok" (2 failed rounds in a row)');
    expect(text.results.at(-1)).toMatchObject({ status: 200, bodyExcerpt: 'status: degraded' });
    const regex = await check({ http: http(18001, { path: '/degraded', body: { regex: 'status: (ok|healthy)' } }) });
    expect(regex.reason).toBe('http: body does not match /status: (ok|healthy)/ (2 failed rounds in a row)');
  });

  test('a slow answer fails max-latency; one slower than the timeout fails as no answer', async () => {
    const slow = await check({
      http: http(18001, { path: '/cgi-bin/slow', body: { text: 'slow ok' }, maxLatencyMs: 300 }),
      unhealthyThreshold: 1,
    });
    expect(slow.reason).toMatch(/^http: answered in 1(\.\d+)?s, more than max-latency 300ms$/);
    expect(slow.results.at(-1)).toMatchObject({ status: 200, bodyExcerpt: 'slow ok' });
    expect(slow.latencies).toEqual([]);
    const timeout = await check({
      http: http(18001, { path: '/cgi-bin/slow' }),
      timeoutMs: 400,
      unhealthyThreshold: 1,
    });
    expect(timeout.reason).toBe('http: no answer within 400ms');
    expect(timeout.results.at(-1)!.latencyMs).toBeLessThan(1000);
    expect((await check({ http: http(18001, { path: '/cgi-bin/slow', maxLatencyMs: 3000 }) })).healthy).toBe(true);
  });

  test('a port where nothing listens', async () => {
    const out = await check({ http: http(18002), unhealthyThreshold: 1 });
    expect(out.reason).toBe(`http: connection refused by ${web.address}:18002 (nothing listens)`);
  });
});

describe('tcp and command', () => {
  test('tcp passes on the published port and fails on another', async () => {
    expect(await check({ tcp: { port: 18001 } })).toMatchObject({ healthy: true, rounds: 1 });
    const out = await check({ tcp: { port: 18002 }, unhealthyThreshold: 1 });
    expect(out).toMatchObject({
      healthy: false,
      check: 'tcp',
      reason: `tcp: connection refused by ${web.address}:18002 (nothing listens)`,
    });
  });

  test('command: exit 0 passes, another exit code fails with its output', async () => {
    expect(await check({ command: ['sh', '-c', 'test -s /www/health && echo fine'] })).toMatchObject({ healthy: true });
    const out = await check({
      command: ['sh', '-c', 'echo checking; echo database unreachable >&2; exit 3'],
      unhealthyThreshold: 1,
    });
    // stdout and stderr are separate streams: under load their lines may arrive in either order.
    expect(out).toMatchObject({ healthy: false, check: 'command' });
    expect(out.reason).toMatch(/^command: exit code 3: (database unreachable|checking)$/);
    expect(out.results.at(-1)?.exitCode).toBe(3);
    expect(out.results.at(-1)?.output?.split('\n').sort()).toEqual(['checking', 'database unreachable']);
  });

  test('command: a binary that does not exist fails', async () => {
    const out = await check({ command: ['/bin/no-such-check'], unhealthyThreshold: 1 });
    expect(out.healthy).toBe(false);
    expect(out.reason).toMatch(/^command: exit code 12[67]/);
  });

  test('command: one that hangs is cut at the timeout', async () => {
    const t = Date.now();
    const out = await check({ command: ['sleep', '30'], timeoutMs: 500, unhealthyThreshold: 1 });
    expect(out.reason).toBe('command: no result within 500ms');
    expect(Date.now() - t).toBeLessThan(5000); // not the 30 s the command would take (room for a loaded machine)
  });

  test('all checks in one round: http, tcp and command together', async () => {
    const out = await check({ http: http(18001), tcp: { port: 18001 }, command: ['true'], healthyThreshold: 2 });
    expect(out.healthy).toBe(true);
    expect(new Set(out.results.map((r) => r.check))).toEqual(new Set(['http', 'tcp', 'command']));
  });
});

describe('docker-health', () => {
  const healthcheck = (path: string) => ({
    Healthcheck: {
      Test: ['CMD-SHELL', `wget -q -O- http://127.0.0.1:8080${path} || exit 1`],
      Interval: 200e6,
      Timeout: 1e9,
      Retries: 2,
      StartPeriod: 0,
    },
  });

  test('an image HEALTHCHECK that turns healthy', async () => {
    const { id } = await run(web, 't-health-dh-ok', SERVE, undefined, healthcheck('/health'));
    const out = await check({}, { ...webTarget, containerId: id });
    expect(out.healthy).toBe(true);
    expect(out.results.at(-1)).toMatchObject({ check: 'docker-health', ok: true });
  });

  test('an image HEALTHCHECK that turns unhealthy', async () => {
    const { id } = await run(web, 't-health-dh-bad', SERVE, undefined, healthcheck('/nothing'));
    const out = await check({ unhealthyThreshold: 1 }, { ...webTarget, containerId: id });
    expect(out).toMatchObject({ healthy: false, check: 'docker-health' });
    expect(out.reason).toMatch(/^docker-health: HEALTHCHECK reports unhealthy/);
  });

  test('dockerHealth: false does not wait for it', async () => {
    const { id } = await run(web, 't-health-dh-off', SERVE, undefined, healthcheck('/nothing'));
    expect(
      (await check({ dockerHealth: false, unhealthyThreshold: 1 }, { ...webTarget, containerId: id })).healthy,
    ).toBe(true);
  });
});

describe('rules over time', () => {
  test('healthy-threshold 3 needs 3 passing rounds', async () => {
    const out = await check({ http: http(18001), healthyThreshold: 3 });
    expect(out).toMatchObject({ healthy: true, rounds: 3 });
    expect(out.elapsedMs).toBeGreaterThanOrEqual(400);
    expect(out.elapsedMs).toBeLessThan(2500);
  });

  test('unhealthy-threshold 2 fails after 2 counted failures', async () => {
    const out = await check({ http: http(18001, { path: '/missing' }), unhealthyThreshold: 2, intervalMs: 300 });
    expect(out.healthy).toBe(false);
    expect(out.elapsedMs).toBeGreaterThanOrEqual(600); // counted at 300ms and 600ms
    expect(out.elapsedMs).toBeLessThan(2500);
  });

  test('start period: a service that starts late is healthy, not failed', async () => {
    const script = `sleep 1.5; ${SERVE}`;
    const { id } = await run(web, 't-health-late', script, 18003);
    const target = { ...webTarget, containerId: id };
    const out = await check({ http: http(18003), startPeriodMs: 4000, unhealthyThreshold: 1 }, target);
    expect(out.healthy).toBe(true);
    expect(out.elapsedMs).toBeGreaterThan(1000); // it waited for the service, which answers 1.5 s after its start

    // The same service without a start period fails at the first counted probe.
    const { id: id2 } = await run(web, 't-health-late', script, 18003);
    const failed = await check({ http: http(18003), unhealthyThreshold: 1 }, { ...webTarget, containerId: id2 });
    expect(failed).toMatchObject({ healthy: false, check: 'http' });
    expect(failed.elapsedMs).toBeLessThan(1000);
  });

  test('deadline', async () => {
    const out = await check({ http: http(18001, { path: '/missing' }), unhealthyThreshold: 1000, deadlineMs: 1000 });
    expect(out.reason).toBe('did not become healthy within 1s: http: status 404, expected 200-299');
    expect(out.elapsedMs).toBeGreaterThanOrEqual(1000);
    expect(out.elapsedMs).toBeLessThan(2000);
  });

  test('cancelling returns an aborted outcome at once', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const t = Date.now();
    const out = await checkHealth(
      webTarget,
      spec({ http: http(18001, { path: '/missing' }), unhealthyThreshold: 1000 }),
      {},
      controller.signal,
    );
    expect(out).toMatchObject({ healthy: false, aborted: true });
    expect(Date.now() - t).toBeLessThan(1000);
  });
});

describe('failures the user reads', () => {
  test('a container that exits at once: exit code and last log lines', async () => {
    const { id } = await run(
      web,
      't-health-exit',
      'echo starting >&2; echo "fatal: cannot open /etc/app.conf" >&2; exit 3',
      18004,
    );
    const target = { ...webTarget, containerId: id };
    const out = await check({ http: http(18004), startPeriodMs: 10_000 }, target);
    expect(out).toMatchObject({
      healthy: false,
      check: 'container',
      reason: 'container: the container exited with code 3',
    });
    expect(out.elapsedMs).toBeLessThan(2000);
    const message = await describeUnhealthy(target, out);
    expect(message).toMatch(
      new RegExp(`^${web.name}: unhealthy after \\d+ rounds? in .* — container: the container exited with code 3\n`),
    );
    expect(message).toContain('container     the container exited with code 3');
    expect(message).toContain(
      '  last log lines of the container:\n    | starting\n    | fatal: cannot open /etc/app.conf',
    );
  });

  test('the message names the host, the check, the statuses and the log lines', async () => {
    const out = await check({ http: http(18001, { path: '/degraded', body: { text: 'ok' } }), unhealthyThreshold: 2 });
    const message = await describeUnhealthy(webTarget, out);
    const lines = message.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^${web.name}: unhealthy after \\d+ rounds in .* — http: body does not contain "ok" \\(2 failed rounds in a row\\)$`,
      ),
    );
    expect(message).toContain(`http          GET http://${web.address}:18001/degraded → 200 in `);
    expect(message).toContain(', body "status: degraded" — body does not contain "ok"');
    expect(message).toContain('    | serving on 8080');
  });

  test('containerLogs returns the last lines, in order', async () => {
    const { id } = await run(
      web,
      't-health-logs',
      'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo line $i; done; sleep 0.3; echo err >&2; sleep 30',
    );
    let lines: string[] = [];
    for (let i = 0; i < 30 && lines.at(-1) !== 'err'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      lines = await containerLogs(engines.get(web.name)!, id, 5);
    }
    expect(lines).toEqual(['line 9', 'line 10', 'line 11', 'line 12', 'err']);
    expect(await containerLogs(engines.get(web.name)!, 'no-such-container', 5)).toEqual([
      expect.stringMatching(/^\(could not read the container's logs: /),
    ]);
  });
});

describe('speed and transports', () => {
  test('a fresh healthy container is seen healthy within a fraction of a second of its start', async () => {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { id, startedAt } = await run(web, 't-health-fast', SERVE, 18005);
      const out = await check(
        { http: http(18005, { body: { text: 'ok' } }), intervalMs: 1000 },
        { ...webTarget, containerId: id },
      );
      expect(out.healthy).toBe(true);
      samples.push(Date.now() - startedAt);
    }
    timings.push(`health: fresh container healthy ${samples.join(' / ')} ms after its start (interval 1s)`);
    expect(Math.min(...samples)).toBeLessThan(600);
  });

  test('command and docker-health through an SSH connection', async () => {
    const conn = await connectHost(
      { ...hostSpec(sshHost), endpoint: endpoint(sshHost.ssh!) },
      {
        parallel: 1,
        sshKey: fs.readFileSync(fleet.ssh.key, 'utf8'),
        knownHosts: fs.readFileSync(fleet.ssh.knownHosts, 'utf8'),
      },
      new MemoryLogger(),
    );
    connections.push(conn);
    const { id, startedAt } = await run(sshHost, 't-health-ssh', SERVE, 18006, {
      Healthcheck: {
        Test: ['CMD-SHELL', 'wget -q -O- http://127.0.0.1:8080/health'],
        Interval: 200e6,
        Timeout: 1e9,
        Retries: 2,
      },
    });
    const target = { host: conn.host, docker: conn.docker, containerId: id };
    const out = await check(
      { http: http(18006), command: ['sh', '-c', 'test -s /www/health'], healthyThreshold: 2 },
      target,
    );
    expect(out.healthy).toBe(true);
    timings.push(
      `health over ssh (http + command + docker-health, threshold 2): healthy ${Date.now() - startedAt} ms after start`,
    );
    const bad = await check({ command: ['sh', '-c', 'echo nope; exit 1'], unhealthyThreshold: 1 }, target);
    expect(bad.reason).toBe('command: exit code 1: nope');
    expect(await describeUnhealthy(target, bad)).toContain('| serving on 8080');
  });
});
