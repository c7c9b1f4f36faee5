// Reads aviary.yml and the deploy inputs into one validated DeployConfig, or one InputError with every problem.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { Document, isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { InputError, Problems, show } from '../errors';
import { DeployConfig, GroupSpec } from './types';
import { HostSpec, TlsSpec } from '../hosts/types';
import {
  Amount,
  amount,
  at,
  bool,
  duration,
  envValue,
  int,
  isMapping,
  knownKeys,
  Mapping,
  mapping,
  setOwn,
  str,
} from '../util/fields';
import {
  completeImage,
  formatImageRef,
  IMAGE_EXPECTED,
  ImageRef,
  parseImageInput,
  parseImageRef,
} from '../registry/image-ref';
import { Endpoint, endpointHost, endpointKey, endpointPort, parseEndpoint, parseHostAddress } from '../hosts/endpoint';
import { CONTAINER_KEYS, ContainerPart, mergeContainer, readContainer } from '../container/config';
import { HEALTH_KEYS, HealthPart, mergeHealth, readHealth } from '../health/config';
import {
  KEEP_MAX,
  mergeStrategy,
  PARALLEL_MAX,
  readBatches,
  readStrategy,
  STRATEGY_KEYS,
  StrategyPart,
} from '../strategy/config';
import { gatesFor, readGates, readGatesInput } from '../gates/config';
import { GateSpec } from '../gates/types';
import { mergeHooks, readHooks } from '../hooks/config';
import { HooksSpec } from '../hooks/types';
import { readAvailability } from '../availability/config';
import { readMetricsUrl } from '../metrics/pushgateway';
import { readInventory } from '../inventory/config';
import { InventorySource } from '../inventory/types';
import { ProxyPart, readProxy, resolveProxy } from '../proxy/config';

/**
 * Deploy-time overrides from the action's inputs or the CLI's flags; they win over the file, for every
 * group. Problems name them by their input names (`input max-unhealthy`).
 */
export interface ConfigOverrides {
  image?: string; // "repo:tag", "repo@sha256:…", a tag "v2", or a digest "sha256:…"/"@sha256:…"
  groups?: string | string[]; // the groups to deploy, by name (a list, or comma/space/newline-separated)
  batches?: string | unknown[]; // "1,25%,100%" or '[1, "25%", "100%"]'
  parallel?: string | number;
  maxUnhealthy?: string | number; // "2" or "10%"
  pause?: string; // "30s"
  keep?: string | number;
  lockTimeout?: string; // "10m"
  lockWait?: string; // "5m"
  gates?: string; // YAML/JSON list, replaces the file's gates
  metricsUrl?: string;
}

export interface LoadOptions {
  /** The config file; relative TLS paths are relative to its folder. Default "aviary.yml". */
  path?: string;
  /** The file's text, when already read (then `path` only names it in messages and anchors TLS paths). */
  text?: string;
  overrides?: ConfigOverrides;
  /** Where secret-env values and TLS variables are read; default process.env. */
  env?: Record<string, string | undefined>;
  /** False for a rollback to the previous version, which needs no tag or digest. Default true. */
  requireImageVersion?: boolean;
  /** How a problem names an input: `input batches` (default) or, for the CLI, `--batches`. */
  inputName?: (name: string) => string;
}

export interface LoadedConfig {
  config: DeployConfig;
  /** The parsed file as written, including the sections validated elsewhere (gates, hooks). */
  raw: Mapping;
  /** The config file's path, as given. */
  file: string;
}

const TOP_KEYS = [
  'service',
  'image',
  'groups',
  'container',
  'strategy',
  'health',
  'lock-timeout',
  'lock-wait',
  'gates',
  'hooks',
  'availability',
  'metrics-url',
  'proxy',
] as const;
const GROUP_KEYS = ['hosts', 'container', 'strategy', 'health', 'gates', 'hooks', 'proxy'] as const;
const HOST_KEYS = ['name', 'docker', 'address', 'tls'] as const;
const TLS_KEYS = ['ca', 'cert', 'key', 'verify'] as const;

