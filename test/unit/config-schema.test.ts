// The JSON Schema of aviary.yml (schema/aviary.schema.json), which editors use to complete and check
// the file, agrees with the real validator (src/config/load.ts): every example names it and passes
// it; on the config fuzz suite's cases it never refuses a config the loader accepts, and it refuses
// every config the loader refuses, except for the checks a schema cannot make (BEYOND_THE_SCHEMA).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import fc from 'fast-check';
import YAML from 'yaml';
import { loadConfig, parseConfigText } from '../../src/config/load';
import { InputError } from '../../src/errors';
import {
  configMutation,
  FUZZ_BASE,
  FUZZ_ENV,
  fuzzBase,
  get,
  Mutation,
  Path,
  paths,
  put,
  randomConfigDocument,
  yamlTextEdit,
} from '../support/mutate';

const root = path.resolve(__dirname, '../..');
const SCHEMA_FILE = path.join(root, 'schema/aviary.schema.json');
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;

/** ajv in strict mode: an unknown keyword or a type-less constraint in the schema is an error. */
function compile(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  return ajv.compile(schema);
}
const validate = compile();

function schemaErrors(data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

/** The loader's verdict on a file: [] when it loads, else its problems. Inputs: the tag v2, as a deploy gives. */
function loaderProblems(text: string): string[] {
  try {
    loadConfig({ text, path: 'aviary.yml', env: FUZZ_ENV, overrides: { image: 'v2' } });
    return [];
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// What the loader checks and a JSON Schema cannot (or should not: an editor cannot see the
// deploy's environment). A loader problem the schema misses must be one of these.

const SCHEMA_PATTERNS = {
  duration: new RegExp(
    (schema.definitions as Record<string, { anyOf: { pattern?: string }[] }>).duration.anyOf.find((b) => b.pattern)!
      .pattern!,
  ),
  status: /^\s*(?:[1-5]\d\d(?:\s*-\s*[1-5]\d\d)?|[1-5][xX][xX])\s*$/,
};

interface Beyond {
  why: string;
  test: (problem: string, value: unknown) => boolean;
}

const BEYOND_THE_SCHEMA: Beyond[] = [
  {
    why: 'hosts and names are unique across the whole file',
    test: (p) => /is the same Docker endpoint as|is also the name of/.test(p),
  },
  {
    why: 'secret-env and TLS values are read from the environment and the disk at deploy time',
    test: (p) =>
      /environment variable \S+ is not set|does not hold PEM text|: file ".*" (was not found|could not be read)|a PEM file|is also set in container\.env/.test(
        p,
      ),
  },
  {
    why: 'the tag comes from the deploy input; with a tag as input the file must name the repository',
    test: (p) => /^image: is missing \(expected a repository/.test(p),
  },
  { why: 'two fields compared with each other', test: (p) => /is above max|is longer than for:/.test(p) },
  {
    why: "a lower bound inside a duration (lock-timeout ≥ 1s, availability interval ≥ 50ms) or an upper one (7 days, a hook's 10m…)",
    test: (p, v) =>
      /a duration|is too short \(expected at least/.test(p) &&
      typeof v === 'string' &&
      SCHEMA_PATTERNS.duration.test(v),
  },
  {
    why: 'a range written low-high with low above high',
    test: (p, v) =>
      /a status like|port ranges|ranges low-high/.test(p) &&
      (typeof v !== 'string' || SCHEMA_PATTERNS.status.test(v) || /-/.test(v)),
  },
  {
    why: '{{placeholders}} are checked against the names each field offers',
    test: (p) => /is not a known placeholder|must not come from a placeholder/.test(p),
  },
  {
    why: 'regular expressions and gate conditions have grammars of their own',
    test: (p) => /a valid regular expression|^[^:]*\.condition: /.test(p),
  },
  {
    why: "URLs are parsed by the WHATWG URL parser; JSON paths by the gate's",
    test: (p) => /URL|a path into the JSON answer/.test(p),
  },
  {
    why: 'IPv6 addresses are checked by node:net (the schema takes any hex-and-colons form)',
    test: (p, v) =>
      /endpoint|a host name or an IP address/.test(p) &&
      typeof v === 'string' &&
      /\[|:[0-9A-Fa-f.]*:/.test(v.replace(/^[a-z]+:\/\//, '')),
  },
  {
    why: 'the loader counts UTF-16 units, JSON Schema code points',
    test: (p, v) =>
      /is too long \(at most (\d+)/.test(p) &&
      typeof v === 'string' &&
      [...v].length <= Number(/at most (\d+)/.exec(p)![1]),
  },
  { why: 'IP addresses of DNS servers are checked by node:net', test: (p) => /a DNS server's IP address/.test(p) },
  {
    why: "a proxy is the top-level section merged with the group's, checked with the container and the health check",
    test: (p) =>
      /is missing \(expected the proxy's image|app-port: is missing|runs behind the proxy, which owns the published port|is not the proxy's network/.test(
        p,
      ),
  },
  {
    why: 'at most 10,000 hosts in the whole file',
    test: (p) => /hosts are too many \(at most \d+ in the whole file\)/.test(p),
  },
];

/** `groups.web.hosts[2].docker: …` → ['groups', 'web', 'hosts', 2, 'docker']; undefined for `aviary.yml:3:1: …`. */
export function fieldPath(problem: string): Path | undefined {
  const m = /^((?:[A-Za-z0-9_-]+|\["(?:[^"\\]|\\.)*"\])(?:\.[A-Za-z0-9_-]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*): /.exec(
    problem,
  );
  if (!m) return undefined;
  return [...m[1].matchAll(/([A-Za-z0-9_-]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)].map(
    (s) => s[1] ?? (s[2] !== undefined ? Number(s[2]) : (JSON.parse(s[3]) as string)),
  );
}

function beyond(problem: string, data: unknown): Beyond | undefined {
  const field = fieldPath(problem);
  const value = field ? get(data, field) : undefined;
  return BEYOND_THE_SCHEMA.find((b) => b.test(problem, value));
}

// ---------------------------------------------------------------------------------------------

test("the schema compiles in ajv's strict mode, as draft-07 (what editors' YAML servers read)", () => {
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  expect(compile).not.toThrow();
});

const examples = fs
  .readdirSync(path.join(root, 'examples'))
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => `examples/${f}`);

test('the examples are the two config files', () => {
  expect(examples).toEqual(['examples/aviary-gated.yml', 'examples/aviary-proxy.yml', 'examples/aviary.yml']);
});

describe.each(examples)('%s', (file) => {
  const text = fs.readFileSync(path.join(root, file), 'utf8');

  test('names the schema on its first line, by a path that reaches it', () => {
    const first = text.split('\n')[0];
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect({ first, names: Boolean(m) }).toEqual({ first, names: true });
    expect(path.resolve(path.dirname(path.join(root, file)), m![1])).toBe(SCHEMA_FILE);
  });

  test('passes the schema and the loader', () => {
    expect(schemaErrors(YAML.parse(text))).toEqual([]);
    expect(loaderProblems(text)).toEqual([]);
  });
});

test("the README's example config passes the schema, and names it as users should", () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## The config file'));
  const example = /^```yaml\n([\s\S]*?)^```/m.exec(section)![1];
  expect(schemaErrors(YAML.parse(example))).toEqual([]);
  expect(section).toMatch(
    /^# yaml-language-server: \$schema=https:\/\/raw\.githubusercontent\.com\/your-org\/aviary\/v1\/schema\/aviary\.schema\.json$/m,
  );
});

// ---------------------------------------------------------------------------------------------
// The keys: section by section, the schema names exactly the keys the loader knows. The loader lists
// them when it meets an unknown one, so a key added to either side and not to the other fails here.

type Node = Record<string, unknown>;
const deref = (node: unknown): Node => {
  const n = node as Node;
  if (typeof n.$ref === 'string') return deref(get(schema, n.$ref.replace(/^#\//, '').split('/')));
  if (Array.isArray(n.allOf) && n.allOf.length === 1 && !n.properties) return deref(n.allOf[0]);
  return n;
};
/** The keys a schema node allows for a mapping (across the branches of an anyOf). */
function schemaKeys(node: unknown): string[] {
  const n = deref(node);
  const own = n.properties ? Object.keys(n.properties as Node) : [];
  const branches = Array.isArray(n.anyOf) ? (n.anyOf as unknown[]).flatMap(schemaKeys) : [];
  return [...new Set([...own, ...branches])].sort();
}
/** The schema of key k inside a mapping's node (in the object branch of an anyOf). */
function child(node: unknown, k: string): Node {
  const n = deref(node);
  const props = (n.properties ??
    (Array.isArray(n.anyOf) ? (n.anyOf as unknown[]).map(deref).find((b) => b.properties)?.properties : undefined)) as
    Node | undefined;
  if (!props || !(k in props)) throw new Error(`the schema has no ${k} there`);
  return deref(props[k]);
}
const prop = (node: unknown, ...keys: string[]): Node => keys.reduce<Node>((n, k) => child(n, k), deref(node));

const UNKNOWN = 'zz-unknown';
/** The keys the loader lists for the section at `field` when it meets UNKNOWN there. */
function loaderKeys(data: Record<string, unknown>, field: string): string[] {
  const problem = loaderProblems(YAML.stringify(data)).find((p) =>
    p.startsWith(`${field ? `${field}.` : ''}${UNKNOWN}: is not a known field`),
  );
  const m = /\(expected one of: ([^)]*)\)$/.exec(problem ?? '');
  if (!m) throw new Error(`no list of known keys for ${field || 'the top level'}: ${problem}`);
  return m[1].split(', ').sort();
}

describe('the schema names the keys the loader knows', () => {
  const doc = (change: (d: Record<string, unknown>) => void): Record<string, unknown> => {
    const d = fuzzBase();
    change(d);
    return d;
  };
  const web = (d: Record<string, unknown>) => (d.groups as Record<string, Record<string, unknown>>).web;
  const at = (d: Record<string, unknown>, ...keys: (string | number)[]) => get(d, keys) as Record<string, unknown>;
  const groupNode = () => deref(prop(schema, 'groups').additionalProperties);
  const hook = { command: ['/bin/x'], [UNKNOWN]: 1 };

  test.each<[string, (d: Record<string, unknown>) => void, string, () => unknown]>([
    [
      'the top level',
      (d) => {
        d[UNKNOWN] = 1;
      },
      '',
      () => schema,
    ],
    [
      'a group',
      (d) => {
        web(d)[UNKNOWN] = 1;
      },
      'groups.web',
      groupNode,
    ],
    [
      'a host',
      (d) => {
        web(d).hosts = [{ docker: 'tcp://h:1', [UNKNOWN]: 1 }];
      },
      'groups.web.hosts[0]',
      () => (prop(groupNode(), 'hosts').anyOf as Node[]).map(deref).find((b) => b.type === 'array')!.items,
    ],
    [
      'TLS',
      (d) => {
        web(d).hosts = [{ docker: 'tcp://h:1', tls: { [UNKNOWN]: 1 } }];
      },
      'groups.web.hosts[0].tls',
      () => get(schema, ['definitions', 'tls']),
    ],
    [
      'a source of hosts',
      (d) => {
        web(d).hosts = { dns: 'web.internal', [UNKNOWN]: 1 };
      },
      'groups.web.hosts',
      () => (prop(groupNode(), 'hosts').anyOf as Node[]).map(deref).find((b) => b.type === 'object'),
    ],
    [
      'container',
      (d) => {
        at(d, 'container')[UNKNOWN] = 1;
      },
      'container',
      () => prop(schema, 'container'),
    ],
    [
      'strategy',
      (d) => {
        at(d, 'strategy')[UNKNOWN] = 1;
      },
      'strategy',
      () => prop(schema, 'strategy'),
    ],
    [
      'health',
      (d) => {
        at(d, 'health')[UNKNOWN] = 1;
      },
      'health',
      () => prop(schema, 'health'),
    ],
    [
      'an HTTP check',
      (d) => {
        at(d, 'health', 'http')[UNKNOWN] = 1;
      },
      'health.http',
      () => prop(schema, 'health', 'http'),
    ],
    [
      'a TCP check',
      (d) => {
        at(d, 'health', 'tcp')[UNKNOWN] = 1;
      },
      'health.tcp',
      () => prop(schema, 'health', 'tcp'),
    ],
    [
      'a gate',
      (d) => {
        at(d, 'gates', 0)[UNKNOWN] = 1;
      },
      'gates[0]',
      () => prop(schema, 'gates').items,
    ],
    [
      'a Prometheus source',
      (d) => {
        at(d, 'gates', 0, 'prometheus')[UNKNOWN] = 1;
      },
      'gates[0].prometheus',
      () => prop(prop(schema, 'gates').items, 'prometheus'),
    ],
    [
      'an HTTP source',
      (d) => {
        d.gates = [{ http: { url: 'http://m', [UNKNOWN]: 1 }, max: 1 }];
      },
      'gates[0].http',
      () => prop(prop(schema, 'gates').items, 'http'),
    ],
    [
      'hooks',
      (d) => {
        d.hooks = { [UNKNOWN]: 1 };
      },
      'hooks',
      () => prop(schema, 'hooks'),
    ],
    [
      'a hook',
      (d) => {
        d.hooks = { 'before-stop': hook };
      },
      'hooks.before-stop',
      () => prop(schema, 'hooks', 'before-stop'),
    ],
    [
      "a hook's HTTP call",
      (d) => {
        d.hooks = { 'before-stop': { http: { url: 'http://lb', [UNKNOWN]: 1 } } };
      },
      'hooks.before-stop.http',
      () => prop(schema, 'hooks', 'before-stop', 'http'),
    ],
    [
      'availability',
      (d) => {
        d.availability = { [UNKNOWN]: 1 };
      },
      'availability',
      () => prop(schema, 'availability'),
    ],
    [
      'a service URL',
      (d) => {
        d.availability = { urls: [{ url: 'http://lb', [UNKNOWN]: 1 }] };
      },
      'availability.urls[0]',
      () => prop(schema, 'availability', 'urls').items,
    ],
    [
      'proxy',
      (d) => {
        d.proxy = { [UNKNOWN]: 1 };
      },
      'proxy',
      () => prop(schema, 'proxy'),
    ],
  ])('%s', (_name, change, field, node) => {
    expect(schemaKeys(node())).toEqual(loaderKeys(doc(change), field));
  });

  test("a group's strategy: the top level's keys but max-unhealthy, which the loader names to refuse it", () => {
    expect(schemaKeys(prop(groupNode(), 'strategy'))).toEqual(
      loaderKeys(
        doc((d) => {
          web(d).strategy = { [UNKNOWN]: 1 };
        }),
        'groups.web.strategy',
      ).filter((k) => k !== 'max-unhealthy'),
    );
  });
});

describe('the schema, like the loader', () => {
  const doc = (change: (d: Record<string, unknown>) => void): Record<string, unknown> => {
    const d = fuzzBase();
    change(d);
    return d;
  };
  const group = (d: Record<string, unknown>) => (d.groups as Record<string, Record<string, unknown>>).web;

  test.each<[string, Record<string, unknown>, string]>([
    [
      'a misspelt key',
      doc((d) => {
        (d.strategy as Record<string, unknown>).batchs = [1];
      }),
      '/strategy must NOT have additional properties',
    ],
    [
      'a key in the wrong section',
      doc((d) => {
        d.batches = [1];
      }),
      '/ must NOT have additional properties',
    ],
    [
      'an unknown transport',
      doc((d) => {
        group(d).hosts = ['http://10.0.0.1:2375'];
      }),
      '/groups/web/hosts/0 must match pattern',
    ],
    [
      'a tcp endpoint without a port',
      doc((d) => {
        group(d).hosts = ['tcp://10.0.0.1'];
      }),
      '/groups/web/hosts/0 must match pattern',
    ],
    [
      'an address that is not one',
      doc((d) => {
        group(d).hosts = ['tcp://10.0.0.300:2375'];
      }),
      '/groups/web/hosts/0 must match pattern',
    ],
    [
      'TLS on an ssh:// host',
      doc((d) => {
        group(d).hosts = [{ docker: 'ssh://deploy@web-1', tls: { ca: 'CA_PEM' } }];
      }),
      '/groups/web/hosts/0/docker must match pattern "^tcp://"',
    ],
    [
      'a private key written inline',
      doc((d) => {
        group(d).hosts = [{ docker: 'tcp://h:2376', tls: { cert: 'C', key: '-----BEGIN PRIVATE KEY-----\nx' } }];
      }),
      '/groups/web/hosts/0/tls/key must NOT be valid',
    ],
    [
      'a cert without its key',
      doc((d) => {
        group(d).hosts = [{ docker: 'tcp://h:2376', tls: { cert: 'CERT_PEM' } }];
      }),
      '/groups/web/hosts/0/tls must have property key when property cert is present',
    ],
    [
      'a quoted count',
      doc((d) => {
        (d.strategy as Record<string, unknown>).batches = [1, '25'];
      }),
      '/strategy/batches/1 must match pattern',
    ],
    [
      'a percentage over 100',
      doc((d) => {
        (d.strategy as Record<string, unknown>).batches = ['150%'];
      }),
      '/strategy/batches/0 must match pattern',
    ],
    [
      "a group's own failure budget",
      doc((d) => {
        group(d).strategy = { 'max-unhealthy': 1 };
      }),
      '/groups/web/strategy must NOT have additional properties',
    ],
    [
      'a duration without a unit',
      doc((d) => {
        (d.health as Record<string, unknown>).interval = '5';
      }),
      '/health/interval must match pattern',
    ],
    [
      'a zero interval',
      doc((d) => {
        (d.health as Record<string, unknown>).interval = '0s';
      }),
      '/health/interval must match pattern',
    ],
    [
      'a command as one string',
      doc((d) => {
        (d.container as Record<string, unknown>).command = '/app/server --port 8080';
      }),
      '/container/command must be array',
    ],
    [
      'an aviary.* label',
      doc((d) => {
        (d.container as Record<string, unknown>).labels = { 'aviary.image': 'x' };
      }),
      '/container/labels property name must be valid',
    ],
    [
      'an uppercase image repository',
      doc((d) => {
        d.image = 'Registry.example.com/Acme/Web';
      }),
      '/image must match pattern',
    ],
    [
      'a gate with two sources',
      doc((d) => {
        d.gates = [{ prometheus: { url: 'http://p:9090', query: 'up' }, http: { url: 'http://m' }, max: 1 }];
      }),
      '/gates/0 must match exactly one schema in oneOf',
    ],
    [
      'a gate without a condition',
      doc((d) => {
        d.gates = [{ prometheus: { url: 'http://p:9090', query: 'up' } }];
      }),
      '/gates/0 must match a schema in anyOf',
    ],
    [
      'an HTTP gate waiting for a scrape',
      doc((d) => {
        d.gates = [{ http: { url: 'http://m' }, max: 1, fresh: 'scrape' }];
      }),
      '/gates/0/fresh must NOT be valid',
    ],
    [
      'a body on a GET',
      doc((d) => {
        d.gates = [{ http: { url: 'http://m', body: '{}' }, max: 1 }];
      }),
      "/gates/0/http must have required property 'method'",
    ],
    [
      'a hook with a shell line',
      doc((d) => {
        d.hooks = { 'before-stop': 'curl -X POST lb/drain' };
      }),
      '/hooks/before-stop must match a schema in anyOf',
    ],
    [
      'availability: true',
      doc((d) => {
        d.availability = true;
      }),
      '/availability must match a schema in anyOf',
    ],
    [
      'an environment for an HTTP hook',
      doc((d) => {
        d.hooks = { 'after-healthy': { http: { url: 'http://lb/x' }, env: ['LB_TOKEN'] } };
      }),
      '/hooks/after-healthy/env must NOT have more than 0 items',
    ],
    [
      'hosts from DNS and a program at once',
      doc((d) => {
        group(d).hosts = { dns: 'web.internal', command: ['/bin/list'] };
      }),
      '/groups/web/hosts must match exactly one schema in oneOf',
    ],
    [
      'SSH hosts from DNS without a user',
      doc((d) => {
        group(d).hosts = { dns: 'web.internal', transport: 'ssh' };
      }),
      "/groups/web/hosts must have required property 'user'",
    ],
    [
      'a port beside SRV records',
      doc((d) => {
        group(d).hosts = { dns: '_d._tcp.web.internal', record: 'SRV', port: 2375 };
      }),
      '/groups/web/hosts must NOT be valid',
    ],
    [
      'a proxy with an unknown key',
      doc((d) => {
        d.proxy = { image: 'caddy:2.6', ports: [80] };
      }),
      '/proxy must match a schema in anyOf',
    ],
  ])('refuses %s', (_name, data, expected) => {
    expect(schemaErrors(data)).toContainEqual(expect.stringContaining(expected));
    expect(loaderProblems(YAML.stringify(data)).length).toBeGreaterThan(0);
  });

  test.each<[string, Record<string, unknown>]>([
    ["the fuzz suite's base config", fuzzBase()],
    [
      'IPv6 endpoints and a leading-zero port',
      doc((d) => {
        group(d).hosts = ['tcp://[::1]:02375', 'ssh://root@[fe80::1]:22', 'tcp://::1:2376'];
      }),
    ],
    [
      'a single batch size and a budget of 0%',
      doc((d) => {
        d.strategy = { batches: ' 50 %', 'max-unhealthy': '0%' };
      }),
    ],
    [
      'empty sections',
      doc((d) => {
        d.container = null;
        d.health = null;
        d.gates = [];
        d.hooks = {};
        d.availability = false;
        d['metrics-url'] = '';
      }),
    ],
    [
      'an HTTP gate with a wait, a hook as a list, a service URL',
      doc((d) => {
        d.gates = [
          {
            http: { url: 'http://m/{{group}}', method: 'POST', body: '{}', path: 'data.rate', max: 1 },
            fresh: '15s',
            for: 0,
          },
        ];
        d.hooks = {
          'before-stop': ['/bin/drain', '{{host}}'],
          'after-healthy': { http: { url: 'http://lb/{{host}}', 'expect-status': '2xx' }, timeout: '10s' },
        };
        d.availability = {
          interval: '250ms',
          urls: ['tcp://lb:80', { name: 'lb', url: 'https://lb/health', status: 200 }],
        };
      }),
    ],
    [
      'proxy mode, off for one group, and a hook with an environment',
      doc((d) => {
        const container = d.container as Record<string, unknown>;
        delete container.ports;
        d.proxy = {
          image: 'registry.example.com/aviary/caddy:2.6',
          port: 80,
          'app-port': 8080,
          network: 'web-net',
          drain: '2s',
        };
        (d.groups as Record<string, Record<string, unknown>>).worker.proxy = false;
        d.hooks = { 'before-stop': { command: ['/bin/drain', '{{host}}'], env: ['LB_TOKEN'] } };
      }),
    ],
  ])('accepts %s', (_name, data) => {
    expect(schemaErrors(data)).toEqual([]);
    expect(loaderProblems(YAML.stringify(data))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The fuzz suite's cases (test/unit/config-fuzz.test.ts: same generators, same seeds), and valid
// variations of its base config

interface Case {
  text: string;
  data: unknown;
  loader: string[];
  schema: string[];
}

/**
 * Valid but unusual forms, by the last key of a path in FUZZ_BASE: the fuzz suite's mutations
 * mostly break the config, and these make the configs the loader accepts many and varied.
 */
const VALID_FORMS: Record<string, unknown[]> = {
  service: ['a', 'web.v2', 'w_e-b', '0'.repeat(63)],
  image: [
    'web',
    'localhost/web',
    'localhost:5000/a/b',
    '[::1]:5000/a',
    'r.example.com:443/a__b/c-d--e',
    `web:V1.2_x@sha256:${'a'.repeat(64)}`,
    `r.io/a/b@sha256:${'0'.repeat(64)}`,
    'web_app',
    'a.b',
  ],
  hosts: [
    { dns: 'web.internal', port: 2375 },
    { dns: '_docker._tcp.web.internal.', record: 'SRV', server: '10.0.0.2:5353', timeout: '5m' },
    { command: ['/usr/local/bin/list-hosts', 'web'], transport: 'ssh', user: 'deploy' },
    { dns: 'web.internal', record: 'AAAA', server: 'fd00::2', tls: { ca: 'CA_PEM', cert: 'CERT_PEM', key: 'KEY_PEM' } },
  ],
  'hosts[]': [
    'tcp://WEB-9.Example.COM.:65535',
    'tcp://255.255.255.255:1',
    'tcp://[2001:db8::1]:2376',
    'tcp://::ffff:10.0.0.1:2375',
    'ssh://u@h',
    'ssh://d.e_p-l@[::1]',
    'ssh://root@10.0.0.9:00022',
    'unix:///a/b.sock',
    'unix:///',
    'unix:///a/.../b',
  ],
  docker: ['tcp://h:1', 'tcp://[fe80::1%25eth0]:2376', 'tcp://xn--bcher-kva.example:2376'],
  address: ['::1', '[fe80::2]', '10.0.0.255', 'web-3.', 'a'.repeat(63)],
  name: ['web:3', 'W.3_x-y'],
  ca: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'],
  verify: [false],
  batches: [3, '50%', ' 100 %', ['0.5%', 10000], [1, '99.99%', '100.0%']],
  parallel: [1, 1024],
  keep: [0, 100],
  pause: [0, '0', ' 1m30s ', '1h0m0.5s', '167h'],
  'max-unhealthy': [0, 10000, '0%', '100%', '0.0%'],
  'stop-timeout': [0, '0ms', '1.5s'],
  'lock-timeout': ['1s', '2m', '168h'],
  interval: ['1ms', '1.5ms'],
  deadline: ['10m'],
  'start-period': [0, '30s'],
  ports: [
    [
      80,
      65535,
      '1-100:1-100',
      '8080',
      '127.0.0.1::80',
      '[::1]:80:80/tcp',
      '0.0.0.0:1:1/sctp',
      '9000-9010:9000',
      '53/udp',
      '010.001.0.255:80:80',
    ],
  ],
  env: [{}, { A: '', _B: 1.5, C: true, D: 'multi\nline\ttab' }],
  'secret-env': [[]],
  volumes: [['/:/x', 'v1:/data:rw', '/a/b:/c/d:ro']],
  command: [['x', 'a b', 'ü', '$(not a shell)']],
  restart: ['no', 'always', 'on-failure'],
  labels: [{ 'a.b/c-d_e': 'x', 'com.x': 2 }],
  network: ['host', 'a.b_c-d'],
  path: ['/', '/a?b=c&d#e', '/~user/%20'],
  status: [200, '200', ' 2XX ', '100-599', '204 - 204'],
  body: ['a\nb'],
  'max-latency': ['250ms'],
  scheme: ['https'],
  port: [1, 65535],
  'docker-health': [false],
  'healthy-threshold': [100],
  max: [-1.5, 0, 1e300],
  url: ['HTTPS://Prometheus.example.com:9090/prefix/', 'http://[::1]:9090', ' http://p:9090 '],
  query: ['up{job="{{service}}", group="{{group}}"}\n', 'sum(rate(x[1m])) by ({{ hosts }})'],
};

const formKey = (p: Path): string => (typeof p.at(-1) === 'number' ? `${String(p.at(-2))}[]` : String(p.at(-1)));
const validForm: fc.Arbitrary<Mutation> = fc
  .constantFrom(...paths(FUZZ_BASE).filter((p) => formKey(p) in VALID_FORMS))
  .chain((p) =>
    fc.constantFrom(...VALID_FORMS[formKey(p)]).map((value): Mutation => (doc) => {
      put(get(doc, p.slice(0, -1)), p.at(-1)!, value);
      return doc;
    }),
  );

function collect(): Case[] {
  const texts: string[] = [];
  fc.assert(
    fc.property(fc.array(configMutation, { minLength: 1, maxLength: 5 }), (mutations) => {
      texts.push(YAML.stringify(mutations.reduce((d, m) => m(d), fuzzBase())));
    }),
    { seed: 4242, numRuns: 600 },
  );
  fc.assert(
    fc.property(fc.array(validForm, { minLength: 1, maxLength: 6 }), (mutations) => {
      texts.push(YAML.stringify(mutations.reduce((d, m) => m(d), fuzzBase())));
    }),
    { seed: 2468, numRuns: 400 },
  );
  const base = YAML.stringify(FUZZ_BASE);
  fc.assert(
    fc.property(fc.array(yamlTextEdit(base), { minLength: 1, maxLength: 6 }), (edits) => {
      let t = base;
      for (const [at, cut, insert] of edits) t = t.slice(0, at) + insert + t.slice(at + cut);
      texts.push(t);
    }),
    { seed: 9001, numRuns: 400 },
  );
  fc.assert(
    fc.property(randomConfigDocument, (value) => {
      texts.push(YAML.stringify(value));
    }),
    { seed: 5678, numRuns: 300 },
  );

  const cases: Case[] = [];
  for (const text of texts) {
    let data: unknown;
    // Only what parses as YAML is data a schema could see; syntax errors are the YAML server's.
    try {
      data = parseConfigText(text);
    } catch {
      continue;
    }
    cases.push({ text, data, loader: loaderProblems(text), schema: schemaErrors(data) });
  }
  return cases;
}

describe('on the config fuzz cases', () => {
  const cases = collect();
  const accepted = cases.filter((c) => c.loader.length === 0);
  const refused = cases.filter((c) => c.loader.length > 0);

  test('there are both configs the loader accepts and configs it refuses', () => {
    expect(cases.length).toBeGreaterThan(1200);
    expect(accepted.length).toBeGreaterThan(350);
    expect(refused.length).toBeGreaterThan(700);
  });

  test('the schema accepts every config the loader accepts (an editor never flags a valid file)', () => {
    const wrong = accepted
      .filter((c) => c.schema.length > 0)
      .map((c) => ({ schema: c.schema.slice(0, 3), text: c.text }));
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  test('the schema refuses what the loader refuses, but for the checks beyond a schema', () => {
    const missed = refused.filter((c) => c.schema.length === 0);
    const unexplained = missed.flatMap((c) =>
      c.loader.filter((p) => !beyond(p, c.data)).map((problem) => ({ problem, text: c.text })),
    );
    expect(unexplained.slice(0, 5)).toEqual([]);
    // The schema catches most of what the loader does: it is not a stand-in that accepts anything.
    expect(missed.length).toBeLessThan(refused.length * 0.05);
  });
});

test("fieldPath reads the loader's field paths", () => {
  expect(fieldPath('groups.web.hosts[2].docker: "x" is not …')).toEqual(['groups', 'web', 'hosts', 2, 'docker']);
  expect(fieldPath('container.labels["com.example.team"]: is not …')).toEqual([
    'container',
    'labels',
    'com.example.team',
  ]);
  expect(fieldPath('aviary.yml:3:7: Map keys must be unique')).toBeUndefined();
});
