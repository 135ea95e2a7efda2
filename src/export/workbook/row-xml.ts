/**
 * A sheet row as SpreadsheetML `<row>` XML, written as UTF-8 straight into a byte buffer
 * (`XmlBytes`: no string per cell or per row) from a row frame — each cell's value and style, as
 * a column table fills it or as a row of cells gives it: numbers and dates as `<v>` numbers (a
 * date as its Excel serial), booleans `t="b"`, text as a shared string (`t="s"`) or inline
 * (`t="str"`), every string through `cellText`. Cell format ids and shared-string indexes come
 * from the workbook writer, through `RowSink`.
 * With a shared-string table, a column of a sheet is judged every 512 texts: once nearly all of
 * them were new to the table (keys, references, hashes: the table would only grow), its later
 * plain texts are written inline; a text with an `_xHHHH_` escape, a line break or white space at
 * either end stays shared.
 *
 * @example
 * const xml = new RowXml(rowSink(wb, true))
 * xml.row([styled('Key', 'header'), 'CHG0000001'], 4, 0) // '<row r="4" spans="1:2"><c r="A4" s="7" t="s"><v>3</v></c>…</row>'
 */
import { columnLetter } from '../../text/column-letter.js';
import type { CellFormat, ValueKind, WorkbookWriter } from '../../xlsx/index.js';
import type { RowFrame } from './column-table.js';
import type { CellStyle, Row } from './content.js';
import { CELL_STYLES } from './styles.js';
import { cellText } from './text.js';
import { XmlBytes } from '../../xlsx/index.js';

/** What the row needs from the workbook writer. */
export interface RowSink {
  /** The cell format's id (the first kind of value a format is seen with decides). */
  styleId(format: CellFormat, kind: ValueKind): number;
  /** A shared-string index; absent: strings are written inline. */
  sharedString?: (text: string) => number;
}

/** The sink rows of `wb` are rendered with; strings go to the shared-string table when `sharedStrings`. */
export function rowSink(wb: WorkbookWriter, sharedStrings: boolean): RowSink {
  return {
    styleId: (format, kind) => wb.cellFormat(format, kind),
    ...(sharedStrings ? { sharedString: (text: string) => wb.sharedString(text) } : {}),
  };
}

/** A Date's Excel serial (days since 1899-12-30, its UTC fields read as the wall time). */
const excelSerial = (date: Date): number => 25569 + date.getTime() / (24 * 3600 * 1000);

/** The format of a bare (unstyled) value, and of a bare date. */
const PLAIN: CellFormat = CELL_STYLES.plain;
const DATETIME: CellFormat = CELL_STYLES.datetime;

/** Texts of a column looked up in the shared-string table between two judgements of it. */
const WINDOW = 512;
/** The share of a window's texts new to the table that turns the column to inline text. */
const NEW_SHARE = 0.9;
/** Texts only a shared string carries as written (LibreOffice decodes escapes only there; edges keep their white space). */
const SHARED_ONLY = /_x|^\s|\n|\s$/;

/** How a column of the sheet being written holds its texts. */
interface ColumnTexts {
  /** Written inline from now on (judged: nearly every text was new to the table). */
  inline: boolean;
  /** Lookups and new strings in the current window. */
  looked: number;
  fresh: number;
  /** The column's last text, as given and as a cell holds it, and its index (runs of one text, as marks and enums form, skip the lookup). */
  last: string | undefined;
  lastRaw: string | undefined;
  lastIndex: number;
}

export class RowXml {
  /** `<c r="B` per column. */
  private readonly cellOpen: string[] = [];
  /** `" s="7"` per cell format id (`"` for the default). */
  private readonly styleAttr: string[] = [];
  /** Per column of the sheet being written. */
  private columns: ColumnTexts[] = [];
  /** One past the largest shared-string index seen: a larger index is a new string. */
  private sharedNext = 0;
  /** Per column: the style and kind of its last cell, and their format id. */
  private readonly lastStyle: (CellStyle | null | undefined)[] = [];
  private readonly lastKind: (ValueKind | undefined)[] = [];
  private readonly lastId: number[] = [];
  private scratch: XmlBytes | undefined;
  private frame: RowFrame | undefined;

  constructor(private readonly sink: RowSink) {}

  private open(column: number): string {
    return (this.cellOpen[column] ??= `<c r="${columnLetter(column)}`);
  }

  private style(id: number): string {
    return (this.styleAttr[id] ??= id ? `" s="${id}"` : '"');
  }

  /** Start a sheet: each of its columns judged afresh. */
  startSheet(): void {
    this.columns = [];
  }

