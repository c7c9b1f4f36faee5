// Pushes tags from the builder engine to their registry, retrying transient registry failures,
// then asks the registry which digest it now holds. Credentials never reach a log line or error.
import type Docker from 'dockerode';
import { describeError, RunError } from '../errors';
import { Logger, Masker } from '../log';
import { progressError, readProgress } from '../build/progress';
import { RegistryClient } from '../registry/client';
import { RegistryAuth, resolveRegistryAuth, secretForms } from '../registry/credentials';
import { EngineRegistryConfig, isInsecureRegistry } from '../registry/insecure';
import { ImageRef, parseImageRef, repositoryName } from '../registry/reference';
import { DEFAULT_RETRY, RetryPolicy, transientReason, withRetries } from '../registry/retry';
import { formatDuration } from '../util/duration';
import { PushSettings } from './settings';

type Env = Record<string, string | undefined>;

export interface PushedTag {
  tag: string;
  /** The digest the registry holds for the tag (or, if it could not be asked, the engine's). */
  digest: string;
}

export interface PushResult {
  /** The digest of the first tag: the `digest` output. */
  digest: string;
  /** repository@digest of the first tag: the `image` output, what a deploy should pin. */
  image: string;
  pushed: PushedTag[];
}

export interface PushOptions {
  env?: Env;
  /** Overrides of the backoff (tests shorten it); `retries` comes from the settings. */
  retry?: Partial<RetryPolicy>;
}

/** A failure reported inside the engine's push stream, with the registry's own words. */
export class PushStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PushStreamError';
  }
}

/** Whether a push failure means the registry refused the credentials (or their absence). */
export function isAuthFailure(message: string): boolean {
  return /unauthorized|authentication required|denied|no basic auth credentials|incorrect username or password|401 Unauthorized|403 Forbidden/i.test(
    message,
  );
}

