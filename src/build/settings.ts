// A build's settings, validated from raw inputs or flags: every problem is reported at once, each
// naming the input (or flag) and what was expected. Pure except for checking that paths exist.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { Problems } from '../errors';
import { referenceProblem, withExplicitTag } from '../registry/reference';

const DEFAULT_DOCKERFILE = 'Dockerfile';

export interface BuildSettings {
  /** Absolute path of the context folder. */
  context: string;
  /** Absolute path of the Dockerfile (inside the context or not). */
  file: string;
  /** Explicit tags; empty means the default tags derived from `image` and the GitHub context. */
  tags: string[];
  /** Repository for the default tags; only used when `tags` is empty. */
  image?: string;
  labels: Record<string, string>;
  buildArgs: Record<string, string>;
  target?: string;
  pull: boolean;
  noCache: boolean;
  /** Secret id → value, for `RUN --mount=type=secret,id=…` (from `secrets` and `secret-files`). */
  secrets?: Record<string, string>;
  /** SSH id → the agent socket or private keys that serve `RUN --mount=type=ssh,id=…`. */
  ssh?: Record<string, SshAgentSource>;
  /** Images to import BuildKit's cache from (their inline cache, or a cache manifest). */
  cacheFrom?: string[];
  /** `inline`: the cache metadata goes into the image itself, for a later cache-from. */
  cacheTo?: 'inline';
  /** The one platform to build for (os/arch[/variant]); default: the engine's own. */
  platform?: string;
  /** Default tags: also 1.2.3, 1.2 and 1 for a v1.2.3 tag. */
  semverTags?: boolean;
  /** Default tags: `latest` — auto (on the default branch), always or never. */
  latest?: 'auto' | 'true' | 'false';
}

/** Where an SSH agent for the build comes from: a running agent's socket, or key files. */
export interface SshAgentSource {
  socket?: string;
  keys?: Buffer[];
}

/** The raw values, as the action's inputs or the CLI's flags give them. */
export interface RawBuildSettings {
  context: string;
  file: string;
  tags: string[];
  image: string;
  labels: string[];
  buildArgs: string[];
  target: string;
  pull: boolean;
  noCache: boolean;
  /** `id=value` lines. */
  secrets?: string[];
  /** `id=path` lines. */
  secretFiles?: string[];
  /** `default`, `default=/path/to/agent.sock` or `id=/path/to/key[,/path/to/key2]` lines. */
  ssh?: string[];
  cacheFrom?: string[];
  cacheTo?: string[];
  platforms?: string[];
  semverTags?: boolean;
  latest?: string;
}

/** How each setting is called where the user wrote it: `input build-args` or `--build-arg`. */
type BaseField = 'context' | 'file' | 'tags' | 'image' | 'labels' | 'buildArgs' | 'target' | 'pull' | 'noCache';
export type FieldNames = Record<BaseField, string> &
  Partial<Record<Exclude<keyof RawBuildSettings, BaseField>, string>>;

export const INPUT_NAMES: FieldNames = {
  context: 'input context',
  file: 'input file',
  tags: 'input tags',
  image: 'input image',
  labels: 'input labels',
  buildArgs: 'input build-args',
  target: 'input target',
  pull: 'input pull',
  noCache: 'input no-cache',
  secrets: 'input secrets',
  secretFiles: 'input secret-files',
  ssh: 'input ssh',
  cacheFrom: 'input cache-from',
  cacheTo: 'input cache-to',
  platforms: 'input platforms',
  semverTags: 'input semver-tags',
  latest: 'input latest',
};

/**
 * Splits `NAME=value` items written one per line or comma-separated. A comma splits only where
 * the next item starts with `NAME=`, so values such as `LIST=a,b` keep their commas.
 */
export function splitAssignments(text: string): string[] {
  return text
    .split(/\r?\n/)
    .flatMap((line) => line.split(/,(?=\s*[A-Za-z_][A-Za-z0-9_.-]*=)/))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/** `NAME=value` items as a record; bad items are reported against `field`. */
export function parseAssignments(
  items: string[],
  field: string,
  problems: Problems,
  kind: 'arg' | 'label',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? '' : item.slice(0, eq).trim();
    const ok = kind === 'arg' ? ARG_NAME.test(name) : LABEL_KEY.test(name);
    if (eq < 0 || !ok) {
      problems.add(
        field,
        item,
        kind === 'arg'
          ? 'NAME=value (a build argument name of letters, digits and _, then =, then the value)'
          : 'key=value (a label key such as org.example.team, then =, then the value)',
      );
      continue;
    }
    out[name] = item.slice(eq + 1);
  }
  return out;
}

