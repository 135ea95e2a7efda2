/**
 * Which of a file's first records is its header row. Exports often put something above the table:
 * a report title and run date (GRC tools), several lines of report metadata and small tables of
 * their own (Qualys), a `#TYPE …` line (PowerShell `Export-Csv`), blank lines. The rule, on the
 * first records of the file (`records`, each its cells):
 *
 * 1. The table's width W is the most common field count among the non-blank records (ties: the
 *    larger count — a data table is wider than the lines about it).
 * 2. From the first record down (at most `MAX_PREAMBLE` records), a record is above the table when
 *    it is blank, narrower than W (a title, a `#TYPE` line, `key,value` metadata, a smaller table),
 *    or W wide with at most one non-blank cell (a title padded by a spreadsheet: `Report,,,,`).
 * 3. The first record that is none of these is the header — if it is the file's first record, as
 *    always; below a preamble only when it reads as a header row: every cell non-blank text (blank
 *    cells allowed at its end), none a number or a date. Otherwise the first record is the header
 *    (as without this rule), and the mapping or the row checks say what is wrong.
 *
 * So a file whose first record is W wide is read as it always was, and a data row is never taken
 * for a header unless everything above it is unlike a table row and it looks like one.
 *
 * @example
 * findHeaderRow([['#TYPE Microsoft.ActiveDirectory.Management.ADUser'], ['Name', 'Enabled'], ['ana', 'True']]) // 1
 */
import { isBlankCell } from '../../kernels/blank.js';
import { parseNumber } from '../typing/scalar.js';
import { timestampMs } from '../../kernels/timestamp/parse.js';

/** Records looked at above the header at most. */
export const MAX_PREAMBLE = 50;

const nonBlankCells = (r: readonly string[]) => r.reduce((n, c) => n + (isBlankCell(c) ? 0 : 1), 0);

/** The table's width: the most common field count of the non-blank records (ties: the larger). */
function tableWidth(records: readonly (readonly string[])[]): number {
  const counts = new Map<number, number>();
  for (const r of records) if (nonBlankCells(r) > 0) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let width = 0;
  let best = 0;
  for (const [w, n] of counts) {
    if (n > best || (n === best && w > width)) {
      width = w;
      best = n;
    }
  }
  return width;
}

/** A cell that reads as a value rather than a column name. */
function isValue(cell: string): boolean {
  const t = cell.trim();
  return !Number.isNaN(parseNumber(t)) || !Number.isNaN(timestampMs(t, { timeZone: 'UTC', dateOrder: 'dmy' }));
}

/** Every cell non-blank text, blank cells allowed only at the end; no number, no date. */
export function readsAsHeader(record: readonly string[]): boolean {
  let end = record.length;
  while (end > 0 && isBlankCell(record[end - 1]!)) end--;
  if (end === 0) return false;
  for (let i = 0; i < end; i++) if (isBlankCell(record[i]!) || isValue(record[i]!)) return false;
  return true;
}

/** The index in `records` of the header row (see the module doc); 0 when `records` is empty. */
export function findHeaderRow(records: readonly (readonly string[])[]): number {
  const width = tableWidth(records);
  const last = Math.min(records.length, MAX_PREAMBLE + 1);
  for (let i = 0; i < last; i++) {
    const r = records[i]!;
    const filled = nonBlankCells(r);
    const above = filled === 0 || r.length < width || (r.length === width && width >= 2 && filled <= 1);
    if (above) continue;
    return i === 0 || readsAsHeader(r) ? i : 0;
  }
  return 0;
}
