/**
 * Choose the worksheet to read: the one named (exactly, else case-insensitively — Excel sheet
 * names are unique regardless of case), or by default the first visible worksheet in tab order
 * (a hidden first sheet is usually a lookup or metadata tab), else the first worksheet.
 *
 * @example
 * selectWorksheet(book.worksheets, 'deployments').name // 'Deployments'
 */
import { tickmarkError } from '../../../errors.js';
import { invalidXlsx } from '../invalid.js';
import type { WorksheetRef } from './package.js';

export function selectWorksheet(worksheets: readonly WorksheetRef[], requested?: string): WorksheetRef {
  if (worksheets.length === 0) throw invalidXlsx('the workbook has no worksheets');
  if (requested === undefined) return worksheets.find((s) => s.state === 'visible') ?? worksheets[0]!;
  const exact = worksheets.find((s) => s.name === requested);
  if (exact) return exact;
  const folded = requested.toLocaleLowerCase();
  const loose = worksheets.find((s) => s.name.toLocaleLowerCase() === folded);
  if (loose) return loose;
  throw tickmarkError('TM_ERR_XLSX_SHEET', { sheet: requested, sheets: worksheets.map((s) => s.name) });
}
