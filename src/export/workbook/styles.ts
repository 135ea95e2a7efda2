/**
 * The workbook's cell styles, one shared object per named style (built once, reused for every
 * cell: no style object is created per cell).
 *
 * @example
 * cell.style = CELL_STYLES.header
 */
import type { Alignment, CellFormat, Fill, Font } from '../../xlsx/index.js';
import type { CellStyle } from './content.js';
import { DATE_FORMAT, DATE_TIME_FORMAT } from './dates.js';

const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const box = { top: thin, left: thin, bottom: thin, right: thin };
const fill = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** Light fill of the cells the auditor completes. */
export const INPUT_FILL = 'FFFFF2CC';
/** Fill of an exception (the conditional format of X cells). */
export const EXCEPTION_FILL = 'FFFFC7CE';
export const EXCEPTION_FONT = 'FF9C0006';

/** The font every cell names (LibreOffice substitutes the metric-compatible Carlito where Calibri is missing). */
export const FONT_NAME = 'Calibri';
const font = (extra: Font = {}): Font => ({ name: FONT_NAME, size: 11, ...extra });
const top = (extra: Alignment = {}): Alignment => ({ vertical: 'top', ...extra });
/** Input cells are the only unlocked ones: on a protected sheet a tester types only there. */
const unlocked = { locked: false };

export const CELL_STYLES: Record<CellStyle, CellFormat> = {
  title: { font: font({ bold: true, size: 14 }), alignment: top() },
  subtitle: { font: font({ italic: true, color: { argb: 'FF595959' } }), alignment: top() },
  section: { font: font({ bold: true, size: 12, color: { argb: 'FF1F3864' } }), alignment: top() },
  note: { font: font({ color: { argb: 'FF404040' } }), alignment: top() },
  label: { font: font({ bold: true }), alignment: top({ wrapText: true }) },
  header: { font: font({ bold: true }), fill: fill('FFD9E1F2'), border: box, alignment: top({ wrapText: true }) },
  bold: { font: font({ bold: true }), alignment: top() },
  input: { font: font(), fill: fill(INPUT_FILL), border: box, alignment: top(), protection: unlocked },
  inputDate: { font: font(), fill: fill(INPUT_FILL), border: box, numFmt: DATE_FORMAT, alignment: top(), protection: unlocked },
  inputWrap: { font: font(), fill: fill(INPUT_FILL), border: box, alignment: top({ wrapText: true }), protection: unlocked },
  mono: { font: { name: 'Consolas', size: 10 }, alignment: top() },
  integer: { font: font(), numFmt: '#,##0', alignment: top() },
  decimal: { font: font(), numFmt: '0.000', alignment: top() },
  percent: { font: font(), numFmt: '0.0%', alignment: top() },
  prn: { font: font(), numFmt: '0.000000000000000', alignment: top() },
  date: { font: font(), numFmt: DATE_FORMAT, alignment: top() },
  datetime: { font: font(), numFmt: DATE_TIME_FORMAT, alignment: top() },
  tick: { font: font({ bold: true }), alignment: top({ horizontal: 'center' }), border: box },
  pass: { font: font({ bold: true, color: { argb: 'FF006100' } }), fill: fill('FFC6EFCE'), alignment: top() },
  warn: { font: font({ bold: true, color: { argb: 'FF9C5700' } }), fill: fill('FFFFEB9C'), alignment: top() },
  wrap: { font: font(), alignment: top({ wrapText: true }) },
  na: { font: font({ color: { argb: 'FF7F7F7F' } }), alignment: top({ horizontal: 'right' }) },
  percentExact: { font: font(), numFmt: '0.000%', alignment: top() },
  fail: { font: font({ bold: true, color: { argb: EXCEPTION_FONT } }), fill: fill(EXCEPTION_FILL), alignment: top() },
  plain: { font: font(), alignment: top() },
  /** The Legend's sample of an input cell: yellow, but locked (nothing is entered there). */
  swatch: { font: font(), fill: fill(INPUT_FILL), border: box, alignment: top() },
};

/** Styles whose text may overflow into the next cells: left out of column widths. */
export const OVERFLOWING: ReadonlySet<CellStyle> = new Set(['title', 'subtitle', 'section', 'note']);
