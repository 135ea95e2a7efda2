/**
 * The seat table of a stratified draw, from the strata's populations the `strata` statement
 * counted: the same strata list the embedded draw makes (every period stratum, empty ones at 0,
 * chronological, `undated` last) and the same allocation (allocation.ts `allocationSequence`,
 * Sainte-Laguë one seat at a time). Seat t takes its stratum's next-smallest PRN: rank a.
 *
 * @example
 * seatsFor(spec, [{ stratum: '2025-01', population: 10 }, { stratum: '2025-02', population: 30 }])
 * // [{ stratum: '2025-02', rank: 1, order: 1 }, { stratum: '2025-01', rank: 1, order: 2 }, …]
 */
import { allocationSequence, type StratumPopulation } from '../../sampling/allocation.js';
import type { SelectionSpec } from '../../sampling/spec.js';
import { compareStrata, periodStrata } from '../../sampling/strata.js';
import type { Seat } from '../compile/selection.js';
import { int, text, type TypedRow } from './results.js';

export function strataPopulations(spec: SelectionSpec, rows: readonly TypedRow[]): StratumPopulation[] {
  const list = rows.map((s) => ({ id: text(s.stratum), population: int(s.population) }));
  if (spec.period && spec.stratify) for (const id of periodStrata(spec.period, spec.stratify.by)) if (!list.some((s) => s.id === id)) list.push({ id, population: 0 });
  return list.sort((a, b) => compareStrata(a.id, b.id));
}

/** Seats in draw order; orders count the drawn items only (key items come before them). */
export function seatsFor(spec: SelectionSpec, rows: readonly TypedRow[]): Seat[] {
  const strata = strataPopulations(spec, rows);
  const taken = strata.map(() => 0);
  return allocationSequence(strata, spec.n, spec.stratify?.allocation ?? 'proportional').map((h, t) => ({ stratum: strata[h]!.id, rank: ++taken[h]!, order: t + 1 }));
}
