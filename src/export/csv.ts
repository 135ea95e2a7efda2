/**
 * CSV export with formula-injection neutralised: a cell starting with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading apostrophe, so a spreadsheet shows it as text and never runs it.
 *
 * @example
 * neutralizeCsvCell('=HYPERLINK("http://x")') // "\"'=HYPERLINK(\"\"http://x\"\")\""
 */
const DANGEROUS = /^[=+\-@\t\r]/;

export function neutralizeCsvCell(value: string): string {
  const safe = DANGEROUS.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(neutralizeCsvCell).join(',')).join('\n') + '\n';
}
