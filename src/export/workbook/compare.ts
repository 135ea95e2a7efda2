/**
 * What a workbook holds now against what tickmark wrote, cell by cell: the sheets re-rendered from
 * the machine copy (pure `SheetContent`) and the file's rows as text (`read-cells.ts`). A cell
 * tickmark wrote that holds something else now — edited, emptied, or filled where tickmark wrote
 * nothing — is a difference naming `Sheet!Cell`, what tickmark wrote and what is there now; a row
 * deleted or inserted shows as the cells that moved, the first one saying so. The cells meant for
 * people (yellow inputs) are never differences: what they hold is the team's entries.
 *
 * Values are compared as a re-save leaves them: text as text (escapes decoded), numbers by value
 * (to 12 significant digits: a spreadsheet may write 15), dates by instant (to the millisecond,
 * whether the cell still has a date format or became a plain serial).
 *
 * @example
 * const { differences, entries } = compareSheet(rendered, fileRows)
 * differences[0] // { sheet: 'Test matrix', cell: 'J12', wrote: 'X', now: '✓' }
 */
import { columnLetter } from '../../text/column-letter.js';
import { cellParts, INPUT_STYLES, type CellValue, type SheetContent } from './content.js';
import type { EntryField } from './entry-fields.js';
import { cellText, decodeCellText } from './text.js';

export interface CellDifference {
  sheet: string;
  /** `A14`; empty for a whole sheet missing or added. */
  cell: string;
  /** What tickmark wrote (null: nothing) and what the cell holds now (null: nothing). */
  wrote: string | null;
  now: string | null;
  /** E.g. "row 13 of what tickmark wrote deleted?" on the first cell a deleted row moved. */
  note?: string;
}

/** A yellow cell's content: one of the team's entries. */
export interface EntryCell {
  sheet: string;
  cell: string;
  value: string;
  field: EntryField;
}

export interface FileRow {
  line: number;
  cells: string[];
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** A Date cell as the reader shows it: its UTC fields as naive `YYYY-MM-DD HH:mm:ss[.SSS]`. */
export function naiveDateText(d: Date): string {
  const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return d.getUTCMilliseconds() ? `${text}.${pad(d.getUTCMilliseconds(), 3)}` : text;
}

/** What a rendered value reads back as. */
export function expectedText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return decodeCellText(cellText(v));
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return naiveDateText(v);
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?)?$/;
const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function dateMs(text: string): number | undefined {
  const m = DATE_TEXT.exec(text);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), +(m[7] ?? '0').padEnd(3, '0'));
}

/** Whether the text now in a cell is what tickmark wrote, as a re-save may have written it. */
export function sameValue(wrote: string, now: string): boolean {
  if (wrote === now) return true;
  if (NUMBER_TEXT.test(wrote) && NUMBER_TEXT.test(now)) {
    const a = Number(wrote);
    const b = Number(now);
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
  }
  const a = dateMs(wrote);
  if (a !== undefined) {
    const b = dateMs(now) ?? (NUMBER_TEXT.test(now) ? Math.round((Number(now) - 25569) * 86_400_000) : undefined);
    return b !== undefined && Math.abs(a - b) <= 1;
  }
  return wrote.replace(/\r\n/g, '\n') === now.replace(/\r\n/g, '\n');
}

/** A date typed in a date cell reads back with its midnight time: shown as the date. */
const MIDNIGHT = /(?<=^\d{4}-\d{2}-\d{2}) 00:00:00$/;

const orNull = (text: string): string | null => (text === '' ? null : text);

/** Per rendered row: the expected text of tool-written cells by column, and the input cells. */
interface RenderedRow {
  tool: string[];
  inputs: Map<number, EntryField>;
}

function renderedRows(sheet: SheetContent): RenderedRow[] {
  return sheet.rows.map((row) => {
    const tool: string[] = [];
    const inputs = new Map<number, EntryField>();
    row.forEach((cell, i) => {
      const { v, s } = cellParts(cell);
      const e = cell !== null && typeof cell === 'object' && !(cell instanceof Date) ? cell.e : undefined;
      if (e && s && INPUT_STYLES.has(s)) {
        inputs.set(i, e);
        tool[i] = '';
      } else tool[i] = expectedText(v);
    });
    return { tool, inputs };
  });
}

