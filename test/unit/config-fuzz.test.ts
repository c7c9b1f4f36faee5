// Seeded fuzzing of the config loader: whatever the file or inputs, it loads or throws one InputError
// whose every problem names a field — fast, never another exception, never a stack trace, never a secret.
import fc from 'fast-check';
import YAML from 'yaml';
import { ConfigOverrides, loadConfig } from '../../src/config/load';
import { InputError } from '../../src/errors';
import { get, mapStrings, Mutation, Path, paths, put } from '../support/mutate';

const SECRET = 'hunter2-5f1c';
const KEY_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCsecretkeybody';
const ENV = {
  CA_PEM: '-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n',
  CERT_PEM: '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n',
  KEY_PEM: `-----BEGIN PRIVATE KEY-----\n${KEY_BODY}\n-----END PRIVATE KEY-----\n`,
  DATABASE_URL: `postgres://app:${SECRET}@db/app`,
};

// A valid config that uses every section, so that mutations reach every validator.
const BASE = {
  service: 'web',
  image: 'registry.example.com/acme/web',
  groups: {
    web: {
      hosts: [
        'tcp://10.210.0.11:2375',
        'ssh://deploy@web-2.example.com',
        { name: 'web-3', docker: 'tcp://web-3.example.com:2376', tls: { ca: 'CA_PEM', cert: 'CERT_PEM', key: 'KEY_PEM', verify: true }, address: '10.0.0.3' },
        'unix:///var/run/docker.sock',
      ],
      strategy: { batches: [1, '100%'], parallel: 4 },
    },
    worker: {
      hosts: ['ssh://deploy@worker-1.example.com:2222'],
      health: { command: ['/app/bin/ready'], interval: '500ms' },
      container: { env: { ROLE: 'worker' }, labels: { role: 'worker' } },
    },
  },
  container: {
    ports: ['8080:8080', '127.0.0.1:9090:9090/udp'],
    env: { APP_ENV: 'production', PORT: 8080, DEBUG: false },
    'secret-env': ['DATABASE_URL'],
    volumes: ['/srv/web/data:/data', 'cache:/cache:ro'],
    command: ['/app/server', '--port', '8080'],
    restart: 'unless-stopped',
    'stop-timeout': '10s',
    labels: { 'com.example.team': 'web' },
    network: 'web-net',
  },
  strategy: { batches: [1, '25%', '100%'], pause: '0s', 'max-unhealthy': '10%', parallel: 32, keep: 3 },
  health: {
    http: { path: '/health', port: 8080, scheme: 'http', status: '200-299', body: 'ok', 'max-latency': '1s' },
    tcp: { port: 8080 },
    command: ['/bin/healthcheck'],
    'docker-health': true,
    'start-period': '0s',
    interval: '1s',
    timeout: '2s',
    'healthy-threshold': 1,
    'unhealthy-threshold': 3,
    deadline: '60s',
  },
  'lock-timeout': '30m',
  gates: [{ prometheus: { url: 'http://prometheus:9090', query: 'sum(rate(errors[1m]))', max: 0.01 } }],
};

// A field path, then ": " — `groups.web.hosts[2].docker`, `container.labels["com.example.team"]`,
// `input batches[1]`; or the file itself for YAML syntax errors (`aviary.yml:3:7`) and `config`.
const KEY = '(?:[A-Za-z0-9_-]+|\\["(?:[^"\\\\]|\\\\.)*"\\])';
const FIELD_PATH = new RegExp(`^(?:aviary\\.yml(?::\\d+:\\d+)?|config|input [a-z-]+(?:\\[\\d+\\])?|${KEY}(?:\\.[A-Za-z0-9_-]+|\\[\\d+\\]|\\["(?:[^"\\\\]|\\\\.)*"\\])*): `);

/** Loads, and checks the outcome is a config or a well-formed InputError. */
function check(text: string, overrides: ConfigOverrides = { image: 'v2' }): void {
  const started = performance.now();
  let error: unknown;
  let loaded;
  try {
    loaded = loadConfig({ text, path: 'aviary.yml', env: ENV, overrides });
  } catch (err) {
    error = err;
  }
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(1000);
  if (loaded) {
    expect(loaded.groups.length).toBeGreaterThan(0);
    expect(loaded.image).toMatch(/[:@]/);
    for (const g of loaded.groups) expect(g.hosts.length).toBeGreaterThan(0);
    return;
  }
  if (!(error instanceof InputError)) throw new Error(`not an InputError: ${(error as Error)?.stack ?? String(error)}\n--- text:\n${text}`);
  expect(error.problems.length).toBeGreaterThan(0);
  for (const problem of error.problems) {
    if (!FIELD_PATH.test(problem)) throw new Error(`problem without a field path: ${JSON.stringify(problem)}`);
    if (/[\n\r]/.test(problem)) throw new Error(`problem on more than one line: ${JSON.stringify(problem)}`);
  }
  expect(error.message).not.toContain('    at ');
  expect(error.message).not.toContain(SECRET);
  expect(error.message).not.toContain(KEY_BODY);
}

