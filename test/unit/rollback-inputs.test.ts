// The rollback action's input reader (src/actions/rollback/inputs.ts): the shared rollout and publish
// inputs, and `to` — the records on the hosts, or an image.
jest.mock(
  '@actions/core',
  () => ({
    getInput: (name: string) => process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '',
  }),
  { virtual: true },
);

import { INPUTS, readRollbackInputs } from '../../src/actions/rollback/inputs';
import { withInputs as withInputsOf } from '../support/action-inputs';

function withInputs<T>(values: Record<string, string>, fn: () => T): T {
  return withInputsOf(INPUTS, values, fn);
}

describe('rollback', () => {
  test('to: previous (the default) rolls back to the records on the hosts', () => {
    for (const to of ['', 'previous']) {
      const { settings } = withInputs({ to }, () => readRollbackInputs({}));
      expect(settings.target).toBe('previous');
      expect(settings.overrides.image).toBeUndefined();
    }
  });

  test('to: an image rolls out that image', () => {
    const given = { to: 'registry.example.com/acme/web:1.1', summary: 'false' };
    const { settings, publish } = withInputs(given, () => readRollbackInputs({}));
    expect(settings.target).toBeUndefined();
    expect(settings.overrides.image).toBe('registry.example.com/acme/web:1.1');
    expect(publish.summary).toBe(false);
  });
});
