// Writes schema/aviary.schema.json, the JSON Schema of aviary.yml that editors use to complete and
// check the file, from the grammar below: the regular expressions are composed here, once each, and
// JSON.stringify escapes them. `node schema/build.mjs` rewrites the file, `--check` fails when it
// differs. src/config/load.ts stays the authority; test/unit/config-schema.test.ts keeps the two in step.
import { readFileSync, writeFileSync } from 'node:fs';

const CTRL = '\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const CTRL_BUT_LINES =
  '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const oneLine = (extra = {}) => ({ type: 'string', minLength: 1, maxLength: 4096, pattern: `^[^${CTRL}]*$`, ...extra });
const multiLine = (extra = {}) => ({
  type: 'string',
  minLength: 1,
  maxLength: 4096,
  pattern: `^[^${CTRL_BUT_LINES}]*$`,
  ...extra,
});

const DUR = '(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+';
const ref = (name) => ({ $ref: `#/definitions/${name}` });
const DEFINITIONS = {
  duration: {
    description: 'Written like 500ms, 2s, 5m, 1h or 1m30s; at most 7 days; 0 for none.',
    anyOf: [
      { type: 'number', const: 0 },
      { type: 'string', pattern: `^\\s*(?:0|${DUR})\\s*$` },
    ],
  },
  positiveDuration: {
    description: 'Written like 500ms, 2s, 5m, 1h or 1m30s; greater than 0, at most 7 days.',
    type: 'string',
    pattern: `^\\s*(?=[^1-9]*[1-9])${DUR}\\s*$`,
  },
};
const duration = (description) => ({
  description: `${description} Written like 500ms, 2s or 5m; 0 for none.`,
  allOf: [ref('duration')],
});
const positiveDuration = (description) => ({
  description: `${description} Written like 500ms, 2s or 5m.`,
  allOf: [ref('positiveDuration')],
});
/** Puts a piece in the definitions and returns a reference to it. */
const define = (name, value) => {
  DEFINITIONS[name] = value;
  return ref(name);
};
const int = (minimum, maximum, description) => ({ type: 'integer', minimum, maximum, description });
const PORT_NUMBER =
  '(?:0{0,4}[1-9]|0{0,3}[1-9]\\d|0{0,2}[1-9]\\d{2}|0?[1-9]\\d{3}|[1-5]\\d{4}|6[0-4]\\d{3}|65[0-4]\\d{2}|655[0-2]\\d|6553[0-5])';
