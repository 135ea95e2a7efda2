import { describe, expect, it } from 'vitest';
import { isBlankCell, isBlankUnits } from '../../src/kernels/blank.js';
import { trimEnd, trimStart } from '../../src/kernels/trim.js';
import { randomText, utf16 } from './random-text.js';

describe('trim and blank kernels', () => {
  it('trimStart/trimEnd over code units equal String.prototype.trim for all inputs', () => {
    for (let seed = 0; seed < 30; seed++) {
      const latin1 = randomText(`trim-l-${seed}`, true);
      const any = randomText(`trim-u-${seed}`);
      for (let k = 0; k < 300; k++) {
        const a = latin1();
        const bytes = Buffer.from(a, 'latin1');
        const from = trimStart(bytes, 0, bytes.length);
        expect(bytes.toString('latin1', from, trimEnd(bytes, from, bytes.length)), JSON.stringify(a)).toBe(a.trim());
        const u = any();
        const units = utf16(u);
        const s = trimStart(units, 0, units.length);
        expect(u.slice(s, trimEnd(units, s, units.length)), JSON.stringify(u)).toBe(u.trim());
      }
    }
  });

  it('the blank rule over code units equals isBlankCell for all inputs', () => {
    for (let seed = 0; seed < 30; seed++) {
      const any = randomText(`blank-${seed}`);
      for (let k = 0; k < 300; k++) {
        const u = any();
        expect(isBlankUnits(utf16(u), 0, u.length), JSON.stringify(u)).toBe(isBlankCell(u));
      }
    }
    expect(isBlankCell(' \t')).toBe(true);
    expect(isBlankCell('\u00a0')).toBe(false); // a first character above U+0020 is never blank
  });
});
