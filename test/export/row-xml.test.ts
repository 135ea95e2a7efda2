/**
 * The fast row path renders what exceljs 4.4.0 renders: the same rows written through exceljs's
 * own `addRow` / `getCell` / `commit` into its own writer (archiver zip), and through `RowXml`
 * into `openWorkbookWriter` (in-memory `ZipArchive`, or exceljs's writer when streamed), give
 * byte-identical parts — sheets, shared strings, styles and the rest. Both zips are read back
 * with tickmark's own strict zip reader (layout, sizes, CRC-32).
 */
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Style, Worksheet } from 'exceljs';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { cellParts, styled, type CellStyle, type Row } from '../../src/export/workbook/content.js';
import { RowXml } from '../../src/export/workbook/row-xml.js';
import { CELL_STYLES } from '../../src/export/workbook/styles.js';
import { cellText } from '../../src/export/workbook/text.js';
import { xmlEscape } from '../../src/export/workbook/xml-escape.js';
import { openWorkbookWriter, rowSink, sheetData, WorkbookWriter, type WorkbookWriterInstance } from '../../src/export/workbook/xlsx-writer.js';
import { DEFAULT_XLSX_LIMITS } from '../../src/ingest/xlsx/options.js';
import { openZipArchive } from '../../src/ingest/xlsx/zip/archive.js';
import { inflateEntry } from '../../src/ingest/xlsx/zip/inflate-entry.js';
import { tempDir } from '../helpers/tmp.js';

const CREATED = new Date('2026-01-10T12:00:00Z');
const WIDTHS = [12, 30, 8];

/** Rows covering every kind of cell a sheet holds, with the height to give each. */
function sheetRows(seed: string): [Row, number][] {
  const rng = seedrandom(seed);
  const styles = Object.keys(CELL_STYLES) as CellStyle[];
  const rows: [Row, number][] = [
    [[styled('Title & <more>', 'title')], 0],
    [[], 0],
    [[styled('Key', 'header'), styled('A long header that wraps', 'header'), styled('N', 'header')], 45],
    [['CHG0000001', 42, true, false, new Date(Date.UTC(2025, 7, 16, 12, 54, 43))], 0],
    [[null, null, styled(null, 'input')], 0], // only a styled blank: exceljs leaves the row out
    [[null, styled(null, 'input'), 'x'], 0],
    [[' leading space', 'trailing ', 'two\nlines', '', '"quoted" \'single\'', '=HYPERLINK("http://x","y")'], 30],
    [['\rcr', 'a\u0001b\u001fc', '_x0041_', '\u007fdel', 'é ✓ 😀', '\ud800lone'], 0],
    [[-0.5, 0, -1, 1e21, 1 / 3, Number.MAX_SAFE_INTEGER, 1e-7], 0],
    [[styled(1234.5, 'integer'), styled(0.125, 'percent'), styled(0.5, 'prn'), styled(new Date(Date.UTC(2025, 0, 1)), 'date'), styled(new Date(0), 'inputDate')], 0],
    [[undefined as unknown as null, 'after a hole'], 0],
    [[null, null, null], 0],
    [[true, styled(false, 'bold')], 0],
  ];
  for (let r = 0; r < 40; r++) {
    const row: Row = [];
    for (let c = 0; c < 6; c++) {
      const kind = Math.floor(rng() * 6);
      const value = kind === 0 ? null : kind === 1 ? `text ${Math.floor(rng() * 9)}` : kind === 2 ? Math.round(rng() * 1e6) / 100 : kind === 3 ? new Date(Date.UTC(2025, 0, 1) + Math.floor(rng() * 3e10)) : kind === 4 ? rng() < 0.5 : null;
      row.push(rng() < 0.5 && value !== null ? styled(value, styles[Math.floor(rng() * styles.length)]!) : rng() < 0.2 ? styled(null, 'input') : value);
    }
    rows.push([row, rng() < 0.1 ? 15 * (2 + Math.floor(rng() * 3)) : 0]);
  }
  return rows;
}

const SHEETS: { name: string; rows: [Row, number][] }[] = [
  { name: 'One', rows: sheetRows('one') },
  { name: 'Empty', rows: [] },
  { name: 'Blank first', rows: [[[], 0], [['then text', 1], 0]] },
  { name: 'Two', rows: sheetRows('two') },
];

