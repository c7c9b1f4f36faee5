// Builds an image on the builder engine: the context tar, BuildKit through the Engine API (the
// legacy builder only when the engine has no BuildKit), its progress streamed into a log group,
// and the failing step with its last lines when the build fails.
import type Docker from 'dockerode';
import { describeError, InputError, RunError } from '../errors';
import { githubContext, GitHubContext, ociLabels } from '../github/context';
import { Logger } from '../log';
import { buildRegistryConfig } from '../registry/credentials';
import { formatDuration } from '../util/duration';
import * as tar from 'tar-fs';
import { packContext, readDockerignore } from './context';
import { ProgressMessage, progressError, readProgress } from './progress';
import { BuildSettings } from './settings';
import { defaultBranchOf, metadataTags } from './tags';

type Env = Record<string, string | undefined>;

export type Builder = 'buildkit' | 'legacy';

export interface BuildResult {
  imageId: string;
  tags: string[];
  labels: Record<string, string>;
  durationMs: number;
  builder: Builder;
  /** The `metadata` output: imageid, tags, labels, the builder and the build's duration. */
  metadata: { imageid: string; tags: string[]; labels: Record<string, string>; builder: Builder; durationMs: number };
}

export interface BuildOptions {
  env?: Env;
  now?: () => Date;
  /** Lines of a failing step's output quoted in the error. */
  tailLines?: number;
  /** Force a builder (tests); default: BuildKit when the engine has it. */
  builder?: Builder;
}

/** The tags and labels a build applies: explicit ones, else defaults from the GitHub context. */
export function planTagsAndLabels(
  settings: BuildSettings,
  ctx: GitHubContext & { defaultBranch?: string },
  now: Date,
): { tags: string[]; labels: Record<string, string> } {
  // User labels come last so that they can override the OCI ones, as with docker/metadata-action.
  const labels = { ...ociLabels(ctx, now), ...settings.labels };
  if (settings.tags.length || !settings.image) return { tags: settings.tags, labels };
  const tags = metadataTags(settings.image, ctx, {
    semverTags: settings.semverTags ?? true,
    latest: settings.latest ?? 'auto',
    defaultBranch: ctx.defaultBranch,
  });
  if (!tags.length) {
    throw new InputError(
      `tags: none given, and none can be derived for image "${settings.image}": ` +
        'GITHUB_SHA and GITHUB_REF are not set (give tags explicitly outside GitHub Actions)',
    );
  }
  return { tags, labels };
}

/** Follows a build's output: logs it line by line and keeps what an error message needs. */
export class BuildTranscript {
  step?: string;
  sinceStep: string[] = [];
  imageId?: string;
  shortId?: string;
  error?: string;
  /** A line the engine has not finished yet: output chunks need not end at a line break. */
  private partial = '';

  constructor(private readonly line: (text: string) => void) {}

  take(message: ProgressMessage): void {
    const error = progressError(message);
    if (error) {
      this.flush();
      this.error = error.trim();
      return;
    }
    if (message.aux?.ID) this.imageId = String(message.aux.ID);
    if (message.stream !== undefined) {
      const pieces = (this.partial + message.stream).split('\n');
      this.partial = pieces.pop() ?? '';
      for (const piece of pieces) this.emit(piece);
    } else if (message.status) {
      const line = `${message.id ? `${message.id}: ` : ''}${message.status}${message.progress ? ` ${message.progress}` : ''}`;
      // Byte counts would flood the log: only state changes are shown.
      if (!(message.progressDetail && (message.progressDetail.total || message.progressDetail.current)))
        this.line(line);
    }
  }

  /** Emits the unfinished line, at the end of the output. */
  flush(): void {
    if (this.partial) this.emit(this.partial);
    this.partial = '';
  }

