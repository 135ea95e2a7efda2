/**
 * Seeded streams of random numbers, one `seedrandom` instance per purpose, created from the
 * seed and a purpose label: `seedrandom(seed + U+001F + purpose)` (ARC4, seedrandom 3.0.5).
 * Never a global RNG. Used where a PRN per record does not fit (the systematic random start).
 *
 * @example
 * seededStream('20251231', 'systematic-start')() // the same number in [0, 1) on every machine
 */
import { createRequire } from 'node:module';
import type seedrandomType from 'seedrandom';
import { PRN_SEPARATOR } from './prn.js';

/** seedrandom, loaded on the first stream (most selections need none). */
let seedrandom: typeof seedrandomType | undefined;

export function seededStream(seed: string, purpose: string): () => number {
  seedrandom ??= createRequire(import.meta.url)('seedrandom') as typeof seedrandomType;
  const rng = seedrandom(seed + PRN_SEPARATOR + purpose);
  return () => rng();
}
