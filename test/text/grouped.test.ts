/** grouped() writes what `toLocaleString('en-US')` writes, for every number it may be given. */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { grouped } from '../../src/text/grouped.js';

describe('grouped', () => {
  it('equals toLocaleString("en-US") on integers of every length and sign, and on the values Intl keeps', () => {
    const rng = seedrandom('grouped');
    const values = [0, -0, 1, -1, 999, 1000, -1000, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 60, 0.5, 1234.5678, NaN, Infinity];
    for (let i = 0; i < 2000; i++) {
      const digits = 1 + Math.floor(rng() * 16);
      const n = Math.floor(rng() * 10 ** digits) * (rng() < 0.3 ? -1 : 1);
      values.push(n);
    }
    for (const n of values) expect(grouped(n), String(n)).toBe(n.toLocaleString('en-US'));
  });

  it('groups by threes from the right', () => {
    expect(grouped(1234567)).toBe('1,234,567');
    expect(grouped(-20000)).toBe('-20,000');
  });
});