/** Validates tags; each is returned with an explicit :latest when it had no tag. */
export function parseTags(items: string[], field: string, problems: Problems): string[] {
  const tags: string[] = [];
  for (const item of items) {
    const problem = referenceProblem(item);
    if (problem) problems.add(field, item, `an image tag like registry.example.com/acme/web:1.2 (${problem})`);
    else tags.push(withExplicitTag(item));
  }
  return tags;
}

export function parseBuildSettings(
  raw: RawBuildSettings,
  given: FieldNames = INPUT_NAMES,
  cwd: string = process.cwd(),
): BuildSettings {
  const names = { ...INPUT_NAMES, ...given } as Required<FieldNames>;
  const problems = new Problems();
  const context = resolve(cwd, raw.context || '.');
  if (!isDirectory(context))
    problems.add(names.context, raw.context || '.', `an existing folder (looked for ${context})`);
  // Joined by hand: ncc's asset relocator rewrites path.resolve(x, 'literal') into a bundled path.
  const file = raw.file ? resolve(cwd, raw.file) : [context, DEFAULT_DOCKERFILE].join(sep);
  if (!isFile(file)) problems.add(names.file, raw.file || 'Dockerfile', `an existing Dockerfile (looked for ${file})`);

  const tags = parseTags(raw.tags, names.tags, problems);
  let image: string | undefined;
  if (raw.image) {
    const problem = referenceProblem(raw.image);
    if (problem) problems.add(names.image, raw.image, `a repository like registry.example.com/acme/web (${problem})`);
    else if (/:[^/]*$/.test(raw.image))
      problems.add(
        names.image,
        raw.image,
        'a repository without a tag: the tags are derived from the commit (sha-…) and the branch or version tag',
      );
    else image = raw.image;
  }
  const labels = parseAssignments(raw.labels, names.labels, problems, 'label');
  const buildArgs = parseAssignments(raw.buildArgs, names.buildArgs, problems, 'arg');
  if (raw.target && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(raw.target))
    problems.add(names.target, raw.target, 'the name of a build stage (FROM … AS <name>)');
  const secrets = parseSecrets(raw.secrets ?? [], raw.secretFiles ?? [], names, problems, cwd);
  const ssh = parseSsh(raw.ssh ?? [], names.ssh, problems, cwd);
  const cacheFrom = parseCacheFrom(raw.cacheFrom ?? [], names.cacheFrom, problems);
  const cacheTo = parseCacheTo(raw.cacheTo ?? [], names.cacheTo, problems);
  const platform = parsePlatforms(raw.platforms ?? [], names.platforms, problems);
  const latest = (raw.latest ?? 'auto').trim().toLowerCase() || 'auto';
  if (!['auto', 'true', 'false'].includes(latest))
    problems.add(names.latest, raw.latest, 'auto (tag latest on the default branch), true or false');
  problems.throwIfAny();
  return {
    context,
    file: isAbsolute(file) ? file : resolve(file),
    tags,
    image,
    labels,
    buildArgs,
    target: raw.target || undefined,
    pull: raw.pull,
    noCache: raw.noCache,
    secrets,
    ssh,
    cacheFrom,
    cacheTo,
    platform,
    semverTags: raw.semverTags ?? true,
    latest: latest as BuildSettings['latest'],
  };
}

const SECRET_ID = /^[A-Za-z0-9_.-]+$/;

/** `id=value` and `id=path` lines into one id → value record; a file is read now, so a missing one fails early. */
export function parseSecrets(
  values: string[],
  files: string[],
  names: Required<FieldNames>,
  problems: Problems,
  cwd: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  // Never show a secret's value in an error: only its id, or the line's position.
  values.forEach((item, i) => {
    const eq = item.indexOf('=');
    const id = eq < 0 ? '' : item.slice(0, eq).trim();
    if (eq < 0 || !SECRET_ID.test(id)) {
      problems.raw(
        `${names.secrets}: line ${i + 1} is not id=value (an id of letters, digits, _ . -, then =, then the secret; the value is not shown)`,
      );
      return;
    }
    out[id] = item.slice(eq + 1);
  });
  for (const item of files) {
    const eq = item.indexOf('=');
    const id = eq < 0 ? '' : item.slice(0, eq).trim();
    const path = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (eq < 0 || !SECRET_ID.test(id) || !path) {
      problems.add(
        names.secretFiles,
        item,
        'id=path (an id of letters, digits, _ . -, then =, then the path of the file holding the secret)',
      );
      continue;
    }
    try {
      out[id] = readFileSync(resolve(cwd, path), 'utf8');
    } catch (err) {
      problems.add(
        names.secretFiles,
        item,
        `a readable file (${(err as NodeJS.ErrnoException).code ?? 'unreadable'} at ${resolve(cwd, path)})`,
      );
    }
  }
  return out;
}