  private emit(raw: string): void {
    // A terminal shows what follows the last carriage return (progress bars); the engine colours a
    // step's stderr red, and escapes would show as text in annotations and errors.
    const line = raw
      .slice(raw.lastIndexOf('\r', raw.length - 2) + 1)
      .replace(/\x1b\[[0-9;]*m/g, '')
      .trimEnd();
    if (line.trim() === '') return;
    this.line(line);
    if (/^Step \d+\/\d+ : /.test(line)) {
      this.step = line;
      this.sinceStep = [];
      return;
    }
    this.sinceStep.push(line);
    if (this.sinceStep.length > 500) this.sinceStep.splice(0, this.sinceStep.length - 200);
    const built = /^Successfully built ([0-9a-f]+)$/.exec(line);
    if (built) this.shortId = built[1];
  }

  failure(tail: number): RunError {
    const where = this.step ? `build failed at "${this.step}"` : 'build failed';
    const lines = this.sinceStep
      .filter((l) => l.trim() !== '' && !l.startsWith(' ---> ') && !/^Removing intermediate container /.test(l))
      .slice(-tail);
    const last = lines.length ? `\nlast output lines:\n${lines.map((l) => `  ${l}`).join('\n')}` : '';
    return new RunError(`${where}: ${this.error}${last}`, { step: this.step, output: lines });
  }
}

/** Quotes a Dockerfile word: single quotes keep everything literal ($, \\), else escaped double quotes. */
export function dockerfileWord(text: string): string {
  if (/[\r\n]/.test(text))
    throw new InputError(`labels: ${JSON.stringify(text)} holds a line break, which a label cannot`);
  return text.includes("'") ? `"${text.replace(/[\\"$]/g, '\\$&')}"` : `'${text}'`;
}

/** The Dockerfile that puts labels on an existing image in one step. */
export function labelDockerfile(imageId: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${dockerfileWord(k)}=${dockerfileWord(v)}`);
  return `FROM ${imageId}\n${pairs.length ? `LABEL ${pairs.join(' ')}\n` : ''}`;
}

/** A build context holding one file. */
function singleFileTar(name: string, content: string): NodeJS.ReadableStream {
  const body = Buffer.from(content);
  return tar.pack('.', {
    entries: [],
    finalize: false,
    finish: (pack) => {
      pack.entry({ name, size: body.length, mode: 0o644, mtime: new Date(0) }, body);
      pack.finalize();
    },
  }) as unknown as NodeJS.ReadableStream;
}

type EngineBuildOptions = Parameters<Docker['buildImage']>[1] & object;

/** One legacy-builder build: streams its output to `line`, returns the image id, throws the failing step. */
async function runBuild(
  docker: Docker,
  context: NodeJS.ReadableStream,
  params: EngineBuildOptions,
  line: (text: string) => void,
  tail = 15,
): Promise<string> {
  const transcript = new BuildTranscript(line);
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.buildImage(context, { rm: true, forcerm: true, version: '1', ...params });
  } catch (err) {
    throw new RunError(`build failed: the engine refused the build: ${describeError(err)}`);
  }
  await readProgress(stream, (m) => transcript.take(m));
  transcript.flush();
  if (transcript.error) throw transcript.failure(tail);
  if (transcript.imageId) return transcript.imageId;
  if (!transcript.shortId) throw new RunError('build finished but the engine reported no image id');
  return (await docker.getImage(transcript.shortId).inspect()).Id;
}

/** Why the engine cannot build with BuildKit, or undefined when it can (API 1.39+, a Linux engine). */
export async function noBuildKitReason(docker: Docker, env: Env): Promise<string | undefined> {
  if (env.DOCKER_BUILDKIT === '0') return 'DOCKER_BUILDKIT=0 asks for the legacy builder';
  const version = await docker.version();
  const [major, minor] = String(version.ApiVersion ?? '0.0')
    .split('.')
    .map(Number);
  if (major < 1 || (major === 1 && minor < 39))
    return `the engine's API ${version.ApiVersion} predates BuildKit (1.39)`;
  if (version.Os && version.Os !== 'linux') return `the engine runs on ${version.Os}, where it has no BuildKit`;
  return undefined;
}

/** What only BuildKit can do: a legacy-builder engine refuses these settings by name. */
function buildKitOnly(settings: BuildSettings): string[] {
  const needs: string[] = [];
  if (Object.keys(settings.secrets ?? {}).length) needs.push('secrets / secret-files');
  if (Object.keys(settings.ssh ?? {}).length) needs.push('ssh');
  if (settings.cacheTo) needs.push('cache-to');
  return needs;
}

/** Builds settings.context on the engine; returns the image id, tags and labels. */
export async function buildImage(
  docker: Docker,
  settings: BuildSettings,
  log: Logger,
  options: BuildOptions = {},
): Promise<BuildResult> {
  const env = options.env ?? process.env;
  // Secret values are masked before anything else is logged: a step may print one.
  for (const value of Object.values(settings.secrets ?? {})) log.secret(value);
  // SOURCE_DATE_EPOCH (the reproducible-builds convention) pins .created, so that an unchanged
  // source gives the same image id; otherwise it is the build's own time.
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  const now =
    options.now ?? (() => (env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date()));
  const { tags, labels } = planTagsAndLabels(
    settings,
    { ...githubContext(env), defaultBranch: defaultBranchOf(env) },
    now(),
  );

  let builder: Builder = options.builder ?? 'buildkit';
  if (!options.builder) {
    const reason = await noBuildKitReason(docker, env);
    if (reason) {
      const needs = buildKitOnly(settings);
      if (needs.length) throw new RunError(`build: ${needs.join(', ')} need BuildKit, but ${reason}`);
      log.info(`building with the legacy builder: ${reason}`);
      builder = 'legacy';
    }
  }

  log.info(`context: ${settings.context}${(settings.context && readIgnoredCount(settings)) || ''}`);
  log.info(
    `Dockerfile: ${settings.file}${settings.target ? `, target ${settings.target}` : ''}${settings.platform ? `, platform ${settings.platform}` : ''}`,
  );
  log.info(tags.length ? `tags: ${tags.join(', ')}` : 'tags: none (the image is reachable by its id only)');
  const argNames = Object.keys(settings.buildArgs);
  if (argNames.length) log.info(`build args: ${argNames.join(', ')}`);
  const secretIds = Object.keys(settings.secrets ?? {});
  if (secretIds.length) log.info(`secrets: ${secretIds.join(', ')} (values masked)`);
  if (settings.cacheFrom?.length) log.info(`cache from: ${settings.cacheFrom.join(', ')}`);
  for (const [key, value] of Object.entries(labels)) log.debug(`label ${key}=${value}`);

  const started = Date.now();
  const registryconfig = buildRegistryConfig(env, log);
  let imageId: string;
  if (builder === 'buildkit') {
    try {
      imageId = await log.group(`Build ${tags[0] ?? settings.context}`, () =>
        buildKitBuild(docker, settings, tags, labels, registryconfig, log, options.tailLines ?? 15),
      );
    } catch (err) {
      const plainHttp = err instanceof RunError && /server gave HTTP response to HTTPS client/.test(err.message);
      if (!plainHttp || options.builder || buildKitOnly(settings).length) throw err;
      // The engine's BuildKit (Docker 20.10) ignores an --insecure-registry range for base images
      // and speaks only HTTPS to registries; its legacy builder pulls them as the engine does.
      const registry = /"https?:\/\/([^/"]+)\//.exec(err.message)?.[1] ?? 'a plain-HTTP registry';
      log.warn(
        `building with the legacy builder: BuildKit reaches registries over HTTPS only and ${registry} answers plain HTTP ` +
          '(serve the registry with TLS to build with BuildKit)',
      );
      builder = 'legacy';
      imageId = await legacyBuild(docker, settings, tags, labels, registryconfig, log, options.tailLines);
    }
  } else {
    imageId = await legacyBuild(docker, settings, tags, labels, registryconfig, log, options.tailLines);
  }
  const durationMs = Date.now() - started;
  log.info(`built ${imageId} in ${formatDuration(durationMs)}${tags.length ? `, tagged ${tags.join(', ')}` : ''}`);
  return {
    imageId,
    tags,
    labels,
    durationMs,
    builder,
    metadata: { imageid: imageId, tags, labels, builder, durationMs },
  };
}

