/**
 * A chunk of only some of another chunk's rows (in the order given), read cell by cell: no
 * column of the source chunk is materialised. For work on a few rows of a large chunk — the
 * sampled items of a test run — where the rest of the chunk would only be read and thrown away.
 *
 * @example
 * const items = pickRows(chunk, [4, 17]) // items.rows === 2, items.record[0] === chunk.record[4]
 */
import type { PopulationChunk } from '../population/types.js';
import { columnsOf } from '../population/vectors.js';

export function pickRows(chunk: PopulationChunk, rows: readonly number[]): PopulationChunk {
  const columns = columnsOf(chunk);
  const source: PopulationChunk['source'] = {};
  for (const h of Object.keys(chunk.source)) {
    const v = columns.source(h)!;
    source[h] = rows.map((i) => v.cell(i));
  }
  const fields: PopulationChunk['fields'] = {};
  for (const name of Object.keys(chunk.fields)) {
    const v = columns.field(name);
    if (v?.kind === 'text') fields[name] = { type: v.type, values: rows.map((i) => v.cell(i)) };
    else if (v) fields[name] = { type: v.type, values: Float64Array.from(rows, (i) => v.values[i]!) };
  }
  return {
    rows: rows.length,
    record: Int32Array.from(rows, (i) => chunk.record[i]!),
    line: Int32Array.from(rows, (i) => chunk.line[i]!),
    source,
    fields,
  };
}
