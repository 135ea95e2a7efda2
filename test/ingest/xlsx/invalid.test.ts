/**
 * Files that are not readable workbooks: each ends in a coded error with a clear reason, quickly,
 * without hanging and without an unhandled 'error' event (vitest fails a run on those).
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { openXlsx } from '../../../src/ingest/xlsx/index.js';
import { readSheet, tempDir } from './helpers/files.js';
import { row, sheetXml, xlsxParts } from './helpers/xlsx-parts.js';
import { writeZip } from './helpers/zip-writer.js';

// The test machine's cores are shared: generous per-test time; hangs are caught by explicit guards.
vi.setConfig({ testTimeout: 20_000 });

const FIXTURE = new URL('../../../fixtures/xlsx/changes.xlsx', import.meta.url).pathname;
const tmp = tempDir();

/** Settle within `ms` or fail: a hang is a failure, not a timeout of the whole suite. */
async function settled<T>(promise: Promise<T>, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

const invalid = (reason: string | RegExp) => ({ code: 'TM_ERR_XLSX_INVALID', details: { reason: typeof reason === 'string' ? reason : expect.stringMatching(reason) } });

describe('not a workbook', () => {
  it('a truncated file (the first half of a valid one)', async () => {
    const bytes = readFileSync(FIXTURE);
    const file = tmp.write('half.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(settled(openXlsx(file))).rejects.toMatchObject(
      invalid('no end-of-central-directory record: the file is not a zip archive, or it is truncated'),
    );
  });

  it('a file missing only its last bytes', async () => {
    const bytes = readFileSync(FIXTURE);
    await expect(settled(openXlsx(tmp.write('tail.xlsx', bytes.subarray(0, bytes.length - 10))))).rejects.toMatchObject({ code: 'TM_ERR_XLSX_INVALID' });
  });

  it('a CSV renamed .xlsx, an empty file, an OLE2 (password-protected or .xls) file, a missing file', async () => {
    await expect(openXlsx(tmp.write('csv.xlsx', Buffer.from('Number,Deployed\nCHG1,2025-01-02\n')))).rejects.toMatchObject(
      invalid(/^no end-of-central-directory record/),
    );
    await expect(openXlsx(tmp.write('empty.xlsx', Buffer.alloc(0)))).rejects.toMatchObject(invalid('the file is empty'));
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    await expect(openXlsx(tmp.write('ole.xlsx', ole))).rejects.toMatchObject(invalid(/password-protected workbook or a legacy \.xls/));
    await expect(openXlsx(tmp.path('nowhere.xlsx'))).rejects.toMatchObject({ code: 'TM_ERR_FILE_NOT_FOUND' });
  });

  it('a zip that is not a workbook', async () => {
    const file = tmp.write('plain.zip', writeZip([{ name: 'readme.txt', data: 'hello' }]));
    await expect(openXlsx(file)).rejects.toMatchObject(invalid('no workbook part (xl/workbook.xml): this zip is not an Excel workbook'));
  });
});

describe('damaged workbooks', () => {
  const bigSheet = () => {
    const rows = [row(1, ['id', 'title'])];
    for (let i = 0; i < 2500; i++) rows.push(row(i + 2, [`CHG${i}`, `change number ${i} with some words ${i * 7919}`]));
    return sheetXml(rows.join(''));
  };

  /** Open the sheet, then read rows until the error: returns how many rows came first, and the error. */
  async function rowsUntilError(file: string): Promise<{ rows: number; error: unknown }> {
    const book = await settled(openXlsx(file));
    expect(book.headers).toEqual(['id', 'title']);
    let rows = 0;
    const error = await settled(
      (async () => {
        for await (const _ of book.rows) rows++;
      })().catch((e: unknown) => e),
    );
    return { rows, error };
  }

  it('sheet data cut short: the zlib error ends the read, no hang', async () => {
    const xml = Buffer.from(bigSheet());
    const full = deflateRawSync(xml);
    const compressed = full.subarray(0, Math.floor(full.length * 0.7));
    const parts = xlsxParts({ sheets: [{ name: 'S', rows: '' }], tweak: { 'xl/worksheets/sheet1.xml': { data: xml, compressed } } });
    const { rows, error } = await rowsUntilError(tmp.write('cut-sheet.xlsx', writeZip(parts)));
    expect(error).toMatchObject(invalid('xl/worksheets/sheet1.xml: the compressed data is damaged (unexpected end of file)'));
    expect(rows).toBeGreaterThan(500);
    expect(rows).toBeLessThan(2500);
  });

  it("garbage in the middle of the sheet's compressed data ends the read with TM_ERR_XLSX_INVALID", async () => {
    const xml = Buffer.from(bigSheet());
    const compressed = deflateRawSync(xml);
    const at = Math.floor(compressed.length * 0.7);
    compressed.fill(0xff, at, at + 64);
    const parts = xlsxParts({ sheets: [{ name: 'S', rows: '' }], tweak: { 'xl/worksheets/sheet1.xml': { data: xml, compressed } } });
    const { rows, error } = await rowsUntilError(tmp.write('corrupt-sheet.xlsx', writeZip(parts)));
    expect(error).toMatchObject(invalid(/^xl\/worksheets\/sheet1\.xml/));
    expect(rows).toBeLessThan(2500);
  });

  it('damaged shared strings', async () => {
    const sst = Buffer.from(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>abc</t></si>'.repeat(5000)}</sst>`);
    const compressed = deflateRawSync(sst);
    compressed.fill(0x00, 10, 40);
    const parts = xlsxParts({ sheets: [{ name: 'S', rows: row(1, ['a']) }], sharedStrings: ['x'], tweak: { 'xl/sharedStrings.xml': { data: sst, compressed } } });
    await expect(settled(openXlsx(tmp.write('corrupt-sst.xlsx', writeZip(parts))))).rejects.toMatchObject(invalid(/^xl\/sharedStrings\.xml/));
  });

  it('malformed sheet XML names the part', async () => {
    const parts = xlsxParts({ sheets: [{ name: 'S', rows: '' }], tweak: { 'xl/worksheets/sheet1.xml': { data: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</c></row>' } } });
    await expect(settled(readSheet(tmp.write('bad-xml.xlsx', writeZip(parts))))).rejects.toMatchObject(invalid(/^xl\/worksheets\/sheet1\.xml is not well-formed XML/));
  });

  it('a shared-string index past the table', async () => {
    const parts = xlsxParts({ sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" t="s"><v>7</v></c></row>' }], sharedStrings: ['only'] });
    await expect(readSheet(tmp.write('sst-index.xlsx', writeZip(parts)))).rejects.toMatchObject(
      invalid('xl/worksheets/sheet1.xml: cell A1 refers to shared string 7 but the table has 1'),
    );
  });

  it('encrypted entries and unsupported compression methods', async () => {
    const encrypted = xlsxParts({ sheets: [{ name: 'S', rows: row(1, ['a']) }] });
    const sheet = writeZip(encrypted);
    // Set the encryption flag in the sheet's central directory record and local header.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let at = sheet.indexOf(name); at >= 0; at = sheet.indexOf(name, at + 1)) {
      const central = sheet.readUInt32LE(at - 46) === 0x02014b50;
      const flagsAt = central ? at - 46 + 8 : at - 30 + 6;
      sheet.writeUInt16LE(sheet.readUInt16LE(flagsAt) | 1, flagsAt);
    }
    await expect(openXlsx(tmp.write('encrypted.xlsx', sheet))).rejects.toMatchObject(invalid('xl/worksheets/sheet1.xml is encrypted'));
  });

  it('overlapping entries (the shape of a non-recursive zip bomb)', async () => {
    const zip = writeZip([{ name: 'a.xml', data: 'x'.repeat(100), method: 0 }, { name: 'b.xml', data: 'y'.repeat(100), method: 0 }]);
    // Point b's directory record at a's local header.
    const record = zip.lastIndexOf(Buffer.from('b.xml')) - 46;
    zip.writeUInt32LE(0, record + 42);
    await expect(openXlsx(tmp.write('overlap.xlsx', zip))).rejects.toMatchObject(invalid(/overlap/));
  });
});
