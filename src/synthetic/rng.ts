/**
 * Seeded random streams for the synthetic generator: one `seedrandom` (alea) instance per
 * purpose, derived from the seed and the purpose's name, so that changing how one purpose draws
 * numbers never shifts another. Never `Math.random`.
 *
 * @example
 * const r = randomStream(7, 'layout')
 * r.int(10) // the same integer in [0, 10) on every run with seed 7
 */
import seedrandom from 'seedrandom';

export interface RandomStream {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [lo, hi] (both inclusive). */
  range(lo: number, hi: number): number;
  /** A float in [lo, hi). */
  between(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
}

export function randomStream(seed: string | number, purpose: string): RandomStream {
  const prng: () => number = seedrandom.alea(`tickmark-synthetic\u001f${seed}\u001f${purpose}`);
  return {
    next: prng,
    int: (n) => Math.floor(prng() * n),
    range: (lo, hi) => lo + Math.floor(prng() * (hi - lo + 1)),
    between: (lo, hi) => lo + prng() * (hi - lo),
    chance: (p) => prng() < p,
    pick: (list) => list[Math.floor(prng() * list.length)]!,
  };
}