/** Whether file row `cells` holds exactly the tool-written cells of `rendered` (inputs ignored). */
function rowMatches(rendered: RenderedRow | undefined, cells: readonly string[] | undefined): boolean {
  if (!rendered) return !cells || cells.every((c) => c === '');
  const width = Math.max(rendered.tool.length, cells?.length ?? 0);
  for (let i = 0; i < width; i++) {
    if (rendered.inputs.has(i)) continue;
    if (!sameValue(rendered.tool[i] ?? '', cells?.[i] ?? '')) return false;
  }
  return true;
}

/** A guess at rows deleted or inserted at row `line` (1-based), by looking a few rows ahead. */
function shiftNote(line: number, rendered: readonly RenderedRow[], file: ReadonlyMap<number, string[]>): string | undefined {
  for (let k = 1; k <= 5; k++) {
    if (rendered[line - 1 + k] && rowMatches(rendered[line - 1 + k], file.get(line)) && rowMatches(rendered[line + k], file.get(line + 1))) {
      return k === 1 ? `row ${line} of what tickmark wrote deleted?` : `rows ${line}–${line + k - 1} of what tickmark wrote deleted?`;
    }
    if (rowMatches(rendered[line - 1], file.get(line + k)) && rendered[line - 1]!.tool.some((t) => t !== '')) {
      return k === 1 ? `a row inserted at row ${line}?` : `${k} rows inserted at row ${line}?`;
    }
  }
  return undefined;
}

/**
 * Compare one sheet as rendered with its rows in the file.
 *
 * @example
 * compareSheet(leadSheet.build(model), rows).differences // [] when nothing tickmark wrote changed
 */
export function compareSheet(sheet: SheetContent, fileRows: readonly FileRow[]): { differences: CellDifference[]; entries: EntryCell[] } {
  const rendered = renderedRows(sheet);
  const file = new Map(fileRows.map((r) => [r.line, r.cells]));
  let lastLine = rendered.length;
  for (const r of fileRows) if (r.line > lastLine) lastLine = r.line;
  const differences: CellDifference[] = [];
  const entries: EntryCell[] = [];
  let noted = false;
  for (let line = 1; line <= lastLine; line++) {
    const row = rendered[line - 1];
    const cells = file.get(line) ?? [];
    const width = Math.max(row?.tool.length ?? 0, cells.length);
    let first = true;
    for (let i = 0; i < width; i++) {
      const now = cells[i] ?? '';
      const cell = `${columnLetter(i + 1)}${line}`;
      const field = row?.inputs.get(i);
      if (field) {
        if (now !== '') entries.push({ sheet: sheet.name, cell, value: now.replace(MIDNIGHT, ''), field });
        continue;
      }
      const wrote = row?.tool[i] ?? '';
      if (sameValue(wrote, now)) continue;
      const difference: CellDifference = { sheet: sheet.name, cell, wrote: orNull(wrote), now: orNull(now) };
      if (first && !noted) {
        const note = shiftNote(line, rendered, file);
        if (note) {
          difference.note = note;
          noted = true;
        }
      }
      first = false;
      differences.push(difference);
    }
  }
  return { differences, entries };
}

/** A difference in words: `Test matrix!J12: tickmark wrote "X", now "✓"`. */
export function differenceText(d: CellDifference): string {
  const show = (v: string | null): string => (v === null ? '(empty)' : JSON.stringify(v));
  if (!d.cell) return `${d.sheet}: ${d.note ?? (d.wrote === null ? 'a sheet tickmark did not write' : 'the sheet tickmark wrote is missing')}`;
  return `${d.sheet}!${d.cell}: tickmark wrote ${show(d.wrote)}, now ${show(d.now)}${d.note ? ` (${d.note})` : ''}`;
}
