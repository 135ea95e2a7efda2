/**
 * A drawn sample as an arquero table: the selection's items in draw order, and the population's
 * cells of each item's record read back from the store — equal to the file's own cells.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { drawSample } from '../../src/operations/sample.js';
import { sampleTable } from '../../src/tables/index.js';
import { tempStore } from '../helpers/tmp.js';

const CHANGES = 'fixtures/change/changes-2025.csv';
const [header, ...cells] = parse(readFileSync(CHANGES), { bom: true }) as string[][];
const cellOf = (record: number, name: string) => cells[record - 1]![header!.indexOf(name)]!;

describe('sampleTable', () => {
  it('lists the items in draw order with the file cells of each record', async () => {
    const store = tempStore();
    const { population } = await ingestFile(store, CHANGES, { kind: 'change', workers: 0, chunkSize: 16_384 });
    const sample = await drawSample(store, population.id, { seed: '20251231', size: 40, method: 'stratified', period: '2025-01-01..2025-12-31' }, { workers: 0 });
    const t = await sampleTable(store, sample, { columns: ['Approved By', 'deployed_at', 'Short Description'] });
    const items = sample.selection.items;
    expect(t.numRows()).toBe(40);
    expect(t.columnNames()).toEqual(['order', 'key', 'prn', 'prnHex', 'stratum', 'record', 'line', 'eventTime', 'keyItem', 'addedByExtension', 'Approved By', 'deployed_at', 'Short Description']);
    expect((t.objects() as Record<string, unknown>[]).map((r) => [r.order, r.key, r.prnHex, r.stratum, r.record])).toEqual(items.map((i) => [i.order, i.key, i.prnHex, i.stratum, i.record]));
    for (const [row, item] of items.entries()) {
      expect(item.key).toBe(cellOf(item.record, 'Number'));
      const approver = cellOf(item.record, 'Approved By');
      expect(t.get('Approved By', row)).toBe(approver === '' ? null : approver);
      expect(t.get('Short Description', row)).toBe(cellOf(item.record, 'Short Description'));
      expect(t.get('deployed_at', row)).toBe(Date.parse(cellOf(item.record, 'Deployed On')));
      expect(t.get('eventTime', row)).toBe(item.eventTime);
    }
  });

  it('gives an item of several rows once, with its representative row', async () => {
    const store = tempStore();
    const { population } = await ingestFile(store, CHANGES, { kind: 'change', workers: 0 });
    const all = await drawSample(store, population.id, { seed: '1', size: 1000 }, { workers: 0 });
    const t = await sampleTable(store, all, { columns: ['Number'] });
    const twice = all.selection.items.find((i) => i.key === 'CHG0000173')!;
    expect(twice.rows).toHaveLength(2);
    const rows = t.filter((d: Record<string, unknown>) => d.key === 'CHG0000173').objects();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ record: twice.record, Number: 'CHG0000173' });
    expect(t.numRows()).toBe(all.selection.items.length);
  });
});
