/**
 * Eligibility: which rows of a chunk a selection may draw from — first the rows that travel with
 * another row's sampling unit (units.ts: never drawn themselves), then the `filter` condition,
 * then the audit period on the event time (a record with no event time is outside the period).
 * Each excluded row is counted against the first rule that excluded it, and the counts go into
 * the manifest so the population, exclusions and eligible total tie out.
 *
 * @example
 * const { eligible, counts } = eligibleRows(chunk, spec);
 * counts.considered === counts.eligible + counts.unitMembers + counts.excludedByFilter + counts.excludedByPeriod // true
 */
import type { AuditPeriod } from '../period/period.js';
import type { PopulationChunk } from '../population/types.js';
import { columnsOf } from '../population/vectors.js';
import { bindSelectionCondition } from './condition/bind.js';
import { parseSelectionCondition } from './condition/parse.js';
import type { SelectionSpec } from './spec.js';

export interface EligibilityCounts {
  /** Records in the population (accepted rows). */
  considered: number;
  /** Rows drawn with their unit's representative row, never on their own (units.ts). */
  unitMembers: number;
  excludedByFilter: number;
  /** Outside the audit period, or with no event time while the period filter is on. */
  excludedByPeriod: number;
  /** Of those excluded by the period: records with no (or an unparseable) event time. */
  undated: number;
  eligible: number;
}

/** A filter as recorded in the manifest (in the order applied). */
export type FilterRecord =
  | { type: 'condition'; expression: string; excluded: number }
  | { type: 'in-period'; field: string; period: { start: string; end: string; timeZone: string }; excluded: number; undated: number };

export const emptyCounts = (): EligibilityCounts => ({ considered: 0, unitMembers: 0, excludedByFilter: 0, excludedByPeriod: 0, undated: 0, eligible: 0 });

export function addCounts(a: EligibilityCounts, b: EligibilityCounts): EligibilityCounts {
  return {
    considered: a.considered + b.considered,
    unitMembers: a.unitMembers + b.unitMembers,
    excludedByFilter: a.excludedByFilter + b.excludedByFilter,
    excludedByPeriod: a.excludedByPeriod + b.excludedByPeriod,
    undated: a.undated + b.undated,
    eligible: a.eligible + b.eligible,
  };
}

/** The event-time column of a chunk (NaN-filled when absent or not a timestamp). */
export function eventTimes(chunk: PopulationChunk, field: string | undefined): Float64Array {
  const column = field ? columnsOf(chunk).field(field) : undefined;
  if (column?.type === 'timestamp') return column.values;
  return new Float64Array(chunk.rows).fill(NaN);
}

/**
 * Eligible rows of a chunk (1 = eligible, 0 = excluded) and the counts.
 *
 * @example
 * eligibleRows(chunk, { ...spec, filter: 'environment=production' }).counts.excludedByFilter // 12
 */
export function eligibleRows(chunk: PopulationChunk, spec: SelectionSpec): { eligible: Uint8Array; counts: EligibilityCounts } {
  const eligible = new Uint8Array(chunk.rows).fill(1);
  const counts = emptyCounts();
  counts.considered = chunk.rows;
  if (spec.members?.length) counts.unitMembers = excludeMembers(eligible, chunk.record, spec.members);
  if (spec.filter !== undefined) {
    const test = bindSelectionCondition(parseSelectionCondition(spec.filter), chunk);
    for (let i = 0; i < chunk.rows; i++) {
      if (eligible[i] === 0) continue;
      if (!test(i)) {
        eligible[i] = 0;
        counts.excludedByFilter++;
      }
    }
  }
  const period: AuditPeriod | undefined = spec.period;
  if (period) {
    const [outside, undated] = excludeOutside(eligible, eventTimes(chunk, spec.eventTime), period.startMs, period.endExclusiveMs);
    counts.excludedByPeriod = outside;
    counts.undated = undated;
  }
  counts.eligible = chunk.rows - counts.unitMembers - counts.excludedByFilter - counts.excludedByPeriod;
  return { eligible, counts };
}

/** Mark the rows whose record is a unit member (both lists ascending); returns how many. */
function excludeMembers(eligible: Uint8Array, records: Int32Array, members: ArrayLike<number>): number {
  let excluded = 0;
  let m = 0;
  for (let i = 0; i < records.length && m < members.length; i++) {
    const r = records[i]!;
    while (m < members.length && members[m]! < r) m++;
    if (m < members.length && members[m] === r) {
      eligible[i] = 0;
      excluded++;
    }
  }
  return excluded;
}

/** Mark still-eligible rows whose time is outside [from, to) (or NaN); [outside, of which undated]. A top-level loop over arrays and numbers, which V8 keeps optimised. */
function excludeOutside(eligible: Uint8Array, times: Float64Array, from: number, to: number): [number, number] {
  let outside = 0;
  let undated = 0;
  for (let i = 0; i < eligible.length; i++) {
    if (eligible[i] === 0) continue;
    const t = times[i]!;
    if (!(t >= from && t < to)) {
      eligible[i] = 0;
      outside++;
      if (t !== t) undated++;
    }
  }
  return [outside, undated];
}

/**
 * The filters of a spec, as the manifest records them, with the final counts.
 *
 * @example
 * filterRecords(spec, counts) // [{ type: 'condition', expression: 'environment=production', excluded: 12 }]
 */
export function filterRecords(spec: SelectionSpec, counts: EligibilityCounts): FilterRecord[] {
  const records: FilterRecord[] = [];
  if (spec.filter !== undefined) records.push({ type: 'condition', expression: parseSelectionCondition(spec.filter).text, excluded: counts.excludedByFilter });
  if (spec.period) {
    const { start, end, timeZone } = spec.period;
    records.push({ type: 'in-period', field: spec.eventTime ?? '', period: { start, end, timeZone }, excluded: counts.excludedByPeriod, undated: counts.undated });
  }
  return records;
}
