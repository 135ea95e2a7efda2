/**
 * A sheet's rows into its part, numbered from 1: each row's height (taller when a header or
 * wrapped text needs more lines in its column), its XML from `RowXml`, gathered into chunks — one
 * write each, instead of one per row. `add` says when a chunk is full; the caller then awaits
 * `flush`, which hands it to the part (deflated there in pieces as it grows) and lets the stream
 * drain, so a big population sheet stays in flat memory and the event loop keeps turning.
 *
 * @example
 * const rows = new SheetRows(part, new RowXml(rowSink(wb, true)), [12, 30])
 * for (const row of sheet.rows) if (rows.add(row)) await rows.flush()
 * await rows.flush()
 */
import type { SheetWriter } from '../../xlsx/index.js';
import type { Row } from './content.js';
import type { RowXml } from './row-xml.js';

/** Lines a wrapped text takes in a column of `width` characters (an estimate: Excel wraps at words). */
function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.1) - 2);
  if (text.length <= perLine && !text.includes('\n')) return 1;
  let lines = 0;
  for (const part of text.split('\n')) lines += Math.max(1, Math.ceil(part.length / perLine));
  return lines;
}

/** The row's height in points when a header or wrapped text needs more than one line; 0 for the default. */
function rowHeight(row: Row, widths: readonly number[]): number {
  let lines = 1;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    // Only a styled cell (an object, not a Date) can be a header or wrapped.
    if (cell === null || typeof cell !== 'object' || cell instanceof Date) continue;
    if ((cell.s === 'header' || cell.s === 'wrap') && typeof cell.v === 'string') lines = Math.max(lines, wrappedLines(cell.v, widths[i] ?? 10));
  }
  return lines > 1 ? 15 * Math.min(lines, 12) : 0;
}

/** Characters of rows' XML gathered before they go to the part. */
const CHUNK_CHARS = 1 << 16;

export class SheetRows {
  private number = 0;
  private pending = '';

  constructor(private readonly part: Pick<SheetWriter, 'write'>, private readonly xml: RowXml, private readonly widths: readonly number[]) {}

  /** Add a row; true when a chunk is ready (time to `flush`). */
  add(row: Row): boolean {
    this.pending += this.xml.row(row, ++this.number, rowHeight(row, this.widths));
    return this.pending.length >= CHUNK_CHARS;
  }

  /** Write what is gathered. */
  async flush(): Promise<void> {
    const xml = this.pending;
    this.pending = '';
    if (xml) await this.part.write(xml);
  }
}
