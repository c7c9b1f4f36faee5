// A lock left by aviary before the heartbeat (labels aviary.lock.*, an expiry) is honoured until it
// expires and then taken over, instead of blocking every later run.
import { MemoryLogger } from '../support/memory-logger';
import { DeployLock } from '../../src/rollout/lock';
import { lockOwner } from '../support/lock-owner';
import { MemoryFleet, Session } from '../support/memory-engine';

async function legacyLock(fleet: MemoryFleet, expiresInMs: number): Promise<void> {
  const engine = new Session(fleet).engines(['h1']).get('h1')!;
  const now = fleet.now;
  await engine.create('aviary-lock.web', 'aviary-lock:1', undefined as never, {
    'aviary.lock.service': 'web',
    'aviary.lock.owner': 'old@runner',
    'aviary.lock.deployment': '20261120-101010-abcd',
    'aviary.lock.acquired-at': new Date(now).toISOString(),
    'aviary.lock.expires-at': new Date(now + expiresInMs).toISOString(),
  });
}

test('held until its expiry, naming its holder', async () => {
  const fleet = new MemoryFleet(['h1']);
  await legacyLock(fleet, 30 * 60_000);
  const lock = new DeployLock(
    'web',
    [...new Session(fleet).engines(['h1']).values()],
    lockOwner('new'),
    { timeoutMs: 60_000, waitMs: 0, parallel: 4 },
    new MemoryLogger(),
  );
  await expect(lock.acquire()).rejects.toThrow(/web is being deployed by old@runner \(deployment 20261120-101010-abcd/);
});

test('taken over once expired', async () => {
  const fleet = new MemoryFleet(['h1']);
  await legacyLock(fleet, 30 * 60_000);
  fleet.tick(31 * 60_000);
  const lock = new DeployLock(
    'web',
    [...new Session(fleet).engines(['h1']).values()],
    lockOwner('new'),
    { timeoutMs: 60_000, waitMs: 0, parallel: 4 },
    new MemoryLogger(),
  );
  const taken = await lock.acquire();
  expect(taken.map((t) => t.deployment)).toEqual(['20261120-101010-abcd']);
  expect(fleet.holder('h1', 'web')).toBe('new');
  await lock.release();
});
