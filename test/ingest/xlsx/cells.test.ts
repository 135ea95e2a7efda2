/**
 * Cell text, from hand-written sheet XML: every cell type, formulas' cached results, dates in both
 * date systems, shared and inline rich text, phonetic guides, escapes, gaps and blank rows.
 */
import { describe, expect, it, vi } from 'vitest';
import { tempDir, readSheet } from './helpers/files.js';
import { row, xlsxBuffer, type BookSpec } from './helpers/xlsx-parts.js';

// The test machine's cores are shared: generous per-test time; hangs are caught by explicit guards.
vi.setConfig({ testTimeout: 20_000 });

const tmp = tempDir();
let n = 0;
const write = (spec: BookSpec) => tmp.write(`book${n++}.xlsx`, xlsxBuffer(spec));

describe('cell text', () => {
  it('decodes every cell type and keeps formula results, never formulas', async () => {
    const file = write({
      sheets: [
        {
          name: 'Types',
          rows:
            row(1, ['text', 'number', 'bool', 'error', 'formula']) +
            '<row r="2">' +
            '<c r="A2" t="s"><v>0</v></c>' +
            '<c r="B2"><v>0.1</v></c>' +
            '<c r="C2" t="b"><v>1</v></c>' +
            '<c r="D2" t="e"><v>#N/A</v></c>' +
            '<c r="E2" t="e"><f>VLOOKUP(A2,Other!A:B,2,FALSE)</f><v>#N/A</v></c>' +
            '</row>' +
            '<row r="3">' +
            '<c r="A3" t="str"><f>A2&amp;"!"</f><v>a &amp; b!</v></c>' +
            '<c r="B3"><f>1/3</f><v>0.33333333333333331</v></c>' +
            '<c r="C3" t="b"><f>TRUE()</f><v>0</v></c>' +
            '<c r="D3"><v>1E+21</v></c>' +
            '<c r="E3"><f>SUM(B2:B3)</f></c>' +
            '</row>' +
            '<row r="4"><c r="A4"><v>-0</v></c><c r="B4"><v>12345678901234567890</v></c><c r="C4"><v>1.5E-7</v></c></row>',
        },
      ],
      sharedStrings: ['  padded shared  '],
    });
    const book = await readSheet(file);
    expect(book.headers).toEqual(['text', 'number', 'bool', 'error', 'formula']);
    expect(book.rows).toEqual([
      { line: 2, values: ['  padded shared  ', '0.1', 'true', '#N/A', '#N/A'] },
      { line: 3, values: ['a & b!', '0.3333333333333333', 'false', '1e+21', ''] },
      { line: 4, values: ['0', '12345678901234567000', '1.5e-7', '', ''] },
    ]);
  });

  it('concatenates rich text runs and skips phonetic guides, in shared and inline strings', async () => {
    const sst =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<si><r><rPr><b/></rPr><t>Jo</t></r><r><t xml:space="preserve">sé </t></r><r><t>Müller</t></r></si>' +
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si><t>line 1_x000D_\nline 2 _x005F_x000D_</t></si>' +
      '<si><t/></si>' +
      '</sst>';
    const file = write({
      sheets: [
        {
          name: 'Rich',
          rows:
            row(1, ['a', 'b', 'c', 'd']) +
            '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" t="s"><v>3</v></c></row>' +
            '<row r="3"><c r="A3" t="inlineStr"><is><r><t>in</t></r><r><rPr><i/></rPr><t>line</t></r></is></c>' +
            '<c r="B3" t="inlineStr"><is><t>大阪</t><rPh sb="0" eb="2"><t>オオサカ</t></rPh></is></c>' +
            '<c r="C3" t="inlineStr"><is><t>&amp;amp; stays</t></is></c></row>',
        },
      ],
      sharedStrings: { xml: sst },
    });
    const book = await readSheet(file);
    expect(book.rows).toEqual([
      { line: 2, values: ['José Müller', '東京', 'line 1\r\nline 2 _x000D_', ''] },
      { line: 3, values: ['inline', '大阪', '&amp; stays', ''] },
    ]);
  });

  it('turns date-formatted serials into naive local text, leaves other numbers alone', async () => {
    // styles: 0 General, 1 built-in 14 (m/d/yyyy), 2 custom date-time, 3 time only, 4 elapsed, 5 number with literal "d"
    const file = write({
      sheets: [
        {
          name: 'Dates',
          rows:
            row(1, ['deployed', 'serial', 'time', 'elapsed', 'days']) +
            '<row r="2"><c r="A2" s="2"><v>45658.416666666664</v></c><c r="B2"><v>45658.416666666664</v></c>' +
            '<c r="C2" s="3"><v>0.5</v></c><c r="D2" s="4"><v>1.25</v></c><c r="E2" s="5"><v>3</v></c></row>' +
            '<row r="3"><c r="A3" s="1"><v>45658</v></c><c r="B3"><v>45658</v></c></row>' +
            '<row r="4"><c r="A4" s="2"><v>45658.000011574074</v></c></row>' +
            '<row r="5"><c r="A5" s="2"><f>A3+0.5</f><v>45658.5</v></c></row>' +
            '<row r="6"><c r="A6" s="1"><v>59</v></c><c r="B6" s="1"><v>61</v></c><c r="C6" s="1"><v>60</v></c></row>' +
            '<row r="7"><c r="A7" s="1"><v>-5</v></c><c r="B7" s="2"><v>45658.5000011574</v></c><c r="C7" s="2"><v>45658.99999999999</v></c></row>',
        },
      ],
      numFmts: { 164: 'yyyy-mm-dd hh:mm:ss', 165: '[h]:mm', 166: '0 "d"' },
      cellXfs: [0, 14, 164, 21, 165, 166],
    });
    const book = await readSheet(file);
    expect(book.dateSystem).toBe(1900);
    expect(book.rows.map((r) => r.values)).toEqual([
      ['2025-01-01 10:00:00', '45658.416666666664', '0.5', '1.25', '3'],
      ['2025-01-01 00:00:00', '45658', '', '', ''],
      ['2025-01-01 00:00:01', '', '', '', ''],
      ['2025-01-01 12:00:00', '', '', '', ''],
      ['1900-02-28 00:00:00', '1900-03-01 00:00:00', '1900-02-29 00:00:00', '', ''],
      // not a date Excel can show; milliseconds when present; a hair before midnight rounds to it
      ['-5', '2025-01-01 12:00:00.100', '2025-01-02 00:00:00', '', ''],
    ]);
  });

  it('reads the 1904 date system', async () => {
    const file = write({
      date1904: true,
      sheets: [{ name: 'Mac', rows: row(1, ['when']) + '<row r="2"><c r="A2" s="1"><v>44196.75</v></c></row><row r="3"><c r="A3" s="1"><v>0</v></c></row>' }],
      cellXfs: [0, 22],
    });
    const book = await readSheet(file);
    expect(book.dateSystem).toBe(1904);
    expect(book.rows.map((r) => r.values[0])).toEqual(['2025-01-01 18:00:00', '1904-01-01 00:00:00']);
  });

  it('pads short rows, keeps extra values, skips blank rows with true line numbers', async () => {
    const file = write({
      sheets: [
        {
          name: 'Gaps',
          rows:
            '<row r="1"><c r="A1" t="inlineStr"><is><t> Number </t></is></c><c r="B1" t="inlineStr"><is><t>Title</t></is></c>' +
            '<c r="C1" t="inlineStr"><is><t>Owner</t></is></c><c r="D1" s="0"/></row>' +
            row(2, ['CHG1']) +
            '<row r="3"><c r="A3" s="0"/><c r="B3" t="inlineStr"><is><t></t></is></c></row>' +
            '<row r="5" spans="1:3"></row>' +
            row(7, ['CHG2', null, 'ann']) +
            row(8, ['CHG3', 'x', 'y', 'extra']) +
            '<row r="9"><c r="E9"><v>5</v></c></row>',
        },
      ],
    });
    const book = await readSheet(file);
    expect(book.headers).toEqual(['Number', 'Title', 'Owner']);
    expect(book.headerLine).toBe(1);
    expect(book.rows).toEqual([
      { line: 2, values: ['CHG1', '', ''] },
      { line: 7, values: ['CHG2', '', 'ann'] },
      { line: 8, values: ['CHG3', 'x', 'y', 'extra'] },
      { line: 9, values: ['', '', '', '', '5'] },
    ]);
  });

  it('takes the first non-empty row as the header; rows and cells without r follow the previous one', async () => {
    const file = write({
      sheets: [
        {
          name: 'NoRefs',
          rows:
            '<row r="3"></row>' +
            '<row r="4"><c t="inlineStr"><is><t>id</t></is></c><c t="inlineStr"><is><t>amount</t></is></c></row>' +
            '<row><c t="inlineStr"><is><t>A-1</t></is></c><c><v>10</v></c></row>' +
            '<row><c r="B6"><v>20</v></c></row>',
        },
      ],
    });
    const book = await readSheet(file);
    expect(book.headerLine).toBe(4);
    expect(book.rows).toEqual([
      { line: 5, values: ['A-1', '10'] },
      { line: 6, values: ['', '20'] },
    ]);
  });

  it('reads elements with a namespace prefix', async () => {
    const file = write({ sheets: [{ name: 'P', rows: '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>h</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>7</x:v></x:c></x:row>' }] });
    const book = await readSheet(file);
    expect(book.rows).toEqual([{ line: 2, values: ['7'] }]);
  });
});
