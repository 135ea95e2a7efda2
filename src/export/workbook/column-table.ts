/**
 * A large table defined column by column: each column says how it styles its cells and reads
 * its value from an item of the model. Its rows are rendered straight from the items (one reused
 * row frame, no cell object per cell, a column's style decided once); the same columns give the
 * table as rows of cells (`rows()`) for whatever reads a sheet's cells (widths, verify).
 *
 * @example
 * const table = new ColumnTable(model.items, [
 *   { value: (i) => i.order },
 *   { value: (i) => i.prn, style: 'prn' },
 *   { value: (i) => i.note, textStyle: 'wrap' },
 * ])
 * [...table.rows()][0] // [1, { v: 0.0123…, s: 'prn' }, { v: 'late', s: 'wrap' }]
 */
import type { CellStyle, CellValue, Row, RowSource } from './content.js';
import type { EntryField } from './entry-fields.js';

export interface TableColumn<T> {
  /** The item's value in this column. */
  value(item: T): CellValue;
  /** Every cell of the column in this style, a blank one included (an empty styled cell). */
  style?: CellStyle;
  /** Only texts (and dates) in these styles; other values bare (a blank one is no cell at all). */
  textStyle?: CellStyle;
  dateStyle?: CellStyle;
  /** A cell meant for people: which of the team's entries it holds. */
  entry?(item: T): EntryField;
}

/** A row of the table as values and their styles (null: a bare value). */
export interface RowFrame {
  values: CellValue[];
  styles: (CellStyle | null)[];
  length: number;
}

export class ColumnTable<T> implements RowSource {
  /** Each column's value function and styles, in arrays of one kind each (columns differ in which members they have). */
  private readonly values: ((item: T) => CellValue)[];
  private readonly styles: (CellStyle | null)[];
  private readonly textStyles: (CellStyle | null)[];
  private readonly dateStyles: (CellStyle | null)[];

  constructor(readonly items: readonly T[], readonly columns: readonly TableColumn<T>[]) {
    this.values = columns.map((c) => c.value);
    this.styles = columns.map((c) => c.style ?? null);
    this.textStyles = columns.map((c) => c.textStyle ?? null);
    this.dateStyles = columns.map((c) => c.dateStyle ?? null);
  }

  get length(): number {
    return this.items.length;
  }

  /** Each row as cells (made anew on each call). */
  *rows(): Iterable<Row> {
    const columns = this.columns;
    for (const item of this.items) {
      const row: Row = new Array(columns.length);
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c]!;
        const v = column.value(item);
        const s = column.style ?? (typeof v === 'string' ? column.textStyle : v instanceof Date ? column.dateStyle : undefined);
        const e = column.entry?.(item);
        row[c] = s === undefined ? v : e === undefined ? { v, s } : { v, s, e };
      }
      yield row;
    }
  }

  /** Fill `frame` with row `index`. */
  fill(index: number, frame: RowFrame): void {
    const item = this.items[index]!;
    const { values: read, styles: styleOf, textStyles, dateStyles } = this;
    const { values, styles } = frame;
    const n = read.length;
    for (let c = 0; c < n; c++) {
      const v = read[c]!(item);
      values[c] = v;
      styles[c] = styleOf[c] ?? (typeof v === 'string' ? textStyles[c]! : v instanceof Date ? dateStyles[c]! : null);
    }
    frame.length = n;
  }
}

/** Rows `from` ≤ i < `to` of a column table, rendered together. */
export interface RowBatch {
  table: ColumnTable<unknown>;
  from: number;
  to: number;
}

export const isRowBatch = (row: Row | RowBatch): row is RowBatch => !Array.isArray(row);
