/**
 * Distinct-value counting that stays small on any population: exact while a column has at most
 * `EXACT_CAP` distinct values, then a HyperLogLog estimate (precision 12, ~1.6% error) flagged as
 * such. Sketches merge, so chunks can be counted on workers. A sketch holds either its exact
 * values or its registers, never both: every value is hashed once (`hash32`, a kernel).
 *
 * @example
 * const d = newDistinct(); addDistinct(d, 'a'); addDistinct(d, 'a'); distinctCount(d) // { count: 1, exact: true }
 */

import { hash32 } from '../../kernels/row-hash.js';

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
