/**
 * From sheet rows to records the CSV typing path can take: the header is the first non-empty row
 * (texts trimmed, trailing blank header cells dropped — Excel keeps formatted empty cells), and
 * each later non-empty row is padded with '' to the header's width. Excel does not store trailing
 * empty cells, so a short row is normal; a row with values beyond the header keeps them, and the
 * typing step reports it as malformed. Blank rows are skipped; line numbers stay Excel's.
 *
 * @example
 * headerOf([' Number ', 'Title', '', ''])   // ['Number', 'Title']
 * recordValues(['CHG1'], 3)                 // ['CHG1', '', '']
 */

export function headerOf(cells: readonly string[]): string[] {
  const headers = cells.map((c) => c.trim());
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  return headers;
}

export function recordValues(cells: string[], width: number): string[] {
  if (cells.length >= width) return cells;
  const values = cells.slice();
  while (values.length < width) values.push('');
  return values;
}

/** A row is blank when none of its cells has text (rows only hold cells up to the last non-empty one). */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.length === 0;
}
