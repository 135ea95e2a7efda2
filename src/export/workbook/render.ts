/**
 * Write sheet contents as an .xlsx with exceljs's streaming `WorkbookWriter` (rows are committed
 * as they are written, so memory stays flat even with a population data sheet), in the order
 * given. Every string goes through `cellText`; values are only ever plain values — no formula
 * is written from any text (the only formulas in the file are the constant conditional-format
 * and list-validation expressions built here).
 *
 * @example
 * await renderWorkbook(sheets, stream, { title: 'CC8.1 sample', header: { left: 'CC8.1', right: 'Acme' }, footer: 'tickmark 0.1.0' })
 */
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import type { Cell as XlCell, Row as XlRow, stream as XlStream, Worksheet } from 'exceljs';
import type { Cell, CellStyle, CellValue, Row, SheetContent } from './content.js';
import { CELL_STYLES, EXCEPTION_FILL, EXCEPTION_FONT, OVERFLOWING } from './styles.js';
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
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
const WIDTH_SAMPLE_ROWS = 400;

function valueOf(cell: Cell): { v: CellValue; s: CellStyle | undefined } {
  if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) return { v: cell.v, s: cell.s };
  return { v: cell, s: undefined };
}

function displayLength(v: CellValue, s: CellStyle | undefined): number {
  if (v === null) return 0;
  if (v instanceof Date) return s === 'date' || s === 'inputDate' ? 10 : 19;
  if (typeof v === 'number') return s === 'prn' ? 17 : s === 'percent' ? 7 : s === 'integer' ? Math.max(1, Math.round(Math.abs(v))).toLocaleString('en-US').length + 1 : String(v).length;
  if (typeof v === 'boolean') return 5;
  let longest = 0;
  for (const line of v.split('\n')) longest = Math.max(longest, line.length);
  return longest;
}

/** Column widths from the first rows' contents (titles and notes may overflow and are left out). */
export function columnWidths(rows: readonly Row[]): number[] {
  const widths: number[] = [];
  const sample = rows.length > WIDTH_SAMPLE_ROWS ? rows.slice(0, WIDTH_SAMPLE_ROWS) : rows;
  for (const row of sample) {
    row.forEach((cell, i) => {
      const { v, s } = valueOf(cell);
      if (s && OVERFLOWING.has(s)) return;
      const len = Math.ceil(displayLength(v, s) * (s === 'mono' ? 1.2 : 1.05)) + (s === 'header' ? 1 : 2);
      widths[i] = Math.max(widths[i] ?? MIN_WIDTH, Math.min(MAX_WIDTH, len));
    });
  }
  for (let i = 0; i < widths.length; i++) widths[i] ??= MIN_WIDTH;
  return widths;
}

function put(xl: XlCell, cell: Cell): void {
  const { v, s } = valueOf(cell);
  xl.value = typeof v === 'string' ? cellText(v) : v;
  if (s) xl.style = CELL_STYLES[s];
  else if (v instanceof Date) xl.style = CELL_STYLES.datetime;
}

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
    const { v, s } = valueOf(cell);
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
  const wb = new Writer({ stream: out, useStyles: true, useSharedStrings: true });
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
