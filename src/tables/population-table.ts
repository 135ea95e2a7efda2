/**
 * A stored population as an arquero table, for library users who query it with arquero's verbs.
 * Numbers, timestamps and the source numbering are typed arrays; text columns stay in the
 * chunks' encoded form and are decoded a chunk at a time when a verb first reads them.
 * Timestamps are UTC epoch milliseconds (NaN where blank or invalid), which arquero's date
 * functions accept.
 *
 * @example
 * import { op } from 'arquero'
 * const changes = await populationTable(store, 'pop_…', { columns: ['change_id', 'type', 'deployed_at'] })
 * changes.groupby('type').count().objects() // [{ type: 'standard', count: 288 }, …] (fixtures/change/changes-2025.csv)
 * changes.filter((d) => op.year(d.deployed_at) === 2024).numRows()
 */
import { table, type ColumnTable } from 'arquero';
import type { PopulationChunk, PopulationMeta } from '../population/types.js';
import { readChunks } from '../store/read-chunks.js';
import type { Store } from '../store/store.js';
import { populationColumn, populationColumnNames } from './population-columns.js';

export interface PopulationTableOptions {
  /**
   * Columns in order: `record`, `line`, canonical field names, source headers. Default: the
   * numbering, every canonical field, and the source headers no field is read from.
   */
  columns?: readonly string[];
}

export async function populationTable(store: Store, populationId: string, opts: PopulationTableOptions = {}): Promise<ColumnTable> {
  const { meta, names, chunks } = await populationChunks(store, populationId, opts);
  return table(Object.fromEntries(names.map((name) => [name, populationColumn(meta, chunks, name)])), names);
}

/** The population, the column names asked for (an unknown one refused before any chunk is read), and its chunks. */
export async function populationChunks(store: Store, populationId: string, opts: PopulationTableOptions): Promise<{ meta: PopulationMeta; names: string[]; chunks: PopulationChunk[] }> {
  const meta = store.requirePopulation(populationId);
  const names = opts.columns ? [...opts.columns] : populationColumnNames(meta);
  for (const name of names) populationColumn(meta, [], name);
  const chunks: PopulationChunk[] = [];
  for await (const chunk of readChunks(store.populationDir(meta.id), meta)) chunks.push(chunk);
  return { meta, names, chunks };
}
