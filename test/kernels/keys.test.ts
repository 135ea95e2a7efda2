import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { joinKey, keyTexts } from '../../src/kernels/keys.js';
import { hashText } from '../../src/kernels/row-hash.js';
import { unitsOfStrings } from '../../src/kernels/units.js';
import { randomText } from './random-text.js';

describe('key kernel', () => {
  it('keyTexts over code units equals joinKey and hashText per row for all inputs', () => {
    for (let seed = 0; seed < 30; seed++) {
      const rng = seedrandom(`keys-${seed}`);
      const text = randomText(`keys-t-${seed}`, seed % 3 === 0);
      const rows = 1 + Math.floor(rng() * 400);
      const width = 1 + Math.floor(rng() * 3);
      const parts = Array.from({ length: rows }, () => Array.from({ length: width }, () => (rng() < 0.1 ? null : text())));
      const keys = parts.map((p) => joinKey(p));
      const column = keyTexts(unitsOfStrings(keys), rows);
      for (let i = 0; i < rows; i++) {
        const k = keys[i];
        const got = column.text.slice(i ? column.ends[i - 1] : 0, column.ends[i]);
        if (k == null || k === '') {
          expect(column.hashes[i], `seed ${seed} row ${i}`).toBeNaN();
          expect(got).toBe('');
        } else {
          expect(got, `seed ${seed} row ${i}`).toBe(k);
          expect(column.hashes[i], `seed ${seed} row ${i}`).toBe(hashText(k));
        }
      }
    }
  });

  it('joins key fields by U+001F and is blank when any field is', () => {
    expect(joinKey(['E12', 'jdoe'])).toBe('E12\u001fjdoe');
    expect(joinKey(['E12', 7], ' | ')).toBe('E12 | 7');
    expect(joinKey(['E12', ''])).toBeNull();
    expect(joinKey([null])).toBeNull();
    expect(joinKey([])).toBeNull();
  });
});
