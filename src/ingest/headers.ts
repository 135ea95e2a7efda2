/**
 * Header row checks shared by CSV and XLSX: names are trimmed; blank and duplicate names are
 * errors that name the columns.
 */
import { tickmarkError } from '../errors.js';
import { columnLetter } from '../text/column-letter.js';

export { columnLetter } from '../text/column-letter.js';

export function checkHeaders(raw: string[]): string[] {
  const headers = raw.map((h) => h.trim());
  const blank = headers.flatMap((h, i) => (h === '' ? [`${i + 1} (${columnLetter(i + 1)})`] : []));
  if (blank.length) throw tickmarkError('TM_ERR_BLANK_HEADER', { columns: blank });
  const seen = new Map<string, number>();
  for (const h of headers) seen.set(h, (seen.get(h) ?? 0) + 1);
  const dups = [...seen].filter(([, n]) => n > 1).map(([h]) => h);
  if (dups.length) throw tickmarkError('TM_ERR_DUPLICATE_HEADER', { names: dups });
  return headers;
}
