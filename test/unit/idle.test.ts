// The idle-connection policy's bookkeeping (src/hosts/idle.ts), on a hand-driven clock: when an idle
// connection is closed, and which one goes first when too many are idle. The real sockets and SSH
// sessions it closes are tested against the fleet in test/e2e/idle-connections.test.ts.
import { IdleConnections, IdleTimers } from '../../src/hosts/idle';

class Clock implements IdleTimers {
  now = 0;
  private timers: Array<{ at: number; fire: () => void }> = [];
  set(ms: number, fire: () => void): unknown {
    const t = { at: this.now + ms, fire };
    this.timers.push(t);
    return t;
  }
  clear(handle: unknown): void {
    this.timers = this.timers.filter((t) => t !== handle);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const t of this.timers.filter((x) => x.at <= this.now).sort((a, b) => a.at - b.at)) {
      this.timers = this.timers.filter((x) => x !== t);
      t.fire();
    }
  }
  get pending(): number {
    return this.timers.length;
  }
}

function setup(maxIdle: number) {
  const clock = new Clock();
  const idle = new IdleConnections(maxIdle, clock);
  const closed: string[] = [];
  const conn = (name: string) => ({ name });
  const rest = (c: { name: string }, ms = 1000) => idle.idle(c, ms, () => closed.push(c.name));
  return { clock, idle, closed, conn, rest };
}

test('an idle connection is closed after its idle time, not before', () => {
  const { clock, idle, closed, conn, rest } = setup(8);
  rest(conn('a'));
  clock.advance(999);
  expect(closed).toEqual([]);
  clock.advance(1);
  expect(closed).toEqual(['a']);
  expect(idle.idleCount).toBe(0);
  expect(idle.closedIdle).toBe(1);
});

test('a connection used again is not closed; idle again, its time starts over', () => {
  const { clock, idle, closed, conn, rest } = setup(8);
  const a = conn('a');
  rest(a);
  clock.advance(900);
  idle.busy(a);
  clock.advance(5000);
  expect(closed).toEqual([]);
  expect(clock.pending).toBe(0);
  rest(a);
  clock.advance(900);
  rest(a); // freed again (a second request on it ended): the idle time counts from now
  clock.advance(900);
  expect(closed).toEqual([]);
  clock.advance(100);
  expect(closed).toEqual(['a']);
});

test('over the cap, the connection idle the longest is closed at once', () => {
  const { clock, idle, closed, conn, rest } = setup(2);
  const [a, b, c] = [conn('a'), conn('b'), conn('c')];
  rest(a);
  clock.advance(10);
  rest(b);
  clock.advance(10);
  rest(a); // a is idle again from now: b is now the longest idle
  rest(c);
  expect(closed).toEqual(['b']);
  expect(idle.idleCount).toBe(2);
  expect(idle.closedOverCap).toBe(1);
  clock.advance(5000);
  expect(closed.sort()).toEqual(['a', 'b', 'c']);
  expect(clock.pending).toBe(0);
});

test('allow only raises the cap', () => {
  const { idle, closed, conn, rest } = setup(1);
  idle.allow(3);
  idle.allow(2);
  for (const n of ['a', 'b', 'c', 'd']) rest(conn(n));
  expect(closed).toEqual(['a']);
  expect(idle.idleCount).toBe(3);
});
