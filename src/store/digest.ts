/**
 * A content digest of a stored population: SHA-256 over every accepted row (record, line, source
 * text of each column, typed value of each field) in source order, plus the counts. Two ingests
 * of the same bytes agree on it whatever the worker count or chunk size — tests prove it.
 *
 * @example
 * await populationDigest(store.populationDir(meta.id), meta) // '3f2a…'
 */
import { createHash } from 'node:crypto';
import type { PopulationMeta } from '../population/types.js';
import { columnsOf } from '../population/vectors.js';
import { readChunks } from './read-chunks.js';

export async function populationDigest(dir: string, meta: PopulationMeta): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ rows: meta.rows, headers: meta.headers, mapping: meta.mapping, issues: meta.issues, columns: meta.columns }));
  const fields = Object.keys(meta.mapping);
  for await (const chunk of readChunks(dir, meta)) {
    const columns = columnsOf(chunk);
    // Every cell goes into the digest as JSON: each text column's cells as strings, made once.
    const sources = meta.headers.map((h) => columns.source(h)!.values());
    const typed = fields.map((f) => {
      const v = columns.field(f);
      return v?.kind === 'text' ? v.values() : v?.values;
    });
    for (let i = 0; i < chunk.rows; i++) {
      const parts: (string | number | null)[] = [chunk.record[i]!, chunk.line[i]!];
      for (const values of sources) parts.push(values[i] ?? null);
      for (const values of typed) {
        const v = values?.[i];
        parts.push(typeof v === 'number' && Number.isNaN(v) ? null : (v ?? null));
      }
      hash.update(JSON.stringify(parts));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
