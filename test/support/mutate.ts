// Walking and mutating a parsed config document, for the fuzz suites (config file and inputs).
import fc from 'fast-check';

export type Path = (string | number)[];
export type Mutation = (doc: Record<string, unknown>) => Record<string, unknown>;

/** Every path below node: keys of mappings, indexes of lists. */
export function paths(node: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(node))
    node.forEach((v, i) => {
      out.push([...prefix, i], ...paths(v, [...prefix, i]));
    });
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) out.push([...prefix, k], ...paths(v, [...prefix, k]));
  return out;
}

export function get(node: unknown, path: Path): unknown {
  return path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)?.[k], node);
}

/** Sets own properties only, so a "__proto__" key stays a key. */
export function put(parent: unknown, key: string | number, value: unknown): void {
  if (parent === null || typeof parent !== 'object') return;
  // A fresh copy each time: arbitraries may hand out the same object twice, and a cycle is not YAML.
  Object.defineProperty(parent, key, {
    value: structuredClone(value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export function mapStrings(node: unknown, f: (s: string) => string): unknown {
  if (typeof node === 'string') return f(node);
  if (Array.isArray(node)) return node.map((v) => mapStrings(v, f));
  if (node && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, mapStrings(v, f)]));
  return node;
}

// ---------------------------------------------------------------------------------------------
// The config fuzz cases: a valid config that uses every section, values a user (or an attacker)
// might put anywhere, and the mutations of that config. The same generators as
// test/unit/config-fuzz.test.ts, shared with test/unit/config-schema.test.ts.

export const FUZZ_SECRET = 'hunter2-5f1c';
export const FUZZ_KEY_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCsecretkeybody';
/** The environment the fuzzed configs are loaded with (secret-env and TLS variables). */
export const FUZZ_ENV = {
  CA_PEM: '-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n',
  CERT_PEM: '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n',
  KEY_PEM: `-----BEGIN PRIVATE KEY-----\n${FUZZ_KEY_BODY}\n-----END PRIVATE KEY-----\n`,
  DATABASE_URL: `postgres://app:${FUZZ_SECRET}@db/app`,
};

/** A valid config that uses every section, so that mutations reach every validator. */
export const FUZZ_BASE = {
  service: 'web',
  image: 'registry.example.com/acme/web',
  groups: {
    web: {
      hosts: [
        'tcp://10.210.0.11:2375',
        'ssh://deploy@web-2.example.com',
        {
          name: 'web-3',
          docker: 'tcp://web-3.example.com:2376',
          tls: { ca: 'CA_PEM', cert: 'CERT_PEM', key: 'KEY_PEM', verify: true },
          address: '10.0.0.3',
        },
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

export const SHELL = [
  '$(id)',
  '`id`',
  '; rm -rf /',
  '| cat /etc/passwd',
  '&& reboot',
  '> /dev/sda',
  '$HOME',
  "'; DROP",
  '"\'"',
  '\\',
  '*',
  '?',
  '~root',
  '\n/bin/sh',
];
export const UNICODE = [
  'ünïcödé',
  '🚀',
  '\u202eevil',
  'zero\u200bwidth',
  'ｗｅｂ',
  'Ω',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\r\n',
  '\t',
  'a\u2028b',
  '\ud800',
];
export const ODD_IMAGES = [
  'UPPER/Case:tag',
  'a//b',
  'x:',
  '@sha256:',
  'a:b:c',
  'registry:99999/x',
  `sha256:${'g'.repeat(64)}`,
  'web@sha256:abc',
  'localhost:5000/a/b:c',
  '-leading/dash',
  'trailing-/x',
  'a/b/',
  ':tag',
  'web:tag with space',
  `web:${'t'.repeat(200)}`,
  '[::1]:5000/a:b',
  'registry.example.com:/x',
  `web@sha256:${'A'.repeat(64)}`,
  'web@md5:abc',
];
export const ODD_SCALARS: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1,
  1.5,
  -0.5,
  1e308,
  -1e308,
  2 ** 53,
  65536,
  1025,
  101,
  Infinity,
  -Infinity,
  NaN,
  '',
  ' ',
  '0',
  '5',
  '25',
  '-5s',
  '-1',
  '1e9s',
  '99999999999h',
  '8d',
  '0.5ms',
  '1m30s',
  '150%',
  '1000%',
  '-10%',
  '0%',
  '100%',
  '12.5%',
  'NaN%',
  '%',
  '1,2',
  '2xx',
  '600',
  '99-100',
  '299-200',
  '(',
  '[',
  '(a+)+$',
  'yes',
  'no',
  '~',
  'null',
  'tcp://',
  'ssh://@',
  'unix://',
  'tcp://[::1]:2375',
  'tcp://h:0',
  'tcp://h:65536',
  'ssh://root@[fe80::1]:22',
  'unix:///../etc',
  '/abs/path',
  'relative/path',
  'CA_PEM',
  'NOT_SET_VAR',
  'x'.repeat(5000),
  'on-failure',
  'always',
  'https',
  'ro',
  '80:80/sctp',
  '1.2.3.4:80:80',
  'vol:/data:rw',
  'aviary.service',
];
export const weirdString = fc.oneof(
  fc.constantFrom(...SHELL, ...UNICODE, ...ODD_IMAGES),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .tuple(
      fc.constantFrom('web', 'tcp://10.0.0.1:2375', '/health', '10s', '25%'),
      fc.constantFrom(...SHELL, ...UNICODE),
    )
    .map(([a, b]) => a + b),
);
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_SCALARS) },
  { weight: 3, arbitrary: weirdString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof(weirdString, fc.integer({ min: -5, max: 70000 }), fc.constantFrom(...ODD_SCALARS)), {
      maxLength: 4,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'hosts', 'port')),
      fc.oneof(weirdString, fc.integer()),
      { maxKeys: 3 },
    ),
  },
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.constant([]) },
);