/** For an unknown key: the section where it would have been right. */
const ELSEWHERE: Record<string, string> = {
  ...Object.fromEntries(CONTAINER_KEYS.map((k) => [k, 'container'])),
  ...Object.fromEntries(STRATEGY_KEYS.map((k) => [k, 'strategy'])),
  ...Object.fromEntries(HEALTH_KEYS.map((k) => [k, 'health'])),
  command: 'container or health',
  'lock-timeout': 'the top level of the file',
  'lock-wait': 'the top level of the file',
  dns: "a group's hosts, as hosts: {dns: web.internal}",
};

const SERVICE = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
const GROUP_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,252}$/;
const ENV_VAR_REF = /^[A-Z_][A-Z0-9_]*$/;
const PEM = /-----BEGIN [A-Z0-9 ]+-----/;
const MAX_FILE = 1024 * 1024;
const MAX_HOSTS = 10_000;
const MAX_NODES = 100_000;
// A lock lives while its run's heartbeat does; this is how long after the last beat it counts as dead.
const DEFAULT_LOCK_TIMEOUT_MS = 2 * 60_000;
const MIN_LOCK_TIMEOUT_MS = 1_000;

/** Loads and validates the config and the deploy inputs. Throws one InputError listing every problem. */
export function loadConfig(options: LoadOptions = {}): DeployConfig {
  return loadConfigWithRaw(options).config;
}

export function loadConfigWithRaw(options: LoadOptions = {}): LoadedConfig {
  const file = options.path ?? 'aviary.yml';
  const text = options.text ?? readConfigFile(file);
  const raw = parseConfigText(text, file);
  return { config: validateConfig(raw, { ...options, path: file }), raw, file };
}

/** Every secret the config holds (TLS private keys, secret-env values), to mask before any logging. */
export function configSecrets(config: DeployConfig): string[] {
  const out = new Set<string>();
  for (const group of config.groups) {
    for (const value of Object.values(group.container.secretEnv)) if (value) out.add(value);
    for (const host of group.hosts) if (host.tls?.key) out.add(host.tls.key);
  }
  return [...out];
}

