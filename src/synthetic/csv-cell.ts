/**
 * RFC 4180 cell quoting: a cell holding the delimiter, a double quote, CR or LF is wrapped in
 * double quotes with inner quotes doubled; any other cell is written as is.
 *
 * @example
 * cellQuoter(',')('Patch "edge", then restart') // '"Patch ""edge"", then restart"'
 */

export function cellQuoter(delimiter: string): (cell: string) => string {
  const special = new RegExp(`["\\r\\n${delimiter.replace(/[\\\]^-]/g, '\\$&')}]`);
  return (cell) => (special.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
}
