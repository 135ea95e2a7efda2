/**
 * Systematic selection with a random start. The eligible records are ordered by event time
 * (records with no event time last), ties by key, then record number — an order that does not
 * depend on the file's row order. With N ordered records and n draws, the interval is N/n and
 * the random start r is an integer in [0, N): r = floor(u·N), u the first number of
 * `seedrandom(seed ␟ 'systematic-start')`. Draw i (0-based) is the record at 1-based position
 * floor((r + i·N) / n) + 1 — exact integer arithmetic; equivalently start r/n, step N/n.
 *
 * Partial: every eligible row's (event time, record, line) in typed arrays plus its key — about
 * 16 bytes + the key string (~40–60 bytes) per eligible row, so ~60–80 MB for 1M rows; parts
 * are concatenated by reference on merge and sorted once in finish.
 *
 * Extension (spec.extendFrom = the earlier n): the systematic draw is repeated with the earlier
 * n (same positions), and the additional n − extendFrom items are the unselected records with
 * the smallest PRN (so the partial also keeps a bottom-n by PRN, only when extending).
 *
 * @example
 * systematic.finish(partial, { ...spec, n: 25 }).systematic // { ordered: 1000, drawn: 25, interval: 40, start: 517 }
 */
import { BottomK, mergeBottomK } from '../bottom-k.js';
import { tieBreak, type Candidate } from '../candidate.js';
import { addCounts, emptyCounts, type EligibilityCounts } from '../eligibility.js';
import type { SamplingMethod } from '../method.js';
import { prnOfInput, PRN_SEPARATOR } from '../prn.js';
import { selectionOf } from '../result.js';
import { seededStream } from '../rng.js';
import { scanChunk, DRAWABLE } from '../scan.js';
import { selectedItem, type SelectedItem, type SystematicDraw } from '../selection.js';

export interface SystematicPart {
  eventTime: Float64Array;
  record: Int32Array;
  line: Int32Array;
  keys: string[];
}

export interface SystematicPartial {
  method: 'systematic';
  counts: EligibilityCounts;
  parts: SystematicPart[];
  /** Bottom-n by PRN, only when extending (spec.extendFrom set); else empty. */
  extension: Candidate[];
}

export const SYSTEMATIC_START_PURPOSE = 'systematic-start';

/** Order positions: event time ascending (none last), then key, then record. */
function orderOf(parts: SystematicPart[]): { all: SystematicPart; order: Int32Array } {
  const total = parts.reduce((sum, p) => sum + p.keys.length, 0);
  const all: SystematicPart = { eventTime: new Float64Array(total), record: new Int32Array(total), line: new Int32Array(total), keys: [] };
  let at = 0;
  for (const p of parts) {
    all.eventTime.set(p.eventTime, at);
    all.record.set(p.record, at);
    all.line.set(p.line, at);
    for (const k of p.keys) all.keys.push(k);
    at += p.keys.length;
  }
  const order = new Int32Array(total).map((_, i) => i);
  const t = all.eventTime;
  order.sort((a, b) => {
    const ta = t[a]!;
    const tb = t[b]!;
    const undatedA = Number.isNaN(ta);
    const undatedB = Number.isNaN(tb);
    if (undatedA !== undatedB) return undatedA ? 1 : -1;
    if (!undatedA && ta !== tb) return ta - tb;
    return tieBreak(all.keys[a]!, all.record[a]!, all.keys[b]!, all.record[b]!);
  });
  return { all, order };
}

/** 0-based positions of a systematic draw of `drawn` items from N ordered records with start r. */
export function systematicPositions(N: number, drawn: number, start: number): number[] {
  const positions: number[] = [];
  for (let i = 0; i < drawn; i++) positions.push(Math.floor((start + i * N) / drawn));
  return positions;
}

/** The random start for N ordered records: floor(u·N), u from the seed's systematic-start stream. */
export function systematicStart(seed: string, N: number): number {
  return Math.floor(seededStream(seed, SYSTEMATIC_START_PURPOSE)() * N);
}

export const systematic: SamplingMethod<SystematicPartial> = {
  name: 'systematic',
  empty: () => ({ method: 'systematic', counts: emptyCounts(), parts: [], extension: [] }),
  map(chunk, spec) {
    const scan = scanChunk(chunk, spec);
    const size = scan.counts.eligible;
    const part: SystematicPart = { eventTime: new Float64Array(size), record: new Int32Array(size), line: new Int32Array(size), keys: new Array<string>(size) };
    const heap = spec.extendFrom !== undefined ? new BottomK(spec.n) : undefined;
    let at = 0;
    const keys = scan.keys();
    const prns = heap ? scan.prns() : undefined;
    for (let i = 0; i < chunk.rows; i++) {
      if (scan.eligible[i] !== DRAWABLE) continue;
      const key = keys[i]!;
      part.eventTime[at] = scan.times[i]!;
      part.record[at] = chunk.record[i]!;
      part.line[at] = chunk.line[i]!;
      part.keys[at++] = key;
      if (heap && prns) {
        const prn = prns[i]!;
        if (heap.accepts(prn, key, chunk.record[i]!)) heap.push({ prn, key, record: chunk.record[i]!, line: chunk.line[i]!, eventTime: scan.times[i]! });
      }
    }
    return { method: 'systematic', counts: scan.counts, parts: size ? [part] : [], extension: heap ? heap.sorted() : [] };
  },
  merge: (a, b, spec) => ({
    method: 'systematic',
    counts: addCounts(a.counts, b.counts),
    parts: [...a.parts, ...b.parts],
    extension: mergeBottomK(a.extension, b.extension, spec.n),
  }),
  finish(partial, spec) {
    const { all, order } = orderOf(partial.parts);
    const N = order.length;
    const drawn = Math.min(spec.extendFrom ?? spec.n, N);
    const prefix = spec.seed + PRN_SEPARATOR;
    const candidateAt = (index: number): Candidate => {
      const key = all.keys[index]!;
      return { prn: prnOfInput(prefix + key), key, record: all.record[index]!, line: all.line[index]!, eventTime: all.eventTime[index]! };
    };
    const start = drawn > 0 && drawn < N ? systematicStart(spec.seed, N) : 0;
    const positions = drawn >= N ? [...order.keys()] : systematicPositions(N, drawn, start);
    const items: SelectedItem[] = positions.map((p, i) => selectedItem(candidateAt(order[p]!), i + 1, false, false));
    const picked = new Set(items.map((item) => item.record));
    for (const c of partial.extension) {
      if (items.length >= Math.min(spec.n, N)) break;
      if (!picked.has(c.record)) items.push(selectedItem(c, items.length + 1, false, true));
    }
    const draw: SystematicDraw = { ordered: N, drawn, interval: drawn > 0 ? N / drawn : 0, start };
    return selectionOf(spec, partial.counts, { items, systematic: draw, allSelected: spec.n >= N });
  },
};
