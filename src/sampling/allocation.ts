/**
 * Allocation of a stratified sample: which stratum each successive draw comes from. Items are
 * allocated one at a time (a "seat" sequence), so the allocation for n is always the first n
 * seats of the allocation for n + 1: extending a stratified sample never takes an item away
 * from a stratum, and every earlier pick is kept. (Largest-remainder rounding does not have
 * that property — growing n can shrink a stratum's share, the "Alabama paradox".)
 *
 * Rules, with N_h the stratum's eligible population and a_h the items allocated so far; a
 * stratum is full when a_h = N_h and takes no more:
 * - proportional: first, every non-empty stratum gets one item (largest N_h first, ties by
 *   earlier stratum); then each next item goes to the stratum with the largest N_h / (a_h + ½)
 *   — the Webster / Sainte-Laguë divisor method, i.e. n·N_h/N rounded to the nearest integer with
 *   a common adjusted divisor. Ties: larger N_h, then earlier stratum. Priorities are compared
 *   exactly by cross-multiplication in integers: N_i·(2a_j + 1) vs N_j·(2a_i + 1).
 * - equal: each next item goes to the stratum with the fewest items so far; ties: larger N_h,
 *   then earlier stratum (so n = 5 over 12 months goes to the 5 busiest months).
 * The draw within a stratum is always its next-smallest PRN, so seat t is item order t.
 *
 * @example
 * allocationSequence([{ id: '2025-Q1', population: 100 }, { id: '2025-Q2', population: 300 }], 4, 'proportional')
 * // [1, 0, 1, 1]: Q2, Q1, Q2, Q2 → allocation Q1 = 1, Q2 = 3
 */
import type { AllocationRule } from './spec.js';

export interface StratumPopulation {
  id: string;
  population: number;
}

/** True when stratum i should get the next item before stratum j (strata listed chronologically). */
function before(rule: AllocationRule, strata: readonly StratumPopulation[], allocated: readonly number[], i: number, j: number): boolean {
  const Ni = strata[i]!.population;
  const Nj = strata[j]!.population;
  const ai = allocated[i]!;
  const aj = allocated[j]!;
  if (rule === 'equal' || ai === 0 || aj === 0) {
    if (ai !== aj) return ai < aj;
  } else {
    const left = Ni * (2 * aj + 1);
    const right = Nj * (2 * ai + 1);
    if (left !== right) return left > right;
  }
  if (Ni !== Nj) return Ni > Nj;
  return i < j;
}

/**
 * The stratum index of each of the first n draws (fewer when the strata run out).
 *
 * @example
 * allocationSequence([{ id: 'a', population: 2 }, { id: 'b', population: 2 }], 9, 'equal').length // 4
 */
export function allocationSequence(strata: readonly StratumPopulation[], n: number, rule: AllocationRule): number[] {
  const allocated = strata.map(() => 0);
  const sequence: number[] = [];
  while (sequence.length < n) {
    let best = -1;
    for (let h = 0; h < strata.length; h++) {
      if (allocated[h]! >= strata[h]!.population) continue;
      if (best < 0 || before(rule, strata, allocated, h, best)) best = h;
    }
    if (best < 0) break;
    allocated[best]!++;
    sequence.push(best);
  }
  return sequence;
}

/**
 * Items per stratum for a sample of n.
 *
 * @example
 * allocate([{ id: 'a', population: 100 }, { id: 'b', population: 200 }, { id: 'c', population: 700 }], 10, 'proportional')
 * // [1, 2, 7]
 */
export function allocate(strata: readonly StratumPopulation[], n: number, rule: AllocationRule): number[] {
  const counts = strata.map(() => 0);
  for (const h of allocationSequence(strata, n, rule)) counts[h]!++;
  return counts;
}

/** The allocation rule in words, for the workbook. */
export function describeAllocation(rule: AllocationRule): string {
  return rule === 'proportional'
    ? 'Proportional allocation: one item for every non-empty stratum first (largest first), then each further item to the stratum with the largest N_h / (a_h + 1/2) (Webster/Sainte-Laguë divisor method; ties: larger stratum, then earlier period); items are allocated one at a time so an extended sample keeps every earlier item; within a stratum, the smallest PRNs.'
    : 'Equal allocation: each further item to the stratum with the fewest items so far (ties: larger stratum, then earlier period), never more than a stratum holds; within a stratum, the smallest PRNs.';
}
