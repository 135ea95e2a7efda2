/**
 * A 64-bit hash of each row's source values, for whole-row duplicates. Two 32-bit multiplicative
 * lanes (cyrb53's constants) run over every column, two UTF-16 code units per step; each value is framed by its length (null has
 * its own marker), so ['ab', 'c'] and ['a', 'bc'] differ and blank differs from "". It runs in
 * JavaScript over the strings ingest already holds: no per-row string join, no crypto call.
 * The result is split into a 53-bit part (sortable as a float) and the 11 remaining bits, packed
 * with the row's character count as an extra confirmation.
 *
 * @example
 * const { hash, rest } = hashRows(chunk, meta.headers) // Float64Array, Int32Array, one per row
 */
import type { PopulationChunk } from '../../population/types.js';

const NULL_MARK = 0x7fffffff;

export function hashRows(chunk: PopulationChunk, headers: readonly string[]): { hash: Float64Array; rest: Int32Array } {
  const n = chunk.rows;
  const columns = headers.map((h) => chunk.source[h] ?? null);
  const hash = new Float64Array(n);
  const rest = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    let size = 0;
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c];
      const v = col ? col[i] : null;
      const len = v == null ? NULL_MARK : v.length;
      h1 = Math.imul(h1 ^ len, 2654435761);
      h2 = Math.imul(h2 ^ len, 1597334677);
      if (v != null) {
        size += v.length;
        // Two UTF-16 code units per step (lossless: each is < 2^16); an odd last unit goes alone,
        // which the length framing above keeps unambiguous. (No read past the end: V8 deopts on it.)
        const even = v.length & ~1;
        let k = 0;
        for (; k < even; k += 2) {
          const w = v.charCodeAt(k) | (v.charCodeAt(k + 1) << 16);
          h1 = Math.imul(h1 ^ w, 2654435761);
          h2 = Math.imul(h2 ^ w, 1597334677);
        }
        if (k < v.length) {
          const w = v.charCodeAt(k);
          h1 = Math.imul(h1 ^ w, 2654435761);
          h2 = Math.imul(h2 ^ w, 1597334677);
        }
      }
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    hash[i] = 4294967296 * (h2 & 0x1fffff) + (h1 >>> 0);
    rest[i] = ((h2 >>> 21) & 0x7ff) | (Math.min(size, 0xfffff) << 11);
  }
  return { hash, rest };
}

/** 16 hex digits of the 64-bit hash (for evidence). */
export function hashHex(hash: number, rest: number): string {
  const high = (Math.floor(hash / 4294967296) | ((rest & 0x7ff) << 21)) >>> 0;
  const low = hash % 4294967296;
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/** A 53-bit hash of one string (same lanes as the row hash), sortable as a float. */
export function hashText(v: string): number {
  let h1 = 0xdeadbeef ^ v.length;
  let h2 = 0x41c6ce57 ^ v.length;
  const even = v.length & ~1;
  let k = 0;
  for (; k < even; k += 2) {
    const w = v.charCodeAt(k) | (v.charCodeAt(k + 1) << 16);
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
  }
  if (k < v.length) {
    const w = v.charCodeAt(k);
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (h2 & 0x1fffff) + (h1 >>> 0);
}

/** Values of a Float64Array that occur more than once (NaN never counts). */
export function repeatedValues(values: Float64Array): Set<number> {
  const sorted = values.slice().sort();
  const repeated = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]!);
  return repeated;
}
