// The condition language of gates: what it accepts, what it computes, and how it refuses the rest.
import fc from 'fast-check';
import { asNumber, ConditionError, GateValue, parseCondition } from '../../src/gates/condition';

describe('parseCondition', () => {
  test.each<[string, GateValue, boolean]>([
    ['result < 0.01', 0.001, true],
    ['result < 0.01', 0.01, false],
    ['result <= 0.01', 0.01, true],
    ['result > 5', 6, true],
    ['result >= 5 && result <= 10', 7, true],
    ['result >= 5 && result <= 10', 11, false],
    ['result < 1 || result > 10', 11, true],
    ['result < 1 or result > 10', 5, false],
    ['not (result == 3)', 3, false],
    ['!(result == 3)', 4, true],
    ['result == "ok"', 'ok', true],
    ['result != "ok"', 'degraded', true],
    ['result == true', true, true],
    ['result == null', null, true],
    ['result * 100 < 5', 0.04, true],
    ['result * 100 < 5', 0.06, false],
    ['-result > -1', 0.5, true],
    ['result % 2 == 0', 4, true],
    ['result / 2 + 1 == 3', 4, true],
    ['result == 50', '50', true], // a numeric string from JSON beside a number is a number
    ['result < 10', '+Inf', false],
    ['result > 1e3', 1001, true],
    ["result == 'single'", 'single', true],
    ['result == "a \\"quoted\\" word"', 'a "quoted" word', true],
    ['result == 1', 'abc', false], // not a number: simply not equal
  ])('%s with %p → %p', (text, value, expected) => {
    expect(parseCondition(text).test(value)).toBe(expected);
  });

  test.each([
    ['', 'is empty'],
    ['result <', 'ends too early'],
    ['result = 1', 'write "==" to compare'],
    ['value < 1', 'unknown name "value"'],
    ['result < 1 < 2', 'join comparisons with "&&"'],
    ['(result < 1', 'a missing ")"'],
    ['result < 1)', 'unexpected ")"'],
    ['1 < 2', 'does not use result'],
    ['result < "x', 'a string that is not closed'],
    ['result # 1', 'unexpected character "#"'],
    ['!'.repeat(40) + 'result', 'nested too deeply'],
  ])('refuses %j (%s)', (text, message) => {
    expect(() => parseCondition(text)).toThrow(ConditionError);
    expect(() => parseCondition(text)).toThrow(message);
  });

  test('type mismatches at evaluation are ConditionErrors naming the value', () => {
    expect(() => parseCondition('result < 1').test('abc')).toThrow('"<" needs two numbers, got "abc" and 1');
    expect(() => parseCondition('result + 1').test(1)).toThrow('gives 2, not true or false');
    expect(() => parseCondition('result && true').test(1)).toThrow('"&&" needs true or false, got 1');
  });

  test('never throws anything but a ConditionError, whatever the text and the value', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(null)),
        (text, value) => {
          try {
            const c = parseCondition(text);
            const r = c.test(value as GateValue);
            expect(typeof r).toBe('boolean');
          } catch (err) {
            expect(err).toBeInstanceOf(ConditionError);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});

test('asNumber reads numbers as Prometheus writes them', () => {
  expect(asNumber('0.5')).toBe(0.5);
  expect(asNumber('+Inf')).toBe(Infinity);
  expect(asNumber('-Inf')).toBe(-Infinity);
  expect(asNumber('NaN')).toBeNaN();
  expect(asNumber('1e-3')).toBe(0.001);
  expect(asNumber('')).toBeUndefined();
  expect(asNumber('12abc')).toBeUndefined();
  expect(asNumber(true)).toBeUndefined();
});
