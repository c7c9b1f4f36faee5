// Bounded parallelism and timeouts for remote work: many hosts at once, none allowed to hang a run.
import { formatDuration } from './duration';

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Runs fn over items with at most `limit` calls in flight and returns every outcome in input order.
 * Outcomes are settled, not thrown, so one host's failure never hides another's. Once `signal`
 * is aborted no further item is started; items not started settle with the abort reason.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<Settled<R>[]> {
  const results: Settled<R>[] = new Array(items.length);
  const width = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  let next = 0;

  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      if (signal?.aborted) {
        results[index] = { ok: false, error: abortReason(signal) };
        continue;
      }
      try {
        results[index] = { ok: true, value: await fn(items[index], index) };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }
  }

  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/** The error that stands for an abort: the signal's own reason when it is an Error. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason && typeof reason === 'object' && 'message' in reason) return reason as Error;
  return new Error(typeof reason === 'string' ? reason : 'the operation was cancelled');
}

/** A timeout of a remote call, recognisable by callers that map it to "no answer". */
export class TimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what} timed out after ${formatDuration(ms)}`);
    this.name = 'TimeoutError';
  }
}

/**
 * Settles like `promise`, or rejects with a TimeoutError naming `what` after `ms`.
 * The underlying work is not cancelled (a promise cannot be); pass `onTimeout` to release it.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  if (!Number.isFinite(ms) || ms <= 0) return promise;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        onTimeout?.();
      } catch {
        /* releasing is best effort */
      }
      reject(new TimeoutError(what, ms));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Resolves after ms, or early (without error) when the signal aborts; the timer never holds the process open past it. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Settles like `promise`, or rejects with the abort reason as soon as `signal` aborts (the work itself goes on). */
export function unlessAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
