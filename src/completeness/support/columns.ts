/**
 * Column access shared by the checks: the raw source text of a field, the typed event column,
 * and the business key of a row written for people (fields joined by " | ") or for grouping
 * (joined by U+001F, as `recordKeys` does).
 *
 * @example
 * const key = keyReader(chunk, ['employee_id', 'account_id']); key(0, ' | ') // 'E12 | jdoe'
 */
import { KEY_SEPARATOR } from '../../population/key.js';
import type { PopulationChunk } from '../../population/types.js';

export const DISPLAY_SEPARATOR = ' | ';
export { KEY_SEPARATOR };

/** Raw text column (blank → null) of a source header, or undefined when the chunk lacks it. */
export function rawColumn(chunk: PopulationChunk, header: string | null | undefined): (string | null)[] | undefined {
  return header == null ? undefined : chunk.source[header];
}

/** The typed timestamp column of a field, or undefined when the chunk does not carry it typed as one. */
export function timestampColumn(chunk: PopulationChunk, field: string | null): Float64Array | undefined {
  if (!field) return undefined;
  const col = chunk.fields[field];
  return col && col.type === 'timestamp' ? col.values : undefined;
}

/** String values of a canonical field (typed strings/enums), or undefined. */
export function stringColumn(chunk: PopulationChunk, field: string): (string | null)[] | undefined {
  const col = chunk.fields[field];
  return col && (col.type === 'string' || col.type === 'enum') ? col.values : undefined;
}

/** A reader of the business key of row i; null when any key field is blank (or there is no key). */
export function keyReader(chunk: PopulationChunk, keyFields: readonly string[]): (i: number, separator?: string) => string | null {
  const columns = keyFields.map((f): (string | null)[] | undefined => {
    const col = chunk.fields[f];
    if (!col) return undefined;
    if (col.type === 'string' || col.type === 'enum') return col.values;
    const typed = col.values;
    const text = new Array<string | null>(typed.length);
    for (let i = 0; i < typed.length; i++) text[i] = Number.isNaN(typed[i]) ? null : String(typed[i]);
    return text;
  });
  return (i, separator = DISPLAY_SEPARATOR) => {
    if (columns.length === 0) return null;
    let key = '';
    for (let c = 0; c < columns.length; c++) {
      const v = columns[c]?.[i];
      if (v == null || v === '') return null;
      key = c === 0 ? v : key + separator + v;
    }
    return key;
  };
}
