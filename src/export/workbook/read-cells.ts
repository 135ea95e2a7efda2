/**
 * Every worksheet of a workbook as rows of cell text, streamed sheet by sheet — for `verify` and
 * the reader of filled workbooks. Read with tickmark's own XLSX reader (src/ingest/xlsx): zip-bomb
 * limits checked first, shared and inline strings alike, rich text joined, `_xHHHH_` escapes
 * decoded, numbers as their shortest decimal, date-formatted numbers as naive
 * `YYYY-MM-DD HH:mm:ss` text, formulas as their cached result — what Excel or LibreOffice left
 * when they saved it, whatever form they chose. Rows come with their Excel row number; rows with
 * no cell text are not yielded.
 *
 * @example
 * for await (const sheet of readWorkbookCells('filled.xlsx')) {
 *   for await (const row of sheet.rows) console.log(sheet.name, row.line, row.cells)
 * }
 */
import { invalidXlsx } from '../../ingest/xlsx/invalid.js';
import { resolveXlsxOptions } from '../../ingest/xlsx/options.js';
import { SheetRowsHandler, type SheetRow } from '../../ingest/xlsx/sheet/rows.js';
import { Latch } from '../../ingest/xlsx/stream/latch.js';
import { worksheetBytes } from '../../ingest/xlsx/stream/worksheet-bytes.js';
import { readWorkbookPackage, readXmlPart } from '../../ingest/xlsx/workbook/package.js';
import { sharedStringsHandler } from '../../ingest/xlsx/workbook/shared-strings.js';
import { stylesHandler } from '../../ingest/xlsx/workbook/styles.js';
import { decodeUtf8, feedXml } from '../../ingest/xlsx/xml/events.js';
import { openZipArchive } from '../../ingest/xlsx/zip/archive.js';
import { assertReadableEntry } from '../../ingest/xlsx/zip/inflate-entry.js';

export interface SheetCells {
  name: string;
  /** `visible`, `hidden` or `veryHidden` (LibreOffice may save a very hidden sheet as hidden). */
  state: string;
  /** Rows with text, in order; `cells[i]` is column i+1 ('' for an empty cell). */
  rows: AsyncIterable<SheetRow>;
}

export interface WorkbookCells {
  sheets: { name: string; state: string }[];
  /** One sheet's rows (read once, streamed). */
  sheet(name: string): SheetCells | undefined;
}

/** Open a workbook for reading its cells. */
export async function openWorkbookCells(path: string): Promise<WorkbookCells> {
  const { limits } = resolveXlsxOptions({});
  const latch = new Latch();
  const archive = await openZipArchive(path, limits);
  const book = await readWorkbookPackage(archive);
  const styles = stylesHandler();
  if (book.stylesPart) await readXmlPart(archive, book.stylesPart, styles);
  const strings = sharedStringsHandler();
  if (book.sharedStringsPart) await readXmlPart(archive, book.sharedStringsPart, strings);
  const sharedStrings = strings.result();
  const dateStyles = styles.result();

  async function* rowsOf(part: string): AsyncGenerator<SheetRow> {
    const entry = archive.entry(part);
    if (!entry) throw invalidXlsx(`the worksheet part ${part} is missing`);
    assertReadableEntry(entry);
    const handler = new SheetRowsHandler({ sharedStrings, date1904: book.date1904, part }, dateStyles);
    for await (const _ of feedXml(decodeUtf8(worksheetBytes(archive, entry, latch), part), handler, part)) {
      const rows = handler.rows;
      handler.rows = [];
      for (const row of rows) if (row.cells.length) yield row;
    }
  }

  return {
    sheets: book.worksheets.map((s) => ({ name: s.name, state: s.state })),
    sheet(name) {
      const ref = book.worksheets.find((s) => s.name === name);
      return ref ? { name: ref.name, state: ref.state, rows: rowsOf(ref.part) } : undefined;
    },
  };
}
