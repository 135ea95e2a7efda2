/**
 * The rows' XML: each kind of cell as SpreadsheetML writes it (shared or inline strings, numbers,
 * booleans, dates as serials, styled blanks), rows with nothing in them left out — and a workbook
 * of random rows read back cell for cell by tickmark's reader and by exceljs's public reader.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { cellParts, styled, type CellStyle, type Row } from '../../src/export/workbook/content.js';
import { openWorkbookCells } from '../../src/export/workbook/read-cells.js';
import { RowXml, rowSink, type RowSink } from '../../src/export/workbook/row-xml.js';
import { CELL_STYLES } from '../../src/export/workbook/styles.js';
import { cellText } from '../../src/export/workbook/text.js';
import { WorkbookWriter } from '../../src/xlsx/index.js';
import { tempDir } from '../helpers/tmp.js';

/** A sink numbering formats and strings in the order asked. */
function recordingSink(shared: boolean): RowSink & { formats: string[]; strings: string[] } {
  const formats: string[] = ['(default)'];
  const strings: string[] = [];
  const sink = {
    formats,
    strings,
    styleId: (format: object, kind: string) => {
      const name = (Object.keys(CELL_STYLES) as CellStyle[]).find((k) => CELL_STYLES[k] === format) ?? '?';
      const key = `${name}/${name === 'plain' || name === 'input' ? kind : ''}`;
      const at = formats.indexOf(key);
      return at >= 0 ? at : formats.push(key) - 1;
    },
    ...(shared ? { sharedString: (t: string) => (strings.includes(t) ? strings.indexOf(t) : strings.push(t) - 1) } : {}),
  };
  return sink;
}

describe('RowXml', () => {
  it('writes each kind of cell', () => {
    const xml = new RowXml(recordingSink(true));
    expect(xml.row([styled('Key & <more>', 'header'), 'CHG1', 42, true, new Date(Date.UTC(2025, 0, 2, 12))], 4, 30)).toBe(
      '<row r="4" ht="30" customHeight="1" spans="1:5"><c r="A4" s="1" t="s"><v>0</v></c><c r="B4" s="2" t="s"><v>1</v></c>'
      + '<c r="C4" s="3"><v>42</v></c><c r="D4" s="4" t="b"><v>1</v></c><c r="E4" s="5"><v>45659.5</v></c></row>',
    );
  });

  it('writes strings inline without a table, escaped, with controls as _xHHHH_', () => {
    const xml = new RowXml(recordingSink(false));
    expect(xml.row(['a<b', '\u0001x'], 1, 0)).toBe('<row r="1" spans="1:2"><c r="A1" s="1" t="str"><v>a&lt;b</v></c><c r="B1" s="1" t="str"><v>_x0001_x</v></c></row>');
  });

  it('leaves out null cells and rows with nothing in them, keeps a styled blank', () => {
    const xml = new RowXml(recordingSink(true));
    expect(xml.row([null, null], 2, 0)).toBe('');
    expect(xml.row([], 3, 30)).toBe('<row r="3" ht="30" customHeight="1"/>');
    expect(xml.row([null, styled(null, 'input'), 'x'], 5, 0)).toBe('<row r="5" spans="2:3"><c r="B5" s="1"/><c r="C5" s="2" t="s"><v>0</v></c></row>');
  });
});

describe('RowXml with a shared-string table and a long sheet', () => {
  /** 3,000 rows: unique keys, a three-value enum, unique references with an awkward text every 97th row. */
  const AWKWARD = [(i: number) => ` lead ${i}`, (i: number) => `trail ${i} `, (i: number) => `two\n${i}`, (i: number) => `_x0041_ ${i}`, (i: number) => `\rcr ${i}`];
  const longRows = (): Row[] => Array.from({ length: 3000 }, (_, i): Row => [
    `CHG${String(i).padStart(7, '0')}`,
    ['standard', 'normal', 'emergency'][i % 3]!,
    i % 97 === 0 ? AWKWARD[(i / 97) % AWKWARD.length]!(i) : `REF-${i * 7919}`,
  ]);

  it('writes a column of nearly all new texts inline once a window of it was judged, keeps repeated and awkward texts shared', () => {
    const sink = recordingSink(true);
    const xml = new RowXml(sink);
    xml.startSheet();
    const rendered = longRows().map((r, i) => xml.row(r, i + 1, 0));
    const kind = (row: string, column: string) => new RegExp(`<c r="${column}\\d+"[^>]*? t="(s|str)">`).exec(row)?.[1];
    // The first window of 512 keys goes to the table; every key after it is written inline.
    expect(rendered.slice(0, 512).every((r) => kind(r, 'A') === 's')).toBe(true);
    expect(rendered.slice(512).every((r) => kind(r, 'A') === 'str')).toBe(true);
    expect(rendered.every((r) => kind(r, 'B') === 's')).toBe(true);
    expect(sink.strings.filter((t) => ['standard', 'normal', 'emergency'].includes(t))).toHaveLength(3);
    rendered.forEach((r, i) => {
      if (i % 97 === 0) expect(kind(r, 'C'), `row ${i + 1}`).toBe('s');
      else if (i >= 512) expect(kind(r, 'C'), `row ${i + 1}`).toBe('str');
    });
    expect(rendered[2999]).toContain('<c r="A3000" s="1" t="str"><v>CHG0002999</v></c>');
    // A new sheet judges its columns afresh: its first keys are shared again.
    xml.startSheet();
    expect(kind(xml.row(['CHG9999999'], 1, 0), 'A')).toBe('s');
  });

  it('reads back cell for cell by our reader and by exceljs', async () => {
    const path = join(tempDir('tickmark-row-xml-long-'), 'long.xlsx');
    const out = createWriteStream(path);
    const wb = new WorkbookWriter(out, { created: new Date('2026-01-10T12:00:00Z') });
    const xml = new RowXml(rowSink(wb, true));
    xml.startSheet();
    const rows = longRows();
    const sheet = await wb.addSheet({ name: 'Long', state: 'visible', columns: [12, 12, 12] });
    await sheet.write(rows.map((r, i) => xml.row(r, i + 1, 0)).join(''));
    await sheet.end();
    await wb.finish();
    await finished(out);
    const book = await openWorkbookCells(path);
    const got: string[][] = [];
    for await (const row of book.sheet('Long')!.rows) got.push(row.cells);
    expect(got).toEqual(rows);
    const excel = new ExcelJS.Workbook();
    await excel.xlsx.readFile(path);
    const ws = excel.getWorksheet('Long')!;
    rows.forEach((row, i) => row.forEach((v, c) => expect(ws.getCell(i + 1, c + 1).value, `${i + 1}/${c + 1}`).toBe(v)));
  });
});

