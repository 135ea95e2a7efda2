/**
 * Whole workbooks: the committed fixture, workbooks written by exceljs, sheet selection, part
 * orders that break exceljs's own streaming reader, UTF-8 across chunk boundaries, wide sheets,
 * data descriptors and ZIP64 fields.
 */
import { describe, expect, it, vi } from 'vitest';
import { openXlsx } from '../../../src/ingest/xlsx/index.js';
import { writeBook } from './helpers/exceljs-book.js';
import { readSheet, tempDir } from './helpers/files.js';
import { row, xlsxBuffer, xlsxParts } from './helpers/xlsx-parts.js';
import { writeZip } from './helpers/zip-writer.js';

// The test machine's cores are shared: generous per-test time; hangs are caught by explicit guards.
vi.setConfig({ testTimeout: 20_000 });

const FIXTURE = new URL('../../../fixtures/xlsx/changes.xlsx', import.meta.url).pathname;
const tmp = tempDir();

describe('the committed fixture (fixtures/xlsx/changes.xlsx)', () => {
  it('reads the first sheet with dates as naive text, serials as numbers, formula results, rich text and hyperlink text', async () => {
    const book = await readSheet(FIXTURE);
    expect(book.sheet).toBe('Changes');
    expect(book.sheets).toEqual(['Changes', 'Deployments']);
    expect(book.headers).toEqual([
      'Number', 'Short description', 'Type', 'Requested by', 'Approved by', 'Approved',
      'Deployed (serial)', 'Days to deploy', 'Emergency', 'Ticket', 'System',
    ]);
    expect(book.rows).toHaveLength(30);
    expect(book.rows[0]).toEqual({
      line: 2,
      values: ['CHG0001001', 'Change 1 to web-portal', 'normal', 'ben.okafor', 'dana.kowalski', '2025-01-02 09:10:00', '45660.381944444445', '1', 'false', 'OPS-201', 'web-portal'],
    });
    const byNumber = new Map(book.rows.map((r) => [r.values[0], r]));
    expect(byNumber.get('CHG0001004')!.values[5]).toBe('2025-02-04 00:00:00'); // midnight keeps its time
    expect(byNumber.get('CHG0001007')!.values[1]).toBe('Rotate TLS certificates'); // rich text
    expect(byNumber.get('CHG0001003')!.values[8]).toBe('true');
    const missing = byNumber.get('CHG0001013')!;
    expect(missing.line).toBe(14);
    expect(missing.values.slice(4, 8)).toEqual(['', '', '45793.54166666667', '#VALUE!']); // blank approval, error result
    expect(book.rows.at(-1)!.line).toBe(31);
  });

  it('reads the named second sheet', async () => {
    const book = await readSheet(FIXTURE, { sheet: 'Deployments' });
    expect(book.sheet).toBe('Deployments');
    expect(book.headers).toEqual(['Deployment', 'Change', 'Deployed at', 'Environment']);
    expect(book.rows.map((r) => r.values)).toEqual([
      ['DEP-1', 'CHG0001001', '2025-01-03 18:30:00', 'prod'],
      ['DEP-2', 'CHG0001002', '2025-01-04 18:30:00', 'staging'],
      ['DEP-3', 'CHG0001003', '2025-01-05 18:30:00', 'prod'],
      ['DEP-4', 'CHG0001004', '2025-01-06 18:30:00', 'staging'],
      ['DEP-5', 'CHG0001005', '2025-01-07 18:30:00', 'prod'],
    ]);
  });

  it('matches sheet names case-insensitively, and lists the sheets when none matches', async () => {
    expect((await readSheet(FIXTURE, { sheet: 'deployments' })).sheet).toBe('Deployments');
    await expect(openXlsx(FIXTURE, { sheet: 'Approvals' })).rejects.toMatchObject({
      code: 'TM_ERR_XLSX_SHEET',
      details: { sheet: 'Approvals', sheets: ['Changes', 'Deployments'] },
      message: 'sheet "Approvals" not found; sheets: Changes, Deployments',
    });
  });
});

