// A lock is renewed from the first host it holds on, in the rollout (acquire) and in the post step
// (acquireEach): taking the other hosts may take longer than a short lock-timeout, and a lock with
// no heartbeat by then looks dead to every other run.
import { MemoryLogger } from '../support/memory-logger';
import { DeployLock } from '../../src/rollout/lock';
import { lockOwner } from '../support/lock-owner';
import { MemoryEngine, MemoryFleet, Session } from '../support/memory-engine';

/** A host whose engine takes 800 ms to create a record: the lock is slow to take there. */
class SlowEngine extends MemoryEngine {
  async createRecord(name: string, labels: Record<string, string>): Promise<string> {
    await new Promise((r) => setTimeout(r, 800));
    return super.createRecord(name, labels);
  }
}

describe.each(['acquire', 'acquireEach'] as const)('%s', (how) => {
  test('beats on the first host while a slow host is still being taken', async () => {
    const fleet = new MemoryFleet(['h1', 'h2']);
    const session = new Session(fleet);
    const hosts = [new MemoryEngine('h1', session), new SlowEngine('h2', session)];
    // lock-timeout 1 s: a beat every 200 ms.
    const lock = new DeployLock(
      'web',
      hosts,
      lockOwner('run'),
      { timeoutMs: 1000, waitMs: 0, parallel: 1 },
      new MemoryLogger(),
    );
    await lock[how]();
    await lock.release();
    const h2Lock = session.trace.indexOf('h2 record aviary-lock.web');
    const h1Beats = session.trace.filter((c, i) => i < h2Lock && c.startsWith('h1 record aviary-lock.web.beat-'));
    expect({ h2Lock: h2Lock >= 0, h1BeatsBefore: h1Beats.length > 0, trace: session.trace }).toEqual({
      h2Lock: true,
      h1BeatsBefore: true,
      trace: session.trace,
    });
  });
});
