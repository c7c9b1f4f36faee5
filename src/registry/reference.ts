// Image references as Docker reads them: which registry a tag lives on, its repository, tag or digest.
// Follows the distribution/reference grammar, so that a name aviary accepts is one the engine accepts.

export const DOCKER_HUB = 'docker.io';
/** The registry host a docker.io name is pushed to and queried on. */
export const DOCKER_HUB_API = 'registry-1.docker.io';
/** The key that `docker login` (and docker/login-action) writes for Docker Hub in config.json. */
export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';

export interface ImageRef {
  /** Registry host[:port] as written, or docker.io when the name has none. */
  registry: string;
  /** Repository path inside the registry: "acme/web" (docker.io names gain "library/"). */
  repository: string;
  tag?: string;
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Whether the first path component names a registry rather than a Docker Hub namespace. */
/** text → the part before "@" and the digest after it, if any. */
function splitDigest(text: string): { rest: string; digest?: string } {
  const at = text.indexOf('@');
  return at < 0 ? { rest: text } : { rest: text.slice(0, at), digest: text.slice(at + 1) };
}

function looksLikeRegistry(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** Why text is not a valid image reference, or undefined when it is one. */
export function referenceProblem(text: string, options: { allowDigest?: boolean } = {}): string | undefined {
  if (text.trim() === '') return 'it is empty';
  if (/\s/.test(text)) return 'it contains whitespace';
  const { rest, digest } = splitDigest(text);
  if (digest !== undefined) {
    if (!options.allowDigest) return 'a digest (@sha256:…) cannot be used here, only a tag';
    if (!DIGEST.test(digest)) return `the digest "${digest}" is not algorithm:hex like sha256:…`;
  }
  const slash = rest.indexOf('/');
  let path = rest;
  if (slash >= 0 && looksLikeRegistry(rest.slice(0, slash))) {
    const host = rest.slice(0, slash);
    if (!HOST.test(host)) return `the registry "${host}" is not a host name with an optional :port`;
    path = rest.slice(slash + 1);
  }
  const colon = path.lastIndexOf(':');
  if (colon >= 0) {
    const tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (tag === '') return "the tag after ':' is empty";
    if (!TAG.test(tag))
      return `the tag "${tag}" may only hold letters, digits, _ . - (at most 128, not starting with . or -)`;
  }
  if (path === '') return 'the repository name is empty';
  if (path !== path.toLowerCase()) return `the repository "${path}" must be lowercase`;
  for (const component of path.split('/')) {
    if (!COMPONENT.test(component))
      return `the repository "${path}" may only hold lowercase letters, digits and single separators (. _ - /)`;
  }
  if (rest.length > 255) return 'the name is longer than 255 characters';
  return undefined;
}

/** Parses a reference that referenceProblem accepted; throws on anything else. */
export function parseImageRef(text: string): ImageRef {
  const problem = referenceProblem(text, { allowDigest: true });
  if (problem) throw new Error(`"${text}" is not an image reference: ${problem}`);
  const split = splitDigest(text);
  const digest = split.digest;
  let rest = split.rest;
  let registry = DOCKER_HUB;
  const slash = rest.indexOf('/');
  if (slash >= 0 && looksLikeRegistry(rest.slice(0, slash))) {
    registry = rest.slice(0, slash);
    rest = rest.slice(slash + 1);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !rest.includes('/')) rest = `library/${rest}`;
  return { registry, repository: rest, tag, digest };
}

/** The registry host of an image reference ("docker.io" for Docker Hub names). */
export function registryOf(image: string): string {
  return parseImageRef(image).registry;
}

/** The repository as the engine names it: "registry/repo", without tag or digest. */
export function repositoryName(ref: ImageRef): string {
  if (ref.registry === DOCKER_HUB) return ref.repository.replace(/^library\//, '');
  return `${ref.registry}/${ref.repository}`;
}

/** "registry/repo:tag", with :latest made explicit as docker does when no tag is given. */
export function withExplicitTag(image: string): string {
  const ref = parseImageRef(image);
  if (ref.digest) return image;
  return ref.tag ? image : `${image}:latest`;
}

/** The host[:port] to send Registry HTTP API requests to. */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
}

/** Whether text is a registry host[:port] as the `registry` input expects. */
export function isRegistryHost(text: string): boolean {
  return HOST.test(text);
}