describe('workbooks written by exceljs', () => {
  it('keeps every non-ASCII character whole across chunk boundaries (exceljs #2063)', async () => {
    // Mostly 3-byte characters: nearly every 16 KiB chunk boundary falls inside one, in the shared
    // strings (inflated by us) and in the sheet's inline strings (inflated by exceljs's unzipper).
    const names = Array.from({ length: 3000 }, (_, i) => `東京都${i}番地 José ☃ ${'日本語'.repeat(i % 5)}`);
    const rows = [row(1, ['shared', 'inline'])];
    names.forEach((name, i) => rows.push(`<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${i}</v></c><c r="B${i + 2}" t="inlineStr"><is><t>${name}</t></is></c></row>`));
    const file = tmp.write('utf8.xlsx', xlsxBuffer({ sheets: [{ name: 'Ünïcode', rows: rows.join('') }], sharedStrings: names }));
    const book = await readSheet(file);
    expect(book.sheet).toBe('Ünïcode');
    const bad = book.rows.filter((r, i) => r.values[0] !== names[i] || r.values[1] !== names[i]);
    expect(bad).toEqual([]);
    expect(book.rows).toHaveLength(3000);
  });

  it('reads a 2,000-column sheet', async () => {
    const width = 2000;
    const rows = [row(1, Array.from({ length: width }, (_, c) => `col ${c + 1}`))];
    for (let r = 0; r < 20; r++) rows.push(row(r + 2, Array.from({ length: width }, (_, c) => (c === width - 1 ? `last ${r}` : r * width + c))));
    const file = tmp.write('wide.xlsx', xlsxBuffer({ sheets: [{ name: 'Wide', rows: rows.join('') }] }));
    const book = await readSheet(file);
    expect(book.headers).toHaveLength(width);
    expect(book.headers[1999]).toBe('col 2000');
    expect(book.rows).toHaveLength(20);
    expect(book.rows[19]!.values).toHaveLength(width);
    expect(book.rows[19]!.values[0]).toBe(String(19 * width));
    expect(book.rows[19]!.values[1998]).toBe(String(19 * width + 1998));
    expect(book.rows[19]!.values[1999]).toBe('last 19');
  });

  it('reads formula results of every type and dates in a 1904 workbook', async () => {
    const file = await writeBook(tmp.path('formulas.xlsx'), (wb) => {
      wb.properties.date1904 = true;
      const sheet = wb.addWorksheet('F');
      sheet.addRow(['error', 'boolean', 'string', 'number', 'date']);
      const r = sheet.addRow([
        { formula: 'NA()', result: { error: '#N/A' } },
        { formula: '1=1', result: true },
        { formula: '"a"&"b"', result: 'ab' },
        { formula: '2/3', result: 2 / 3 },
        { formula: 'DATE(2025,3,4)+0.25', result: new Date(Date.UTC(2025, 2, 4, 6)) },
      ]);
      r.getCell(5).numFmt = 'yyyy-mm-dd hh:mm';
      sheet.addRow([new Date(Date.UTC(2024, 1, 29, 23, 59, 59))]).getCell(1).numFmt = 'dd/mm/yyyy hh:mm:ss';
    });
    const book = await readSheet(file);
    expect(book.dateSystem).toBe(1904);
    expect(book.rows.map((r) => r.values)).toEqual([
      ['#N/A', 'true', 'ab', String(2 / 3), '2025-03-04 06:00:00'],
      ['2024-02-29 23:59:59', '', '', '', ''],
    ]);
  });
});

