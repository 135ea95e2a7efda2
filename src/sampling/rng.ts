/**
 * Seeded streams of random numbers, one `seedrandom` instance per purpose, created from the
 * seed and a purpose label: `seedrandom(seed + U+001F + purpose)` (ARC4, seedrandom 3.0.5).
 * Never a global RNG. Used where a PRN per record does not fit (the systematic random start).
 *
 * @example
 * seededStream('20251231', 'systematic-start')() // the same number in [0, 1) on every machine
 */
import seedrandom from 'seedrandom';
import { PRN_SEPARATOR } from './prn.js';

export function seededStream(seed: string, purpose: string): () => number {
  const rng = seedrandom(seed + PRN_SEPARATOR + purpose);
  return () => rng();
}
