/**
 * A sheet as plain data: rows of cells (value + a named style), column widths, the frozen panes,
 * the autofilter, drop-down lists, highlight rules and data bars. Sheet modules build this with
 * `SheetBuilder` (pure, testable without writing a file); `render.ts` writes it as .xlsx. A large
 * table is a `ColumnTable` (column-table.ts): rendered straight from the model's items, and read
 * as rows of cells only by what asks for `rows`.
 *
 * @example
 * const b = new SheetBuilder('Legend');
 * b.title('Legend');
 * const t = b.table(['Mark', 'Meaning'], [['✓', 'tested, no exception']]);
 * b.freezeAt(t.headerRow); b.filter(t);
 * const sheet = b.done();
 */
import { columnLetter } from '../../text/column-letter.js';
import { ColumnTable, type RowBatch } from './column-table.js';
import type { EntryField } from './entry-fields.js';

export type CellStyle =
  | 'title' | 'subtitle' | 'section' | 'note' | 'label' | 'header' | 'bold'
  | 'input' | 'inputDate' | 'inputWrap' | 'mono' | 'integer' | 'decimal' | 'percent' | 'prn'
  | 'date' | 'datetime' | 'tick' | 'pass' | 'warn' | 'fail' | 'wrap' | 'percentExact' | 'na' | 'plain' | 'swatch';

export type CellValue = string | number | boolean | Date | null;
export interface StyledCell {
  v: CellValue;
  s: CellStyle;
  /** A cell meant for people (a yellow input): which of the team's entries it holds. */
  e?: EntryField;
}
export type Cell = CellValue | StyledCell;
export type Row = Cell[];

/** A rectangle of cells, 1-based. */
export interface Area {
  headerRow: number;
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

/**
 * A table's data rows made on demand: how many there are, and each in order, made again on each
 * call (a large sample's table is rendered row by row, never held whole).
 */
export interface RowSource {
  readonly length: number;
  rows(): Iterable<Row>;
}

/** A row source of `items.length` rows, `row(item)` each. */
export const rowsOf = <T>(items: readonly T[], row: (item: T) => Row): RowSource => ({
  length: items.length,
  *rows() {
    for (const item of items) yield row(item);
  },
});

export interface SheetContent {
  name: string;
  state: 'visible' | 'veryHidden';
  /** Every row (a table of a row source is made whole on first read). */
  rows: Row[];
  /**
   * The rows in order, tables of a row source made row by row as they are read, a column table's
   * rows in batches rendered straight from its items.
   */
  eachRow?: () => Iterable<Row | RowBatch>;
  /** Rows appended after `rows`, in batches (the population data sheet); widths must then be given. */
  moreRows?: AsyncIterable<Row[]> | Iterable<Row[]>;
  /** Column widths in characters; computed from the rows when absent. */
  widths?: number[];
  /** Rows (and columns) kept in view when scrolling. */
  freeze?: { rows: number; columns: number };
  autoFilter?: string;
  /** Drop-down lists. */
  validations: { ref: string; list: readonly string[]; prompt: string }[];
  /** Cells equal to `equals` are highlighted as exceptions. */
  highlights: { ref: string; equals: string }[];
  dataBars: string[];
  /** Row of the main table's header (the golden summary reads it). */
  headerRow?: number;
  /** Repeat this row (the main table's header) at the top of each printed page. */
  printTitleRows?: number;
  /** Repeat columns 1..N at the left of each printed page (a sheet wider than a page). */
  printTitleColumns?: number;
}

/** Column letters: 1 → A, 27 → AA. */
export const columnName = columnLetter;

/** `A1:D9` for an area, or a column's data cells. */
export function areaRef(a: Area, column?: number): string {
  if (column !== undefined) return `${columnName(column)}${a.firstRow}:${columnName(column)}${Math.max(a.firstRow, a.lastRow)}`;
  return `${columnName(a.firstColumn)}${a.headerRow}:${columnName(a.lastColumn)}${Math.max(a.headerRow, a.lastRow)}`;
}

export const styled = (v: CellValue, s: CellStyle): StyledCell => ({ v, s });

/** A yellow input cell holding one of the team's entries (`value`: what is entered so far). */
export const inputCell = (e: EntryField, value: CellValue = null, s: 'input' | 'inputDate' | 'inputWrap' = 'input'): StyledCell => ({ v: value, s, e });

/** Styles of the cells meant for people: unlocked, yellow, never compared by `verify`. */
export const INPUT_STYLES: ReadonlySet<CellStyle> = new Set(['input', 'inputDate', 'inputWrap']);

/** A cell's value and style (none for a bare value). */
export function cellParts(cell: Cell): { v: CellValue; s: CellStyle | undefined } {
  if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) return { v: cell.v, s: cell.s };
  return { v: cell, s: undefined };
}

