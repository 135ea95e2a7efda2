/**
 * How a sheet prints: landscape on Letter (or A4), narrow margins, and a scale that makes the
 * columns fit the page width — computed from the column widths (a width of w characters prints
 * about 5.6·w points wide with Calibri 11, or Carlito in LibreOffice), then left to the spreadsheet as
 * "fit to one page wide" when that scale is at least 60%. A sheet too wide for 60% is printed at
 * 60% and runs over several pages across, its first columns repeated on each (print titles).
 *
 * @example
 * pageScale([30, 90], 'letter') // 100
 * pageScale(new Array(40).fill(12), 'letter') // 60 (too wide: printed across pages)
 */

/** The smallest scale a printed page may have: below it, text is too small to read. */
export const MIN_SCALE = 60;

/** Margins in inches (Excel's "narrow"-like: the page's width goes to the columns). */
export const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };

/** Excel paper size codes. */
export const PAPER = { letter: 1, a4: 9 } as const;
/** Landscape page widths, inches. */
const PAGE_WIDTH = { letter: 11, a4: 11.69 };

/** Points the columns take at 100%. */
export function columnsWidthPt(widths: readonly number[]): number {
  return widths.reduce((sum, w) => sum + w * 5.6, 0);
}

/** Points of the page width between the margins (landscape). */
export function printableWidthPt(paper: keyof typeof PAPER): number {
  return (PAGE_WIDTH[paper] - MARGINS.left - MARGINS.right) * 72;
}

/** The scale (percent, MIN_SCALE..100) at which the columns fit the page width. */
export function pageScale(widths: readonly number[], paper: keyof typeof PAPER): number {
  const printable = printableWidthPt(paper);
  const needed = columnsWidthPt(widths);
  return Math.max(MIN_SCALE, Math.min(100, Math.floor((printable / needed) * 100)));
}
