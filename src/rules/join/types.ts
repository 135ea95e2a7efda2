/**
 * The join index's shape (build-join-index.ts builds it): declarations only, so that readers of
 * rule types (the web app among them) load no rule code.
 *
 * @example
 * const accounts: JoinIndex = buildJoinIndex(accountChunks, 'employee_id')
 */
import type { FieldColumn } from '../../population/types.js';

export interface JoinIndex {
  /** Field (or header) of the second population the index is keyed on. */
  keyField: string;
  /** Field (or header) of the tested population looked up in it (absent: the rule's own). */
  leftField?: string;
  /** Indexes on the next key pairs, tried in order for a row this one does not find. */
  fallbacks?: JoinIndex[];
  /** True when keys are compared ignoring case and spacing. */
  normalised: boolean;
  /** Indexed rows (blank keys excluded). */
  rows: number;
  /** Normalised key → group number. */
  groups: Map<string, number>;
  /** Group g holds rows start[g] … start[g+1]-1. Length groups.size + 1. */
  start: Int32Array;
  /** Source record number of each indexed row, in group order. */
  record: Int32Array;
  /** Kept fields, in group order. A null-prototype object; read with Object.hasOwn. */
  columns: Record<string, FieldColumn>;
}
