import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { hashSourceRows, hashText, hashUnits } from '../../src/kernels/row-hash.js';
import { unitsOfStrings } from '../../src/kernels/units.js';
import { randomText, utf16 } from './random-text.js';

describe('row hash kernel', () => {
  it('the byte form equals the string form for all inputs', () => {
    for (let seed = 0; seed < 40; seed++) {
      const latin1 = randomText(`hash-l-${seed}`, true);
      const any = randomText(`hash-u-${seed}`);
      for (let k = 0; k < 200; k++) {
        const a = latin1();
        const bytes = Buffer.from(`xy${a}z`, 'latin1');
        expect(hashUnits(bytes, 2, 2 + a.length), JSON.stringify(a)).toBe(hashText(a));
        const u = any();
        expect(hashUnits(utf16(`_${u}`), 1, 1 + u.length), JSON.stringify(u)).toBe(hashText(u));
      }
    }
  });

  it('hashes rows from code units exactly as from the same cells as strings (nulls, empty cells, every character)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const rng = seedrandom(`rows-${seed}`);
      const text = randomText(`rows-t-${seed}`, seed % 2 === 0);
      const rows = 1 + Math.floor(rng() * 300);
      const columns = Array.from({ length: 1 + Math.floor(rng() * 5) }, () =>
        Array.from({ length: rows }, () => (rng() < 0.15 ? null : text())),
      );
      const fromStrings = hashSourceRows(rows, columns);
      const fromUnits = hashSourceRows(rows, columns.map((c) => unitsOfStrings(c)));
      expect(fromUnits, `seed ${seed}`).toEqual(fromStrings);
    }
  });

  it('tells apart cells split differently and a blank cell from an empty one', () => {
    const split = hashSourceRows(2, [['ab', 'a'], ['c', 'bc']]);
    expect(split.hash[0]).not.toBe(split.hash[1]);
    const blank = hashSourceRows(2, [unitsOfStrings([null, ''])]);
    expect(blank.hash[0]).not.toBe(blank.hash[1]);
  });
});
