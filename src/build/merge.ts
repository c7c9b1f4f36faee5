// The merge step of a multi-platform build: per-platform images, each built and pushed on a runner
// of its own architecture, joined into one OCI image index under the given tags.
import type Docker from 'dockerode';
import { describeError, Problems, RunError } from '../errors';
import { Logger } from '../log';
import { RegistryClient } from '../registry/client';
import { resolveRegistryAuth, secretForms } from '../registry/credentials';
import { copyManifest, imageIndex, platformName, putIndex, readSource, SourceManifest } from '../registry/image-index';
import { EngineRegistryConfig, isInsecureRegistry } from '../registry/insecure';
import { parseImageRef, referenceProblem, repositoryName, withExplicitTag } from '../registry/reference';

export interface MergeSettings {
  /** The per-platform images, best by digest (repo@sha256:…), as the push action outputs them. */
  sources: string[];
  /** Tags the index is written under; all on the sources' registry. */
  tags: string[];
  username?: string;
  password?: string;
}

export interface RawMergeSettings {
  sources: string[];
  tags: string[];
  username: string;
  password: string;
}

export type MergeFieldNames = Record<keyof RawMergeSettings, string>;

export const MERGE_INPUT_NAMES: MergeFieldNames = {
  sources: 'input sources',
  tags: 'input tags',
  username: 'input username',
  password: 'input password',
};

export function parseMergeSettings(raw: RawMergeSettings, names: MergeFieldNames = MERGE_INPUT_NAMES): MergeSettings {
  const problems = new Problems();
  if (!raw.sources.length)
    problems.add(
      names.sources,
      undefined,
      'the pushed per-platform images, e.g. registry.example.com/acme/web@sha256:… (the image output of actions/push on each runner)',
    );
  if (!raw.tags.length)
    problems.add(
      names.tags,
      undefined,
      'at least one tag for the multi-platform image, e.g. registry.example.com/acme/web:1.2',
    );
  const sources: string[] = [];
  for (const s of raw.sources) {
    const problem = referenceProblem(s, { allowDigest: true });
    if (problem)
      problems.add(names.sources, s, `an image reference like registry.example.com/acme/web@sha256:… (${problem})`);
    else sources.push(s);
  }
  const tags: string[] = [];
  for (const t of raw.tags) {
    const problem = referenceProblem(t);
    if (problem) problems.add(names.tags, t, `an image tag like registry.example.com/acme/web:1.2 (${problem})`);
    else tags.push(withExplicitTag(t));
  }
  const registries = new Set([...sources, ...tags].map((r) => parseImageRef(r).registry));
  if (registries.size > 1) {
    problems.raw(
      `${names.sources}/${names.tags}: the sources and tags are on ${[...registries].join(', ')}; ` +
        'a merge writes into the registry that holds the sources: push each platform to the registry of the tags',
    );
  }
  if (raw.username && !raw.password)
    problems.add(names.password, undefined, `the password or token of user "${raw.username}"`);
  if (raw.password && !raw.username)
    problems.raw(`${names.username}: is missing (expected the user the password belongs to)`);
  problems.throwIfAny();
  return { sources, tags, username: raw.username || undefined, password: raw.password || undefined };
}

export interface MergeResult {
  /** The index's digest, the same under every tag. */
  digest: string;
  /** repository@digest of the first tag. */
  image: string;
  platforms: string[];
}

/** The engine's registry settings (which registries are insecure), if an engine answers. */
export async function engineRegistries(
  docker: Docker | undefined,
  log: Logger,
): Promise<EngineRegistryConfig | undefined> {
  if (!docker) return undefined;
  try {
    return ((await docker.info()) as { RegistryConfig?: EngineRegistryConfig }).RegistryConfig;
  } catch (err) {
    log.debug(
      `no Docker engine to ask which registries are insecure (${describeError(err)}): every registry is taken as secure, except 127.0.0.0/8`,
    );
    return undefined;
  }
}

/** Reads every source, writes one index under every tag, returns its digest. */
export async function mergeImages(
  settings: MergeSettings,
  log: Logger,
  options: { registries?: EngineRegistryConfig } = {},
): Promise<MergeResult> {
  log.secret(settings.password);
  const registry = parseImageRef(settings.tags[0]).registry;
  const auth = resolveRegistryAuth(
    settings.tags[0],
    { username: settings.username, password: settings.password, registry },
    process.env,
    log,
  );
  for (const form of secretForms(auth)) log.secret(form);
  const client = new RegistryClient(registry, {
    credentials: auth?.username ? { username: auth.username, password: auth.password } : undefined,
    insecure: await isInsecureRegistry(registry, options.registries),
    log,
  });

  const sources: SourceManifest[] = [];
  for (const source of settings.sources) {
    if (!parseImageRef(source).digest)
      log.warn(`merge: source ${source} is a tag, not a digest: what it names may have moved since it was pushed`);
    const read = await readSource(client, parseImageRef(source));
    for (const s of read)
      log.info(`${platformName(s.descriptor.platform)}: ${source.replace(/@.*$/, '')}@${s.descriptor.digest}`);
    sources.push(...read);
  }
  const index = imageIndex(sources);

  let digest = '';
  for (const tag of settings.tags) {
    const ref = parseImageRef(tag);
    for (const s of sources) {
      if (s.ref.repository !== ref.repository) await copyManifest(client, s, ref.repository, log);
    }
    digest = await putIndex(client, ref.repository, ref.tag ?? 'latest', index);
    log.info(`${tag} → ${digest}`);
  }
  const platforms = [...new Set(sources.map((s) => platformName(s.descriptor.platform)))];
  if (!digest) throw new RunError('merge: no tag written');
  const first = parseImageRef(settings.tags[0]);
  log.info(`merged ${platforms.join(', ')} into ${digest}`);
  return { digest, image: `${repositoryName(first)}@${digest}`, platforms };
}
