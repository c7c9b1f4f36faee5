// Seeded fuzzing of the config loader: whatever the file or inputs, it loads or throws one InputError
// whose every problem names a field — fast, never another exception, never a stack trace, never a secret.
import fc from 'fast-check';
import YAML from 'yaml';
import { ConfigOverrides, loadConfig } from '../../src/config/load';
import { InputError } from '../../src/errors';
import {
  configMutation as mutation,
  FUZZ_BASE as BASE,
  FUZZ_ENV as ENV,
  FUZZ_KEY_BODY as KEY_BODY,
  FUZZ_SECRET as SECRET,
  fuzzBase as clone,
  ODD_IMAGES,
  randomConfigDocument,
  weirdString,
  yamlTextEdit,
} from '../support/mutate';

// A field path, then ": " — `groups.web.hosts[2].docker`, `container.labels["com.example.team"]`,
// `input batches[1]`; or the file itself for YAML syntax errors (`aviary.yml:3:7`) and `config`.
const KEY = '(?:[A-Za-z0-9_-]+|\\["(?:[^"\\\\]|\\\\.)*"\\])';
const FIELD_PATH = new RegExp(
  `^(?:aviary\\.yml(?::\\d+:\\d+)?|config|input [a-z-]+(?:\\[\\d+\\])?|${KEY}(?:\\.[A-Za-z0-9_-]+|\\[\\d+\\]|\\["(?:[^"\\\\]|\\\\.)*"\\])*): `,
);

/** Loads, and checks the outcome is a config or a well-formed InputError. */
function check(text: string, overrides: ConfigOverrides = { image: 'v2' }): void {
  const started = performance.now();
  let error: unknown;
  let loaded;
  try {
    loaded = loadConfig({ text, path: 'aviary.yml', env: ENV, overrides });
  } catch (err) {
    error = err;
  }
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(1000);
  if (loaded) {
    expect(loaded.groups.length).toBeGreaterThan(0);
    expect(loaded.image).toMatch(/[:@]/);
    for (const g of loaded.groups) expect(g.hosts.length).toBeGreaterThan(0);
    return;
  }
  if (!(error instanceof InputError))
    throw new Error(`not an InputError: ${(error as Error)?.stack ?? String(error)}\n--- text:\n${text}`);
  expect(error.problems.length).toBeGreaterThan(0);
  for (const problem of error.problems) {
    if (!FIELD_PATH.test(problem)) throw new Error(`problem without a field path: ${JSON.stringify(problem)}`);
    if (/[\n\r]/.test(problem)) throw new Error(`problem on more than one line: ${JSON.stringify(problem)}`);
  }
  expect(error.message).not.toContain('    at ');
  expect(error.message).not.toContain(SECRET);
  expect(error.message).not.toContain(KEY_BODY);
}

// ---------------------------------------------------------------------------------------------
// The valid example, the values a user (or an attacker) might put anywhere, and the mutations of
// the example are shared with the JSON Schema's agreement test: test/support/mutate.ts.

const overridesArb: fc.Arbitrary<ConfigOverrides> = fc.record(
  {
    image: fc.oneof(
      fc.constantFrom('v2', `sha256:${'b'.repeat(64)}`, 'registry.example.com/acme/web:v3', ...ODD_IMAGES),
      weirdString,
    ),
    groups: fc.oneof(fc.constantFrom('web', 'worker', 'web,worker', 'db', ''), weirdString),
    batches: fc.oneof(fc.constantFrom('1,25%,100%', '[1, "50%"]', '[', '0', '1,,x', '200%'), weirdString),
    parallel: fc.oneof(fc.constantFrom('1', '0', '99999', '-1', '1.5'), weirdString),
    maxUnhealthy: fc.oneof(fc.constantFrom('0', '10%', '101%', '-1'), weirdString),
    pause: fc.oneof(fc.constantFrom('30s', '-1s', '5'), weirdString),
    keep: fc.oneof(fc.constantFrom('3', '101'), weirdString),
    lockTimeout: fc.oneof(fc.constantFrom('10m', '0', '8d'), weirdString),
  },
  { requiredKeys: [] },
);

describe('the config loader under fuzzing', () => {
  test('the unmutated example loads', () => {
    expect(() => loadConfig({ text: YAML.stringify(BASE), env: ENV, overrides: { image: 'v2' } })).not.toThrow();
  });

  test('mutated values in the valid example', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
        const doc = mutations.reduce((d, m) => m(d), clone());
        check(YAML.stringify(doc));
      }),
      { seed: 4242, numRuns: 600 },
    );
  });

  test('mutated inputs on the valid example', () => {
    const text = YAML.stringify(BASE);
    fc.assert(
      fc.property(overridesArb, (overrides) => check(text, overrides)),
      { seed: 77, numRuns: 300 },
    );
  });

  test('mutated YAML text', () => {
    const text = YAML.stringify(BASE);
    const edit = yamlTextEdit(text);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let t = text;
        for (const [at, cut, insert] of edits) t = t.slice(0, at) + insert + t.slice(at + cut);
        check(t);
      }),
      { seed: 9001, numRuns: 400 },
    );
  });

  test('random YAML text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), (t) =>
        check(t),
      ),
      { seed: 1234, numRuns: 300 },
    );
  });

  test('random YAML documents', () => {
    fc.assert(
      fc.property(randomConfigDocument, (value) => check(YAML.stringify(value))),
      { seed: 5678, numRuns: 300 },
    );
  });

  test('alias expansion and deep nesting stay bounded', () => {
    const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    check(bomb.join('\n'));
    check('service: ' + '['.repeat(500) + ']'.repeat(500));
    check(
      'service: web\n' + 'x:\n'.repeat(1) + Array.from({ length: 200 }, (_, i) => ' '.repeat(i + 1) + 'k:').join('\n'),
    );
    check('a: ' + 'x'.repeat(2_000_000));
  });
});