function readConfigFile(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputError(`config: file ${show(file)} was not found (expected an aviary.yml; see examples/aviary.yml)`);
  }
  if (!stat.isFile()) throw new InputError(`config: ${show(file)} is not a file`);
  if (stat.size > MAX_FILE)
    throw new InputError(`config: ${show(file)} is ${stat.size} bytes (expected at most ${MAX_FILE})`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`config: ${show(file)} could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The YAML text as plain data; syntax errors are reported as `file:line:column: message`. */
export function parseConfigText(text: string, file = 'aviary.yml'): Mapping {
  if (text.length > MAX_FILE)
    throw new InputError(`config: "${file}" is ${text.length} characters long (expected at most ${MAX_FILE})`);
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, strict: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.slice(0, 20).map((e) => {
        const pos = e.linePos?.[0];
        const message = printable(e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
        return `${file}:${pos ? `${pos.line}:${pos.col}` : '1:1'}: ${message}`;
      }),
    );
  }
  const problems = new Problems();
  const value = toPlain(doc.contents, { doc, lines, aliases: new Map(), file, problems, nodes: 0 }, 0);
  problems.throwIfAny();
  if (value === null || value === undefined)
    throw new InputError(`config: "${file}" is empty (expected a mapping with service, image and groups)`);
  if (!isMapping(value))
    throw new InputError(
      `config: "${file}" holds ${Array.isArray(value) ? 'a list' : 'a single value'} (expected a mapping with service, image and groups)`,
    );
  return value;
}

/** Escapes control and bidi characters, so a message is one honest line. */
function printable(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Converts the YAML tree ourselves rather than with toJS(): keys that are not plain scalars become
 * problems instead of warnings on stderr, `__proto__` stays an ordinary key, and the expansion of
 * aliases is bounded (a "billion laughs" file cannot blow up memory).
 */
function toPlain(
  node: unknown,
  ctx: {
    doc: Document;
    lines: LineCounter;
    aliases: Map<unknown, unknown>;
    file: string;
    problems: Problems;
    nodes: number;
  },
  depth: number,
): unknown {
  if (node === null || node === undefined) return null;
  if (++ctx.nodes > MAX_NODES) {
    if (ctx.nodes === MAX_NODES + 1)
      ctx.problems.raw(`${ctx.file}: expands to more than ${MAX_NODES} values (too many aliases?)`);
    return null;
  }
  if (depth > 64) {
    ctx.problems.raw(`${ctx.file}: is nested too deeply (expected at most 64 levels)`);
    ctx.nodes = MAX_NODES + 1;
    return null;
  }
  if (isAlias(node)) {
    // resolve() searches the whole document each time: look each alias up once.
    if (!ctx.aliases.has(node)) ctx.aliases.set(node, node.resolve(ctx.doc));
    return toPlain(ctx.aliases.get(node), ctx, depth + 1);
  }
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return node.items.map((item) => toPlain(item, ctx, depth + 1));
  if (isMap(node)) {
    const entries: [string, unknown][] = [];
    for (const pair of node.items) {
      const key = toPlain(pair.key, ctx, depth + 1);
      if (key !== null && typeof key === 'object') {
        const offset = isNode(pair.key) ? pair.key.range?.[0] : undefined;
        const pos = offset === undefined ? '' : `:${ctx.lines.linePos(offset).line}:${ctx.lines.linePos(offset).col}`;
        ctx.problems.raw(`${ctx.file}${pos}: a key that is a list or a mapping (expected a plain name)`);
        continue;
      }
      entries.push([String(key), toPlain(pair.value, ctx, depth + 1)]);
    }
    return Object.fromEntries(entries);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

interface RawTls {
  field: string;
  ca?: string;
  cert?: string;
  key?: string;
  verify: boolean;
}
interface RawHost {
  field: string; // groups.web.hosts[2]
  group: string;
  endpoint: Endpoint;
  text: string; // the endpoint as written
  name?: string; // as written
  address?: string;
  tls?: RawTls;
}
interface RawGroup {
  name: string;
  field: string;
  hosts: RawHost[];
  container: ContainerPart;
  strategy: StrategyPart;
  health: HealthPart;
  gates?: GateSpec[];
  hooks?: HooksSpec;
  proxy?: ProxyPart; // its own proxy section (merged over the top level's), or false
  inventory?: { source: Omit<InventorySource, 'tls'>; tls?: RawTls }; // hosts from DNS or a program
}

/** Validates parsed config data plus inputs (the loader's second half, also usable on data from elsewhere). */
export function validateConfig(raw: Mapping, options: LoadOptions = {}): DeployConfig {
  const p = new Problems();
  const env = options.env ?? process.env;
  const inputs = options.overrides ?? {};
  const inputName = options.inputName ?? ((n: string) => `input ${n}`);
  const baseDir = nodePath.dirname(nodePath.resolve(options.path ?? 'aviary.yml'));

  knownKeys(p, '', raw, TOP_KEYS, ELSEWHERE);

  const service =
    raw.service === undefined
      ? void p.add('service', undefined, 'a service name like "web"')
      : str(p, 'service', raw.service, {
          expected: 'a service name like "web" (lowercase letters, digits, ".", "_" and "-"; at most 63 characters)',
          pattern: SERVICE,
          max: 63,
        });

  let fileImage: ImageRef | undefined;
  if (raw.image !== undefined) {
    const text = str(p, 'image', raw.image, { expected: IMAGE_EXPECTED, max: 512 });
    if (text !== undefined) {
      fileImage = parseImageRef(text);
      if (!fileImage) p.add('image', raw.image, IMAGE_EXPECTED);
    }
  }

  // In the order of the DESIGN.md example, so problems read top to bottom like the file usually does.
  const groups = readGroups(p, raw.groups);
  nameHosts(p, groups);
  const topContainer = absent(raw.container) ? {} : readContainer(p, 'container', raw.container, ELSEWHERE);
  const topStrategy = absent(raw.strategy) ? {} : readStrategy(p, 'strategy', raw.strategy, ELSEWHERE);
  const topHealth = absent(raw.health) ? {} : readHealth(p, 'health', raw.health, ELSEWHERE);
  const lockTimeoutFile =
    raw['lock-timeout'] === undefined ? undefined : duration(p, 'lock-timeout', raw['lock-timeout'], true);
  const lockWaitFile = raw['lock-wait'] === undefined ? undefined : duration(p, 'lock-wait', raw['lock-wait'], false);
  const topGates = readGates(p, 'gates', raw.gates);
  const topHooks = readHooks(p, 'hooks', raw.hooks);
  const availability = readAvailability(p, 'availability', raw.availability);
  const topProxy = readProxy(p, 'proxy', raw.proxy);
  const metricsUrlFile = readMetricsUrl(p, 'metrics-url', raw['metrics-url']);
  const inputGates = readGatesInput(p, inputName('gates'), inputs.gates);
  const metricsUrlInput = readMetricsUrl(p, inputName('metrics-url'), inputs.metricsUrl);

  // Deploy inputs: they win over the file, for every group.
  const inputStrategy = readInputStrategy(p, inputs, inputName);
  const lockTimeoutInput = given(inputs.lockTimeout)
    ? duration(p, inputName('lock-timeout'), String(inputs.lockTimeout).trim(), true)
    : undefined;
  const lockWaitInput = given(inputs.lockWait)
    ? duration(p, inputName('lock-wait'), String(inputs.lockWait).trim(), false)
    : undefined;
  const lockTimeoutMs = lockTimeoutInput ?? lockTimeoutFile ?? DEFAULT_LOCK_TIMEOUT_MS;
  if (lockTimeoutMs < MIN_LOCK_TIMEOUT_MS)
    p.raw(
      `${lockTimeoutInput !== undefined ? inputName('lock-timeout') : 'lock-timeout'}: ${lockTimeoutMs}ms is too short (expected at least 1s: the heartbeat renews the lock several times within it)`,
    );
  const image = resolveImage(p, fileImage, inputs.image, inputName, options.requireImageVersion ?? true);
  const selected = selectGroups(p, groups, inputs.groups, inputName);

  const specs: GroupSpec[] = [];
  for (const group of selected) {
    const container = mergeContainer(topContainer, group.container);
    const secretEnv: Record<string, string> = {};
    for (const ref of container.secretEnv) {
      if (Object.prototype.hasOwnProperty.call(container.env, ref.name)) {
        p.raw(`${ref.field}: ${ref.name} is also set in container.env (a variable is either plain or secret)`);
        continue;
      }
      // GitHub expands a secret that does not exist to "", so empty counts as not set.
      const value = envValue(env, ref.name);
      if (value === undefined) {
        p.raw(
          `${ref.field}: environment variable ${ref.name} is not set (expected its value in the step's env, e.g. ${ref.name}: \${{ secrets.${ref.name} }})`,
        );
        continue;
      }
      setOwn(secretEnv, ref.name, value);
    }
    const hosts: HostSpec[] = group.hosts.map((h) => ({
      name: h.name!,
      group: group.name,
      endpoint: h.endpoint,
      address: h.address ?? (h.endpoint.scheme === 'unix' ? '127.0.0.1' : h.endpoint.host),
      ...(h.tls ? { tls: resolveTls(p, h.tls, env, baseDir) } : {}),
    }));
    const inventory: InventorySource | undefined = group.inventory && {
      ...group.inventory.source,
      ...(group.inventory.tls ? { tls: resolveTls(p, group.inventory.tls, env, baseDir) } : {}),
    };
    const { secretEnv: _refs, ...rest } = container;
    const health = mergeHealth(topHealth, group.health);
    const strategy = mergeStrategy(topStrategy, group.strategy, inputStrategy);
    const monitoring = groupMonitoring(gatesFor(topGates, group.gates, inputGates), mergeHooks(topHooks, group.hooks));
    const proxy =
      service === undefined
        ? undefined
        : resolveProxy(p, topProxy, group.proxy, {
            service,
            group: group.name,
            topField: 'proxy',
            groupField: `${group.field}.proxy`,
            container: { ...rest, secretEnv },
            containerField:
              group.container.ports?.length || group.container.network ? `${group.field}.container` : 'container',
            health,
            judged: !!monitoring.gates?.length || strategy.pauseMs > 0,
          });
    specs.push({
      name: group.name,
      hosts,
      ...(inventory ? { inventory } : {}),
      container: { ...rest, secretEnv },
      strategy,
      health,
      ...(proxy ? { proxy } : {}),
      ...monitoring,
    });
  }

  const unique = [...new Set(p.list)];
  if (unique.length > 0) throw new InputError(unique);
  return {
    service: service!,
    image: image!,
    groups: specs,
    strategy: mergeStrategy(topStrategy, inputStrategy),
    lockTimeoutMs,
    lockWaitMs: lockWaitInput ?? lockWaitFile ?? 0,
    ...(raw.availability !== undefined && availability ? { availability } : {}),
    ...((metricsUrlInput ?? metricsUrlFile) ? { metricsUrl: metricsUrlInput ?? metricsUrlFile } : {}),
  };
}