const port = (description) => int(1, 65535, description);
const PCT_ANY = '0*(?:100(?:\\.0+)?|\\d{1,2}(?:\\.\\d+)?)';
const batchSize = {
  description: 'A count of hosts (a number) or a percentage of the group like "25%", rounded up, at least 1.',
  anyOf: [
    { type: 'integer', minimum: 1, maximum: 10000 },
    { type: 'string', maxLength: 32, pattern: `^\\s*(?=[^1-9]*[1-9])${PCT_ANY}\\s*%\\s*$` },
  ],
};
const budget = {
  description:
    'The failure budget of the whole rollout: a count of hosts (0 or more) or a percentage like "10%". Over it, every host touched is rolled back.',
  anyOf: [
    { type: 'integer', minimum: 0, maximum: 10000 },
    { type: 'string', maxLength: 32, pattern: `^\\s*${PCT_ANY}\\s*%\\s*$` },
  ],
};
const httpStatus = define('httpStatus', {
  description: 'An HTTP status (200), a range ("200-299") or a class ("2xx").',
  anyOf: [
    { type: 'integer', minimum: 100, maximum: 599 },
    { type: 'string', pattern: '^\\s*(?:[1-5]\\d\\d(?:\\s*-\\s*[1-5]\\d\\d)?|[1-5][xX][xX])\\s*$' },
  ],
});
const command = (description, minItems) => ({
  description: `${description} A list: program, then each argument as its own item (no shell runs it).`,
  type: 'array',
  minItems,
  maxItems: 256,
  items: multiLine(),
});
const headerMap = (description) => ({
  description,
  type: 'object',
  propertyNames: { pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$" },
  additionalProperties: { type: 'string', maxLength: 8192, pattern: `^[^${CTRL}]*$` },
});
// URLs are read by the WHATWG parser, which forgives much (case, spaces around, "http:host"):
// the schema checks the scheme only; the loader says what else is wrong.
const url = (schemes, description) => oneLine({ maxLength: 2048, pattern: `^\\s*(?:${schemes})\\s*:`, description });
const HTTP = '[Hh][Tt][Tt][Pp][Ss]?';

// Hosts: the grammar of src/hosts/endpoint.ts.
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const IPV4 = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)){3}';
const IPV6ISH = '[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:%[0-9A-Za-z.:-]+)?';
// end: what follows the host (":" before a port, or the end).
const hostName = (end) => `(?![\\d.]+${end})(?=[A-Za-z0-9.-]{1,253}${end})${LABEL}(?:\\.${LABEL})*\\.?`;
const hostAddress = (end) => `(?:${IPV4}|\\[${IPV6ISH}\\]|${IPV6ISH}|${hostName(end)})`;
const UNIX = 'unix://(?!.*/\\.\\.(?:/|$))/[A-Za-z0-9._+@/-]{0,1023}';
const TCP = `tcp://${hostAddress(':')}:${PORT_NUMBER}`;
const SSH = `ssh://[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}@(?:${hostAddress(':')}:${PORT_NUMBER}|${hostAddress('$')})`;
const endpoint = define('endpoint', {
  description:
    'A Docker endpoint: tcp://host:port (TLS with tls:), ssh://user@host[:port], or unix:///path/to/docker.sock.',
  type: 'string',
  maxLength: 1100,
  pattern: `^(?:${UNIX}|${TCP}|${SSH})$`,
  examples: ['tcp://10.0.0.1:2375', 'ssh://deploy@web-1.example.com', 'unix:///var/run/docker.sock'],
});
const PEM = '-----BEGIN [A-Z0-9 ]+-----';
const tlsRef = (what) => ({
  description: `${what}: a file path (relative to this file), or the name of an environment variable holding PEM text.`,
  anyOf: [
    { type: 'string', maxLength: 1048576, pattern: PEM },
    { type: 'string', minLength: 1, maxLength: 4096, pattern: `^[^${CTRL}]*$` },
  ],
});
const host = {
  description: 'A host with a name, TLS or a health-check address of its own.',
  type: 'object',
  additionalProperties: false,
  required: ['docker'],
  properties: {
    name: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$',
      description: "The host's name in logs and reports; default: the endpoint's host.",
    },
    docker: endpoint,
    address: {
      type: 'string',
      maxLength: 255,
      pattern: `^${hostAddress('$')}$`,
      description: "Where health checks go; default: the endpoint's host.",
    },
    tls: define('tls', {
      description: 'TLS for a tcp:// endpoint: the CA to check the engine against, and the client certificate and key.',
      type: 'object',
      additionalProperties: false,
      properties: {
        ca: tlsRef('The CA certificate (PEM, a file or a variable)'),
        cert: tlsRef('The client certificate (PEM, a file or a variable)'),
        key: {
          description:
            'The client key: a file path or an environment variable name (never the key itself in this file).',
          type: 'string',
          minLength: 1,
          maxLength: 4096,
          pattern: `^[^${CTRL}]*$`,
          not: { pattern: PEM },
        },
        verify: { type: 'boolean', description: "Check the engine's certificate (default true)." },
      },
      dependencies: { cert: ['key'], key: ['cert'] },
    }),
  },
  if: { required: ['tls'] },
  then: { properties: { docker: { type: 'string', pattern: '^tcp://' } } },
};

