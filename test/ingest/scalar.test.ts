import { describe, expect, it } from 'vitest';
import { parseBoolean, parseNumber } from '../../src/ingest/typing/scalar.js';

describe('numbers and booleans', () => {
  it('reads plain, grouped, signed, currency and accounting negatives', () => {
    expect(parseNumber('1234.5')).toBe(1234.5);
    expect(parseNumber('-1,234.50')).toBe(-1234.5);
    expect(parseNumber('(1,234)')).toBe(-1234);
    expect(parseNumber('$ 99')).toBe(99);
    expect(Number.isNaN(parseNumber('1,23'))).toBe(true);
    expect(Number.isNaN(parseNumber('twelve'))).toBe(true);
  });
  it('reads booleans', () => {
    expect(['Yes', 'TRUE', 'y', '1', 't'].map(parseBoolean)).toEqual([1, 1, 1, 1, 1]);
    expect(['no', 'False', 'N', '0'].map(parseBoolean)).toEqual([0, 0, 0, 0]);
    expect(Number.isNaN(parseBoolean('maybe'))).toBe(true);
  });
});