/** The rows as exceljs writes them itself (the path render.ts took before RowXml). */
function referenceRows(ws: Worksheet, rows: [Row, number][]): void {
  const plain: Partial<Style> = CELL_STYLES.plain;
  for (const [row, height] of rows) {
    const xl = ws.addRow([]);
    for (let i = 0; i < row.length; i++) {
      const cell = row[i]!;
      if (cell === null) continue;
      const { v, s } = cellParts(cell);
      const target = xl.getCell(i + 1);
      target.value = typeof v === 'string' ? cellText(v) : v;
      target.style = s ? CELL_STYLES[s] : v instanceof Date ? CELL_STYLES.datetime : plain;
    }
    if (height) xl.height = height;
    xl.commit();
  }
}

async function write(path: string, fast: boolean, sharedStrings: boolean): Promise<void> {
  const out = createWriteStream(path);
  let wb: WorkbookWriterInstance;
  if (fast) wb = openWorkbookWriter(out, { sharedStrings, streamed: !sharedStrings, created: CREATED });
  else wb = new (WorkbookWriter())({ stream: out, useStyles: true, useSharedStrings: sharedStrings });
  wb.created = CREATED;
  wb.modified = CREATED;
  const xml = new RowXml(rowSink(wb, sharedStrings));
  for (const sheet of SHEETS) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }] });
    ws.columns = WIDTHS.map((width) => ({ width }));
    if (fast) {
      const data = sheetData(ws);
      sheet.rows.forEach(([row, height], i) => data.write(xml.row(row, i + 1, height)));
    } else referenceRows(ws, sheet.rows);
    ws.commit();
  }
  await wb.commit();
  await finished(out);
}

/** Where two texts first differ, with some context; null when equal. */
function difference(want: string, got: string | undefined): string | null {
  if (got === want) return null;
  if (got === undefined) return 'missing';
  let i = 0;
  while (i < want.length && want[i] === got[i]) i++;
  return `at ${i}: want …${want.slice(Math.max(0, i - 80), i + 80)}… got …${got.slice(Math.max(0, i - 80), i + 80)}…`;
}

async function parts(path: string): Promise<Map<string, string>> {
  const archive = await openZipArchive(path, DEFAULT_XLSX_LIMITS);
  const out = new Map<string, string>();
  for (const entry of archive.entries) {
    const chunks: Buffer[] = [];
    for await (const chunk of inflateEntry(archive, entry)) chunks.push(chunk);
    out.set(entry.name, Buffer.concat(chunks).toString('utf8'));
  }
  return out;
}

describe('rows rendered by RowXml', () => {
  const dir = tempDir('tickmark-row-xml-');

  for (const sharedStrings of [true, false]) {
    it(`give the parts exceljs gives (${sharedStrings ? 'shared strings, in-memory zip' : 'inline strings, streamed zip'})`, async () => {
      const reference = join(dir, `reference-${sharedStrings}.xlsx`);
      const fast = join(dir, `fast-${sharedStrings}.xlsx`);
      await write(reference, false, sharedStrings);
      await write(fast, true, sharedStrings);
      const [want, got] = [await parts(reference), await parts(fast)];
      expect([...got.keys()]).toEqual([...want.keys()]);
      for (const [name, text] of want) expect(difference(text, got.get(name)), name).toBeNull();
      expect(want.get('xl/worksheets/sheet1.xml')).toContain('t="b"');
    }, 30_000);
  }
});

describe('xmlEscape', () => {
  const { xmlEncode } = createRequire(import.meta.url)('exceljs/lib/utils/utils.js') as { xmlEncode(text: string): string };
  const ALPHABET = ['a', '<', '>', '&', "'", '"', '\u0000', '\u0008', '\t', '\n', '\u000b', '\u000c', '\r', '\u000e', '\u001f', ' ', '\u007f', '\u0080', 'é', '✓', '\ud83d', '\ude00', '&amp;', '_x000D_'];

  it('escapes as exceljs does, for any text', () => {
    const rng = seedrandom('xml');
    for (let i = 0; i < 5000; i++) {
      let text = '';
      for (let n = Math.floor(rng() * 20); n > 0; n--) text += ALPHABET[Math.floor(rng() * ALPHABET.length)];
      expect(xmlEscape(text)).toBe(xmlEncode(text));
    }
  });
});
