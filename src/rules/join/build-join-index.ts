/**
 * A compact key → rows index of a second population, for cross-population rules (terminations ↔
 * accounts, changes ↔ deployments). Rows are grouped by key in flat typed arrays (`start`, `record`)
 * and only the fields a rule reads are kept, column by column in group order. Keys are compared
 * after trimming, collapsing whitespace and lower-casing unless `exact` is set. Rows with a blank
 * key are not indexed. Structured-cloneable, so it can be sent to the workers once.
 *
 * @example
 * const accounts = buildJoinIndex(accountChunks, 'employee_id', { fields: ['account_id', 'disabled_at'] })
 * joinLookup(accounts, 'E042') // { from: 3, to: 5 } → rows 3 and 4 of accounts.columns / accounts.record
 */
import type { FieldColumn, PopulationChunk } from '../../population/types.js';
import { anyColumn } from '../read/columns.js';
import { normaliseName } from '../read/person.js';
import type { JoinIndex } from './types.js';

export type { JoinIndex } from './types.js';

export interface JoinIndexOptions {
  /** Fields (canonical or headers) to keep for the rules that read them. */
  fields?: readonly string[];
  /** Field (or header) of the tested population looked up in this index. */
  leftField?: string;
  /** Compare keys exactly (default: ignore case and spacing). */
  exact?: boolean;
}

export function joinKey(value: string, normalised: boolean): string {
  return normalised ? normaliseName(value) : value;
}

export function buildJoinIndex(chunks: Iterable<PopulationChunk>, keyField: string, opts: JoinIndexOptions = {}): JoinIndex {
  const normalised = !opts.exact;
  const fields = [...new Set(opts.fields ?? [])];
  const groups = new Map<string, number>();
  const counts: number[] = [];
  // First pass: group number of every indexed row, remembered per chunk.
  const kept: { chunk: PopulationChunk; rowGroup: Int32Array }[] = [];
  let rows = 0;
  for (const chunk of chunks) {
    const keyColumn = anyColumn(chunk, keyField);
    const rowGroup = new Int32Array(chunk.rows).fill(-1);
    if (keyColumn && (keyColumn.type === 'string' || keyColumn.type === 'enum')) {
      const values = keyColumn.values;
      for (let i = 0; i < chunk.rows; i++) {
        const v = values[i];
        if (v == null || v.trim() === '') continue;
        const k = joinKey(v, normalised);
        let g = groups.get(k);
        if (g === undefined) { g = counts.length; groups.set(k, g); counts.push(0); }
        counts[g]!++;
        rowGroup[i] = g;
        rows++;
      }
    }
    kept.push({ chunk, rowGroup });
  }
  const start = new Int32Array(counts.length + 1);
  for (let g = 0; g < counts.length; g++) start[g + 1] = start[g]! + counts[g]!;
  const next = start.slice(0, counts.length);
  const record = new Int32Array(rows);
  const columns: Record<string, FieldColumn> = Object.create(null);
  const types = new Map<string, FieldColumn['type']>();
  for (const { chunk } of kept) {
    for (const f of fields) {
      const c = anyColumn(chunk, f);
      if (c && !types.has(f)) types.set(f, c.type);
    }
  }
  for (const [f, type] of types) {
    columns[f] = type === 'string' || type === 'enum' ? { type, values: new Array<string | null>(rows).fill(null) } : { type, values: new Float64Array(rows).fill(NaN) };
  }
  for (const { chunk, rowGroup } of kept) {
    const sources = [...types.keys()].map((f) => [columns[f]!, anyColumn(chunk, f)] as const);
    for (let i = 0; i < chunk.rows; i++) {
      const g = rowGroup[i]!;
      if (g < 0) continue;
      const at = next[g]!++;
      record[at] = chunk.record[i]!;
      for (const [target, source] of sources) {
        if (!source || source.type !== target.type) continue;
        (target.values as unknown[])[at] = source.values[i];
      }
    }
  }
  return { keyField, ...(opts.leftField ? { leftField: opts.leftField } : {}), normalised, rows, groups, start, record, columns };
}
