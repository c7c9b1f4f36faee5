// Seeded fuzzing of the deploy action's whole entry path: the config file's content and every input
// (unicode, huge values, wrong types, shell metacharacters, newlines). In-process through the same
// code the action runs (its input readers, then deploy() with a MemoryLogger), and through the real
// bundle (`node dist/deploy/index.js` with INPUT_* and GITHUB_OUTPUT). Every case must end in an
// error whose every problem line names a field, an input or a host — or in a valid dry run — fast,
// without a stack trace or a secret, and without changing anything on the fleet hosts it names.
// A case that would be a valid real deploy is turned into a dry run before it runs (the fuzz must
// never deploy); `/tmp/pwned*` would be the trace of a payload that reached a shell.
// Needs the fleet, and for the bundle part dist/ (or AVIARY_DIST=/tmp/sec-dist, see security.test.ts).
// @actions/core is ESM-only and jest cannot load it: getInput as @actions/core implements it (INPUT_<NAME>,
// trimmed); the bundle cases run the real one.
jest.mock(
  '@actions/core',
  () => ({
    getInput: (name: string, options?: { required?: boolean; trimWhitespace?: boolean }) => {
      const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
      if (options?.required && !value) throw new Error(`Input required and not supplied: ${name}`);
      return options?.trimWhitespace === false ? value : value.trim();
    },
  }),
  { virtual: true },
);

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import fc from 'fast-check';
import YAML from 'yaml';
import { readDeployInputs } from '../../src/actions/deploy/inputs';
import { DeployConfig } from '../../src/config/types';
import { deploy, prepare } from '../../src/deploy';
import { InputError, RunError } from '../../src/errors';
import { MemoryLogger } from '../support/memory-logger';
import { RolloutReport } from '../../src/report/types';
import { Fleet, loadFleet } from '../support/fleet';
import { get, mapStrings, Mutation, Path, paths, put } from '../support/mutate';
import {
  ActionRun,
  describeLeaks,
  distDir,
  findLeaks,
  inputVar,
  keyNeedles,
  Needle,
  runActionBundle,
  shownStdout,
  valueNeedles,
  workflowCommands,
} from '../support/secrets';

const fleetUp = fs.existsSync(path.join(process.env.AVIARY_FLEET_DIR || '/tmp/aviary-fleet', 'fleet.json'));
const DIST = distDir();
const bundled = fs.existsSync(path.join(DIST, 'deploy', 'index.js'));
if (!bundled) console.warn(`input fuzz: no bundle at ${DIST}; only the in-process cases run (set AVIARY_DIST)`);

const SERVICE = 't-fuzz';
const PORT = 18449;
const IN_PROCESS_RUNS = 320;
const BUNDLE_RUNS = 64;
/** Validation alone; a case that reached the hosts (a dry run, a refused connection) may take longer. */
const VALIDATION_MS = 1000;
const NETWORK_MS = 5000;
const MAX_PROBLEM = 2000;

const SECRET = `postgres://app:Fz-${randomBytes(8).toString('hex')}@db/app`;
const PASSWORD = `Fz-pw-${randomBytes(8).toString('hex')}`;

// ---------------------------------------------------------------------------------------------
// Values a user (or an attacker) might put anywhere. Every payload that could run would leave /tmp/pwned*.

const SHELL = [
  '$(touch /tmp/pwned)',
  '`touch /tmp/pwned-bt`',
  '; touch /tmp/pwned-semi',
  '; rm -rf /tmp/pwned-rm',
  '| touch /tmp/pwned-pipe',
  '&& touch /tmp/pwned-and',
  '\ntouch /tmp/pwned-nl',
  "'; touch /tmp/pwned-q; '",
  '"; touch /tmp/pwned-dq; "',
  '${IFS}touch${IFS}/tmp/pwned-ifs',
  '> /tmp/pwned-redir',
  '$HOME',
  '*',
  '~root',
  '\\',
  '#',
];
const UNICODE = [
  'ünïcödé',
  '🚀',
  '\u202eevil',
  'zero\u200bwidth',
  'ｗｅｂ',
  'Ω',
  '\u0007',
  '\u001b[31m',
  '\r\n',
  '\t',
  'a\u2028b',
  '\u00a0',
  '\ufeff',
];
const HUGE = [
  'x'.repeat(100_000),
  '9'.repeat(400),
  `${'1'.repeat(30)}%`,
  `${'9'.repeat(20)}s`,
  'a,'.repeat(20_000),
  '\n'.repeat(5000),
];
const ODD_IMAGES = [
  'UPPER/Case:tag',
  'a//b',
  'x:',
  '@sha256:',
  'a:b:c',
  'registry:99999/x',
  `sha256:${'g'.repeat(64)}`,
  'web@sha256:abc',
  '-leading/dash',
  ':tag',
  'web:tag with space',
  `web:${'t'.repeat(200)}`,
  'web:v1;touch /tmp/pwned-img',
  'web:$(id)',
  'web:`id`',
  `web@sha256:${'A'.repeat(64)}`,
  '../../etc/passwd',
  'http://10.210.0.2:5000/x:1',
];

