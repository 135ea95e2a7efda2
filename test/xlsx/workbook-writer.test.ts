/**
 * The workbook writer, read back by exceljs's public reader (an independent implementation) and
 * by tickmark's own: sheets in order with their states, cell formats, widths, frozen panes,
 * merged cells, autofilter, drop-downs, conditional formats, protection, page setup, print titles
 * and document properties. And the package is laid out as ECMA-376 says: every part has a
 * content type and a relationship, worksheet children come in the schema's order.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { readWorkbookPackage } from '../../src/ingest/xlsx/workbook/package.js';
import { DEFAULT_XLSX_LIMITS } from '../../src/ingest/xlsx/options.js';
import { openZipArchive } from '../../src/ingest/xlsx/zip/archive.js';
import { XmlTokens } from '../../src/ingest/xlsx/xml/tokens.js';
import { WorkbookWriter, xmlEscape, type CellFormat } from '../../src/xlsx/index.js';
import { tempDir } from '../helpers/tmp.js';
import { zipParts } from './helpers/zip-parts.js';

const BOLD: CellFormat = { font: { name: 'Calibri', size: 11, bold: true, color: { argb: 'FF1F3864' } }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }, border: { top: { style: 'thin', color: { argb: 'FFBFBFBF' } } }, alignment: { vertical: 'top', wrapText: true } };
const INPUT: CellFormat = { protection: { locked: false }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } };
const DATE: CellFormat = { numFmt: 'yyyy-mm-dd' };

async function writeBook(path: string): Promise<void> {
  const out = createWriteStream(path);
  const wb = new WorkbookWriter(out, { title: 'T & <t>', subject: 'S', keywords: 'k1; k2', description: 'D', creator: 'A. Auditor', created: new Date('2026-01-10T12:00:00Z') });
  const s = (text: string) => wb.sharedString(text);
  const lead = await wb.addSheet({
    name: "Lead's", state: 'visible', columns: [20, 20, 9, 12], freeze: { rows: 1, columns: 1 }, autoFilter: 'A1:C3', merges: ['A5:C5'],
    validations: [{ ref: 'C2:C3', values: ['yes', 'no'], prompt: 'Pick "one"', error: 'Choose one of yes, no' }],
    conditionalFormats: [{ type: 'equal', ref: 'B2:B3', text: 'X', format: { font: { bold: true, color: { argb: 'FF9C0006' } }, background: { argb: 'FFFFC7CE' } } }, { type: 'dataBar', ref: 'D2:D3', color: 'FF5B9BD5' }],
    protect: true, page: { paperSize: 9, orientation: 'landscape', margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }, fit: { width: 1, height: 0 } },
    header: '&LLeft&CCentre', footer: '&RPage &P of &N', printTitles: { rows: [1, 1], columns: [1, 2] },
  });
  await lead.write(`<row r="1"><c r="A1" s="${wb.cellFormat(BOLD, 'text')}" t="s"><v>${s('Key')}</v></c><c r="B1" s="${wb.cellFormat(BOLD, 'text')}" t="s"><v>${s('Mark')}</v></c></row>`);
  await lead.write(`<row r="2"><c r="A2" t="s"><v>${s('CHG1')}</v></c><c r="B2" t="s"><v>${s('X')}</v></c><c r="C2" s="${wb.cellFormat(INPUT, 'empty')}"/><c r="D2"><v>3</v></c></row>`);
  await lead.write(`<row r="3"><c r="A3" s="${wb.cellFormat(DATE, 'date')}"><v>45659.5</v></c><c r="B3" t="b"><v>1</v></c><c r="D3"><v>5</v></c></row>`);
  await lead.write(`<row r="5"><c r="A5" t="str"><v>${xmlEscape('merged & <inline>')}</v></c></row>`);
  await lead.end();
  const wide = await wb.addSheet({ name: 'Wide', state: 'visible', columns: [], page: { paperSize: 1, orientation: 'landscape', margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }, scale: 60 } });
  await wide.end();
  const hidden = await wb.addSheet({ name: 'machine', state: 'veryHidden', columns: [10] });
  await hidden.write(`<row r="1"><c r="A1" t="str"><v>copy</v></c></row>`);
  await hidden.end();
  await wb.finish();
  await finished(out);
}

/** The names of the root's children, in order. */
function children(xml: string): string[] {
  const names: string[] = [];
  let depth = 0;
  const tokens = new XmlTokens({ open: (name) => { if (depth++ === 1) names.push(name); }, text: () => undefined, close: () => { depth--; } });
  tokens.write(xml);
  tokens.end();
  return names;
}

/** CT_Worksheet's children, in the schema's order (ECMA-376 Part 1, 18.3.1.99). */
const WORKSHEET_ORDER = ['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter'];
const STYLES_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles'];
const inOrder = (names: string[], order: string[]) => names.every((n, i) => i === 0 || order.indexOf(names[i - 1]!) <= order.indexOf(n)) && names.every((n) => order.includes(n));

