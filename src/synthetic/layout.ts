/**
 * The layout of a generated population, decided before any row is written: which local days of
 * the period are left empty, how many in-period rows fall on each day (at least one on every
 * other day when there are enough rows), which rows carry which defect, and where the ID
 * sequence skips numbers. Memory is O(days + defects), never O(rows).
 *
 * @example
 * const layout = planLayout(resolved, changeModel, randomStream(7, 'layout'))
 * layout.assignments.get(12) // { type: 'variant', variant: 'selfApproval' } or undefined
 */
import { tickmarkError } from '../errors.js';
import { deviations, passingVariants, type RowVariant } from './defects.js';
import type { KindModel } from './kinds/model.js';
import type { ResolvedOptions } from './options.js';
import type { RandomStream } from './rng.js';
import { isWeekend, localDayOf, weekday } from './time.js';

export type Assignment =
  | { type: 'variant'; variant: RowVariant }
  | { type: 'blank'; field: string }
  /** A clean row written twice, byte for byte. */
  | { type: 'duplicateRow' }
  /** A clean row followed by a twin with the same key and one harmless column changed. */
  | { type: 'duplicateKey' };

export interface Layout {
  /** Local day numbers of the period's first and last day. */
  firstDay: number;
  lastDay: number;
  /** Injected empty ranges, as inclusive local day numbers, in date order. */
  emptyRanges: { from: number; to: number }[];
  /** In-period base rows per period day (index = day − firstDay). */
  dayCounts: Int32Array;
  /** In-period rows before duplicates are added. */
  baseRows: number;
  /** Every non-empty day holds an untouched (clean) row. */
  covered: boolean;
  /** Base row index → what that row carries. */
  assignments: Map<number, Assignment>;
  /** Base row index → count of numbers skipped after that row's number. */
  gapsAfter: Map<number, number>;
  before: number;
  after: number;
}

const invalid = (option: string, expected: string, got: unknown) => tickmarkError('TM_ERR_INVALID_OPTION', { option, expected, got });

function shuffle<T>(list: T[], rand: RandomStream): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = rand.int(i + 1);
    const t = list[i]!;
    list[i] = list[j]!;
    list[j] = t;
  }
  return list;
}

/** k distinct integers in [0, n) (Floyd's algorithm), in random order. */
function distinct(k: number, n: number, rand: RandomStream): number[] {
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = rand.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return shuffle([...chosen], rand);
}

function chooseEmptyRanges(first: number, last: number, weeks: number, days: number, rand: RandomStream) {
  const reserved = new Set<number>([first, last]);
  const ranges: { from: number; to: number }[] = [];
  const place = (length: number, count: number, startsOn: (d: number) => boolean, option: string, what: string) => {
    if (count === 0) return;
    const candidates: number[] = [];
    for (let d = first + 1; d + length - 1 <= last - 1; d++) if (startsOn(d)) candidates.push(d);
    shuffle(candidates, rand);
    let placed = 0;
    for (const d of candidates) {
      if (placed === count) break;
      let free = true;
      for (let x = d - 1; x <= d + length && free; x++) if (reserved.has(x)) free = false;
      if (!free) continue;
      for (let x = d - 1; x <= d + length; x++) reserved.add(x);
      ranges.push({ from: d, to: d + length - 1 });
      placed++;
    }
    if (placed < count) throw invalid(option, `cannot fit ${count} ${what} inside the period apart from each other and its first and last day (fitted ${placed})`, count);
  };
  place(7, weeks, (d) => weekday(d) === 1, 'defects.emptyWeeks', 'empty Monday–Sunday weeks');
  place(1, days, (d) => !isWeekend(d), 'defects.emptyDays', 'empty weekdays');
  return ranges.sort((a, b) => a.from - b.from);
}