const weird = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SHELL, ...UNICODE, ...ODD_IMAGES) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('v1', '1', '25%', '30s', 'true', 'canary', 'web'), fc.constantFrom(...SHELL, ...UNICODE))
      .map(([a, b]) => a + b),
  },
);
/** Absent half of the time (fc.option's freq is the odds of nil: 1 in freq). */
const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });

// ---------------------------------------------------------------------------------------------
// The config: a valid file naming real fleet hosts, then mutated.

function baseConfig(fleet: Fleet): Record<string, unknown> {
  const [h1, , h3, h4] = fleet.hosts;
  return {
    service: SERVICE,
    image: `${fleet.registry.plain}/${SERVICE}/app`,
    groups: {
      canary: { hosts: [{ name: 'h1', docker: h1.tcp! }] },
      web: {
        hosts: [
          { name: 'h4', docker: h4.tcp! },
          { name: 'h3', docker: h3.ssh! },
        ],
        strategy: { parallel: 2 },
      },
    },
    container: {
      ports: [`${PORT}:8080`],
      env: { APP_ENV: 'fuzz' },
      'secret-env': ['FUZZ_DB_URL'],
      labels: { 'com.example.team': 'fuzz' },
      volumes: [`${SERVICE}-data:/data`],
      command: ['/app/server', '--port', '8080'],
      'stop-timeout': '2s',
      restart: 'unless-stopped',
    },
    strategy: { batches: [1, '50%', '100%'], pause: '0s', 'max-unhealthy': 0, parallel: 4, keep: 2 },
    health: {
      http: { path: '/health', port: PORT, body: 'ok', 'max-latency': '1s' },
      interval: '200ms',
      timeout: '1s',
      'unhealthy-threshold': 2,
      deadline: '5s',
    },
    'lock-timeout': '5m',
  };
}

// Wrong types, boundaries and odd forms for any field; endpoint-like values only where nothing slow answers.
const ODD_SCALARS: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1,
  1.5,
  -0.5,
  1e308,
  2 ** 53,
  65536,
  101,
  '',
  ' ',
  '0',
  '-5s',
  '-1',
  '-1ms',
  '1e9s',
  '99999999999h',
  '8d',
  '150%',
  '1000%',
  '-10%',
  '0%',
  '100%',
  '12.5%',
  '%',
  '1,2',
  '2xx',
  '600',
  'yes',
  '~',
  'null',
  'tcp://',
  'ssh://@',
  'unix://',
  'tcp://127.0.0.1:1',
  'tcp://10.210.0.11:0',
  'tcp://10.210.0.11:65536',
  'ssh://root@10.210.0.13:0',
  'unix:///../etc',
  '/abs/path',
  'CA_PEM',
  'NOT_SET_VAR',
  'x'.repeat(5000),
  'aviary.service',
  '80:80/sctp',
  'vol:/data:rw',
  [],
  {},
  [[]],
  { a: { b: { c: {} } } },
];
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_SCALARS) },
  { weight: 3, arbitrary: weird },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.array(fc.oneof(weird, fc.integer({ min: -5, max: 70000 })), { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'hosts', 'aviary.image')),
      weird,
      { maxKeys: 3 },
    ),
  },
);

