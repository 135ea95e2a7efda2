/**
 * Bottom-k: keep the k candidates with the smallest PRN (ties by key, then record) while a chunk
 * is scanned. A max-heap holds the current k; a row is only turned into an object when it beats
 * the heap's largest, so a scan of N rows allocates about k·ln(N/k) candidates, not N.
 * `mergeBottomK` merges two sorted bottom-k lists: commutative and associative, so chunks can be
 * merged in any order and grouping with the same result.
 *
 * @example
 * const heap = new BottomK(2);
 * if (heap.accepts(0.1, 'A', 1)) heap.push({ prn: 0.1, key: 'A', record: 1, line: 2, eventTime: NaN });
 * heap.sorted() // [{ prn: 0.1, key: 'A', ... }]
 */
import { compareCandidates, tieBreak, type Candidate } from './candidate.js';

export class BottomK {
  readonly k: number;
  private readonly heap: Candidate[] = [];

  constructor(k: number) {
    this.k = k;
  }

  get size(): number {
    return this.heap.length;
  }

  /** True when a record with this PRN cannot enter the bottom-k, whatever its key (no key string needed). */
  rejects(prn: number): boolean {
    return this.heap.length >= this.k && (this.k === 0 || prn > this.heap[0]!.prn);
  }

  /** The largest PRN a record can have and still enter (on a tie, its key decides): for a number p, `rejects(p)` is `p > ceiling()`. */
  ceiling(): number {
    if (this.heap.length < this.k) return Number.POSITIVE_INFINITY;
    return this.k === 0 ? Number.NEGATIVE_INFINITY : this.heap[0]!.prn;
  }

  /** True when a record with this PRN/key/record would enter the bottom-k. */
  accepts(prn: number, key: string, record: number): boolean {
    if (this.heap.length < this.k) return true;
    if (this.k === 0) return false;
    const top = this.heap[0]!;
    if (prn !== top.prn) return prn < top.prn;
    return tieBreak(key, record, top.key, top.record) < 0;
  }

  /** Insert a candidate that `accepts` approved. */
  push(candidate: Candidate): void {
    const h = this.heap;
    if (h.length < this.k) {
      h.push(candidate);
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (compareCandidates(h[i]!, h[parent]!) <= 0) break;
        [h[i], h[parent]] = [h[parent]!, h[i]!];
        i = parent;
      }
      return;
    }
    h[0] = candidate;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let largest = i;
      if (l < h.length && compareCandidates(h[l]!, h[largest]!) > 0) largest = l;
      if (r < h.length && compareCandidates(h[r]!, h[largest]!) > 0) largest = r;
      if (largest === i) break;
      [h[i], h[largest]] = [h[largest]!, h[i]!];
      i = largest;
    }
  }

  /** The kept candidates in ascending order. */
  sorted(): Candidate[] {
    return [...this.heap].sort(compareCandidates);
  }
}

/**
 * The largest PRN that can still enter a bottom-k already holding `kept` (ascending): the k-th
 * one's PRN once there are k, else +∞. A record above it can never be among the bottom k of any
 * set that includes `kept`; a record equal to it can, on its key.
 *
 * @example
 * ceilingOf([{ prn: 0.1, ... }, { prn: 0.3, ... }], 2) // 0.3
 */
export function ceilingOf(kept: readonly Candidate[], k: number): number {
  if (k === 0) return Number.NEGATIVE_INFINITY;
  return kept.length >= k ? kept[k - 1]!.prn : Number.POSITIVE_INFINITY;
}

/**
 * Merge two ascending candidate lists and keep the first k.
 *
 * @example
 * mergeBottomK([{ prn: 0.1, ... }], [{ prn: 0.05, ... }], 1) // [{ prn: 0.05, ... }]
 */
export function mergeBottomK(a: readonly Candidate[], b: readonly Candidate[], k: number): Candidate[] {
  const out: Candidate[] = [];
  let i = 0;
  let j = 0;
  while (out.length < k && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && compareCandidates(a[i]!, b[j]!) <= 0)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}
