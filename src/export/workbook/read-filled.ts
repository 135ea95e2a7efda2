/**
 * Read a workbook the team has filled — saved by Excel, LibreOffice or tickmark — back into data:
 * its machine copy, the sheets re-rendered from the copy and compared cell by cell with what the
 * file holds (`compare.ts`), the team's entries read from the yellow cells (`entries-from-cells.ts`)
 * and what could not be read. What a re-save changes (shared or inline strings, numbers written
 * as text or with fewer digits, dates as serials, styles, a very hidden sheet saved as hidden,
 * empty trailing rows) is not a difference.
 *
 * @example
 * const filled = await readFilledWorkbook('CC8.1-sample-filled.xlsx')
 * filled.entries.items[0] // { order: 3, key: 'CHG0000417', marks: { H: 'X' }, overrides: {}, evidence: 'CAB-2025-03' }
 * filled.differences      // [] when nothing tickmark wrote was changed
 */
import { tickmarkError } from '../../errors.js';
import type { TeamEntries } from '../../evaluation/entries.js';
import type { SheetContent } from './content.js';
import { compareSheet, type CellDifference, type EntryCell, type FileRow } from './compare.js';
import { entriesFromCells, type EntryProblem } from './entries-from-cells.js';
import { entryLabel, type OtherField } from './entry-fields.js';
import { MACHINE_SHEET, readMachineSheet, WORKBOOK_LAYOUT, type RenderInput, type WorkbookMachineCopy } from './machine-copy.js';
import { workbookModel, type WorkbookModel } from './model.js';
import { openWorkbookCells, type WorkbookCells } from './read-cells.js';
import { POPULATION_DATA_SHEET, WORKBOOK_SHEETS } from './sheets/index.js';

export interface FilledWorkbook {
  /** The machine copy (manifest, how the population was read, the automated results). */
  copy: WorkbookMachineCopy;
  /** What every sheet was rendered from. */
  render: RenderInput;
  /** True when the machine copy itself was edited after tickmark wrote it. */
  copyEdited: boolean;
  entries: TeamEntries;
  /** Lead and Population inputs `TeamEntries` has no place for. */
  other: { field: OtherField; value: string }[];
  /** Every non-empty yellow cell: sheet, cell, value, and which entry it is. */
  entryCells: { sheet: string; cell: string; value: string; entry: string }[];
  /** Cells tickmark wrote that hold something else now. */
  differences: CellDifference[];
  /** Values in yellow cells that cannot be read (a mark outside the legend…). */
  problems: EntryProblem[];
  /** E.g. the workbook was laid out by another tickmark, so a difference may be a change of layout. */
  notes: string[];
}

/** The machine sheet's rows as text. */
async function machineRows(book: WorkbookCells): Promise<string[][]> {
  const sheet = book.sheet(MACHINE_SHEET);
  if (!sheet) throw tickmarkError('TM_ERR_MANIFEST', { reason: `the workbook has no "${MACHINE_SHEET}" sheet: it was not written by tickmark (or the sheet was removed)` });
  const rows: string[][] = [];
  for await (const row of sheet.rows) rows.push(row.cells);
  return rows;
}

/** The sheets tickmark wrote, rendered again from the copy (the population data sheet is not: the copy does not hold the population). */
export function renderedSheets(model: WorkbookModel): SheetContent[] {
  return WORKBOOK_SHEETS.map((s) => s.build(model));
}

/**
 * Compare every rendered sheet with the file: differences and the yellow cells' contents.
 *
 * @example
 * const { differences, entries } = await compareWorkbook(book, renderedSheets(model))
 */
export async function compareWorkbook(book: WorkbookCells, sheets: readonly SheetContent[]): Promise<{ differences: CellDifference[]; entries: EntryCell[] }> {
  const differences: CellDifference[] = [];
  const entries: EntryCell[] = [];
  const names = new Set(sheets.map((s) => s.name));
  for (const sheet of sheets) {
    const found = book.sheet(sheet.name);
    if (!found) {
      differences.push({ sheet: sheet.name, cell: '', wrote: 'the sheet', now: null });
      continue;
    }
    const rows: FileRow[] = [];
    for await (const row of found.rows) rows.push(row);
    const compared = compareSheet(sheet, rows);
    differences.push(...compared.differences);
    entries.push(...compared.entries);
  }
  for (const s of book.sheets) {
    if (!names.has(s.name) && s.name !== MACHINE_SHEET && s.name !== POPULATION_DATA_SHEET) differences.push({ sheet: s.name, cell: '', wrote: null, now: 'a sheet' });
  }
  return { differences, entries };
}

/**
 * Read a filled workbook. Refused (TM_ERR_MANIFEST) when it has no machine copy, or one written
 * by a tickmark that did not keep what the sheets were rendered from.
 */
export async function readFilledWorkbook(path: string): Promise<FilledWorkbook> {
  const book = await openWorkbookCells(path);
  const rows = await machineRows(book);
  const { copy, edited, render, renderRefused } = readMachineSheet(rows);
  if (renderRefused) throw tickmarkError('TM_ERR_MANIFEST', { reason: renderRefused });
  if (!render) throw tickmarkError('TM_ERR_MANIFEST', { reason: `the workbook was written by tickmark ${copy.engineVersion}, whose machine copy does not hold what its sheets were rendered from: export it again` });
  const model = workbookModel(render);
  const notes: string[] = [];
  const layout = copy.render?.layout ?? 0;
  if (layout !== WORKBOOK_LAYOUT) notes.push(`the workbook's sheets were laid out by tickmark ${copy.engineVersion} (layout ${layout}); this tickmark lays them out as layout ${WORKBOOK_LAYOUT}: a difference may be a change of layout, not an edit`);
  const { differences, entries: cells } = await compareWorkbook(book, renderedSheets(model));
  if (edited) differences.unshift({ sheet: MACHINE_SHEET, cell: '', wrote: 'the machine copy', now: 'an edited copy', note: 'its SHA-256 does not match: the machine-readable copy was edited after tickmark wrote it' });
  const { entries, other, problems } = entriesFromCells(model, cells);
  return {
    copy,
    render,
    copyEdited: edited,
    entries,
    other,
    entryCells: cells.map((c) => ({ sheet: c.sheet, cell: c.cell, value: c.value, entry: entryLabel(c.field) })),
    differences,
    problems,
    notes,
  };
}
