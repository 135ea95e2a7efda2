/**
 * Reading a join index: the rows of one key, a kept column, and the index a rule needs from the
 * test context (a missing index is an operational error: the rule set was built for a join the
 * caller did not supply).
 *
 * @example
 * const hit = joinLookup(index, ' e042 ') // same group as 'E042' when the index is normalised
 */
import { tickmarkError } from '../../errors.js';
import type { FieldColumn } from '../../population/types.js';
import type { TestContext } from '../types.js';
import { joinKey, type JoinIndex } from './build-join-index.js';

export interface JoinRows {
  from: number;
  to: number;
}

export function joinLookup(index: JoinIndex, value: string): JoinRows | null {
  const g = index.groups.get(joinKey(value, index.normalised));
  if (g === undefined) return null;
  return { from: index.start[g]!, to: index.start[g + 1]! };
}

export function joinColumn(index: JoinIndex, field: string): FieldColumn | null {
  return Object.hasOwn(index.columns, field) ? index.columns[field]! : null;
}

export function joinIndexOf(ctx: TestContext, name: string): JoinIndex {
  const joins = ctx.joins;
  if (!joins || !Object.hasOwn(joins, name)) {
    throw tickmarkError('TM_ERR_USAGE', { message: `the rule set tests against a second population "${name}", but no index for it was supplied (build one with buildJoinIndex and pass it as joins.${name})` });
  }
  return joins[name]!;
}
