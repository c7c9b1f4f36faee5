// A BuildKit session of our own, opened on the engine's /session endpoint: it serves the build's
// secrets, SSH agents and registry credentials over gRPC, as the docker CLI's session does.
// Loaded only by BuildKit builds: gRPC is heavy and nothing else needs it.
import { randomUUID } from 'node:crypto';
import { connect, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import * as grpc from '@grpc/grpc-js';
import { describeError, RunError } from '../errors';
import { Logger } from '../log';
import { decodeFields, lengthField, str, varintField } from './wire';
import type { SshAgentSource } from './settings';

/** Registry credentials for a host, as the engine asks for them when it pulls base images. */
export type CredentialsFor = (host: string) => { username: string; password: string } | undefined;

export interface SessionServices {
  /** Secret id → its value (from `secrets` or read from `secret-files`). */
  secrets: Map<string, Buffer>;
  /** SSH id → the agent socket or key files that serve it. */
  ssh: Map<string, SshAgentSource>;
  credentials: CredentialsFor;
  log: Logger;
}

export interface BuildSession {
  id: string;
  close(): void;
}

const raw = (b: Buffer) => b;
/** A unary method whose messages are raw protobuf bytes, decoded by the handler itself. */
function unary(path: string): grpc.MethodDefinition<Buffer, Buffer> {
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: raw,
    requestDeserialize: raw,
    responseSerialize: raw,
    responseDeserialize: raw,
  };
}

const HEALTH = '/grpc.health.v1.Health/Check';
const CREDENTIALS = '/moby.filesync.v1.Auth/Credentials';
const GET_SECRET = '/moby.buildkit.secrets.v1.Secrets/GetSecret';
const CHECK_AGENT = '/moby.sshforward.v1.SSH/CheckAgent';
const FORWARD_AGENT = '/moby.sshforward.v1.SSH/ForwardAgent';
/** The gRPC metadata key that names which SSH agent a `RUN --mount=type=ssh,id=…` wants. */
const SSH_ID_KEY = 'buildkit.ssh.id';

function notFound(what: string): grpc.ServiceError {
  return Object.assign(new Error(what), { code: grpc.status.NOT_FOUND, details: what, metadata: new grpc.Metadata() });
}