function configText(fleet: Fleet): fc.Arbitrary<string> {
  const base = baseConfig(fleet);
  const allPaths = paths(base);
  const containers: Path[] = [
    [],
    ...allPaths.filter((p) => {
      const v = get(base, p);
      return v !== null && typeof v === 'object';
    }),
  ];
  const clone = () => structuredClone(base);
  const pushTo =
    (p: Path, v: unknown): Mutation =>
    (doc) => {
      const l = get(doc, p);
      if (Array.isArray(l)) l.push(v);
      return doc;
    };
  const set =
    (p: Path, v: unknown): Mutation =>
    (doc) => {
      put(get(doc, p.slice(0, -1)), p.at(-1)!, v);
      return doc;
    };
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...allPaths), weirdValue).map(([p, v]) => set(p, v)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...allPaths).map((p): Mutation => (doc) => {
        const parent = get(doc, p.slice(0, -1));
        if (Array.isArray(parent)) parent.splice(p.at(-1) as number, 1);
        else if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[p.at(-1) as string];
        return doc;
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...containers),
          fc.oneof(
            fc.string({ maxLength: 10 }),
            fc.constantFrom('batchs', 'max_unhealthy', 'heath', '__proto__', 'hosts', 'shell'),
          ),
          weirdValue,
        )
        .map(([p, key, v]): Mutation => (doc) => {
          const parent = get(doc, p);
          if (Array.isArray(parent)) parent.push(structuredClone(v));
          else put(parent, key, v);
          return doc;
        }),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom<Mutation>(
        pushTo(['groups', 'web', 'hosts'], fleet.hosts[0].tcp), // duplicate host (h1 is the canary)
        pushTo(['groups', 'web', 'hosts'], { name: 'h1', docker: 'tcp://127.0.0.1:1' }), // duplicate name
        pushTo(['groups', 'canary', 'hosts'], 'ssh://ROOT@10.210.0.13:22'), // the same SSH endpoint written differently
        (doc) => {
          doc.groups = {};
          return doc;
        },
        set(['groups', 'empty'], {}),
        set(['groups', 'none'], null),
        set(['groups', 'web', 'hosts'], []),
        set(['strategy', 'batches'], []),
        set(['strategy', 'batches'], ['101%', '1000%']),
        set(['strategy', 'max-unhealthy'], '150%'),
        set(['strategy', 'pause'], '-5s'),
        set(['health', 'deadline'], '-1m'),
        set(['container', 'stop-timeout'], '-10s'),
        set(['container', 'labels'], { 'aviary.service': 'other' }),
        set(['container', 'command'], '/app/server; touch /tmp/pwned-cmd'),
        set(['health', 'command'], 'curl localhost || touch /tmp/pwned-health'),
        set(['service'], `${SERVICE}$(touch /tmp/pwned-svc)`),
        set(['image'], `${fleet.registry.plain}/${SERVICE}/app;touch /tmp/pwned-image`),
        set(['hooks'], { 'before-stop': 'touch /tmp/pwned-hook' }),
        set(['groups', 'web', 'hosts', 1, 'docker'], 'ssh://root;touch /tmp/pwned-ssh@10.210.0.13'),
      ),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...SHELL, ...UNICODE).map(
        (suffix): Mutation =>
          (doc) =>
            mapStrings(doc, (s) => s + suffix) as Record<string, unknown>,
      ),
    },
  );
  const valid = YAML.stringify(base);
  const edit = fc.tuple(
    fc.nat({ max: valid.length }),
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
        '$(touch /tmp/pwned-yaml)',
      ),
      fc.string({ unit: 'binary', maxLength: 5 }),
    ),
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(valid) },
    {
      weight: 6,
      arbitrary: fc
        .array(mutation, { minLength: 1, maxLength: 4 })
        .map((ms) => YAML.stringify(ms.reduce((d, m) => m(d), clone()))),
    },
    {
      weight: 2,
      arbitrary: fc
        .array(edit, { minLength: 1, maxLength: 5 })
        .map((edits) => edits.reduce((t, [at, cut, ins]) => t.slice(0, at) + ins + t.slice(at + cut), valid)),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom('', '---', '[]', 'null', '~', '- a\n- b', `a: ${'x'.repeat(1_100_000)}`),
      ),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// One case: the config's text (or an odd path instead of it), the inputs, and the environment.

interface Case {
  config: string;
  /** Instead of the written file: an odd path given as the config input. */
  configPath?: string;
  inputs: Record<string, string | undefined>;
}

