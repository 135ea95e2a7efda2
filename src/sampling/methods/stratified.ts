/**
 * Stratified selection by period: records are grouped by the month or quarter of their event
 * time (in the design's time zone; no event time → `undated`), n is allocated over the strata
 * one draw at a time (allocation.ts: proportional = one per non-empty stratum, then Webster;
 * or equal), and each draw takes its stratum's next-smallest PRN.
 *
 * Partial (one pass): per stratum, its eligible count and its bottom-n candidates — n because
 * the allocation is only known once all chunks are counted, and no stratum can receive more
 * than n. Memory: at most (strata × n) candidates. With an audit period, every month/quarter
 * of the period is listed, empty ones with population 0.
 *
 * Extension: draws are allocated sequentially, so the sample of n is the first n draws of the
 * sample of n' > n with the same seed; orders 1..n keep their items.
 *
 * @example
 * stratified.finish(partial, { ...spec, n: 24 }).strata // [{ id: '2025-01', population: 812, allocated: 2, selected: 2 }, …]
 */
import { BottomK, ceilingOf, mergeBottomK } from '../bottom-k.js';
import type { Candidate } from '../candidate.js';
import { allocationSequence } from '../allocation.js';
import { addCounts, emptyCounts, type EligibilityCounts } from '../eligibility.js';
import type { SamplingMethod } from '../method.js';
import { isExtension, selectionOf } from '../result.js';
import { scanChunk, DRAWABLE, type ChunkScan } from '../scan.js';
import { selectedItem, type SelectedItem, type StratumSummary } from '../selection.js';
import type { SelectionSpec, StratifyOptions, StratumBucket } from '../spec.js';
import { compareStrata, periodStrata, StrataReader } from '../strata.js';

export interface StratumPartial {
  id: string;
  /** Drawable records in the stratum. */
  population: number;
  /** Bottom-n candidates of the stratum, ascending. */
  candidates: Candidate[];
}

export interface StratifiedPartial {
  method: 'stratified';
  counts: EligibilityCounts;
  /** Sorted by stratum id (chronological, `undated` last). */
  strata: StratumPartial[];
}

function stratifyOf(spec: SelectionSpec): StratifyOptions {
  return spec.stratify ?? { by: 'month', allocation: 'proportional', timeZone: 'UTC' };
}

/** The stratum id of every row of a scan. */
export function rowStrata(scan: ChunkScan, spec: SelectionSpec): string[] {
  const { slot, ids } = rowStrataSlots(scan, spec);
  return Array.from(slot, (k) => ids[k]!);
}

/** Every row's stratum as a small integer (`ids[slot[i]]` is its id): no string per row. */
export function rowStrataSlots(scan: ChunkScan, spec: SelectionSpec): { slot: Int32Array; ids: string[] } {
  const { by, timeZone } = stratifyOf(spec);
  const reader = new StrataReader(by, timeZone);
  const times = scan.times;
  const rows = scan.chunk.rows;
  const slot = new Int32Array(rows);
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < rows; ) {
    const id = reader.id(times[i]!);
    let k = index.get(id);
    if (k === undefined) index.set(id, (k = ids.push(id) - 1));
    const [from, to] = reader.utcRange();
    i = fillRun(times, slot, i, rows, k, from, to);
  }
  return { slot, ids };
}

/** Row i, and the rows after it whose time lies in [from, to), get stratum k; returns the next row. */
function fillRun(times: Float64Array, slot: Int32Array, i: number, rows: number, k: number, from: number, to: number): number {
  slot[i++] = k;
  while (i < rows) {
    const t = times[i]!;
    if (!(t >= from && t < to)) break;
    slot[i++] = k;
  }
  return i;
}

/** Row i into its stratum's bottom-k if it beats the k-th (kept out of the scan loop: it runs for few rows). */
function offer(heap: BottomK, scan: ChunkScan, i: number, prn: number, stratum: string): void {
  const key = scan.key(i);
  const record = scan.chunk.record[i]!;
  if (heap.accepts(prn, key, record)) heap.push({ prn, key, record, line: scan.chunk.line[i]!, eventTime: scan.times[i]!, stratum });
}

/**
 * The strata a chunk's drawable rows fall in, each with its population and bottom-k, filled as
 * the rows are read. Rows come in runs of one month (exports are in time order): a row whose time
 * lies in the last stratum's UTC range costs two comparisons, and a row whose PRN is above its
 * stratum's ceiling one more.
 */
class StrataDraw {
  readonly ids: string[] = [];
  readonly population: number[] = [];
  readonly heaps: BottomK[] = [];
  /** Per stratum, the largest PRN its bottom-k can still take. */
  readonly ceiling: number[] = [];
  /** Per stratum, the largest PRN the chunks already read leave drawable (+∞ when they leave any). */
  readonly bound: number[] = [];
  private readonly index = new Map<string, number>();
  private readonly reader: StrataReader;

  constructor(private readonly n: number, by: StratumBucket, timeZone: string, private readonly bounds: ReadonlyMap<string, number>) {
    this.reader = new StrataReader(by, timeZone);
  }

