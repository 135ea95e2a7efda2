import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { repeatedValues } from '../../src/kernels/row-hash.js';

/** The values met more than once, counted plainly. */
function naive(parts: Float64Array[]): Set<number> {
  const count = new Map<number, number>();
  for (const p of parts) for (const v of p) if (!Number.isNaN(v)) count.set(v, (count.get(v) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n > 1).map(([v]) => v));
}

describe('repeatedValues', () => {
  it('finds exactly the values met more than once, across parts, for any size (NaN never counts)', () => {
    for (let seed = 0; seed < 30; seed++) {
      const rng = seedrandom(`repeats-${seed}`);
      const n = seed % 10 === 0 ? 200_000 : 1 + Math.floor(rng() * 3000);
      // 53-bit hashes, some repeated (also across parts), some NaN; a few sharing their low 32 bits only.
      const pool = Array.from({ length: Math.max(1, Math.floor(n * 0.9)) }, () => Math.floor(rng() * 2 ** 21) * 2 ** 32 + Math.floor(rng() * 2 ** 32));
      const values = Array.from({ length: n }, (_, i) => {
        const r = rng();
        if (r < 0.03) return NaN;
        if (r < 0.05) return (pool[i % pool.length]! % 2 ** 32) + 2 ** 40; // same low bits as a pool value, different value
        return pool[Math.floor(rng() * pool.length)]!;
      });
      const parts: Float64Array[] = [];
      for (let i = 0; i < n; ) {
        const k = 1 + Math.floor(rng() * n);
        parts.push(Float64Array.from(values.slice(i, i + k)));
        i += k;
      }
      const expected = naive(parts);
      const got = repeatedValues(parts);
      expect(got.size, `seed ${seed}`).toBe(expected.size);
      const wrong = values.filter((v) => got.has(v) !== expected.has(v));
      expect(wrong, `seed ${seed}`).toEqual([]);
      expect(repeatedValues(Float64Array.from(values)).size).toBe(expected.size); // one array, not a list
    }
  });

  it('gives none for distinct values and none for an empty input', () => {
    expect(repeatedValues(Float64Array.from([1, 2, 3, 2 ** 32 + 1])).size).toBe(0);
    expect(repeatedValues([]).size).toBe(0);
    expect(repeatedValues(Float64Array.from([NaN, NaN])).has(NaN)).toBe(false);
  });
});
