// The registry layer's public face: credentials (also for pulls on deploy hosts), references,
// the manifest client and the retry policy. Import from here, not from the files behind it.
export {
  resolveRegistryAuth, authFromDockerConfig, readDockerConfig, dockerConfigPath, buildRegistryConfig, secretForms,
} from './credentials';
export type { RegistryAuth, Credentials } from './credentials';
export {
  parseImageRef, referenceProblem, registryOf, repositoryName, withExplicitTag, isRegistryHost, apiHost, DOCKER_HUB,
} from './reference';
export type { ImageRef } from './reference';
export { RegistryClient, RegistryHttpError, parseChallenge, MANIFEST_ACCEPT } from './client';
export type { ManifestInfo, RegistryClientOptions } from './client';
export { isInsecureRegistry, inCidr } from './insecure';
export type { EngineRegistryConfig } from './insecure';
export { withRetries, transientReason, backoffDelay, DEFAULT_RETRY } from './retry';
export type { RetryPolicy } from './retry';