/** Pushes every tag of settings; returns the registry's digest for each. */
export async function pushTags(
  docker: Docker,
  settings: PushSettings,
  log: Logger,
  options: PushOptions = {},
): Promise<PushResult> {
  const env = options.env ?? process.env;
  const masker = new Masker();
  const scrub = (text: string) => masker.mask(text);
  // Each form of a credential is registered once (on GitHub each is an ::add-mask:: line).
  const registered = new Set<string>();
  const secret = (value: string | undefined) => {
    if (!value || registered.has(value)) return;
    registered.add(value);
    masker.add(value);
    log.secret(value);
  };
  const secretsOnce: Logger = {
    info: (m) => log.info(m),
    warn: (m) => log.warn(m),
    error: (m) => log.error(m),
    debug: (m) => log.debug(m),
    group: (title, fn) => log.group(title, fn),
    secret,
    mask: (t) => log.mask(t),
  };
  secret(settings.password);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry, retries: settings.retries };

  let engineRegistries: EngineRegistryConfig | undefined;
  try {
    engineRegistries = ((await docker.info()) as { RegistryConfig?: EngineRegistryConfig }).RegistryConfig;
  } catch (err) {
    log.debug(`could not read the engine's registry settings: ${describeError(err)}`);
  }

  const authFor = (ref: ImageRef, tag: string): RegistryAuth | undefined => {
    const own = ref.registry === settings.registry;
    const auth = resolveRegistryAuth(
      tag,
      own
        ? { username: settings.username, password: settings.password, registry: ref.registry }
        : { registry: ref.registry },
      env,
      secretsOnce,
    );
    for (const form of secretForms(auth)) secret(form);
    return auth;
  };

  if (settings.username && !settings.tags.some((tag) => parseImageRef(tag).registry === settings.registry)) {
    log.warn(`the credentials are for ${settings.registry}, but no tag is on that registry: they are not used`);
  }

  const clients = new Map<string, RegistryClient>();
  const pushed: PushedTag[] = [];
  for (const tag of settings.tags) {
    const ref = parseImageRef(tag);
    const auth = authFor(ref, tag);
    const who = auth?.username ? `user "${auth.username}"` : auth ? 'an identity token' : 'anonymous access';
    try {
      await docker.getImage(tag).inspect();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) {
        throw new RunError(`push ${tag}: the builder engine has no image tagged ${tag} (build it with that tag first)`);
      }
      throw new RunError(`push ${tag}: cannot reach the builder engine: ${scrub(describeError(err))}`);
    }

    const started = Date.now();
    const engineDigest = await log.group(`Push ${tag}`, async () => {
      log.info(`registry ${ref.registry}, ${auth ? `as ${who}` : 'anonymously'}`);
      try {
        return await withRetries(
          `push ${tag}`,
          policy,
          log,
          () => pushOnce(docker, ref, auth, log, scrub),
          (err) => scrub(describeError(err)),
        );
      } catch (err) {
        const message = scrub(describeError(err));
        if (isAuthFailure(message)) {
          throw new RunError(
            `push ${tag}: the registry ${ref.registry} refused ${who}: ${message}. ` +
              (auth
                ? 'Check the username and password (or token).'
                : 'Give username and password, or log in with docker/login-action first.'),
          );
        }
        const reason = transientReason(err);
        const tries = reason ? ` after ${policy.retries + 1} tries` : '';
        throw new RunError(`push ${tag} failed${tries}: ${message}`);
      }
    });

    let client = clients.get(ref.registry);
    if (!client) {
      const insecure = await isInsecureRegistry(ref.registry, engineRegistries);
      client = new RegistryClient(ref.registry, {
        credentials: auth?.username ? { username: auth.username, password: auth.password } : undefined,
        insecure,
        retry: policy,
        log,
      });
      clients.set(ref.registry, client);
    }
    let digest: string;
    try {
      digest = (await client.manifest(ref)).digest;
    } catch (err) {
      if (!engineDigest) throw new RunError(`push ${tag}: ${scrub(describeError(err))}`);
      log.warn(
        `could not ask ${ref.registry} for the digest of ${tag} (${scrub(describeError(err))}); using the digest the engine reported`,
      );
      digest = engineDigest;
    }
    if (engineDigest && digest !== engineDigest) {
      throw new RunError(
        `push ${tag}: the registry now holds ${digest} for the tag, not the ${engineDigest} just pushed: another push to the same tag raced this one`,
      );
    }
    log.info(`${tag}: ${digest} (${formatDuration(Date.now() - started)})`);
    pushed.push({ tag, digest });
  }
  const first = parseImageRef(pushed[0].tag);
  return { digest: pushed[0].digest, image: `${repositoryName(first)}@${pushed[0].digest}`, pushed };
}

/** One push of one tag; resolves to the digest the engine reports, throws what the stream reports. */
async function pushOnce(
  docker: Docker,
  ref: ImageRef,
  auth: RegistryAuth | undefined,
  log: Logger,
  scrub: (s: string) => string,
): Promise<string | undefined> {
  const image = docker.getImage(repositoryName(ref));
  const stream = await image.push({
    tag: ref.tag ?? 'latest',
    ...(auth ? { authconfig: auth } : {}),
  } as Docker.ImagePushOptions);
  let failure: string | undefined;
  let digest: string | undefined;
  await readProgress(stream, (m) => {
    const error = progressError(m);
    if (error) {
      failure = scrub(error);
      return;
    }
    if (m.aux?.Digest) digest = String(m.aux.Digest);
    if (!m.status) return;
    const line = scrub(`${m.id ? `${m.id}: ` : ''}${m.status}${m.progress ? ` ${m.progress}` : ''}`);
    if (m.progressDetail?.total || m.status === 'Preparing' || m.status === 'Waiting') log.debug(line);
    else log.info(line);
  });
  if (failure) throw new PushStreamError(failure);
  return digest;
}
