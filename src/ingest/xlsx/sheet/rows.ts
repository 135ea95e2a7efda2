/**
 * A worksheet part's `<sheetData>` as rows of cell text, built from XML events. Each completed
 * row is queued in `rows` (the caller drains it after every chunk); a row's `line` is its Excel
 * row number (`<row r="7">`), its `cells` run from column A to its last non-empty cell, with ''
 * for gaps. Rows and cells without an `r` attribute follow the previous one, as the schema says.
 *
 * @example
 * // <row r="3"><c r="B3" t="b"><v>1</v></c></row> → { line: 3, cells: ['', 'true'] }
 */
import { invalidXlsx } from '../invalid.js';
import type { XmlHandler } from '../xml/events.js';
import { cellText, type CellContext } from './cell-text.js';

export interface SheetRow {
  line: number;
  cells: string[];
}

/** Excel's last column, XFD. */
export const MAX_COLUMNS = 16_384;

export class SheetRowsHandler implements XmlHandler {
  /** Completed rows not yet taken by the caller. */
  rows: SheetRow[] = [];
  private inSheetData = false;
  private line = 0;
  private cells: string[] | null = null;
  private column = 0;
  private cellType = 'n';
  private cellStyle = 0;
  private cellRef = '';
  private inCell = false;
  private value = '';
  private inlineText = '';
  private capture: 'value' | 'inline' | null = null;
  private inInline = false;
  private phoneticDepth = 0;

  constructor(
    private readonly context: CellContext,
    private readonly dateStyles: readonly boolean[],
  ) {}

  open(name: string, attributes: Record<string, string>): void {
    if (name === 'sheetData') this.inSheetData = true;
    else if (!this.inSheetData) return;
    else if (name === 'row') this.openRow(attributes);
    else if (name === 'c' && this.cells) this.openCell(attributes);
    else if (!this.inCell) return;
    else if (name === 'v') {
      this.capture = 'value';
      this.value = '';
    } else if (name === 'is') this.inInline = true;
    else if (name === 'rPh') this.phoneticDepth++;
    else if (name === 't' && this.inInline && this.phoneticDepth === 0) this.capture = 'inline';
  }

  text(value: string): void {
    if (this.capture === 'value') this.value += value;
    else if (this.capture === 'inline') this.inlineText += value;
  }

  close(name: string): void {
    if (name === 'v' || name === 't') this.capture = null;
    else if (name === 'rPh') this.phoneticDepth--;
    else if (name === 'is') this.inInline = false;
    else if (name === 'c' && this.inCell) this.closeCell();
    else if (name === 'row' && this.cells) this.closeRow();
    else if (name === 'sheetData') this.inSheetData = false;
  }

  private openRow(attributes: Record<string, string>): void {
    const r = attributes.r === undefined ? this.line + 1 : Number(attributes.r);
    if (!Number.isInteger(r) || r < 1) throw invalidXlsx(`${this.context.part}: row number ${JSON.stringify(attributes.r)} is not a positive integer`);
    this.line = r;
    this.cells = [];
    this.column = 0;
  }

  private openCell(attributes: Record<string, string>): void {
    this.cellRef = attributes.r ?? '';
    this.column = this.cellRef ? columnOf(this.cellRef, this.context.part) : this.column + 1;
    if (this.column > MAX_COLUMNS) throw invalidXlsx(`${this.context.part}: cell ${this.cellRef || this.column} is beyond column XFD`);
    this.cellType = attributes.t ?? 'n';
    this.cellStyle = attributes.s === undefined ? 0 : Number(attributes.s);
    this.inCell = true;
    this.value = '';
    this.inlineText = '';
    this.inInline = false;
    this.phoneticDepth = 0;
    this.capture = null;
  }

  private closeCell(): void {
    this.inCell = false;
    const raw = this.cellType === 'inlineStr' && this.value === '' ? this.inlineText : this.value;
    const text = cellText(this.cellType, raw, this.dateStyles[this.cellStyle] === true, this.context, this.cellRef);
    if (text !== '') this.cells![this.column - 1] = text;
  }

  private closeRow(): void {
    const cells = this.cells!;
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
    this.rows.push({ line: this.line, cells });
    this.cells = null;
  }
}

/** The 1-based column of a cell reference (`B7` → 2, `XFD1` → 16384). */
export function columnOf(ref: string, part = 'the worksheet'): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + (code - 64);
    else if (code >= 97 && code <= 122) column = column * 26 + (code - 96);
    else break;
    if (column > MAX_COLUMNS) break;
  }
  if (i === 0 || column === 0) throw invalidXlsx(`${part}: cell reference ${JSON.stringify(ref)} has no column letters`);
  return column;
}
