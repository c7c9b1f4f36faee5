// The builder's Docker engine: the one build and push talk to (DOCKER_HOST, else the local socket).
import Docker from 'dockerode';

/**
 * A client for the builder engine. docker-modem reads DOCKER_HOST, DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH as the docker CLI does, and falls back to /var/run/docker.sock.
 */
export function connectBuilder(): Docker {
  return new Docker();
}

export type { Docker };
