import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { digits, digitsAt, trailingDigitsStart } from '../../src/kernels/integer.js';

describe('integer kernel', () => {
  it('digitsAt over code units equals digits over the string for all inputs', () => {
    const rng = seedrandom('digits');
    const chars = '0123456789x-/ é';
    for (let k = 0; k < 5000; k++) {
      const s = Array.from({ length: Math.floor(rng() * 12) }, () => chars[Math.floor(rng() * chars.length)]).join('');
      const from = Math.floor(rng() * (s.length + 1));
      const len = Math.floor(rng() * 6);
      expect(digitsAt(Buffer.from(s, 'latin1'), from, len, s.length), `${s} ${from} ${len}`).toBe(digits(s, from, len));
    }
  });

  it('finds the trailing digit run of a key', () => {
    const b = Buffer.from('INC-2025-0042', 'latin1');
    expect(trailingDigitsStart(b, 0, b.length)).toBe(9);
    expect(trailingDigitsStart(b, 0, 8)).toBe(4);
  });
});
