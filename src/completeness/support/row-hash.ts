/**
 * Whole-row hashes of a chunk for duplicate_rows: the ones stored with the chunk at ingest when
 * present (population/row-hash.ts), else computed from its source columns (offsets into the
 * chunk text where stored so, strings otherwise) — the same values either way.
 *
 * @example
 * const { hash, rest } = hashRows(chunk, meta.headers) // Float64Array, Int32Array, one per row
 */
import { hashSourceRows, type HashColumn, type RowHashes } from '../../population/row-hash.js';
import type { PopulationChunk } from '../../population/types.js';
import { cellReader } from '../../store/chunk-codec.js';

export { hashHex, hashLatin1, hashText, repeatedValues, type Repeats } from '../../population/row-hash.js';

export function hashRows(chunk: PopulationChunk, headers: readonly string[]): RowHashes {
  const cells = cellReader(chunk);
  const stored = cells.rowHashes();
  if (stored) return stored;
  const columns = headers.map((h): HashColumn => (Object.hasOwn(chunk.source, h) ? (cells.spans(h) ?? chunk.source[h]) : null));
  return hashSourceRows(chunk.rows, columns);
}
