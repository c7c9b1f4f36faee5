// The end deploy, rollback and the all-in-one action share (finishRollout): the outputs by the names
// action.yml declares, then the step's exit — exit code 1 for an error already logged, else an error
// unless deployed.
const mockOutputs: Array<[string, string]> = [];
jest.mock(
  '@actions/core',
  () => ({
    setOutput: (name: string, value: string) => {
      mockOutputs.push([name, value]);
    },
    saveState: () => undefined,
  }),
  { virtual: true },
);

import { outputWriter } from '../../src/actions/runtime';
import { ROLLOUT_OUTPUTS } from '../../src/actions/shared/names';
import { Publisher } from '../../src/actions/shared/publish';
import { finishRollout, RolloutOutputs, rolloutOutputs } from '../../src/actions/shared/rollout-step';
import { RunError } from '../../src/errors';
import { RolloutReport } from '../../src/report/types';
import { MemoryLogger } from '../support/memory-logger';

const version = { image: 'reg/web:1', digest: 'sha256:' + 'a'.repeat(64) };
function report(result: RolloutReport['result'], more: Partial<RolloutReport> = {}): RolloutReport {
  return {
    service: 'web',
    image: 'reg/web:2',
    digest: 'sha256:' + 'b'.repeat(64),
    deployment: 'd1',
    deployedBy: 'test',
    result,
    dryRun: false,
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
    phases: {},
    plan: [{ index: 1, group: 'web', hosts: ['h1', 'h2'] }],
    batches: [{} as RolloutReport['batches'][number]],
    hosts: [
      {
        name: 'h1',
        group: 'web',
        result: 'updated',
        previous: version,
        next: version,
      } as RolloutReport['hosts'][number],
      {
        name: 'h2',
        group: 'web',
        result: 'rolled-back',
        previous: version,
        next: version,
      } as RolloutReport['hosts'][number],
    ],
    warnings: [],
    ...more,
  };
}

/** Runs the tail the way deploy does (every rollout output under its own name); the outputs it set and how it ended. */
async function finish(r: RolloutReport, failure?: (r: RolloutReport) => string) {
  mockOutputs.length = 0;
  process.exitCode = undefined;
  const out = outputWriter(ROLLOUT_OUTPUTS);
  const publisher = new Publisher({ summary: false }, new MemoryLogger(), {});
  let error: unknown;
  try {
    await finishRollout(r, '/tmp/report.json', publisher, {
      setOutputs: (o: RolloutOutputs) => {
        for (const name of ROLLOUT_OUTPUTS) out.set(name, o[name]);
      },
      failure,
    });
  } catch (err) {
    error = err;
  }
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  return { outputs: Object.fromEntries(mockOutputs), error, exitCode };
}

test('the engine names the rollout outputs as ROLLOUT_OUTPUTS does', () => {
  expect(Object.keys(rolloutOutputs(report('deployed'), undefined, '')).sort()).toEqual([...ROLLOUT_OUTPUTS].sort());
});

test('deployed: every output, no error, the exit code untouched', async () => {
  const end = await finish(report('deployed'));
  expect(end.outputs).toEqual({
    result: 'deployed',
    digest: 'sha256:' + 'b'.repeat(64),
    'updated-hosts': 'h1',
    'rolled-back-hosts': 'h2',
    'report-file': '/tmp/report.json',
    availability: '',
    'deployment-id': '',
  });
  expect(end.error).toBeUndefined();
  expect(end.exitCode).toBeUndefined();
});

test("rolled back: the outputs first, then a RunError with the rollout's error, or the action's own message", async () => {
  const plain = await finish(report('rolled-back', { error: 'h2: health check failed' }));
  expect(plain.outputs.result).toBe('rolled-back');
  expect(plain.error).toBeInstanceOf(RunError);
  expect((plain.error as Error).message).toBe('h2: health check failed');
  const unnamed = await finish(report('rolled-back'));
  expect((unnamed.error as Error).message).toBe('the rollout ended rolled-back');
  const own = await finish(report('failed'), (r) => `the rollback stopped: ${r.error ?? r.result}`);
  expect((own.error as Error).message).toBe('the rollback stopped: failed');
});

test('failed before any batch (the engine logged it with every host): exit code 1, no second message', async () => {
  const end = await finish(report('failed', { batches: [], error: 'lock held by another run' }));
  expect(end.error).toBeUndefined();
  expect(end.exitCode).toBe(1);
  expect(end.outputs.result).toBe('failed');
});