describe('WorkbookWriter', () => {
  const dir = tempDir('tickmark-xlsx-writer-');
  const path = join(dir, 'book.xlsx');
  let excel: ExcelJS.Workbook;
  let got: Map<string, string>;

  beforeAll(async () => {
    await writeBook(path);
    excel = new ExcelJS.Workbook();
    await excel.xlsx.readFile(path);
    got = await zipParts(path);
  });

  it('lays the package out as ECMA-376 says', () => {
    const types = got.get('[Content_Types].xml')!;
    for (const name of got.keys()) {
      if (name.endsWith('.rels') || name === '[Content_Types].xml') continue;
      expect(types, name).toContain(`PartName="/${name}"`);
    }
    expect(got.get('xl/_rels/workbook.xml.rels')).toContain('Target="worksheets/sheet3.xml"');
    for (let i = 1; i <= 3; i++) expect(inOrder(children(got.get(`xl/worksheets/sheet${i}.xml`)!), WORKSHEET_ORDER), `sheet${i}`).toBe(true);
    expect(children(got.get('xl/worksheets/sheet1.xml')!)).toEqual(['sheetPr', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetProtection', 'autoFilter', 'mergeCells', 'conditionalFormatting', 'conditionalFormatting', 'dataValidations', 'pageMargins', 'pageSetup', 'headerFooter']);
    expect(inOrder(children(got.get('xl/styles.xml')!), STYLES_ORDER)).toBe(true);
    expect(children(got.get('xl/workbook.xml')!)).toEqual(['bookViews', 'sheets', 'definedNames', 'calcPr']);
  });

  it('is read by our own reader: sheets in tab order with their states', async () => {
    const book = await readWorkbookPackage(await openZipArchive(path, DEFAULT_XLSX_LIMITS));
    expect(book.worksheets.map((s) => [s.name, s.state])).toEqual([["Lead's", 'visible'], ['Wide', 'visible'], ['machine', 'veryHidden']]);
  });

  it('is read by exceljs: values, formats, frame and print setup', () => {
    expect(excel.worksheets.map((w) => [w.name, w.state])).toEqual([["Lead's", 'visible'], ['Wide', 'visible'], ['machine', 'veryHidden']]);
    const ws = excel.getWorksheet("Lead's")!;
    expect(ws.getCell('A1').value).toBe('Key');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 11, name: 'Calibri', color: { argb: 'FF1F3864' } });
    expect(ws.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } });
    expect(ws.getCell('A1').alignment).toMatchObject({ vertical: 'top', wrapText: true });
    expect(ws.getCell('C2').protection).toMatchObject({ locked: false });
    expect((ws.getCell('A3').value as Date).toISOString()).toBe('2025-01-02T12:00:00.000Z');
    expect(ws.getCell('A3').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('B3').value).toBe(true);
    expect(ws.getCell('A5').value).toBe('merged & <inline>');
    expect(ws.getCell('C5').isMerged).toBe(true);
    expect(ws.getColumn(3).width).toBe(9);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2' });
    expect(ws.autoFilter).toBe('A1:C3');
    expect(ws.getCell('C3').dataValidation).toMatchObject({ type: 'list', formulae: ['"yes,no"'], prompt: 'Pick "one"', allowBlank: true });
    const rules = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[] }).conditionalFormattings;
    expect(rules.map((r) => [r.ref, r.rules[0]!.type])).toEqual([['B2:B3', 'cellIs'], ['D2:D3', 'dataBar']]);
    expect(rules[0]!.rules[0]!.formulae).toEqual(['"X"']);
    expect((ws as unknown as { sheetProtection: object }).sheetProtection).toMatchObject({ sheet: true });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, top: 0.6 } });
    expect(ws.headerFooter).toMatchObject({ oddHeader: '&LLeft&CCentre', oddFooter: '&RPage &P of &N' });
    expect(excel.getWorksheet('Wide')!.pageSetup).toMatchObject({ scale: 60, fitToPage: false });
    expect(excel.title).toBe('T & <t>');
    expect(excel.creator).toBe('A. Auditor');
    expect(excel.keywords).toBe('k1; k2');
    expect(excel.created.toISOString()).toBe('2026-01-10T12:00:00.000Z');
  });

  it('names the print titles', () => {
    expect(got.get('xl/workbook.xml')).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;Lead&apos;&apos;s&apos;!$A:$B,&apos;Lead&apos;&apos;s&apos;!$1:$1</definedName>');
  });

  it('refuses sheet names Excel refuses, and two sheets of one name', async () => {
    const sink = new PassThrough();
    sink.resume();
    const wb = new WorkbookWriter(sink, { created: new Date() });
    await expect(wb.addSheet({ name: 'a/b', state: 'visible', columns: [] })).rejects.toThrow('not a valid sheet name');
    await expect(wb.addSheet({ name: 'x'.repeat(32), state: 'visible', columns: [] })).rejects.toThrow('not a valid sheet name');
    await (await wb.addSheet({ name: 'One', state: 'visible', columns: [] })).end();
    await expect(wb.addSheet({ name: 'ONE', state: 'visible', columns: [] })).rejects.toThrow('two sheets named');
  });
});

describe('xmlEscape', () => {
  const ALPHABET = ['a', '<', '>', '&', "'", '"', '\u0000', '\u0008', '\t', '\n', '\u000b', '\u000c', '\u000e', '\u001f', ' ', '\u007f', '\u0080', 'é', '✓', '😀', '&amp;', '_x000D_', ']]>'];

  it('reads back through an XML parser as the text without the characters XML forbids', () => {
    const rng = seedrandom('xml');
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let n = Math.floor(rng() * 20); n > 0; n--) text += ALPHABET[Math.floor(rng() * ALPHABET.length)];
      let read = '';
      let attribute = '';
      const tokens = new XmlTokens({ open: (_, a) => { attribute = a.v ?? ''; }, text: (t) => { read += t; }, close: () => undefined });
      tokens.write(`<a v="${xmlEscape(text)}">${xmlEscape(text)}</a>`);
      tokens.end();
      // eslint-disable-next-line no-control-regex
      const allowed = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
      expect(read).toBe(allowed);
      expect(attribute).toBe(allowed.replace(/[\t\n]/g, ' '));
    }
  });
});
