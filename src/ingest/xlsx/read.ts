/**
 * Read one worksheet of an .xlsx file as text records, streamed, for the same typing path as CSV.
 *
 * 1. The zip's central directory is read from the file's tail and checked against the limits
 *    before anything is inflated (TM_ERR_XLSX_BOMB: entry count, total declared size, ratio).
 * 2. The small parts (package and workbook relationships, workbook, styles, shared strings) are
 *    inflated, metered against their declared sizes and CRC-checked, and parsed with tickmark's
 *    own XML tokenizer: sheet names and order, the date system, which cell styles are dates, and
 *    the shared-string table.
 * 3. The chosen worksheet is inflated straight from the file the same way, chunk by chunk; its
 *    XML is decoded as UTF-8 across chunk boundaries and turned into rows by our own cell decoder.
 *    Only that worksheet is read, whatever order the parts are in.
 *
 * Everything is read by tickmark's own code (node:zlib for the inflate): no spreadsheet library.
 * The rules it keeps that libraries have broken: formula results keep their type (an `#N/A` from
 * VLOOKUP stays `#N/A`, TRUE stays `true`, a date formula is a date), every run of inline rich
 * text is kept, entities are decoded once, rows without an `r` attribute are numbered in order,
 * shared strings give the text and not the phonetic guide, and a UTF-8 character split across
 * two chunks stays whole.
 *
 * Cell text: strings as written (rich text concatenated, `_xHHHH_` escapes decoded), numbers as
 * `String(n)`, booleans `true`/`false`, errors as their text, formulas as their cached result,
 * date-formatted numbers as naive `YYYY-MM-DD HH:mm:ss[.SSS]` (1900 or 1904 date system).
 *
 * @example
 * const book = await openXlsx('changes.xlsx', { sheet: 'Deployments' })
 * try {
 *   for await (const { values, line } of book.rows) console.log(line, values)
 * } finally {
 *   await book.close()
 * }
 */
import { tickmarkError } from '../../errors.js';
import { invalidXlsx } from './invalid.js';
import { resolveXlsxOptions, type XlsxReadOptions } from './options.js';
import { SheetRowsHandler, type SheetRow } from './sheet/rows.js';
import { headerOf, isBlankRow, recordValues } from './sheet/records.js';
import { Latch } from './stream/latch.js';
import { worksheetBytes } from './stream/worksheet-bytes.js';
import { readWorkbookPackage, readXmlPart } from './workbook/package.js';
import { selectWorksheet } from './workbook/select-sheet.js';
import { sharedStringsHandler } from './workbook/shared-strings.js';
import { stylesHandler } from './workbook/styles.js';
import { decodeUtf8, feedXml } from './xml/events.js';
import { openZipArchive } from './zip/archive.js';
import { findHeaderRow } from '../layout/header-row.js';

/** Non-empty rows read before the header row is chosen. */
const HEAD_ROWS = 200;
import { assertReadableEntry } from './zip/inflate-entry.js';

export interface XlsxRecord {
  values: string[];
  /** The Excel row number (the header is usually row 1). */
  line: number;
}

export interface XlsxRecords {
  /** The sheet being read. */
  sheet: string;
  /** All worksheets of the workbook, in tab order. */
  sheets: string[];
  /** Header texts, trimmed; trailing blank header cells dropped. */
  headers: string[];
  /** The Excel row number of the header row: the first non-empty row, or found below a title (`findHeaderRow`), or given. */
  headerLine: number;
  headerFrom: 'first' | 'found' | 'given';
  /** The non-empty rows above the header row (a report title, a run date…), with their Excel row numbers. */
  preamble: XlsxRecord[];
  /** 1904 when the workbook uses the 1904 date system; date cells are already converted either way. */
  dateSystem: 1900 | 1904;
  /** The data rows, once: non-empty rows after the header, padded to the header's width. */
  rows: AsyncIterable<XlsxRecord>;
  /** Release the file when the rows are not read to the end (reading to the end, or breaking out, releases it too). */
  close(): Promise<void>;
}