const container = define('container', {
  description:
    "How the container runs; a group's container merges over this one field by field (env and labels key by key).",
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    ports: {
      description: 'Published ports, in docker -p syntax: "8080:8080", "127.0.0.1:80:8080", "53/udp".',
      type: 'array',
      items: {
        anyOf: [
          port(),
          {
            type: 'string',
            maxLength: 128,
            pattern: `^(?:(?:(?:[01]?\\d?\\d|2[0-4]\\d|25[0-5])(?:\\.(?:[01]?\\d?\\d|2[0-4]\\d|25[0-5])){3}|\\[[0-9a-fA-F:]+\\]):(?:${PORT_NUMBER}(?:-${PORT_NUMBER})?)?:|${PORT_NUMBER}(?:-${PORT_NUMBER})?:)?${PORT_NUMBER}(?:-${PORT_NUMBER})?(?:/(?:tcp|udp|sctp))?$`,
          },
        ],
      },
    },
    env: {
      description: 'Environment variables (plain values; secrets go in secret-env).',
      type: 'object',
      propertyNames: { maxLength: 255, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: {
        type: ['string', 'number', 'boolean'],
        maxLength: 4096,
        pattern: `^[^${CTRL_BUT_LINES}]*$`,
      },
    },
    'secret-env': {
      description:
        "Names of variables whose values are read from the action's environment (e.g. from secrets) and always masked.",
      type: 'array',
      maxItems: 1000,
      items: { type: 'string', maxLength: 255, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    },
    volumes: {
      description: 'Volumes: "/srv/data:/data", "data:/data" or "/srv/conf:/etc/app:ro".',
      type: 'array',
      items: {
        type: 'string',
        maxLength: 4096,
        pattern: `^(?:/[^:\\s,${CTRL}]*|[A-Za-z0-9][A-Za-z0-9_.-]*):/[^:\\s,${CTRL}]*(?::(?:ro|rw))?$`,
      },
    },
    command: command("The container's command; default: the image's.", 0),
    restart: {
      enum: ['no', 'always', 'unless-stopped', 'on-failure'],
      description: 'The restart policy (default unless-stopped).',
    },
    'stop-timeout': duration('How long a stop waits before it kills (default 10s).'),
    labels: {
      description: "Labels of your own (aviary.* are aviary's deploy record).",
      type: 'object',
      propertyNames: { maxLength: 255, pattern: '^(?!aviary\\.)[A-Za-z0-9][A-Za-z0-9._/-]*$' },
      additionalProperties: {
        type: ['string', 'number', 'boolean'],
        maxLength: 4096,
        pattern: `^[^${CTRL_BUT_LINES}]*$`,
      },
    },
    network: {
      type: 'string',
      maxLength: 255,
      pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
      description: 'A Docker network to attach the container to.',
    },
  },
});

const strategyProperties = {
  batches: {
    description: 'Batch sizes, canary first; the last one repeats. Default [1, "25%", "100%"].',
    anyOf: [{ type: 'array', minItems: 1, maxItems: 100, items: batchSize }, batchSize],
  },
  pause: duration('Bake time after each healthy batch (default 0s).'),
  'max-unhealthy': budget,
  parallel: int(1, 1024, 'Hosts in flight at once (default 32).'),
  keep: int(0, 100, 'Previous containers kept stopped on each host, for instant rollback (default 3).'),
};
const strategy = {
  description: 'How the rollout proceeds.',
  type: ['object', 'null'],
  additionalProperties: false,
  properties: strategyProperties,
};
const groupStrategy = {
  description:
    "This group's batches, pause, parallel and keep (max-unhealthy is the whole rollout's: set it at the top level).",
  type: ['object', 'null'],
  additionalProperties: false,
  properties: Object.fromEntries(Object.entries(strategyProperties).filter(([k]) => k !== 'max-unhealthy')),
};

const health = define('health', {
  description: 'How a new container is judged healthy. A group that names any check replaces the whole set of checks.',
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    http: {
      description: "An HTTP check against the host's address.",
      type: 'object',
      additionalProperties: false,
      required: ['port'],
      properties: {
        path: {
          type: 'string',
          maxLength: 2048,
          pattern: '^/[\\x21-\\x7e]*$',
          description: 'The URL path (default /).',
        },
        port: port('The port on the host.'),
        scheme: { enum: ['http', 'https'] },
        status: httpStatus,
        body: multiLine({ description: 'Text the answer must contain.' }),
        'body-regex': multiLine({ description: 'A regular expression the answer must match.' }),
        'max-latency': positiveDuration('A slower answer counts as a failure.'),
      },
      not: { required: ['body', 'body-regex'] },
    },
    tcp: {
      description: 'A TCP connect check.',
      type: 'object',
      additionalProperties: false,
      required: ['port'],
      properties: { port: port() },
    },
    command: command('Run inside the new container (docker exec); exit 0 is healthy.', 1),
    'docker-health': {
      type: 'boolean',
      description: "Also wait for the image's own HEALTHCHECK, when it has one (default true).",
    },
    'start-period': duration('Failures before then do not count (default 0s).'),
    interval: positiveDuration('Between checks (default 1s).'),
    timeout: positiveDuration('Of one check (default 2s).'),
    'healthy-threshold': int(1, 100, 'Consecutive passes to call a host healthy (default 1).'),
    'unhealthy-threshold': int(1, 100, 'Consecutive failures to call it unhealthy (default 3).'),
    deadline: positiveDuration('A host not healthy by then has failed (default 60s).'),
  },
});

