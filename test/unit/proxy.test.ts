// Proxy mode's pure parts: the `proxy:` section as the loader reads it (defaults, merging, the
// problems it names), the Caddyfiles aviary writes and reads back, and how the plan shows it.
import { loadConfig } from '../../src/config/load';
import { InputError } from '../../src/errors';
import { caddyfile, canaryOf, edgeCaddyfile, servedBy } from '../../src/proxy/caddyfile';
import { RolloutReport } from '../../src/report/types';
import { renderPlan, renderSummary } from '../../src/report/summary';

const ID = 'a'.repeat(12) + 'b'.repeat(52);

function config(body: string) {
  return loadConfig({
    text: `service: web\nimage: reg.example/acme/web\n${body}`,
    path: 'aviary.yml',
    overrides: { image: 'v2' },
    env: {},
  });
}

function problems(body: string): string[] {
  try {
    config(body);
  } catch (err) {
    if (err instanceof InputError)
      return err.message
        .split('\n')
        .map((l) => l.replace(/^\s*-\s*/, '').trim())
        .filter(Boolean);
    throw err;
  }
  return [];
}

const GROUPS =
  'groups:\n  web: {hosts: [tcp://10.0.0.1:2375]}\n  worker: {hosts: [tcp://10.0.0.2:2375], proxy: false}\n';
const HEALTH = 'health: {http: {path: /health, port: 8080}}\n';

