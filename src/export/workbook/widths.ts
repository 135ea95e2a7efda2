/**
 * Column widths from a sheet's contents: the longest text (or the width a number or date takes in
 * its format) in each column over the first rows, within bounds; titles and notes may overflow
 * into the empty cells beside them and are left out.
 *
 * @example
 * columnWidths([[styled('Key', 'header')], ['CHG0000001']]) // [13]
 */
import { cellParts, type CellStyle, type CellValue, type Row } from './content.js';
import { OVERFLOWING } from './styles.js';
import { grouped } from '../../text/grouped.js';

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Rows a column's width is measured over. */
export const WIDTH_SAMPLE_ROWS = 400;

export function displayLength(v: CellValue, s: CellStyle | undefined): number {
  if (v === null) return 0;
  if (v instanceof Date) return s === 'date' || s === 'inputDate' ? 10 : 19;
  if (typeof v === 'number') return s === 'prn' ? 17 : s === 'percent' ? 7 : s === 'integer' ? grouped(Math.max(1, Math.round(Math.abs(v)))).length + 1 : String(v).length;
  if (typeof v === 'boolean') return 5;
  let longest = 0;
  for (const line of v.split('\n')) longest = Math.max(longest, line.length);
  return longest;
}

/** Column widths from the first rows' contents (titles and notes may overflow and are left out). */
export function columnWidths(rows: readonly Row[]): number[] {
  const widths: number[] = [];
  const sample = rows.length > WIDTH_SAMPLE_ROWS ? rows.slice(0, WIDTH_SAMPLE_ROWS) : rows;
  for (const row of sample) {
    row.forEach((cell, i) => {
      const { v, s } = cellParts(cell);
      if (s && OVERFLOWING.has(s)) return;
      const len = Math.ceil(displayLength(v, s) * (s === 'mono' ? 1.2 : 1.05)) + (s === 'header' ? 1 : 2);
      widths[i] = Math.max(widths[i] ?? MIN_WIDTH, Math.min(MAX_WIDTH, len));
    });
  }
  for (let i = 0; i < widths.length; i++) widths[i] ??= MIN_WIDTH;
  return widths;
}