function readIgnoredCount(settings: BuildSettings): string {
  const n = readDockerignore(settings.context).length;
  return n ? ` (.dockerignore: ${n} patterns)` : '';
}

/** BuildKit through the Engine API; gRPC (for the session) is loaded here and only here. */
async function buildKitBuild(
  docker: Docker,
  settings: BuildSettings,
  tags: string[],
  labels: Record<string, string>,
  registryconfig: ReturnType<typeof buildRegistryConfig>,
  log: Logger,
  tail: number,
): Promise<string> {
  const { buildWithBuildKit } = await import('./buildkit-build');
  const context = packContext(settings.context, settings.file);
  const credentials = (host: string) => {
    const entry = Object.entries(registryconfig).find(
      ([key]) =>
        key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '') === host ||
        (host === 'registry-1.docker.io' && /index\.docker\.io/.test(key)),
    )?.[1];
    return entry ? { username: entry.username, password: entry.password } : undefined;
  };
  return buildWithBuildKit(docker, context.stream, {
    query: {
      dockerfile: context.dockerfile,
      t: tags,
      // BUILDKIT_INLINE_CACHE is how the engine's BuildKit writes cache metadata into the image.
      buildargs: { ...settings.buildArgs, ...(settings.cacheTo === 'inline' ? { BUILDKIT_INLINE_CACHE: '1' } : {}) },
      labels,
      target: settings.target,
      pull: settings.pull,
      nocache: settings.noCache,
      cachefrom: settings.cacheFrom,
      platform: settings.platform,
    },
    services: {
      secrets: new Map(Object.entries(settings.secrets ?? {}).map(([id, value]) => [id, Buffer.from(value)])),
      ssh: new Map(Object.entries(settings.ssh ?? {})),
      credentials,
      log,
    },
    line: (text) => log.info(text),
    debug: (text) => log.debug(text),
    tail,
  });
}

