// A minimal Registry HTTP API v2 client: asks a registry which manifest digest a tag points to,
// answering its Basic or Bearer challenge the way the docker CLI does.
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import { RunError } from '../errors';
import { Logger, Masker } from '../log';
import { Credentials } from './credentials';
import { apiHost, ImageRef } from './reference';
import { DEFAULT_RETRY, RetryPolicy, withRetries } from './retry';

/** Every manifest kind a push can leave behind: Docker v2 and OCI, single image or index. */
export const MANIFEST_ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

export interface ManifestInfo {
  digest: string;
  mediaType?: string;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** An HTTP failure with its status, so the retry policy can classify it. */
export class RegistryHttpError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
    this.name = 'RegistryHttpError';
  }
}

export interface RegistryClientOptions {
  credentials?: Credentials;
  /**
   * A registry the engine treats as insecure: tried over https without verifying its
   * certificate, then over plain http — as the engine itself does.
   */
  insecure?: boolean;
  retry?: RetryPolicy;
  timeoutMs?: number;
  log: Logger;
}

/** One parsed WWW-Authenticate challenge. */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="https://auth",service="registry",scope="repository:a/b:pull"`. */
export function parseChallenge(header: string | undefined): Challenge | undefined {
  if (!header) return undefined;
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2].matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g))
    params[p[1].toLowerCase()] = p[2] ?? p[3] ?? '';
  return { scheme: m[1].toLowerCase(), params };
}

export class RegistryClient {
  private scheme?: 'https' | 'http';
  private authorization?: string;
  private readonly masker = new Masker();

  constructor(
    readonly registry: string,
    private readonly options: RegistryClientOptions,
  ) {
    const { credentials } = options;
    this.masker.add(credentials?.password);
    if (credentials?.password)
      this.masker.add(Buffer.from(`${credentials.username ?? ''}:${credentials.password}`).toString('base64'));
  }

  /** The digest the registry holds for ref's tag (or digest), retried on 429/5xx/dropped connections. */
  async manifest(ref: ImageRef): Promise<ManifestInfo> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const path = `/v2/${ref.repository}/manifests/${reference}`;
    const what = `asking ${this.registry} for the manifest of ${ref.repository}:${reference}`;
    return withRetries(
      what,
      this.options.retry ?? DEFAULT_RETRY,
      this.options.log,
      async () => {
        let res = await this.authorized('HEAD', path, ref.repository);
        const digest = header(res, 'docker-content-digest');
        if (res.status === 200 && digest) return { digest, mediaType: header(res, 'content-type') };
        // Some registries omit the digest on HEAD: read the manifest and hash it, which is what the digest is.
        if (res.status === 200 || res.status === 405) res = await this.authorized('GET', path, ref.repository);
        if (res.status === 200) {
          const held =
            header(res, 'docker-content-digest') ?? `sha256:${createHash('sha256').update(res.body).digest('hex')}`;
          return { digest: held, mediaType: header(res, 'content-type') };
        }
        throw this.failure(res, `${ref.repository}:${reference}`);
      },
      (err) => this.scrub(err instanceof Error ? err.message : String(err)),
    );
  }

  /**
   * Any Registry API request, authorized as manifest() is (pull and push scope when `push`), e.g.
   * the uploads and manifest writes of an image index. The caller reads the status.
   */
  async call(
    method: string,
    path: string,
    repository: string,
    options: { body?: Buffer; headers?: Record<string, string>; push?: boolean } = {},
  ): Promise<HttpResponse> {
    return this.authorized(method, path, repository, options);
  }

  private failure(res: HttpResponse, name: string): Error {
    const detail = registryErrorText(res.body);
    const suffix = detail ? `: ${detail}` : '';
    if (res.status === 404) return new RunError(`the registry ${this.registry} has no manifest for ${name}${suffix}`);
    if (res.status === 401 || res.status === 403) {
      const who = this.options.credentials?.username
        ? `user "${this.options.credentials.username}"`
        : 'anonymous access';
      return new RunError(
        `the registry ${this.registry} refused ${who} reading ${name} (HTTP ${res.status})${this.scrub(suffix)}`,
      );
    }
    return new RegistryHttpError(
      `the registry ${this.registry} answered HTTP ${res.status} for ${name}${this.scrub(suffix)}`,
      res.status,
    );
  }

  /** A request with the authorization the registry asked for, answering one challenge if needed. */
  private async authorized(
    method: string,
    path: string,
    repository: string,
    extra: { body?: Buffer; headers?: Record<string, string>; push?: boolean } = {},
  ): Promise<HttpResponse> {
    const res = await this.request(
      method,
      path,
      { ...extra.headers, ...(this.authorization ? { authorization: this.authorization } : {}) },
      extra.body,
    );
    if (res.status !== 401) return res;
    const challenge = parseChallenge(header(res, 'www-authenticate'));
    const creds = this.options.credentials;
    if (challenge?.scheme === 'basic') {
      if (!creds?.username || !creds.password) return res;
      this.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    } else if (challenge?.scheme === 'bearer' && challenge.params.realm) {
      this.authorization = `Bearer ${await this.token(challenge, repository, extra.push)}`;
    } else {
      return res;
    }
    return this.request(method, path, { ...extra.headers, authorization: this.authorization }, extra.body);
  }

  /** A bearer token from the registry's token service, for pulling `repository`. */
  private async token(challenge: Challenge, repository: string, push = false): Promise<string> {
    const url = new URL(challenge.params.realm);
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    url.searchParams.set('scope', challenge.params.scope || `repository:${repository}:${push ? 'pull,push' : 'pull'}`);
    const creds = this.options.credentials;
    const headers: Record<string, string> = {};
    if (creds?.username && creds.password)
      headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    const res = await send(url, 'GET', headers, this.options.timeoutMs ?? 30_000, false);
    if (res.status !== 200) {
      if (res.status === 429 || res.status >= 500)
        throw new RegistryHttpError(`the token service ${url.host} answered HTTP ${res.status}`, res.status);
      const who = creds?.username ? `user "${creds.username}"` : 'anonymous access';
      throw new RunError(
        `the token service ${url.host} of ${this.registry} refused ${who} (HTTP ${res.status})${this.scrub(registryErrorText(res.body) ? ': ' + registryErrorText(res.body) : '')}`,
      );
    }
    const body = JSON.parse(res.body.toString('utf8')) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RunError(`the token service ${url.host} of ${this.registry} returned no token`);
    this.masker.add(token);
    this.options.log.secret(token);
    return token;
  }

  private async request(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Buffer,
  ): Promise<HttpResponse> {
    const host = apiHost(this.registry);
    const all = { accept: MANIFEST_ACCEPT, 'user-agent': 'aviary', ...headers };
    const timeout = this.options.timeoutMs ?? 30_000;
    // An upload's Location may be a full URL (on another host, e.g. a storage redirect).
    if (/^https?:\/\//.test(path)) return send(new URL(path), method, all, timeout, !!this.options.insecure, body);
    if (this.scheme)
      return send(new URL(`${this.scheme}://${host}${path}`), method, all, timeout, !!this.options.insecure, body);
    try {
      const res = await send(new URL(`https://${host}${path}`), method, all, timeout, !!this.options.insecure, body);
      this.scheme = 'https';
      return res;
    } catch (err) {
      if (!this.options.insecure || err instanceof RegistryHttpError) throw err;
      this.options.log.debug(
        `${this.registry} does not speak https (${(err as Error).message}); using http as for an insecure registry`,
      );
      const res = await send(new URL(`http://${host}${path}`), method, all, timeout, true, body);
      this.scheme = 'http';
      return res;
    }
  }

  private scrub(text: string): string {
    return this.masker.mask(text);
  }
}

function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The message of a registry's JSON error body ({"errors":[{"code","message"}]}), if any. */
function registryErrorText(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: { code?: string; message?: string }[] };
    const list = parsed.errors?.map((e) => [e.code, e.message].filter(Boolean).join(': ')).filter(Boolean);
    return list?.length ? list.join('; ') : undefined;
  } catch {
    return undefined;
  }
}

/** One HTTP(S) request with a deadline; the body is read whole (manifests and tokens are small). */
function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  timeoutMs: number,
  insecure: boolean,
  body?: Buffer,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(
      url,
      { method, headers, timeout: timeoutMs, ...(url.protocol === 'https:' ? { rejectUnauthorized: !insecure } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(
        Object.assign(new Error(`${method} ${url.host}: i/o timeout after ${timeoutMs}ms`), { code: 'ETIMEDOUT' }),
      ),
    );
    req.on('error', reject);
    req.end(body);
  });
}
