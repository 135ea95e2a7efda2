/**
 * Drawing by sampling unit (units.ts): the spec a selection runs with — the unit index's members
 * excluded from drawing — and the selection's items with every row of their unit listed.
 *
 * @example
 * const selection = withUnitRows(selectSample(chunks, withUnitMembers(spec, index)), index)
 */
import type { Selection } from './selection.js';
import type { SelectionSpec } from './spec.js';
import { unitRecords, type UnitIndex } from './units.js';

/** The spec a selection runs with: the index's members are never drawn. */
export function withUnitMembers(spec: SelectionSpec, index: UnitIndex): SelectionSpec {
  return index.members.length ? { ...spec, members: Int32Array.from(index.members) } : spec;
}

/** A selection whose items list every row of their unit (units of more than one row). */
export function withUnitRows(selection: Selection, index: UnitIndex): Selection {
  const units = { unit: index.unit, repeated: index.groups.length, memberRows: index.members.length };
  if (!index.groups.length) return { ...selection, units };
  const rowsOf = unitRecords(index);
  const items = selection.items.map((item) => {
    const rows = rowsOf(item.record);
    return rows.length > 1 ? { ...item, rows } : item;
  });
  return { ...selection, items, units };
}
