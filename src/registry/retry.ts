// Retrying registry work: which failures are worth another try (429, 5xx, dropped connections)
// and exponential backoff between tries. The engine reports registry errors only as text, so the
// classification reads messages as well as error codes.
import { formatDuration } from '../util/duration';
import { Logger } from '../log';

const DROPPED = [
  /\bECONNRESET\b/,
  /\bEPIPE\b/,
  /\bETIMEDOUT\b/,
  /\bECONNABORTED\b/,
  /\bEAI_AGAIN\b/,
  /socket hang up/i,
  /connection reset by peer/i,
  /broken pipe/i,
  /unexpected EOF/i,
  /:\s*EOF\s*$/,
  /i\/o timeout/i,
  /TLS handshake timeout/i,
  /use of closed network connection/i,
  /server closed idle connection/i,
  /http2: server sent GOAWAY/i,
];

const STATUS_PHRASES: Record<number, RegExp> = {
  429: /too ?many ?requests/i,
  500: /internal server error/i,
  502: /bad gateway/i,
  503: /service unavailable/i,
  504: /gateway time-?out/i,
};

/** Why a failure is worth retrying ("503", "connection dropped"), or undefined when it is not. */
export function transientReason(err: unknown): string | undefined {
  const e = err as { statusCode?: unknown; code?: unknown; message?: unknown } | undefined;
  if (e && typeof e === 'object') {
    if (typeof e.statusCode === 'number' && (e.statusCode === 429 || e.statusCode >= 500))
      return `HTTP ${e.statusCode}`;
    if (typeof e.code === 'string' && DROPPED.some((re) => re.test(e.code as string)))
      return `connection dropped (${e.code})`;
  }
  const message = typeof e === 'object' && e && typeof e.message === 'string' ? e.message : String(err);
  const status = /status(?: code)?:?\s*(429|5\d\d)\b/i.exec(message) ?? /\b(429|5\d\d) [A-Z][a-z]+/.exec(message);
  if (status) return `HTTP ${status[1]}`;
  for (const [code, re] of Object.entries(STATUS_PHRASES)) if (re.test(message)) return `HTTP ${code}`;
  if (/toomanyrequests/i.test(message)) return 'HTTP 429';
  for (const re of DROPPED) if (re.test(message)) return 'connection dropped';
  return undefined;
}

export interface RetryPolicy {
  /** Further tries after the first one. */
  retries: number;
  /** Delay before the first retry; doubles each time. */
  baseDelayMs: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 30_000 };

/** The delay before retry number `attempt` (1-based): base·2^(attempt-1), capped, with ±20% jitter. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const raw = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs ?? 30_000);
  return Math.round(raw * (0.8 + 0.4 * random()));
}

/**
 * Runs fn until it succeeds, a failure is not transient, or the retries are spent; the last
 * failure is rethrown. `describe` turns a failure into the text of the warning (already scrubbed).
 */
export async function withRetries<T>(
  what: string,
  policy: RetryPolicy,
  log: Logger,
  fn: (attempt: number) => Promise<T>,
  describe: (err: unknown) => string = (err) => (err instanceof Error ? err.message : String(err)),
): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const reason = transientReason(err);
      if (!reason || attempt >= policy.retries) throw err;
      const delay = backoffDelay(policy, attempt + 1);
      log.warn(
        `${what} failed (${reason}: ${describe(err)}); retry ${attempt + 1}/${policy.retries} in ${formatDuration(delay)}`,
      );
      await sleep(delay);
    }
  }
}
