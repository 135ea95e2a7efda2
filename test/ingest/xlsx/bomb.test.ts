/**
 * Zip bombs: refused from the central directory before anything is inflated (ratio, total size,
 * entry count), and during inflation when the directory lies about sizes. Each test stays fast
 * and small in memory: the hostile payloads are never inflated past their declared sizes.
 */
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_XLSX_LIMITS, openXlsx } from '../../../src/ingest/xlsx/index.js';
import { deflateRepeated } from './helpers/deflate-bomb.js';
import { readSheet, tempDir } from './helpers/files.js';
import { row, sheetXml, xlsxParts } from './helpers/xlsx-parts.js';
import { writeZip, type ZipPart } from './helpers/zip-writer.js';

// The test machine's cores are shared: generous per-test time; hangs are caught by explicit guards.
vi.setConfig({ testTimeout: 20_000 });

const tmp = tempDir();
const MiB = 1024 ** 2;
const spaces = Buffer.alloc(MiB, 0x20);
const [sheetHead, sheetTail] = sheetXml(`${row(1, ['id'])}${row(2, ['CHG1'])}<!--PAD-->`).split('<!--PAD-->') as [string, string];

/** A valid workbook whose only sheet is padded with `mib` MiB of whitespace after its rows. */
function paddedBook(mib: number, sheet: Partial<ZipPart> = {}): Buffer {
  const payload = deflateRepeated(sheetHead, spaces, mib, sheetTail);
  return writeZip(
    xlsxParts({
      sheets: [{ name: 'Changes', rows: '' }],
      tweak: { 'xl/worksheets/sheet1.xml': { compressed: payload.compressed, uncompressedSize: payload.uncompressedSize, crc32: payload.crc32, ...sheet } },
    }),
  );
}

describe('zip-bomb limits on declared sizes (before inflating)', () => {
  it('the padded sheet really is a valid workbook that inflates to its declared size', () => {
    const payload = deflateRepeated(sheetHead, spaces, 3, sheetTail);
    const xml = inflateRawSync(payload.compressed);
    expect(xml.length).toBe(payload.uncompressedSize);
    expect(xml.toString('utf8').trimEnd().endsWith('</worksheet>')).toBe(true);
  });

  it('refuses an entry that expands more than 100 times (200 MiB of whitespace in ~200 KiB)', async () => {
    const bytes = paddedBook(200);
    expect(bytes.length).toBeLessThan(MiB);
    const file = tmp.write('ratio.xlsx', bytes);
    const error = await openXlsx(file).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TM_ERR_XLSX_BOMB', details: { limit: 100 } });
    const details = (error as { details: { what: string; got: number } }).details;
    expect(details.what).toContain('compression ratio of xl/worksheets/sheet1.xml');
    expect(details.got).toBeGreaterThan(900);
  });

  it('accepts the same ratio when the limit allows it', async () => {
    const file = tmp.write('ratio-ok.xlsx', paddedBook(3));
    const book = await readSheet(file, { limits: { maxRatio: 5000 } });
    expect(book.rows).toEqual([{ line: 2, values: ['CHG1'] }]);
  });

  it('refuses a total declared size over 1 GiB even when every ratio is modest', async () => {
    // 11 entries each declaring 100 MiB from 1.1 MiB of data: ratio ~91, total 1.07 GiB.
    const filler = Buffer.alloc(Math.ceil(1.1 * MiB));
    const parts: ZipPart[] = xlsxParts({ sheets: [{ name: 'S', rows: row(1, ['a']) }] });
    for (let i = 0; i < 11; i++) parts.push({ name: `xl/media/image${i}.bin`, compressed: filler, uncompressedSize: 100 * MiB, crc32: 0 });
    const file = tmp.write('total.xlsx', writeZip(parts));
    await expect(openXlsx(file)).rejects.toMatchObject({
      code: 'TM_ERR_XLSX_BOMB',
      details: { what: 'total uncompressed size in bytes', limit: DEFAULT_XLSX_LIMITS.maxUncompressedBytes },
    });
    await expect(openXlsx(file)).rejects.toThrow(/expands too far \(total uncompressed size in bytes: 11534\d+, limit 1073741824\)/);
  });

  it('applies a lower total limit given in the options', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => row(i + 2, [`CHG${i}`, 'some text to weigh the sheet down'])).join('');
    const file = tmp.write('small-limit.xlsx', writeZip(xlsxParts({ sheets: [{ name: 'S', rows: row(1, ['id', 'title']) + rows }] })));
    await expect(openXlsx(file, { limits: { maxUncompressedBytes: 10_000 } })).rejects.toMatchObject({
      code: 'TM_ERR_XLSX_BOMB',
      details: { what: 'total uncompressed size in bytes', limit: 10_000 },
    });
    expect((await readSheet(file)).rows).toHaveLength(200);
  });

  it('refuses more entries than allowed, by default 10,000', async () => {
    const base = xlsxParts({ sheets: [{ name: 'S', rows: row(1, ['a']) }] });
    const many = [...base, ...Array.from({ length: 10_001 - base.length + 1 }, (_, i) => ({ name: `x/${i}`, method: 0 as const }))];
    await expect(openXlsx(tmp.write('entries.xlsx', writeZip(many)))).rejects.toMatchObject({
      code: 'TM_ERR_XLSX_BOMB',
      details: { what: 'number of entries', got: 10_002, limit: 10_000 },
    });
    await expect(openXlsx(tmp.write('entries-few.xlsx', writeZip(base)), { limits: { maxEntries: 3 } })).rejects.toMatchObject({
      code: 'TM_ERR_XLSX_BOMB',
      details: { what: 'number of entries', got: base.length, limit: 3 },
    });
  });

  it('checks the limit options', async () => {
    await expect(openXlsx('x.xlsx', { limits: { maxRatio: 0 } })).rejects.toMatchObject({
      code: 'TM_ERR_INVALID_OPTION',
      message: 'option limits.maxRatio must be a positive number; got 0',
    });
    await expect(openXlsx('x.xlsx', { limits: { maxEntries: 2.5 } })).rejects.toMatchObject({ code: 'TM_ERR_INVALID_OPTION' });
  });
});

