/**
 * A sheet row as SpreadsheetML `<row>` XML, rendered straight from the row's cells (no cell
 * objects): numbers and dates as `<v>` numbers (a date as its Excel serial), booleans `t="b"`,
 * text as a shared string (`t="s"`) or inline (`t="str"`), every string through `cellText`. Cell
 * format ids and shared-string indexes come from the workbook writer, through `RowSink`.
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
import type { Row } from './content.js';
import { CELL_STYLES } from './styles.js';
import { cellText } from './text.js';
import { xmlText } from '../../xlsx/index.js';

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

/** The format of a bare (unstyled) value. */
const PLAIN: CellFormat = CELL_STYLES.plain;

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
  /** The column's last text and its index (runs of one text, as marks and enums form, skip the lookup). */
  last: string | undefined;
  lastIndex: number;
}

export class RowXml {
  private readonly letters: string[] = [];
  /** Per column of the sheet being written. */
  private columns: ColumnTexts[] = [];
  /** One past the largest shared-string index seen: a larger index is a new string. */
  private sharedNext = 0;

  constructor(private readonly sink: RowSink) {}

  private letter(column: number): string {
    return (this.letters[column] ??= columnLetter(column));
  }

  /** Start a sheet: each of its columns judged afresh. */
  startSheet(): void {
    this.columns = [];
  }

  /** The cell's type and value XML for a text: a shared string, or inline. */
  private textXml(text: string, column: number): string {
    const shared = this.sink.sharedString;
    if (shared) {
      const c = (this.columns[column] ??= { inline: false, looked: 0, fresh: 0, last: undefined, lastIndex: 0 });
      if (c.last === text) return ` t="s"><v>${c.lastIndex}</v></c>`;
      if (!c.inline || SHARED_ONLY.test(text)) {
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
        return ` t="s"><v>${index}</v></c>`;
      }
    }
    return ` t="str"><v>${xmlText(text)}</v></c>`;
  }

  /**
   * The row's XML; '' for a row with no value and no height. Null cells are absent; a styled
   * blank is an empty styled cell.
   */
  row(cells: Row, number: number, height: number): string {
    const sink = this.sink;
    let xml = '';
    let min = 0;
    let max = 0;
    let hasValues = false;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === null) continue;
      let v: unknown = cell;
      let style: CellFormat;
      if (cell !== undefined && typeof cell === 'object' && !(cell instanceof Date)) {
        v = cell.v;
        style = CELL_STYLES[cell.s];
      } else style = cell instanceof Date ? CELL_STYLES.datetime : PLAIN;
      const type: ValueKind = v === null || v === undefined ? 'empty'
        : typeof v === 'string' ? 'text'
          : typeof v === 'number' ? 'number'
            : typeof v === 'boolean' ? 'boolean'
              : 'date';
      const column = i + 1;
      if (!min) min = column;
      max = column;
      const id = sink.styleId(style, type);
      if (type === 'empty' && !id) continue;
      xml += `<c r="${this.letter(column)}${number}"${id ? ` s="${id}"` : ''}`;
      switch (type) {
        case 'empty':
          xml += '/>';
          continue;
        case 'number':
          xml += `><v>${String(v)}</v></c>`;
          break;
        case 'boolean':
          xml += ` t="b"><v>${v ? '1' : '0'}</v></c>`;
          break;
        case 'date':
          xml += `><v>${excelSerial(v as Date)}</v></c>`;
          break;
        default:
          xml += this.textXml(cellText(v as string), column);
      }
      hasValues = true;
    }
    if (!hasValues && !height) return '';
    const attributes = `${height ? ` ht="${height}" customHeight="1"` : ''}${min > 0 ? ` spans="${min}:${max}"` : ''}`;
    return xml ? `<row r="${number}"${attributes}>${xml}</row>` : `<row r="${number}"${attributes}/>`;
  }
}