// ---------------------------------------------------------------------------------------------
// Values a user (or an attacker) might put anywhere.

const SHELL = ['$(id)', '`id`', '; rm -rf /', '| cat /etc/passwd', '&& reboot', '> /dev/sda', '$HOME', "'; DROP", '"\'"', '\\', '*', '?', '~root', '\n/bin/sh'];
const UNICODE = ['ünïcödé', '🚀', '\u202eevil', 'zero\u200bwidth', 'ｗｅｂ', 'Ω', '\u0000', '\u0007', '\u001b[31m', '\r\n', '\t', 'a\u2028b', '\ud800'];
const ODD_IMAGES = [
  'UPPER/Case:tag', 'a//b', 'x:', '@sha256:', 'a:b:c', 'registry:99999/x', `sha256:${'g'.repeat(64)}`, 'web@sha256:abc',
  'localhost:5000/a/b:c', '-leading/dash', 'trailing-/x', 'a/b/', ':tag', 'web:tag with space', `web:${'t'.repeat(200)}`,
  '[::1]:5000/a:b', 'registry.example.com:/x', `web@sha256:${'A'.repeat(64)}`, 'web@md5:abc',
];
const ODD_SCALARS: unknown[] = [
  null, true, false, 0, -1, 1, 1.5, -0.5, 1e308, -1e308, 2 ** 53, 65536, 1025, 101, Infinity, -Infinity, NaN,
  '', ' ', '0', '5', '25', '-5s', '-1', '1e9s', '99999999999h', '8d', '0.5ms', '1m30s', '150%', '1000%', '-10%', '0%', '100%', '12.5%', 'NaN%', '%',
  '1,2', '2xx', '600', '99-100', '299-200', '(', '[', '(a+)+$', 'yes', 'no', '~', 'null', 'tcp://', 'ssh://@', 'unix://', 'tcp://[::1]:2375',
  'tcp://h:0', 'tcp://h:65536', 'ssh://root@[fe80::1]:22', 'unix:///../etc', '/abs/path', 'relative/path', 'CA_PEM', 'NOT_SET_VAR',
  'x'.repeat(5000), 'on-failure', 'always', 'https', 'ro', '80:80/sctp', '1.2.3.4:80:80', 'vol:/data:rw', 'aviary.service',
];
const weirdString = fc.oneof(
  fc.constantFrom(...SHELL, ...UNICODE, ...ODD_IMAGES),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.tuple(fc.constantFrom('web', 'tcp://10.0.0.1:2375', '/health', '10s', '25%'), fc.constantFrom(...SHELL, ...UNICODE)).map(([a, b]) => a + b),
);
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_SCALARS) },
  { weight: 3, arbitrary: weirdString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.array(fc.oneof(weirdString, fc.integer({ min: -5, max: 70000 }), fc.constantFrom(...ODD_SCALARS)), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'hosts', 'port')), fc.oneof(weirdString, fc.integer()), { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constant([]) },
);

// ---------------------------------------------------------------------------------------------
// Mutations of the valid example.

const ALL_PATHS = paths(BASE);
const CONTAINERS: Path[] = [[], ...ALL_PATHS.filter((p) => { const v = get(BASE, p); return v !== null && typeof v === 'object'; })];

