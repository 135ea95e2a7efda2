/**
 * Write sheet contents as an .xlsx with exceljs's streaming `WorkbookWriter` (rows are committed
 * as they are written, so memory stays flat even with a population data sheet), in the order
 * given. Every string goes through `cellText`; values are only ever plain values — no formula
 * is written from any text (the only formulas in the file are the constant conditional-format
 * and list-validation expressions built here).
 *
 * @example
 * const { sheets, document } = workbookContents(input)
 * await renderWorkbook(sheets, createWriteStream('out.xlsx'), document)
 */
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import type { Cell as XlCell, Row as XlRow, stream as XlStream, Style, Worksheet } from 'exceljs';
import { cellParts, type Cell, type Row, type SheetContent } from './content.js';
import { CELL_STYLES, EXCEPTION_FILL, EXCEPTION_FONT } from './styles.js';
import { columnWidths } from './widths.js';
import { cellText, headerFooterText } from './text.js';

const require = createRequire(import.meta.url);
type WorkbookWriterClass = typeof XlStream.xlsx.WorkbookWriter;
let writerClass: WorkbookWriterClass | undefined;
/** Only the streaming writer's module (half the load time of the whole library). */
function WorkbookWriter(): WorkbookWriterClass {
  writerClass ??= require('exceljs/lib/stream/xlsx/workbook-writer.js') as WorkbookWriterClass;
  return writerClass;
}

export interface WorkbookDocument {
  title: string;
  subject: string;
  keywords: string;
  description: string;
  creator: string;
  created: Date;
  /** Page header: left and right parts (user text, escaped here); the sheet name goes in the centre. */
  header: { left: string; right: string };
  /** Page footer left part; page numbers are added. */
  footer: string;
  /**
   * A shared-string table (smaller file; LibreOffice decodes `_xHHHH_` escapes only there). Off
   * for a population data sheet: the table is held in memory until the end and would grow with
   * every distinct value, so strings are then written inline.
   */
  sharedStrings: boolean;
}

function put(xl: XlCell, cell: Cell): void {
  const { v, s } = cellParts(cell);
  xl.value = typeof v === 'string' ? cellText(v) : v;
  // Always a shared style object: exceljs caches a style id per object (a fresh {} per cell
  // costs a style lookup each — a third of the time of a large sheet).
  xl.style = s ? CELL_STYLES[s] : v instanceof Date ? CELL_STYLES.datetime : PLAIN;
}

const PLAIN: Partial<Style> = {};

/** Lines a wrapped text takes in a column of `width` characters (an estimate: Excel wraps at words). */
function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.1) - 2);
  let lines = 0;
  for (const part of text.split('\n')) lines += Math.max(1, Math.ceil(part.length / perLine));
  return lines;
}

function writeRow(ws: Worksheet, row: Row, widths: readonly number[]): void {
  const xl: XlRow = ws.addRow([]);
  let lines = 1;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i]!;
    if (cell === null) continue;
    put(xl.getCell(i + 1), cell);
    const { v, s } = cellParts(cell);
    if ((s === 'header' || s === 'wrap') && typeof v === 'string') lines = Math.max(lines, wrappedLines(v, widths[i] ?? 10));
  }
  if (lines > 1) xl.height = 15 * Math.min(lines, 12);
  xl.commit();
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function writeSheet(wb: InstanceType<WorkbookWriterClass>, sheet: SheetContent, doc: WorkbookDocument): Promise<void> {
  const widths = sheet.widths ?? columnWidths(sheet.rows);
  const ws = wb.addWorksheet(sheet.name, {
    state: sheet.state,
    views: sheet.freeze ? [{ state: 'frozen', xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows }] : [],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, ...(sheet.printTitleRows ? { printTitlesRow: `1:${sheet.printTitleRows}` } : {}) },
    headerFooter: {
      oddHeader: `&L${headerFooterText(doc.header.left)}&C${headerFooterText(sheet.name, 31)}&R${headerFooterText(doc.header.right)}`,
      oddFooter: `&L${headerFooterText(doc.footer)}&RPage &P of &N`,
    },
  });
  ws.columns = widths.map((width) => ({ width }));
  let written = 0;
  for (const row of sheet.rows) {
    writeRow(ws, row, widths);
    if (++written % 200 === 0) await tick();
  }
  if (sheet.moreRows) {
    for await (const batch of sheet.moreRows) {
      for (const row of batch) {
        writeRow(ws, row, widths);
        // The streaming writer only frees committed rows when it gets the event loop.
        if (++written % 16 === 0) await tick();
      }
    }
  }
  if (sheet.autoFilter) ws.autoFilter = sheet.autoFilter;
  const validations = (ws as unknown as { dataValidations: { add(ref: string, v: object): void } }).dataValidations;
  for (const v of sheet.validations) {
    const list = `"${v.list.join(',')}"`;
    validations.add(v.ref, { type: 'list', allowBlank: true, formulae: [list], showInputMessage: true, prompt: v.prompt, showErrorMessage: true, errorStyle: 'stop', error: `Choose one of ${v.list.join(', ')}` });
  }
  for (const h of sheet.highlights) {
    ws.addConditionalFormatting({
      ref: h.ref,
      rules: [{ type: 'cellIs', operator: 'equal', priority: 1, formulae: [JSON.stringify(h.equals)], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: EXCEPTION_FILL } }, font: { color: { argb: EXCEPTION_FONT }, bold: true } } }],
    });
  }
  for (const ref of sheet.dataBars) {
    ws.addConditionalFormatting({
      ref,
      rules: [{ type: 'dataBar', priority: 2, minLength: 0, maxLength: 100, gradient: false, border: false, cfvo: [{ type: 'num', value: 0 }, { type: 'max' }], color: { argb: 'FF5B9BD5' } } as never],
    });
  }
  ws.commit();
}

/** Write the sheets, in order, to `out` as one .xlsx; resolves when the stream has the whole file. */
export async function renderWorkbook(sheets: Iterable<SheetContent> | AsyncIterable<SheetContent>, out: Writable, doc: WorkbookDocument): Promise<void> {
  const Writer = WorkbookWriter();
  const wb = new Writer({ stream: out, useStyles: true, useSharedStrings: doc.sharedStrings });
  wb.creator = cellText(doc.creator);
  wb.lastModifiedBy = cellText(doc.creator);
  wb.created = doc.created;
  wb.modified = doc.created;
  wb.title = cellText(doc.title);
  wb.subject = cellText(doc.subject);
  wb.keywords = cellText(doc.keywords);
  wb.description = cellText(doc.description);
  for await (const sheet of sheets) await writeSheet(wb, sheet, doc);
  await wb.commit();
}