const DATE_STYLES: CellStyle[] = ['date', 'datetime', 'inputDate'];

/** Rows covering every kind of cell a sheet holds. */
function randomRows(seed: string): Row[] {
  const rng = seedrandom(seed);
  const styles = Object.keys(CELL_STYLES) as CellStyle[];
  const rows: Row[] = [
    [styled('Title & <more>', 'title')],
    [' leading space', 'trailing ', 'two\nlines', '"quoted" \'single\'', '=HYPERLINK("http://x","y")'],
    ['\rcr', 'a\u0001b\u001fc', '_x0041_', 'é ✓ 😀'],
    [-0.5, 0, 1e21, 1 / 3, Number.MAX_SAFE_INTEGER, 1e-7],
  ];
  for (let r = 0; r < 60; r++) {
    const row: Row = [];
    for (let c = 0; c < 6; c++) {
      const kind = Math.floor(rng() * 5);
      const value = kind === 0 ? null : kind === 1 ? `text ${Math.floor(rng() * 9)}` : kind === 2 ? Math.round(rng() * 1e6) / 100 : kind === 3 ? new Date(Date.UTC(2025, 0, 1) + Math.floor(rng() * 3e7) * 1000) : rng() < 0.5;
      // A format shows what it was made for: dates get date formats, everything else any other.
      const fits = value instanceof Date ? DATE_STYLES : styles.filter((st) => !DATE_STYLES.includes(st));
      row.push(rng() < 0.5 && value !== null ? styled(value, fits[Math.floor(rng() * fits.length)]!) : value);
    }
    rows.push(row);
  }
  return rows;
}

/** What a cell reads back as: our reader's text. */
function expectedText(cell: Row[number]): string {
  if (cell === null || cell === undefined) return '';
  const { v, s } = cellParts(cell);
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const iso = v.toISOString().replace('T', ' ').replace('Z', '');
    const format = CELL_STYLES[s ?? 'datetime'].numFmt;
    return format === 'yyyy-mm-dd' && iso.endsWith(' 00:00:00.000') ? iso.slice(0, 10) : iso.replace(/\.000$/, '');
  }
  return String(v);
}

describe('a workbook of random rows', () => {
  const dir = tempDir('tickmark-row-xml-');

  for (const shared of [true, false]) {
    it(`reads back cell for cell (${shared ? 'shared strings' : 'inline strings'})`, async () => {
      const path = join(dir, `rows-${shared}.xlsx`);
      const out = createWriteStream(path);
      const wb = new WorkbookWriter(out, { created: new Date('2026-01-10T12:00:00Z') });
      const xml = new RowXml(rowSink(wb, shared));
      const rows = randomRows(`rows-${shared}`);
      const sheet = await wb.addSheet({ name: 'Rows', state: 'visible', columns: [12, 30, 8] });
      await sheet.write(rows.map((r, i) => xml.row(r, i + 1, 0)).join(''));
      await sheet.end();
      await wb.finish();
      await finished(out);

      const book = await openWorkbookCells(path);
      const got = new Map<number, string[]>();
      for await (const row of book.sheet('Rows')!.rows) got.set(row.line, row.cells);
      rows.forEach((row, i) => {
        const want = row.map(expectedText);
        while (want.length && want[want.length - 1] === '') want.pop();
        const cells = [...(got.get(i + 1) ?? [])];
        while (cells.length && cells[cells.length - 1] === '') cells.pop();
        expect(cells, `row ${i + 1}`).toEqual(want);
      });

      const excel = new ExcelJS.Workbook();
      await excel.xlsx.readFile(path);
      const ws = excel.getWorksheet('Rows')!;
      rows.forEach((row, i) => row.forEach((cell, c) => {
        if (cell === null) return;
        const { v } = cellParts(cell);
        const value = ws.getCell(i + 1, c + 1).value;
        if (v === null) expect(value, `${i + 1}/${c + 1}`).toBeNull();
        else if (v instanceof Date) expect((value as Date).getTime(), `${i + 1}/${c + 1}`).toBe(v.getTime());
        // exceljs decodes `_xHHHH_` escapes in shared strings only.
        else if (typeof v === 'string') expect(value, `${i + 1}/${c + 1}`).toBe(shared ? v : cellText(v));
        else expect(value, `${i + 1}/${c + 1}`).toBe(v);
      }));
    }, 30_000);
  }
});