/** Appends to the list at path, if an earlier mutation left one there. */
function push(doc: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const list = get(doc, path);
  if (Array.isArray(list)) list.push(value);
  return doc;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...ALL_PATHS), weirdValue).map(([path, value]): Mutation => (doc) => { put(get(doc, path.slice(0, -1)), path.at(-1)!, value); return doc; }) },
  { weight: 2, arbitrary: fc.constantFrom(...ALL_PATHS).map((path): Mutation => (doc) => {
    const parent = get(doc, path.slice(0, -1));
    if (Array.isArray(parent)) parent.splice(path.at(-1) as number, 1);
    else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[path.at(-1) as string];
    return doc;
  }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...CONTAINERS), fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('batchs', 'max_unhealthy', 'heath', 'pause', '__proto__', 'hosts')), weirdValue)
    .map(([path, key, value]): Mutation => (doc) => {
      const parent = get(doc, path);
      if (Array.isArray(parent)) parent.push(structuredClone(value)); else put(parent, key, value);
      return doc;
    }) },
  { weight: 1, arbitrary: fc.constantFrom<Mutation>(
    (doc) => push(doc, ['groups', 'worker', 'hosts'], 'tcp://10.210.0.11:2375'),                      // duplicate host
    (doc) => push(doc, ['groups', 'web', 'hosts'], { name: 'web-3', docker: 'tcp://10.9.9.9:1' }),     // duplicate name
    (doc) => push(doc, ['groups', 'web', 'hosts'], 'ssh://other@WEB-2.example.com:22'),               // same endpoint
    (doc) => { doc.groups = {}; return doc; },
    (doc) => { put(doc.groups, 'empty', {}); return doc; },
    (doc) => { put(doc.groups, 'none', null); return doc; },
    (doc) => { put(get(doc, ['groups', 'web']), 'hosts', []); return doc; },
    (doc) => { put(get(doc, ['strategy']), 'batches', []); return doc; },
    (doc) => { put(get(doc, ['strategy']), 'batches', ['101%', '1000%']); return doc; },
  ) },
  { weight: 1, arbitrary: fc.constantFrom(...SHELL, ...UNICODE).map((suffix): Mutation => (doc) => mapStrings(doc, (s) => s + suffix) as Record<string, unknown>) },
);

const overridesArb: fc.Arbitrary<ConfigOverrides> = fc.record({
  image: fc.oneof(fc.constantFrom('v2', `sha256:${'b'.repeat(64)}`, 'registry.example.com/acme/web:v3', ...ODD_IMAGES), weirdString),
  groups: fc.oneof(fc.constantFrom('web', 'worker', 'web,worker', 'db', ''), weirdString),
  batches: fc.oneof(fc.constantFrom('1,25%,100%', '[1, "50%"]', '[', '0', '1,,x', '200%'), weirdString),
  parallel: fc.oneof(fc.constantFrom('1', '0', '99999', '-1', '1.5'), weirdString),
  maxUnhealthy: fc.oneof(fc.constantFrom('0', '10%', '101%', '-1'), weirdString),
  pause: fc.oneof(fc.constantFrom('30s', '-1s', '5'), weirdString),
  keep: fc.oneof(fc.constantFrom('3', '101'), weirdString),
  lockTimeout: fc.oneof(fc.constantFrom('10m', '0', '8d'), weirdString),
}, { requiredKeys: [] });

const clone = (): Record<string, unknown> => JSON.parse(JSON.stringify(BASE));

describe('the config loader under fuzzing', () => {
  test('the unmutated example loads', () => {
    expect(() => loadConfig({ text: YAML.stringify(BASE), env: ENV, overrides: { image: 'v2' } })).not.toThrow();
  });

  test('mutated values in the valid example', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
      const doc = mutations.reduce((d, m) => m(d), clone());
      check(YAML.stringify(doc));
    }), { seed: 4242, numRuns: 600 });
  });

  test('mutated inputs on the valid example', () => {
    const text = YAML.stringify(BASE);
    fc.assert(fc.property(overridesArb, (overrides) => check(text, overrides)), { seed: 77, numRuns: 300 });
  });

  test('mutated YAML text', () => {
    const text = YAML.stringify(BASE);
    const edit = fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 6 }), fc.oneof(
      fc.constantFrom(':', '- ', '[', ']', '{', '}', '&a ', '*a', '!!str ', '!!binary ', '|', '>', '"', "'", '#', '\t', '\n', '  ', '%', '@', '`', '? ', ',', '<<: *a', '---\n', '...\n'),
      fc.string({ unit: 'binary', maxLength: 5 }),
    ));
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
      let t = text;
      for (const [at, cut, insert] of edits) t = t.slice(0, at) + insert + t.slice(at + cut);
      check(t);
    }), { seed: 9001, numRuns: 400 });
  });

  test('random YAML text', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), (t) => check(t)), { seed: 1234, numRuns: 300 });
  });

  test('random YAML documents', () => {
    const doc = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(fc.constantFrom('service', 'image', 'groups', 'container', 'strategy', 'health', 'lock-timeout', 'gates', 'x'), fc.jsonValue({ maxDepth: 3 })),
    );
    fc.assert(fc.property(doc, (value) => check(YAML.stringify(value))), { seed: 5678, numRuns: 300 });
  });

  test('alias expansion and deep nesting stay bounded', () => {
    const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) bomb.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    check(bomb.join('\n'));
    check('service: ' + '['.repeat(500) + ']'.repeat(500));
    check('service: web\n' + 'x:\n'.repeat(1) + Array.from({ length: 200 }, (_, i) => ' '.repeat(i + 1) + 'k:').join('\n'));
    check('a: ' + 'x'.repeat(2_000_000));
  });
});
