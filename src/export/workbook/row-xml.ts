/**
 * A sheet row as SpreadsheetML `<row>` XML, byte for byte what exceljs 4.4.0's streaming writer
 * renders for it through `addRow` / `getCell` / `commit` — without its Row and Cell objects,
 * style merging and XML builder per cell (on a cold start that path was most of the time of a
 * small workbook). Style ids and shared-string indexes still come from the writer's style
 * manager and string table, asked in the order exceljs asks them, so styles.xml and
 * sharedStrings.xml are unchanged too. `test/export/row-xml.test.ts` compares the two renderings.
 *
 * @example
 * const xml = new RowXml(sink)
 * xml.row([styled('Key', 'header'), 'CHG0000001'], 4, 0) // '<row r="4" spans="1:2" x14ac:dyDescent="0.25"><c r="A4" s="7" t="s"><v>3</v></c>…</row>'
 */
import type { Style } from 'exceljs';
import { columnLetter } from '../../text/column-letter.js';
import type { Row } from './content.js';
import { CELL_STYLES } from './styles.js';
import { cellText } from './text.js';
import { xmlEscape } from './xml-escape.js';

/** exceljs's `Enums.ValueType` codes of the values a sheet holds. */
export const VALUE_TYPE = { Null: 0, Number: 2, String: 3, Date: 4, Boolean: 9 } as const;
type ValueType = (typeof VALUE_TYPE)[keyof typeof VALUE_TYPE];

/** What the row needs from the workbook writer. */
export interface RowSink {
  /** The cell style's id (exceljs `styles.addStyleModel`: the first cell type a style is seen with decides). */
  styleId(style: Partial<Style>, type: ValueType): number;
  /** A shared-string index (exceljs `sharedStrings.add`); absent: strings are written inline. */
  sharedString?: (text: string) => number;
}

/** A Date's Excel serial (days since 1899-12-30, its UTC fields read as the wall time), as exceljs's `utils.dateToExcel`. */
const excelSerial = (date: Date): number => 25569 + date.getTime() / (24 * 3600 * 1000);

/** The style of a bare (unstyled) value: one shared object, so exceljs caches its id. */
const PLAIN: Partial<Style> = CELL_STYLES.plain;

export class RowXml {
  private readonly letters: string[] = [];

  constructor(private readonly sink: RowSink) {}

  private letter(column: number): string {
    return (this.letters[column] ??= columnLetter(column));
  }

  /**
   * The row's XML; '' for a row exceljs leaves out (no value and no height). Null cells are
   * absent; a styled blank is an empty styled cell.
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
      let style: Partial<Style>;
      if (cell !== undefined && typeof cell === 'object' && !(cell instanceof Date)) {
        v = cell.v;
        style = CELL_STYLES[cell.s];
      } else style = cell instanceof Date ? CELL_STYLES.datetime : PLAIN;
      const type: ValueType = v === null || v === undefined ? VALUE_TYPE.Null
        : typeof v === 'string' ? VALUE_TYPE.String
          : typeof v === 'number' ? VALUE_TYPE.Number
            : typeof v === 'boolean' ? VALUE_TYPE.Boolean
              : VALUE_TYPE.Date;
      const column = i + 1;
      if (!min) min = column;
      max = column;
      const id = sink.styleId(style, type);
      if (type === VALUE_TYPE.Null && !id) continue;
      xml += `<c r="${this.letter(column)}${number}"${id ? ` s="${id}"` : ''}`;
      switch (type) {
        case VALUE_TYPE.Null:
          xml += '/>';
          continue;
        case VALUE_TYPE.Number:
          xml += `><v>${String(v)}</v></c>`;
          break;
        case VALUE_TYPE.Boolean:
          xml += ` t="b"><v>${v ? '1' : '0'}</v></c>`;
          break;
        case VALUE_TYPE.Date:
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
    const attributes = `${height ? ` ht="${height}" customHeight="1"` : ''}${min > 0 ? ` spans="${min}:${max}"` : ''} x14ac:dyDescent="0.25"`;
    return xml ? `<row r="${number}"${attributes}>${xml}</row>` : `<row r="${number}"${attributes}/>`;
  }
}
