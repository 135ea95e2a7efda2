/**
 * Key canonicalisation: a record's business key is its key fields' values, joined by U+001F, and
 * blank when any of them is blank (null or ''). `joinKey` does it for one row's values (the
 * reference); `keyTexts` lays a whole column of keys, given as code units, end to end with a
 * 53-bit hash each (`hashUnits`) — no string per row. test/kernels/keys.test.ts holds them equal.
 *
 * @example
 * joinKey(['E12', 'jdoe']) // 'E12\u001fjdoe'
 * keyTexts(unitsOfStrings(['CHG1', null])).hashes[1] // NaN (blank)
 */
import { hashUnits } from './row-hash.js';
import { unitsToString, type TextUnits, type Units } from './units.js';

export const KEY_SEPARATOR = '\u001f';

/** The key of one row from its key fields' values; null when there are none or any is blank. */
export function joinKey(values: readonly (string | number | null | undefined)[], separator = KEY_SEPARATOR): string | null {
  if (values.length === 0) return null;
  let key = '';
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (v == null || v === '') return null;
    key = c === 0 ? String(v) : key + separator + String(v);
  }
  return key;
}

/** A column of keys laid end to end: key i is `text.slice(ends[i - 1] ?? 0, ends[i])`; its hash NaN when blank. */
export interface KeyColumn {
  text: string;
  ends: Int32Array;
  hashes: Float64Array;
}

/** Every cell of `cells` as a key (a null or empty cell is blank). */
export function keyTexts(cells: TextUnits, rows: number): KeyColumn {
  const { units, start, end, valid } = cells;
  const total = validUnits(start, end, valid, rows);
  const out: Units = units instanceof Uint8Array ? Buffer.allocUnsafe(total) : new Uint16Array(total);
  const hashes = new Float64Array(rows);
  const ends = new Int32Array(rows);
  const size = gatherKeys(units, start, end, valid, out, hashes, ends);
  return { text: unitsToString(out, 0, size), ends, hashes };
}

/** The code units of the valid cells. */
function validUnits(start: Int32Array, end: Int32Array, valid: Uint8Array, rows: number): number {
  let total = 0;
  for (let i = 0; i < rows; i++) if (valid[i]) total += end[i]! - start[i]!;
  return total;
}

/** The scan loop of keyTexts (top level: V8 keeps it optimised). Returns the units written. */
function gatherKeys(units: Units, start: Int32Array, end: Int32Array, valid: Uint8Array, out: Units, hashes: Float64Array, ends: Int32Array): number {
  let at = 0;
  for (let i = 0; i < hashes.length; i++) {
    const a = start[i]!;
    const b = end[i]!;
    if (valid[i] && b > a) {
      hashes[i] = hashUnits(units, a, b);
      for (let k = a; k < b; k++) out[at++] = units[k]!;
    } else hashes[i] = NaN;
    ends[i] = at;
  }
  return at;
}
