/**
 * A column table: its rows rendered straight from the items (batches of a reused row frame) are
 * byte for byte the rows rendered from its cells (`rows()`), with the same shared strings in the
 * same order and the same row heights — on random items of every kind of value, in columns of
 * every way of styling, across batches and the shared-or-inline judgement of long columns.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ColumnTable, isRowBatch, type TableColumn } from '../../src/export/workbook/column-table.js';
import { SheetBuilder, styled, type CellValue, type Row } from '../../src/export/workbook/content.js';
import { RowXml, type RowSink } from '../../src/export/workbook/row-xml.js';
import { SheetRows } from '../../src/export/workbook/sheet-rows.js';
import { StyleSheet } from '../../src/xlsx/index.js';

interface Item {
  n: number;
  values: CellValue[];
}

function randomItems(seed: string, count: number): Item[] {
  const rng = seedrandom(seed);
  const texts = ['standard', 'normal', 'emergency', ' lead', 'trail ', 'two\nlines and a longer text that wraps in a narrow column', '_x0041_', '\rcr', 'a<b&c', 'é ✓ 😀', '=1+1'];
  const value = (kind: number, i: number): CellValue => {
    switch (kind) {
      case 0: return null;
      case 1: return rng() < 0.5 ? texts[Math.floor(rng() * texts.length)]! : `KEY-${i}-${Math.floor(rng() * 1e9)}`;
      case 2: return rng() < 0.5 ? Math.floor(rng() * 1e6) : rng();
      case 3: return new Date(Date.UTC(2025, 0, 1) + Math.floor(rng() * 3e10));
      default: return rng() < 0.5;
    }
  };
  return Array.from({ length: count }, (_, n) => ({ n, values: Array.from({ length: 7 }, (_, c) => value(rng() < 0.7 ? c % 5 : Math.floor(rng() * 5), n)) }));
}

const columns: TableColumn<Item>[] = [
  { value: (i) => i.n },
  { value: (i) => i.values[0]! },
  { value: (i) => i.values[1]!, textStyle: 'wrap' },
  { value: (i) => i.values[2]!, style: 'prn' },
  { value: (i) => i.values[3]!, textStyle: 'wrap', dateStyle: 'datetime' },
  { value: (i) => i.values[4]!, style: 'tick' },
  { value: (i) => i.values[5]!, style: 'input', entry: (i) => ({ kind: 'comment', order: i.n, key: `K${i.n}` }) },
  { value: (i) => i.values[6]!, style: 'wrap' },
  { value: (i) => `REF-${i.n * 7919}` },
];

/** The sheet's rows rendered by a fresh writer: the XML, and the shared strings in the order numbered. */
async function rendered(rows: Iterable<Parameters<SheetRows['add']>[0]>): Promise<{ xml: string; strings: string[] }> {
  const styles = new StyleSheet();
  const strings: string[] = [];
  const index = new Map<string, number>();
  const sink: RowSink = {
    styleId: (format, kind) => styles.cellFormat(format, kind),
    sharedString: (text) => index.get(text) ?? (index.set(text, strings.length), strings.push(text) - 1),
  };
  const xml = new RowXml(sink);
  xml.startSheet();
  let written = '';
  const sheetRows = new SheetRows({ write: async (part) => void (written += typeof part === 'string' ? part : Buffer.from(part).toString('utf8')) }, xml, [6, 12, 14, 10, 20, 5, 8, 16, 12]);
  for (const row of rows) if (sheetRows.add(row)) await sheetRows.flush();
  await sheetRows.flush();
  return { xml: written, strings };
}

describe('ColumnTable', () => {
  it('renders its rows straight from the items exactly as from its cells', async () => {
    const table = new ColumnTable(randomItems('column-table', 1300), columns);
    const b = new SheetBuilder('Table');
    b.title('A title');
    b.table(['#', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'Reference'], table);
    b.add(styled('after', 'note'));
    const sheet = b.done();
    const direct = [...sheet.eachRow!()];
    expect(direct.filter(isRowBatch).length).toBeGreaterThan(1);
    const fromItems = await rendered(direct);
    const fromCells = await rendered(sheet.rows);
    expect(fromItems.xml.length).toBeGreaterThan(100_000);
    const differsAt = [...fromItems.xml].findIndex((ch, at) => ch !== fromCells.xml[at]);
    expect(differsAt < 0 ? '' : fromItems.xml.slice(differsAt - 80, differsAt + 80)).toBe(differsAt < 0 ? '' : fromCells.xml.slice(differsAt - 80, differsAt + 80));
    expect(fromItems.xml.length).toBe(fromCells.xml.length);
    expect(fromItems.strings).toEqual(fromCells.strings);
    // The references went inline after the first judgement, and some rows are taller.
    expect(fromItems.xml.includes('<c r="I1203" s="3" t="str"><v>REF-9502800</v></c>')).toBe(true);
    expect(fromItems.xml.includes('customHeight="1"')).toBe(true);
  });

  it('gives its rows as cells: styled by the column, bare otherwise, with the entry of an input cell', () => {
    const item: Item = { n: 3, values: ['x', 'y', 0.5, new Date(0), null, null, 'z'] };
    const [row] = [...new ColumnTable([item], columns).rows()] as Row[];
    expect(row).toEqual([3, 'x', { v: 'y', s: 'wrap' }, { v: 0.5, s: 'prn' }, { v: new Date(0), s: 'datetime' }, { v: null, s: 'tick' },
      { v: null, s: 'input', e: { kind: 'comment', order: 3, key: 'K3' } }, { v: 'z', s: 'wrap' }, 'REF-23757']);
  });
});
