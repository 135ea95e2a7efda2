import { describe, it, expect } from 'vitest';
import { ceilTimes, compareRates, complement, floorTimes, formatPercent, parseRate, rateToNumber } from '../../src/stats/rate.js';
import { TickmarkError } from '../../src/errors.js';

describe('parseRate', () => {
  it('reads decimals, percentages and numbers to the same exact fraction', () => {
    for (const input of ['0.035', '3.5%', 0.035, ' 3.5 % ', '.035', '35e-3', '0.0350']) {
      expect(parseRate(input, 'expected')).toEqual({ num: 7n, den: 200n });
    }
    expect(parseRate('95%', 'confidence')).toEqual({ num: 19n, den: 20n });
    expect(parseRate(1e-7, 'tolerable')).toEqual({ num: 1n, den: 10_000_000n });
  });

  it('refuses rates outside (0, 1) with TM_ERR_BAD_PLAN naming the field', () => {
    for (const bad of ['0', 0, '1', 1, '100%', '-0.01', '1.5', 'abc', '', '%', '5%%', '0x10', NaN, Infinity, '1/2']) {
      let caught: unknown;
      try {
        parseRate(bad, 'tolerable');
      } catch (err) {
        caught = err;
      }
      expect(caught, `input ${String(bad)}`).toBeInstanceOf(TickmarkError);
      expect((caught as TickmarkError).code).toBe('TM_ERR_BAD_PLAN');
      expect((caught as TickmarkError).message).toMatch(/^tolerable must be a rate above 0 and below 1/);
    }
  });

  it('accepts zero only when allowed', () => {
    expect(parseRate('0%', 'expected', { allowZero: true })).toEqual({ num: 0n, den: 1n });
    expect(() => parseRate('0%', 'expected')).toThrow(/expected must be a rate above 0/);
    expect(() => parseRate('1', 'expected', { allowZero: true })).toThrow(/at least 0 and below 1/);
  });
});

describe('exact arithmetic', () => {
  it('avoids the floating-point trap: ceil(0.035 × 400) is 14, where Math.ceil gives 15', () => {
    expect(Math.ceil(0.035 * 400)).toBe(15); // the trap is real in binary floating point
    expect(ceilTimes(parseRate('0.035', 'expected'), 400)).toBe(14);
    expect(ceilTimes(parseRate(0.035, 'expected'), 400)).toBe(14);
    expect(ceilTimes(parseRate('0.035', 'expected'), 401)).toBe(15);
    expect(floorTimes(parseRate('0.035', 'expected'), 400)).toBe(14);
    expect(floorTimes(parseRate('0.035', 'expected'), 399)).toBe(13);
    // 0.07 × 100 = 7.000000000000001 in floating point
    expect(Math.ceil(0.07 * 100)).toBe(8);
    expect(ceilTimes(parseRate('7%', 'expected'), 100)).toBe(7);
  });

  it('complements, compares, converts and formats exactly', () => {
    expect(complement(parseRate('0.95', 'confidence'))).toEqual({ num: 1n, den: 20n });
    expect(compareRates(parseRate('1%', 'a'), parseRate('0.01', 'b'))).toBe(0);
    expect(compareRates(parseRate('0.0125', 'a'), parseRate('1.3%', 'b'))).toBe(-1);
    expect(rateToNumber(parseRate('5%', 'tolerable'))).toBe(0.05);
    expect(formatPercent(parseRate('0.035', 'e'))).toBe('3.5%');
    expect(formatPercent(parseRate('0.0025', 'e'))).toBe('0.25%');
    expect(formatPercent(parseRate('0.95', 'c'))).toBe('95%');
    expect(formatPercent({ num: 1n, den: 3n })).toBe('33.333333%');
  });
});
