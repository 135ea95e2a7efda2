/**
 * A drawn sample as an arquero table: one row per selected item in draw order — its order, key,
 * PRN, stratum, source record and line, event time (UTC epoch ms, NaN when none), whether it is a
 * key item or was added by an extension — and, when asked, columns of the population read for
 * those records only (the item's representative row when its unit has several).
 *
 * @example
 * const sample = await drawSample(store, 'pop_…', { seed: '20251231', size: 25 })
 * const items = await sampleTable(store, sample, { columns: ['Approved By', 'deployed_at'] })
 * items.select('order', 'key', 'Approved By').objects()[0] // { order: 1, key: 'CHG0000173', 'Approved By': 'donna.scott' }
 */
import { table, type ColumnTable } from 'arquero';
import type { PopulationChunk } from '../population/types.js';
import type { SampleRecord } from '../sampling/request.js';
import { readChunkRows } from '../store/chunk-rows.js';
import { chunksHolding } from '../store/read-chunks.js';
import type { Store } from '../store/store.js';
import { populationColumn } from './population-columns.js';

export interface SampleTableOptions {
  /** Population columns to add for each item (names as `populationTable` takes them). */
  columns?: readonly string[];
}

const ITEM_COLUMNS = ['order', 'key', 'prn', 'prnHex', 'stratum', 'record', 'line', 'eventTime', 'keyItem', 'addedByExtension'] as const;

export async function sampleTable(store: Store, sample: Pick<SampleRecord, 'populationId' | 'selection'>, opts: SampleTableOptions = {}): Promise<ColumnTable> {
  const items = sample.selection.items;
  const columns: Record<string, unknown> = {
    order: Int32Array.from(items, (i) => i.order),
    key: items.map((i) => i.key),
    prn: Float64Array.from(items, (i) => i.prn),
    prnHex: items.map((i) => i.prnHex),
    stratum: items.map((i) => i.stratum ?? null),
    record: Int32Array.from(items, (i) => i.record),
    line: Int32Array.from(items, (i) => i.line),
    eventTime: Float64Array.from(items, (i) => i.eventTime ?? Number.NaN),
    keyItem: items.map((i) => i.keyItem),
    addedByExtension: items.map((i) => i.addedByExtension),
  };
  const names: string[] = [...ITEM_COLUMNS];
  const asked = (opts.columns ?? []).filter((name) => !names.includes(name));
  if (asked.length) {
    const meta = store.requirePopulation(sample.populationId);
    for (const name of asked) populationColumn(meta, [], name); // an unknown name is refused before any chunk is read
    const records = new Set(items.map((i) => i.record));
    const dir = store.populationDir(meta.id);
    const chunks: PopulationChunk[] = chunksHolding(meta.chunks, records).map((c) => readChunkRows(dir, meta.chunks[c]!, records));
    const rowOf = new Map<number, number>();
    let at = 0;
    for (const chunk of chunks) for (let j = 0; j < chunk.rows; j++) rowOf.set(chunk.record[j]!, at++);
    const rows = items.map((i) => rowOf.get(i.record) ?? -1);
    for (const name of asked) {
      const read = populationColumn(meta, chunks, name);
      columns[name] = read instanceof Float64Array || read instanceof Int32Array
        ? Float64Array.from(rows, (r) => (r < 0 ? Number.NaN : read[r]!))
        : rows.map((r) => (r < 0 ? null : read.at(r)));
      names.push(name);
    }
  }
  return table(columns, names);
}
