/**
 * The sampled rows' values, read from the stored population chunk by chunk (never all at once,
 * and only the sampled rows' bytes of each chunk file): for each selected source record, the raw
 * text of every column and its typed fields.
 *
 * @example
 * const rows = await loadSampledRows(store, meta, sample.selection.items.map((i) => i.record))
 * rows[0] // { record: 15, values: { Number: 'CHG0000015', … }, fields: { deployed_at: 1736…, … } }
 */
import type { PopulationChunk, PopulationMeta } from '../population/types.js';
import { columnsOf } from '../population/vectors.js';
import { readChunkRows } from '../store/chunk-rows.js';
import { chunksHolding, loadChunkTransient } from '../store/read-chunks.js';
import { membersBetween } from '../sampling/units.js';
import type { Store } from '../store/store.js';
import type { SampledRow } from '../export/workbook/input.js';

/** The rows of one chunk whose record is wanted (cell by cell: no column is materialised). */
export function sampledRowsOf(chunk: PopulationChunk, wanted: ReadonlySet<number>): SampledRow[] {
  const rows: SampledRow[] = [];
  const headers = Object.keys(chunk.source);
  const fields = Object.keys(chunk.fields);
  const columns = columnsOf(chunk);
  const sources = headers.map((h) => columns.source(h));
  const typedColumns = fields.map((name) => columns.field(name));
  for (let i = 0; i < chunk.rows; i++) {
    const record = chunk.record[i]!;
    if (!wanted.has(record)) continue;
    const values: SampledRow['values'] = {};
    for (let c = 0; c < headers.length; c++) values[headers[c]!] = sources[c]?.cell(i) ?? null;
    const typed: SampledRow['fields'] = {};
    for (let c = 0; c < fields.length; c++) typed[fields[c]!] = typedColumns[c]?.cell(i) ?? null;
    rows.push({ record, values, fields: typed });
  }
  return rows;
}

/**
 * A chunk is read whole when at least one of this many of its rows is wanted: positional reads
 * cost a few system calls per row, a whole read one pass over the file.
 */
const WHOLE_CHUNK_EVERY = 256;

/**
 * The rows of the given source records from chunks already read down to them (the chunks a
 * sample's tests read: `runTests`' `sampledChunks`), in ascending record order.
 */
export function sampledRowsFrom(chunks: ReadonlyMap<string, PopulationChunk>, records: Iterable<number>): SampledRow[] {
  const wanted = new Set(records);
  const rows: SampledRow[] = [];
  for (const chunk of chunks.values()) for (const row of sampledRowsOf(chunk, wanted)) rows.push(row);
  return inRecordOrder(rows);
}

/** Rows in ascending record order (as chunks read in order give them: then left as they are). */
function inRecordOrder(rows: SampledRow[]): SampledRow[] {
  for (let i = 1; i < rows.length; i++) if (rows[i - 1]!.record > rows[i]!.record) return rows.sort((a, b) => a.record - b.record);
  return rows;
}

/**
 * Read the rows of the given source records (ascending record order); only the chunks holding
 * them are read — a chunk with few of them by positional reads of those rows' cells, one with
 * many of them whole.
 */
export async function loadSampledRows(store: Store, meta: PopulationMeta, records: Iterable<number>): Promise<SampledRow[]> {
  const wanted = new Set(records);
  const rows: SampledRow[] = [];
  if (wanted.size === 0) return rows;
  const dir = store.populationDir(meta.id);
  const sorted = Float64Array.from(wanted).sort();
  for (const index of chunksHolding(meta.chunks, wanted)) {
    const ref = meta.chunks[index]!;
    const next = meta.chunks[index + 1];
    const dense = next !== undefined && next.recordOffset > ref.recordOffset && membersBetween({ members: sorted }, ref.recordOffset, next.recordOffset).length * WHOLE_CHUNK_EVERY >= ref.rows;
    for (const row of sampledRowsOf(dense ? loadChunkTransient(dir, ref) : readChunkRows(dir, ref, wanted), wanted)) rows.push(row);
  }
  return inRecordOrder(rows);
}
