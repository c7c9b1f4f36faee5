// One HTTP request with a hard deadline, a bounded body and cancellation: what gates, hooks, the
// availability probe and the Pushgateway push all need, and what a bare fetch() does not give.
import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';
import { formatDuration } from '../util/duration';

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** For the whole exchange: connect, send, and read the answer to its end. */
  timeoutMs: number;
  /** Bytes of the answer kept (default 1 MiB); the rest is read and dropped. */
  maxBody?: number;
  signal?: AbortSignal;
  /** Sent as `User-Agent`. */
  agent?: string;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  latencyMs: number;
  truncated: boolean;
}

/** A failed exchange: no answer at all (refused, reset, timed out, cancelled). The message says which. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly kind: 'network' | 'timeout' | 'aborted' | 'url',
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const DEFAULT_MAX_BODY = 1024 * 1024;

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * Sends one request on a fresh connection and reads the answer. Resolves with any HTTP status;
 * rejects with an HttpError only when there is no answer. Credentials in the URL (`user:pass@`)
 * become a Basic Authorization header.
 */
export function httpRequest(req: HttpRequest): Promise<HttpAnswer> {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return Promise.reject(new HttpError(`${JSON.stringify(req.url)} is not a URL`, 'url'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new HttpError(`${redactUrl(req.url)} is not an http:// or https:// URL`, 'url'));
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const where = `${method} ${redactUrl(req.url)}`;
  const maxBody = req.maxBody ?? DEFAULT_MAX_BODY;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    let settled = false;
    let request: http.ClientRequest | undefined;
    const finish = (err: HttpError | undefined, answer?: HttpAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      request?.destroy();
      if (err) reject(err);
      else resolve(answer!);
    };
    const onAbort = () => finish(new HttpError(`${where}: cancelled`, 'aborted'));
    const timer = setTimeout(
      () => finish(new HttpError(`${where}: no answer within ${formatDuration(req.timeoutMs)}`, 'timeout')),
      req.timeoutMs,
    );
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });

    const headers: Record<string, string> = {
      'User-Agent': req.agent ?? 'aviary',
      Accept: '*/*',
      Connection: 'close',
      ...(req.headers ?? {}),
    };
    if (url.username || url.password) {
      const hasAuth = Object.keys(headers).some((k) => k.toLowerCase() === 'authorization');
      if (!hasAuth)
        headers.Authorization =
          'Basic ' +
          Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
    }
    const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
    if (body) headers['Content-Length'] = String(body.length);
    const options: https.RequestOptions = {
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || undefined,
      path: url.pathname + url.search,
      method,
      agent: false,
      headers,
    };
    try {
      request = (url.protocol === 'https:' ? https : http).request(options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < maxBody) chunks.push(chunk.length + size > maxBody ? chunk.subarray(0, maxBody - size) : chunk);
          size += chunk.length;
        });
        res.once('end', () =>
          finish(undefined, {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            latencyMs: Math.round(performance.now() - t0),
            truncated: size > maxBody,
          }),
        );
        res.once('error', (err) => finish(new HttpError(`${where}: ${reason(err)}`, 'network')));
      });
    } catch (err) {
      return finish(new HttpError(`${where}: ${reason(err)}`, 'url'));
    }
    request.once('error', (err) => finish(new HttpError(`${where}: ${reason(err)}`, 'network')));
    request.end(body);
  });
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'EHOSTUNREACH':
      return 'host unreachable';
    case 'ENOTFOUND':
      return 'host name not found';
    case 'EAI_AGAIN':
      return 'host name lookup failed';
    case 'ETIMEDOUT':
      return 'connection timed out';
    default:
      return e?.message || String(err);
  }
}

/** The first line of a body, shortened, for a message. */
export function excerpt(body: string, max = 160): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > max ? line.slice(0, max - 1) + '…' : line;
}

/** "200", 200, "200-299" or "2xx" → an inclusive range of HTTP statuses. */
export function parseStatus(v: unknown): [number, number] | undefined {
  const ok = (n: number) => Number.isInteger(n) && n >= 100 && n <= 599;
  if (typeof v === 'number') return ok(v) ? [v, v] : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  let m = /^(\d{3})$/.exec(s);
  if (m) return ok(Number(m[1])) ? [Number(m[1]), Number(m[1])] : undefined;
  m = /^(\d{3})\s*-\s*(\d{3})$/.exec(s);
  if (m) {
    const lo = Number(m[1]);
    const hi = Number(m[2]);
    return ok(lo) && ok(hi) && lo <= hi ? [lo, hi] : undefined;
  }
  m = /^([1-5])xx$/i.exec(s);
  if (m) return [Number(m[1]) * 100, Number(m[1]) * 100 + 99];
  return undefined;
}
