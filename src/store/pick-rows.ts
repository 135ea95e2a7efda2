/**
 * A chunk of only some of another chunk's rows (in the order given), read cell by cell: no
 * column of the source chunk is materialised. For work on a few rows of a large chunk — the
 * sampled items of a test run — where the rest of the chunk would only be read and thrown away.
 *
 * @example
 * const items = pickRows(chunk, [4, 17]) // items.rows === 2, items.record[0] === chunk.record[4]
 */
import type { FieldColumn, PopulationChunk } from '../population/types.js';
import { cellReader } from './chunk-codec.js';

export function pickRows(chunk: PopulationChunk, rows: readonly number[]): PopulationChunk {
  const cells = cellReader(chunk);
  const source: PopulationChunk['source'] = {};
  for (const h of Object.keys(chunk.source)) source[h] = rows.map((i) => cells.source(h, i));
  const fields: PopulationChunk['fields'] = {};
  for (const name of Object.keys(chunk.fields)) {
    const type = cells.type(name);
    if (!type) continue;
    fields[name] = (type === 'string' || type === 'enum'
      ? { type, values: rows.map((i) => cells.field(name, i) as string | null) }
      : { type, values: Float64Array.from(rows, (i) => (cells.field(name, i) as number | null) ?? NaN) }) as FieldColumn;
  }
  return {
    rows: rows.length,
    record: Int32Array.from(rows, (i) => chunk.record[i]!),
    line: Int32Array.from(rows, (i) => chunk.line[i]!),
    source,
    fields,
  };
}
