/**
 * Simple random selection without replacement: the n eligible records with the smallest PRN
 * (ties by key, then record). Partial = the chunk's bottom-n candidates, ascending; merge keeps
 * the bottom-n of both. A larger n with the same seed keeps every earlier item, in the same order.
 *
 * @example
 * random.finish(random.map(chunk, { ...spec, n: 3 }), spec).items.map((i) => i.order) // [1, 2, 3]
 */
import { BottomK, ceilingOf, mergeBottomK } from '../bottom-k.js';
import type { Candidate } from '../candidate.js';
import { addCounts, emptyCounts, type EligibilityCounts } from '../eligibility.js';
import type { SamplingMethod } from '../method.js';
import { isExtension, selectionOf } from '../result.js';
import { scanChunk, DRAWABLE, type ChunkScan } from '../scan.js';
import { selectedItem, type SelectedItem } from '../selection.js';
import type { SelectionSpec } from '../spec.js';

export interface RandomPartial {
  method: 'random';
  counts: EligibilityCounts;
  /** Bottom-n candidates, ascending by (PRN, key, record). */
  candidates: Candidate[];
}

/**
 * Bottom-k of a chunk's drawable rows (no object per row: only rows beating the k-th), leaving out
 * rows above `bound` (the k-th PRN of chunks already read: such a row cannot be drawn).
 */
export function bottomKOfScan(scan: ChunkScan, k: number, bound = Number.POSITIVE_INFINITY): Candidate[] {
  const heap = new BottomK(k);
  fillBottomK(heap, scan, bound);
  return heap.sorted();
}

/** The scan loop alone (see stratified.ts drawStrata: V8 keeps it optimised from chunk to chunk). */
function fillBottomK(heap: BottomK, scan: ChunkScan, bound: number): void {
  const { chunk, eligible, times } = scan;
  const prns = scan.prns();
  let ceiling = Math.min(heap.ceiling(), bound);
  for (let i = 0; i < chunk.rows; i++) {
    if (eligible[i] !== DRAWABLE) continue;
    const prn = prns[i]!;
    if (prn > ceiling) continue;
    const key = scan.key(i);
    if (!heap.accepts(prn, key, chunk.record[i]!)) continue;
    heap.push({ prn, key, record: chunk.record[i]!, line: chunk.line[i]!, eventTime: times[i]! });
    ceiling = Math.min(heap.ceiling(), bound);
  }
}

/** The first n candidates as selected items, orders from `offset + 1`. */
export function randomItems(partial: RandomPartial, spec: SelectionSpec, offset = 0): SelectedItem[] {
  return partial.candidates.slice(0, spec.n).map((c, i) => selectedItem(c, offset + i + 1, false, isExtension(spec, i + 1)));
}

export function mapRandomScan(scan: ChunkScan, spec: SelectionSpec, counts: EligibilityCounts, before?: RandomPartial): RandomPartial {
  return { method: 'random', counts, candidates: bottomKOfScan(scan, spec.n, before ? ceilingOf(before.candidates, spec.n) : undefined) };
}

export const random: SamplingMethod<RandomPartial> = {
  name: 'random',
  empty: () => ({ method: 'random', counts: emptyCounts(), candidates: [] }),
  map(chunk, spec, before) {
    const scan = scanChunk(chunk, spec);
    return mapRandomScan(scan, spec, scan.counts, before);
  },
  merge: (a, b, spec) => ({ method: 'random', counts: addCounts(a.counts, b.counts), candidates: mergeBottomK(a.candidates, b.candidates, spec.n) }),
  finish(partial, spec) {
    return selectionOf(spec, partial.counts, { items: randomItems(partial, spec), allSelected: spec.n >= partial.counts.eligible });
  },
};