/** Wrap text at spaces into lines of at most `width` characters (long words stay whole). */
export function wrapLines(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

/** Rows of a column table rendered in one batch. */
const BATCH_ROWS = 128;

export class SheetBuilder {
  /** The rows in order: runs of rows added one by one, and row sources. */
  private readonly parts: (Row[] | RowSource)[] = [];
  private count = 0;
  private readonly content: SheetContent;

  /**
   * `lineWidth`: the sheet's width in characters (its columns'); a note's lines take 85% of it
   * (text runs wider than digits), so a note overflowing into the empty cells to its right stays
   * on the printed page.
   */
  constructor(name: string, state: 'visible' | 'veryHidden' = 'visible', private readonly lineWidth = 120) {
    const parts = this.parts;
    function* allRows(): Generator<Row> {
      for (const part of parts) yield* Array.isArray(part) ? part : part.rows();
    }
    function* eachRow(): Generator<Row | RowBatch> {
      for (const part of parts) {
        if (Array.isArray(part)) yield* part;
        else if (part instanceof ColumnTable) {
          for (let from = 0; from < part.length; from += BATCH_ROWS) yield { table: part, from, to: Math.min(part.length, from + BATCH_ROWS) };
        } else yield* part.rows();
      }
    }
    let whole: Row[] | undefined;
    this.content = {
      name, state, validations: [], highlights: [], dataBars: [], eachRow,
      get rows(): Row[] {
        return (whole ??= [...allRows()]);
      },
    };
  }

  /** The row number the next `add` writes. */
  get nextRow(): number {
    return this.count + 1;
  }

  add(...cells: Cell[]): number {
    const last = this.parts[this.parts.length - 1];
    if (Array.isArray(last)) last.push(cells);
    else this.parts.push([cells]);
    return ++this.count;
  }

  blank(): void {
    this.add();
  }

  title(text: string): void {
    this.add(styled(text, 'title'));
  }

  subtitle(text: string): void {
    this.add(styled(text, 'subtitle'));
  }

  section(text: string): void {
    if (this.count) this.blank();
    this.add(styled(text, 'section'));
  }

  /** A note in column A, wrapped into lines that overflow across the empty cells to the right. */
  note(text: string, width = Math.floor(this.lineWidth * 0.85)): void {
    for (const line of wrapLines(text, width)) this.add(styled(line, 'note'));
  }

  /** Text kept exactly line by line in a fixed-width font (commands, formulas to type). */
  code(text: string): void {
    for (const line of text.split('\n')) this.add(styled(line, 'mono'));
  }

  /** A label in column A and its value (or values) beside it. */
  pair(label: string, ...values: Cell[]): number {
    return this.add(styled(label, 'label'), ...values);
  }

  /** A table: a header row and data rows (or a row source, in column A); returns where it sits. */
  table(headers: readonly string[], rows: readonly Row[] | RowSource, firstColumn = 1): Area {
    const pad: Cell[] = new Array(firstColumn - 1).fill(null);
    const headerRow = this.add(...pad, ...headers.map((h) => styled(h, 'header')));
    if (Array.isArray(rows)) for (const r of rows) this.add(...pad, ...r);
    else {
      if (firstColumn !== 1) throw new Error('a row source starts in column A');
      const source = rows as RowSource;
      this.parts.push(source);
      this.count += source.length;
    }
    return { headerRow, firstRow: headerRow + 1, lastRow: headerRow + rows.length, firstColumn, lastColumn: firstColumn + headers.length - 1 };
  }

  /** "(none)" under a table with no rows. */
  emptyNote(area: Area, text = '(none)'): void {
    if (area.lastRow < area.firstRow) this.add(styled(text, 'note'));
  }

  /** Keep rows 1..rows (and columns 1..columns) in view. */
  freezeAt(rows: number, columns = 0): void {
    this.content.freeze = { rows, columns };
  }

  /** The main table: frozen and repeated on every printed page down to its header, filtered. */
  mainTable(area: Area, frozenColumns = 0): void {
    this.freezeAt(area.headerRow, frozenColumns);
    this.printHeader(area);
    this.filter(area);
  }

  /** Repeat the table's header row at the top of each printed page (from the page it starts on). */
  printHeader(area: Area): void {
    this.content.printTitleRows = area.headerRow;
  }

  /** A table at the top of a longer sheet: filtered and its header recorded, only the title rows frozen. */
  leadingTable(area: Area): void {
    this.freezeAt(area.headerRow - 1);
    this.filter(area);
  }

  filter(area: Area): void {
    this.content.autoFilter = areaRef(area);
    this.content.headerRow = area.headerRow;
  }

  dropdown(ref: string, list: readonly string[], prompt: string): void {
    this.content.validations.push({ ref, list, prompt });
  }

  highlight(ref: string, equals: string): void {
    this.content.highlights.push({ ref, equals });
  }

  dataBar(ref: string): void {
    this.content.dataBars.push(ref);
  }

  widths(widths: number[]): void {
    this.content.widths = widths;
  }

  more(rows: AsyncIterable<Row[]> | Iterable<Row[]>): void {
    this.content.moreRows = rows;
  }

  done(): SheetContent {
    return this.content;
  }
}