describe('zip-bomb limits while inflating (a directory that lies)', () => {
  it('stops a sheet at its declared size: 100 MiB of whitespace declared as 2 KiB', async () => {
    const file = tmp.write('lying-sheet.xlsx', paddedBook(100, { uncompressedSize: 2048 }));
    const error = await readSheet(file).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'TM_ERR_XLSX_BOMB',
      details: { what: 'inflated size of xl/worksheets/sheet1.xml (declared 2048 bytes)', limit: 2048 },
    });
    // Stopped within a chunk or two of the declared size, not after 100 MiB.
    expect((error as { details: { got: number } }).details.got).toBeLessThan(2048 + 256 * 1024);
  });

  it('stops the shared strings at their declared size', async () => {
    const payload = deflateRepeated('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>', spaces, 50, '</t></si></sst>');
    const parts = xlsxParts({
      sheets: [{ name: 'S', rows: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }],
      sharedStrings: ['x'],
      tweak: { 'xl/sharedStrings.xml': { compressed: payload.compressed, uncompressedSize: 4096, crc32: payload.crc32 } },
    });
    await expect(openXlsx(tmp.write('lying-sst.xlsx', writeZip(parts)))).rejects.toMatchObject({
      code: 'TM_ERR_XLSX_BOMB',
      details: { what: 'inflated size of xl/sharedStrings.xml (declared 4096 bytes)', limit: 4096 },
    });
  });

  it('reports a part that inflates to less than declared, or fails its CRC, as damaged', async () => {
    const xml = sheetXml(row(1, ['id']) + row(2, ['CHG1']));
    const book = (sheet: Partial<ZipPart>) => writeZip(xlsxParts({ sheets: [{ name: 'S', rows: '' }], tweak: { 'xl/worksheets/sheet1.xml': { data: xml, ...sheet } } }));
    await expect(readSheet(tmp.write('short.xlsx', book({ uncompressedSize: Buffer.byteLength(xml) + 10 })))).rejects.toMatchObject({
      code: 'TM_ERR_XLSX_INVALID',
      details: { reason: `xl/worksheets/sheet1.xml inflates to ${Buffer.byteLength(xml)} bytes but its directory entry declares ${Buffer.byteLength(xml) + 10}` },
    });
    await expect(readSheet(tmp.write('crc.xlsx', book({ crc32: 12345 })))).rejects.toMatchObject({
      code: 'TM_ERR_XLSX_INVALID',
      details: { reason: 'xl/worksheets/sheet1.xml fails its CRC-32 check: the data is damaged' },
    });
  });
});