/** Opens the session on the engine; the build names it by id, and close() ends it after the build. */
export async function openSession(docker: Docker, services: SessionServices): Promise<BuildSession> {
  const id = randomUUID();
  const server = new grpc.Server();
  const methods: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {};
  const handlers: grpc.UntypedServiceImplementation = {};

  // BuildKit checks the session's health every second and drops a session that does not answer.
  methods.Check = unary(HEALTH);
  handlers.Check = (_call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) =>
    done(null, varintField(1, 1));

  methods.Credentials = unary(CREDENTIALS);
  handlers.Credentials = (call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => {
    const host = str(decodeFields(call.request), 1);
    const creds = services.credentials(host);
    services.log.debug(`BuildKit asked for credentials of ${host}: ${creds ? `user "${creds.username}"` : 'none'}`);
    done(
      null,
      creds ? Buffer.concat([lengthField(1, creds.username), lengthField(2, creds.password)]) : Buffer.alloc(0),
    );
  };

  methods.GetSecret = unary(GET_SECRET);
  handlers.GetSecret = (call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => {
    const secretId = str(decodeFields(call.request), 1);
    const value = services.secrets.get(secretId);
    services.log.debug(`BuildKit asked for secret "${secretId}": ${value ? 'served' : 'not given'}`);
    if (!value) return done(notFound(`secret ${secretId} not found`));
    done(null, lengthField(1, value));
  };

  methods.CheckAgent = unary(CHECK_AGENT);
  handlers.CheckAgent = (call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => {
    const sshId = str(decodeFields(call.request), 1) || 'default';
    if (!services.ssh.has(sshId)) return done(notFound(`no SSH agent "${sshId}" was given (input ssh)`));
    done(null, Buffer.alloc(0));
  };

  methods.ForwardAgent = {
    path: FORWARD_AGENT,
    requestStream: true,
    responseStream: true,
    requestSerialize: raw,
    requestDeserialize: raw,
    responseSerialize: raw,
    responseDeserialize: raw,
  };
  handlers.ForwardAgent = (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
    const sshId = String(call.metadata.get(SSH_ID_KEY)[0] ?? '') || 'default';
    const source = services.ssh.get(sshId);
    if (!source) return call.destroy(notFound(`no SSH agent "${sshId}"`));
    void forwardAgent(call, source, services.log);
  };

  server.addService(methods, handlers);
  const socket = await dialSession(
    docker,
    id,
    Object.values(methods).map((m) => m.path),
  );
  server.createConnectionInjector(grpc.ServerCredentials.createInsecure()).injectConnection(socket);
  return {
    id,
    close() {
      server.forceShutdown();
      socket.destroy();
    },
  };
}

/** Hijacks POST /session: the engine upgrades the connection to HTTP/2, on which it is the gRPC client. */
function dialSession(docker: Docker, id: string, methods: string[]): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        method: 'POST',
        path: '/session',
        hijack: true,
        headers: {
          Upgrade: 'h2c',
          'X-Docker-Expose-Session-Uuid': id,
          'X-Docker-Expose-Session-Name': 'aviary',
          // One header per method: docker-modem (Node's http) repeats a header given as an array.
          'X-Docker-Expose-Session-Grpc-Method': methods,
        },
        statusCodes: {
          101: true,
          200: true,
          400: 'bad request',
          404: 'the engine has no /session endpoint (no BuildKit)',
          500: 'server error',
        },
      } as never,
      (err: unknown, socket: unknown) => {
        if (err) reject(new RunError(`the engine refused a BuildKit session: ${describeError(err)}`));
        else resolve(socket as Duplex);
      },
    );
  });
}

/** Pipes one agent connection of the build to the given agent, the gRPC stream carrying its bytes. */
async function forwardAgent(
  call: grpc.ServerDuplexStream<Buffer, Buffer>,
  source: SshAgentSource,
  log: Logger,
): Promise<void> {
  let agent: Duplex;
  try {
    agent = source.socket ? await connectSocket(source.socket) : await keyAgent(source.keys ?? []);
  } catch (err) {
    log.warn(`the SSH agent for a build step could not be opened: ${describeError(err)}`);
    call.destroy(Object.assign(new Error(describeError(err)), { code: grpc.status.UNAVAILABLE }));
    return;
  }
  call.on('data', (msg: Buffer) => agent.write((decodeFields(msg).get(1)?.[0] as Buffer) ?? Buffer.alloc(0)));
  call.on('end', () => agent.end());
  call.on('error', () => agent.destroy());
  agent.on('data', (chunk: Buffer) => call.write(lengthField(1, chunk)));
  agent.on('end', () => call.end());
  agent.on('error', () => call.end());
}

function connectSocket(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** An in-process SSH agent holding private keys read from files, as buildx serves `--ssh id=key`. */
async function keyAgent(keys: Buffer[]): Promise<Duplex> {
  const { AgentProtocol, utils } = await import('ssh2');
  const parsed = keys.map((k) => {
    const key = utils.parseKey(k);
    if (key instanceof Error) throw new RunError(`an SSH key of input ssh cannot be read: ${key.message}`);
    return Array.isArray(key) ? key[0] : key;
  });
  const protocol = new AgentProtocol(false);
  protocol.on('identities', (req) => protocol.getIdentitiesReply(req, parsed));
  protocol.on('sign', (req, pubKey, data, flags) => {
    const wanted = pubKey.getPublicSSH();
    const key = parsed.find((k) => k.getPublicSSH().equals(wanted));
    const signature = key?.sign(data, flags.hash);
    if (!key || !signature || signature instanceof Error) return protocol.failureReply(req);
    protocol.signReply(req, signature);
  });
  return protocol;
}