const checkKeys = {
  max: { type: 'number', description: 'The largest value allowed.' },
  min: { type: 'number', description: 'The smallest value allowed.' },
  condition: oneLine({ maxLength: 1000, description: 'An expression on result, like "result < 0.01".' }),
};
const hasCheck = { anyOf: [{ required: ['max'] }, { required: ['min'] }, { required: ['condition'] }] };
const sourceHasCheck = { type: 'object', ...hasCheck };
const checkInSource = {
  anyOf: [
    { required: ['prometheus'], properties: { prometheus: sourceHasCheck } },
    { required: ['http'], properties: { http: sourceHasCheck } },
  ],
};
const gate = {
  description:
    'A check after each healthy batch: a Prometheus query or an HTTP answer, held to max, min or a condition.',
  type: 'object',
  additionalProperties: false,
  properties: {
    name: oneLine({ maxLength: 100, description: 'A short name for messages.' }),
    prometheus: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'query'],
      properties: {
        url: url(HTTP, 'The Prometheus server, like http://prometheus:9090.'),
        query: multiLine({
          maxLength: 8192,
          description: 'A PromQL query; may use {{group}}, {{hosts}}, {{addresses}}, {{version}}, {{service}}.',
        }),
        headers: headerMap('Request headers.'),
        ...checkKeys,
      },
    },
    http: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: {
        url: url(HTTP, 'The URL asked; may use {{group}}, {{hosts}}, {{addresses}}, {{version}}, {{service}}.'),
        method: { enum: ['GET', 'POST'] },
        headers: headerMap('Request headers.'),
        body: {
          type: 'string',
          maxLength: 65536,
          pattern: `^[^${CTRL_BUT_LINES}]*$`,
          description: 'The request body (method: POST).',
        },
        path: {
          type: 'string',
          maxLength: 512,
          pattern: `^[^${CTRL}]*$`,
          description: 'A path into the JSON answer, like "data.errorRate".',
        },
        ...checkKeys,
      },
      if: { required: ['body'] },
      then: { required: ['method'], properties: { method: { const: 'POST' } } },
    },
    ...checkKeys,
    for: duration('How long the condition must hold (default 0s: one query).'),
    interval: positiveDuration('Between queries (default 5s, or the for window when shorter).'),
    'failure-limit': int(0, 1000, 'Failed queries tolerated (default 0).'),
    'no-data': {
      enum: ['wait', 'fail', 'pass'],
      description: 'An empty answer: wait for data until for ends (default), fail or pass.',
    },
    timeout: positiveDuration('Of one query (default 5s, at most 5m).'),
    fresh: {
      description:
        'Judge only samples taken after the batch: scrape (Prometheus: wait for a scrape of the hosts; the default there), a duration to wait like "15s" (at most 10m), or off.',
      anyOf: [
        { type: 'boolean' },
        { enum: ['off', 'scrape'] },
        { type: 'string', pattern: `^\\s*(?=[^1-9]*[1-9])${DUR}\\s*$` },
      ],
    },
  },
  oneOf: [{ required: ['prometheus'] }, { required: ['http'] }],
  allOf: [
    { anyOf: [hasCheck, checkInSource] },
    { not: { allOf: [hasCheck, checkInSource] } },
    { if: { required: ['http'] }, then: { properties: { fresh: { not: { enum: [true, 'scrape'] } } } } },
  ],
};
const gates = define('gates', {
  description:
    "Checked after each healthy batch, before the next one; a group's list replaces these ([] turns them off).",
  type: ['array', 'null'],
  maxItems: 50,
  items: gate,
});

