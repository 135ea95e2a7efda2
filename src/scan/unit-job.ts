/**
 * The sampling unit index as a scan job: map each chunk to its rows' unit keys (hashed, kept as
 * one text per chunk — completeness's duplicate-key groundwork) and event times; merge by
 * concatenation; finish by grouping the rows whose key repeats (compared by exact text, never by
 * hash alone) into the unit index (sampling/units.ts). Rows without a key — every row of a row
 * unit, and rows whose key is blank — are keyed by their content key, as selection keys them.
 *
 * @example
 * const index = finishUnits(job, chunks.map((c) => mapUnits(c, job)).reduce(mergeUnits))
 */
import { duplicateGroups, keyTexts, type KeyText } from '../completeness/checks/duplicate-keys.js';
import { hashText } from '../completeness/support/row-hash.js';
import { contentKey } from '../population/key.js';
import type { PopulationChunk } from '../population/types.js';
import { eventTimes } from '../sampling/eligibility.js';
import { unitIndex, type RepeatedUnit, type SamplingUnit, type UnitIndex } from '../sampling/units.js';

export interface UnitJob {
  unit: SamplingUnit;
  /** Source headers in file order (content keys). */
  headers: string[];
  eventTime?: string;
}

export interface UnitPartial {
  keys: KeyText[];
  /** 53-bit hash per key (NaN: the row is keyed in another part). */
  hashes: Float64Array[];
  records: Int32Array[];
  times: Float64Array[];
}

export const emptyUnits = (): UnitPartial => ({ keys: [], hashes: [], records: [], times: [] });

/** The key fields the unit index keys rows by (none: every row by its content). */
export const unitKeyFields = (job: UnitJob): string[] => (job.unit.by === 'item' ? job.unit.key : []);

/** `keyed`: the chunk's `keyTexts` for the unit's key fields when already made (completeness's duplicate_keys partial). */
export function mapUnits(chunk: PopulationChunk, job: UnitJob, keyed = keyTexts(chunk, unitKeyFields(job))): UnitPartial {
  const times = eventTimes(chunk, job.eventTime);
  const out = emptyUnits();
  out.keys.push(...keyed.keys);
  out.hashes.push(...keyed.hashes);
  out.records.push(...keyed.records);
  if (keyed.records.length) out.times.push(times.slice());
  const unkeyed: number[] = [];
  const hashes = keyed.hashes[0];
  for (let i = 0; i < chunk.rows; i++) if (!hashes || hashes[i] !== hashes[i]) unkeyed.push(i);
  if (unkeyed.length) {
    const ends = new Int32Array(unkeyed.length);
    const h = new Float64Array(unkeyed.length);
    const parts: string[] = [];
    let end = 0;
    unkeyed.forEach((row, j) => {
      const k = contentKey(chunk, row, job.headers);
      parts.push(k);
      h[j] = hashText(k);
      ends[j] = end += k.length;
    });
    out.keys.push({ text: parts.join(''), ends });
    out.hashes.push(h);
    out.records.push(Int32Array.from(unkeyed, (row) => chunk.record[row]!));
    out.times.push(Float64Array.from(unkeyed, (row) => times[row]!));
  }
  return out;
}

export function mergeUnits(a: UnitPartial, b: UnitPartial): UnitPartial {
  return { keys: [...a.keys, ...b.keys], hashes: [...a.hashes, ...b.hashes], records: [...a.records, ...b.records], times: [...a.times, ...b.times] };
}

export function finishUnits(job: UnitJob, p: UnitPartial): UnitIndex {
  const { groups } = duplicateGroups(p.keys, p.hashes, p.records);
  if (!groups.length) return unitIndex(job.unit, []);
  const wanted = new Set<number>();
  for (const g of groups) for (const r of g.records) wanted.add(r);
  const timeOf = new Map<number, number>();
  p.records.forEach((records, part) => {
    const times = p.times[part]!;
    for (let i = 0; i < records.length; i++) if (wanted.has(records[i]!) && !Number.isNaN(p.hashes[part]![i]!)) timeOf.set(records[i]!, times[i]!);
  });
  const repeated: RepeatedUnit[] = groups.map((g) => ({ key: g.key, records: g.records, times: g.records.map((r) => timeOf.get(r) ?? NaN) }));
  return unitIndex(job.unit, repeated);
}
