/**
 * A sheet row as SpreadsheetML `<row>` XML, rendered straight from the row's cells (no cell
 * objects): numbers and dates as `<v>` numbers (a date as its Excel serial), booleans `t="b"`,
 * text as a shared string (`t="s"`) or inline (`t="str"`), every string through `cellText`. Cell
 * format ids and shared-string indexes come from the workbook writer, through `RowSink`.
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
import { xmlEscape } from '../../xlsx/index.js';

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

export class RowXml {
  private readonly letters: string[] = [];

  constructor(private readonly sink: RowSink) {}

  private letter(column: number): string {
    return (this.letters[column] ??= columnLetter(column));
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
        default: {
          const text = cellText(v as string);
          xml += sink.sharedString ? ` t="s"><v>${sink.sharedString(text)}</v></c>` : ` t="str"><v>${xmlEscape(text)}</v></c>`;
        }
      }
      hasValues = true;
    }
    if (!hasValues && !height) return '';
    const attributes = `${height ? ` ht="${height}" customHeight="1"` : ''}${min > 0 ? ` spans="${min}:${max}"` : ''}`;
    return xml ? `<row r="${number}"${attributes}>${xml}</row>` : `<row r="${number}"${attributes}/>`;
  }
}