const hookAction = define('hookAction', {
  anyOf: [
    command('A command run on the runner; may use {{host}}, {{address}}, {{group}}, {{service}}.', 1),
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        command: command('A command run on the runner; may use {{host}}, {{address}}, {{group}}, {{service}}.', 1),
        http: {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: {
            url: url(HTTP, 'The URL called; may use {{host}}, {{address}}, {{group}}, {{service}}.'),
            method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
            headers: headerMap('Request headers.'),
            body: { type: 'string', maxLength: 65536, pattern: `^[^${CTRL_BUT_LINES}]*$` },
            'expect-status': httpStatus,
          },
        },
        timeout: positiveDuration('Of the hook (default 30s, at most 10m).'),
        env: {
          description:
            "Names of the runner's environment variables the command gets (it runs with a minimal environment otherwise).",
          type: 'array',
          maxItems: 64,
          items: { type: 'string', maxLength: 4096, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
        },
      },
      oneOf: [{ required: ['command'] }, { required: ['http'] }],
      // Only a command runs with an environment.
      if: { required: ['http'] },
      then: { properties: { env: { type: 'array', maxItems: 0 } } },
    },
  ],
});
const hooks = define('hooks', {
  description: "Commands or HTTP calls around each host's switch (e.g. drain it from a load balancer).",
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { 'before-stop': hookAction, 'after-healthy': hookAction },
});

const availabilityUrl = url(`${HTTP}|[Tt][Cc][Pp]`, 'An http://, https:// or tcp://host:port URL.');
const availability = define('availability', {
  description:
    "The availability measured during the rollout (probes of every host's health check, plus service URLs), or false to measure none.",
  anyOf: [
    { type: 'null' },
    { const: false },
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        interval: positiveDuration('Between probes (default 500ms; 50ms to 1m).'),
        timeout: positiveDuration('Of one probe (default 1s; at most 1m).'),
        hosts: { type: 'boolean', description: "Probe every selected host's health endpoint (default true)." },
        urls: {
          type: 'array',
          maxItems: 100,
          items: {
            anyOf: [
              availabilityUrl,
              {
                type: 'object',
                additionalProperties: false,
                required: ['url'],
                properties: {
                  name: oneLine({ maxLength: 100 }),
                  url: availabilityUrl,
                  status: httpStatus,
                  body: multiLine(),
                },
              },
            ],
          },
        },
      },
    },
  ],
});

// A group's hosts found at the start of a run: src/inventory/config.ts.
const DNS_LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?';
const inventory = {
  description:
    'Hosts found at the start of each run: from DNS (A/AAAA or SRV records) or from a program that prints them (JSON or one per line).',
  type: 'object',
  additionalProperties: false,
  properties: {
    dns: {
      type: 'string',
      pattern: `^(?=.{1,253}\\.?$)${DNS_LABEL}(?:\\.${DNS_LABEL})*\\.?$`,
      description: 'A DNS name like web.internal (or _docker._tcp.web.internal with record: SRV).',
    },
    command: {
      description:
        'A program that prints the hosts; a list: program, then each argument as its own item (no shell runs it).',
      type: 'array',
      minItems: 1,
      maxItems: 256,
      items: oneLine(),
    },
    record: { enum: ['A/AAAA', 'A', 'AAAA', 'SRV'], description: 'Which records (default A/AAAA: both).' },
    server: {
      type: 'string',
      maxLength: 64,
      pattern: '^(?:[0-9A-Fa-f.:]+|\\[[0-9A-Fa-f:.]+\\]:\\d{1,5})$',
      description: "A DNS server's IP address, with an optional port, like 10.0.0.2 or 10.0.0.2:5353.",
    },
    transport: { enum: ['tcp', 'ssh'], description: 'How the hosts found are reached (default tcp; tls: for TLS).' },
    port: port('The Docker port of the hosts found (not with record: SRV, whose records give it).'),
    user: {
      type: 'string',
      pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$',
      description: 'The SSH user (transport: ssh).',
    },
    tls: { $ref: '#/definitions/tls' },
    timeout: positiveDuration('Of the lookup (default 10s, at most 5m).'),
  },
  oneOf: [{ required: ['dns'] }, { required: ['command'] }],
  allOf: [
    { if: { required: ['command'] }, then: { not: { anyOf: [{ required: ['record'] }, { required: ['server'] }] } } },
    { if: { required: ['record'], properties: { record: { const: 'SRV' } } }, then: { not: { required: ['port'] } } },
    {
      if: { required: ['transport'], properties: { transport: { const: 'ssh' } } },
      then: { required: ['user'], not: { required: ['tls'] } },
      else: { not: { required: ['user'] } },
    },
  ],
};

