/**
 * Suggestions for a required field that no column filled: unmapped headers whose names are close
 * to the field's (edit distance at most a third of the name) and whose sampled values would pass
 * the field's checks — so a column of surnames is never offered as a termination date.
 *
 * @example
 * closest(kindSpec('change').fields[7]!, ['Deploy Dat', 'Last name'], column, { timeZone: 'UTC' }) // ['Deploy Dat']
 */
import { synonymRanks, type FieldSpec } from '../../population/kinds.js';
import { editDistance, normalizeHeader } from './normalize.js';
import { checkColumn, type CheckOptions } from './value-checks.js';

export function closest(field: FieldSpec, headers: readonly string[], column: (h: string) => string[], opts: CheckOptions): string[] {
  const names = [field.name, ...synonymRanks(field).flat()].map(normalizeHeader);
  return headers
    .map((h) => ({ h, d: Math.min(...names.map((n) => editDistance(n, normalizeHeader(h)) / Math.max(n.length, 1))) }))
    .filter((x) => x.d <= 0.34 && checkColumn(field, column(x.h), opts).ok)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.h);
}
