/**
 * A stored population as Apache Arrow IPC bytes (the stream format pyarrow, Polars, DuckDB and
 * arquero read), one record batch per chunk, built from the chunks' own buffers (arrow-columns.ts):
 * the same columns, names and defaults as `populationTable`. Text is Utf8; an enum stored as
 * dictionary codes in every chunk is Dictionary<Utf8, Int32> over one dictionary for the whole
 * population; numbers and booleans (1/0) are Float64; timestamps are Timestamp(ms, UTC); blank and
 * invalid cells are null. The bytes are made in memory.
 *
 * @example
 * import { tableFromIPC } from '@uwdata/flechette'
 * const bytes = await populationArrow(store, 'pop_…', { columns: ['change_id', 'type', 'deployed_at'] })
 * tableFromIPC(bytes).getChild('type').at(0) // 'standard'
 * // pyarrow: pa.ipc.open_stream(bytes).read_all()
 */
import { Column, Endianness, Table, Version, field, tableToIPC, type Batch } from '@uwdata/flechette';
import type { PopulationChunk } from '../population/types.js';
import { columnsOf, Float64Numbers, StringsText, type FieldVector } from '../population/vectors.js';
import type { Store } from '../store/store.js';
import { arrowBatch, dictionaryBatch, int32Batch, utf8Column } from './arrow-columns.js';
import { populationChunks, type PopulationTableOptions } from './population-table.js';

export async function populationArrow(store: Store, populationId: string, opts: PopulationTableOptions = {}): Promise<Uint8Array> {
  const { meta, names, chunks } = await populationChunks(store, populationId, opts);
  const columns = names.map((name) => {
    if (name === 'record' || name === 'line') return new Column(chunks.map((c) => int32Batch(c[name], c.rows)));
    const field = Object.hasOwn(meta.mapping, name);
    return columnOf(chunks.map((c) => (field ? columnsOf(c).field(name) : columnsOf(c).source(name))), chunks);
  });
  const schema = { version: Version.V5, endianness: Endianness.Little, fields: names.map((name, i) => field(name, columns[i]!.type)), metadata: null };
  return tableToIPC(new Table(schema, columns), { format: 'stream' })!;
}

/** One column over every chunk: one dictionary for all when every chunk stores codes, else each chunk's own batch. */
function columnOf(vectors: (FieldVector | undefined)[], chunks: PopulationChunk[]): Column<unknown> {
  const kind = vectors.find((v) => v)?.kind ?? 'text';
  const present: FieldVector[] = vectors.map((v, i) => v ?? (kind === 'number' ? new Float64Numbers(new Float64Array(chunks[i]!.rows).fill(Number.NaN), chunks[i]!.rows, 'number') : new StringsText(new Array(chunks[i]!.rows).fill(null), chunks[i]!.rows)));
  const coded = present.map((v) => (v.kind === 'text' ? v.dictionary?.() : undefined));
  if (present.length && coded.every((c) => c)) return dictionaryColumn(coded as { codes: Int32Array; values: readonly string[] }[], chunks);
  return new Column(present.map((v, i) => arrowBatch(v, chunks[i]!.rows).batch));
}

/** Each chunk's codes re-coded into one dictionary, values in order of first appearance. */
function dictionaryColumn(coded: { codes: Int32Array; values: readonly string[] }[], chunks: PopulationChunk[]): Column<unknown> {
  const index = new Map<string, number>();
  const values: string[] = [];
  const recoded = coded.map(({ codes, values: local }, k) => {
    const to = local.map((v) => {
      let code = index.get(v);
      if (code === undefined) index.set(v, (code = values.push(v) - 1));
      return code;
    });
    return recode(codes, Int32Array.from(to), chunks[k]!.rows);
  });
  const dictionary = utf8Column(values);
  const batches: Batch<unknown>[] = recoded.map((codes, k) => dictionaryBatch(codes, dictionary, chunks[k]!.rows));
  return new Column(batches);
}

function recode(codes: Int32Array, to: Int32Array, rows: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = codes[i]!;
    out[i] = c >= 0 ? to[c]! : -1;
  }
  return out;
}
