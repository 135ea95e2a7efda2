/**
 * A sheet's rows into its part, numbered from 1: each row (or each row of a column table's batch,
 * filled into one reused frame) with its height (taller when a header or wrapped text needs more
 * lines in its column), its XML written by `RowXml` into one byte buffer, gathered into chunks —
 * one write each, instead of one per row. `add` says when a chunk is full; the caller then awaits
 * `flush`, which hands it to the part (deflated there in pieces as it grows) and lets the stream
 * drain, so a big population sheet stays in flat memory and the event loop keeps turning.
 *
 * @example
 * const rows = new SheetRows(part, new RowXml(rowSink(wb, true)), [12, 30])
 * for (const row of sheet.rows) if (rows.add(row)) await rows.flush()
 * await rows.flush()
 */
import { XmlBytes, type SheetWriter } from '../../xlsx/index.js';
import { isRowBatch, type RowBatch, type RowFrame } from './column-table.js';
import type { Row } from './content.js';
import { frameOf, type RowXml } from './row-xml.js';

/** Lines a wrapped text takes in a column of `width` characters (an estimate: Excel wraps at words). */
function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.1) - 2);
  if (text.length <= perLine && !text.includes('\n')) return 1;
  let lines = 0;
  for (let from = 0; ; ) {
    const to = text.indexOf('\n', from);
    const end = to < 0 ? text.length : to;
    lines += Math.max(1, Math.ceil((end - from) / perLine));
    if (to < 0) return lines;
    from = to + 1;
  }
}

/** The row's height in points when a header or wrapped text needs more than one line; 0 for the default. */
function rowHeight(frame: RowFrame, widths: readonly number[]): number {
  const { values, styles, length } = frame;
  let lines = 1;
  for (let i = 0; i < length; i++) {
    const s = styles[i];
    const v = values[i];
    if ((s === 'header' || s === 'wrap') && typeof v === 'string') lines = Math.max(lines, wrappedLines(v, widths[i] ?? 10));
  }
  return lines > 1 ? 15 * Math.min(lines, 12) : 0;
}

/** Bytes of rows' XML gathered before they go to the part. */
const CHUNK_BYTES = 1 << 16;

export class SheetRows {
  private number = 0;
  private readonly pending = new XmlBytes(CHUNK_BYTES * 2);
  private readonly frame: RowFrame = { values: [], styles: [], length: 0 };

  constructor(private readonly part: Pick<SheetWriter, 'write'>, private readonly xml: RowXml, private readonly widths: readonly number[]) {}

  /** Add a row (or a batch of a column table's rows); true when a chunk is ready (time to `flush`). */
  add(row: Row | RowBatch): boolean {
    const frame = this.frame;
    if (isRowBatch(row)) {
      for (let i = row.from; i < row.to; i++) {
        row.table.fill(i, frame);
        this.xml.writeFrame(frame, ++this.number, rowHeight(frame, this.widths), this.pending);
      }
    } else {
      frameOf(row, frame);
      this.xml.writeFrame(frame, ++this.number, rowHeight(frame, this.widths), this.pending);
    }
    return this.pending.at >= CHUNK_BYTES;
  }

  /** Write what is gathered (the part reads it before `write` returns; the buffer is then used again). */
  async flush(): Promise<void> {
    if (!this.pending.at) return;
    const xml = this.pending.view();
    this.pending.at = 0;
    await this.part.write(xml);
  }
}