/** The legacy builder, for engines without BuildKit: the build, then the labels in a one-step build. */
async function legacyBuild(
  docker: Docker,
  settings: BuildSettings,
  tags: string[],
  labels: Record<string, string>,
  registryconfig: ReturnType<typeof buildRegistryConfig>,
  log: Logger,
  tail?: number,
): Promise<string> {
  const context = packContext(settings.context, settings.file);
  const built = await log.group(`Build ${tags[0] ?? settings.context}`, () =>
    runBuild(
      docker,
      context.stream,
      {
        dockerfile: context.dockerfile,
        buildargs: settings.buildArgs,
        target: settings.target,
        pull: settings.pull,
        nocache: settings.noCache,
        ...(settings.platform ? { platform: settings.platform } : {}),
        ...(settings.cacheFrom?.length ? { cachefrom: JSON.stringify(settings.cacheFrom) } : {}),
        ...(Object.keys(registryconfig).length ? { registryconfig } : {}),
      },
      (line) => log.info(line),
      tail,
    ),
  );

  // The labels go on in a second, one-step build. Given to the first build, the legacy builder would
  // append one LABEL step per label, each a container commit (~0.3 s), and the ever-new .created
  // would defeat the cache of all of them; here the first build stays fully cached on an unchanged
  // source and the labels cost one step.
  log.debug(`labelling ${built}`);
  return runBuild(
    docker,
    singleFileTar('Dockerfile', labelDockerfile(built, labels)),
    {
      dockerfile: 'Dockerfile',
      t: tags as unknown as string, // docker-modem repeats an array as t=a&t=b, which the engine reads as several tags
    },
    (line) => log.debug(line),
    tail,
  );
}