describe('sheet selection and workbook structure', () => {
  const sheets = [
    { name: 'Lookups', state: 'hidden' as const, rows: row(1, ['code']) + row(2, ['x']) },
    { name: 'Access', rows: row(1, ['user', 'role']) + row(2, ['ana', 'admin']) },
    { name: 'Data', part: 'xl/worksheets/data-part.xml', rows: row(1, ['id']) + row(2, ['D-1']) },
  ];

  it('defaults to the first visible worksheet, and reads hidden ones by name', async () => {
    const file = tmp.write('hidden.xlsx', xlsxBuffer({ sheets }));
    const book = await readSheet(file);
    expect(book.sheet).toBe('Access');
    expect(book.sheets).toEqual(['Lookups', 'Access', 'Data']);
    expect(book.rows).toEqual([{ line: 2, values: ['ana', 'admin'] }]);
    expect((await readSheet(file, { sheet: 'Lookups' })).rows).toEqual([{ line: 2, values: ['x'] }]);
  });

  it('reads a worksheet part with a name exceljs does not recognise', async () => {
    const file = tmp.write('part-name.xlsx', xlsxBuffer({ sheets }));
    expect((await readSheet(file, { sheet: 'Data' })).rows).toEqual([{ line: 2, values: ['D-1'] }]);
  });

  it('reads workbooks whose workbook part comes last and shared strings after the sheets (exceljs #962/#3064)', async () => {
    const file = tmp.write(
      'order.xlsx',
      xlsxBuffer({
        order: 'workbook-last',
        sheets: [{ name: 'One', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>' }, { name: 'Two', rows: row(1, ['b']) }],
        sharedStrings: ['head', 'value'],
      }),
    );
    for (let i = 0; i < 3; i++) expect((await readSheet(file)).rows).toEqual([{ line: 2, values: ['value'] }]);
  });

  it('leaves chart sheets out of the list', async () => {
    const parts = xlsxParts({ sheets: [{ name: 'Data', rows: row(1, ['a']) }] });
    const workbook = parts.find((p) => p.name === 'xl/workbook.xml')!;
    workbook.data = String(workbook.data).replace('</sheets>', '<sheet name="Chart1" sheetId="9" r:id="rIdC"/></sheets>');
    const rels = parts.find((p) => p.name === 'xl/_rels/workbook.xml.rels')!;
    rels.data = String(rels.data).replace(
      '</Relationships>',
      '<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>',
    );
    const file = tmp.write('chart.xlsx', writeZip(parts));
    expect((await openXlsx(file)).sheets).toEqual(['Data']);
    await expect(openXlsx(file, { sheet: 'Chart1' })).rejects.toMatchObject({ code: 'TM_ERR_XLSX_SHEET', details: { sheets: ['Data'] } });
  });

  it('reads zips written with data descriptors, stored entries, ZIP64 fields and a comment', async () => {
    const spec = { sheets: [{ name: 'Z', rows: row(1, ['id', 'n']) + row(2, ['a', 1]) + row(3, ['b', 2]) }], sharedStrings: ['unused'] };
    const expected = [
      { line: 2, values: ['a', '1'] },
      { line: 3, values: ['b', '2'] },
    ];
    const descriptors = xlsxParts(spec).map((p) => ({ ...p, dataDescriptor: true }));
    expect((await readSheet(tmp.write('dd.xlsx', writeZip(descriptors)))).rows).toEqual(expected);
    const stored = xlsxParts(spec).map((p) => ({ ...p, method: 0 as const }));
    expect((await readSheet(tmp.write('stored.xlsx', writeZip(stored)))).rows).toEqual(expected);
    const zip64 = xlsxParts(spec).map((p) => ({ ...p, zip64: true }));
    const commented = writeZip(zip64, { zip64End: true, comment: 'PK\u0005\u0006 a comment that contains an EOCD signature' });
    expect((await readSheet(tmp.write('zip64.xlsx', commented))).rows).toEqual(expected);
  });

  it('refuses a sheet with no rows at all as an empty file', async () => {
    const file = tmp.write('empty-sheet.xlsx', xlsxBuffer({ sheets: [{ name: 'Blank', rows: '<row r="1"><c r="A1" s="0"/></row>' }] }));
    await expect(openXlsx(file)).rejects.toMatchObject({ code: 'TM_ERR_EMPTY_FILE' });
  });
});