/** Gates and hooks only where there are some, so a config without monitoring looks as before. */
function groupMonitoring(gates: GateSpec[], hooks: HooksSpec): Pick<GroupSpec, 'gates' | 'hooks'> {
  return { ...(gates.length ? { gates } : {}), ...(hooks.beforeStop || hooks.afterHealthy ? { hooks } : {}) };
}

/** A section left empty (`health:` with everything under it commented out) is as good as none. */
function absent(v: unknown): boolean {
  return v === undefined || v === null;
}

function given(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

// ---------------------------------------------------------------------------------------------
// groups and hosts

function readGroups(p: Problems, v: unknown): RawGroup[] {
  if (v === undefined) {
    p.add('groups', undefined, 'a mapping of group names to groups, like {web: {hosts: [tcp://10.0.0.1:2375]}}');
    return [];
  }
  const m = mapping(p, 'groups', v, 'a mapping of group names to groups, like {web: {hosts: [tcp://10.0.0.1:2375]}}');
  if (!m) return [];
  const names = Object.keys(m);
  if (names.length === 0) {
    p.add('groups', v, 'a mapping with at least one group');
    return [];
  }
  const out: RawGroup[] = [];
  let hostCount = 0;
  for (const name of names) {
    const field = at('groups', name);
    if (!GROUP_NAME.test(name))
      p.add(field, name, 'a group name like "web" (lowercase letters, digits, "_" and "-"; at most 63 characters)');
    const g = m[name];
    if (g === null || g === undefined) {
      p.add(at(field, 'hosts'), undefined, 'a list of hosts like [tcp://10.0.0.1:2375]');
      continue;
    }
    const gm = mapping(p, field, g, 'a group like {hosts: [tcp://10.0.0.1:2375]}');
    if (!gm) continue;
    knownKeys(p, field, gm, GROUP_KEYS, ELSEWHERE);
    // `hosts:` as a mapping is a source ({dns: …} or {command: […]}), resolved at the start of a run.
    const inventory = isMapping(gm.hosts) ? readGroupInventory(p, at(field, 'hosts'), gm.hosts, name) : undefined;
    const hosts = isMapping(gm.hosts) ? [] : readHosts(p, at(field, 'hosts'), gm.hosts, name, MAX_HOSTS - hostCount);
    hostCount += hosts.length;
    out.push({
      name,
      field,
      hosts,
      ...(inventory ? { inventory } : {}),
      container: absent(gm.container) ? {} : readContainer(p, at(field, 'container'), gm.container, ELSEWHERE),
      strategy: absent(gm.strategy) ? {} : readGroupStrategy(p, at(field, 'strategy'), gm.strategy),
      health: absent(gm.health) ? {} : readHealth(p, at(field, 'health'), gm.health, ELSEWHERE),
      gates: readGates(p, at(field, 'gates'), gm.gates),
      hooks: readHooks(p, at(field, 'hooks'), gm.hooks),
      ...(gm.proxy !== undefined && gm.proxy !== null ? { proxy: readProxy(p, at(field, 'proxy'), gm.proxy) } : {}),
    });
  }
  return out;
}

/** A group's strategy: the failure budget is the whole rollout's, so a group may not set its own. */
function readGroupStrategy(p: Problems, path: string, v: unknown): StrategyPart {
  const part = readStrategy(p, path, v, ELSEWHERE);
  if (part.maxUnhealthy !== undefined) {
    p.raw(
      `${at(path, 'max-unhealthy')}: is the failure budget of the whole rollout, not of a group: set it in the top-level strategy (or the max-unhealthy input)`,
    );
  }
  return part;
}

function readGroupInventory(p: Problems, path: string, m: Mapping, group: string): RawGroup['inventory'] {
  const source = readInventory(p, path, m, group);
  const tls = m.tls !== undefined && source?.transport === 'tcp' ? readTls(p, at(path, 'tls'), m.tls) : undefined;
  return source && { source, ...(tls ? { tls } : {}) };
}

function readHosts(p: Problems, path: string, v: unknown, group: string, room: number): RawHost[] {
  const expected = 'a list of hosts like [tcp://10.0.0.1:2375, ssh://deploy@web-2.example.com]';
  if (v === undefined) {
    p.add(path, undefined, expected);
    return [];
  }
  if (!Array.isArray(v)) {
    p.add(path, v, expected);
    return [];
  }
  if (v.length === 0) {
    p.add(path, v, `${expected} (a group needs at least one host)`);
    return [];
  }
  if (v.length > room) {
    p.raw(`${path}: ${v.length} hosts are too many (at most ${MAX_HOSTS} in the whole file)`);
    return [];
  }
  const out: RawHost[] = [];
  v.forEach((item, i) => {
    const field = at(path, i);
    if (typeof item === 'string') {
      const endpoint = readEndpoint(p, field, item);
      if (endpoint) out.push({ field, group, endpoint, text: item });
      return;
    }
    const m = mapping(
      p,
      field,
      item,
      `${'a Docker endpoint like "tcp://10.0.0.1:2375"'} or a mapping like {name: web-3, docker: tcp://10.0.0.3:2376, tls: {…}}`,
    );
    if (!m) return;
    knownKeys(p, field, m, HOST_KEYS);
    const endpoint =
      m.docker === undefined
        ? void p.add(at(field, 'docker'), undefined, 'a Docker endpoint like "tcp://10.0.0.1:2375"')
        : readEndpoint(p, at(field, 'docker'), m.docker);
    const name =
      m.name === undefined
        ? undefined
        : str(p, at(field, 'name'), m.name, {
            expected: 'a host name like "web-1" (letters, digits, ".", "_", ":" and "-")',
            pattern: HOST_NAME,
            max: 253,
          });
    let address: string | undefined;
    if (m.address !== undefined) {
      const text = str(p, at(field, 'address'), m.address, {
        expected: 'a host name or an IP address like "10.0.0.3"',
        max: 255,
      });
      if (text !== undefined) {
        address = parseHostAddress(text);
        if (address === undefined)
          p.add(at(field, 'address'), m.address, 'a host name or an IP address like "10.0.0.3"');
      }
    }
    let tls: RawTls | undefined;
    if (m.tls !== undefined) {
      tls = readTls(p, at(field, 'tls'), m.tls);
      if (endpoint && endpoint.scheme !== 'tcp')
        p.raw(`${at(field, 'tls')}: is only for tcp:// endpoints (this host's endpoint is ${endpoint.scheme}://)`);
    }
    if (endpoint) out.push({ field, group, endpoint, text: String(m.docker), name, address, tls });
  });
  return out;
}

function readEndpoint(p: Problems, field: string, v: unknown): Endpoint | undefined {
  const text = str(p, field, v, { expected: 'a Docker endpoint like "tcp://10.0.0.1:2375"', max: 1100 });
  if (text === undefined) return undefined;
  const e = parseEndpoint(text);
  if ('expected' in e) {
    p.add(field, v, e.expected);
    return undefined;
  }
  return e;
}

function readTls(p: Problems, path: string, v: unknown): RawTls | undefined {
  const m = mapping(p, path, v, 'a mapping like {ca: CA_PEM, cert: CERT_PEM, key: KEY_PEM}');
  if (!m) return undefined;
  knownKeys(p, path, m, TLS_KEYS);
  const out: RawTls = { field: path, verify: true };
  for (const key of ['ca', 'cert', 'key'] as const) {
    const v = m[key];
    if (v === undefined) continue;
    // PEM written inline is checked before anything could echo it: a key's text never reaches a message.
    if (typeof v === 'string' && PEM.test(v)) {
      if (key === 'key')
        p.raw(
          `${at(path, key)}: a private key must not be written in the config file (expected a file path or an environment variable name)`,
        );
      else if (v.length > MAX_FILE)
        p.raw(`${at(path, key)}: the PEM text is too long (at most ${MAX_FILE} characters)`);
      else out[key] = v;
      continue;
    }
    out[key] = str(p, at(path, key), v, {
      expected: 'a file path or an environment variable name like CA_PEM',
      max: 4096,
    });
  }
  if (m.verify !== undefined) out.verify = bool(p, at(path, 'verify'), m.verify) ?? true;
  if ((m.cert === undefined) !== (m.key === undefined))
    p.raw(`${path}: cert and key go together (expected both or neither)`);
  return out;
}

/**
 * Every host's name: as written, or the endpoint's host — with its port when two endpoints share a
 * host, since a name must tell them apart. Duplicate endpoints and names are problems file-wide.
 */
function nameHosts(p: Problems, groups: RawGroup[]): void {
  const all = groups.flatMap((g) => g.hosts);
  const hostUse = new Map<string, number>();
  for (const h of all) hostUse.set(endpointHost(h.endpoint), (hostUse.get(endpointHost(h.endpoint)) ?? 0) + 1);
  const byEndpoint = new Map<string, RawHost>();
  const byName = new Map<string, RawHost>();
  for (const h of all) {
    const key = endpointKey(h.endpoint);
    const first = byEndpoint.get(key);
    if (first)
      p.raw(
        `${h.field}: ${JSON.stringify(h.text)} is the same Docker endpoint as ${first.field} (each host may appear once)`,
      );
    else byEndpoint.set(key, h);
    if (h.name === undefined) {
      const host = endpointHost(h.endpoint);
      const shared = (hostUse.get(host) ?? 0) > 1;
      if (!shared) h.name = host;
      else if (h.endpoint.scheme === 'unix') h.name = h.endpoint.path;
      else h.name = `${host.includes(':') ? `[${host}]` : host}:${endpointPort(h.endpoint)}`;
    }
    const other = byName.get(h.name);
    if (other && !first)
      p.raw(
        `${h.field}: the host name ${JSON.stringify(h.name)} is also the name of ${other.field} (host names must be unique; set name:)`,
      );
    else if (!other) byName.set(h.name, h);
  }
}

function selectGroups(
  p: Problems,
  groups: RawGroup[],
  v: ConfigOverrides['groups'],
  inputName: (n: string) => string,
): RawGroup[] {
  if (!given(v)) return groups;
  const field = inputName('groups');
  const wanted = (Array.isArray(v) ? v.map(String) : String(v).split(/[\s,]+/))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const known = groups.map((g) => g.name);
  for (const name of wanted) {
    if (!known.includes(name))
      p.add(
        field,
        name,
        `a group in the config (known: ${known.map((k) => (GROUP_NAME.test(k) ? k : JSON.stringify(k))).join(', ') || 'none'})`,
      );
  }
  return groups.filter((g) => wanted.includes(g.name));
}

// ---------------------------------------------------------------------------------------------
// inputs

function readInputStrategy(p: Problems, inputs: ConfigOverrides, inputName: (n: string) => string): StrategyPart {
  const out: StrategyPart = {};
  if (given(inputs.batches)) {
    const field = inputName('batches');
    const v = inputs.batches;
    let list: unknown;
    if (Array.isArray(v)) list = v;
    else {
      const text = String(v).trim();
      if (text.startsWith('[')) {
        try {
          list = JSON.parse(text);
        } catch {
          p.add(field, text, 'a list like "1,25%,100%" or [1, "25%", "100%"]');
        }
      } else {
        list = text.split(/[\s,]+/).filter((s) => s !== '');
      }
    }
    if (list !== undefined) out.batches = readBatches(p, field, list, true);
  }
  const count = (name: 'parallel' | 'keep', min: number, max: number): number | undefined => {
    const v = inputs[name];
    if (!given(v)) return undefined;
    const text = String(v).trim();
    return int(p, inputName(name), /^\d{1,6}$/.test(text) ? Number(text) : text, min, max);
  };
  const parallel = count('parallel', 1, PARALLEL_MAX);
  if (parallel !== undefined) out.parallel = parallel;
  const keep = count('keep', 0, KEEP_MAX);
  if (keep !== undefined) out.keep = keep;
  if (given(inputs.maxUnhealthy)) {
    const a: Amount | undefined = amount(p, inputName('max-unhealthy'), String(inputs.maxUnhealthy).trim(), {
      zero: true,
      digitsAreCount: true,
    });
    if (a) out.maxUnhealthy = a;
  }
  if (given(inputs.pause)) {
    const ms = duration(p, inputName('pause'), String(inputs.pause).trim());
    if (ms !== undefined) out.pauseMs = ms;
  }
  return out;
}

function resolveImage(
  p: Problems,
  file: ImageRef | undefined,
  input: string | undefined,
  inputName: (n: string) => string,
  requireVersion: boolean,
): string | undefined {
  let ref = file;
  if (given(input)) {
    const field = inputName('image');
    const text = str(p, field, String(input).trim(), {
      expected: 'an image reference, a tag like "v2" or a digest like "sha256:…"',
      max: 512,
    });
    if (text === undefined) return undefined;
    const parsed = parseImageInput(text);
    if (parsed.kind === 'invalid') {
      p.add(
        field,
        text,
        'an image reference like "registry.example.com/acme/web:v2", a tag like "v2" or a digest like "sha256:<64 hex digits>"',
      );
      return undefined;
    }
    if (parsed.kind !== 'ref' && !file) {
      if (!p.list.some((l) => l.startsWith('image:')))
        p.add(
          'image',
          undefined,
          `a repository like "registry.example.com/acme/web" for the ${parsed.kind} given in ${field}`,
        );
      return undefined;
    }
    ref = parsed.kind === 'ref' ? parsed.ref : completeImage(file!, parsed);
  } else if (!file) {
    if (!p.list.some((l) => l.startsWith('image:')))
      p.add(
        'image',
        undefined,
        `an image repository like "registry.example.com/acme/web" (or a whole reference in ${inputName('image')})`,
      );
    return undefined;
  }
  if (requireVersion && ref && !ref.tag && !ref.digest) {
    p.raw(
      `${inputName('image')}: is missing (expected a tag like "v2" or a digest for ${ref.repository}; the file gives only the repository)`,
    );
    return undefined;
  }
  return ref ? formatImageRef(ref) : undefined;
}

// ---------------------------------------------------------------------------------------------
// TLS material

/** Each of ca/cert/key: an environment variable name holding PEM, PEM written inline (not for key), or a file. */
function resolveTls(p: Problems, tls: RawTls, env: Record<string, string | undefined>, baseDir: string): TlsSpec {
  const out: TlsSpec = { verify: tls.verify };
  for (const key of ['ca', 'cert', 'key'] as const) {
    const ref = tls[key];
    if (ref === undefined) continue;
    const field = at(tls.field, key);
    const pem = resolvePem(p, field, ref, key === 'key', env, baseDir);
    if (pem !== undefined) out[key] = pem;
  }
  return out;
}

function resolvePem(
  p: Problems,
  field: string,
  ref: string,
  secret: boolean,
  env: Record<string, string | undefined>,
  baseDir: string,
): string | undefined {
  if (PEM.test(ref)) return secret ? undefined : ref;
  if (ENV_VAR_REF.test(ref)) {
    const value = envValue(env, ref);
    if (value === undefined) {
      p.raw(`${field}: environment variable ${ref} is not set (expected it to hold PEM text)`);
      return undefined;
    }
    if (!PEM.test(value)) {
      p.raw(`${field}: environment variable ${ref} does not hold PEM text (expected "-----BEGIN …")`);
      return undefined;
    }
    return value;
  }
  const file = nodePath.resolve(baseDir, ref);
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      p.add(field, ref, 'a PEM file (it is a folder)');
      return undefined;
    }
    if (stat.size > MAX_FILE) {
      p.add(field, ref, `a PEM file of at most ${MAX_FILE} bytes`);
      return undefined;
    }
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    p.raw(
      `${field}: file ${JSON.stringify(ref)} ${code === 'ENOENT' ? 'was not found' : `could not be read (${code ?? 'error'})`} (looked for ${file}; expected a PEM file, or an environment variable name like CA_PEM)`,
    );
    return undefined;
  }
  if (!PEM.test(text)) {
    p.raw(`${field}: file ${JSON.stringify(ref)} does not hold PEM text (expected "-----BEGIN …")`);
    return undefined;
  }
  return text;
}
