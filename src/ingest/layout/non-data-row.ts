/**
 * Rows of a table that are not population rows, by their own cells (kept and reported, never
 * dropped): a row whose every cell is blank (`,,,,` as a spreadsheet re-save leaves them, or an
 * empty line) is a `blank_row`; a row whose first non-blank cell is a total label — `Total`,
 * `Totals`, `Grand Total`, `Subtotal`, `Count`, `Record count`, `Row count`, alone or followed by
 * a space, `:`, `(`, `.` or `=` (`Total:`, `Count: 1234`, `TOTAL (EUR)`; not `TOTAL-123`) — and
 * whose other cells are blank or numbers is a `total_row`. Anything else is data: a row with any text besides a total label is
 * never taken out. (Footers — short rows after the last data row — are decided by the assembler,
 * which sees the end of the file.)
 *
 * @example
 * nonDataReason(['', '', '']) // 'blank_row'
 * nonDataReason(['Grand Total', '', '1,234.50']) // 'total_row'
 * nonDataReason(['Total', 'alice', '3']) // null: text beside the label
 */
import { isBlankCell } from '../../kernels/blank.js';

/** `Total`, `Grand total`, `Sub-total`, `Count`, `Record count`… at the start, then the end, a space, `:`, `(`, `.` or `=`. */
const TOTAL_LABEL = /^(?:(?:(?:grand|sub)[ -]?)?totals?|(?:(?:record|row)s?[ -]?)?count)(?=$|[\s:(.=])/i;

/** A number as reports write totals: signs, parentheses, currency, grouping, decimals, percent. */
const NUMBER_LIKE = /^[-+(]?\s*[$€£¥]?\s*\d[\d.,'\s\u00a0\u202f]*\s*[%)]?\s*[$€£¥]?\s*\)?$/;

export function isTotalLabel(cell: string): boolean {
  return TOTAL_LABEL.test(cell.trim());
}

/** The reason a row is not data, or null (see the module doc). */
export function nonDataReason(cells: readonly string[]): 'blank_row' | 'total_row' | null {
  let k = 0;
  while (k < cells.length && isBlankCell(cells[k]!)) k++;
  if (k === cells.length) return 'blank_row';
  if (!isTotalLabel(cells[k]!)) return null;
  for (let j = k + 1; j < cells.length; j++) {
    const c = cells[j]!;
    if (!isBlankCell(c) && !NUMBER_LIKE.test(c.trim())) return null;
  }
  return 'total_row';
}

/**
 * The first two letters of the total labels (`to`, `gr`, `su`, `co`, `re`, `ro`): for each first
 * letter (lower case code), the second letters allowed as bits (bit 0 = `a`).
 */
const SECOND = new Int32Array(128);
for (const pair of ['to', 'gr', 'su', 'co', 're', 'ro']) SECOND[pair.charCodeAt(0)] = (SECOND[pair.charCodeAt(0)] ?? 0) | (1 << (pair.charCodeAt(1) - 97));

/**
 * Whether a row whose first cell starts with code units `first`, `second` (0 past its end) may be
 * a non-data row: blank or space-led, beyond ASCII (trim may remove it), or the first two letters
 * of a total label. A necessary condition of `nonDataReason`, cheap enough for every row.
 */
export function mayBeNonData(first: number, second: number): boolean {
  if (first <= 32 || first >= 128) return true;
  const letter = (second | 32) - 97;
  return letter >= 0 && letter < 26 && ((SECOND[first | 32]! >>> letter) & 1) === 1;
}

/** The three-letter starts of the total labels, lower case (`tot`, `gra`, `sub`, `cou`, `rec`, `row`). */
const STARTS = ['tot', 'gra', 'sub', 'cou', 'rec', 'row'].map((s) => (s.charCodeAt(0) << 16) | (s.charCodeAt(1) << 8) | s.charCodeAt(2));

/**
 * Whether Latin-1 bytes[from, to) — a trimmed cell — can start a total label: a necessary
 * condition of `isTotalLabel`, read from bytes, so that a row keyed `CHG0001` is not made into
 * strings to be looked at.
 */
export function mayBeTotalLabelLatin1(bytes: Uint8Array, from: number, to: number): boolean {
  if (to - from < 5) return false; // "count" and "total" are the shortest labels
  const key = ((bytes[from]! | 32) << 16) | ((bytes[from + 1]! | 32) << 8) | (bytes[from + 2]! | 32);
  return STARTS.includes(key);
}
