/**
 * Whole-row hashes of a chunk for duplicate_rows: the ones stored with the chunk at ingest when
 * present (population/row-hash.ts), else computed from its source columns (offsets into the
 * chunk text where stored so, strings otherwise) — the same values either way.
 *
 * @example
 * const { hash, rest } = hashRows(chunk, meta.headers) // Float64Array, Int32Array, one per row
 */
import { hashSourceRows, type RowHashes } from '../../kernels/row-hash.js';
import type { PopulationChunk } from '../../population/types.js';
import { columnsOf } from '../../population/vectors.js';

export { hashHex, hashText, hashUnits, repeatedValues, type Repeats } from '../../kernels/row-hash.js';

export function hashRows(chunk: PopulationChunk, headers: readonly string[]): RowHashes {
  const columns = columnsOf(chunk);
  return columns.rowHashes() ?? hashSourceRows(chunk.rows, headers.map((h) => columns.source(h)?.units()));
}