// The image grammar of src/registry/reference.ts (distribution/reference), sha256 digests only.
const REGISTRY_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?'; // no length limit there
const COMP = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const FIRST_COMP = '[a-z0-9]+(?:(?:_|__|-+)[a-z0-9]+)*';
// The first component is a registry when it has a "." or a ":", or is localhost.
const REGISTRY = `(?:(?:${REGISTRY_LABEL}(?:\\.${REGISTRY_LABEL})+|\\[[0-9A-Fa-f:.]*[:.][0-9A-Fa-f:.]*\\])(?::\\d{1,5})?|${REGISTRY_LABEL}:\\d{1,5}|localhost)`;
const IMAGE = `^(?=[^@]{1,255}(?:@|$))(?:${REGISTRY}/${COMP}(?:/${COMP})*|${COMP}|(?!localhost/)${FIRST_COMP}(?:/${COMP})+)(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`;

// Proxy mode: src/proxy/config.ts (docs/proxy.md).
const proxy = define('proxy', {
  description:
    'Proxy mode: a proxy container on each host owns the published port and switches between the old and new containers without losing a request; false turns it off (for a group).',
  anyOf: [
    { type: 'null' },
    { const: false },
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        image: {
          type: 'string',
          maxLength: 512,
          pattern: IMAGE,
          description: "The proxy's image (Caddy 2.6 or later, with busybox's wget and sh).",
        },
        port: port("Published on the host's address by the proxy (default 80)."),
        'app-port': port("Where the app listens inside its container (default: the health check's port)."),
        network: {
          type: 'string',
          pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$',
          description: 'The user network the proxy and the app share (default aviary-<service>).',
        },
        drain: duration(
          'After the proxy points at the new container, before the old one stops (default 1s, at most 5m).',
        ),
      },
    },
  ],
});

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $comment:
    'The aviary.yml format, as src/config/load.ts validates it (that loader is the authority: it also checks what a schema cannot, such as duplicate hosts, environment variables and files). test/unit/config-schema.test.ts keeps the two in agreement.',
  title: 'aviary.yml',
  description: 'An aviary deploy config: a service, its image, and the groups of Docker hosts it is rolled out to.',
  type: 'object',
  additionalProperties: false,
  required: ['service', 'groups'],
  properties: {
    service: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9_.-]{0,62}$',
      description: "The container's name on every host.",
    },
    image: {
      type: 'string',
      maxLength: 512,
      pattern: IMAGE,
      description:
        "The image repository, like registry.example.com/acme/web; the tag or digest usually comes from the deploy's image input.",
    },
    groups: {
      description: 'Groups of hosts, rolled out one after another in this order.',
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['hosts'],
        properties: {
          hosts: {
            description:
              "The group's Docker hosts: a list of endpoints (or of hosts with a name, TLS or an address of their own), or a source that finds them at the start of each run.",
            anyOf: [{ type: 'array', minItems: 1, maxItems: 10000, items: { anyOf: [endpoint, host] } }, inventory],
          },
          container,
          strategy: groupStrategy,
          health,
          gates,
          hooks,
          proxy,
        },
      },
    },
    container,
    strategy,
    health,
    'lock-timeout': positiveDuration(
      "How long after its run's last heartbeat a deploy lock counts as dead (at least 1s).",
    ),
    'lock-wait': duration(
      "How long a run waits for another run's lock before it gives up (default 0s: it does not wait).",
    ),
    gates,
    hooks,
    availability,
    proxy,
    'metrics-url': {
      description: "A Prometheus Pushgateway the rollout's figures are pushed to.",
      anyOf: [{ type: 'null' }, { const: '' }, url(HTTP)],
    },
  },
  definitions: DEFINITIONS,
};

const file = new URL('./aviary.schema.json', import.meta.url);
const text = JSON.stringify(schema, null, 2) + '\n';
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    /* missing: differs */
  }
  if (current !== text) {
    console.error('schema/aviary.schema.json differs from schema/build.mjs: run `node schema/build.mjs` and commit it');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
}
