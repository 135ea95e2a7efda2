/** Fill or edit a workbook as a person would, with openpyxl (test/export/fill_workbook.py): cells found by what the sheets show. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

export type Edit =
  | { sheet: string; label: string; value: string | number; date?: boolean }
  | { sheet: string; row: Record<string, string | number>; column: string; value: string | number | null; date?: boolean }
  | { sheet: string; delete: Record<string, string | number> };

export function fillWorkbook(python: string, input: string, output: string, edits: readonly Edit[]): string {
  const file = `${output}.edits.json`;
  writeFileSync(file, JSON.stringify(edits));
  execFileSync(python, ['test/export/fill_workbook.py', input, output, file], { encoding: 'utf8' });
  return output;
}
