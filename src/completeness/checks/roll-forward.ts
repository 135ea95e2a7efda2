/**
 * roll_forward (access snapshots): start count + adds − removes = end count. Each term is either
 * a figure the user gives (e.g. the user counts of the system at the period's start and end) or
 * counted from the population with the added/removed timestamps: start = added before the period
 * and not removed before it; adds = added in the period; removes = removed in the period;
 * end = added before the period's end and not removed by then. Rows with no added time are left
 * out of every counted term and reported (warn), as are rows removed before they were added.
 * The equation and its difference are in the evidence; a difference fails. Present in every
 * report; not run unless `rollForward` is given.
 *
 * @example
 * // { start: 1200, end: 1250, removes: 35 } with 85 rows granted in the period → 1200 + 85 − 35 = 1250 → pass
 */
import type { PopulationChunk } from '../../population/types.js';
import { notRun, type CompletenessCheck } from '../check.js';
import type { CheckContext } from '../context.js';
import { timestampColumn } from '../support/columns.js';
import type { RollForwardResult, RollForwardTerm } from '../types.js';

export interface RollForwardPartial {
  start: number;
  adds: number;
  removes: number;
  end: number;
  undated: number;
  removedBeforeAdded: number;
}

const empty = (): RollForwardPartial => ({ start: 0, adds: 0, removes: 0, end: 0, undated: 0, removedBeforeAdded: 0 });

function map(chunk: PopulationChunk, ctx: CheckContext): RollForwardPartial {
  const out = empty();
  const r = ctx.params.rollForward;
  if (!r) return out;
  const added = r.addedField ? timestampColumn(chunk, r.addedField) : undefined;
  const removed = r.removedField ? timestampColumn(chunk, r.removedField) : undefined;
  const S = ctx.period.startMs;
  const E = ctx.period.endExclusiveMs;
  for (let i = 0; i < chunk.rows; i++) {
    const x = removed ? removed[i]! : NaN;
    if (r.addedField) {
      const a = added ? added[i]! : NaN;
      if (a !== a) { out.undated++; continue; }
      if (a < S && !(x < S)) out.start++;
      if (a >= S && a < E) out.adds++;
      if (a < E && !(x < E)) out.end++;
      if (x < a) out.removedBeforeAdded++;
    }
    if (x >= S && x < E) out.removes++;
  }
  return out;
}

function merge(a: RollForwardPartial, b: RollForwardPartial): RollForwardPartial {
  return {
    start: a.start + b.start, adds: a.adds + b.adds, removes: a.removes + b.removes, end: a.end + b.end,
    undated: a.undated + b.undated, removedBeforeAdded: a.removedBeforeAdded + b.removedBeforeAdded,
  };
}

function finish(p: RollForwardPartial, ctx: CheckContext): RollForwardResult {
  const r = ctx.params.rollForward;
  if (!r) return notRun('roll_forward', 'no roll-forward figures asked for (rollForward)');
  const parameters = { ...r };
  const term = (given: number | 'count', counted: number): RollForwardTerm => (given === 'count' ? { value: counted, source: 'counted' } : { value: given, source: 'given' });
  const start = term(r.start, p.start);
  const adds = term(r.adds, p.adds);
  const removes = term(r.removes, p.removes);
  const end = term(r.end, p.end);
  const computedEnd = start.value + adds.value - removes.value;
  const difference = computedEnd - end.value;
  const equation = `${start.value} + ${adds.value} − ${removes.value} = ${computedEnd}; end ${end.value}; difference ${difference}`;
  const notes: string[] = [];
  if (p.undated) notes.push(`${p.undated} row(s) without ${r.addedField}`);
  if (p.removedBeforeAdded) notes.push(`${p.removedBeforeAdded} row(s) removed before added`);
  const status = difference !== 0 ? 'fail' : notes.length ? 'warn' : 'pass';
  const summary = `start ${start.value} + adds ${adds.value} − removes ${removes.value} = ${computedEnd} ${difference === 0 ? '=' : '≠'} end ${end.value}` +
    (difference ? ` (difference ${difference})` : '') + (notes.length ? `; ${notes.join('; ')}` : '');
  return {
    id: 'roll_forward', status, ran: true, summary, parameters,
    evidence: { equation, start, adds, removes, end, computedEnd, difference, addedField: r.addedField, removedField: r.removedField, undated: p.undated, removedBeforeAdded: p.removedBeforeAdded },
  };
}

export const rollForward: CompletenessCheck<'roll_forward', RollForwardPartial> = { id: 'roll_forward', empty, map, merge, finish };
