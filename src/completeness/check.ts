/**
 * The one interface every completeness check implements: a map over one chunk to a partial,
 * a merge of two partials, and a finish to the check's result. Partials are structured-cloneable
 * (plain objects, arrays, typed arrays, Maps) so `map` can run on a worker; merge is associative
 * and never mutates its inputs; finish sorts whatever order-dependent lists remain, so results do
 * not depend on the chunking or on the row order.
 *
 * @example
 * const p = check.merge(check.map(a, ctx), check.map(b, ctx), ctx); check.finish(p, ctx)
 */
import type { PopulationChunk } from '../population/types.js';
import type { CheckContext } from './context.js';
import type { CheckId, CheckResultFor } from './types.js';

export interface CompletenessCheck<Id extends CheckId, P> {
  id: Id;
  /** The partial of no rows. */
  empty(ctx: CheckContext): P;
  map(chunk: PopulationChunk, ctx: CheckContext): P;
  /** Chunks of the second population (tie_out only); other checks ignore them. */
  mapOther?(chunk: PopulationChunk, ctx: CheckContext): P;
  merge(a: P, b: P, ctx: CheckContext): P;
  finish(partial: P, ctx: CheckContext): CheckResultFor<Id>;
}

/** A result for a check that did not run (or had nothing to check): status not_run, `ran: false`, a summary saying why. */
export function notRun<Id extends CheckId>(id: Id, reason: string, parameters: Record<string, unknown> = {}): CheckResultFor<Id> {
  return { id, status: 'not_run', ran: false, summary: `not run: ${reason}`, parameters, evidence: null } as CheckResultFor<Id>;
}
