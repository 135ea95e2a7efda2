/**
 * Per-column profile partials (non-blank, invalid, distinct, min/max) computed per chunk and
 * merged in chunk order into the population's `ColumnProfile`s.
 */
import type { ColumnProfile } from '../../population/types.js';
import { distinctCount, mergeDistinct, newDistinct, type DistinctSketch } from './distinct.js';

export interface ColumnPartial {
  nonBlank: number;
  invalid: number;
  min: number;
  max: number;
  distinct: DistinctSketch;
}

export function newColumnPartial(): ColumnPartial {
  return { nonBlank: 0, invalid: 0, min: Infinity, max: -Infinity, distinct: newDistinct() };
}

/** Merge `b` into the accumulator `a` (mutated and returned). */
export function mergeColumnPartial(a: ColumnPartial, b: ColumnPartial): ColumnPartial {
  a.nonBlank += b.nonBlank;
  a.invalid += b.invalid;
  a.min = Math.min(a.min, b.min);
  a.max = Math.max(a.max, b.max);
  a.distinct = mergeDistinct(a.distinct, b.distinct);
  return a;
}

export function finishColumnProfile(
  column: { header: string; field?: string; type: ColumnProfile['type'] },
  p: ColumnPartial,
): ColumnProfile {
  const d = distinctCount(p.distinct);
  const ranged = column.type === 'timestamp' || column.type === 'number';
  const show = (v: number) => (column.type === 'timestamp' ? new Date(v).toISOString() : v);
  return {
    header: column.header,
    ...(column.field ? { field: column.field } : {}),
    type: column.type,
    nonBlank: p.nonBlank,
    distinct: d.count,
    distinctExact: d.exact,
    invalid: p.invalid,
    ...(ranged ? { min: Number.isFinite(p.min) ? show(p.min) : null, max: Number.isFinite(p.max) ? show(p.max) : null } : {}),
  };
}