  /** A text's type and value (`raw`, as a cell holds it: `cellText`): a shared string, or inline. */
  private text(raw: string, column: number, out: XmlBytes): void {
    const shared = this.sink.sharedString;
    if (!shared) {
      inlineText(cellText(raw), out);
      return;
    }
    const c = (this.columns[column] ??= { inline: false, looked: 0, fresh: 0, last: undefined, lastRaw: undefined, lastIndex: 0 });
    if (c.lastRaw !== raw) {
      const text = cellText(raw);
      if (c.last !== text) {
        if (c.inline && !SHARED_ONLY.test(text)) {
          inlineText(text, out);
          return;
        }
        const index = shared(text);
        if (!c.inline) {
          if (index >= this.sharedNext) c.fresh++;
          if (++c.looked === WINDOW) {
            c.inline = c.fresh >= WINDOW * NEW_SHARE;
            c.looked = 0;
            c.fresh = 0;
          }
        }
        if (index >= this.sharedNext) this.sharedNext = index + 1;
        c.last = text;
        c.lastIndex = index;
      }
      c.lastRaw = raw;
    }
    out.ascii(' t="s"><v>');
    out.uint(c.lastIndex);
    out.ascii('</v></c>');
  }

  /** The row's XML as text (see `write`). */
  row(cells: Row, number: number, height: number): string {
    const out = (this.scratch ??= new XmlBytes(1 << 12));
    out.at = 0;
    this.write(cells, number, height, out);
    return out.toString();
  }

  /**
   * Write the row's XML onto `out`; nothing for a row with no value and no height. Null cells are
   * absent; a styled blank is an empty styled cell.
   */
  write(cells: Row, number: number, height: number, out: XmlBytes): void {
    this.writeFrame(frameOf(cells, (this.frame ??= { values: [], styles: [], length: 0 })), number, height, out);
  }

  /** Write a row given as values and their styles (see `write`; a bare blank is no cell). */
  writeFrame(frame: RowFrame, number: number, height: number, out: XmlBytes): void {
    const { sink, lastStyle, lastKind, lastId } = this;
    const { values, styles, length } = frame;
    let min = 0;
    let max = 0;
    for (let i = 0; i < length; i++) {
      if (values[i] === null && styles[i] === null) continue;
      if (!min) min = i + 1;
      max = i + 1;
    }
    const start = out.at;
    out.ascii('<row r="');
    // The row number's digits, copied into each cell's reference.
    const digitsAt = out.at;
    out.uint(number);
    const digits = out.at - digitsAt;
    out.ascii('"');
    if (height) {
      out.ascii(' ht="');
      out.number(height);
      out.ascii('" customHeight="1"');
    }
    if (min > 0) {
      out.ascii(' spans="');
      out.uint(min);
      out.ascii(':');
      out.uint(max);
      out.ascii('"');
    }
    out.ascii('>');
    const opened = out.at;
    let hasValues = false;
    for (let i = Math.max(0, min - 1); i < max; i++) {
      const v = values[i];
      const s = styles[i];
      if (v === null && s === null) continue;
      const type: ValueKind = v === null || v === undefined ? 'empty'
        : typeof v === 'string' ? 'text'
          : typeof v === 'number' ? 'number'
            : typeof v === 'boolean' ? 'boolean'
              : 'date';
      const column = i + 1;
      // A column's cells mostly repeat its last style and kind: their format id is then known.
      let id: number;
      if (lastStyle[i] === s && lastKind[i] === type) id = lastId[i]!;
      else {
        const style: CellFormat = s !== null && s !== undefined ? CELL_STYLES[s] : v instanceof Date ? DATETIME : PLAIN;
        id = sink.styleId(style, type);
        lastStyle[i] = s;
        lastKind[i] = type;
        lastId[i] = id;
      }
      if (type === 'empty' && !id) continue;
      out.ascii(this.open(column));
      out.repeat(digitsAt, digits);
      out.ascii(this.style(id));
      switch (type) {
        case 'empty':
          out.ascii('/>');
          continue;
        case 'number':
          out.ascii('><v>');
          out.number(v as number);
          out.ascii('</v></c>');
          break;
        case 'boolean':
          out.ascii(v ? ' t="b"><v>1</v></c>' : ' t="b"><v>0</v></c>');
          break;
        case 'date':
          out.ascii('><v>');
          out.number(excelSerial(v as Date));
          out.ascii('</v></c>');
          break;
        default:
          this.text(v as string, column, out);
      }
      hasValues = true;
    }
    if (!hasValues && !height) out.at = start;
    else if (out.at === opened) {
      out.at -= 1;
      out.ascii('/>');
    } else out.ascii('</row>');
  }
}

/** A text written inline. */
function inlineText(text: string, out: XmlBytes): void {
  out.ascii(' t="str"><v>');
  out.text(text);
  out.ascii('</v></c>');
}

/** A row of cells as a frame: each cell's value and style (null: bare). */
export function frameOf(cells: Row, frame: RowFrame): RowFrame {
  const { values, styles } = frame;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell !== null && cell !== undefined && typeof cell === 'object' && !(cell instanceof Date)) {
      values[i] = cell.v;
      styles[i] = cell.s;
    } else if (cell === undefined) {
      // A hole in the row: an empty cell in the plain format.
      values[i] = null;
      styles[i] = 'plain';
    } else {
      values[i] = cell;
      styles[i] = null;
    }
  }
  frame.length = cells.length;
  return frame;
}