function caseArb(fleet: Fleet): fc.Arbitrary<Case> {
  const bool = fc.constantFrom('true', 'false', 'TRUE', 'False', 'yes', 'no', 'on', 'off', '1', '0', '');
  // What a workflow would pass: each input absent or valid, so that a case with no odd input and a
  // valid file is a real rollout (made a dry run) that reaches the hosts.
  const valid = fc.record(
    {
      image: fc.constantFrom(
        'v1',
        'v2',
        `${fleet.registry.plain}/${SERVICE}/app:v1`,
        `sha256:${'b'.repeat(64)}`,
        `@sha256:${'c'.repeat(64)}`,
      ),
      groups: optional(fc.constantFrom('canary', 'web', 'canary,web', 'web\ncanary', ' canary , web ')),
      batches: optional(fc.constantFrom('1,25%,100%', '[1, "50%"]', '100%', '2', '1 2')),
      parallel: optional(fc.constantFrom('1', '4', '1024', ' 2 ')),
      'max-unhealthy': optional(fc.constantFrom('0', '1', '10%', '100%', '12.5%')),
      pause: optional(fc.constantFrom('0s', '30s', '1h30m', '500ms')),
      'dry-run': optional(bool),
      'force-unlock': optional(bool),
      'ssh-host-key-check': optional(bool),
      summary: optional(bool),
      'ssh-known-hosts': fc.oneof(
        { weight: 4, arbitrary: fc.constant(fleet.ssh.knownHosts) },
        { weight: 1, arbitrary: fc.constantFrom(undefined, fleet.ssh.wrongKnownHosts) },
      ),
    },
    { requiredKeys: ['image', 'ssh-known-hosts'] },
  );
  // Then up to three inputs get something odd.
  const odd: Record<string, fc.Arbitrary<string>> = {
    image: fc.oneof(fc.constantFrom(...ODD_IMAGES), weird),
    groups: fc.oneof(fc.constantFrom('nope', ' , ', 'canary,nope', 'CANARY', 'web;canary'), weird),
    batches: fc.oneof(
      fc.constantFrom(
        '[',
        '0',
        '1,,x',
        '200%',
        '150%',
        '-1',
        '[1, {"a": 2}]',
        '1e3',
        '[]',
        '0%',
        `[${Array(101).fill(1).join(',')}]`,
      ),
      weird,
    ),
    parallel: fc.oneof(fc.constantFrom('0', '1025', '99999', '-1', '1.5', '0x10', '1e2'), weird),
    'max-unhealthy': fc.oneof(fc.constantFrom('101%', '150%', '-1', '-10%', 'NaN%', '1.5'), weird),
    pause: fc.oneof(fc.constantFrom('-5s', '-1ms', '5', '99999999h', 'NaNs', '1y'), weird),
    'dry-run': fc.oneof(fc.constantFrom('maybe', 'truee', '2', 'y'), weird),
    'force-unlock': fc.oneof(fc.constantFrom('maybe', 'ja'), weird),
    'ssh-host-key-check': fc.oneof(fc.constantFrom('never', 'disabled'), weird),
    summary: fc.oneof(fc.constantFrom('maybe'), weird),
    username: fc.oneof(fc.constant('aviary'), weird),
    password: fc.constant(PASSWORD),
    'ssh-key': fc.oneof(
      fc.constantFrom('not a key', '-----BEGIN OPENSSH PRIVATE KEY-----\ngarbage\n-----END OPENSSH PRIVATE KEY-----'),
      weird,
    ),
    'ssh-known-hosts': fc.oneof(
      fc.constantFrom('10.210.0.13 ssh-ed25519 AAAA', '/nonexistent', '@revoked * ssh-ed25519 AAAA'),
      weird,
    ),
  };
  const override = fc.constantFrom(...Object.keys(odd)).chain((name) => odd[name].map((v) => [name, v] as const));
  return fc.record({
    config: configText(fleet),
    configPath: fc.oneof(
      { weight: 9, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '$(touch /tmp/pwned-config)',
          '/proc/self/environ',
          '/nonexistent/aviary.yml',
          '.',
          '/dev/null',
          'aviary.yml; touch /tmp/pwned-cfg',
          '',
        ),
      },
    ),
    inputs: fc
      .tuple(
        valid,
        fc.oneof(
          { weight: 3, arbitrary: fc.constant([]) },
          { weight: 5, arbitrary: fc.array(override, { minLength: 1, maxLength: 3 }) },
        ),
      )
      .map(([v, overrides]) => {
        const inputs: Record<string, string | undefined> = { ...v };
        for (const [name, value] of overrides) inputs[name] = value;
        return inputs;
      }),
  });
}

/** Environment values cannot hold NUL; the bundle gets what a workflow could pass. */
function forEnv(c: Case): Case {
  const clean = (s: string | undefined) => s?.replace(/\0/g, '');
  return {
    ...c,
    configPath: clean(c.configPath),
    inputs: Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, clean(v)])),
  };
}

// ---------------------------------------------------------------------------------------------

const INPUT_NAMES = [
  'config',
  'image',
  'groups',
  'batches',
  'parallel',
  'max-unhealthy',
  'pause',
  'dry-run',
  'force-unlock',
  'ssh-host-key-check',
  'summary',
  'username',
  'password',
  'ssh-key',
  'ssh-known-hosts',
  'report-file',
  'mode',
];

