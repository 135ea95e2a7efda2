/**
 * Write sheet contents as an .xlsx with exceljs's streaming `WorkbookWriter`, in the order given:
 * exceljs writes each sheet's frame (columns, panes, filter, drop-downs, conditional formats, page
 * setup) and the workbook parts; `SheetRows` writes the rows into the sheet's stream as they come,
 * so memory stays flat even with a population data sheet. Every string goes through `cellText`;
 * values are only ever plain values — no formula is written from any text (the only formulas in
 * the file are the constant conditional-format and list-validation expressions built here).
 *
 * @example
 * const { sheets, document } = workbookContents(input)
 * await renderWorkbook(sheets, createWriteStream('out.xlsx'), document)
 */
import type { Writable } from 'node:stream';
import { columnName, type SheetContent } from './content.js';
import { columnsWidthPt, MARGINS, MIN_SCALE, PAPER, pageScale, printableWidthPt } from './page-setup.js';
import { RowXml } from './row-xml.js';
import { SheetRows } from './sheet-rows.js';
import { EXCEPTION_FILL, EXCEPTION_FONT } from './styles.js';
import { columnWidths } from './widths.js';
import { cellText, headerFooterText } from './text.js';
import { openWorkbookWriter, rowSink, sheetData, type WorkbookWriterInstance } from './xlsx-writer.js';

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
  /** Paper the sheets are set up for (landscape). */
  paper: 'letter' | 'a4';
  /**
   * Zip each part as it is written (a population data sheet: memory stays flat) rather than the
   * whole file in memory at the end (faster for the working-paper sheets alone).
   */
  streamed: boolean;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function writeSheet(wb: WorkbookWriterInstance, xml: RowXml, sheet: SheetContent, doc: WorkbookDocument): Promise<void> {
  const widths = sheet.widths ?? columnWidths(sheet.rows);
  const scale = pageScale(widths, doc.paper);
  const fits = scale > MIN_SCALE || columnsWidthPt(widths) * (MIN_SCALE / 100) <= printableWidthPt(doc.paper);
  const ws = wb.addWorksheet(sheet.name, {
    state: sheet.state,
    views: sheet.freeze ? [{ state: 'frozen', xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows }] : [],
    pageSetup: {
      paperSize: PAPER[doc.paper], orientation: 'landscape', margins: MARGINS,
      // Fit to one page wide when that keeps the scale at 60% or more; else 60%, pages across.
      ...(fits ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : { fitToPage: false, scale: MIN_SCALE }),
      ...(sheet.printTitleRows ? { printTitlesRow: `${sheet.printTitleRows}:${sheet.printTitleRows}` } : {}),
      ...(!fits && sheet.printTitleColumns ? { printTitlesColumn: `A:${columnName(sheet.printTitleColumns)}` } : {}),
    } as never,
    headerFooter: {
      oddHeader: `&L${headerFooterText(doc.header.left)}&C${headerFooterText(sheet.name, 31)}&R${headerFooterText(doc.header.right)}`,
      oddFooter: `&L${headerFooterText(doc.footer)}&RPage &P of &N`,
    },
  });
  // exceljs leaves out a column of its default width (9), which then prints at the application's default.
  ws.columns = widths.map((width) => ({ width: width === 9 ? 9.01 : width }));
  const rows = new SheetRows(sheetData(ws), xml, widths, doc.streamed);
  for (const row of sheet.rows) if (rows.add(row)) await tick();
  if (sheet.moreRows) {
    for await (const batch of sheet.moreRows) {
      for (const row of batch) if (rows.add(row)) await tick();
    }
  }
  rows.flush();
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
  if (sheet.state === 'visible') {
    // Only the yellow input cells are unlocked; no password (a reviewer can unprotect; verify still guards).
    await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true });
  }
  ws.commit();
}

/** Write the sheets, in order, to `out` as one .xlsx; resolves when the stream has the whole file. */
export async function renderWorkbook(sheets: Iterable<SheetContent> | AsyncIterable<SheetContent>, out: Writable, doc: WorkbookDocument): Promise<void> {
  const wb = openWorkbookWriter(out, { sharedStrings: doc.sharedStrings, streamed: doc.streamed, created: doc.created });
  wb.creator = cellText(doc.creator);
  wb.lastModifiedBy = cellText(doc.creator);
  wb.created = doc.created;
  wb.modified = doc.created;
  wb.title = cellText(doc.title);
  wb.subject = cellText(doc.subject);
  wb.keywords = cellText(doc.keywords);
  wb.description = cellText(doc.description);
  const xml = new RowXml(rowSink(wb, doc.sharedStrings));
  // The very hidden machine copy's long parts are written inline: kept out of the shared-string
  // table, which a reader must load whole before any sheet.
  const inline = new RowXml(rowSink(wb, false));
  for await (const sheet of sheets) await writeSheet(wb, sheet.state === 'veryHidden' ? inline : xml, sheet, doc);
  await wb.commit();
}
