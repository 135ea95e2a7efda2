/**
 * Record keys: the business key of each row (the kind's key fields, trimmed, joined by U+001F),
 * or — when the population has no key or a row's key is blank — a content key: `#` followed by
 * the SHA-256 (hex) of the row's source values joined by U+001F (blank cells as empty strings).
 * Identical rows share a content key; ties are broken by source record number downstream.
 *
 * @example
 * recordKeys(chunk, ['change_id'])[0] // 'CHG0001234'
 */
import { createHash } from 'node:crypto';
import type { PopulationChunk } from './types.js';

export const KEY_SEPARATOR = '\u001f';

export function contentKey(chunk: PopulationChunk, row: number, headers: string[]): string {
  const parts = headers.map((h) => chunk.source[h]?.[row] ?? '');
  return '#' + createHash('sha256').update(parts.join(KEY_SEPARATOR)).digest('hex');
}

/** The key of every row of a chunk, in row order. */
export function recordKeys(chunk: PopulationChunk, key: string[], headers: string[]): string[] {
  const columns = key.map((k) => chunk.fields[k]?.values as (string | null)[] | undefined);
  const keys = new Array<string>(chunk.rows);
  for (let i = 0; i < chunk.rows; i++) {
    let k: string | null = columns.length ? '' : null;
    for (let c = 0; c < columns.length; c++) {
      const v = columns[c]?.[i];
      if (v == null || v === '') { k = null; break; }
      k = c === 0 ? v : k + KEY_SEPARATOR + v;
    }
    keys[i] = k ?? contentKey(chunk, i, headers);
  }
  return keys;
}
