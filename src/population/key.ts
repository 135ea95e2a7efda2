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
import { joinKey, KEY_SEPARATOR } from '../kernels/keys.js';
import type { PopulationChunk } from './types.js';
import { columnsOf } from './vectors.js';

export { KEY_SEPARATOR };

export function contentKey(chunk: PopulationChunk, row: number, headers: string[]): string {
  const columns = columnsOf(chunk);
  const parts = headers.map((h) => columns.source(h)?.cell(row) ?? '');
  return '#' + createHash('sha256').update(parts.join(KEY_SEPARATOR)).digest('hex');
}

/** The key of every row of a chunk, in row order. */
export function recordKeys(chunk: PopulationChunk, key: string[], headers: string[]): string[] {
  const columns = key.map((k) => columnsOf(chunk).field(k));
  const text = columns.map((c) => (c?.kind === 'text' ? c.values() : undefined));
  const parts = new Array<string | number | null>(columns.length);
  const keys = new Array<string>(chunk.rows);
  for (let i = 0; i < chunk.rows; i++) {
    for (let c = 0; c < columns.length; c++) parts[c] = text[c] ? (text[c]![i] ?? null) : (columns[c]?.cell(i) ?? null);
    keys[i] = joinKey(parts) ?? contentKey(chunk, i, headers);
  }
  return keys;
}
