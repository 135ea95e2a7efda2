/**
 * The sampled rows' values, read from the stored population chunk by chunk (never all at once):
 * for each selected source record, the raw text of every column and its typed fields.
 *
 * @example
 * const rows = await loadSampledRows(store, meta, sample.selection.items.map((i) => i.record))
 * rows[0] // { record: 15, values: { Number: 'CHG0000015', … }, fields: { deployed_at: 1736…, … } }
 */
import type { PopulationChunk, PopulationMeta } from '../population/types.js';
import { readChunks } from '../store/read-chunks.js';
import type { Store } from '../store/store.js';
import type { SampledRow } from './workbook/input.js';

/** The rows of one chunk whose record is wanted. */
export function sampledRowsOf(chunk: PopulationChunk, wanted: ReadonlySet<number>): SampledRow[] {
  const rows: SampledRow[] = [];
  const headers = Object.keys(chunk.source);
  const fields = Object.entries(chunk.fields);
  for (let i = 0; i < chunk.rows; i++) {
    const record = chunk.record[i]!;
    if (!wanted.has(record)) continue;
    const values: SampledRow['values'] = {};
    for (const h of headers) values[h] = chunk.source[h]![i] ?? null;
    const typed: SampledRow['fields'] = {};
    for (const [name, column] of fields) {
      if (column.type === 'string' || column.type === 'enum') typed[name] = column.values[i] ?? null;
      else {
        const v = column.values[i]!;
        typed[name] = Number.isNaN(v) ? null : v;
      }
    }
    rows.push({ record, values, fields: typed });
  }
  return rows;
}

/** Read the rows of the given source records (ascending record order). */
export async function loadSampledRows(store: Store, meta: PopulationMeta, records: Iterable<number>): Promise<SampledRow[]> {
  const wanted = new Set(records);
  const rows: SampledRow[] = [];
  if (wanted.size === 0) return rows;
  for await (const chunk of readChunks(store.populationDir(meta.id), meta)) {
    rows.push(...sampledRowsOf(chunk, wanted));
    if (rows.length >= wanted.size) break;
  }
  return rows.sort((a, b) => a.record - b.record);
}