describe('the proxy section', () => {
  test('a top-level proxy applies to every group but one that says proxy: false; defaults filled in', () => {
    const c = config(`${GROUPS}${HEALTH}proxy: {image: reg.example/aviary/caddy:2.6}\n`);
    expect(c.groups[0].proxy).toEqual({
      image: 'reg.example/aviary/caddy:2.6',
      port: 80,
      appPort: 8080,
      network: 'aviary-web',
      drainMs: 1000,
    });
    expect(c.groups[1].proxy).toBeUndefined();
  });

  test("a group's proxy is merged field by field over the top level's", () => {
    const c = config(
      `groups:\n  web: {hosts: [tcp://10.0.0.1:2375], proxy: {port: 8443, drain: 3s}}\n${HEALTH}proxy: {image: reg.example/aviary/caddy:2.6, app-port: 9000, network: front}\n`,
    );
    expect(c.groups[0].proxy).toEqual({
      image: 'reg.example/aviary/caddy:2.6',
      port: 8443,
      appPort: 9000,
      network: 'front',
      drainMs: 3000,
    });
  });

  test('a canary weight, judged by the pause', () => {
    const c = config(
      `${GROUPS}${HEALTH}strategy: {pause: 1m}\nproxy: {image: reg.example/aviary/caddy:2.6, canary-weight: 10%}\n`,
    );
    expect(c.groups[0].proxy?.canaryWeight).toBe(10);
  });

  test('without a proxy section nothing changes', () => {
    expect(config(`${GROUPS}${HEALTH}`).groups.every((g) => g.proxy === undefined)).toBe(true);
  });

  test.each<[string, string, string]>([
    ['no image', 'proxy: {port: 80}\n', "proxy.image: is missing (expected the proxy's image"],
    ['a bad image', 'proxy: {image: "Not An Image"}\n', 'proxy.image: "Not An Image" is not an image reference'],
    ['a port out of range', 'proxy: {image: reg.example/caddy:2.6, port: 70000}\n', 'proxy.port: 70000'],
    ['an unknown key', 'proxy: {image: reg.example/caddy:2.6, listen: 80}\n', 'proxy.listen: is not a known field'],
    [
      'a drain too long',
      'proxy: {image: reg.example/caddy:2.6, drain: 10m}\n',
      'proxy.drain: "10m" is not a duration of at most 5m',
    ],
    ...['0%', '100%', '12.5%', '10', 'ten'].map((w): [string, string, string] => [
      `a canary weight of ${w}`,
      `proxy: {image: reg.example/caddy:2.6, canary-weight: "${w}"}\nstrategy: {pause: 30s}\n`,
      `proxy.canary-weight: "${w}" is not a whole percentage from 1% to 99%, like "10%"`,
    ]),
    [
      'a canary weight nothing judges (no gates, no pause)',
      'proxy: {image: reg.example/caddy:2.6, canary-weight: 10%}\n',
      'proxy.canary-weight: the group web has no gates and no strategy.pause: nothing would judge',
    ],
    [
      'a list',
      'proxy: [caddy]\n',
      'proxy: ["caddy"] is not a mapping like {image: registry.example.com/aviary/caddy:2.6, port: 80}, or false',
    ],
  ])('%s is named by its field', (_name, section, message) => {
    const found = problems(`${GROUPS}${HEALTH}${section}`).filter((l) => !/^\d+ problems:$/.test(l));
    expect(found).toEqual([expect.stringContaining(message)]);
  });

  test('the app publishing a port is refused: the proxy owns it', () => {
    expect(
      problems(`${GROUPS}${HEALTH}container: {ports: ["8080:8080"]}\nproxy: {image: reg.example/caddy:2.6}\n`),
    ).toContain(
      'container.ports: the group web runs behind the proxy, which owns the published port (proxy.port: 80): remove ports, or turn the proxy off for the group with proxy: false',
    );
  });

  test("a group's own ports are named where they are written", () => {
    expect(
      problems(
        `groups:\n  web: {hosts: [tcp://10.0.0.1:2375], container: {ports: ["81:8080"]}}\n${HEALTH}proxy: {image: reg.example/caddy:2.6}\n`,
      )[0],
    ).toMatch(/^groups\.web\.container\.ports: the group web runs behind the proxy/);
  });

  test("without an HTTP or TCP check the app's port must be given", () => {
    expect(problems(`${GROUPS}health: {command: [/bin/ready]}\nproxy: {image: reg.example/caddy:2.6}\n`)).toContain(
      "proxy.app-port: is missing (expected the port the app listens on inside its container, like 8080; the health check's http or tcp port is the default)",
    );
  });

  test("the app on another network than the proxy's is refused", () => {
    expect(
      problems(`${GROUPS}${HEALTH}container: {network: other}\nproxy: {image: reg.example/caddy:2.6}\n`)[0],
    ).toMatch(/^container\.network: "other" is not the proxy's network "aviary-web"/);
  });
});

describe('the Caddyfiles', () => {
  test('a switching proxy serves one container by its id, on the loopback behind the edge, and says which', () => {
    const text = caddyfile(ID, 8080);
    expect(text).toContain(`reverse_proxy ${ID.slice(0, 12)}:8080`);
    expect(text).toContain('bind 127.0.0.1');
    expect(text).toContain('admin unix//run/caddy-admin.sock');
    expect(servedBy(text)).toBe(ID.slice(0, 12));
  });

  test('with a canary it lists both containers in the ratio of their shares, taken in turn, and says so', () => {
    const next = 'c'.repeat(64);
    const text = caddyfile(ID, 8080, { id: next, weight: 25 });
    const a = `${ID.slice(0, 12)}:8080`;
    const c = `${next.slice(0, 12)}:8080`;
    expect(text).toContain(`reverse_proxy ${a} ${a} ${a} ${c} {`);
    expect(text).toContain('lb_policy round_robin');
    expect(servedBy(text)).toBe(ID.slice(0, 12));
    expect(canaryOf(text)).toEqual({ id: next.slice(0, 12), weight: 25 });
    expect(caddyfile(ID, 8080, { id: next, weight: 10 }).match(new RegExp(a, 'g'))).toHaveLength(9);
    expect(canaryOf(caddyfile(ID, 8080))).toBeUndefined();
  });

  test('with nothing to serve it answers 503 and serves nobody', () => {
    const text = caddyfile(undefined, 8080);
    expect(text).toMatch(/respond ".*" 503/);
    expect(servedBy(text)).toBeUndefined();
  });

  test('the edge only forwards to the switching proxies, retrying, and has no admin endpoint to reload it by', () => {
    const text = edgeCaddyfile();
    expect(text).toContain('reverse_proxy 127.0.0.1:81');
    expect(text).toContain('lb_try_duration');
    expect(text).toContain('admin off');
    expect(servedBy(text)).toBeUndefined();
  });
});

describe('the plan', () => {
  const report = {
    service: 'web',
    image: 'reg/web:v2',
    deployment: 'd',
    deployedBy: 'me',
    result: 'deployed',
    dryRun: true,
    startedAt: '',
    durationMs: 0,
    phases: {},
    warnings: [],
    plan: [
      { index: 1, group: 'web', hosts: ['h1'], proxy: { image: 'reg/caddy:2.6', port: 18080 } },
      { index: 2, group: 'worker', hosts: ['h2'] },
    ],
    batches: [],
    hosts: [],
  } as unknown as RolloutReport;

  test('says which batches switch behind the proxy', () => {
    expect(renderPlan(report).split('\n')).toEqual([
      'batch 1/2 · web · behind the proxy on :18080 · h1 (nothing → nothing)',
      'batch 2/2 · worker · h2 (nothing → nothing)',
    ]);
  });

  test("the summary's plan has a Switch column when any group has a proxy", () => {
    const md = renderSummary(report);
    expect(md).toContain('| Batch | Group | Hosts | Switch | Names |');
    expect(md).toContain('behind the proxy on :18080 (reg/caddy:2.6)');
    expect(md).toContain('stop-and-start');
  });

  test('a traffic-weighted canary batch says what share of requests the new version gets first', () => {
    const canary = {
      ...report,
      plan: [{ ...report.plan[0], proxy: { ...report.plan[0].proxy!, canaryWeight: 10 } }, report.plan[1]],
    } as RolloutReport;
    expect(renderPlan(canary).split('\n')[0]).toBe(
      'batch 1/2 · web · behind the proxy on :18080, canary with 10% of requests first · h1 (nothing → nothing)',
    );
    expect(renderSummary(canary)).toContain(
      'behind the proxy on :18080 (reg/caddy:2.6), canary with 10% of requests first',
    );
  });
});

test('examples/aviary-proxy.yml loads: web behind the proxy, worker stop-and-start', () => {
  const c = loadConfig({ path: `${__dirname}/../../examples/aviary-proxy.yml`, overrides: { image: 'v1' }, env: {} });
  expect(c.groups.map((g) => [g.name, g.proxy?.port])).toEqual([
    ['web', 8088],
    ['worker', undefined],
  ]);
  expect(c.groups[0].proxy).toMatchObject({
    image: '10.210.0.2:5000/aviary/caddy:2.6',
    appPort: 8080,
    network: 'aviary-hello-proxied',
    drainMs: 1000,
  });
});