export function planLayout(opts: ResolvedOptions, model: KindModel, rand: RandomStream): Layout {
  const d = opts.defects;
  const zone = opts.period.timeZone;
  const firstDay = localDayOf(opts.period.startMs, zone);
  const lastDay = localDayOf(opts.period.endExclusiveMs - 1, zone);
  const periodDays = lastDay - firstDay + 1;

  const variantCounts: [RowVariant, number][] = [...deviations, ...passingVariants].filter((v) => d[v] > 0).map((v) => [v, d[v]]);
  const rowDefects = variantCounts.reduce((s, [, n]) => s + n, 0) + d.blankRequired + d.duplicateRows + d.duplicateKeys;
  const baseRows = opts.rows - d.outOfPeriodBefore - d.outOfPeriodAfter - d.duplicateRows - d.duplicateKeys;
  if (baseRows < rowDefects || baseRows < 0) {
    throw invalid('options.rows', `is too small for the defects asked for (${rowDefects} defect rows, ${d.outOfPeriodBefore + d.outOfPeriodAfter} out-of-period rows and duplicates)`, opts.rows);
  }

  const emptyRanges = chooseEmptyRanges(firstDay, lastDay, d.emptyWeeks, d.emptyDays, rand);
  const empty = new Uint8Array(periodDays);
  for (const r of emptyRanges) for (let x = r.from; x <= r.to; x++) empty[x - firstDay] = 1;
  const activeDays = periodDays - emptyRanges.reduce((s, r) => s + r.to - r.from + 1, 0);

  // Weights: weekdays busier than weekends, with some day-to-day noise.
  const weights = new Float64Array(periodDays);
  let total = 0;
  let lastActive = -1;
  for (let i = 0; i < periodDays; i++) {
    if (empty[i]) continue;
    weights[i] = (isWeekend(firstDay + i) ? 0.3 : 1) * (0.6 + 0.8 * rand.next());
    total += weights[i]!;
    lastActive = i;
  }
  const covered = baseRows >= activeDays + rowDefects;
  const anchor = covered ? 1 : 0;
  const spread = baseRows - anchor * activeDays;
  const dayCounts = new Int32Array(periodDays);
  let running = 0;
  let allocated = 0;
  for (let i = 0; i < periodDays; i++) {
    if (empty[i]) continue;
    running += weights[i]!;
    const upTo = i === lastActive ? spread : Math.min(spread, Math.floor((running / total) * spread));
    dayCounts[i] = anchor + upTo - allocated;
    allocated = upTo;
  }

  // Defect rows: distinct rows other than each day's first (which stays clean when covered).
  const eligibleBefore = new Float64Array(periodDays + 1); // eligible rows before day i
  const rowsBefore = new Float64Array(periodDays + 1); // base rows before day i
  for (let i = 0; i < periodDays; i++) {
    eligibleBefore[i + 1] = eligibleBefore[i]! + Math.max(0, dayCounts[i]! - anchor);
    rowsBefore[i + 1] = rowsBefore[i]! + dayCounts[i]!;
  }
  const eligible = eligibleBefore[periodDays]!;
  const toBaseIndex = (q: number): number => {
    let lo = 0;
    let hi = periodDays - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (eligibleBefore[mid]! <= q) lo = mid;
      else hi = mid - 1;
    }
    return rowsBefore[lo]! + anchor + (q - eligibleBefore[lo]!);
  };
  const picks = distinct(rowDefects, eligible, rand);
  const assignments = new Map<number, Assignment>();
  let p = 0;
  for (const [variant, n] of variantCounts) for (let i = 0; i < n; i++) assignments.set(toBaseIndex(picks[p++]!), { type: 'variant', variant });
  for (let i = 0; i < d.blankRequired; i++) assignments.set(toBaseIndex(picks[p++]!), { type: 'blank', field: model.required[i % model.required.length]! });
  for (let i = 0; i < d.duplicateRows; i++) assignments.set(toBaseIndex(picks[p++]!), { type: 'duplicateRow' });
  for (let i = 0; i < d.duplicateKeys; i++) assignments.set(toBaseIndex(picks[p++]!), { type: 'duplicateKey' });

  // Sequence gaps: between two in-period rows that both carry a number.
  const gapsAfter = new Map<number, number>();
  if (d.sequenceGaps > 0) {
    // Neither neighbour of a gap has a blank cell, so both carry a number and a placed event time.
    const blanksKey = (j: number) => assignments.get(j)?.type === 'blank';
    const candidates = baseRows - 2; // j in [1, baseRows - 2]
    if (candidates < d.sequenceGaps * 3) throw invalid('defects.sequenceGaps', `needs at least 3 in-period rows per gap (${baseRows} rows for ${d.sequenceGaps} gaps)`, d.sequenceGaps);
    const [lo, hi] = d.sequenceGapLength;
    let guard = 0;
    while (gapsAfter.size < d.sequenceGaps) {
      if (++guard > d.sequenceGaps * 1000) throw invalid('defects.sequenceGaps', 'cannot place that many gaps between numbered rows', d.sequenceGaps);
      const j = 1 + rand.int(candidates);
      if (gapsAfter.has(j) || blanksKey(j) || blanksKey(j + 1)) continue;
      gapsAfter.set(j, rand.range(lo, hi));
    }
  }

  return { firstDay, lastDay, emptyRanges, dayCounts, baseRows, covered, assignments, gapsAfter, before: d.outOfPeriodBefore, after: d.outOfPeriodAfter };
}