/** `default`, `default=<socket>`, `<id>=<key or socket>[,<key>…]`: each id → an agent socket or key files. */
export function parseSsh(
  items: string[],
  field: string,
  problems: Problems,
  cwd: string,
  env: Record<string, string | undefined> = process.env,
): Record<string, SshAgentSource> {
  const out: Record<string, SshAgentSource> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const id = (eq < 0 ? item : item.slice(0, eq)).trim();
    const paths =
      eq < 0
        ? []
        : item
            .slice(eq + 1)
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean);
    if (!SECRET_ID.test(id)) {
      problems.add(field, item, 'default, default=/path/to/agent.sock or id=/path/to/private_key');
      continue;
    }
    if (!paths.length) {
      // As docker build --ssh default: the agent the environment names.
      if (!env.SSH_AUTH_SOCK) {
        problems.add(
          field,
          item,
          `an SSH agent: ${id} without a path uses $SSH_AUTH_SOCK, which is not set (start one, or give ${id}=/path/to/private_key)`,
        );
        continue;
      }
      paths.push(env.SSH_AUTH_SOCK);
    }
    const source: SshAgentSource = {};
    for (const p of paths.map((x) => resolve(cwd, x))) {
      let stat;
      try {
        stat = statSync(p);
      } catch {
        problems.add(field, item, `an existing agent socket or private key file (${p} does not exist)`);
        continue;
      }
      if (stat.isSocket()) {
        if (paths.length > 1) problems.add(field, item, 'one agent socket, or key files (not both)');
        source.socket = p;
      } else {
        const key = readFileSync(p);
        if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key.toString('utf8'))) {
          problems.add(field, item, `a private key file (PEM or OpenSSH format) or an agent socket (${p} is neither)`);
          continue;
        }
        (source.keys ??= []).push(key);
      }
    }
    out[id] = source;
  }
  return out;
}

/** Cache types only a BuildKit of buildx's own (a docker-container builder) can use. */
const BUILDX_CACHE_TYPES = ['local', 'gha', 's3', 'azblob'];

/** `type=registry,ref=<image>` or a plain image reference → the images to import cache from. */
export function parseCacheFrom(items: string[], field: string, problems: Problems): string[] {
  const refs: string[] = [];
  for (const item of items) {
    const attrs = csvAttributes(item);
    const type = attrs.type ?? (attrs.ref ? 'registry' : undefined);
    if (!type && !item.includes('=')) {
      const problem = referenceProblem(item, { allowDigest: true });
      if (problem) problems.add(field, item, `an image reference or type=registry,ref=<image> (${problem})`);
      else refs.push(item);
      continue;
    }
    if (type !== 'registry') {
      problems.add(
        field,
        item,
        BUILDX_CACHE_TYPES.includes(type ?? '')
          ? `a cache the engine's BuildKit can import: type=${type} needs a buildx builder (docker buildx create --driver docker-container); here use type=registry,ref=<image> (an image pushed with cache-to: type=inline)`
          : 'type=registry,ref=<image>, or a plain image reference',
      );
      continue;
    }
    const problem = attrs.ref ? referenceProblem(attrs.ref, { allowDigest: true }) : 'ref=<image> is missing';
    if (problem) problems.add(field, item, `type=registry,ref=<image> (${problem})`);
    else refs.push(attrs.ref);
  }
  return refs;
}

/** Only `type=inline` goes through the engine; every other exporter is buildx's. */
export function parseCacheTo(items: string[], field: string, problems: Problems): 'inline' | undefined {
  let inline: 'inline' | undefined;
  for (const item of items) {
    const attrs = csvAttributes(item);
    const type = attrs.type ?? item.trim();
    if (type === 'inline') {
      inline = 'inline';
      continue;
    }
    problems.add(
      field,
      item,
      type === 'registry' || BUILDX_CACHE_TYPES.includes(type)
        ? `a cache export the engine can write: type=${type} needs a buildx builder (docker buildx create --driver docker-container); here use type=inline (the cache goes into the pushed image; read it back with cache-from: type=registry,ref=<that image>)`
        : 'type=inline',
    );
  }
  return inline;
}

const PLATFORM = /^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_.]+)?$/;

/** One platform through the engine; several need one runner each and a merge. */
export function parsePlatforms(items: string[], field: string, problems: Problems): string | undefined {
  const list = items.map((p) => p.trim()).filter(Boolean);
  for (const p of list) if (!PLATFORM.test(p)) problems.add(field, p, 'a platform like linux/amd64 or linux/arm64/v8');
  if (list.length > 1) {
    problems.raw(
      `${field}: ${list.join(',')} names ${list.length} platforms, but the engine builds one at a time: ` +
        'build each platform on a runner of that architecture (platforms: one of them, pushed by digest), ' +
        'then join the pushed digests into one multi-platform image with actions/merge (aviary merge)',
    );
  }
  return list[0];
}

/** `type=registry,ref=x,mode=max` → { type, ref, mode }. */
function csvAttributes(item: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of item.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
