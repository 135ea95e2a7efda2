/**
 * Distinct-value counting that stays small on any population: exact while a column has at most
 * `EXACT_CAP` distinct values, then a HyperLogLog estimate (precision 12, ~1.6% error) flagged as
 * such. Sketches merge, so chunks can be counted on workers. A sketch holds either its exact
 * values or its registers, never both: every value is hashed once.
 *
 * @example
 * const d = newDistinct(); addDistinct(d, 'a'); addDistinct(d, 'a'); distinctCount(d) // { count: 1, exact: true }
 */

import type { Units } from '../../kernels/text-units.js';

export const EXACT_CAP = 2048;
const P = 12;
export const REGISTERS = 1 << P;
const M = REGISTERS;

export interface DistinctSketch {
  /** Exact values while small; null once the column overflowed. */
  exact: Set<string> | null;
  /** HyperLogLog registers, only once the column overflowed (each value is hashed once either way). */
  registers: Uint8Array | null;
}

export function newDistinct(): DistinctSketch {
  return { exact: new Set(), registers: null };
}

/** The sketch hash's starting value (its multiplier, 2246822519, is written out in each loop). */
export const DISTINCT_SEED = 0x811c9dc5;

/**
 * A 32-bit hash of a value for the sketch: two UTF-16 code units a step (one multiply), framed by
 * the length, then murmur3's finalizer. A typer may run the same steps inline (type-records.ts).
 */
export function hash32(s: string): number {
  const n = s.length;
  let h = DISTINCT_SEED ^ n;
  let k = 0;
  for (; k + 1 < n; k += 2) h = Math.imul(h ^ (s.charCodeAt(k) | (s.charCodeAt(k + 1) << 16)), 2246822519);
  if (k < n) h = Math.imul(h ^ s.charCodeAt(k), 2246822519);
  return finalize32(h);
}

/** `hash32` of the code units[from, to) (Latin-1 bytes or UTF-16), without the string (a Latin-1 byte is its code unit). */
export function hash32Units(bytes: Units, from: number, to: number): number {
  let h = DISTINCT_SEED ^ (to - from);
  let k = from;
  for (; k + 1 < to; k += 2) h = Math.imul(h ^ (bytes[k]! | (bytes[k + 1]! << 16)), 2246822519);
  if (k < to) h = Math.imul(h ^ bytes[k]!, 2246822519);
  return finalize32(h);
}

/** murmur3's 32-bit finalizer: every input bit reaches every output bit. */
export function finalize32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function addHash(registers: Uint8Array, h: number): void {
  const idx = h >>> (32 - P);
  const w = (h << P) >>> 0;
  const rank = w === 0 ? 32 - P + 1 : Math.clz32(w) + 1;
  if (rank > registers[idx]!) registers[idx] = rank;
}

/** The registers of a sketch (built from its exact values when it has none yet). */
function registersOf(d: DistinctSketch): Uint8Array {
  if (d.registers) return d.registers;
  const registers = new Uint8Array(M);
  for (const v of d.exact!) addHash(registers, hash32(v));
  return registers;
}

export function addDistinct(d: DistinctSketch, value: string): void {
  if (d.exact) {
    d.exact.add(value);
    if (d.exact.size > EXACT_CAP) {
      d.registers = registersOf(d);
      d.exact = null;
    }
    return;
  }
  addHash(d.registers!, hash32(value));
}

/** Merge `b` into `a` (mutated and returned: merges fold into an accumulator). */
export function mergeDistinct(a: DistinctSketch, b: DistinctSketch): DistinctSketch {
  if (a.exact && b.exact) {
    for (const v of b.exact) a.exact.add(v);
    if (a.exact.size > EXACT_CAP) {
      a.registers = registersOf(a);
      a.exact = null;
    }
    return a;
  }
  const registers = (a.registers = registersOf(a));
  a.exact = null;
  const rb = registersOf(b);
  for (let i = 0; i < M; i++) if (rb[i]! > registers[i]!) registers[i] = rb[i]!;
  return a;
}

export function distinctCount(d: DistinctSketch): { count: number; exact: boolean } {
  if (d.exact) return { count: d.exact.size, exact: true };
  const registers = d.registers!;
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < M; i++) {
    sum += 2 ** -registers[i]!;
    if (registers[i] === 0) zeros++;
  }
  const alpha = 0.7213 / (1 + 1.079 / M);
  let estimate = (alpha * M * M) / sum;
  if (estimate <= 2.5 * M && zeros > 0) estimate = M * Math.log(M / zeros);
  return { count: Math.round(estimate), exact: false };
}