/** Runs fn with the inputs as INPUT_* in process.env, as the runner sets them for the action. */
function withInputs<T>(inputs: Record<string, string | undefined>, fn: () => T): T {
  const saved = new Map(INPUT_NAMES.map((n) => [inputVar(n), process.env[inputVar(n)]]));
  for (const n of INPUT_NAMES) delete process.env[inputVar(n)];
  for (const [k, v] of Object.entries(inputs)) if (v !== undefined) process.env[inputVar(k)] = v;
  try {
    return fn();
  } finally {
    for (const [k, v] of saved)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

// A field path, an input, the config file (path or `config`), then ": ".
const KEY = '(?:[A-Za-z0-9_-]+|\\["(?:[^"\\\\]|\\\\.)*"\\])';
const FIELD = `(?:input [a-z-]+(?:\\[\\d+\\])?|config|password|${KEY}(?:\\.[A-Za-z0-9_-]+|\\[\\d+\\]|\\["(?:[^"\\\\]|\\\\.)*"\\])*)`;
function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Outcome =
  | { kind: 'invalid'; problems: string[]; message: string }
  | { kind: 'report'; report: RolloutReport }
  | { kind: 'crash'; message: string };

/** Checks an outcome; returns what is wrong with it (empty when the case behaved). */
function judge(outcome: Outcome, configFile: string, hostNames: string[]): string[] {
  const wrong: string[] = [];
  const fieldLine = new RegExp(`^(?:${escapeRe(configFile.slice(0, 10_000))}(?::\\d+:\\d+)?|${FIELD}): `);
  const hostLine = new RegExp(`\\b(?:${['h1', 'h3', 'h4', ...hostNames].map(escapeRe).join('|')})\\b|\\bhosts?\\b`);
  if (outcome.kind === 'crash') return [`not a user-facing error: ${outcome.message}`];
  if (outcome.kind === 'invalid') {
    if (outcome.problems.length === 0) wrong.push('an InputError without problems');
    for (const p of outcome.problems) {
      if (!fieldLine.test(p)) wrong.push(`problem without a field: ${JSON.stringify(p.slice(0, 300))}`);
      if (/[\n\r]/.test(p)) wrong.push(`problem on more than one line: ${JSON.stringify(p.slice(0, 300))}`);
      // A clear message quotes a value shortened (as Problems.add does), not 100 KB of it.
      if (p.length > MAX_PROBLEM) wrong.push(`problem of ${p.length} characters: ${JSON.stringify(p.slice(0, 120))}…`);
    }
    if (outcome.message.includes('    at ')) wrong.push('a stack trace in the message');
    return wrong;
  }
  const r = outcome.report;
  if (!r.dryRun) wrong.push('a real rollout ran');
  if (r.batches.length) wrong.push('batches ran');
  if (r.hosts.some((h) => h.result !== 'untouched')) wrong.push('a host was touched');
  if (r.result !== 'deployed') {
    if (!r.error) wrong.push('failed without an error');
    for (const line of (r.error ?? '').split('\n').filter((l) => l.trim()))
      if (!hostLine.test(line)) wrong.push(`error line naming no host: ${JSON.stringify(line.slice(0, 300))}`);
    if (r.error?.includes('    at ')) wrong.push('a stack trace in the error');
  }
  return wrong;
}

function needles(fleet: Fleet): Needle[] {
  return [
    ...valueNeedles('secret-env FUZZ_DB_URL', SECRET),
    ...valueNeedles('password input', PASSWORD),
    ...keyNeedles('SSH key', fs.readFileSync(fleet.ssh.key, 'utf8')),
  ];
}

// ---------------------------------------------------------------------------------------------
// What the fuzz must not change: the containers on the hosts the config names, and /tmp.

const HOSTS = ['h1', 'h3', 'h4'];

interface ContainerState {
  host: string;
  id: string;
  name: string;
  state: string;
  service?: string;
}

async function containers(fleet: Fleet): Promise<ContainerState[]> {
  const out: ContainerState[] = [];
  for (const name of HOSTS) {
    const h = fleet.hosts.find((x) => x.name === name)!;
    const docker = new Docker({ socketPath: h.socket.replace('unix://', '') });
    for (const c of await docker.listContainers({ all: true })) {
      out.push({
        host: name,
        id: c.Id,
        name: c.Names[0]?.slice(1) ?? '',
        state: c.State,
        service: c.Labels?.['aviary.service'],
      });
    }
  }
  return out;
}

/** The containers that belong to any service a fuzz case named (others' tests run on these hosts too). */
function ofServices(list: ContainerState[], services: Set<string>): string {
  const mine = list.filter((c) =>
    [...services].some(
      (s) => c.name === s || c.name.startsWith(`${s}.`) || c.name === `aviary-lock.${s}` || c.service === s,
    ),
  );
  return JSON.stringify(mine.map((c) => `${c.host} ${c.id} ${c.name} ${c.state}`).sort());
}

/** The engines' container and image events of the fuzz run, for the services it named. */
async function eventsOf(fleet: Fleet, since: number, until: number, services: Set<string>): Promise<string[]> {
  const out: string[] = [];
  for (const name of HOSTS) {
    const h = fleet.hosts.find((x) => x.name === name)!;
    const docker = new Docker({ socketPath: h.socket.replace('unix://', '') });
    const stream = await docker.getEvents({ since: Math.floor(since / 1000), until: Math.ceil(until / 1000) + 1 });
    const text = await new Promise<string>((resolve, reject) => {
      let buf = '';
      stream.on('data', (d: Buffer) => {
        buf += d.toString('utf8');
      });
      stream.on('end', () => resolve(buf));
      stream.on('error', reject);
    });
    for (const line of text.split('\n').filter(Boolean)) {
      const e = JSON.parse(line) as {
        Type: string;
        Action: string;
        Actor: { ID: string; Attributes?: Record<string, string> };
      };
      const cname = e.Actor.Attributes?.name ?? '';
      const svc = e.Actor.Attributes?.['aviary.service'];
      const hit = [...services].some(
        (s) => cname === s || cname.startsWith(`${s}.`) || cname === `aviary-lock.${s}` || svc === s,
      );
      if (e.Type === 'container' && hit) out.push(`${name}: ${e.Action} ${cname}`);
      if (e.Type === 'image' && e.Action === 'pull' && /t-fuzz|pwned/.test(e.Actor.ID))
        out.push(`${name}: pull ${e.Actor.ID}`);
    }
  }
  return out;
}

/** Failures grouped by their first line, with a count and the first example of each. */
function report(failures: string[]): string {
  const byKind = new Map<string, string[]>();
  for (const f of failures) {
    const kind = f
      .split('\n')[0]
      .replace(/\\?".*$/, '')
      .replace(/\d+/g, 'N')
      .slice(0, 160);
    byKind.set(kind, [...(byKind.get(kind) ?? []), f]);
  }
  return [...byKind]
    .map(([kind, list]) => {
      const variants = [...new Set(list.map((f) => f.split('\n')[0].slice(0, 200)))].slice(0, 12);
      return `${list.length}× ${kind}\n${variants.map((v) => `  · ${v}`).join('\n')}\n${list[0]}`;
    })
    .join('\n\n=====\n\n');
}

function pwned(): string[] {
  return fs.readdirSync('/tmp').filter((n) => n.startsWith('pwned'));
}

// ---------------------------------------------------------------------------------------------

(fleetUp ? describe : describe.skip)("fuzzing the deploy action's config and inputs", () => {
  const fleet = fleetUp ? loadFleet() : undefined!;
  const root = fleetUp ? fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-fuzz-')) : '';
  const env = () => ({ FUZZ_DB_URL: SECRET, AVIARY_SSH_KEY: fs.readFileSync(fleet.ssh.key, 'utf8'), HOME: root });
  /** Every service name a case's config validated to: the fuzz must leave their containers alone. */
  const services = new Set<string>([SERVICE]);
  let before: ContainerState[];
  let started: number;
  const stats = {
    inProcess: 0,
    bundle: 0,
    invalid: 0,
    dryRuns: 0,
    forcedDry: 0,
    failedDry: 0,
    slowestValidationMs: 0,
    slowestNetworkMs: 0,
    slowestBundleMs: 0,
  };
  let n = 0;
  let systematic = 0;

  /** Writes the case's config; returns the config input and the file name problems will use. */
  function materialize(c: Case): { dir: string; inputs: Record<string, string | undefined>; file: string } {
    const dir = path.join(root, `case-${++n}`);
    fs.mkdirSync(dir);
    const file = path.join(dir, 'aviary.yml');
    fs.writeFileSync(file, c.config);
    const configInput = c.configPath ?? file;
    return {
      dir,
      file: configInput.trim() || 'aviary.yml',
      inputs: { ...c.inputs, config: configInput, 'report-file': path.join(dir, 'report.json') },
    };
  }

  /** The config a case validates to (through the action's own input readers), or undefined. */
  function validated(
    inputs: Record<string, string | undefined>,
  ): { config: DeployConfig; dryRun: boolean } | undefined {
    try {
      return withInputs(inputs, () => {
        const settings = readDeployInputs(env()).settings;
        return { config: prepare(settings, new MemoryLogger(), env()), dryRun: settings.dryRun };
      });
    } catch {
      return undefined;
    }
  }

  /** A valid real deploy becomes a dry run: the fuzz never deploys. */
  function neverDeploy(inputs: Record<string, string | undefined>): {
    inputs: Record<string, string | undefined>;
    hostNames: string[];
  } {
    const v = validated(inputs);
    if (!v) return { inputs, hostNames: [] };
    services.add(v.config.service);
    const hostNames = v.config.groups.flatMap((g) => g.hosts.map((h) => h.name));
    if (v.dryRun) return { inputs, hostNames };
    stats.forcedDry++;
    return { inputs: { ...inputs, 'dry-run': 'true' }, hostNames };
  }

  /** Runs one case in-process; returns what was wrong with it, if anything. */
  async function inProcess(c: Case): Promise<string | undefined> {
    const { dir, file, inputs: raw } = materialize(c);
    const { inputs, hostNames } = neverDeploy(raw);
    const log = new MemoryLogger();
    const t0 = performance.now();
    let outcome: Outcome;
    try {
      const settings = withInputs(inputs, () => readDeployInputs(env()).settings);
      const { report } = await deploy(settings, log, env());
      outcome = { kind: 'report', report };
    } catch (err) {
      outcome =
        err instanceof InputError
          ? { kind: 'invalid', problems: err.problems, message: err.message }
          : err instanceof RunError
            ? {
                kind: 'report',
                report: {
                  dryRun: true,
                  batches: [],
                  hosts: [],
                  result: 'failed',
                  error: err.message,
                } as unknown as RolloutReport,
              }
            : { kind: 'crash', message: (err as Error)?.stack ?? String(err) };
    }
    const ms = performance.now() - t0;
    stats.inProcess++;
    const wrong = judge(outcome, file, hostNames);
    if (outcome.kind === 'invalid') {
      stats.invalid++;
      stats.slowestValidationMs = Math.max(stats.slowestValidationMs, ms);
      if (ms > VALIDATION_MS) wrong.push(`took ${Math.round(ms)}ms to refuse`);
    } else if (outcome.kind === 'report') {
      stats.dryRuns++;
      if (outcome.report.result !== 'deployed') stats.failedDry++;
      stats.slowestNetworkMs = Math.max(stats.slowestNetworkMs, ms);
      if (ms > NETWORK_MS) wrong.push(`took ${Math.round(ms)}ms`);
    }
    if (log.text.includes('    at ')) wrong.push('a stack trace in the log');
    const written: Record<string, string> = { log: log.text };
    if (outcome.kind === 'invalid') written.error = outcome.message;
    if (outcome.kind === 'report') written.error = outcome.report.error ?? '';
    if (fs.existsSync(path.join(dir, 'report.json')))
      written.report = fs.readFileSync(path.join(dir, 'report.json'), 'utf8');
    const leaks = findLeaks(written, needles(fleet));
    if (leaks.length) wrong.push(`secrets: ${describeLeaks(leaks)}`);
    return wrong.length
      ? `${wrong.join('\n')}\n--- inputs: ${JSON.stringify(inputs).slice(0, 2000)}\n--- config:\n${c.config.slice(0, 2000)}`
      : undefined;
  }

  beforeAll(async () => {
    expect(pwned()).toEqual([]);
    before = await containers(fleet);
    started = Date.now();
  });

  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
    console.log(`input fuzz: ${JSON.stringify({ ...stats, systematic })}`);
  });

  test(`${IN_PROCESS_RUNS} cases in-process: the action's input readers, then deploy()`, async () => {
    // Every case runs, and every kind of failure is reported (by its first line) with one example.
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(caseArb(fleet), async (c) => {
        const wrong = await inProcess(c);
        if (wrong) failures.push(wrong);
      }),
      { seed: 20261125, numRuns: IN_PROCESS_RUNS },
    );
    expect(report(failures)).toBe('');
    expect(stats.inProcess).toBeGreaterThanOrEqual(IN_PROCESS_RUNS);
    // The fuzz reached both ends: refusals, and configs valid enough to reach the hosts.
    expect(stats.invalid).toBeGreaterThan(IN_PROCESS_RUNS / 2);
    expect(stats.dryRuns).toBeGreaterThan(5);
  }, 600_000);

  test('systematic: every payload in every input, and appended to every string of the file', async () => {
    const fleetText = YAML.stringify(baseConfig(fleet));
    // Only the ssh-* inputs need the SSH host; the rest reach h1 alone when they validate, which is quicker.
    const h1Only = baseConfig(fleet);
    h1Only.groups = { canary: (h1Only.groups as Record<string, unknown>).canary };
    const h1Text = YAML.stringify(h1Only);
    const payloads = [...SHELL, ...UNICODE, ...HUGE, '\0', '\ud800'];
    const names = [
      'image',
      'groups',
      'batches',
      'parallel',
      'max-unhealthy',
      'pause',
      'dry-run',
      'force-unlock',
      'ssh-host-key-check',
      'summary',
      'username',
      'ssh-key',
      'ssh-known-hosts',
    ];
    const cases: Case[] = [];
    // Inputs are trimmed: a payload is tried alone and inside a value (where a newline survives).
    const placed = [...payloads, ...[...SHELL, ...UNICODE, '\0'].map((p) => `true${p}1`)];
    const base = { image: 'v1', 'ssh-known-hosts': fleet.ssh.knownHosts };
    for (const name of names) {
      for (const payload of placed)
        cases.push({
          config: name.startsWith('ssh-') ? fleetText : h1Text,
          inputs: { ...base, [name]: name === 'image' ? `v1${payload}` : payload },
        });
    }
    for (const payload of payloads)
      cases.push({ config: YAML.stringify(mapStrings(baseConfig(fleet), (x) => x + payload)), inputs: base });
    for (const payload of placed) cases.push({ config: fleetText, configPath: payload, inputs: base });
    const failures: string[] = [];
    for (const c of cases) {
      const wrong = await inProcess(c);
      if (wrong) failures.push(wrong);
    }
    systematic = cases.length;
    expect(report(failures)).toBe('');
  }, 600_000);

  (bundled ? test : test.skip)(
    `${BUNDLE_RUNS} cases through the bundle: node dist/deploy/index.js with INPUT_* and GITHUB_OUTPUT`,
    async () => {
      const cases = fc.sample(caseArb(fleet).map(forEnv), { seed: 7_2026, numRuns: BUNDLE_RUNS });
      const failures: string[] = [];
      const one = async (c: Case) => {
        const { dir, file, inputs: raw } = materialize(c);
        const { inputs, hostNames } = neverDeploy(raw);
        const given = Object.fromEntries(
          Object.entries(inputs).filter((e): e is [string, string] => e[1] !== undefined),
        );
        const r: ActionRun = await runActionBundle('deploy', given, env(), { cwd: dir, timeoutMs: 60_000 });
        stats.bundle++;
        stats.slowestBundleMs = Math.max(stats.slowestBundleMs, r.ms);
        const wrong: string[] = [];
        const commands = workflowCommands(r.stdout);
        const errors = commands.filter((x) => x.command === 'error').map((x) => x.data);
        if (r.signal) wrong.push(`killed by ${r.signal} after ${Math.round(r.ms)}ms`);
        if (r.code !== 0 && r.code !== 1) wrong.push(`exit code ${r.code}`);
        if (r.stderr.includes('    at ') || r.stdout.includes('    at '))
          wrong.push('a stack trace on stdout or stderr');
        if (r.stderr.trim()) wrong.push(`stderr: ${r.stderr.slice(0, 500)}`);
        // Only aviary's own workflow commands: no line of user text may start one. The runner trims leading
        // whitespace and also reads the older ##[command] form.
        for (const raw of r.stdout.split('\n')) {
          const line = raw.trimStart();
          if (
            line.startsWith('##[') ||
            (line.startsWith('::') &&
              (raw !== line || !/^::(error|warning|debug|group|endgroup|add-mask|notice)(?: [^:]*)?::/.test(line)))
          ) {
            wrong.push(`unexpected workflow command: ${JSON.stringify(raw.slice(0, 200))}`);
          }
        }
        const expected = r.code === 0 ? 0 : 1;
        if (errors.length !== expected) wrong.push(`${errors.length} ::error:: lines for exit code ${r.code}`);
        if (r.code === 1) {
          const message = errors[0] ?? '';
          const list = /^\d+ problems:\n/.test(message)
            ? message
                .split('\n')
                .slice(1)
                .map((l) => l.replace(/^ {2}- /, ''))
            : undefined;
          const isInput =
            list !== undefined ||
            (new RegExp(`^(?:${escapeRe(file)}(?::\\d+:\\d+)?|${FIELD}): `).test(message) &&
              !/^Could not connect/.test(message));
          if (r.outputs.result) {
            // The rollout ran (a dry run that failed at a host): judged as a report.
            wrong.push(
              ...judge(
                {
                  kind: 'report',
                  report: {
                    dryRun: true,
                    batches: [],
                    hosts: [],
                    result: 'failed',
                    error: message,
                  } as unknown as RolloutReport,
                },
                file,
                hostNames,
              ),
            );
          } else if (isInput) {
            wrong.push(...judge({ kind: 'invalid', problems: list ?? [message], message }, file, hostNames));
          } else {
            wrong.push(
              ...judge(
                {
                  kind: 'report',
                  report: {
                    dryRun: true,
                    batches: [],
                    hosts: [],
                    result: 'failed',
                    error: message,
                  } as unknown as RolloutReport,
                },
                file,
                hostNames,
              ),
            );
          }
        } else {
          const reportFile = path.join(dir, 'report.json');
          const report = fs.existsSync(reportFile)
            ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as RolloutReport)
            : undefined;
          if (!report?.dryRun) wrong.push('exit 0 without a dry-run report');
          if (r.outputs.result !== 'deployed') wrong.push(`exit 0 with result ${r.outputs.result}`);
        }
        const leaks = findLeaks(
          {
            stdout: shownStdout(r.stdout),
            stderr: r.stderr,
            output: r.files.output,
            summary: r.files.summary,
            state: r.files.state,
          },
          needles(fleet),
        );
        if (leaks.length) wrong.push(`secrets: ${describeLeaks(leaks)}`);
        if (wrong.length)
          failures.push(
            `${wrong.join('\n')}\n--- inputs: ${JSON.stringify(inputs).slice(0, 1500)}\n--- stdout: ${r.stdout.slice(0, 1500)}\n--- config:\n${c.config.slice(0, 1500)}`,
          );
      };
      // Two at a time: each case is its own node process.
      const queue = [...cases];
      await Promise.all(
        [0, 1].map(async () => {
          for (let c = queue.shift(); c; c = queue.shift()) await one(c);
        }),
      );
      expect(stats.bundle).toBe(BUNDLE_RUNS);
      expect(report(failures)).toBe('');
    },
    600_000,
  );

  test('nothing changed on the hosts, nothing ran a payload', async () => {
    const after = await containers(fleet);
    expect(ofServices(after, services)).toBe(ofServices(before, services));
    expect(await eventsOf(fleet, started, Date.now(), services)).toEqual([]);
    expect(pwned()).toEqual([]);
    // The services the fuzz validated include the file's own: the comparison covered it.
    expect(services.has(SERVICE)).toBe(true);
  }, 60_000);
});
