// Bounded parallelism and timeouts: the bound holds, order is kept, one failure hides nothing.
import fc from 'fast-check';
import { mapLimit, sleep, TimeoutError, withTimeout } from '../../src/util/pool';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mapLimit', () => {
  test('never has more than `limit` calls in flight, and results keep input order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        async (delays, limit) => {
          let inFlight = 0;
          let peak = 0;
          const results = await mapLimit(delays, limit, async (d, i) => {
            inFlight++;
            peak = Math.max(peak, inFlight);
            await tick(d);
            inFlight--;
            return i * 10;
          });
          expect(peak).toBeLessThanOrEqual(limit);
          if (delays.length > 0) expect(peak).toBe(Math.min(limit, delays.length));
          expect(results).toEqual(delays.map((_, i) => ({ ok: true, value: i * 10 })));
        },
      ),
      { numRuns: 40 },
    );
  });

  test('a failure is settled in its place and the others still run', async () => {
    const seen: number[] = [];
    const results = await mapLimit([1, 2, 3, 4], 2, async (n) => {
      seen.push(n);
      if (n % 2 === 0) throw new Error(`host ${n} is down`);
      return n;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4]);
    expect(results.map((r) => (r.ok ? r.value : (r.error as Error).message))).toEqual([
      1,
      'host 2 is down',
      3,
      'host 4 is down',
    ]);
  });

  test('a fake connect with 20 hosts and parallel 5 opens 5 at a time', async () => {
    const open = new Set<string>();
    const peaks: number[] = [];
    const hosts = Array.from({ length: 20 }, (_, i) => `h${i + 1}`);
    await mapLimit(hosts, 5, async (h) => {
      open.add(h);
      peaks.push(open.size);
      await tick(5);
      open.delete(h);
    });
    expect(Math.max(...peaks)).toBe(5);
  });

  test('after an abort, no further item starts; those settle with the reason', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const results = await mapLimit(
      [1, 2, 3, 4, 5],
      1,
      async (n) => {
        started.push(n);
        if (n === 2) controller.abort(new Error('cancelled by SIGINT'));
        return n;
      },
      controller.signal,
    );
    expect(started).toEqual([1, 2]);
    expect(results.slice(2)).toEqual([3, 4, 5].map(() => ({ ok: false, error: new Error('cancelled by SIGINT') })));
  });

  test('empty input and odd limits', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
    expect(await mapLimit([1, 2], 0, async (n) => n)).toEqual([
      { ok: true, value: 1 },
      { ok: true, value: 2 },
    ]);
    expect(await mapLimit([1, 2], Infinity, async (n) => n)).toHaveLength(2);
  });
});

describe('withTimeout', () => {
  test('passes a value or an error through', async () => {
    await expect(withTimeout(Promise.resolve(3), 100, 'x')).resolves.toBe(3);
    await expect(withTimeout(Promise.reject(new Error('boom')), 100, 'x')).rejects.toThrow('boom');
  });

  test('rejects with an error naming what timed out and after how long, and calls onTimeout', async () => {
    let released = false;
    const never = new Promise<void>(() => undefined);
    const err = await withTimeout(never, 30, 'h3: ping', () => {
      released = true;
    }).catch((e) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toBe('h3: ping timed out after 30ms');
    expect(released).toBe(true);
    await expect(withTimeout(never, 1500, 'h1: pull').catch((e) => e.message)).resolves.toBe(
      'h1: pull timed out after 1.5s',
    );
  });
});

describe('sleep', () => {
  test('ends early when the signal aborts', async () => {
    const controller = new AbortController();
    const t = Date.now();
    setTimeout(() => controller.abort(), 20);
    await sleep(5000, controller.signal);
    expect(Date.now() - t).toBeLessThan(1000);
  });
});
