/**
 * The reader's one error constructor for unreadable input: TM_ERR_XLSX_INVALID with a reason a
 * consultant can act on (which part, what was wrong).
 *
 * @example
 * invalidXlsx('no workbook part (xl/workbook.xml): this zip is not an Excel workbook').code // 'TM_ERR_XLSX_INVALID'
 */
import { tickmarkError, type TickmarkError } from '../../errors.js';

export function invalidXlsx(reason: string): TickmarkError {
  return tickmarkError('TM_ERR_XLSX_INVALID', { reason });
}