export async function openXlsx(path: string, options: XlsxReadOptions = {}): Promise<XlsxRecords> {
  const opts = resolveXlsxOptions(options);
  const latch = new Latch();
  const onAbort = () => latch.fail(tickmarkError('TM_ERR_ABORTED', { reason: 'the XLSX read was cancelled' }));
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const stopListening = () => opts.signal?.removeEventListener('abort', onAbort);
  try {
    const archive = await latch.race(openZipArchive(path, opts.limits));
    const book = await latch.race(readWorkbookPackage(archive));
    const target = selectWorksheet(book.worksheets, opts.sheet);
    const entry = archive.entry(target.part);
    if (!entry) throw invalidXlsx(`the worksheet "${target.name}" has no part ${target.part}`);
    assertReadableEntry(entry);
    const styles = stylesHandler();
    if (book.stylesPart) await latch.race(readXmlPart(archive, book.stylesPart, styles));
    const strings = sharedStringsHandler();
    if (book.sharedStringsPart) await latch.race(readXmlPart(archive, book.sharedStringsPart, strings));

    const handler = new SheetRowsHandler({ sharedStrings: strings.result(), date1904: book.date1904, part: target.part }, styles.result());
    const sheetRows = nonBlankRows(feedXml(decodeUtf8(worksheetBytes(archive, entry, latch), target.part), handler, target.part), handler);
    // The first rows, enough to find the header row below a title.
    const head: SheetRow[] = [];
    for (;;) {
      const wanted = opts.headerRow !== undefined ? !head.some((r) => r.line >= opts.headerRow!) : head.length < (opts.findHeaderRow ? HEAD_ROWS : 1);
      if (!wanted) break;
      const next = await sheetRows.next();
      if (next.done) break;
      head.push(next.value);
    }
    if (!head.length) throw tickmarkError('TM_ERR_EMPTY_FILE', { sheet: target.name });
    let at: number;
    if (opts.headerRow !== undefined) {
      at = head.findIndex((r) => r.line === opts.headerRow);
      if (at < 0) throw tickmarkError('TM_ERR_INVALID_OPTION', { option: '--header-row', expected: `must be a non-empty row of sheet "${target.name}"`, got: opts.headerRow });
    } else at = opts.findHeaderRow ? findHeaderRow(head.map((r) => r.cells)) : 0;
    const headers = headerOf(head[at]!.cells);
    const records = dataRecords(head.slice(at + 1), sheetRows, headers.length, stopListening);
    return {
      sheet: target.name,
      sheets: book.worksheets.map((s) => s.name),
      headers,
      headerLine: head[at]!.line,
      headerFrom: at === 0 ? 'first' : opts.headerRow !== undefined ? 'given' : 'found',
      preamble: head.slice(0, at).map((r) => ({ values: r.cells, line: r.line })),
      dateSystem: book.date1904 ? 1904 : 1900,
      rows: records,
      close: async () => {
        await records.return(undefined);
        await sheetRows.return(undefined); // when the records were never started
        stopListening();
      },
    };
  } catch (err) {
    stopListening();
    throw err;
  }
}

async function* nonBlankRows(steps: AsyncGenerator<void>, handler: SheetRowsHandler): AsyncGenerator<SheetRow> {
  for await (const _ of steps) {
    const rows = handler.rows;
    handler.rows = [];
    for (const row of rows) if (!isBlankRow(row.cells)) yield row;
  }
}

async function* dataRecords(first: SheetRow[], rows: AsyncGenerator<SheetRow>, width: number, done: () => void): AsyncGenerator<XlsxRecord> {
  try {
    for (const row of first) yield { values: recordValues(row.cells, width), line: row.line };
    for await (const row of rows) yield { values: recordValues(row.cells, width), line: row.line };
  } finally {
    done();
    await rows.return(undefined);
  }
}
