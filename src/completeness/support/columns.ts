/**
 * Column access shared by the checks: the raw source text of a field, the typed event column,
 * and the business key of a row written for people (fields joined by " | ") or for grouping
 * (joined by U+001F, as `recordKeys` does).
 *
 * @example
 * const key = keyReader(chunk, ['employee_id', 'account_id']); key(0, ' | ') // 'E12 | jdoe'
 */
import { joinKey, KEY_SEPARATOR } from '../../kernels/keys.js';
import type { PopulationChunk } from '../../population/types.js';
import { columnsOf } from '../../population/vectors.js';

export const DISPLAY_SEPARATOR = ' | ';
export { KEY_SEPARATOR };

/**
 * The raw text (blank → null) of a source header's cell in row i, or undefined when the chunk
 * lacks the column. Read cell by cell (from the file's offsets when stored so): checks cite the
 * raw text of a few rows, and materialising the column for them would cost a string per row.
 */
export function rawCell(chunk: PopulationChunk, header: string | null | undefined): ((i: number) => string | null) | undefined {
  const column = header == null ? undefined : columnsOf(chunk).source(header);
  return column && ((i) => column.cell(i));
}

/** The typed timestamp column of a field, or undefined when the chunk does not carry it typed as one. */
export function timestampColumn(chunk: PopulationChunk, field: string | null): Float64Array | undefined {
  const column = field ? columnsOf(chunk).field(field) : undefined;
  return column?.type === 'timestamp' ? column.values : undefined;
}

/**
 * A reader of the business key of row i; null when any key field is blank (or there is no key).
 * Cells are read one at a time (from the chunk file's offsets when it has them): checks call it
 * for the few rows they cite, so no key column is materialised for it.
 */
export function keyReader(chunk: PopulationChunk, keyFields: readonly string[]): (i: number, separator?: string) => string | null {
  const columns = keyFields.map((f) => columnsOf(chunk).field(f));
  const parts = new Array<string | number | null>(columns.length);
  return (i, separator = DISPLAY_SEPARATOR) => {
    for (let c = 0; c < columns.length; c++) parts[c] = columns[c]?.cell(i) ?? null;
    return joinKey(parts, separator);
  };
}