  /** The stratum of a time, created on first sight; `range()` then bounds the times that share it. */
  slotOf(utcMs: number): number {
    const id = this.reader.id(utcMs);
    let k = this.index.get(id);
    if (k === undefined) {
      k = this.ids.push(id) - 1;
      this.index.set(id, k);
      this.population.push(0);
      const bound = this.bounds.get(id) ?? Number.POSITIVE_INFINITY;
      this.heaps.push(new BottomK(this.n));
      this.bound.push(bound);
      this.ceiling.push(Math.min(new BottomK(this.n).ceiling(), bound));
    }
    return k;
  }

  range(): [number, number] {
    return this.reader.utcRange();
  }
}

/**
 * The scan loop alone, in its own function: V8 optimises it mid-loop, and code after a loop
 * that had never run made it throw that away at the end of every chunk.
 */
function drawStrata(scan: ChunkScan, eligible: Uint8Array, prns: Float64Array, draw: StrataDraw): void {
  const { times } = scan;
  const { population, heaps, ceiling, bound, ids } = draw;
  let from = Number.NaN;
  let to = Number.NaN;
  let k = 0;
  for (let i = 0; i < eligible.length; i++) {
    if (eligible[i] !== DRAWABLE) continue;
    const t = times[i]!;
    if (!(t >= from && t < to)) {
      k = draw.slotOf(t);
      [from, to] = draw.range();
    }
    population[k]!++;
    const prn = prns[i]!;
    if (prn > ceiling[k]!) continue;
    const heap = heaps[k]!;
    offer(heap, scan, i, prn, ids[k]!);
    ceiling[k] = Math.min(heap.ceiling(), bound[k]!);
  }
}

/** Each stratum's ceiling in a partial of chunks already read (ceilingOf): rows above it cannot be drawn. */
function strataBounds(before: StratifiedPartial | undefined, n: number): Map<string, number> {
  return new Map((before?.strata ?? []).map((s) => [s.id, ceilingOf(s.candidates, n)]));
}

export function mapStratifiedScan(scan: ChunkScan, spec: SelectionSpec, counts: EligibilityCounts, before?: StratifiedPartial): StratifiedPartial {
  const { by, timeZone } = stratifyOf(spec);
  const draw = new StrataDraw(spec.n, by, timeZone, strataBounds(before, spec.n));
  drawStrata(scan, scan.eligible, scan.prns(), draw);
  const strata = draw.ids.map((id, k): StratumPartial => ({ id, population: draw.population[k]!, candidates: draw.heaps[k]!.sorted() }));
  return { method: 'stratified', counts, strata: strata.sort((x, y) => compareStrata(x.id, y.id)) };
}

export function mergeStratified(a: StratifiedPartial, b: StratifiedPartial, spec: SelectionSpec): StratifiedPartial {
  const byId = new Map<string, StratumPartial>();
  for (const s of [...a.strata, ...b.strata]) {
    const seen = byId.get(s.id);
    byId.set(s.id, seen ? { id: s.id, population: seen.population + s.population, candidates: mergeBottomK(seen.candidates, s.candidates, spec.n) } : s);
  }
  return { method: 'stratified', counts: addCounts(a.counts, b.counts), strata: [...byId.values()].sort((x, y) => compareStrata(x.id, y.id)) };
}

/** Draw the stratified sample; orders start at `offset + 1`. */
export function stratifiedDraw(partial: StratifiedPartial, spec: SelectionSpec, offset = 0): { items: SelectedItem[]; strata: StratumSummary[]; population: number } {
  const { by, allocation } = stratifyOf(spec);
  const strata = [...partial.strata];
  if (spec.period) {
    for (const id of periodStrata(spec.period, by)) if (!strata.some((s) => s.id === id)) strata.push({ id, population: 0, candidates: [] });
    strata.sort((x, y) => compareStrata(x.id, y.id));
  }
  const taken = strata.map(() => 0);
  const items: SelectedItem[] = [];
  for (const h of allocationSequence(strata, spec.n, allocation)) {
    const candidate = strata[h]!.candidates[taken[h]!++]!;
    items.push(selectedItem(candidate, offset + items.length + 1, false, isExtension(spec, items.length + 1)));
  }
  return {
    items,
    strata: strata.map((s, h) => ({ id: s.id, population: s.population, allocated: taken[h]!, selected: taken[h]! })),
    population: strata.reduce((sum, s) => sum + s.population, 0),
  };
}

export const stratified: SamplingMethod<StratifiedPartial> = {
  name: 'stratified',
  empty: () => ({ method: 'stratified', counts: emptyCounts(), strata: [] }),
  map(chunk, spec, before) {
    const scan = scanChunk(chunk, spec);
    return mapStratifiedScan(scan, spec, scan.counts, before);
  },
  merge: mergeStratified,
  finish(partial, spec) {
    const draw = stratifiedDraw(partial, spec);
    return selectionOf(spec, partial.counts, { items: draw.items, strata: draw.strata, allSelected: spec.n >= draw.population });
  },
};
