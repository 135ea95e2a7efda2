import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { allocate, allocationSequence } from '../../src/sampling/index.js';

const strata = (...populations: number[]) => populations.map((population, i) => ({ id: `S${String(i).padStart(2, '0')}`, population }));

describe('proportional allocation (one per stratum, then Webster, one draw at a time)', () => {
  it('matches the proportional shares when they are whole numbers', () => {
    expect(allocate(strata(100, 200, 700), 10, 'proportional')).toEqual([1, 2, 7]);
  });

  it('rounds fractional shares to the nearest', () => {
    // shares 2, 1.2, 0.8
    expect(allocate(strata(5, 3, 2), 4, 'proportional')).toEqual([2, 1, 1]);
  });

  it('gives every non-empty stratum one item before any gets a second', () => {
    expect(allocate(strata(2, 100), 10, 'proportional')).toEqual([1, 9]);
    expect(allocate(strata(1000, 1, 0, 1), 3, 'proportional')).toEqual([1, 1, 0, 1]);
  });

  it('with fewer items than strata, serves the largest strata first', () => {
    expect(allocate(strata(10, 50, 30), 2, 'proportional')).toEqual([0, 1, 1]);
    expect(allocationSequence(strata(100, 300), 4, 'proportional')).toEqual([1, 0, 1, 1]);
  });

  it('does not suffer the Alabama paradox (largest remainder gives [4,4,2] then [5,5,1])', () => {
    expect(allocate(strata(6, 6, 2), 10, 'proportional')).toEqual([5, 4, 1]);
    expect(allocate(strata(6, 6, 2), 11, 'proportional')).toEqual([5, 5, 1]);
  });

  it('breaks exact ties by the larger stratum, then the earlier one', () => {
    // after [1,1] the priorities 6/1.5 and 2/0.5 are equal: 4 = 4 → the larger stratum
    expect(allocationSequence(strata(2, 6), 3, 'proportional')).toEqual([1, 0, 1]);
    expect(allocationSequence(strata(4, 4), 3, 'proportional')).toEqual([0, 1, 0]);
  });
});

describe('equal allocation', () => {
  it('spreads items evenly, the remainder to the largest strata', () => {
    const months = strata(40, 10, 55, 60, 20, 70, 30, 80, 90, 15, 25, 100);
    expect(allocate(months, 30, 'equal')).toEqual([2, 2, 3, 3, 2, 3, 2, 3, 3, 2, 2, 3]);
  });

  it('never takes more than a stratum holds; others take up the rest', () => {
    expect(allocate(strata(1, 10, 10), 9, 'equal')).toEqual([1, 4, 4]);
  });
});

describe('allocation properties', () => {
  const rng = seedrandom('allocation');
  const designs = Array.from({ length: 40 }, () => strata(...Array.from({ length: 1 + Math.floor(rng() * 14) }, () => Math.floor(rng() ** 2 * 60))));

  it.each(['proportional', 'equal'] as const)('%s: nested in n, sums to min(n, N), capped, one per non-empty stratum when n ≥ S', (rule) => {
    for (const design of designs) {
      const N = design.reduce((s, d) => s + d.population, 0);
      const S = design.filter((d) => d.population > 0).length;
      const full = allocationSequence(design, N + 2, rule);
      expect(full.length).toBe(N);
      const sizes = [...new Set([0, 1, S - 1, S, S + 1, Math.floor(N / 3), Math.floor(N / 2), N - 1, N, N + 2])].filter((n) => n >= 0);
      for (const n of sizes) {
        // nested: the allocation for n is the first n draws of the allocation for any larger n
        expect(allocationSequence(design, n, rule)).toEqual(full.slice(0, n));
        const a = allocate(design, n, rule);
        const problems = a.flatMap((x, h) => [
          x > design[h]!.population ? `stratum ${h} over capacity` : [],
          n >= S && design[h]!.population > 0 && x < 1 ? `stratum ${h} empty at n=${n}` : [],
        ].flat());
        expect(problems).toEqual([]);
        expect(a.reduce((s, x) => s + x, 0)).toBe(Math.min(n, N));
      }
    }
  });
});
