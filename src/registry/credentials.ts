// Registry credentials: given explicitly, or read from the Docker config that `docker login` and
// docker/login-action write. Used by push on the builder and by pulls on deploy hosts.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '../log';
import { DOCKER_HUB, DOCKER_HUB_CONFIG_KEY, parseImageRef } from './reference';

/** What the Docker Engine API takes as X-Registry-Auth (dockerode's AuthConfigObject). */
export interface RegistryAuth {
  username?: string;
  password?: string;
  /** An OAuth refresh token some registries (ACR, ECR helpers) store instead of a password. */
  identitytoken?: string;
  serveraddress: string;
}

export interface Credentials {
  username?: string;
  password?: string;
}

type Env = Record<string, string | undefined>;

interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** Where docker/login-action and `docker login` keep credentials: $DOCKER_CONFIG or ~/.docker. */
export function dockerConfigPath(env: Env = process.env): string {
  const dir = env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
  return join(dir, 'config.json');
}

/** The parsed Docker config, or undefined when there is none (a missing file is normal). */
export function readDockerConfig(env: Env = process.env, log?: Logger): DockerConfigFile | undefined {
  const path = dockerConfigPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    log?.debug(`no Docker config at ${path}`);
    return undefined;
  }
  try {
    return JSON.parse(text) as DockerConfigFile;
  } catch (err) {
    // Never echo the file: it holds credentials.
    log?.warn(`the Docker config ${path} is not valid JSON; ignoring it`);
    return undefined;
  }
}

/** A config.json key ("https://index.docker.io/v1/", "http://host:5000", "host:5000") as a host. */
function keyHost(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? DOCKER_HUB : host;
}

/** The serveraddress the engine expects for a registry. */
function serverAddress(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_CONFIG_KEY : registry;
}

/** Credentials for one registry host from a parsed Docker config, with a debug line saying why none. */
export function authFromDockerConfig(
  config: DockerConfigFile | undefined,
  registry: string,
  log?: Logger,
): RegistryAuth | undefined {
  if (!config) return undefined;
  const helper =
    config.credHelpers?.[registry] ??
    (registry === DOCKER_HUB ? config.credHelpers?.[DOCKER_HUB_CONFIG_KEY] : undefined);
  const entry = Object.entries(config.auths ?? {}).find(([key]) => keyHost(key) === registry)?.[1];
  if (entry) {
    let username = entry.username;
    let password = entry.password;
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        username = decoded.slice(0, colon);
        password = decoded.slice(colon + 1);
      }
    }
    if (username && password) {
      log?.secret(password);
      log?.secret(entry.auth);
      log?.debug(`using the credentials of user "${username}" for ${registry} from the Docker config`);
      return { username, password, serveraddress: serverAddress(registry) };
    }
    if (entry.identitytoken) {
      log?.secret(entry.identitytoken);
      log?.debug(`using the identity token for ${registry} from the Docker config`);
      return { identitytoken: entry.identitytoken, serveraddress: serverAddress(registry) };
    }
  }
  if (helper || config.credsStore) {
    log?.debug(
      `the Docker config names a credential helper (${helper ?? config.credsStore}) for ${registry}; ` +
        'aviary does not run credential helpers: pass username and password instead',
    );
  } else if (!entry) {
    log?.debug(`the Docker config has no credentials for ${registry}`);
  }
  return undefined;
}

/**
 * The authconfig to hand dockerode for pushing or pulling `image`: the explicit credentials when
 * given, else the Docker config's entry for the image's registry, else undefined (anonymous).
 * `credentials.registry` overrides the registry read from the image name.
 * Every password found is registered with the logger as a secret before anything else is logged.
 */
export function resolveRegistryAuth(
  image: string,
  credentials: Credentials & { registry?: string } = {},
  env: Env = process.env,
  log?: Logger,
): RegistryAuth | undefined {
  log?.secret(credentials.password);
  const registry = credentials.registry ?? parseImageRef(image).registry;
  if (credentials.username && credentials.password) {
    return { username: credentials.username, password: credentials.password, serveraddress: serverAddress(registry) };
  }
  return authFromDockerConfig(readDockerConfig(env, log), registry, log);
}

/**
 * Every registry credential in the Docker config, in the shape of X-Registry-Config: what a build
 * needs to pull private base images (docker build sends the same).
 */
export function buildRegistryConfig(
  env: Env = process.env,
  log?: Logger,
): Record<string, { username: string; password: string; serveraddress: string }> {
  const config = readDockerConfig(env, log);
  const out: Record<string, { username: string; password: string; serveraddress: string }> = {};
  for (const key of Object.keys(config?.auths ?? {})) {
    const auth = authFromDockerConfig(config, keyHost(key));
    if (auth?.username && auth.password) {
      log?.secret(auth.password);
      out[key] = { username: auth.username, password: auth.password, serveraddress: key };
    }
  }
  return out;
}

/** Every form a credential can take in text the engine or a registry may echo back. */
export function secretForms(auth: RegistryAuth | undefined): string[] {
  if (!auth) return [];
  const forms: string[] = [];
  if (auth.password) {
    forms.push(auth.password, Buffer.from(`${auth.username ?? ''}:${auth.password}`).toString('base64'));
  }
  if (auth.identitytoken) forms.push(auth.identitytoken);
  if (forms.length) {
    const json = Buffer.from(JSON.stringify(auth)).toString('base64');
    forms.push(json, json.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}
