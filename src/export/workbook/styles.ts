/**
 * The workbook's cell styles, one shared object per named style (built once, reused for every
 * cell: no style object is created per cell).
 *
 * @example
 * cell.style = CELL_STYLES.header
 */
import type { Style } from 'exceljs';
import type { CellStyle } from './content.js';
import { DATE_FORMAT, DATE_TIME_FORMAT } from './dates.js';

const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const box = { top: thin, left: thin, bottom: thin, right: thin };
const fill = (argb: string): Style['fill'] => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** Light fill of the cells the auditor completes. */
export const INPUT_FILL = 'FFFFF2CC';
/** Fill of an exception (the conditional format of X cells). */
export const EXCEPTION_FILL = 'FFFFC7CE';
export const EXCEPTION_FONT = 'FF9C0006';

export const CELL_STYLES: Record<CellStyle, Partial<Style>> = {
  title: { font: { bold: true, size: 14 } },
  subtitle: { font: { italic: true, color: { argb: 'FF595959' } } },
  section: { font: { bold: true, size: 12, color: { argb: 'FF1F3864' } } },
  note: { font: { color: { argb: 'FF404040' } } },
  label: { font: { bold: true } },
  header: { font: { bold: true }, fill: fill('FFD9E1F2'), border: box, alignment: { vertical: 'top', wrapText: true } },
  bold: { font: { bold: true } },
  input: { fill: fill(INPUT_FILL), border: box },
  inputDate: { fill: fill(INPUT_FILL), border: box, numFmt: DATE_FORMAT },
  mono: { font: { name: 'Consolas' } },
  integer: { numFmt: '#,##0' },
  decimal: { numFmt: '0.000' },
  percent: { numFmt: '0.0%' },
  prn: { numFmt: '0.000000000000000' },
  date: { numFmt: DATE_FORMAT },
  datetime: { numFmt: DATE_TIME_FORMAT },
  tick: { font: { bold: true }, alignment: { horizontal: 'center' }, border: box },
  pass: { font: { bold: true, color: { argb: 'FF006100' } }, fill: fill('FFC6EFCE') },
  warn: { font: { bold: true, color: { argb: 'FF9C5700' } }, fill: fill('FFFFEB9C') },
  wrap: { alignment: { wrapText: true } },
  na: { font: { color: { argb: 'FF7F7F7F' } }, alignment: { horizontal: 'right' } },
  percentExact: { numFmt: '0.000%' },
  fail: { font: { bold: true, color: { argb: EXCEPTION_FONT } }, fill: fill(EXCEPTION_FILL) },
};

/** Styles whose text may overflow into the next cells: left out of column widths. */
export const OVERFLOWING: ReadonlySet<CellStyle> = new Set(['title', 'subtitle', 'section', 'note']);
