/**
 * Sheet 6, "Sample detail": the population detail of the sampled items — per item in draw order
 * its key, stratum, key-item flag, PRN, source record and line, every source column of its row —
 * of each of its rows when the unit is a key with several rows (timestamps in the period's zone),
 * and the tool's notes (why an attribute was not applicable,
 * what an exception was). The Test matrix shows only the few columns a tester needs.
 */
import { valueCell } from '../cells.js';
import { ColumnTable, type TableColumn } from '../column-table.js';
import { SheetBuilder, styled, type Row } from '../content.js';
import { eachItemResult, type ItemView } from '../model.js';
import { columnWidths, WIDTH_SAMPLE_ROWS } from '../widths.js';
import type { WorkbookSheet } from './sheet.js';
import { itemNotesOf } from './test-matrix.js';

/** A row of the table: an item and its index, one of its source records, and the item seen with that record's row. */
interface DetailRow {
  item: ItemView;
  index: number;
  record: number;
  view: ItemView;
}

const IDENTITY = ['#', 'Key', 'Stratum', 'Key item', 'PRN', 'PRN hex', 'Source record', 'Source line'];

export const sampleDetailSheet: WorkbookSheet = {
  name: 'Sample detail',
  build(model) {
    const { attributes, columns, zone } = model;
    const tested = !!model.input.tests;
    const valueHeaders = columns.map((c) => (c.type === 'timestamp' ? `${c.header} (${zone})` : c.header));
    const headers = [...IDENTITY, ...valueHeaders, 'Tool notes (N/A reasons, exceptions)'];
    // A unit of several rows (a key's line items) shows each of them, under the same item.
    const recordsOf = (item: ItemView): readonly number[] => (item.rows && item.rows.length > 1 ? item.rows : [item.record]);
    const viewOf = (item: ItemView, record: number): ItemView => {
      if (record === item.record) return item;
      const { row: _representative, ...unit } = item;
      const row = model.rows.get(record);
      return { ...unit, ...(row ? { row } : {}) };
    };
    const notesOf = itemNotesOf(attributes, tested);
    const notes = new Array<string | null>(model.items.length);
    eachItemResult(model, (result, i) => (notes[i] = notesOf(result)));
    const detailRows: DetailRow[] = [];
    model.items.forEach((item, index) => {
      for (const record of recordsOf(item)) detailRows.push({ item, index, record, view: viewOf(item, record) });
    });
    const rows = new ColumnTable<DetailRow>(detailRows, [
      { value: (r) => r.item.order },
      { value: (r) => r.item.key },
      { value: (r) => r.item.stratum ?? null },
      { value: (r) => (r.item.keyItem ? 'yes' : 'no') },
      { value: (r) => r.item.prn, style: 'prn' },
      { value: (r) => r.item.prnHex, style: 'mono' },
      { value: (r) => r.record },
      { value: (r) => (r.record === r.item.record ? r.item.line : null) },
      ...columns.map((c): TableColumn<DetailRow> => ({ value: (r) => valueCell(r.view, c, zone), textStyle: 'wrap' })),
      { value: (r) => (r.record === r.item.record ? notes[r.index]! : null), style: 'wrap' },
    ]);
    const firstRows: Row[] = [headers.map((h) => styled(h, 'header'))];
    for (const row of rows.rows()) if (firstRows.push(row) >= WIDTH_SAMPLE_ROWS) break;
    const widths = columnWidths(firstRows).map((w) => Math.min(w, 28));
    widths[0] = 5;
    widths[headers.length - 1] = 44;
    const b = new SheetBuilder('Sample detail', 'visible', 120);
    b.title(`Sample detail — ${model.input.control.id}: every source column of the ${model.items.length} sampled rows`);
    b.note(`In draw order, as on the Test matrix. ${model.zoneNote}`);
    const area = b.table(headers, rows);
    b.mainTable(area, 2);
    const content = b.done();
    content.widths = widths;
    content.printTitleColumns = 2;
    return content;
  },
};
