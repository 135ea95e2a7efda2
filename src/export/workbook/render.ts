/**
 * Write sheet contents as an .xlsx with tickmark's own `WorkbookWriter` (src/xlsx), in the order
 * given: each sheet's frame (columns, panes, filter, drop-downs, conditional formats, protection,
 * page setup) from its content, its rows rendered by `RowXml` and streamed into the sheet's part
 * as they come, so memory stays flat even with a population data sheet. Every string goes
 * through `cellText`; values are only ever plain values — no formula is written from any text
 * (the only formulas in the file are the constant conditional-format and list-validation
 * expressions built here).
 *
 * @example
 * const { sheets, document } = workbookContents(input)
 * await renderWorkbook(sheets, createWriteStream('out.xlsx'), document)
 */
import type { Writable } from 'node:stream';
import { WorkbookWriter, type SheetSetup } from '../../xlsx/index.js';
import type { SheetContent } from './content.js';
import { columnsWidthPt, MARGINS, MIN_SCALE, PAPER, pageScale, printableWidthPt } from './page-setup.js';
import { RowXml, rowSink } from './row-xml.js';
import { SheetRows } from './sheet-rows.js';
import { EXCEPTION_FILL, EXCEPTION_FONT } from './styles.js';
import { cellText, headerFooterText } from './text.js';
import { columnWidths } from './widths.js';

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
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const topLeft = (ref: string): string => ref.split(':')[0] ?? ref;

/** The frame of a sheet: everything but its rows. */
export function sheetSetup(sheet: SheetContent, widths: readonly number[], doc: WorkbookDocument): SheetSetup {
  const scale = pageScale(widths, doc.paper);
  // Fit to one page wide when that keeps the scale at 60% or more; else 60%, pages across.
  const fits = scale > MIN_SCALE || columnsWidthPt(widths) * (MIN_SCALE / 100) <= printableWidthPt(doc.paper);
  const titleColumns = !fits && sheet.printTitleColumns ? sheet.printTitleColumns : 0;
  return {
    name: sheet.name,
    state: sheet.state,
    columns: widths,
    ...(sheet.freeze ? { freeze: sheet.freeze } : {}),
    ...(sheet.autoFilter ? { autoFilter: sheet.autoFilter } : {}),
    // In order of their first cell's address as text (the order the workbook has always listed them in).
    validations: [...sheet.validations]
      .sort((a, b) => (topLeft(a.ref) < topLeft(b.ref) ? -1 : topLeft(a.ref) > topLeft(b.ref) ? 1 : 0))
      .map((v) => ({ ref: v.ref, values: v.list, prompt: v.prompt, error: `Choose one of ${v.list.join(', ')}` })),
    conditionalFormats: [
      ...sheet.highlights.map((h) => ({ type: 'equal' as const, ref: h.ref, text: h.equals, format: { font: { bold: true, color: { argb: EXCEPTION_FONT } }, background: { argb: EXCEPTION_FILL } } })),
      ...sheet.dataBars.map((ref) => ({ type: 'dataBar' as const, ref, color: 'FF5B9BD5' })),
    ],
    // Only the yellow input cells are unlocked; no password (a reviewer can unprotect; verify still guards).
    protect: sheet.state === 'visible',
    page: { paperSize: PAPER[doc.paper], orientation: 'landscape', margins: MARGINS, ...(fits ? { fit: { width: 1, height: 0 } } : { scale: MIN_SCALE }) },
    header: `&L${headerFooterText(doc.header.left)}&C${headerFooterText(sheet.name, 31)}&R${headerFooterText(doc.header.right)}`,
    footer: `&L${headerFooterText(doc.footer)}&RPage &P of &N`,
    ...(sheet.printTitleRows || titleColumns
      ? { printTitles: { ...(sheet.printTitleRows ? { rows: [sheet.printTitleRows, sheet.printTitleRows] as [number, number] } : {}), ...(titleColumns ? { columns: [1, titleColumns] as [number, number] } : {}) } }
      : {}),
  };
}

async function writeSheet(wb: WorkbookWriter, xml: RowXml, sheet: SheetContent, doc: WorkbookDocument): Promise<void> {
  const widths = sheet.widths ?? columnWidths(sheet.rows);
  const part = await wb.addSheet(sheetSetup(sheet, widths, doc));
  xml.startSheet();
  const rows = new SheetRows(part, xml, widths);
  for (const row of sheet.eachRow?.() ?? sheet.rows) if (rows.add(row)) await rows.flush();
  if (sheet.moreRows) {
    for await (const batch of sheet.moreRows) {
      for (const row of batch) if (rows.add(row)) await rows.flush();
      await tick();
    }
  }
  await rows.flush();
  await part.end();
}

/** Write the sheets, in order, to `out` as one .xlsx; resolves when the stream has the whole file. */
export async function renderWorkbook(sheets: Iterable<SheetContent> | AsyncIterable<SheetContent>, out: Writable, doc: WorkbookDocument): Promise<void> {
  const wb = new WorkbookWriter(out, {
    creator: cellText(doc.creator),
    created: doc.created,
    title: cellText(doc.title),
    subject: cellText(doc.subject),
    keywords: cellText(doc.keywords),
    description: cellText(doc.description),
  });
  const xml = new RowXml(rowSink(wb, doc.sharedStrings));
  // The very hidden machine copy's long parts are written inline: kept out of the shared-string
  // table, which a reader must load whole before any sheet.
  const inline = new RowXml(rowSink(wb, false));
  for await (const sheet of sheets) await writeSheet(wb, sheet.state === 'veryHidden' ? inline : xml, sheet, doc);
  await wb.finish();
}
