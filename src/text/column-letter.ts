/**
 * Spreadsheet column letters for a 1-based index: 1 → A, 26 → Z, 27 → AA. Shared by header errors,
 * test-matrix attribute letters and workbook cell references.
 *
 * @example
 * columnLetter(28) // 'AB'
 */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