const FUZZ_PATHS = paths(FUZZ_BASE);
const FUZZ_CONTAINERS: Path[] = [
  [],
  ...FUZZ_PATHS.filter((p) => {
    const v = get(FUZZ_BASE, p);
    return v !== null && typeof v === 'object';
  }),
];

/** Appends to the list at path, if an earlier mutation left one there. */
function pushAt(doc: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const list = get(doc, path);
  if (Array.isArray(list)) list.push(value);
  return doc;
}

/** One change to a copy of FUZZ_BASE: a value replaced or removed, a key added, a duplicate, a suffix on every string. */
export const configMutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(fc.constantFrom(...FUZZ_PATHS), weirdValue).map(([path, value]): Mutation => (doc) => {
      put(get(doc, path.slice(0, -1)), path.at(-1)!, value);
      return doc;
    }),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(...FUZZ_PATHS).map((path): Mutation => (doc) => {
      const parent = get(doc, path.slice(0, -1));
      if (Array.isArray(parent)) parent.splice(path.at(-1) as number, 1);
      else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[path.at(-1) as string];
      return doc;
    }),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...FUZZ_CONTAINERS),
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom('batchs', 'max_unhealthy', 'heath', 'pause', '__proto__', 'hosts'),
        ),
        weirdValue,
      )
      .map(([path, key, value]): Mutation => (doc) => {
        const parent = get(doc, path);
        if (Array.isArray(parent)) parent.push(structuredClone(value));
        else put(parent, key, value);
        return doc;
      }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Mutation>(
      (doc) => pushAt(doc, ['groups', 'worker', 'hosts'], 'tcp://10.210.0.11:2375'), // duplicate host
      (doc) => pushAt(doc, ['groups', 'web', 'hosts'], { name: 'web-3', docker: 'tcp://10.9.9.9:1' }), // duplicate name
      (doc) => pushAt(doc, ['groups', 'web', 'hosts'], 'ssh://other@WEB-2.example.com:22'), // same endpoint
      (doc) => {
        doc.groups = {};
        return doc;
      },
      (doc) => {
        put(doc.groups, 'empty', {});
        return doc;
      },
      (doc) => {
        put(doc.groups, 'none', null);
        return doc;
      },
      (doc) => {
        put(get(doc, ['groups', 'web']), 'hosts', []);
        return doc;
      },
      (doc) => {
        put(get(doc, ['strategy']), 'batches', []);
        return doc;
      },
      (doc) => {
        put(get(doc, ['strategy']), 'batches', ['101%', '1000%']);
        return doc;
      },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...SHELL, ...UNICODE).map(
      (suffix): Mutation =>
        (doc) =>
          mapStrings(doc, (s) => s + suffix) as Record<string, unknown>,
    ),
  },
);

/** A fresh copy of FUZZ_BASE to mutate. */
export const fuzzBase = (): Record<string, unknown> => JSON.parse(JSON.stringify(FUZZ_BASE));

/** Edits of a config's YAML text: at an offset, cut some characters and insert YAML syntax or bytes. */
export const yamlTextEdit = (text: string) =>
  fc.tuple(
    fc.nat({ max: text.length }),
    fc.nat({ max: 6 }),
    fc.oneof(
      fc.constantFrom(
        ':',
        '- ',
        '[',
        ']',
        '{',
        '}',
        '&a ',
        '*a',
        '!!str ',
        '!!binary ',
        '|',
        '>',
        '"',
        "'",
        '#',
        '\t',
        '\n',
        '  ',
        '%',
        '@',
        '`',
        '? ',
        ',',
        '<<: *a',
        '---\n',
        '...\n',
      ),
      fc.string({ unit: 'binary', maxLength: 5 }),
    ),
  );

/** Documents of any shape, some with the config's top-level keys. */
export const randomConfigDocument = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.constantFrom('service', 'image', 'groups', 'container', 'strategy', 'health', 'lock-timeout', 'gates', 'x'),
    fc.jsonValue({ maxDepth: 3 }),
  ),
);
