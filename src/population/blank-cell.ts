/**
 * The one rule for a blank source cell: the typer stores such cells as null (its hot loop writes
 * this expression out), and a reader that rebuilds cells from a chunk's text must agree with it.
 * Empty, or only spaces and control characters (a first character above U+0020 is never blank,
 * which keeps the usual cell cheap).
 *
 * @example
 * isBlankCell('  ') // true
 * isBlankCell(' x') // false
 */
export function isBlankCell(v: string): boolean {
  return v === '' || (v.charCodeAt(0) <= 32 && v.trim() === '');
}
