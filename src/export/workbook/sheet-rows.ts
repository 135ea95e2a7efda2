/**
 * A sheet's rows into its stream, numbered from 1: each row's height (taller when a header or
 * wrapped text needs more lines in its column), its XML from `RowXml`, gathered into chunks — one
 * stream write each, instead of one per row. The caller gives the event loop a turn after each
 * chunk: when the workbook is zipped as it is written, that is when the zip takes the XML (and
 * frees it), so streamed chunks are kept small (a big population sheet stays in flat memory);
 * otherwise they only keep the loop responsive.
 *
 * @example
 * const rows = new SheetRows(sheetData(ws), new RowXml(rowSink(wb, true)), [12, 30], false)
 * for (const row of sheet.rows) if (rows.add(row)) await tick()
 * rows.flush()
 */
import { cellParts, type Row } from './content.js';
import type { RowXml } from './row-xml.js';
import type { SheetData } from './xlsx-writer.js';

/** Lines a wrapped text takes in a column of `width` characters (an estimate: Excel wraps at words). */
function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.1) - 2);
  let lines = 0;
  for (const part of text.split('\n')) lines += Math.max(1, Math.ceil(part.length / perLine));
  return lines;
}

/** The row's height in points when a header or wrapped text needs more than one line; 0 for the default. */
function rowHeight(row: Row, widths: readonly number[]): number {
  let lines = 1;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    if (cell === null || cell === undefined) continue;
    const { v, s } = cellParts(cell);
    if ((s === 'header' || s === 'wrap') && typeof v === 'string') lines = Math.max(lines, wrappedLines(v, widths[i] ?? 10));
  }
  return lines > 1 ? 15 * Math.min(lines, 12) : 0;
}

/** Characters of rows' XML gathered before they go to the sheet's stream: zipped as written, else at the end. */
const STREAMED_CHUNK_CHARS = 1 << 12;
const CHUNK_CHARS = 1 << 16;

export class SheetRows {
  private number = 0;
  private pending = '';
  private readonly chunkChars: number;

  constructor(private readonly data: SheetData, private readonly xml: RowXml, private readonly widths: readonly number[], streamed: boolean) {
    this.chunkChars = streamed ? STREAMED_CHUNK_CHARS : CHUNK_CHARS;
  }

  /** Add a row; true when a chunk went to the stream (time to give the event loop a turn). */
  add(row: Row): boolean {
    this.data.open();
    this.pending += this.xml.row(row, ++this.number, rowHeight(row, this.widths));
    if (this.pending.length < this.chunkChars) return false;
    this.flush();
    return true;
  }

  /** Write what is gathered. */
  flush(): void {
    if (this.pending) this.data.write(this.pending);
    this.pending = '';
  }
}
