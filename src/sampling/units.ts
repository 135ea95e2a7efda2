/**
 * The sampling unit: what one draw takes. By item (the default), a unit is a key — every row of
 * the population sharing that key travels with it, and the key has one PRN; by row, each row is
 * its own unit (its content key). A sample never holds the same unit twice.
 *
 * The unit index lists the units with more than one row: for each, its rows and its
 * representative — the row with the earliest event time (rows without one last), ties by the
 * lowest record — which is the only row a selection may draw; the other rows are the unit's
 * members and are never drawn themselves. Which row represents a unit depends only on the rows'
 * content (their event times), so the stratum a unit falls in and its place in a systematic
 * order do not depend on the file's row order. A unit is eligible when its representative is.
 *
 * @example
 * const index = unitIndex({ by: 'item', key: ['change_id'] }, [{ key: 'CHG1', records: [9, 3], times: [NaN, 5] }])
 * index.groups[0] // { key: 'CHG1', records: [3, 9], representative: 3 }
 * index.members   // [9]
 */

/** What a sample draws: the item of a key (all its rows), or each row. */
export type SamplingUnit = { by: 'item'; key: string[] } | { by: 'row' };

export interface UnitGroup {
  key: string;
  /** Every record of the unit, ascending. */
  records: number[];
  /** The record a selection draws for the unit. */
  representative: number;
}

export interface UnitIndex {
  unit: SamplingUnit;
  /** Units of more than one row, by their representative's record. */
  groups: UnitGroup[];
  /** The records no selection draws (every unit row but its representative), ascending. */
  members: number[];
}

/** Rows sharing a unit key, with each row's event time (UTC ms, NaN when none), in any order. */
export interface RepeatedUnit {
  key: string;
  records: readonly number[];
  times: readonly number[];
}

/** The representative of a unit's rows: earliest event time (none last), then lowest record. */
function representativeOf(u: RepeatedUnit): number {
  let best = 0;
  for (let i = 1; i < u.records.length; i++) {
    const t = u.times[i]!;
    const b = u.times[best]!;
    const earlier = t === t && (b !== b || t < b);
    const tie = (t === b || (t !== t && b !== b)) && u.records[i]! < u.records[best]!;
    if (earlier || tie) best = i;
  }
  return u.records[best]!;
}

/**
 * The index of the repeated units of a population.
 *
 * @example
 * unitIndex({ by: 'row' }, []).members // []
 */
export function unitIndex(unit: SamplingUnit, repeated: readonly RepeatedUnit[]): UnitIndex {
  const groups: UnitGroup[] = repeated
    .filter((u) => u.records.length > 1)
    .map((u) => ({ key: u.key, records: [...u.records].sort((a, b) => a - b), representative: representativeOf(u) }))
    .sort((a, b) => a.representative - b.representative);
  const members: number[] = [];
  for (const g of groups) for (const r of g.records) if (r !== g.representative) members.push(r);
  members.sort((a, b) => a - b);
  return { unit, groups, members };
}

/**
 * The members among records (from, to] — one chunk's share of the index, sent with its task.
 *
 * @example
 * membersBetween({ unit, groups, members: [4, 9, 12] }, 5, 12) // Int32Array [9, 12]
 */
export function membersBetween(index: { members: ArrayLike<number> }, from: number, to: number): Int32Array {
  const m = index.members;
  let lo = 0;
  let hi = m.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (m[mid]! <= from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < m.length && m[end]! <= to) end++;
  return Int32Array.from({ length: end - lo }, (_, i) => m[lo + i]!);
}

/** Every record of the unit a representative stands for (itself alone when the unit has one row). */
export function unitRecords(index: Pick<UnitIndex, 'groups'>): (representative: number) => number[] {
  const byRepresentative = new Map(index.groups.map((g) => [g.representative, g.records]));
  return (representative) => byRepresentative.get(representative) ?? [representative];
}

/** The unit in words, for manifests and workbooks. */
export function describeUnit(unit: SamplingUnit): string {
  return unit.by === 'row'
    ? 'each row is a sampling unit (its content key: # + SHA-256 of its cells)'
    : `each ${unit.key.join(' + ') || 'content key'} is a sampling unit: all rows sharing it are drawn together, with one PRN`;
}
